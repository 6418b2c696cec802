"""Grammar and spelling through the real LanguageTool server (no fake server).

The session fixture ``languagetool`` (conftest.py) runs one LanguageTool for
all tests and stops it at the end. Tests that need "no server" or "no
LanguageTool" point the state and jar directories at empty temporary
folders; the ones that start their own JVM check that it is gone afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, file_text_at, lint, lint_text, run_cli
from followup_lint.grammar import Grammar
from followup_lint.grammar.categories import BY_CATEGORY, BY_CODE, CODES, FALLBACK, code_for
from followup_lint.grammar.email import DISABLED_RULES, unwrap
from followup_lint.grammar.server import ENV_DIR, ENV_STATE, MAIN_CLASS
from followup_lint.rules import find_rule

MISTAKES = """\
Hi Dana,

Thank you for the interview. I am excited about you're company and their is
a lot I could learn from the team. i has a question about the roadmap, and
I learned alot on Tuesday.

Best regards,
Sam Lee
"""


def _l_findings(result):
    return [(f"{f.line}:{f.column}-{f.end_line}:{f.end_column}", f.code, f.excerpt, f.suggestions[:1], f.origin)
            for f in result.findings if f.code.startswith("L")]


def test_their_is_i_has_alot_youre_company(linter):
    r = lint_text(linter, MISTAKES, select=("L",))
    assert _l_findings(r) == [
        ("3:49-3:55", "L102", "you're", ("your",), "languagetool:YOUR_NN"),
        ("3:68-3:73", "L102", "their", ("there",), "languagetool:THEIR_IS"),
        ("4:36-4:37", "L101", "i", ("I",), "languagetool:I_LOWERCASE"),
        ("4:38-4:41", "L201", "has", ("have",), "languagetool:BASE_FORM"),
        ("5:11-5:15", "L101", "alot", ("a lot",), "languagetool:MORFOLOGIK_RULE_EN_US"),
    ]
    for f in r.findings:
        assert f.category == "writing"
        assert file_text_at(MISTAKES, f.line, f.column, f.end_line, f.end_column) == f.excerpt
        assert len(f.suggestions) <= 5
    severities = {f.code: f.severity.label for f in r.findings}
    assert severities == {"L101": "warning", "L102": "warning", "L201": "warning"}


def test_a_clean_draft_gets_no_languagetool_finding(linter):
    r = lint(linter, FIXTURES / "drafts" / "01-thank-you-good.txt", select=("L",))
    assert r.error is None
    assert _l_findings(r) == []


def test_unusual_surname_in_greeting_is_not_a_spelling_mistake(linter):
    text = ("Dear Ms. Okonkwo-Vanterpool,\n\nThank you for the interview yesterday. I enjoyed the "
            "conversation about the roadmap.\n\nBest regards,\nSam Lee\n")
    # LanguageTool itself does flag the name ...
    with Grammar() as g:
        raw = g.check(text.split("\n\n", 1)[0])
    assert [(m.rule_id, text[m.start:m.end]) for m in raw] == [("MORFOLOGIK_RULE_EN_US", "Okonkwo-Vanterpool")]
    # ... followup-lint does not.
    assert _l_findings(lint_text(linter, text, select=("L",))) == []


def test_names_from_headers_signature_and_entities_are_not_flagged(linter):
    text = ("To: Siobhan Szczepanska <siobhan@quorvex.example>\nSubject: Thank you\n\n"
            "Hi Siobhan,\n\nThank you for the tour of Quorvex. Please thank Mr. Szczepanska and "
            "Ms. Adebayo-Ferreira for their time as well. I have worked with Kubeflow at Brightlane.\n\n"
            "Best regards,\nTomasz Wojciechowski-Hale\n")
    assert _l_findings(lint_text(linter, text, select=("L",))) == []


def test_acronyms_and_product_names_are_not_spelling_mistakes(linter):
    text = ("Hi Dana,\n\nThank you for the interview. I have run OATT reports for our SREs and "
            "built the eSource and ClickAtHome tools.\n\nBest regards,\nSam Lee\n")
    with Grammar() as g:
        raw = {text[m.start:m.end] for m in g.check(text)}
    assert {"OATT", "eSource", "ClickAtHome"} <= raw
    assert _l_findings(lint_text(linter, text, select=("L",))) == []


def test_a_misspelled_common_word_is_still_flagged_next_to_names(linter):
    text = ("Hi Siobhan,\n\nThank you for the tour of Quorvex. I recieved the schedule.\n\n"
            "Best regards,\nSam Lee\n")
    found = _l_findings(lint_text(linter, text, select=("L",)))
    assert found == [("3:38-3:46", "L101", "recieved", ("received",), "languagetool:MORFOLOGIK_RULE_EN_US")]


def test_thank_you_phrases_are_not_flagged(linter):
    text = ("Hi Dana,\n\nThank you for the interview on Tuesday. Thanks a lot for showing me the "
            "dashboard. Thank you for your time, too.\n\nBest regards,\nSam Lee\n")
    assert _l_findings(lint_text(linter, text, select=("L",))) == []
    # the repetition LanguageTool would report is one it is told to skip
    with Grammar() as g:
        g.client().disabled_rules = set()
        assert "REP_THANK_YOU_FOR" in {m.rule_id for m in g.check(text)}
    assert "REP_THANK_YOU_FOR" in DISABLED_RULES


def test_quoted_reply_is_never_sent(linter):
    text = ("Hi Dana,\n\nThank you for the update.\n\nBest regards,\nSam Lee\n\n"
            "On Mon, Jan 5, 2026 at 9:00 AM Dana <dana@acme.com> wrote:\n"
            "> their is alot we has to discuss\n")
    assert _l_findings(lint_text(linter, text, select=("L",))) == []


def test_positions_map_back_through_quoted_printable(linter, tmp_path):
    eml = (b"From: Sam Lee <sam@example.com>\r\nTo: Dana <dana@acme.com>\r\nSubject: Thanks\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"Hi Dana,\r\n\r\nThank you =E2=80=93 I learned alot about the te=\r\nam and their is more to le=\r\narn.\r\n"
           b"\r\nBest regards,\r\nSam Lee\r\n")
    path = tmp_path / "note.eml"
    path.write_bytes(eml)
    r = lint(linter, path, select=("L",))
    source = eml.decode()
    found = _l_findings(r)
    assert [(pos, code, ex) for pos, code, ex, _s, _o in found] == [
        ("10:31-10:35", "L101", "alot"),
        ("11:8-11:13", "L102", "their"),
    ]
    for f in r.findings:
        assert file_text_at(source, f.line, f.column, f.end_line, f.end_column) == f.excerpt


def test_unwrap_joins_paragraph_lines_without_moving_offsets():
    text = "Hi Dana,\n\nThank you\nfor this.\nThree points:\n- one\n- two\nend\n"
    out = unwrap(text)
    assert len(out) == len(text)
    assert out == "Hi Dana,\n\nThank you for this. Three points:\n- one\n- two\nend\n"


def test_category_table_is_complete_and_registered():
    seen = set()
    for c in CODES:
        r = find_rule(c.code)
        assert r is not None and r.name == c.name and r.severity.label == c.severity
        assert r.category == "writing" and "grammar" in r.needs
        assert not seen & set(c.categories), "a category maps to two codes"
        seen |= set(c.categories)
    for cat in ("TYPOS", "GRAMMAR", "CONFUSED_WORDS", "PUNCTUATION", "CASING", "STYLE", "REDUNDANCY",
                "REPETITIONS", "TYPOGRAPHY", "COLLOCATIONS", "SEMANTICS", "MISC", "PLAIN_ENGLISH"):
        assert cat in BY_CATEGORY, cat
    assert code_for("SOMETHING_NEW", "misspelling") == "L101"
    assert code_for("SOMETHING_NEW", "") == FALLBACK in BY_CODE


def test_default_configuration_only_connects_to_loopback(monkeypatch):
    """A real lint with the default settings, recording every connect()."""
    from followup_lint.draft import parse_bytes
    from followup_lint.config import Settings
    from followup_lint.engine import Linter

    seen = []
    real_connect = socket.socket.connect

    def recording_connect(self, address):
        seen.append((self.family, address))
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    # a proxy in the environment must not see the draft either
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(var, "http://proxy.invalid:3128")
    for var in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    draft = parse_bytes(MISTAKES.encode(), "draft.txt")
    with Linter() as fresh:
        result = fresh.lint_drafts([(draft, Settings())])[0]
    assert any(f.code.startswith("L") for f in result.findings)
    assert seen, "no connection was recorded: the test would prove nothing"
    for family, address in seen:
        if family == socket.AF_UNIX:
            continue
        assert address[0] in ("127.0.0.1", "::1", "::ffff:127.0.0.1"), address


@pytest.mark.skipif(not shutil.which("ss"), reason="needs ss (iproute2)")
def test_the_server_listens_on_loopback_only_and_calls_nobody(linter, languagetool):
    lint_text(linter, MISTAKES, select=("L",))  # it has done some work
    out = subprocess.run(["ss", "-tanp"], capture_output=True, text=True).stdout
    sockets = [line.split() for line in out.splitlines() if f"pid={languagetool.pid}," in line]
    assert sockets, out
    for state, _rq, _sq, local, peer, *_ in sockets:
        host = local.rsplit(":", 1)[0].strip("[]")
        assert host in ("127.0.0.1", "::ffff:127.0.0.1", "::1"), local
        if state != "LISTEN":
            assert peer.rsplit(":", 1)[0].strip("[]") in ("127.0.0.1", "::ffff:127.0.0.1", "::1"), peer


# -- the command line ------------------------------------------------------

def _empty_env(tmp_path: Path, **extra) -> dict:
    """No kept server, no LanguageTool jars."""
    (tmp_path / "state").mkdir(exist_ok=True)
    (tmp_path / "jars").mkdir(exist_ok=True)
    env = {ENV_STATE: str(tmp_path / "state"), ENV_DIR: str(tmp_path / "jars")}
    env.update(extra)
    return env


def test_missing_languagetool_is_one_notice_and_other_checks_still_run(tmp_path):
    draft = str(FIXTURES / "drafts" / "02-template-unfilled.txt")
    without = run_cli("check", "--format", "json", "--no-grammar", draft)
    proc = run_cli("check", "--format", "json", draft, env=_empty_env(tmp_path))
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("followup-lint: grammar checks skipped: LanguageTool 6.6 is not installed")
    assert "make setup" in lines[0]
    assert proc.returncode == without.returncode == 1
    assert json.loads(proc.stdout)["files"] == json.loads(without.stdout)["files"]


def test_require_grammar_makes_missing_languagetool_exit_2(tmp_path):
    draft = str(FIXTURES / "drafts" / "01-thank-you-good.txt")
    proc = run_cli("check", "--require-grammar", draft, env=_empty_env(tmp_path))
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "make setup" in lines[0] and "Traceback" not in proc.stderr.decode()
    (tmp_path / ".followup-lint.toml").write_text("require-grammar = true\n")
    copy = tmp_path / "draft.txt"
    copy.write_bytes(Path(draft).read_bytes())
    proc = run_cli("check", str(copy), env=_empty_env(tmp_path))
    assert proc.returncode == 2


def test_no_java_is_one_notice_naming_the_fix(tmp_path):
    env = _empty_env(tmp_path, PATH=str(tmp_path / "nothing"), JAVA_HOME="")
    env[ENV_DIR] = os.environ.get(ENV_DIR) or str(Path.home() / ".cache" / "followup-lint" / "languagetool-6.6")
    draft = str(FIXTURES / "drafts" / "01-thank-you-good.txt")
    proc = run_cli("check", draft, env=env)
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "Java is not installed" in lines[0] and "make setup" in lines[0]
    assert proc.returncode == run_cli("check", "--no-grammar", draft).returncode


def test_no_grammar_skips_languagetool(tmp_path):
    proc = run_cli("check", "--no-grammar", "--select", "L", str(FIXTURES / "rules" / "L101.bad.txt"),
                   env=_empty_env(tmp_path))
    assert proc.returncode == 0 and proc.stderr == b""


def test_cli_uses_the_running_server_and_reports_grammar(languagetool):
    proc = run_cli("check", "--format", "json", "--select", "L", str(FIXTURES / "rules" / "L102.bad.txt"))
    assert proc.returncode == 1, proc.stderr
    import jsonschema

    jsonschema.validate(json.loads(proc.stdout), json.loads((ROOT / "docs" / "json-schema.json").read_text()))
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["code"], f["line"], f["column"], f["suggestions"], f["origin"]) for f in findings] == [
        ("L102", 3, 59, ["your"], "languagetool:YOUR_NN"),
        ("L102", 4, 1, ["there"], "languagetool:THEIR_IS"),
    ]


def test_languagetool_url_option(languagetool, tmp_path):
    draft = str(FIXTURES / "rules" / "L102.bad.txt")
    proc = run_cli("check", "--select", "L", "--languagetool-url", f"http://127.0.0.1:{languagetool.port}",
                   draft, env=_empty_env(tmp_path))
    assert proc.returncode == 1 and b"L102" in proc.stdout and proc.stderr == b""
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    proc = run_cli("check", "--select", "L", "--languagetool-url", f"http://127.0.0.1:{dead}/", draft,
                   env=_empty_env(tmp_path))
    lines = proc.stderr.decode().splitlines()
    assert proc.returncode == 0 and len(lines) == 1 and f"127.0.0.1:{dead}" in lines[0]
    proc = run_cli("check", "--languagetool-url", "ftp://example.com", draft)
    assert proc.returncode == 2


def _jvms_marked(mark: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if MAIN_CLASS.encode() in (proc / "cmdline").read_bytes() and mark.encode() in (proc / "environ").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_run_without_server_starts_one_and_stops_it(tmp_path):
    mark = f"FOLLOWUP_LINT_TEST_MARK={uuid.uuid4().hex}"
    env = _empty_env(tmp_path)
    del env[ENV_DIR]
    env[mark.split("=")[0]] = mark.split("=")[1]
    proc = run_cli("check", "--select", "L", str(FIXTURES / "rules" / "L102.bad.txt"), env=env)
    assert proc.returncode == 1 and b"L102" in proc.stdout, proc.stderr
    assert _jvms_marked(mark) == []
    assert not (tmp_path / "state" / "languagetool-server.json").exists()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_server_start_status_stop(tmp_path):
    mark = f"FOLLOWUP_LINT_TEST_MARK={uuid.uuid4().hex}"
    env = _empty_env(tmp_path)
    del env[ENV_DIR]
    env[mark.split("=")[0]] = mark.split("=")[1]
    try:
        assert run_cli("server", "status", env=env).returncode == 1
        started = run_cli("server", "start", env=env)
        assert started.returncode == 0, started.stderr
        assert started.stdout.decode().startswith("LanguageTool started on http://127.0.0.1:")
        state = json.loads((tmp_path / "state" / "languagetool-server.json").read_text())
        assert _jvms_marked(mark) == [state["pid"]]
        again = run_cli("server", "start", env=env)
        assert again.stdout.decode().startswith("LanguageTool already running")
        assert _jvms_marked(mark) == [state["pid"]]
        status = run_cli("server", "status", env=env)
        assert status.returncode == 0 and f"pid {state['pid']}" in status.stdout.decode()
        # a check reuses it: no second JVM
        proc = run_cli("check", "--select", "L", str(FIXTURES / "rules" / "L101.bad.txt"), env=env)
        assert proc.returncode == 1 and b"L101" in proc.stdout
        assert _jvms_marked(mark) == [state["pid"]]
    finally:
        stopped = run_cli("server", "stop", env=env)
    assert stopped.returncode == 0 and f"pid {state['pid']}" in stopped.stdout.decode()
    assert _jvms_marked(mark) == []
    assert run_cli("server", "status", env=env).returncode == 1
    assert run_cli("server", "stop", env=env).stdout.decode().strip() == "LanguageTool server is not running"


def test_server_start_without_languagetool_is_one_line(tmp_path):
    proc = run_cli("server", "start", env=_empty_env(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "make setup" in proc.stderr.decode()


def test_config_keys_are_checked(tmp_path):
    cfg = tmp_path / ".followup-lint.toml"
    cfg.write_text('languagetool-url = "localhost:8081"\n')
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Dana,\n\nThank you.\n\nBest,\nSam\n")
    # named with --config: trusted, so the value is checked (a found project
    # config's languagetool-url is ignored until trusted: tests/test_security.py)
    proc = run_cli("check", "--config", str(cfg), str(draft))
    assert proc.returncode == 2 and b"languagetool-url must start with http" in proc.stderr
    cfg.write_text('languagetool-dir = "lt"\ngrammar = false\n')
    from followup_lint.config import load_config

    assert load_config(cfg).languagetool_dir == str(tmp_path / "lt")


# -- speed: LanguageTool's own caches, requests in the background ------------------

def test_servers_start_with_the_shipped_languagetool_settings(languagetool):
    from followup_lint.grammar.server import SERVER_CONFIG

    cmdline = Path(f"/proc/{languagetool.pid}/cmdline").read_bytes().split(b"\0")
    assert cmdline[cmdline.index(b"--config") + 1] == str(SERVER_CONFIG).encode()
    settings = dict(line.split("=", 1) for line in SERVER_CONFIG.read_text().splitlines()
                    if line and not line.startswith("#"))
    assert settings == {"pipelineCaching": "true", "maxPipelinePoolSize": "8", "cacheSize": "10000",
                        "cacheTTLSeconds": "1800"}


def test_a_missing_languagetool_settings_file_is_one_line(tmp_path):
    draft = str(FIXTURES / "drafts" / "01-thank-you-good.txt")
    env = _empty_env(tmp_path, FOLLOWUP_LINT_LANGUAGETOOL_DIR=os.environ.get(ENV_DIR, ""),
                     FOLLOWUP_LINT_LANGUAGETOOL_CONFIG=str(tmp_path / "nope.properties"))
    if not env[ENV_DIR]:
        env.pop(ENV_DIR)
    proc = run_cli("check", "--require-grammar", draft, env=env)
    assert proc.returncode == 2
    assert proc.stderr.decode() == ("followup-lint: error: grammar checks are required but LanguageTool cannot "
                                    "run: FOLLOWUP_LINT_LANGUAGETOOL_CONFIG names "
                                    f"{tmp_path / 'nope.properties'}, which is not a file\n")


def test_background_requests_give_the_same_matches_as_one_by_one(languagetool):
    texts = [MISTAKES, "Their going to call me tomorow.", "", "I has an question about the the role.",
             "Thank you for your time on Tuesday."] * 3
    with Grammar() as grammar:
        one_by_one = [grammar.check(t) for t in texts]
        futures = [grammar.submit(t) for t in texts]
        assert [f.result(timeout=60) for f in futures] == one_by_one
    assert sum(map(len, one_by_one)) >= 12  # the mistakes were found: the comparison meant something
    assert one_by_one[2] == []


def test_background_requests_work_with_a_client_lacking_the_private_request_helpers(languagetool):
    """Another language-tool-python version without _create_params/_query_server:
    the thread runs the client's own check()."""
    class Plain:  # only the public face of a client
        def __init__(self, tool):
            self._tool = tool
            self.language, self.url, self.check = tool.language, tool.url, tool.check

    with Grammar() as grammar:
        expected = grammar.check(MISTAKES)
        grammar._clients["<local>"] = Plain(grammar.client())
        assert not hasattr(grammar.client(), "_query_server")
        assert grammar.submit(MISTAKES).result(timeout=60) == expected
    assert len(expected) >= 4
