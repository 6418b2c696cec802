"""The warm path (followup_lint.warm: protocol, client, daemon): the same findings through the daemon
as in-process, a private socket, and a fallback when no daemon answers.

Behaviour only; speed is measured by `make bench` (bench/perf.py)."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli
from followup_lint.dirs import ENV_RUNTIME_DIR

DRAFTS = sorted(str(p) for p in (FIXTURES / "drafts").iterdir() if p.is_file())


@pytest.fixture(scope="module")
def warm_daemon(tmp_path_factory, languagetool):
    """One warm daemon (in its own runtime dir) for this module, stopped at
    the end even when a test fails."""
    from followup_lint.warm import client as warm

    runtime = tmp_path_factory.mktemp("warm-runtime") / "rt"
    previous = os.environ.get(ENV_RUNTIME_DIR)
    os.environ[ENV_RUNTIME_DIR] = str(runtime)
    try:
        pid, started = warm.start()
        assert started
        yield {"pid": pid, "runtime": runtime, "env": {ENV_RUNTIME_DIR: str(runtime)}}
    finally:
        stopped = warm.stop()
        if previous is None:
            os.environ.pop(ENV_RUNTIME_DIR, None)
        else:
            os.environ[ENV_RUNTIME_DIR] = previous
    assert stopped == pid
    assert not Path(f"/proc/{pid}").exists()  # ended and collected: no orphan, no zombie


def _served(env) -> int:
    from followup_lint.warm import client as warm

    status = warm.ping()
    assert status is not None
    return status["served"]


def _both(env, *args, input=None, cwd=None):
    """(warm result, in-process result) of the same command."""
    before = _served(env)
    hot = run_cli(*args, input=input, cwd=cwd, env=env)
    assert _served(env) == before + 1, "the check did not go through the warm daemon"
    cold = run_cli(*args, input=input, cwd=cwd, env=dict(env, FOLLOWUP_LINT_WARM="0"))
    assert _served(env) == before + 1
    return hot, cold


def test_same_json_through_both_paths_grammar_on(warm_daemon, tmp_path):
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    hot, cold = _both(env, "check", "--format", "json", "--no-cache", "--select", "ALL", *DRAFTS)
    assert hot.returncode == cold.returncode == 1
    assert hot.stdout == cold.stdout
    assert hot.stderr == cold.stderr
    assert b'"code": "L' in hot.stdout  # grammar findings came through


def test_same_text_output_config_and_relative_paths(warm_daemon, tmp_path):
    (tmp_path / ".followup-lint.toml").write_text('ignore = ["G201"]\nfail-on = "error"\n')
    draft = tmp_path / "note.txt"
    draft.write_bytes((FIXTURES / "drafts" / "03-reply-to-rejection-hostile.txt").read_bytes())
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    hot, cold = _both(env, "check", "--no-grammar", "note.txt", cwd=tmp_path)
    assert hot.returncode == cold.returncode
    assert hot.stdout == cold.stdout and hot.stdout
    assert b"G201" not in hot.stdout and b"note.txt:" in hot.stdout


def test_same_output_from_standard_input(warm_daemon, tmp_path):
    raw = (FIXTURES / "drafts" / "04-presumptuous-desperate.txt").read_bytes()
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    hot, cold = _both(env, "check", "--format", "json", "--no-grammar", "-", input=raw)
    assert hot.returncode == cold.returncode == 1
    assert hot.stdout == cold.stdout


def test_errors_and_exit_codes_match(warm_daemon, tmp_path):
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    hot, cold = _both(env, "check", "--no-grammar", str(tmp_path / "missing.txt"))
    assert hot.returncode == cold.returncode == 2
    assert hot.stderr == cold.stderr and hot.stdout == cold.stdout


def test_usage_errors_match_through_the_argument_path(warm_daemon, tmp_path):
    """`followup-lint check ARGS` goes to the daemon as raw arguments (the
    launcher does not import Click): Click's own messages come back."""
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    for args in (("check", "--bogus", "x"), ("check", "--jobs", "0", DRAFTS[0]), ("check", "--format", "xml")):
        hot, cold = _both(env, *args)
        assert hot.returncode == cold.returncode == 2, args
        assert hot.stderr == cold.stderr and b"Usage: python -m followup_lint check" in hot.stderr, args
        assert hot.stdout == cold.stdout


