"""House style: a user's own phrase lists and phrase rules.

A coach or a team adds to what followup-lint knows without editing the
package, in the package's own data format (one entry a line: a pattern, TAB,
an example sentence it must match, optionally TAB and a suggestion; ``#``
comments; the pattern language is followup_lint.matching's):

* ``[rules.H202] extend-phrases = ["~/coach/threats.txt"]`` adds entries to
  the rule's phrase list; ``phrases = [...]`` replaces the list with the
  user's. A rule with several lists is told which one by a table,
  ``extend-phrases = { hostile_insults = ["~/coach/insults.txt"] }`` (the
  list's name is its data file's name without ``.txt``); a plain list for it
  is a config error that names its lists.
* ``[rules.X001]`` with ``name``, ``category``, ``message``, ``phrases`` (and
  optionally ``severity``, ``suggestion``) is a whole rule of the user's own.
  Codes starting with ``X`` are reserved for users; findings have origin
  ``"config"``.

The same checks apply as to the package's data: a line without an example,
a pattern that cannot be built, or an entry that does not match its own
example is a config error naming the file and the line (exit 2). The format
is checked when the config is read; the examples when the pipeline is loaded
(they need spaCy), before any draft is judged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from followup_lint.matching import Entry, Overlay

USER_PREFIX = "X"
USER_CODE = re.compile(r"X[0-9]{3}")
ORIGIN = "config"


class HouseError(Exception):
    """A bad entry or file: the message names the file (and line)."""


@dataclass(frozen=True)
class PhraseFile:
    """The entries of a user's phrase files, with where each came from."""

    files: tuple[str, ...]
    entries: tuple[Entry, ...]
    origins: tuple[str, ...]  # "file:line" of each entry

    @property
    def name(self) -> str:
        h = hashlib.sha256("\n".join(f"{e.pattern}\t{chr(9).join(e.columns)}" for e in self.entries).encode())
        return f"user:{h.hexdigest()[:16]}"

    def key(self) -> list:
        return [[e.pattern, *e.columns] for e in self.entries]


def read_phrase_files(paths: list[str], base: Path) -> PhraseFile:
    """Read phrase files (``~`` expanded, relative to ``base``)."""
    entries, origins, files = [], [], []
    for p in paths:
        path = Path(p).expanduser()
        if not path.is_absolute():
            path = base / path
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            raise HouseError(f"{path}: phrase file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise HouseError(f"{path}: cannot read phrase file ({getattr(exc, 'strerror', None) or exc})") from None
        files.append(str(path))
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [x.strip() for x in line.split("\t")]
            where = f"{path}:{n}"
            if not parts[0]:
                raise HouseError(f"{where}: empty pattern")
            if len(parts) < 2 or not parts[1]:
                raise HouseError(f"{where}: entry {parts[0]!r} has no example (pattern<TAB>example"
                                 f"[<TAB>suggestion])")
            entries.append(Entry(parts[0], tuple(parts[1:])))
            origins.append(where)
    if not entries:
        raise HouseError(f"{', '.join(files) or 'phrases'}: no entries")
    return PhraseFile(tuple(files), tuple(entries), tuple(origins))


_CHECKED: dict[tuple[int, str], bool] = {}


def validate(nlp, phrases: PhraseFile) -> None:
    """Every entry builds and matches its own example, or HouseError with
    the file and line. Once per pipeline and list."""
    from followup_lint.matching import PhraseMatcher, token_patterns

    key = (id(nlp), phrases.name)
    if _CHECKED.get(key):
        return
    for entry, where in zip(phrases.entries, phrases.origins):
        try:
            token_patterns(nlp, entry.pattern)
        except ValueError as exc:
            raise HouseError(f"{where}: bad pattern {entry.pattern!r}: {exc}") from None
        one = PhraseMatcher(nlp, f"check:{where}", (entry,))
        if not one.matcher(nlp(entry.column(0))):
            raise HouseError(f"{where}: pattern {entry.pattern!r} does not match its example "
                             f"{entry.column(0)!r}")
    _CHECKED[key] = True


@dataclass(frozen=True)
class UserRule:
    code: str
    name: str
    category: str
    severity: str
    message: str
    suggestion: str
    phrases: PhraseFile

    def key(self) -> list:
        return [self.code, self.name, self.category, self.severity, self.message, self.suggestion,
                self.phrases.key()]

    def rule(self):
        """This rule as a registry Rule (not registered: it lives in the config)."""
        from functools import partial

        from followup_lint.finding import Severity
        from followup_lint.registry import Rule

        return Rule(self.code, self.name, self.category, Severity.parse(self.severity),
                    partial(check_user_rule, self), {}, frozenset({"doc"}), ORIGIN)


def check_user_rule(spec: UserRule, ctx):
    """Findings of a user's phrase rule: one per match (negated ones left out)."""
    from followup_lint.rules._judgement import hits, quote

    for m in _user_hits(ctx, spec, hits):
        message = spec.message.replace("{phrase}", quote(m.span.text))
        better = m.entry.column(1, spec.suggestion)
        yield ctx.finding(m.start, m.end, message, [better] if better else [])


def _user_hits(ctx, spec: UserRule, hits):
    from followup_lint.matching import OVERLAYS

    # the user's list is a phrase list of its own name: an overlay that replaces nothing
    overlays = ctx.doc.user_data.setdefault(OVERLAYS, {})
    overlays.setdefault(spec.phrases.name, Overlay(spec.phrases.name, spec.phrases.entries, replace=True))
    return hits(ctx, spec.phrases.name)


def rule_lists(rule) -> list[str]:
    """The phrase lists (data file names) a rule matches with, first the main one."""
    declared = getattr(rule, "data", None)
    if declared is not None:  # @rule(..., data=[...])
        return [Path(str(d)).stem for d in declared]
    import inspect

    try:
        source = inspect.getsource(rule.check)
    except (OSError, TypeError):
        return []
    scope = getattr(rule.check, "__globals__", {})
    out: list[str] = []
    for m in re.finditer(r"\b(?:hits|find)\(\s*ctx(?:\.doc)?\s*,\s*(?:\"(\w+)\"|([A-Z_]+))", source):
        name = m.group(1) or scope.get(m.group(2))
        if isinstance(name, str) and name not in out:
            out.append(name)
    return out


def overlay_for(rule, phrases: PhraseFile, replace: bool, list_name: str | None = None,
                key: str = "") -> tuple[str, Overlay]:
    """(list name, overlay) for ``extend-phrases``/``phrases`` of ``rule``:
    the list named ``list_name``, or the rule's only list. A rule with
    several lists (H101: profanity and insults; H301: sarcasm and the
    phrases sarcastic only next to a negative sentence) must be told which
    one: entries that go to the wrong list are judged by the wrong test."""
    lists = rule_lists(rule)
    key = key or f"rules.{rule.code}"
    if not lists:
        raise HouseError(f"{key}: {rule.code} has no phrase list to extend")
    if list_name is None:
        if len(lists) > 1:
            tables = " or ".join(f"{{ {name} = [...] }}" for name in lists)
            raise HouseError(f"{key}: {rule.code} has {len(lists)} phrase lists, say which one: "
                             f"{key.rsplit('.', 1)[-1]} = {tables} (`followup-lint rule {rule.code}` shows them)")
        return lists[0], Overlay(phrases.name, phrases.entries, replace)
    if list_name not in lists:
        raise HouseError(f"{key}: {rule.code} has no phrase list {list_name!r} (its lists: {', '.join(lists)})")
    return list_name, Overlay(phrases.name, phrases.entries, replace)
