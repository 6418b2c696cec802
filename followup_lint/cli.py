"""The ``followup-lint`` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup_lint import __version__

EXIT_USAGE = 2


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"})


def one_line(message: str) -> str:
    """A message as one line of plain text: control characters (a newline
    or a terminal escape in a file name) are shown as escapes, not obeyed."""
    return message.translate(_CONTROL)


def _fail(message: str) -> None:
    click.echo(f"followup-lint: error: {one_line(message)}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followup-lint")
def main() -> None:
    """Lint the emails you send after a job interview.

    followup-lint reads a draft (a thank-you note, an "any update?" follow-up,
    a reply to a rejection) and points at generic, hostile, presumptuous,
    desperate, badly structured or badly written passages, with line:column
    positions in the original file and a better line to use instead.

    \b
    Examples:
      followup-lint check draft.txt
      followup-lint check --format json note.eml
      followup-lint rules
      followup-lint rule G101

    Exit codes: 0 no findings at or above the fail level, 1 findings at or
    above it, 2 usage, config or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, readable=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "html"]), default="text",
              show_default=True,
              help="Output format. json follows the documented version \"1\" schema; sarif is SARIF 2.1.0; "
                   "github prints GitHub Actions annotations; html is one self-contained report page.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these rules: codes, prefixes (S, S1) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes, prefixes or names).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1.  [default: warning]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file to use instead of searching (.followup-lint.toml or pyproject.toml).")
@click.option("--model", default=None, help="spaCy pipeline to load (package name or path).")
@click.option("--color/--no-color", default=None, help="Colour the text output.  [default: on a terminal]")
@click.option("--grammar/--no-grammar", "grammar", default=None,
              help="Check grammar and spelling with the local LanguageTool (L rules).  [default: on]")
@click.option("--require-grammar", is_flag=True, default=None,
              help="Exit 2 when LanguageTool cannot run, instead of a notice and the other checks.")
@click.option("--languagetool-url", metavar="URL", default=None,
              help="Use your own LanguageTool server at URL instead of the local one. "
                   "Drafts are sent there.")
@click.option("--include", multiple=True, metavar="GLOBS",
              help="In folders, check files matching these globs (comma-separated; replaces the default "
                   "*.txt,*.md,*.eml). Maildir folders and mbox files are always read.")
@click.option("--exclude", multiple=True, metavar="GLOBS",
              help="Leave out files and folders matching these globs (name or path in the folder).")
@click.option("--files-from", "files_from", type=click.Path(dir_okay=False, allow_dash=True, readable=False),
              default=None,
              help="Also check the paths listed in this file, one a line (- for standard input).")
@click.option("--max-file-size", "max_file_size", metavar="SIZE", default=None,
              help="Refuse drafts larger than SIZE (bytes, or e.g. 10MB, 512kB).  [default: 10MB]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for analysing drafts.  [default: all cores]")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Analyse every draft again instead of reusing results of unchanged drafts.")
@click.option("--statistics", is_flag=True,
              help="Print one line per rule with its number of findings instead of each finding (text).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no batch summary; findings only.")
