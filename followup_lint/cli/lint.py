"""``followup-lint check``: lint drafts, print a report in one of the formats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from followup_lint.cli._common import emit, fail, notice, one_line, refuse_input_as_output, split_list
from followup_lint.output import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, readable=False))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text",
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
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes rules offer (a lower-case \"i\", a doubled word, \"!!!\") to .txt and "
                   ".md drafts, then report what is left. Emails and mailboxes are never rewritten.")
@click.option("--unsafe-fixes", "unsafe_fixes", is_flag=True,
              help="With --fix or --diff: also the unsafe fixes (LanguageTool's first suggestion, rewrites).")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff instead of applying them; no file is changed. "
                   "Exit code 1 if there is something to fix.")
@click.option("--kind", "kind", type=click.Choice(["thank-you", "check-in", "rejection-reply", "offer-reply",
                                                   "withdrawal", "other"]), default=None,
              help="What kind of note every draft is, instead of working it out (an X-Followup-Lint-Kind "
                   "header does the same for one draft). See docs/kinds.md.")
@click.option("--date", "date", metavar="DATE", default=None,
              help="When the drafts go out (e.g. 2026-11-03 or 2026-11-03T09:14), instead of each one's "
                   "Date: header or now; for replays and tests.")
@click.option("--show-hidden", is_flag=True,
              help="Also list the findings the config's [[hide]] entries hide (they never fail the check).")
@click.option("--background/--no-background", "background", default=None,
              help="When no LanguageTool runs, start it and the warm linter in the background for later checks "
                   "(they stop after `idle-timeout`, 30 min by default; off under CI and with "
                   "FOLLOWUP_LINT_BACKGROUND=0); --no-background starts one for this run only.  [default: on]")
def check(**params):
    """Lint drafts: files (.txt, .md, .eml; - for standard input), folders
    (searched recursively), Maildir folders and mbox files (each message a
    draft, reported as FILE.mbox:N with line numbers of the mbox file).

    Only the sender's own words are judged: quoted replies, forwarded
    messages and the signature block are left out. Config is read from the
    nearest .followup-lint.toml or [tool.followup-lint] in pyproject.toml,
    searching upward from each draft; flags given here win. Results of
    unchanged drafts are reused from the cache (see docs/batch.md).
    """
    if params.get("fix") and params.get("diff"):
        fail("--fix and --diff do not go together: --diff shows what --fix would do")
    sys.exit(run(params))


def run(p: dict) -> int:
    """Check the drafts ``p`` (check's parameters) names; print the report;
    return the exit code."""
    from followup_lint import grammar, warm
    from followup_lint.warm import client

    from followup_lint.grammar import session

    grammar.ON_DEMAND_DEFAULT = True  # the command line starts the background server on first need
    grammar.DAEMON = client
    session.BACKGROUND_WAIT = session.FIRST_CHECK_WAIT  # and does not wait long for it
    started = None if warm.SERVING else session.process_started()
    session.FIRST_CHECK_BY = None if started is None else started + session.FIRST_CHECK_BUDGET
    overrides = _overrides(p)
    items = _drafts(p)
    report = _lint(items, p, overrides)
    if p.get("fix") or p.get("diff"):
        code = _fix(report, items, p, overrides)
        if code is not None:
            return code
    return _show(report, items, p)


def _fix(batch_report, items: list, p: dict, overrides: dict) -> int | None:
    """--fix (the fixed drafts' results replace theirs in the report) or
    --diff (the diff is the output: its exit code is returned)."""
    from followup_lint.cli import _fix
    from followup_lint.config import ConfigResolver
    from followup_lint.errors import ConfigError

    files = {i.path if i.file != "-" else "<stdin>": (i.file, i.message) for i in items}
    try:
        resolver = ConfigResolver(p["config_path"], overrides)
        results, code = _fix.run(batch_report.results, files, resolver, fix=p["fix"], diff=p["diff"],
                                  unsafe=p["unsafe_fixes"], model=p["model"],
                                  out=lambda text: emit(text, p["output"]), err=notice)
    except ConfigError as exc:
        fail(str(exc))
    if code is not None:
        return 2 if any(r.error for r in results) else code
    batch_report.results = results
    return None


def _parsed(value, parse, flag: str):
    """``parse(value)`` (None stays None); a bad value ends the run with a
    one-line error naming the flag."""
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        fail(f"{flag}: {exc}")


def _overrides(p: dict) -> dict:
    """The settings the flags give, checked (a bad one ends the run)."""
    from followup_lint.finding import Severity
    from followup_lint.rules import is_selector

    select, ignore = split_list(p["select"]), split_list(p["ignore"])
    for sel in (select or ()) + (ignore or ()):
        # X codes are the config's own rules: the config says whether they exist
        if sel.upper() != "ALL" and not is_selector(sel) and not sel.upper().startswith("X"):
            fail(f"{sel!r} matches no rule (see `followup-lint rules`)")
    from followup_lint.config import parse_size
    from followup_lint.timeline import parse_moment

    max_file_size = _parsed(p["max_file_size"], parse_size, "--max-file-size")
    url = p["languagetool_url"]
    if url is not None and not url.startswith(("http://", "https://")):
        fail("--languagetool-url must start with http:// or https://")
    date = _parsed(p["date"], parse_moment, "--date")
    return {"select": select, "ignore": ignore, "model": p["model"],
            "fail_on": Severity.parse(p["fail_on"]) if p["fail_on"] else None,
            "grammar": p["grammar"], "require_grammar": p["require_grammar"] or None,
            "languagetool_url": url, "max_file_size": max_file_size, "kind": p["kind"], "date": date,
            "background": p.get("background")}


def _drafts(p: dict) -> list:
    """The drafts the paths (and --files-from) name, folders expanded."""
    from followup_lint import sources

    listed: list[str] = []
    if p["files_from"] is not None:
        try:
            listed = sources.read_list(p["files_from"])
        except OSError as exc:
            fail(f"--files-from {p['files_from']}: cannot read ({exc.strerror or exc})")
    if not p["paths"] and p["files_from"] is None:
        fail("give the drafts to check: files, folders, Maildir folders or mbox files")
    expansion = sources.expand(p["paths"], include=split_list(p["include"]),
                               exclude=split_list(p["exclude"]) or (), files_from=listed)
    for text in expansion.notices:
        notice(text)
    items = list(expansion.items)
    refuse_input_as_output(p["output"], [*p["paths"], *listed, *(i.file for i in items)])
    if not items and not p["quiet"]:
        notice("no drafts found")
    return items


def _lint(items: list, p: dict, overrides: dict):
    """The batch run over ``items``; config and grammar errors end the run."""
    from followup_lint import batch
    from followup_lint.config import ConfigResolver
    from followup_lint.errors import ConfigError, GrammarUnavailable, ModelError

    show_progress = not p["quiet"] and sys.stderr.isatty() and len(items) > 1
    try:
        resolver = ConfigResolver(p["config_path"], overrides)
        first = resolver.for_path(items[0].file if items else ".")
        with _progress(show_progress) as progress:
            return batch.run(items, resolver, jobs=p["jobs"], use_cache=not p["no_cache"], progress=progress,
                             model=first.model)
    except (ConfigError, ModelError) as exc:
        fail(str(exc))
    except GrammarUnavailable as exc:
        fail(f"grammar checks are required but LanguageTool cannot run: {exc}")
    except KeyboardInterrupt:  # Ctrl-C: the run's own LanguageTool is already stopped (batch.run)
        click.echo("followup-lint: interrupted", err=True)
        sys.exit(130)


def _show(batch_report, items: list, p: dict) -> int:
    """Notices and unreadable files on stderr, the report in its format."""
    from followup_lint.engine import exit_code
    from followup_lint.output import Report, render

    results = batch_report.results
    for text in batch_report.notices:
        notice(text)
    code = exit_code(results)
    for r in results:
        if r.error:
            click.echo(f"followup-lint: error: {one_line(r.error)}", err=True)
    color = False
    if p["fmt"] == "text":
        color = (sys.stdout.isatty() and p["output"] is None) if p["color"] is None else p["color"]
    report = Report(results, code, files={i.path if i.file != "-" else "<stdin>": (i.file, i.message) for i in items},
                    tool={"model": batch_report.model_name}, elapsed=batch_report.elapsed,
                    cached=batch_report.cached, workers=batch_report.workers, color=color,
                    statistics=p["statistics"], batch_summary=len(results) > 1 and not p["quiet"],
                    file_lines=not p["quiet"], show_hidden=p.get("show_hidden", False))
    emit(render(p["fmt"], report), p["output"], color=color)
    return code


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



COMMANDS = [check]
