"""The language server end to end: ``python -m followup_lint.lsp`` in a real
subprocess, driven by pytest-lsp's client as an editor drives it (open,
edit, hover, code actions, commands), against the real spaCy pipeline and,
for the L rules, the session's real LanguageTool."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, client_capabilities

HOSTILE = ("Subject: Re: your decision\n"
           "\n"
           "Hi Dana,\n"
           "\n"
           "Thanks for nothing. You wasted my time and i will not forget it!!!\n"
           "\n"
           "Sam\n")


def make_client():
    """pytest-lsp's test client, whose diagnostics also remember the
    document version they were published for."""
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features
    from pygls.protocol import default_converter

    def converter():
        # lsprotocol 2025.0.0 structures a code action that carries a command
        # as a Command whose command is the dict as a string: tell the two apart
        # by the type of "command", as the protocol does
        import typing

        c = default_converter()
        c.register_structure_hook(
            typing.Union[lsp.Command, lsp.CodeAction],
            lambda obj, _: c.structure(obj, lsp.Command if isinstance(obj.get("command"), str) else lsp.CodeAction))
        return c

    client = LanguageClient(converter_factory=converter)
    client.versions = {}
    client.publishes = {}  # uri -> how many times its diagnostics were published
    client.history = {}  # uri -> (version, diagnostics) of each publish
    client.published = asyncio.Event()

    def publish(ls, params: lsp.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        ls.versions[params.uri] = params.version
        ls.publishes[params.uri] = ls.publishes.get(params.uri, 0) + 1
        ls.history.setdefault(params.uri, []).append((params.version, params.diagnostics))
        ls.published.set()

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    return client


async def start(tmp_path: Path, grammar: bool):
    config = ClientServerConfig(server_command=[sys.executable, "-m", "followup_lint.lsp"],
                                client_factory=make_client)
    client = await config.start()
    params = lsp.InitializeParams(
        capabilities=client_capabilities("neovim"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="drafts")],
        initialization_options={"grammar": grammar, "debounceMs": 10},
    )
    client.init_result = await client.initialize_session(params)
    return client


@pytest_asyncio.fixture
async def client(tmp_path, monkeypatch, languagetool):
    monkeypatch.setenv("FOLLOWUP_LINT_CONFIG_DIR", str(tmp_path / "user-config"))
    c = await start(tmp_path, grammar=False)
    yield c
    await c.shutdown_session()
    await c.stop()


@pytest_asyncio.fixture
async def grammar_client(tmp_path, monkeypatch, languagetool):
    monkeypatch.setenv("FOLLOWUP_LINT_CONFIG_DIR", str(tmp_path / "user-config"))
    monkeypatch.setenv("FOLLOWUP_LINT_LANGUAGETOOL_TIMEOUT", "300")  # a loaded machine's first answers
    c = await start(tmp_path, grammar=True)
    yield c
    await c.shutdown_session()
    await c.stop()


async def diagnostics_for(client, uri: str, version: int, timeout: float = 240):
    """The diagnostics of ``uri`` published for ``version``."""
    deadline = time.monotonic() + timeout
    while client.versions.get(uri) != version:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout}s")
        client.published.clear()
        if client.versions.get(uri) == version:
            break
        try:
            await asyncio.wait_for(client.published.wait(), min(remaining, 1.0))
        except asyncio.TimeoutError:
            pass
    return client.diagnostics[uri]


async def next_publish(client, uri: str, after: int, timeout: float = 600):
    """The diagnostics of ``uri`` published after its ``after``-th publish
    (the server's own re-check, with no change from the client)."""
    deadline = time.monotonic() + timeout
    while client.publishes.get(uri, 0) <= after:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no new diagnostics for {uri} within {timeout}s")
        client.published.clear()
        if client.publishes.get(uri, 0) > after:
            break
        try:
            await asyncio.wait_for(client.published.wait(), min(remaining, 1.0))
        except asyncio.TimeoutError:
            pass
    return client.diagnostics[uri]


def open_doc(client, path: Path, text: str, language_id: str = "plaintext", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))
    return uri


def change(client, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=start[0], character=start[1]),
                            end=lsp.Position(line=end[0], character=end[1])),
            text=text)]))


def spans(diags) -> list[tuple[str, int, int, int, int]]:
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diags)