def check(paths, fmt, output, select, ignore, fail_on, config_path, model, color, grammar, require_grammar,
          languagetool_url, include, exclude, files_from, max_file_size, jobs, no_cache, statistics, quiet):
    """Lint drafts: files (.txt, .md, .eml; - for standard input), folders
    (searched recursively), Maildir folders and mbox files (each message a
    draft, reported as FILE.mbox:N with line numbers of the mbox file).

    Only the sender's own words are judged: quoted replies, forwarded
    messages and the signature block are left out. Config is read from the
    nearest .followup-lint.toml or [tool.followup-lint] in pyproject.toml,
    searching upward from each draft; flags given here win. Results of
    unchanged drafts are reused from the cache (see docs/batch.md).
    """
    params = dict(locals())  # first: exactly this command's options
    from followup_lint import warm

    if warm.enabled():  # a warm linter (`server start --warm`) does the work when it runs
        code = warm.forward_check(params)
        if code is not None:
            sys.exit(code)
    from followup_lint.config import ConfigError, ConfigResolver
    from followup_lint.engine import exit_code
    from followup_lint.finding import Severity
    from followup_lint.registry import is_selector

    select, ignore = _split(select), _split(ignore)
    for sel in (select or ()) + (ignore or ()):
        if sel.upper() != "ALL" and not is_selector(sel):
            _fail(f"{sel!r} matches no rule (see `followup-lint rules`)")
    from followup_lint.grammar import GrammarUnavailable

    if max_file_size is not None:
        from followup_lint.config import parse_size

        try:
            max_file_size = parse_size(max_file_size)
        except ValueError as exc:
            _fail(f"--max-file-size: {exc}")
    if languagetool_url is not None and not languagetool_url.startswith(("http://", "https://")):
        _fail("--languagetool-url must start with http:// or https://")
    from followup_lint import batch, sources

    listed: list[str] = []
    if files_from is not None:
        try:
            listed = sources.read_list(files_from)
        except OSError as exc:
            _fail(f"--files-from {files_from}: cannot read ({exc.strerror or exc})")
    if not paths and files_from is None:
        _fail("give the drafts to check: files, folders, Maildir folders or mbox files")
    expansion = sources.expand(paths, include=_split(include), exclude=_split(exclude) or (),
                               files_from=listed)
    items = list(expansion.items)
    for notice in expansion.notices:
        click.echo(f"followup-lint: {one_line(notice)}", err=True)
    if not items and not quiet:
        click.echo("followup-lint: no drafts found", err=True)
    overrides = {"select": select, "ignore": ignore, "model": model,
                 "fail_on": Severity.parse(fail_on) if fail_on else None,
                 "grammar": grammar, "require_grammar": require_grammar or None,
                 "languagetool_url": languagetool_url, "max_file_size": max_file_size}
    show_progress = not quiet and sys.stderr.isatty() and len(items) > 1
    try:
        resolver = ConfigResolver(config_path, overrides)
        first = resolver.for_path(items[0].file if items else ".")
        with _progress(show_progress) as progress:
            report = batch.run(items, resolver, jobs=jobs, use_cache=not no_cache, progress=progress,
                               model=first.model)
    except ConfigError as exc:
        _fail(str(exc))
    except GrammarUnavailable as exc:
        _fail(f"grammar checks are required but LanguageTool cannot run: {exc}")
    except KeyboardInterrupt:  # Ctrl-C: the run's own LanguageTool is already stopped (batch.run)
        click.echo("followup-lint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        # followup_lint.analysis (and spaCy with it) is only imported when a
        # draft is analysed: a run served from the cache never loads them
        analysis = sys.modules.get("followup_lint.analysis")
        if analysis is not None and isinstance(exc, analysis.ModelError):
            _fail(str(exc))
        raise
    results = report.results
    for notice in report.notices:
        click.echo(f"followup-lint: {one_line(notice)}", err=True)
    code = exit_code(results)
    for r in results:
        if r.error:
            click.echo(f"followup-lint: error: {one_line(r.error)}", err=True)
    files = {i.path if i.file != "-" else "<stdin>": (i.file, i.message) for i in items}
    if fmt == "json":
        import json

        from followup_lint.output import jsonfmt

        doc = jsonfmt.document(results, code, {"model": report.model_name})
        _emit(json.dumps(doc, indent=2, ensure_ascii=False), output)
    elif fmt == "sarif":
        from followup_lint.output import sarif

        _emit(sarif.render(results, code, files), output)
    elif fmt == "github":
        from followup_lint.output import github

        _emit(github.render(results, files), output)
    elif fmt == "html":
        from followup_lint.output import html

        _emit(html.render(results, code), output)
    else:
        from followup_lint.output import summary, text

        use_color = (sys.stdout.isatty() and output is None) if color is None else color
        if statistics:
            table = summary.statistics(results)
            body = (table + "\n" if table else "") + text.summary_line(results)
        else:
            body = text.render(results, use_color)
        if len(results) > 1 and not quiet:
            body += "\n" + summary.render(results, report.elapsed, report.cached, report.workers)
        _emit(body, output, color=use_color)
    sys.exit(code)


def _emit(text: str, output: str | None, color: bool = False) -> None:
    if output is None or output == "-":
        click.echo(text, color=color)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(click.unstyle(text) if not color else text)
            fh.write("\n")
    except OSError as exc:
        _fail(f"--output {output}: cannot write ({exc.strerror or exc})")


class _progress:
    """A progress bar on standard error (count, rate, time left) while
    drafts are checked, or nothing."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._bar = None
        self._task = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f} drafts/s" if speed else "- drafts/s")

        self._bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), Rate(),
                             TextColumn("ETA"), TimeRemainingColumn(),
                             console=Console(file=sys.stderr), transient=True,
                             auto_refresh=False)  # no refresh thread: worker processes are forked
        self._bar.start()
        self._task = None

        def update(done: int, total: int) -> None:
            if self._task is None:
                self._task = self._bar.add_task("checking", total=total)
            self._bar.update(self._task, completed=done, refresh=True)

        return update

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown prints the full documentation of every rule (docs/rules.md).")
def list_rules(fmt):
    """List every rule: code, name, category, default severity, summary."""
    from followup_lint.registry import all_rules

    rules = all_rules()
    if fmt == "markdown":
        from followup_lint.output.rulesdoc import render_markdown

        click.echo(render_markdown(rules), nl=False)
        return
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity.label, "summary": r.summary,
                                "options": {k: o.default for k, o in r.options.items()},
                                "data": list(r.data)} for r in rules],
                              indent=2))
        return
    for r in rules:
        click.echo(f"{r.code:<6} {r.name:<28} {r.category:<13} {r.severity.label:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
def show_rule(code):
    """Show the documentation of one rule (by code or name)."""
    from followup_lint.registry import find_rule

    r = find_rule(code)
    if r is None:
        _fail(f"no rule {code!r} (see `followup-lint rules`)")
    click.echo(f"{r.code} {r.name}  [{r.category}, {r.severity.label}]\n")
    click.echo(r.summary + "\n")
    for title, body in r.sections().items():
        click.echo(f"{title}\n{'-' * len(title)}")
        click.echo(body + "\n")
    if r.options:
        click.echo("Options\n-------")
        for name, opt in r.options.items():
            click.echo(f"{name} = {opt.default!r}  {opt.help}")
        click.echo()
    _echo_where(r)


def _echo_where(r) -> None:
    """Where the rule lives: code, data files, fixtures, docs."""
    from followup_lint.registry import shown

    src, line = r.source()
    click.echo(f"Files\n-----\ncode      {shown(src)}:{line}")
    for path in r.data_paths():
        click.echo(f"data      {shown(path)}")
    for path in r.fixture_paths():
        click.echo(f"fixture   {shown(path)}")
    click.echo(f"docs      docs/rules.md#{r.code.lower()}-{r.name}")


@main.group()
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
            _fail(str(exc))
        click.echo(f"followup-lint: LanguageTool not started ({exc}); the warm linter runs without it",
                   err=True)
    else:
        verb = "started" if started else "already running"
        click.echo(f"LanguageTool {verb} on {srv.url} (pid {srv.pid})")
    if warm:
        from followup_lint import warm as warm_daemon

        try:
            pid, fresh = warm_daemon.start(idle_timeout=idle_timeout)
        except warm_daemon.WarmError as exc:
            _fail(str(exc))
        verb = "started" if fresh else "already running"
        click.echo(f"warm linter {verb} on {warm_daemon.socket_path()} (pid {pid})")


@server.command("stop")
def server_stop():
    """Stop the local LanguageTool server started by `server start` (and the warm linter)."""
    from followup_lint import warm
    from followup_lint.grammar.server import stop_kept

    pid = warm.stop()
    if pid is not None:
        click.echo(f"warm linter stopped (pid {pid})")
    srv = stop_kept()
    click.echo(f"LanguageTool stopped (pid {srv.pid})" if srv else "LanguageTool server is not running")


@server.command("status")
def server_status():
    """Say whether the local LanguageTool server runs (exit 0) or not (exit 1)."""
    from followup_lint import warm
    from followup_lint.grammar.server import read_state

    status = warm.ping()
    if status is not None:
        click.echo(f"warm linter running on {warm.socket_path()} (pid {status['pid']}, "
                   f"{status['served']} checks served)")
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
        _fail(str(exc))


from followup_lint.cli_hooks import register as _register_hooks  # noqa: E402

_register_hooks(main)