def test_help_and_other_commands_are_not_forwarded(warm_daemon, tmp_path):
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    before = _served(env)
    for args in (("check", "--help"), ("rules",), ("--help",)):
        hot = run_cli(*args, env=env)
        cold = run_cli(*args, env=dict(env, FOLLOWUP_LINT_WARM="0"))
        assert hot.returncode == cold.returncode == 0 and hot.stdout == cold.stdout and hot.stdout, args
    assert _served(env) == before


def test_the_console_script_forwards_without_importing_click(warm_daemon, tmp_path):
    """What a shell hook runs: the `followup-lint` script. With a daemon,
    a check is answered without importing Click or the command line module,
    nor pathlib, signal, typing, json, re, enum or socket's wrapper (15 ms
    of a wheel install's client; the editable install's import hook has
    imported some of them already, so they are dropped from sys.modules
    first)."""
    env = dict(os.environ, **warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import sys\n"
            "sys.argv = ['followup-lint', 'check', '--no-grammar', '--format', 'json', sys.argv[1]]\n"
            "NAMES = {'pathlib', 'signal', 'typing', 'json', 're', 'enum', 'socket'}\n"
            "for name in NAMES:\n"
            "    sys.modules.pop(name, None)\n"
            "from followup_lint.launch import main\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as exc:\n"
            "    print(exc.code, 'click' in sys.modules, 'followup_lint.cli' in sys.modules,\n"
            "          sorted(NAMES & set(sys.modules)), file=sys.stderr)\n")
    before = _served(env)
    proc = subprocess.run([sys.executable, "-c", code, DRAFTS[2]], capture_output=True, env=env, timeout=120)
    assert proc.stderr.decode().splitlines()[-1] == "1 False False []"
    assert _served(env) == before + 1
    cold = run_cli("check", "--no-grammar", "--format", "json", DRAFTS[2], env=dict(env, FOLLOWUP_LINT_WARM="0"))
    assert proc.stdout == cold.stdout


def _messages() -> int:
    from followup_lint.warm import client as warm

    return warm.ping()["messages"]


HOOK_MESSAGES = {
    "clean": (b"From: Sam Lee <sam@example.com>\r\nTo: Dana Smith <dana@acme.com>\r\nSubject: Thank you\r\n\r\n"
              b"Hi Dana,\r\n\r\nThank you for meeting me on Tuesday about the analytics role. I have used "
              b"dbt for three years and enjoyed hearing how your team moved the billing reports to "
              b"streaming.\r\n\r\nBest regards,\r\nSam Lee\r\n"),
    "hostile": (b"From: Sam Lee <sam@example.com>\nTo: Dana Smith <dana@acme.com>\nSubject: Re: your decision\n\n"
                b"Hi Dana,\n\nThanks for nothing. You wasted my time.\n\nBest regards,\nSam Lee\n"),
}


@pytest.mark.parametrize("kind", sorted(HOOK_MESSAGES))
def test_sendmail_through_the_warm_linter_and_in_process(warm_daemon, tmp_path, kind):
    """Both paths: the same report, byte-for-byte delivery of a clean
    message, a byte-for-byte saved copy of a refused one; the daemon counts
    the messages it linted."""
    raw = HOOK_MESSAGES[kind]
    prog = tmp_path / "fake-sendmail"
    prog.write_text("#!/bin/sh\ncat > \"$1\"\n")
    prog.chmod(0o755)
    results = {}
    for path, switch in (("warm", "1"), ("cold", "0")):
        env = dict(warm_daemon["env"], FOLLOWUP_LINT_WARM=switch)
        out, saved = tmp_path / f"{path}.eml", tmp_path / f"refused-{path}"
        before = _messages()
        proc = run_cli("sendmail", "--save-dir", str(saved), "--", str(prog), str(out), input=raw, env=env)
        assert _messages() == before + (switch == "1"), "not linted where it should be"
        copies = [p.read_bytes() for p in saved.iterdir()] if saved.exists() else []
        stderr = proc.stderr.decode().replace(str(saved), "SAVED")
        results[path] = (proc.returncode, out.read_bytes() if out.exists() else None, copies,
                         re.sub(r"SAVED/\S+\.eml", "SAVED/x.eml", stderr))
    assert results["warm"] == results["cold"]
    code, delivered, copies, stderr = results["warm"]
    if kind == "clean":
        assert code == 0 and delivered == raw and copies == []
        assert "L101 [warning] " in stderr and "sent: nothing that blocks a send" in stderr  # shown, not blocked
    else:
        assert code == 1 and delivered is None and copies == [raw] and "H201 [error]" in stderr


