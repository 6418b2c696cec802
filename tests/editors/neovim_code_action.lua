-- Headless Neovim (0.7+) with followup-lint attached: waits for the W205 finding on the draft, asks the
-- server for the code actions there, applies the preferred fix as Neovim's own code-action handler does
-- (vim.lsp.util.apply_workspace_edit: the buffer changes, Neovim sends the change to the server), waits
-- for the re-check, and writes what happened to $OUT as JSON (tests/test_neovim.py).
local out = os.getenv("OUT")
local wait = tonumber(os.getenv("WAIT_MS"))
vim.cmd("edit " .. os.getenv("DRAFT"))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "followup-lint",
  cmd = { os.getenv("PY"), "-m", "followup_lint.lsp" },
  root_dir = vim.fn.getcwd(),
  init_options = { grammar = false },
})
vim.lsp.buf_attach_client(buf, id)

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local function find(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then return d end
  end
end
local function codes()
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(t, code_of(d) or vim.NIL) end
  return t
end

local report = { ok = false }
if vim.wait(wait, function() return find("W205") ~= nil end, 100) then
  report.before = codes()
  local d = find("W205")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, wait) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.isPreferred and action.edit and report.applied == nil then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        report.applied = action.title
      end
    end
  end
  report.ok = report.applied ~= nil and vim.wait(wait, function()
    return find("W205") == nil and #vim.diagnostic.get(buf) > 0
  end, 100)
  report.after = codes()
  report.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode(report))
f:close()
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd("qa!")
