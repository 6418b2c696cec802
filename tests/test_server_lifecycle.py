"""The LanguageTool server's lifecycle under attack and under races, for real:
another user (``nobody`` through setpriv) holding the port, a folder the user
cannot read, concurrent ``server start`` processes (issue 14 items 3, 10, 11).

Each test starts what it needs in its own state directory and checks that no
JVM it started is left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli, without_root_powers
from followup_lint.grammar.server import ENV_DIR, ENV_STATE, MAIN_CLASS

# A program that answers like LanguageTool and prints every request body it
# receives: what a port thief would run.
IMPOSTOR = r"""
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def _answer(self, body):
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        self._answer(b'[{"name":"English (US)","code":"en","longCode":"en-US"}]')
    def do_POST(self):
        data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        print("POST", self.path, data.decode("latin-1"), flush=True)
        self._answer(b'{"matches": []}')
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print("PORT", s.server_address[1], flush=True)
s.serve_forever()
"""


def _jvms_marked(mark: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if MAIN_CLASS.encode() in (proc / "cmdline").read_bytes() and mark.encode() in (proc / "environ").read_bytes():
                if (proc / "stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z":
                    pids.append(int(proc.name))
        except OSError:
            continue
    return sorted(pids)


def _own_env(tmp_path: Path) -> tuple[dict, str]:
    """A private state dir, the real jars, and a mark to find this test's JVMs."""
    mark = uuid.uuid4().hex
    (tmp_path / "state").mkdir(exist_ok=True)
    env = {ENV_STATE: str(tmp_path / "state"), "FOLLOWUP_LINT_TEST_MARK": mark,
           "FOLLOWUP_LINT_RUNTIME_DIR": str(tmp_path / "rt"), "FOLLOWUP_LINT_BACKGROUND": "0"}
    return env, f"FOLLOWUP_LINT_TEST_MARK={mark}"


def _as_nobody() -> list[str] | None:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture
def impostor():
    """The impostor running as user nobody; yields (port, process)."""
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("needs root and setpriv to run the impostor as another user (nobody)")
    proc = subprocess.Popen([*prefix, "/usr/bin/python3", "-c", IMPOSTOR], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        first = proc.stdout.readline().split()
        assert first[:1] == ["PORT"], first
        yield int(first[1]), proc
    finally:
        proc.kill()
        proc.wait()


def _received(proc) -> str:
    proc.kill()
    out, _ = proc.communicate(timeout=10)
    return out


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs /proc/net/tcp")
def test_a_port_held_by_another_user_gets_no_draft(impostor, tmp_path):
    from followup_lint.grammar import _connect
    from followup_lint.grammar.server import GrammarUnavailable, jar_dir, spawn, stop_process

    port, proc = impostor
    env, mark = _own_env(tmp_path)
    os.environ["FOLLOWUP_LINT_TEST_MARK"] = env["FOLLOWUP_LINT_TEST_MARK"]
    server = None
    try:
        with pytest.raises(GrammarUnavailable) as caught:
            server = spawn(jar_dir(), kept=False, port=port)
            # (before the ownership check the impostor was taken for LanguageTool)
            _connect(server.url, user_url=False).check("Dear Dana, my secret draft text.")
        assert f"127.0.0.1:{port}" in str(caught.value) and "nobody" in str(caught.value)
        assert "nothing was sent" in str(caught.value)
    finally:
        if server is not None and server.process is not None:
            stop_process(server.process)
        os.environ.pop("FOLLOWUP_LINT_TEST_MARK", None)
    assert "secret draft" not in _received(proc)
    assert _jvms_marked(mark) == []


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs /proc/net/tcp")
def test_server_start_on_a_port_held_by_another_user_fails_closed(impostor, tmp_path):
    port, proc = impostor
    env, mark = _own_env(tmp_path)
    started = run_cli("server", "start", "--port", str(port), env=env)
    err = started.stderr.decode()
    assert started.returncode == 2, (started.stdout, err)
    assert err.count("\n") == 1 and "nobody" in err and "Traceback" not in err
    assert not (tmp_path / "state" / "languagetool-server.json").exists()
    draft = FIXTURES / "rules" / "L101.bad.txt"
    checked = run_cli("check", "--select", "L", str(draft), env=env)  # its own JVM, never the impostor
    assert checked.returncode == 1 and b"L101" in checked.stdout, checked.stderr
    assert "POST" not in _received(proc)
    assert _jvms_marked(mark) == []


def _unreadable_jars(tmp_path: Path) -> Path:
    jars = tmp_path / "lt"
    jars.mkdir()
    for name in ("languagetool-server-6.6.jar", "language-en-6.6.jar"):
        (jars / name).write_bytes(b"PK")
    jars.chmod(0o000)
    return jars


def test_an_unreadable_languagetool_folder_is_one_line(tmp_path):
    prefix = without_root_powers()
    if prefix is None:
        pytest.skip("root without setpriv: permissions do not hold")
    jars = _unreadable_jars(tmp_path)
    env, _mark = _own_env(tmp_path)
    env[ENV_DIR] = str(jars)
    cmd = [*prefix, sys.executable, "-m", "followup_lint"]
    full = dict(os.environ, **env)
    try:
        draft = str(FIXTURES / "rules" / "L101.bad.txt")
        check = subprocess.run([*cmd, "check", draft], capture_output=True, env=full, timeout=300)
        err = check.stderr.decode()
        assert check.returncode in (0, 1) and "Traceback" not in err, err
        assert err.count("\n") == 1 and f"cannot read the LanguageTool folder {jars}" in err
        required = subprocess.run([*cmd, "check", "--require-grammar", draft], capture_output=True, env=full,
                                  timeout=300)
        assert required.returncode == 2 and required.stderr.decode().count("\n") == 1
        start = subprocess.run([*cmd, "server", "start"], capture_output=True, env=full, timeout=300)
        err = start.stderr.decode()
        assert start.returncode == 2 and err.count("\n") == 1 and "permission denied" in err, err
    finally:
        jars.chmod(0o700)


def test_two_server_starts_at_once_leave_one_server(tmp_path):
    env, mark = _own_env(tmp_path)
    full = dict(os.environ, **env)
    cmd = [sys.executable, "-m", "followup_lint", "server", "start"]
    try:
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full) for _ in range(3)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], outs
        texts = sorted(o.decode() for o, _ in outs)
        assert sum(t.startswith("LanguageTool started") for t in texts) == 1, texts
        pids = _jvms_marked(mark)
        assert len(pids) == 1, pids
        assert all(f"(pid {pids[0]})" in t for t in texts), texts
    finally:
        stopped = run_cli("server", "stop", env=env)
    assert stopped.returncode == 0
    deadline = time.monotonic() + 20
    while _jvms_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _jvms_marked(mark) == []