def test_hook_run_through_the_warm_linter_and_in_process(warm_daemon, tmp_path):
    message = tmp_path / "0001-reply.patch"
    message.write_bytes(HOOK_MESSAGES["hostile"])
    before = _messages()
    hot = run_cli("hook", "run", str(message), env=warm_daemon["env"])
    assert _messages() == before + 1
    cold = run_cli("hook", "run", str(message), env=dict(warm_daemon["env"], FOLLOWUP_LINT_WARM="0"))
    assert _messages() == before + 1
    assert hot.returncode == cold.returncode == 1 and hot.stderr == cold.stderr
    assert message.read_bytes() == HOOK_MESSAGES["hostile"]  # a file already: never touched
    status = run_cli("server", "status", env=warm_daemon["env"]).stdout.decode()
    assert re.search(r"\d+ checks and [1-9]\d* hook messages served", status), status


@pytest.mark.parametrize("kind", sorted(HOOK_MESSAGES))
def test_sendmail_and_hook_run_without_options_skip_click_while_warm(warm_daemon, tmp_path, kind):
    """`sendmail [OPTIONS] -- COMMAND` and `hook run [OPTIONS] FILE` are
    handled by the entry point while a warm linter runs (launch.hook_fast):
    Click, the command line, the config and spaCy are not imported, and the
    exit code, the report, the delivered bytes and the saved copy are those
    of the in-process run."""
    raw = HOOK_MESSAGES[kind]
    prog = tmp_path / "fake-sendmail"
    prog.write_text("#!/bin/sh\ncat > \"$1\"\n")
    prog.chmod(0o755)
    message = tmp_path / "message.eml"
    message.write_bytes(raw)
    results = {}
    for path, switch in (("warm", "1"), ("cold", "0")):
        data = tmp_path / f"data-{path}"
        env = dict(os.environ, **warm_daemon["env"], FOLLOWUP_LINT_WARM=switch, XDG_DATA_HOME=str(data))
        env.pop("FOLLOWUP_LINT_SAVE_DIR", None)
        out = tmp_path / f"{path}.eml"
        before = _messages()
        runs = []
        for args, stdin in ((["sendmail", "--", str(prog), str(out)], raw), (["hook", "run", str(message)], None),
                            (["hook", "run", "--warn-only", str(message)], None),
                            (["sendmail", "--fail-on", "warning", "--on-error=closed", "--", str(prog), str(out)], raw)):
            proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "followup_lint", *args], input=stdin,
                                  env=env, capture_output=True, timeout=300)
            lines = proc.stderr.decode().splitlines()
            imported = {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")}
            if switch == "1":
                assert not {"click", "followup_lint.cli", "followup_lint.config", "spacy"} & imported, args
            said = "\n".join(line for line in lines if not line.startswith("import time:"))
            runs.append((proc.returncode, re.sub(r"DATA/\S+\.eml", "DATA/x.eml", said.replace(str(data), "DATA"))))
        assert _messages() == before + 4 * (switch == "1"), "not linted where it should be"
        copies = sorted(p.read_bytes() for p in data.rglob("*.eml")) if data.exists() else []
        results[path] = (runs, out.read_bytes() if out.exists() else None, copies)
    assert results["warm"] == results["cold"]
    runs, delivered, copies = results["warm"]
    assert message.read_bytes() == raw  # a file already: never touched
    if kind == "clean":
        # --fail-on warning blocks its L101 ('dbt') warning
        assert [code for code, _ in runs] == [0, 0, 0, 1] and delivered == raw and copies == [raw]
    else:
        assert [code for code, _ in runs] == [1, 1, 0, 1] and delivered is None and copies == [raw, raw]
        assert "H201 [error]" in runs[0][1] and "H201 [error]" in runs[2][1]


@pytest.mark.parametrize("args, parsed", [
    (["sendmail", "--", "cat"], (["cat"], None, {})),
    (["sendmail", "--fail-on", "info", "--warn-only", "--", "cat", "-x"], (["cat", "-x"], None,
                                                                           {"fail_on": "info", "warn_only": True})),
    (["hook", "run", "m.eml", "--config=c.toml"], (None, "m.eml", {"config": "c.toml"})),
    (["hook", "run", "-"], (None, "-", {})),
    (["hook", "run", "--fail-on", "bogus", "m.eml"], None), (["hook", "run", "--help"], None),
    (["hook", "run", "a", "b"], None), (["sendmail", "cat"], None), (["sendmail", "--"], None),
    (["hook", "run", "--fail-on", "info", "--fail-on", "error", "m"], None), (["hook", "install", "--git"], None),
])
def test_the_launcher_reads_the_hook_options_or_leaves_them_to_click(args, parsed):
    from followup_lint.launch import hook_args

    assert hook_args(args) == parsed


def test_socket_and_directory_are_owner_only(warm_daemon):
    runtime = warm_daemon["runtime"]
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700
    sock = runtime / "warm.sock"
    info = sock.lstat()
    assert stat.S_ISSOCK(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert info.st_uid == os.getuid()


def test_status_names_the_warm_linter(warm_daemon):
    proc = run_cli("server", "status", env=warm_daemon["env"])
    assert f"warm linter running on {warm_daemon['runtime'] / 'warm.sock'} (pid {warm_daemon['pid']}".encode() \
        in proc.stdout


def test_stale_socket_falls_back_and_is_removed(tmp_path):
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    path = runtime / "warm.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(path))
    s.close()  # the file stays, nobody listens: a daemon that was killed
    (runtime / "warm.pid").write_text("999999999")
    env = {"FOLLOWUP_LINT_RUNTIME_DIR": str(runtime), "FOLLOWUP_LINT_CACHE_DIR": str(tmp_path / "cache")}
    draft = str(FIXTURES / "drafts" / "02-template-unfilled.txt")
    proc = run_cli("check", "--format", "json", "--no-grammar", draft, env=env)
    plain = run_cli("check", "--format", "json", "--no-grammar", draft,
                    env=dict(env, FOLLOWUP_LINT_WARM="0"))
    assert proc.returncode == plain.returncode == 1
    assert proc.stdout == plain.stdout
    assert not path.exists() and not (runtime / "warm.pid").exists()
    assert run_cli("server", "status", env=env).stdout.count(b"warm linter") == 0


def test_socket_in_a_shared_directory_is_not_used(tmp_path):
    """A socket whose directory others can enter is ignored (someone else's
    listener could stand in for the daemon)."""
    from followup_lint.warm.protocol import ensure_private_dir

    runtime = tmp_path / "rt"
    runtime.mkdir()
    os.chmod(runtime, 0o755)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(runtime / "warm.sock"))
    listener.listen(1)
    try:
        env = dict(os.environ, FOLLOWUP_LINT_RUNTIME_DIR=str(runtime))
        code = subprocess.run([sys.executable, "-c", "from followup_lint.warm import client; print(client.ping(0.5))"],
                              capture_output=True, env=env, cwd=ROOT, timeout=60)
        assert code.stdout.strip() == b"None"
    finally:
        listener.close()
    assert ensure_private_dir(runtime) == runtime
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700


def test_no_daemon_means_in_process(tmp_path):
    env = {"FOLLOWUP_LINT_RUNTIME_DIR": str(tmp_path / "none"), "FOLLOWUP_LINT_CACHE_DIR": str(tmp_path / "c")}
    proc = run_cli("check", "--format", "json", "--no-grammar", DRAFTS[0], env=env)
    assert proc.returncode in (0, 1) and proc.stdout.startswith(b"{")
    assert not (tmp_path / "none").exists()  # a client never creates the runtime dir


def test_the_launcher_knows_which_check_options_take_a_value():
    """launch.VALUE_OPTIONS (read without Click, to tell a path `-` from an
    option's value) is exactly the check command's options that take one."""
    from followup_lint.cli import check
    from followup_lint.launch import VALUE_OPTIONS

    taking = {name for p in check.params if not getattr(p, "is_flag", True) and p.param_type_name == "option"
              for name in p.opts}
    assert VALUE_OPTIONS == taking


@pytest.mark.parametrize("args, wanted", [
    (["-"], True), (["a.txt", "-"], True), (["--files-from", "-"], True), (["--files-from=-"], True),
    (["-o", "-", "a.txt"], False), (["-o-", "a.txt"], False), (["--output=-", "a.txt"], False),
    (["--format", "json", "a.txt"], False), (["--", "-"], True), (["-q", "a.txt"], False),
    (["--help"], None), (["-h"], None), (["-qj2", "a.txt"], None),
])
def test_the_launcher_tells_when_a_check_reads_standard_input(args, wanted):
    from followup_lint.launch import reads_stdin

    assert reads_stdin(args) is wanted


def test_files_from_standard_input_through_the_daemon(warm_daemon, tmp_path):
    env = dict(warm_daemon["env"], FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "cache"))
    listed = "\n".join(DRAFTS[:2]).encode() + b"\n"
    hot, cold = _both(env, "check", "--format", "json", "--no-grammar", "--files-from", "-", input=listed)
    assert hot.returncode == cold.returncode == 1
    assert hot.stdout == cold.stdout and hot.stdout.count(b'"path"') >= 2


