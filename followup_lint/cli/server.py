"""``followup-lint server start|stop|status``: the kept LanguageTool server and the warm linter."""

from __future__ import annotations

import sys

import click

from followup_lint.cli._common import fail


@click.group()
def server():
    """Run LanguageTool in the background so checks start fast.

    A check that finds no running server starts one for itself (a few
    seconds of JVM start-up) and stops it when done. `server start` keeps one
    running, bound to 127.0.0.1 only, until `server stop`; every check uses
    it. See docs/grammar.md.
    """


@server.command("start")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port on 127.0.0.1.  [default: a free one]")
@click.option("--warm", is_flag=True,
              help="Also keep a warm linter running (spaCy, config, rules and the LanguageTool connection "
                   "loaded) that `check` hands its work to over a private Unix socket. See docs/performance.md.")
@click.option("--idle-timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="With --warm: the warm linter ends after this long without a check.  [default: never]")
def server_start(port, warm, idle_timeout):
    """Start the local LanguageTool server (no-op if one is running)."""
    from followup_lint.grammar.server import GrammarUnavailable, jar_dir, start_kept

    try:
        srv, started = start_kept(jar_dir(_configured_jars()), port)
    except GrammarUnavailable as exc:
        if not warm:
            fail(str(exc))
        click.echo(f"followup-lint: LanguageTool not started ({exc}); the warm linter runs without it",
                   err=True)
    else:
        verb = "started" if started else "already running"
        click.echo(f"LanguageTool {verb} on {srv.url} (pid {srv.pid})")
    if warm:
        from followup_lint.warm import client

        try:
            pid, fresh = client.start(idle_timeout=idle_timeout)
        except client.WarmError as exc:
            fail(str(exc))
        verb = "started" if fresh else "already running"
        click.echo(f"warm linter {verb} on {client.socket_path()} (pid {pid})")


@server.command("stop")
def server_stop():
    """Stop the local LanguageTool server started by `server start` (and the warm linter)."""
    from followup_lint.grammar.server import _recorded, stop_kept
    from followup_lint.warm import client

    before = _recorded()
    pid = client.stop()
    if pid is not None:
        click.echo(f"warm linter stopped (pid {pid})")
    srv = stop_kept()
    if srv is None and pid is not None and before is not None and not before.alive():
        srv = before  # the background daemon's own, stopped with it
    click.echo(f"LanguageTool stopped (pid {srv.pid})" if srv else "LanguageTool server is not running")


@server.command("status")
def server_status():
    """Say whether the local LanguageTool server runs (exit 0) or not (exit 1)."""
    from followup_lint.grammar.server import read_state
    from followup_lint.warm import client

    status = client.ping()
    if status is not None:
        click.echo(f"warm linter running on {client.socket_path()} (pid {status['pid']}, "
                   f"{status['served']} checks and {status.get('messages', 0)} hook messages served, "
                   f"{'stops after %gs idle' % status['idle_timeout'] if status.get('idle_timeout') else 'no idle timeout'})")
    srv = read_state()
    if srv is None:
        click.echo("LanguageTool server is not running (checks start their own; see `server start`)")
        sys.exit(1)
    click.echo(f"LanguageTool running on {srv.url} (pid {srv.pid})")


def _configured_jars() -> str | None:
    """languagetool-dir from the config file found from the current directory."""
    from followup_lint.config import ConfigError, ConfigResolver

    try:
        return ConfigResolver(None, {}).for_path(".").languagetool_dir
    except ConfigError as exc:
        fail(str(exc))


COMMANDS = [server]
