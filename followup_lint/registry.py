"""Rules by code: each rule declared once, with its metadata and docs.

A rule is a function decorated with :func:`rule`; the decorator is the one
place a rule is registered, with everything known about it: code, name,
category, severity, its options (kebab-case keys, each with its default) and
the data files it reads (``data=["hostile_sarcasm.txt", ...]``, files in
``followup_lint/data/``). Its docstring is its documentation, in one shape:
a summary line, then the sections ``What it does``, ``Why is this bad?``,
``Example`` and ``Use instead``.

A rule lives in the module (or package) of its family under
``followup_lint/rules/``: the module whose name starts with the code's letter
(``H301`` -> ``rules/h_hostile/``). The registry refuses a rule in another
family's module, an option key that is not kebab-case and a data file
declared by two rules.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from followup_lint.finding import CATEGORIES, Finding, Severity

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
_CODE = re.compile(r"^[A-Z]+[0-9]{3}$")
MAX_NUMBER = 1_000_000_000  # no count or threshold of a rule needs more
_NAME = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
_OPTION = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
_DATA = re.compile(r"^[a-z0-9_]+\.txt$")
RULES_PACKAGE = "followup_lint.rules"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent  # a source checkout: fixtures/ and docs/ are here


@dataclass(frozen=True)
class Option:
    type: type
    default: Any
    help: str

    low: float | None = None  # numbers: the smallest value allowed (default: 0 when the default is >= 0)
    high: float | None = None  # numbers: the largest (default: MAX_NUMBER)

    def validate(self, key: str, value: Any) -> Any:
        """``value`` if it fits this option, else TypeError (wrong type) or
        ValueError (a number out of range, inf or nan)."""
        ok = isinstance(value, self.type) and not (self.type is int and isinstance(value, bool))
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if self.type is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if not ok:
            raise TypeError(f"{key} must be {_type_name(self.type)}, not {type(value).__name__}")
        if self.type in (int, float):
            if not math.isfinite(value):
                raise ValueError(f"{key} must be a finite number, not {value}")
            low = self.low if self.low is not None else (0 if self.default >= 0 else -MAX_NUMBER)
            high = self.high if self.high is not None else MAX_NUMBER
            if not low <= value <= high:
                raise ValueError(f"{key} must be between {low:g} and {high:g}, not {value:g}")
        return value


def _type_name(t: type) -> str:
    return {int: "an integer", float: "a number", bool: "true or false", str: "a string",
            list: "a list of strings"}.get(t, t.__name__)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    check: Callable[..., Iterable[Finding]] = field(repr=False)
    options: Mapping[str, Option] = field(default_factory=dict)
    needs: frozenset[str] = frozenset({"doc"})
    origin: str = "followup-lint"
    data: tuple[str, ...] = ()  # file names in followup_lint/data/ this rule reads
    # codes this rule reports instead: their findings inside one of this
    # rule's spans are dropped when both rules run (one report per span)
    overrides: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def sections(self) -> dict[str, str]:
        """The docstring split into its titled sections."""
        out: dict[str, str] = {}
        current = None
        for line in self.doc.splitlines()[1:]:
            stripped = line.strip()
            stripped = stripped[:-1] if stripped.endswith(":") else stripped
            if not line.startswith(" ") and stripped in DOC_SECTIONS:
                current = stripped
                out[current] = ""
            elif current:
                out[current] += line + "\n"
        return {k: textwrap.dedent(v).strip("\n") for k, v in out.items()}

    def default_options(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}

    def source(self) -> tuple[Path, int]:
        """The file and line where the rule's function is defined."""
        import inspect

        fn = inspect.unwrap(self.check)
        return Path(inspect.getsourcefile(fn) or ""), fn.__code__.co_firstlineno

    def data_paths(self) -> list[Path]:
        """The phrase-list files this rule declared (``data=[...]``)."""
        return [PACKAGE_DIR / "data" / name for name in self.data]

    def fixture_paths(self) -> list[Path]:
        """fixtures/rules/CODE.* in a source checkout (empty when installed)."""
        return sorted((REPO_DIR / "fixtures" / "rules").glob(f"{self.code}.*"))

    def test_paths(self) -> list[Path]:
        """tests/*.py of a source checkout that name this rule (code or name),
        or, for a rule with data files, run its family's phrase lists
        through "each entry matches its example" (``declared_lists("H")``)."""
        found = []
        family = f'declared_lists("{self.code[0]}")'
        for path in sorted((REPO_DIR / "tests").glob("test_*.py")):
            text = path.read_text("utf-8", errors="replace")
            if self.code in text or f'"{self.name}"' in text or (self.data and family in text):
                found.append(path)
        return found


def shown(path: Path) -> str:
    """A path relative to the source checkout when inside it."""
    try:
        return path.resolve().relative_to(REPO_DIR).as_posix()
    except ValueError:
        return str(path)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, category: str, severity: str = "warning",
         options: Mapping[str, Option] | None = None, needs: Iterable[str] = ("doc",),
         origin: str = "followup-lint", data: Iterable[str] = (), overrides: Iterable[str] = ()):
    """Register the decorated function as rule ``code``/``name``.

    ``options`` maps kebab-case keys to their :class:`Option` (type, default,
    help): the one place a default is written. ``data`` names the phrase-list
    files (in ``followup_lint/data/``) the rule reads. ``overrides`` names
    rules that find the same thing: when both run, their findings inside
    this rule's spans are dropped (the engine reports one per span)."""

    def decorate(fn):
        new = Rule(code, name, category, Severity.parse(severity), fn,
                   dict(options or {}), frozenset(needs), origin, tuple(data), tuple(overrides))
        _check_new(new, fn.__module__)
        REGISTRY[code] = new
        return fn

    return decorate


def family_letter(module: str) -> str | None:
    """The code letter a module of the rules package is for
    (``followup_lint.rules.h_hostile`` -> ``H``), None outside it."""
    if not module.startswith(RULES_PACKAGE + "."):
        return None
    top = module[len(RULES_PACKAGE) + 1:].split(".")[0]
    return top[0].upper() if re.match(r"^[a-z]_", top) else None


def _check_new(new: Rule, module: str) -> None:
    code, name = new.code, new.name
    if not _CODE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if not _NAME.match(name):
        raise ValueError(f"bad rule name {name!r}")
    if new.category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {new.category!r}")
    if code in REGISTRY or any(r.name == name for r in REGISTRY.values()):
        raise ValueError(f"rule {code} {name} registered twice")
    letter = family_letter(module)
    if module.startswith(RULES_PACKAGE + ".") and letter != code[0]:
        raise ValueError(f"{code}: rules of family {code[0]} live in rules/{code[0].lower()}_*.py, not {module}")
    for other in new.overrides:
        if not _CODE.match(other) or other == code:
            raise ValueError(f"{code}: overrides {other!r} must name another rule's code")
    for key in new.options:
        if not _OPTION.match(key):
            raise ValueError(f"{code}: option {key!r} must be kebab-case (e.g. max-words)")
    for file in new.data:
        if not _DATA.match(file):
            raise ValueError(f"{code}: data file {file!r} must be a name like hostile_sarcasm.txt")
        owner = next((r.code for r in REGISTRY.values() if file in r.data), None)
        if owner:
            raise ValueError(f"{code}: data file {file} already belongs to {owner}")