def test_the_launcher_knows_the_hook_options():
    """launch.HOOK_OPTIONS and HOOK_FLAG are the hook commands' options, with
    the same choices."""
    import click

    from followup_lint.cli.hooks import sendmail
    from followup_lint.launch import HOOK_FLAG, HOOK_OPTIONS

    options = {p.opts[0]: p for p in sendmail.params if isinstance(p, click.Option)}
    assert set(options) == set(HOOK_OPTIONS) | {HOOK_FLAG}
    for name, choices in HOOK_OPTIONS.items():
        kind = options[name].type
        assert (tuple(kind.choices) if isinstance(kind, click.Choice) else None) == choices, name


def test_a_json_frame_of_an_older_client_is_dropped_and_the_daemon_serves_on(warm_daemon, tmp_path):
    """Protocol 3 clients (followup-lint before marshal frames) sent JSON: the
    daemon cannot decode it and closes the connection without an answer (that
    client then checks in-process), and goes on serving."""
    import json
    import socket
    import struct

    from followup_lint.warm import client as warm
    from followup_lint.warm.protocol import socket_file

    old = json.dumps({"op": "ping", "protocol": 3}).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.connect(socket_file())
        sock.sendall(struct.pack(">I", len(old)) + old)
        assert sock.recv(4) == b""
    assert warm.ping()["ok"] is True


def test_a_client_of_another_installation_is_not_served(warm_daemon, tmp_path):
    # a second checkout or virtual environment shares the user's runtime folder:
    # its checks must not run with this daemon's code (nor with its rights)
    from followup_lint.warm import client as warm
    from followup_lint.warm.protocol import INSTALL, argv_request

    draft = tmp_path / "d.txt"
    draft.write_text("Hi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n", "utf-8")
    request = argv_request(["--no-grammar", str(draft)], "followup-lint", None, False)
    before = _served(warm_daemon["env"])
    reply = warm.exchange(dict(request, install="0.0.0 /elsewhere/followup_lint"))
    assert reply == {"ok": False, "install": INSTALL}
    assert _served(warm_daemon["env"]) == before
    assert warm.exchange(request)["ok"] is True
    assert _served(warm_daemon["env"]) == before + 1