def test_lsp_server_module_runs_without_a_client():
    """The command an editor starts exits cleanly on end of input."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "followup_lint.lsp"], input=b"", capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.asyncio
async def test_open_gives_diagnostics_with_exact_ranges_and_links(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    diags = await diagnostics_for(client, uri, 1)
    got = spans(diags)
    # "Thanks for nothing" (sarcasm), "You wasted my time" (blame), "i" (W205), "!!!" (H401); 0-based
    assert ("H301", 4, 0, 4, 18) in got
    assert ("H201", 4, 20, 4, 38) in got
    assert ("W205", 4, 43, 4, 44) in got
    assert ("H401", 4, 63, 4, 66) in got
    by_code = {d.code: d for d in diags}
    assert by_code["W205"].severity == lsp.DiagnosticSeverity.Warning
    assert by_code["W205"].source == "followup-lint"
    assert by_code["W205"].code_description.href.endswith("rules.md#w205-lowercase-i")
    assert by_code["H201"].severity == lsp.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_edit_is_rechecked_and_stale_findings_go(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    first = await diagnostics_for(client, uri, 1)
    assert "W205" in {d.code for d in first}
    change(client, uri, 2, (4, 43), (4, 44), "I")  # i -> I
    second = await diagnostics_for(client, uri, 2)
    assert "W205" not in {d.code for d in second}
    # an edit that moves the rest: a line inserted above, every range one line down
    change(client, uri, 3, (2, 0), (2, 0), "Hello again,\n")
    third = await diagnostics_for(client, uri, 3)
    assert ("H401", 5, 63, 5, 66) in spans(third)


@pytest.mark.asyncio
async def test_hover_shows_the_rules_docs(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    await diagnostics_for(client, uri, 1)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=4, character=43)))
    assert hover is not None
    text = hover.contents.value
    assert text.startswith("**W205 `lowercase-i`** (writing, warning)")
    assert "**Why is this bad?**" in text and "rules.md#w205-lowercase-i" in text
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=2, character=1)))
    assert nothing is None


async def actions_at(client, uri, line, character):
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        range=lsp.Range(start=lsp.Position(line=line, character=character),
                        end=lsp.Position(line=line, character=character)),
        context=lsp.CodeActionContext(diagnostics=[])))


def apply_edit(text: str, edit: lsp.WorkspaceEdit, uri: str) -> str:
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    out = text
    for e in sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        s = starts[e.range.start.line] + e.range.start.character
        t = starts[e.range.end.line] + e.range.end.character
        out = out[:s] + e.new_text + out[t:]
    return out


@pytest.mark.asyncio
async def test_code_action_applies_a_safe_fix(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    await diagnostics_for(client, uri, 1)
    actions = await actions_at(client, uri, 4, 64)
    fix = next(a for a in actions if a.edit is not None and a.title.startswith("H401"))
    assert fix.is_preferred and fix.title == 'H401: Replace "!!!" with "."'
    new_text = apply_edit(HOSTILE, fix.edit, uri)
    assert new_text.endswith("forget it.\n\nSam\n")
    # what an editor does after applying it: sends the change; the finding is gone
    edit = fix.edit.changes[uri][0]
    change(client, uri, 2, (edit.range.start.line, edit.range.start.character),
           (edit.range.end.line, edit.range.end.character), edit.new_text)
    after = await diagnostics_for(client, uri, 2)
    assert ("H401", 4, 63, 4, 66) not in spans(after)
    titles = [a.title for a in actions]
    assert "H401: hide this false positive (this sentence)" in titles
    assert "H401: turn off shouting for this file" in titles
    assert "H401: turn off shouting for this project" in titles


@pytest.mark.asyncio
async def test_turning_a_rule_off_for_the_project_writes_the_config_and_rechecks(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    await diagnostics_for(client, uri, 1)
    actions = await actions_at(client, uri, 4, 43)
    off = next(a for a in actions if a.title == "W205: turn off lowercase-i for this project")
    await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=off.command.command, arguments=off.command.arguments))
    config = tmp_path / ".followup-lint.toml"
    import tomllib

    assert tomllib.loads(config.read_text("utf-8")) == {"ignore": ["W205"]}
    # the server checks the open drafts again with the new config
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=HOSTILE)]))
    after = await diagnostics_for(client, uri, 2)
    assert "W205" not in {d.code for d in after} and "H401" in {d.code for d in after}


@pytest.mark.asyncio
async def test_a_config_change_is_picked_up(client, tmp_path):
    uri = open_doc(client, tmp_path / "reply.txt", HOSTILE)
    assert "H401" in {d.code for d in await diagnostics_for(client, uri, 1)}
    (tmp_path / ".followup-lint.toml").write_text('# house rules\nignore = ["H4"]\n', "utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(tmp_path / ".followup-lint.toml").as_uri(), type=lsp.FileChangeType.Created)]))
    change(client, uri, 2, (0, 0), (0, 0), "")
    after = await diagnostics_for(client, uri, 2)
    assert "H401" not in {d.code for d in after} and "H201" in {d.code for d in after}
    # a broken config is shown, not swallowed
    (tmp_path / ".followup-lint.toml").write_text('ignore = "H4"\n', "utf-8")
    change(client, uri, 3, (0, 0), (0, 0), "")
    broken = await diagnostics_for(client, uri, 3)
    assert len(broken) == 1 and "ignore must be a list of strings" in broken[0].message


@pytest.mark.asyncio
async def test_other_buffers_are_left_alone_and_mail_is_served(client, tmp_path):
    code = tmp_path / "script.py"
    code.write_text("print('i')\n")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=code.as_uri(), language_id="python", version=1, text="print('i')\n")))
    compose = tmp_path / "neomutt-host-1000-4242-1234567890"
    uri = open_doc(client, compose, "To: Dana Lee <dana@acme.example>\nSubject: Re: your decision\n\n"
                                    "Hi Dana,\n\nThanks for nothing.\n\nSam\n", language_id="mail")
    diags = await diagnostics_for(client, uri, 1)
    assert ("H301", 5, 0, 5, 18) in spans(diags)
    assert code.as_uri() not in client.diagnostics


@pytest.mark.asyncio
async def test_utf16_positions_after_an_emoji(client, tmp_path):
    text = "Hi Dana,\n\n\U0001F642 i enjoyed it.\n\nSam\n"
    uri = open_doc(client, tmp_path / "e.txt", text)
    diags = await diagnostics_for(client, uri, 1)
    (w205,) = [d for d in diags if d.code == "W205"]
    # columns in the encoding agreed at start-up: the emoji is 4 UTF-8 bytes, 2 UTF-16 code units
    encoding = client.init_result.capabilities.position_encoding
    column = {"utf-8": 5, "utf-16": 3, "utf-32": 2}[str(getattr(encoding, "value", encoding) or "utf-16")]
    assert (w205.range.start.line, w205.range.start.character, w205.range.end.character) == (2, column, column + 1)


@pytest.mark.asyncio
async def test_spelling_found_and_fix_offered_through_languagetool(grammar_client, tmp_path):
    client = grammar_client
    text = "Hi Dana,\n\nI learned alot about the team.\n\nBest,\nSam\n"
    uri = open_doc(client, tmp_path / "d.txt", text)
    diags = await diagnostics_for(client, uri, 1, timeout=600)  # LanguageTool's first answers are slow
    assert ("L101", 2, 10, 2, 14) in spans(diags), [m.message for m in client.messages]
    actions = await actions_at(client, uri, 2, 11)
    titles = [a.title for a in actions]
    assert 'L101: Replace "alot" with "a lot" (unsafe fix)' in titles
    assert 'Add "alot" to your dictionary' in titles


SPELLING = ("Hi Dana,\n"
            "\n"
            "I showed you how I use kubectl to roll back a release.\n"
            "\n"
            "Next week i can send the kubectl notes.\n"
            "\n"
            "Best,\n"
            "Sam\n")
# LanguageTool's spelling rule (MORFOLOGIK) does not know "kubectl": L101 twice, one in each sentence (0-based)
KUBECTL_1 = ("L101", 2, 23, 2, 30)
KUBECTL_2 = ("L101", 4, 25, 4, 32)
LOWER_I = ("W205", 4, 10, 4, 11)


@pytest.mark.asyncio
@pytest.mark.parametrize("action", ["add word", "hide", "rule off for file"])
async def test_spelling_code_actions_through_languagetool_make_the_finding_go(grammar_client, tmp_path, action):
    """A word LanguageTool's spelling rule flags, then one of the code
    actions an L101 finding offers, run as an editor runs it (the command);
    the server's next publish, with no edit from the client, no longer has
    what the action dropped, and still has the rest."""
    import tomllib

    client = grammar_client
    uri = open_doc(client, tmp_path / "d.txt", SPELLING)
    diags = await diagnostics_for(client, uri, 1, timeout=600)  # LanguageTool's first answers are slow
    assert {KUBECTL_1, KUBECTL_2, LOWER_I} <= set(spans(diags)), [m.message for m in client.messages]
    actions = await actions_at(client, uri, KUBECTL_1[1], KUBECTL_1[2] + 1)
    title = {"add word": 'Add "kubectl" to your dictionary',
             "hide": "L101: hide this false positive (this sentence)",
             "rule off for file": "L101: turn off spelling for this file"}[action]
    chosen = next((a for a in actions if a.title == title), None)
    assert chosen is not None, [a.title for a in actions]
    before = client.publishes[uri]
    await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=chosen.command.command, arguments=chosen.command.arguments))
    after = set(spans(await next_publish(client, uri, before)))
    config = tmp_path / ".followup-lint.toml"
    if action == "add word":
        assert KUBECTL_1 not in after and KUBECTL_2 not in after and LOWER_I in after
        words_txt = tmp_path / "user-config" / "words.txt"
        from followup_lint.words import HEADER

        assert words_txt.read_text("utf-8") == HEADER + "kubectl\n"  # written by followup_lint.words
        assert not config.exists()
    elif action == "hide":
        # this sentence only: the same word in the other sentence is still flagged
        assert KUBECTL_1 not in after and KUBECTL_2 in after and LOWER_I in after
        (entry,) = tomllib.loads(config.read_text("utf-8"))["hide"]
        assert entry["rule"] == "L101" and entry["files"] == ["d.txt"]
    else:
        assert KUBECTL_1 not in after and KUBECTL_2 not in after and LOWER_I in after
        assert tomllib.loads(config.read_text("utf-8")) == {"per-file-ignores": {"d.txt": ["L101"]}}
    # and the finding stays gone when the user goes on typing
    change(client, uri, 2, (6, 0), (6, 4), "Best")
    assert set(spans(await diagnostics_for(client, uri, 2))) == after


@pytest.mark.asyncio
async def test_an_edit_is_published_twice_then_once_more_when_the_writer_pauses(grammar_client, tmp_path):
    """After an edit: at once, with the spelling findings of the paragraphs
    the edit left alone; then with LanguageTool's answer for the edited
    paragraph (a new misspelling in it); after the idle wait, the complete
    check (text-level rules) once more, with no change from the client."""
    client = grammar_client
    uri = open_doc(client, tmp_path / "p.txt", SPELLING)
    diags = await diagnostics_for(client, uri, 1, timeout=600)
    assert {KUBECTL_1, KUBECTL_2} <= set(spans(diags)), [m.message for m in client.messages]
    before = client.publishes[uri]
    change(client, uri, 2, (2, 2), (2, 8), "shoewd")  # "showed" misspelt, in the first paragraph
    await next_publish(client, uri, before + 2)
    (v_fast, fast), (v_grammar, grammar), (v_complete, complete) = [
        (v, set(spans(d))) for v, d in client.history[uri][before:before + 3]]
    assert v_fast == v_grammar == v_complete == 2
    assert KUBECTL_2 in fast and KUBECTL_1 not in fast  # the edited paragraph waits for LanguageTool
    assert {("L101", 2, 2, 2, 8), KUBECTL_1, KUBECTL_2, LOWER_I} <= grammar
    assert complete == grammar


def test_a_change_after_a_pause_is_checked_at_once_and_a_burst_once_after_it():
    from followup_lint.lsp.linting import FollowupLanguageServer

    ls = FollowupLanguageServer(debounce=30.0)
    try:
        assert ls.change_delay("file:///a.txt") == 0  # the first change
        assert ls.change_delay("file:///a.txt") == 30.0  # the next one within the debounce: wait
        ls._changed["file:///a.txt"] -= 60  # the last change a minute ago: a pause
        assert ls.change_delay("file:///a.txt") == 0
        assert ls.change_delay("file:///b.txt") == 0  # per buffer
    finally:
        ls.executor.shutdown()
