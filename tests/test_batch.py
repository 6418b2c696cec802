"""Batches through the real command: a Maildir and an mbox made with the
standard library, folders with bad entries, the cache, worker processes and
the progress bar. Every run is a real subprocess."""

from __future__ import annotations

import json
import mailbox
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, file_text_at, message, run_cli, without_root_powers

SELECT = "G101,D101,H401"  # unfilled placeholder (error), desperate plea, shouting (warnings)


MAILDIR_BODIES = [
    "Hi [Name],\n\nThank you for the interview on Tuesday. I enjoyed the talk about the billing system.\n\n"
    "Best regards,\nSam Park\n",
    "Hi Dana,\n\nThank you for showing me the new office and the on-call setup.\n\nBest regards,\nSam Park\n",
]
MBOX_BODIES = [
    "Hi Dana,\n\nThank you for the interview. I enjoyed hearing about the data team.\n\nBest regards,\nSam Park\n",
    "Hi Dana,\n\nAny update??? Please, I need this job.\n\nBest regards,\nSam Park\n",
    "Hi Dana,\n\nFrom our talk I know [Company] values testing.\n\nBest regards,\nSam Park\n",
]


@pytest.fixture(scope="module")
def mail(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mail")
    box = mailbox.Maildir(str(root / "Drafts"), create=True)
    for i, body in enumerate(MAILDIR_BODIES):
        box.add(message(f"Thank you {i}", body))
    mb = mailbox.mbox(str(root / "sent.mbox"))
    for i, body in enumerate(MBOX_BODIES):
        mb.add(message(f"Follow-up {i}", body))
    mb.flush()
    mb.close()
    return root


def cli(*args, env=None, **kw):
    return run_cli(*args, env={"FOLLOWUP_LINT_CACHE_DIR": str(kw.pop("cache")), **(env or {})}, **kw)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in ``text``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.fixture(scope="module")
def mail_run(mail, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    proc = cli("check", "--format", "json", "--no-grammar", "--select", SELECT, str(mail / "Drafts"),
               str(mail / "sent.mbox"), cache=cache)
    return proc, json.loads(proc.stdout)


def test_maildir_and_mbox_messages_are_drafts_with_exact_findings(mail, mail_run):
    proc, out = mail_run
    assert proc.returncode == 1, proc.stderr
    maildir_files = sorted(str(p) for p in (mail / "Drafts").glob("*/*") if p.parent.name in ("cur", "new"))
    mbox = str(mail / "sent.mbox")
    assert [f["path"] for f in out["files"]] == [*maildir_files, f"{mbox}:1", f"{mbox}:2", f"{mbox}:3"]
    assert all(f["error"] is None for f in out["files"])
    got = {f["path"]: [(x["code"], x["line"], x["column"], x["excerpt"]) for x in f["findings"]] for f in out["files"]}

    # Maildir messages: positions in the message file
    by_body = {}
    for path in maildir_files:
        text = Path(path).read_text()
        by_body["[Name]" in text] = (path, text)
    path, text = by_body[True]
    assert got[path] == [("G101", *position(text, "[Name]"), "[Name]")]
    assert got[by_body[False][0]] == []

    # mbox messages: reported as sent.mbox:N, positions are lines of the mbox file
    mtext = Path(mbox).read_text()
    assert got[f"{mbox}:1"] == []
    assert got[f"{mbox}:2"] == [("H401", *position(mtext, "???"), "???"),
                                ("D101", *position(mtext, "I need this job"), "I need this job")]
    assert got[f"{mbox}:3"] == [("G101", *position(mtext, "[Company]"), "[Company]")]
    # the stored ">From our talk" line is judged as the sender wrote it, not as a quote
    metrics = {f["path"]: f["metrics"] for f in out["files"]}
    assert metrics[f"{mbox}:3"]["words"] == 10  # "Hi Dana" and the 8 words of the ">From" line


def test_every_mbox_excerpt_is_the_mbox_files_text(mail, mail_run):
    _, out = mail_run
    mtext = (mail / "sent.mbox").read_text()
    for entry in out["files"]:
        if ".mbox:" in entry["path"]:
            for f in entry["findings"]:
                assert file_text_at(mtext, f["line"], f["column"], f["end_line"], f["end_column"]) == f["excerpt"]


def test_text_output_shows_the_mbox_line(mail, tmp_path):
    mbox = str(mail / "sent.mbox")
    proc = cli("check", "--no-grammar", "--select", "H401", "--no-color", mbox, cache=tmp_path)
    line, col = position((mail / "sent.mbox").read_text(), "???")
    out = proc.stdout.decode().splitlines()
    i = out.index(f"{mbox}:2:{line}:{col}: H401 [warning] \"???\" reads as shouting or exasperation: "
                  "the reader will feel pressed")
    assert out[i + 1] == f"  {line} | Any update??? Please, I need this job."


def test_sarif_and_github_point_at_the_mbox_file(mail, tmp_path):
    mbox = str(mail / "sent.mbox")
    line, col = position((mail / "sent.mbox").read_text(), "[Company]")
    gh = cli("check", "--no-grammar", "--select", "G101", "--format", "github", mbox, cache=tmp_path)
    assert gh.stdout.decode().splitlines() == [
        f"::error file={mbox},line={line},endLine={line},col={col},endColumn={col + 9},"
        f"title=G101 unfilled-placeholder (message 3)::unfilled placeholder '[Company]': "
        "the reader will see you used a template"]
    sarif = json.loads(cli("check", "--no-grammar", "--select", "G101", "--format", "sarif", mbox,
                           cache=tmp_path).stdout)
    (result,) = sarif["runs"][0]["results"]
    loc = result["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": Path(mbox).as_uri()}
    assert loc["physicalLocation"]["region"] == {"startLine": line, "startColumn": col, "endLine": line,
                                                 "endColumn": col + 9, "snippet": {"text": "[Company]"}}
    assert loc["logicalLocations"] == [{"name": "message 3", "fullyQualifiedName": f"{mbox}:3", "kind": "message"}]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    (root / "a").mkdir(parents=True)
    (root / "a" / "01.txt").write_text("Hi [Name],\n\nThank you for the interview.\n\nBest,\nSam\n")
    (root / "a" / "02.txt").write_text("Hi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n")
    (root / "a" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (root / "a" / "empty.eml").write_bytes(b"")
    (root / "a" / "gone.txt").symlink_to("nowhere.txt")
    (root / "a" / "loop").symlink_to("..")
    (root / "b.md").write_text("Hi Dana,\n\nI need this job!!!\n\nSam\n")
    return root


def test_bad_entries_are_one_line_each_and_the_batch_goes_on(folder, tmp_path):
    proc = cli("check", "--no-grammar", "--select", SELECT, "--format", "json", str(folder), cache=tmp_path / "c")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err
    a = folder / "a"
    assert err.splitlines() == [
        f"followup-lint: {a / 'loop'}: symbolic link loop, skipped",
        f"followup-lint: error: {a / 'binary.txt'}: looks like a binary file, not a draft",
        f"followup-lint: error: {a / 'empty.eml'}: is empty, nothing to check",
        f"followup-lint: error: {a / 'gone.txt'}: broken symbolic link",
    ]
    out = json.loads(proc.stdout)
    assert [(f["path"], [x["code"] for x in f["findings"]]) for f in out["files"]] == [
        (str(a / "01.txt"), ["G101"]), (str(a / "02.txt"), []), (str(a / "binary.txt"), []),
        (str(a / "empty.eml"), []), (str(a / "gone.txt"), []), (str(folder / "b.md"), ["D101", "H401"])]
    assert out["summary"]["files_with_errors"] == 3 and out["summary"]["by_rule"] == {"D101": 1, "G101": 1, "H401": 1}


def test_unreadable_file_is_reported_and_skipped(folder, tmp_path):
    prefix = without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv (util-linux): root reads every file")
    secret = folder / "a" / "secret.txt"
    secret.write_text("Hi Dana,\n\nSecret.\n")
    secret.chmod(0)
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([*prefix, sys.executable, "-m", "followup_lint", "check", "--no-grammar", "--select",
                           "G101", str(folder / "a" / "01.txt"), str(secret)], capture_output=True, env=env,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode().splitlines() == [f"followup-lint: error: {secret}: permission denied"]
    assert f"{folder / 'a' / '01.txt'}:1:4: G101" in proc.stdout.decode()


def test_second_run_is_served_from_the_cache_with_the_same_output(folder, tmp_path):
    args = ("check", "--no-grammar", "--select", SELECT, "--format", "json", str(folder))
    first = cli(*args, cache=tmp_path)
    second = cli(*args, cache=tmp_path)
    assert first.stdout == second.stdout and first.returncode == second.returncode == 2
    text = cli("check", "--no-grammar", "--select", SELECT, str(folder), cache=tmp_path).stdout.decode()
    assert text.rstrip().splitlines()[-1].startswith("Checked 3 drafts in ")
    assert text.rstrip().endswith("drafts/s; 3 from the cache).")
    # an edited draft is analysed again, the others still come from the cache
    (folder / "a" / "02.txt").write_text("Hi Dana,\n\nThank you for the [Position] interview.\n\nBest,\nSam\n")
    text = cli("check", "--no-grammar", "--select", SELECT, str(folder), cache=tmp_path).stdout.decode()
    assert f"{folder / 'a' / '02.txt'}:3:19: G101" in text
    assert text.rstrip().endswith("drafts/s; 2 from the cache).")
    # other settings, other results
    text = cli("check", "--no-grammar", "--select", "G101", str(folder), cache=tmp_path).stdout.decode()
    assert "from the cache" not in text
    text = cli("check", "--no-grammar", "--no-cache", "--select", SELECT, str(folder), cache=tmp_path).stdout.decode()
    assert "from the cache" not in text
    assert (tmp_path / "results.sqlite3").is_file()


def test_a_broken_cache_is_a_notice_not_a_failure(folder, tmp_path):
    (tmp_path / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    proc = cli("check", "--no-grammar", "--select", "G101", str(folder / "a" / "01.txt"), cache=tmp_path)
    assert proc.returncode == 1
    # issue 14: a corrupt cache is set aside and rebuilt, said once (one line)
    assert proc.stderr.decode().startswith(f"followup-lint: cache at {tmp_path / 'results.sqlite3'} was corrupt ")
    assert len(proc.stderr.decode().splitlines()) == 1
    assert [p.name.split("-")[0] for p in tmp_path.glob("results.sqlite3.corrupt-*")] == ["results.sqlite3.corrupt"]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """60 drafts: enough for two workers."""
    root = tmp_path_factory.mktemp("many")
    for i in range(60):
        name = "[Name]" if i % 3 == 0 else "Dana"
        plea = " I need this job." if i % 4 == 0 else ""
        (root / f"d{i:03}.txt").write_text(f"Hi {name},\n\nThank you for interview {i}.{plea}\n\nBest,\nSam\n")
    return root


def test_two_workers_give_the_same_output_as_one(many, tmp_path):
    one = cli("check", "--no-grammar", "--no-cache", "--jobs", "1", "--select", SELECT, "--format", "json",
              str(many), cache=tmp_path)
    two = cli("check", "--no-grammar", "--no-cache", "--jobs", "2", "--select", SELECT, "--format", "json",
              str(many), cache=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    out = json.loads(two.stdout)
    assert [f["path"] for f in out["files"]] == sorted(str(p) for p in many.iterdir())
    assert out["summary"]["by_rule"] == {"D101": 15, "G101": 20}
    text = cli("check", "--no-grammar", "--no-cache", "--jobs", "2", "--select", SELECT, str(many),
               cache=tmp_path).stdout.decode()
    assert text.rstrip().endswith("drafts/s; 2 workers).")
    assert "Worst drafts:\n  1 error, 1 warning  " in text


def _run_on_a_terminal(args, cache) -> tuple[int, bytes]:
    """Run the CLI with standard error on a pseudo-terminal; returns what it
    wrote there."""
    try:
        master, slave = pty.openpty()
    except OSError as exc:
        pytest.skip(f"no pseudo-terminal here ({exc})")
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(cache), TERM="xterm", COLUMNS="120")
    proc = subprocess.Popen([sys.executable, "-m", "followup_lint", *args], stdout=subprocess.PIPE,
                            stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.stdout.read()
    code = proc.wait(timeout=300)
    os.close(master)
    return code, b"".join(chunks)


def test_progress_bar_on_a_terminal_only(many, tmp_path):
    code, err = _run_on_a_terminal(["check", "--no-grammar", "--no-cache", "--jobs", "1", "--select", "G101",
                                    str(many)], tmp_path)
    assert code == 1
    assert b"checking" in err and b"/60" in err and b"drafts/s" in err and b"ETA" in err
    code, err = _run_on_a_terminal(["check", "--quiet", "--no-grammar", "--no-cache", "--select", "G101",
                                    str(many)], tmp_path)
    assert code == 1 and b"checking" not in err and b"drafts/s" not in err
    piped = cli("check", "--no-grammar", "--select", "G101", str(many), cache=tmp_path)
    assert piped.stderr == b""


def test_quiet_prints_findings_only(many, tmp_path):
    proc = cli("check", "--quiet", "--no-grammar", "--select", "G101", str(many), cache=tmp_path)
    lines = proc.stdout.decode().splitlines()
    assert lines[-1] == "20 findings (20 errors) in 60 drafts."
    assert not any(line.startswith(("Checked ", "Worst drafts", "By category")) for line in lines)


def test_statistics_per_rule(many, tmp_path):
    proc = cli("check", "--statistics", "--quiet", "--no-grammar", "--select", SELECT, str(many), cache=tmp_path)
    assert proc.stdout.decode().splitlines() == [
        "20  G101  unfilled-placeholder  [error]",
        "15  D101  desperate-plea        [warning]",
        "35 findings (20 errors, 15 warnings) in 60 drafts.",
    ]


def test_files_from_standard_input(folder, tmp_path):
    listing = f"{folder / 'a' / '01.txt'}\n{folder / 'b.md'}\n".encode()
    proc = cli("check", "--quiet", "--no-grammar", "--select", SELECT, "--files-from", "-", cache=tmp_path,
               input=listing)
    assert proc.returncode == 1
    assert [line.split(": ")[0] for line in proc.stdout.decode().splitlines() if line.startswith("/")] == [
        f"{folder / 'a' / '01.txt'}:1:4", f"{folder / 'b.md'}:3:1", f"{folder / 'b.md'}:3:16"]


def test_no_paths_is_a_usage_error(tmp_path):
    proc = cli("check", cache=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == ("followup-lint: error: give the drafts to check: files, folders, "
                                            "Maildir folders or mbox files")


def test_a_run_served_from_the_cache_does_not_load_spacy(folder, tmp_path):
    """Why a second run is fast: nothing heavy is imported."""
    args = ["check", "--no-grammar", "--select", SELECT, "--format", "json", str(folder / "a" / "01.txt"),
            str(folder / "b.md")]
    first = cli(*args, cache=tmp_path)
    code = ("import sys, io, contextlib\n"
            "from followup_lint.cli import main\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            "    try:\n"
            f"        main({args!r})\n"
            "    except SystemExit as exc:\n"
            "        status = exc.code\n"
            "print(status, 'spacy' in sys.modules, 'followup_lint.analysis' in sys.modules)\n"
            "sys.stdout.write(out.getvalue())\n")
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, timeout=300)
    head, _, rest = proc.stdout.decode().partition("\n")
    assert head == "1 False False", proc.stderr
    assert rest.encode() == first.stdout


def test_stored_metrics_and_models_match_the_analysis_module():
    from followup_lint import analysis, cache, finding

    assert finding.Metrics is analysis.Metrics  # one class, from followup_lint.metrics (cache reads it back)
    assert cache.DEFAULT_MODELS == analysis.DEFAULT_MODELS
    nlp = analysis.load_pipeline(None)
    assert cache.model_name(None) == f"{nlp.meta['name']}-{nlp.meta['version']}"


def test_grammar_through_two_workers_uses_the_runs_one_server(tmp_path, languagetool):
    """LanguageTool findings come back from worker processes, which use the
    server the main process found (the session's), not their own."""
    folder = tmp_path / "typos"
    folder.mkdir()
    for i in range(50):
        (folder / f"n{i:02}.txt").write_text(f"Hi Dana,\n\nI recieve your note {i} and I am glad.\n\n"
                                             "Best regards,\nSam Park\n")
    proc = cli("check", "--jobs", "2", "--select", "L101", "--format", "json", str(folder), cache=tmp_path / "c")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b""
    out = json.loads(proc.stdout)
    assert [[(f["code"], f["line"], f["column"], f["excerpt"]) for f in e["findings"]] for e in out["files"]] == \
        [[("L101", 3, 3, "recieve")]] * 50
