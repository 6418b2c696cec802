"""The command line as users and scripts see it: real subprocesses."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, file_text_at, run_cli

SCHEMA = json.loads((ROOT / "docs" / "json-schema.json").read_text())
GOOD = FIXTURES / "drafts" / "01-thank-you-good.txt"
TEMPLATE = FIXTURES / "drafts" / "02-template-unfilled.txt"
EML = FIXTURES / "drafts" / "05-multipart-qp.eml"


@pytest.fixture(scope="module")
def json_run():
    proc = run_cli("check", "--format", "json", "--no-grammar", str(GOOD), str(TEMPLATE), str(EML),
                   str(FIXTURES / "drafts" / "06-html-only-latin1.eml"), "missing.txt")
    return proc, json.loads(proc.stdout)


def test_json_output_follows_the_schema(json_run):
    proc, out = json_run
    jsonschema.validate(out, SCHEMA)
    assert out["version"] == "1"
    assert [f["path"] for f in out["files"]][-1] == "missing.txt"
    assert out["files"][-1]["error"] == "missing.txt: no such file"
    assert out["files"][-1]["metrics"] is None
    assert out["summary"]["files_with_errors"] == 1
    assert out["summary"]["exit_code"] == proc.returncode == 2


def test_json_entries_round_trip_through_the_value_classes(json_run):
    """The JSON output, the cache and Spark share FileResult/Finding
    to_dict and from_dict: every field written is read back, and the schema
    documents exactly the fields a finding has."""
    from followup_lint.finding import FileResult

    _, out = json_run
    findings = 0
    for entry in out["files"]:
        assert FileResult.from_dict(entry).to_dict() == entry
        for f in entry["findings"]:
            assert set(f) == set(SCHEMA["$defs"]["finding"]["properties"])
            findings += 1
    assert findings > 0


def test_every_excerpt_is_the_files_text_at_its_position(json_run):
    _, out = json_run
    checked = 0
    for entry in out["files"]:
        if entry["error"]:
            continue
        raw = (ROOT / entry["path"]).read_bytes().decode("utf-8", "surrogateescape")
        for f in entry["findings"]:
            text = file_text_at(raw, f["line"], f["column"], f["end_line"], f["end_column"])
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            assert text == f["excerpt"] or "\ufffd" in text, f
            checked += 1
    assert checked >= 5


def test_eml_with_quote_and_signature_reports_original_positions(json_run):
    _, out = json_run
    eml = next(e for e in out["files"] if e["path"].endswith("06-html-only-latin1.eml"))
    excerpts = {(f["code"], f["excerpt"]) for f in eml["findings"]}
    # the quoted "Hello Sam" and the signature are never judged
    assert not any("Hello Sam" in x for _, x in excerpts)
    assert not any("Sam Lee" in x for _, x in excerpts)
    metrics = eml["metrics"]
    assert metrics["words"] == 40 and metrics["sentences"] == 4 and metrics["questions"] == 0


def test_exit_0_when_clean():
    proc = run_cli("check", "--no-grammar", str(GOOD))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.decode().strip().endswith("No findings in 1 draft.")


def test_exit_1_with_findings_and_text_format():
    proc = run_cli("check", "--no-grammar", "--select", "G101", "--no-color", str(TEMPLATE))
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == (f"{TEMPLATE}:1:28: G101 [error] unfilled placeholder '[Position]' in the subject")
    assert lines[1] == "  1 | Subject: Thank you for the [Position] interview"
    assert lines[2] == "    |                            ^^^^^^^^^^"
    assert lines[-1] == "3 findings (3 errors) in 1 draft."
    assert "\x1b[" not in proc.stdout.decode()  # no colour when piped


def test_fail_on_error_ignores_warnings():
    proc = run_cli("check", "--no-grammar", "--select", "S", "--fail-on", "error", str(TEMPLATE))
    assert proc.returncode == 0, proc.stdout
    assert b"S102 [warning]" in proc.stdout


def test_ignore_beats_select_by_specificity():
    proc = run_cli("check", "--no-grammar", "--format", "json", "--select", "S,G", "--ignore", "S1,G101",
                   str(TEMPLATE))
    codes = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert codes and all(c.startswith("S") and not c.startswith("S1") or c.startswith("G") and c != "G101"
                         for c in codes)
    assert "S202" in codes


def test_unknown_selector_is_a_usage_error():
    proc = run_cli("check", "--select", "Q999", str(GOOD))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "followup-lint: error: 'Q999' matches no rule (see `followup-lint rules`)"


def test_bad_flag_is_exit_2():
    proc = run_cli("check", "--format", "yaml", str(GOOD))
    assert proc.returncode == 2


def test_missing_model_is_one_line_exit_2():
    proc = run_cli("check", "--model", "no_such_model_xx", str(GOOD))
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.startswith("followup-lint: error: spaCy model 'no_such_model_xx' is not installed")
    assert "\n" not in err and "Traceback" not in err


def test_bad_input_is_reported_and_batch_continues(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    proc = run_cli("check", "--no-grammar", str(binary), str(GOOD))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == f"followup-lint: error: {binary}: looks like a binary file, not a draft"
    assert b"No findings in 1 draft; 1 file could not be read." in proc.stdout


def test_input_file_is_never_modified(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_bytes(TEMPLATE.read_bytes())
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    run_cli("check", "--no-grammar", str(p))
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_rules_and_rule_docs():
    proc = run_cli("rules")
    assert proc.returncode == 0
    assert any(line.startswith("G101   unfilled-placeholder") for line in proc.stdout.decode().splitlines())
    doc = run_cli("rule", "unfilled-placeholder")
    text = doc.stdout.decode()
    assert doc.returncode == 0
    for title in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert f"\n{title}\n" in text
    assert run_cli("rule", "Z999").returncode == 2


def test_python_dash_m_and_help():
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"Exit codes" in proc.stdout


def test_text_output_never_passes_control_characters_through(tmp_path):
    p = tmp_path / "esc.txt"
    p.write_bytes(b"Hi Dana,\n\nThanks for nothing \x1b]0;pwned\x07 and \xe2\x80\xaereversed.\n\nBest,\nSam Lee\n")
    proc = run_cli("check", "--no-grammar", "--select", "H301", str(p))
    out = proc.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    lines = out.splitlines()
    assert lines[1] == "  3 | Thanks for nothing \ufffd]0;pwned\ufffd and \ufffdreversed."
    assert lines[2] == "    | " + "^" * len("Thanks for nothing")


def test_the_command_ends_without_teardown_but_with_all_its_output(tmp_path):
    """After a check that loaded spaCy the process ends with os._exit (the
    interpreter's teardown of the pipeline costs about 0.15 s): standard
    output must still be complete, through a pipe and into a file, and the
    exit code kept."""
    import subprocess
    import sys

    folder = FIXTURES / "rules"
    piped = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", str(folder))
    assert piped.returncode == 1
    doc = json.loads(piped.stdout)  # complete: about 100 files of findings
    assert len(doc["files"]) == len([p for p in folder.iterdir() if p.suffix != ".expected"])
    assert len(piped.stdout) > 65_536  # more than a pipe buffer holds
    out = tmp_path / "out.txt"
    with open(out, "wb") as fh:
        code = subprocess.run([sys.executable, "-m", "followup_lint", "check", "--no-grammar", "--no-cache",
                               str(FIXTURES / "drafts")], stdout=fh, cwd=ROOT, timeout=300).returncode
    assert code == 1
    drafts = len([p for p in (FIXTURES / "drafts").iterdir() if p.is_file()])
    assert out.read_text(encoding="utf-8").rstrip().splitlines()[-1].startswith(f"Checked {drafts} drafts in ")


def test_a_profiled_run_still_writes_its_profile(tmp_path):
    """No early exit under a profiler (or coverage): they report at exit."""
    import subprocess
    import sys

    out = tmp_path / "run.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "followup_lint", "check",
                           "--no-grammar", "--no-cache", str(FIXTURES / "drafts" / "01-thank-you-good.txt")],
                          capture_output=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    import pstats

    assert pstats.Stats(str(out)).total_calls > 1000
