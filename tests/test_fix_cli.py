"""``check --diff``, ``--fix`` and ``--unsafe-fixes`` on real files, through
the real command (a subprocess), and a property: ``--diff`` never writes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import RULE_FIXTURES, run_cli

FIXABLE = ["W205.bad.txt", "W206.bad.txt", "H401.bad.txt"]
EML = (b"From: Sam Park <sam@example.com>\nTo: Dana Lee <dana@acme.example>\nSubject: Thanks\n"
       b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHi Dana,\n\n"
       b"i enjoyed the the talk on Tuesday!!!\n\nBest,\nSam\n")


@pytest.fixture
def drafts(tmp_path):
    for name in FIXABLE:
        shutil.copy(RULE_FIXTURES / name, tmp_path / name)
    (tmp_path / "reply.eml").write_bytes(EML)
    return tmp_path


def test_diff_applies_cleanly_and_fix_produces_it_and_a_second_fix_changes_nothing(drafts):
    before = {p.name: p.read_bytes() for p in drafts.iterdir()}
    diff = run_cli("check", "--no-grammar", "--diff", *FIXABLE, cwd=drafts)
    assert diff.returncode == 1, diff.stderr.decode()
    assert {p.name: p.read_bytes() for p in drafts.iterdir()} == before  # --diff changed nothing
    patch = diff.stdout.decode()
    assert patch.count("--- a/") == 3
    assert "-i enjoyed" not in patch  # W205.bad.txt's "i" is mid-line
    assert "+Thank you for Tuesday. I enjoyed the interview and I'm excited about the analyst role." in patch

    patched = drafts.parent / "patched"
    shutil.copytree(drafts, patched)
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    subprocess.run(["patch", "-p1", "-s", "--no-backup-if-mismatch"], input=diff.stdout, cwd=patched,
                   check=True)

    fixed = run_cli("check", "--no-grammar", "--fix", *FIXABLE, cwd=drafts)
    assert fixed.returncode in (0, 1), fixed.stderr.decode()
    assert "fixed 6 finding(s) in 3 file(s)" in fixed.stderr.decode()
    for name in FIXABLE:
        assert (drafts / name).read_bytes() == (patched / name).read_bytes(), name
    assert (drafts / "W206.bad.txt").read_text() == (RULE_FIXTURES / "W206.bad.txt").read_text().replace(
        "to to", "to").replace("the\nthe", "the")
    # what is left are findings without a safe fix: no W205/W206 any more
    assert " W205 [" not in fixed.stdout.decode() and " W206 [" not in fixed.stdout.decode()

    snapshot = {p.name: p.read_bytes() for p in drafts.iterdir()}
    again = run_cli("check", "--no-grammar", "--fix", *FIXABLE, cwd=drafts)
    assert "fixed 0 finding(s) in 0 file(s)" in again.stderr.decode()
    assert {p.name: p.read_bytes() for p in drafts.iterdir()} == snapshot


def test_fix_refuses_an_email_with_one_line(drafts):
    done = run_cli("check", "--no-grammar", "--fix", "reply.eml", cwd=drafts)
    err = done.stderr.decode()
    assert "reply.eml: --fix only rewrites .txt and .md drafts" in err
    assert len([ln for ln in err.splitlines() if "reply.eml" in ln]) == 1
    assert (drafts / "reply.eml").read_bytes() == EML
    assert done.returncode == 1  # its findings are still reported
    assert " W205 [" in done.stdout.decode()


def test_unsafe_fixes_add_the_rewrites(drafts):
    done = run_cli("check", "--no-grammar", "--fix", "--unsafe-fixes", "H401.bad.txt", cwd=drafts)
    assert done.returncode in (0, 1), done.stderr.decode()
    text = (drafts / "H401.bad.txt").read_text()
    assert "Why have you not answered my email?" in text and "I am still waiting" in text


def test_fix_and_diff_together_is_a_usage_error(drafts):
    done = run_cli("check", "--fix", "--diff", "W205.bad.txt", cwd=drafts)
    assert done.returncode == 2 and "do not go together" in done.stderr.decode()


def test_json_findings_carry_their_fix(drafts):
    import json

    done = run_cli("check", "--no-grammar", "--format", "json", "--select", "W205", "W205.bad.txt", cwd=drafts)
    findings = json.loads(done.stdout)["files"][0]["findings"]
    assert findings[0]["fix"] == {"applicability": "safe", "message": 'Replace "i" with "I"',
                                  "edits": [{"line": 3, "column": 24, "end_line": 3, "end_column": 25,
                                             "content": "I"}]}


LINES = ["Hi Dana,", "", "i think so", "the the", "Thanks!!!", "WHY NOT ANSWER ME???", "Best,", "Sam",
         "I enjoyed it.", "to to the team", "> i quoted"]


@settings(max_examples=4, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12).map("\n".join),
       st.sampled_from([".txt", ".md", ".eml"]), st.booleans())
def test_diff_never_writes(tmp_path_factory, text, suffix, unsafe):
    from click.testing import CliRunner

    from followup_lint.cli import main

    folder = tmp_path_factory.mktemp("diff")
    draft = folder / f"draft{suffix}"
    draft.write_text(text + "\n", "utf-8")
    before = (draft.read_bytes(), draft.stat().st_mtime_ns, sorted(p.name for p in folder.iterdir()))
    args = ["check", "--no-grammar", "--no-cache", "--diff", str(draft)] + (["--unsafe-fixes"] if unsafe else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert (draft.read_bytes(), draft.stat().st_mtime_ns, sorted(p.name for p in folder.iterdir())) == before
