"""Issue 14: the promises under attack (docs/security.md, docs/robustness.md).

Run for real: another user is ``nobody`` through ``setpriv`` (skipped with
the reason when these tests do not run as root), a full folder is a small
tmpfs and a read-only one a read-only bind mount (skipped when mounting is
not allowed here), terminal escapes go to a real pty, races are real
concurrent processes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

NOBODY = 65534
NOTE_LINES = ["Subject: Thank you", "", "Hi Dana,", "", "Thank you for the interview at [Company Name] on Tuesday.",
              "", "Best,", "Sam"]
CLEAN_NOTE = ("Subject: Thank you - data engineer interview\n\nHi Dana,\n\nThank you for meeting with me on "
              "Tuesday about the data engineer role at Acme. I enjoyed hearing how your team moved the billing "
              "reports to streaming.\n\nBest regards,\nSam Lee\n")
HOSTILE_MSG = (b"From: Sam Lee <sam@example.com>\r\nTo: Dana Smith <dana@acme.com>\r\n"
               b"Subject: Re: your application\r\n\r\nHi Dana,\r\n\r\nThanks for nothing. "
               b"You wasted my time.\r\n\r\nBest regards,\r\nSam Lee\r\n")


def as_nobody() -> list[str]:
    """A command prefix that runs as the user nobody (skips when impossible)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as another user (nobody)")
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@contextlib.contextmanager
def mounted(target: Path, *args: str):
    """``mount ARGS... target`` for the block, or skip with the reason."""
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) for a small tmpfs or a read-only bind mount")
    proc = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount here: {proc.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def shared_folder(tmp_path: Path) -> Path:
    """A folder other users may enter (pytest's own are 0700)."""
    for p in (tmp_path, *tmp_path.parents):
        if p == Path("/"):
            break
        with contextlib.suppress(OSError):
            os.chmod(p, os.stat(p).st_mode | 0o711)
    return tmp_path


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


# -- 4: what is written is private -------------------------------------------------------------------

def test_result_cache_is_private_and_nobody_else_can_read_it(tmp_path):
    nobody = as_nobody()
    home = shared_folder(tmp_path)
    cache = home / "cache" / "followup-lint"
    draft = home / "a.txt"
    draft.write_text(CLEAN_NOTE.replace("streaming", "the SECRETWORD pipeline"))
    proc = run_cli("check", "--no-grammar", str(draft), env={"FOLLOWUP_LINT_CACHE_DIR": str(cache)})
    assert proc.returncode in (0, 1), proc.stderr
    db = cache / "results.sqlite3"
    assert db.is_file()
    assert mode(cache) == "0o700"
    for p in cache.iterdir():
        assert mode(p) == "0o600", p
    # the other user can neither list the folder nor read the database
    read = subprocess.run([*nobody, "cat", str(db)], capture_output=True)
    assert read.returncode != 0 and b"SECRETWORD" not in read.stdout


def test_existing_loose_cache_is_tightened_on_open(tmp_path):
    cache = tmp_path / "cache"
    draft = tmp_path / "a.txt"
    draft.write_text(CLEAN_NOTE)
    env = {"FOLLOWUP_LINT_CACHE_DIR": str(cache)}
    assert run_cli("check", "--no-grammar", str(draft), env=env).returncode in (0, 1)
    os.chmod(cache, 0o755)
    for p in cache.iterdir():
        os.chmod(p, 0o644)
    assert run_cli("check", "--no-grammar", str(draft), env=env).returncode in (0, 1)
    assert mode(cache) == "0o700"
    db = {p.name: mode(p) for p in cache.glob("results.sqlite3*")}
    assert db and db == {name: "0o600" for name in db}


def test_cache_folder_of_another_user_is_not_written_into(tmp_path):
    as_nobody()
    cache = tmp_path / "theirs"
    cache.mkdir()
    os.chown(cache, NOBODY, NOBODY)
    draft = tmp_path / "a.txt"
    draft.write_text(CLEAN_NOTE)
    proc = run_cli("check", "--no-grammar", str(draft), env={"FOLLOWUP_LINT_CACHE_DIR": str(cache)})
    assert proc.returncode in (0, 1), proc.stderr
    assert list(cache.iterdir()) == []
    assert f"{cache} belongs to another user" in proc.stderr.decode()
    assert b"Traceback" not in proc.stderr


def test_server_state_file_and_log_are_private(tmp_path):
    from followup_lint.grammar.server import Server, write_state

    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    os.chmod(state, 0o755)
    old = os.environ.get("FOLLOWUP_LINT_STATE_DIR")
    os.environ["FOLLOWUP_LINT_STATE_DIR"] = str(state)
    try:
        write_state(Server(os.getpid(), 1, "x"))
    finally:
        if old is None:
            os.environ.pop("FOLLOWUP_LINT_STATE_DIR")
        else:
            os.environ["FOLLOWUP_LINT_STATE_DIR"] = old
    assert mode(state) == "0o700"
    assert mode(state / "languagetool-server.json") == "0o600"


# -- 5: the sendmail wrapper never loses a message ---------------------------------------------------

@pytest.fixture()
def mailer(tmp_path):
    out = tmp_path / "delivered.eml"
    prog = tmp_path / "fake-sendmail"
    prog.write_text(f"#!/bin/sh\ncat > {out}\n")
    prog.chmod(0o755)
    cfg = tmp_path / "hook.toml"
    cfg.write_text("grammar = false\n")
    return {"prog": prog, "out": out, "cfg": cfg}


def _sendmail(box, save: Path, message: bytes, *extra: str):
    return run_cli("sendmail", "--config", str(box["cfg"]), "--save-dir", str(save), *extra,
                   "--", str(box["prog"]), "-oi", "dana@acme.com", input=message)


def _big_hostile(size: int) -> bytes:
    head, body = HOSTILE_MSG.split(b"\r\n\r\n", 1)
    filler = b"\r\n".join(b"We discussed the quarterly billing reports in detail." for _ in range(size // 55))
    return head + b"\r\n\r\n" + body + b"\r\n" + filler + b"\r\n"


@pytest.mark.parametrize("policy", ["refused", "crash"])
def test_full_save_folder_exits_75_and_leaves_no_partial_copy(tmp_path, mailer, policy):
    message = _big_hostile(102_330)
    extra: tuple[str, ...] = ()
    if policy == "crash":  # the linter itself fails: --on-error closed must keep the message
        mailer["cfg"].write_text('grammar = false\nmodel = "no_such_model_xx"\n')
        extra = ("--on-error", "closed")
    with mounted(tmp_path / "full", "-t", "tmpfs", "-o", "size=64k", "tmpfs") as save:
        proc = _sendmail(mailer, save, message, *extra)
        left = [p for p in save.rglob("*") if p.is_file()]
    err = proc.stderr.decode()
    assert proc.returncode == 75, err
    assert not mailer["out"].exists()
    assert left == [], [(p, p.stat().st_size) for p in left]
    assert "NO COPY COULD BE SAVED" in err and "No space left on device" in err
    assert "Traceback" not in err


def test_read_only_save_folder_exits_75(tmp_path, mailer):
    ro = tmp_path / "ro"
    ro.mkdir()
    with mounted(ro, "--bind", "-o", "ro", str(ro)) as save:
        # a bind mount of itself, read-only (mount --bind -o ro SRC SRC)
        proc = _sendmail(mailer, save / "refused", HOSTILE_MSG)
    err = proc.stderr.decode()
    assert proc.returncode == 75, err
    assert "NO COPY COULD BE SAVED" in err and "Read-only file system" in err
    assert not mailer["out"].exists()


def test_saved_copy_is_whole_and_private_in_a_private_folder(tmp_path, mailer):
    message = _big_hostile(102_330)
    save = tmp_path / "refused"
    proc = _sendmail(mailer, save, message)
    assert proc.returncode == 1, proc.stderr
    (copy,) = list(save.iterdir())
    assert copy.read_bytes() == message
    assert mode(save) == "0o700" and mode(copy) == "0o600"
    # the same message again: a second copy, the first one untouched
    assert _sendmail(mailer, save, message).returncode == 1
    assert sorted(p.read_bytes() == message for p in save.iterdir()) == [True, True]


# -- 1, 2: which config is believed ------------------------------------------------------------------

class Recorder:
    """A real HTTP server that answers like a LanguageTool with nothing to
    say and keeps every request it receives (a host drafts must not reach)."""

    def __init__(self, host: str = "127.0.0.1"):
        import http.server
        import threading

        bodies = self.bodies = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self):
                size = int(self.headers.get("Content-Length") or 0)
                bodies.append(self.path.encode() + b" " + self.rfile.read(size))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'[{"name": "English (US)", "code": "en", "longCode": "en-US"}]'
                                 if "languages" in self.path else b'{"matches": []}')

            do_GET = do_POST = _any

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def recorder():
    r = Recorder()
    yield r
    r.close()


def _evil_jars(folder: Path, marker: Path) -> Path:
    """A folder that looks like LanguageTool's zip layout, whose server class
    writes ``marker``: the code a hostile config would have Java run."""
    if shutil.which("javac") is None or shutil.which("jar") is None:
        pytest.skip("needs javac and jar (JDK) to build the hostile jar")
    src = folder / "src" / "org" / "languagetool" / "server"
    src.mkdir(parents=True)
    (src / "HTTPServer.java").write_text(
        "package org.languagetool.server;\npublic class HTTPServer { public static void main(String[] a) "
        f"throws Exception {{ new java.io.File(\"{marker}\").createNewFile(); }} }}\n")
    classes = folder / "classes"
    subprocess.run(["javac", "-d", str(classes), str(src / "HTTPServer.java")], check=True, capture_output=True)
    jars = folder / "jars"
    (jars / "libs").mkdir(parents=True)
    subprocess.run(["jar", "cf", str(jars / "languagetool-server.jar"), "-C", str(classes), "."], check=True)
    for p in (folder, *folder.rglob("*")):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    return jars


@pytest.mark.parametrize("attack", ["languagetool-dir", "languagetool-url"])
def test_another_users_config_in_a_shared_folder_is_ignored(tmp_path, recorder, attack):
    nobody = as_nobody()
    base = shared_folder(tmp_path)
    shared = base / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp: anyone may create files, sticky
    marker = base / "their-code-ran"
    value = _evil_jars(base / "evil", marker) if attack == "languagetool-dir" else recorder.url
    cfg = shared / ".followup-lint.toml"
    subprocess.run([*nobody, "sh", "-c", f"printf '%s\\n' '{attack} = \"{value}\"' 'select = [\"G101\"]' > {cfg}"],
                   check=True)
    assert cfg.stat().st_uid == NOBODY
    victim = shared / "mine"
    victim.mkdir()
    for name in ("a.txt", "b.txt"):
        (victim / name).write_text(CLEAN_NOTE.replace("streaming", "the SECRETWORD pipeline"))
    empty = base / "no-languagetool"
    empty.mkdir()
    env = {"FOLLOWUP_LINT_STATE_DIR": str(base / "state"), "FOLLOWUP_LINT_LANGUAGETOOL_DIR": str(empty),
           "FOLLOWUP_LINT_CONFIG_DIR": str(base / "config")}
    proc = run_cli("check", "--no-cache", "--format", "json", str(victim), env=env)
    err = proc.stderr.decode()
    assert not marker.exists(), "another user's code ran as this user"
    assert not any(b"SECRETWORD" in b for b in recorder.bodies), "a draft reached another user's server"
    assert recorder.bodies == []
    assert err.count(f"followup-lint: warning: ignoring config {cfg}: it belongs to another user (nobody)") == 1, err
    assert proc.returncode in (0, 1), err
    # their select = ["G101"] did not apply either: the whole file is ignored
    import json as _json

    assert _json.loads(proc.stdout)["files"][0]["metrics"] is not None


def test_world_writable_config_of_mine_is_ignored(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    cfg = proj / ".followup-lint.toml"
    cfg.write_text('select = ["NOSUCHRULE"]\n')  # would be a config error if it were read
    os.chmod(cfg, 0o666)
    (proj / "a.txt").write_text(CLEAN_NOTE)
    proc = run_cli("check", "--no-grammar", str(proj / "a.txt"), env={"FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path)})
    err = proc.stderr.decode()
    assert proc.returncode in (0, 1), err
    assert f"followup-lint: warning: ignoring config {cfg}: anyone can write it (mode 0666)" in err
    # trusted on purpose: read again (and its error shows)
    assert run_cli("trust", str(cfg), env={"FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path)}).returncode == 0
    proc = run_cli("check", "--no-grammar", str(proj / "a.txt"), env={"FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path)})
    assert proc.returncode == 2 and "NOSUCHRULE" in proc.stderr.decode()


def _non_loopback_address() -> str:
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            addr = s.getsockname()[0]
    except OSError:
        addr = ""
    if not addr or addr.startswith("127."):
        pytest.skip("this machine has no non-loopback IPv4 address")
    return addr


def test_project_config_may_not_send_drafts_elsewhere_until_trusted(tmp_path):
    away = Recorder(_non_loopback_address())
    try:
        proj = tmp_path / "proj"
        proj.mkdir()
        cfg = proj / ".followup-lint.toml"
        cfg.write_text(f'languagetool-url = "{away.url}"\n')
        for name in ("a.txt", "b.txt"):
            (proj / name).write_text(CLEAN_NOTE.replace("streaming", "the SECRETWORD pipeline"))
        env = {"FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path / "config")}
        proc = run_cli("check", "--no-cache", str(proj), env=env)
        err = proc.stderr.decode()
        assert proc.returncode in (0, 1), err
        assert away.bodies == [], "a config found by searching sent the draft away"
        assert err.count(f"followup-lint: warning: {cfg}: languagetool-url ignored: it sends your drafts to "
                         "that server") == 1, err
        # the user's own word: the flag; drafts go there and the run says where, once
        proc = run_cli("check", "--no-cache", "--languagetool-url", away.url, str(proj), env=env)
        err = proc.stderr.decode()
        host = away.url.split("//")[1].split(":")[0]
        assert any(b"SECRETWORD" in b for b in away.bodies)
        assert err.count(f"followup-lint: warning: drafts are sent to {host} for grammar checks "
                         f"({away.url}, set by --languagetool-url)") == 1, err
        # trusted: the file's URL is used, and said once
        away.bodies.clear()
        assert run_cli("trust", str(cfg), env=env).returncode == 0
        proc = run_cli("check", "--no-cache", str(proj), env=env)
        err = proc.stderr.decode()
        assert any(b"SECRETWORD" in b for b in away.bodies)
        assert err.count(f"drafts are sent to {host} for grammar checks ({away.url}, set by {cfg})") == 1, err
        assert "ignored" not in err
    finally:
        away.close()


# -- 9: config mistakes are one line naming the file and the key -------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    (".followup-lint.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n", "invalid TOML: tables or arrays nested"),
    ("pyproject.toml", "[tool]\nfollowup-lint = 5\n", "tool.followup-lint must be a table"),
    (".followup-lint.toml", 'max-file-size = "99999999999999999999GB"\n', "max-file-size: '99999999999999999999GB' is too large"),
    (".followup-lint.toml", 'max-file-size = "' + "9" * 400 + '"\n', "max-file-size: "),
    (".followup-lint.toml", "[rules.W101]\nmax-words = inf\n", "rules.W101: max-words must be an integer, not float"),
    (".followup-lint.toml", "[rules.W102]\nmax-grade = inf\n", "rules.W102: max-grade must be a finite number, not inf"),
    (".followup-lint.toml", "[rules.G203]\nmax-share = nan\n", "rules.G203: max-share must be a finite number, not nan"),
    (".followup-lint.toml", "[rules.W101]\nmax-words = -5\n", "rules.W101: max-words must be between 0 and"),
    (".followup-lint.toml", "[rules.W101]\nmax-words = 9223372036854775807\n", "rules.W101: max-words must be between 0 and"),
])
def test_config_mistakes_are_one_line(tmp_path, name, content, expected):
    cfg = tmp_path / name
    cfg.write_text(content)
    (tmp_path / "a.txt").write_text(CLEAN_NOTE)
    proc = run_cli("check", "--no-grammar", str(tmp_path / "a.txt"))
    err = proc.stderr.decode().splitlines()
    assert proc.returncode == 2, err
    assert len(err) == 1 and err[0].startswith(f"followup-lint: error: {cfg}: ") and expected in err[0], err


# -- 6: -o never destroys an input -------------------------------------------------------------------

def test_output_that_is_one_of_the_inputs_is_refused(tmp_path):
    draft = tmp_path / "note.eml"
    original = b"Subject: Thank you\n\nHi Dana,\n\nThank you for the chat.\n\nBest,\nSam\n"
    draft.write_bytes(original)
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "same.eml"
    os.link(draft, link)
    for out, inputs in ((draft, [draft]), (draft, [tmp_path]), (link, [draft]),
                        (tmp_path / "sub" / ".." / "note.eml", [draft])):
        proc = run_cli("check", "--no-grammar", "--format", "json", "-o", str(out), *map(str, inputs))
        assert proc.returncode == 2, proc.stderr
        assert f"--output {out} is one of the inputs" in proc.stderr.decode()
        assert draft.read_bytes() == original


def test_output_is_written_whole_and_private(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text(CLEAN_NOTE)
    report = tmp_path / "report.json"
    report.write_text("old report\n")
    proc = run_cli("check", "--no-grammar", "--format", "json", "-o", str(report), str(draft))
    assert proc.returncode in (0, 1), proc.stderr
    import json as _json

    assert _json.loads(report.read_text())["files"][0]["path"] == str(draft)
    assert mode(report) == "0o600"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    # a report that cannot be written leaves the old one as it was
    with mounted(tmp_path / "full", "-t", "tmpfs", "-o", "size=8k", "tmpfs") as full:
        (full / "r.txt").write_text("old\n")
        big = tmp_path / "big"
        big.mkdir()
        for i in range(40):
            (big / f"d{i}.txt").write_text(CLEAN_NOTE)
        proc = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", "-o", str(full / "r.txt"), str(big))
        assert proc.returncode == 2 and "No space left on device" in proc.stderr.decode()
        assert (full / "r.txt").read_text() == "old\n"
        assert [p.name for p in full.iterdir()] == ["r.txt"]


# -- 7, 8: file names that attack the reader ---------------------------------------------------------

HOSTILE_NAMES = [b"caf\xe9.txt", b"\x1b[2J\x1b]0;pwned\x07x.txt", b"a\n::error::hacked.txt", b"::warning::b.txt"]


@pytest.fixture()
def hostile_names(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    for name in HOSTILE_NAMES:  # each has one sure finding: G101 at 5:32
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write("\n".join(NOTE_LINES).encode() + b"\n")
    return folder


def test_file_names_cannot_drive_a_real_terminal(hostile_names):
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on a real terminal
        os.chdir(hostile_names)
        os.execv(sys.executable, [sys.executable, "-m", "followup_lint", "check", "--no-grammar", "--no-cache", "."])
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    assert b"G101" in out, out  # it did run (with colours: a terminal)
    assert b"\x1b[2J" not in out and b"\x1b]0;" not in out and b"\x07" not in out, out
    assert b"\\x1b[2J\\x1b]0;pwned\\x07x.txt:" in out
    assert b"caf\\xe9.txt:" in out
    assert not any(line.lstrip(b"\x1b[0123456789;m").startswith(b"::") for line in out.splitlines())


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_line_starts_a_workflow_command_from_data(hostile_names, fmt):
    proc = run_cli("check", "--no-grammar", "--no-cache", "--format", fmt, ".", cwd=hostile_names)
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stdout.splitlines()
    commands = [ln for ln in lines if ln.startswith(b"::")]
    if fmt == "text":
        assert commands == []
        assert b"./::warning::b.txt:5:32: G101" in proc.stdout
        assert b"a\\n::error::hacked.txt:5:32: G101" in proc.stdout
    else:
        assert len(commands) >= len(HOSTILE_NAMES)
        assert all(c.startswith((b"::error file=", b"::warning file=", b"::notice file=")) for c in commands)
        assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout
        assert b"file=a%0A%3A%3Aerror%3A%3Ahacked.txt," in proc.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_stay_valid_for_any_file_name(hostile_names, fmt):
    import json as _json

    proc = run_cli("check", "--no-grammar", "--no-cache", "--format", fmt, ".", cwd=hostile_names)
    assert proc.returncode in (0, 1), proc.stderr
    doc = _json.loads(proc.stdout.decode("utf-8"))  # strict UTF-8, strict JSON
    if fmt == "json":
        paths = sorted(f["path"] for f in doc["files"])
        assert paths == sorted(os.fsdecode(n).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                               for n in HOSTILE_NAMES)
        assert "caf\ufffd.txt" in paths
    else:
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
        assert "caf%E9.txt" in uris  # the exact bytes, percent-encoded
        assert "%1B%5B2J%1B%5D0%3Bpwned%07x.txt" in uris


def test_every_key_that_runs_code_or_names_a_place_is_restricted():
    """A config key that names a program, a folder of code or a host can
    only come from a trusted file: a new such key must join RESTRICTED."""
    from followup_lint.config import _KEYS
    from followup_lint.trust import RESTRICTED

    risky = {k for k in _KEYS if any(w in k for w in ("url", "dir", "host", "command", "program", "exec",
                                                       "java", "jar", "plugin", "model"))}
    assert risky <= set(RESTRICTED), risky - set(RESTRICTED)
    assert set(RESTRICTED) == {"languagetool-dir", "languagetool-url", "model"}


# -- 13: wrong diagnoses -----------------------------------------------------------------------------



def _g101(path: Path) -> list[tuple[int, int, str]]:
    import json as _json

    proc = run_cli("check", "--no-grammar", "--no-cache", "--select", "G101", "--format", "json", str(path))
    doc = _json.loads(proc.stdout)
    assert doc["files"][0]["error"] is None, doc["files"][0]["error"]
    return [(f["line"], f["column"], f["excerpt"]) for f in doc["files"][0]["findings"]]


def test_cr_only_line_endings_are_lines(tmp_path):
    txt = tmp_path / "mac.txt"
    txt.write_bytes("\r".join(NOTE_LINES).encode() + b"\r")
    assert _g101(txt) == [(5, 32, "[Company Name]")]
    eml = tmp_path / "mac.eml"
    eml.write_bytes(("From: Sam <sam@example.com>\rTo: Dana <dana@acme.example>\r"
                     + "\r".join(NOTE_LINES) + "\r").encode())
    assert _g101(eml) == [(7, 32, "[Company Name]")]


def test_a_boundary_that_looks_like_an_encoded_word_is_a_boundary(tmp_path):
    eml = tmp_path / "b.eml"
    eml.write_bytes(b"From: Sam <sam@example.com>\nTo: Dana <dana@acme.example>\nSubject: Thank you\n"
                    b"MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"=?utf-8?B?YQ==?=\"\n\n"
                    b"--=?utf-8?B?YQ==?=\nContent-Type: text/plain; charset=utf-8\n\n"
                    b"Hi Dana,\n\nThank you for the interview at [Company Name] on Tuesday.\n\nBest,\nSam\n"
                    b"--=?utf-8?B?YQ==?=--\n")
    assert _g101(eml) == [(12, 32, "[Company Name]")]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, codec):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}[codec]
    f = tmp_path / "wide.txt"
    f.write_bytes(bom + ("\r\n".join(NOTE_LINES) + "\r\n").replace("Tuesday", "Tuesday \u2014 caf\u00e9").encode(codec))
    assert _g101(f) == [(5, 32, "[Company Name]")]


# -- 14: a mail program moves messages while the run reads them ---------------------------------------

def test_maildir_messages_moved_during_a_run_are_found(tmp_path):
    from conftest import message

    box = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    for i in range(150):
        (box / "new" / f"1700000000.M{i}P1.host").write_bytes(
            bytes(message(f"Thank you {i}", "Hi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n")))
    # a real concurrent process does what a mail client does: new/ -> cur/ with flags, then flag changes
    mover = subprocess.Popen([sys.executable, "-c", f"""
import os, time
box = {str(box)!r}
names = sorted(os.listdir(os.path.join(box, 'new')))
for n in names:
    os.rename(os.path.join(box, 'new', n), os.path.join(box, 'cur', n + ':2,S'))
    time.sleep(0.002)
flags = ['S', 'RS']
k = 0
while not os.path.exists(os.path.join(box, '..', 'stop')):
    for n in names:
        os.rename(os.path.join(box, 'cur', n + ':2,' + flags[k % 2]), os.path.join(box, 'cur', n + ':2,' + flags[(k + 1) % 2]))
        time.sleep(0.002)  # a mail program's pace, not a rename storm
    k += 1
"""])
    try:
        proc = run_cli("check", "--no-grammar", "--no-cache", "--select", "G,S1", "--format", "json", str(box))
    finally:
        (tmp_path / "stop").touch()
        mover.wait(60)
    import json as _json

    doc = _json.loads(proc.stdout)
    errors = [f["error"] for f in doc["files"] if f["error"]]
    assert errors == [], errors[:3]
    assert len(doc["files"]) == 150 and proc.returncode != 2


# -- 15: a corrupt cache is set aside once ----------------------------------------------------------

def test_corrupt_cache_is_set_aside_and_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "results.sqlite3").write_bytes(b"this is not a database " * 100)
    draft = tmp_path / "a.txt"
    draft.write_text(CLEAN_NOTE)
    env = {"FOLLOWUP_LINT_CACHE_DIR": str(cache)}
    first = run_cli("check", "--no-grammar", str(draft), env=env)
    assert first.returncode in (0, 1), first.stderr
    assert first.stderr.decode().count("was corrupt") == 1, first.stderr
    assert len(list(cache.glob("results.sqlite3.corrupt-*"))) == 1
    second = run_cli("check", "--no-grammar", str(draft), env=env)
    assert second.returncode == first.returncode
    assert b"cache" not in second.stderr, second.stderr  # rebuilt: quiet, and served from it
    assert second.stdout == first.stdout
