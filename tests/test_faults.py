"""Faults in the parts (issue 8): a real LanguageTool JVM killed or frozen
mid-batch, and a real ``followup-lint check`` interrupted, never leave a
hang, a traceback or an orphan JVM behind.

Each test runs the CLI with an empty state directory, so the run finds no
kept server and starts (and owns) its own JVM, which the test then finds as
the run's child process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

MAIN_CLASS = "org.languagetool.server.HTTPServer"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("faults") / "drafts"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(out), "--count", "100"], check=True,
                   cwd=ROOT, timeout=120)
    return out


def _start(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    full = dict(os.environ, FOLLOWUP_LINT_STATE_DIR=str(state), FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"),
                **(env or {}))
    # output to files, not pipes: a run never blocks on a full pipe while the test watches it
    with open(tmp_path / "stdout", "wb") as out, open(tmp_path / "stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "followup_lint", "check", *args], stdout=out, stderr=err,
                                cwd=ROOT, env=full, preexec_fn=_as_at_a_terminal)
    proc.outputs = (tmp_path / "stdout", tmp_path / "stderr")
    return proc


def _as_at_a_terminal() -> None:
    """Ctrl-C reaches the run as at a terminal: a suite started in the
    background by a non-interactive shell inherits SIGINT ignored, and a
    program keeps an ignored SIGINT (as it should under nohup or '&')."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _finish(proc: subprocess.Popen, timeout: float) -> tuple[bytes, bytes]:
    proc.wait(timeout=timeout)
    return proc.outputs[0].read_bytes(), proc.outputs[1].read_bytes()


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> list[str]:
    try:
        return (Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0"))
    except OSError:
        return []


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(what, proc: subprocess.Popen, limit: float = 180):
    """Poll ``what()`` until it returns something true (a safety bound, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while True:
        got = what()
        if got:
            return got
        assert proc.poll() is None, proc.outputs[1].read_text()
        assert time.monotonic() < deadline, f"gave up waiting for {what.__name__}"
        time.sleep(0.05)


def _own_jvm(proc: subprocess.Popen) -> tuple[int, int]:
    """(pid, port) of the LanguageTool JVM the run started."""
    def jvm():
        for child in _children(proc.pid):
            cmd = _cmdline(child)
            if MAIN_CLASS in cmd:
                return child, int(cmd[cmd.index("--port") + 1])
        return None
    return _wait_for(jvm, proc)


def _connections(port: int) -> int:
    """Connections to 127.0.0.1:``port`` so far (each LanguageTool request is
    one; closed ones linger in TIME_WAIT), from /proc/net/tcp."""
    hexport = f"{port:04X}"
    seen = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, state = fields[1], fields[2], fields[3]
        if state == "0A":  # the listening socket
            continue
        if remote.endswith(":" + hexport):
            seen.add(local)
        elif local.endswith(":" + hexport):
            seen.add(remote)
    return len(seen)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _checks_running(port: int, proc, at_least: int = 8) -> None:
    def requests_seen():
        return _connections(port) >= at_least
    _wait_for(requests_seen, proc, limit=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_languagetool_killed_mid_batch_the_run_finishes_without_grammar_and_says_so(corpus, tmp_path, jobs):
    """With two workers too, the notice is said once for the run (issue 14,
    item 15), not once by each worker that meets the dead server."""
    proc = _start(tmp_path, "--format", "json", "-j", jobs, str(corpus))
    jvm, port = _own_jvm(proc)
    try:
        _checks_running(port, proc)
        os.kill(jvm, signal.SIGKILL)  # the JVM dies for real, mid-batch
        out, err = _finish(proc, 600)
    finally:
        _kill(proc.pid)
        _kill(jvm)
    text = err.decode()
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith(f"followup-lint: grammar checks skipped: LanguageTool at http://127.0.0.1:{port}/v2/ "
                               "failed: "), text
    assert proc.returncode == 1
    doc = json.loads(out)
    assert len(doc["files"]) == 100 and not any(f["error"] for f in doc["files"])
    assert doc["summary"]["by_rule"].get("G101", 0) > 0  # the other checks ran on every draft
    assert not _running(jvm)


def test_a_frozen_languagetool_costs_one_timeout_not_a_hang(corpus, tmp_path):
    """SIGSTOP: the server accepts connections but never answers. Each
    request has a timeout, and a server that timed out is not asked again."""
    proc = _start(tmp_path, "--format", "json", "-j", "1", str(corpus),
                  env={"FOLLOWUP_LINT_LANGUAGETOOL_TIMEOUT": "15"})
    jvm, port = _own_jvm(proc)
    try:
        _checks_running(port, proc)
        os.kill(jvm, signal.SIGSTOP)
        # the first requests (a cold JVM) are answered; then 100 drafts each waiting 2 x 15 s would take 50 minutes
        out, err = _finish(proc, 300)
    finally:
        _kill(proc.pid)
        _kill(jvm)
    text = err.decode()
    assert "Traceback" not in text and len(text.splitlines()) == 1, text
    assert "grammar checks skipped: LanguageTool at" in text and "timed out" in text, text
    doc = json.loads(out)
    assert len(doc["files"]) == 100 and not any(f["error"] for f in doc["files"])


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_no_orphan_languagetool_after_an_interrupted_run(corpus, tmp_path, sig):
    """Ctrl-C (SIGINT to the run only, not its process group), a plain kill
    and kill -9 of a real run that started its own JVM: the JVM goes too."""
    proc = _start(tmp_path, "-j", "2", str(corpus))
    jvm, port = _own_jvm(proc)
    try:
        _checks_running(port, proc, at_least=3)
        proc.send_signal(sig)
        out, err = _finish(proc, 120)
        deadline = time.monotonic() + 30  # the kernel's parent-death signal, then the JVM's shutdown
        while _running(jvm) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(jvm), f"LanguageTool pid {jvm} outlived the run"
    finally:
        _kill(proc.pid)
        _kill(jvm)
    if sig == signal.SIGINT:
        assert err.decode().splitlines()[-1:] == ["followup-lint: interrupted"], err.decode()
        assert "Traceback" not in err.decode()
        assert proc.returncode == 130
    else:
        assert proc.returncode == -sig
