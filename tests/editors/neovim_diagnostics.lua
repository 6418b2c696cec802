-- Headless Neovim (0.7+) with followup-lint attached as a language server; writes
-- vim.diagnostic.get() of the draft to $OUT as JSON (tests/test_neovim.py).
local out = os.getenv("OUT")
vim.cmd("edit " .. os.getenv("DRAFT"))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "followup-lint",
  cmd = { os.getenv("PY"), "-m", "followup_lint.lsp" },
  root_dir = vim.fn.getcwd(),
  init_options = { grammar = false },
})
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(tonumber(os.getenv("WAIT_MS")), function() return #vim.diagnostic.get(buf) > 0 end, 100)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL
  table.insert(rows, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                       severity = d.severity, source = d.source or vim.NIL, code = code, message = d.message })
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode({ ok = ok, diagnostics = rows }))
f:close()
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd("qa!")
