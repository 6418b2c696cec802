"""The on-demand background server (issue 19) and the warm client's time
limit (issue 14 item 12), with real processes: ten concurrent first checks,
an idle exit, the three opt-outs, CI, a killed server and a frozen daemon.

Every test runs in state and runtime folders of its own (so the session's
LanguageTool is not found) with a mark in the environment that the
background daemon and its JVM inherit, and checks that nothing marked is
left running at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from followup_lint.grammar.server import ENV_STATE, MAIN_CLASS

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")

DRAFT = FIXTURES / "rules" / "L101.bad.txt"
NOTICE = "in the background"


def _marked(mark: str, needle: bytes) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if needle in (proc / "cmdline").read_bytes() and mark.encode() in (proc / "environ").read_bytes():
                if (proc / "stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z":
                    pids.append(int(proc.name))
        except OSError:
            continue
    return sorted(pids)


class Place:
    """Private state/runtime folders and a mark; helpers to run the CLI there."""

    def __init__(self, tmp_path: Path, **env: str):
        self.tmp = tmp_path
        self.mark = f"FOLLOWUP_LINT_TEST_MARK={uuid.uuid4().hex}"
        # FOLLOWUP_LINT_FIRST_WAIT: a first check waits for the background
        # LanguageTool as long as it takes (a loaded machine takes minutes),
        # so that what it finds can be compared; the bound has its own test
        self.env = dict(os.environ, FOLLOWUP_LINT_BACKGROUND="1", FOLLOWUP_LINT_FIRST_WAIT="900",
                        FOLLOWUP_LINT_TEST_MARK=self.mark.split("=")[1],
                        FOLLOWUP_LINT_RUNTIME_DIR=str(tmp_path / "rt"), FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"),
                        **{ENV_STATE: str(tmp_path / "state")})
        self.env.pop("CI", None)
        self.env.update(env)

    def cli(self, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "followup_lint", *args], capture_output=True, cwd=ROOT,
                              env=dict(self.env, **(env or {})), timeout=timeout)

    def popen(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "followup_lint", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=ROOT, env=self.env)

    def jvms(self) -> list[int]:
        return _marked(self.mark, MAIN_CLASS.encode())

    def daemons(self) -> list[int]:
        return _marked(self.mark, b"followup_lint.warm")

    def wait_gone(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while (self.jvms() or self.daemons()) and time.monotonic() < deadline:
            time.sleep(0.2)

    def wait_serving(self, timeout: float = 300) -> int:
        """The daemon's pid once it answers on its socket."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.cli("server", "status", timeout=60)
            out = status.stdout.decode()
            if "warm linter running" in out:
                return int(out.split("(pid ", 1)[1].split(",", 1)[0])
            time.sleep(0.5)
        raise AssertionError("the background daemon never answered")

    def stop(self) -> None:
        self.cli("server", "stop", timeout=120)
        for pid in self.daemons() + self.jvms():  # a test that failed half-way: leave nothing behind
            try:
                os.kill(pid, signal.SIGCONT)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.wait_gone()


@pytest.fixture
def place(tmp_path):
    p = Place(tmp_path)
    try:
        yield p
    finally:
        p.stop()
    assert p.jvms() == [] and p.daemons() == []


def _l101(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == 1 and b"L101" in result.stdout


def test_ten_concurrent_first_checks_leave_one_server_and_a_killed_one_comes_back(place):
    procs = [place.popen("check", "--no-cache", "--jobs", "1", str(DRAFT)) for _ in range(10)]
    outs = [p.communicate(timeout=900) for p in procs]
    errs = [e.decode() for _o, e in outs]
    assert all(p.returncode == 1 and b"L101" in o for p, (o, _e) in zip(procs, outs)), errs
    assert sum(e.count(NOTICE) for e in errs) == 1, errs  # said once, by the one that started it
    assert all("Traceback" not in e and "skipped" not in e for e in errs), errs
    daemon = place.wait_serving()
    assert place.daemons() == [daemon]
    assert len(place.jvms()) == 1, place.jvms()
    notice = next(e for e in errs if NOTICE in e)
    assert "pid" in notice and "30 min" in notice and "server stop" in notice
    # the LanguageTool is killed: the next check (through the daemon) gets a new one
    first_jvm = place.jvms()[0]
    os.kill(first_jvm, signal.SIGKILL)
    again = place.cli("check", "--no-cache", str(DRAFT))
    assert _l101(again), again.stderr
    assert len(place.jvms()) == 1 and place.jvms() != [first_jvm]
    # the daemon is killed: its LanguageTool dies with it, the next check starts both again
    os.kill(daemon, signal.SIGKILL)
    place.wait_gone()
    assert place.jvms() == [] and place.daemons() == []
    recovered = place.cli("check", "--no-cache", str(DRAFT))
    assert _l101(recovered) and NOTICE in recovered.stderr.decode(), recovered.stderr
    assert len(place.daemons()) == 1


def test_a_first_check_goes_on_without_a_background_server_that_is_not_ready(place):
    """The bound on the first check's wait (FOLLOWUP_LINT_FIRST_WAIT, 0 here:
    none): it reports the other rules' findings, says in one line that
    grammar waits for the next check, keeps nothing in the cache; the next
    check of the same draft, through the daemon, has the grammar finding."""
    first = place.cli("check", "--format", "json", str(DRAFT), env={"FOLLOWUP_LINT_FIRST_WAIT": "0"})
    err = first.stderr.decode()
    assert first.returncode in (0, 1) and b'"code": "L' not in first.stdout, err
    assert NOTICE in err and "grammar checks skipped: LanguageTool is still starting in the background" in err, err
    assert "Traceback" not in err
    place.wait_serving()
    again = place.cli("check", "--format", "json", str(DRAFT))
    assert again.returncode == 1 and b'"code": "L101"' in again.stdout, again.stderr


def test_a_hung_background_languagetool_is_replaced_on_the_next_check(place):
    """A kept JVM that runs but no longer answers (SIGSTOPped here, as a hung
    or half-killed one looks): the daemon kills it and starts a new one."""
    first = place.cli("check", "--no-cache", str(DRAFT))
    assert _l101(first), first.stderr
    place.wait_serving()
    [hung] = place.jvms()
    os.kill(hung, signal.SIGSTOP)
    again = place.cli("check", "--no-cache", str(DRAFT))
    assert _l101(again), again.stderr
    assert "Traceback" not in again.stderr.decode()
    jvms = place.jvms()
    assert len(jvms) == 1 and hung not in jvms, (hung, jvms)


def test_the_background_server_ends_after_its_idle_timeout(place, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    # long enough for `server status` to see the daemon on a loaded machine
    # (with 3 s it could end before the first status answered)
    (folder / ".followup-lint.toml").write_text("idle-timeout = 10\n")
    (folder / "note.txt").write_bytes(DRAFT.read_bytes())
    first = place.cli("check", "--no-cache", str(folder / "note.txt"))
    assert _l101(first) and "after 10 s without a check" in first.stderr.decode(), first.stderr
    place.wait_serving()  # loaded, then 10 s without a check
    place.wait_gone(timeout=120)
    assert place.daemons() == [] and place.jvms() == []
    assert not (tmp_path / "state" / "languagetool-server.json").exists()


@pytest.mark.parametrize("how", ["env", "flag", "config", "ci"])
def test_opt_out_and_ci_leave_no_process(place, tmp_path, how):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "note.txt").write_bytes(DRAFT.read_bytes())
    args = ["check", "--no-cache", str(folder / "note.txt")]
    env = {}
    if how == "env":
        env = {"FOLLOWUP_LINT_BACKGROUND": "0"}
    elif how == "flag":
        args.insert(1, "--no-background")
    elif how == "config":
        (folder / ".followup-lint.toml").write_text("background = false\n")
    else:
        env = {"CI": "true"}
    result = place.cli(*args, env=env)
    assert _l101(result), result.stderr  # grammar checked, by a JVM of the run's own
    assert NOTICE not in result.stderr.decode()
    assert place.daemons() == [] and place.jvms() == []
    assert not (tmp_path / "rt" / "warm.sock").exists()


def test_a_frozen_warm_daemon_costs_a_time_limit_not_a_hang(place):
    started = place.cli("server", "start", "--warm")
    assert started.returncode == 0, started.stderr
    daemon = place.daemons()[0]
    os.kill(daemon, signal.SIGSTOP)
    try:
        t = time.monotonic()
        result = place.cli("check", "--no-cache", str(DRAFT), env={"FOLLOWUP_LINT_WARM_TIMEOUT": "2"}, timeout=300)
        took = time.monotonic() - t
    finally:
        os.kill(daemon, signal.SIGCONT)
    assert _l101(result), result.stderr
    err = result.stderr.decode()
    assert "did not answer within 2 s" in err and err.count("\n") == 1, err
    assert took < 240


def test_two_warm_starts_at_once_leave_one_daemon(place):
    procs = [place.popen("server", "start", "--warm") for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    texts = [o.decode() for o, _e in outs]
    assert sum("warm linter started" in t for t in texts) == 1, texts
    assert len(place.daemons()) == 1 and len(place.jvms()) == 1
    stopped = place.cli("server", "stop")
    assert stopped.returncode == 0
    place.wait_gone()
    assert place.daemons() == [] and place.jvms() == []


class _Starting:
    """A Grammar whose background LanguageTool is still starting: its
    answer never comes."""

    background, server = 1800.0, None

    def submit(self, text, language, url=None, jars=None):
        from concurrent.futures import Future

        return Future()

    def abandon(self):
        pass


def test_a_first_check_stops_waiting_by_its_budget_from_the_process_start(monkeypatch, capsys):
    """The command's wait for a starting background server ends by
    FIRST_CHECK_BY (its process start + FIRST_CHECK_BUDGET) even when the
    seconds of FIRST_CHECK_WAIT are not over; the engine knows it waits."""
    from types import SimpleNamespace

    from followup_lint.grammar import session

    started = session.process_started()
    assert started is not None and started <= time.monotonic()
    monkeypatch.delenv(session.ENV_FIRST_WAIT, raising=False)
    monkeypatch.setattr(session, "BACKGROUND_WAIT", 60.0)
    monkeypatch.setattr(session, "FIRST_CHECK_BY", time.monotonic() + 0.3)
    run = session.GrammarSession(_Starting())
    settings = SimpleNamespace(languagetool_url=None, require_grammar=False, language="en-US", languagetool_dir=None)
    draft = SimpleNamespace(text=SimpleNamespace(text="Hi Dana,\n\nThanks.\n"))
    pending = run.request(draft, settings)
    assert run.waiting(pending) and not run.waiting(None)
    t = time.monotonic()
    assert run.result(pending, draft, None, settings) is None
    assert 0.1 < time.monotonic() - t < 5.0
    assert "still starting in the background" in capsys.readouterr().err
