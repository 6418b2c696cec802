"""Rule families, one module (or package) per code letter, found by name.

``rules/<letter>_<family>.py`` holds the rules whose codes start with that
letter (``w_writing.py``: W101, W102, ...). A family that outgrows ~400 lines
becomes a package ``rules/<letter>_<family>/`` (``h_hostile/``, ``s_structure/``)
and every module in it is loaded. Modules starting with ``_`` are shared helpers, not families.
Nothing here lists the families: adding ``rules/x_name.py`` adds a family;
importing a module registers its rules (see followup_lint.registry).

This is also where rules are looked up (``all_rules``, ``find_rule``,
``select_rules``, ``is_selector``): looking up needs every family loaded, and
the registry below it must not import the families.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import Iterable

from followup_lint.registry import REGISTRY, Rule

_FAMILY = re.compile(r"^([a-z])_[a-z0-9_]+$")


@lru_cache(maxsize=None)
def family_modules() -> dict[str, str]:
    """Code letter -> module name in this package (``{"H": "h_hostile", ...}``)."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        m = _FAMILY.match(info.name)
        if not m:
            continue
        letter = m.group(1).upper()
        if letter in found:
            raise RuntimeError(f"two rule modules for family {letter}: {found[letter]}, {info.name}")
        found[letter] = info.name
    return dict(sorted(found.items()))


def family_module(code: str) -> str:
    """The dotted module (or package) name that holds rule ``code``'s family."""
    return f"{__name__}.{family_modules()[code[0].upper()]}"


@lru_cache(maxsize=None)
def load_all() -> None:
    """Import every family module (and every module of a family package)."""
    for name in family_modules().values():
        mod = importlib.import_module(f"{__name__}.{name}")
        for info in pkgutil.iter_modules(getattr(mod, "__path__", [])):
            if not info.name.startswith("_"):
                importlib.import_module(f"{mod.__name__}.{info.name}")


def all_rules() -> list[Rule]:
    """Every registered rule (every family module loaded first), by code."""
    load_all()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def find_rule(code_or_name: str) -> Rule | None:
    for r in all_rules():
        if code_or_name.upper() == r.code or code_or_name.lower() == r.name:
            return r
    return None


def _matches(r: Rule, selector: str) -> int:
    """How specifically ``selector`` names rule ``r`` (0: not at all)."""
    if selector.upper() == "ALL":
        return 1
    if selector.lower() == r.name:
        return 100
    if r.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def matches(r: Rule, selector: str) -> bool:
    """Does ``selector`` (ALL, a prefix, a code or a name) name rule ``r``?"""
    return _matches(r, selector) > 0


def select_rules(select: Iterable[str], ignore: Iterable[str], extra: Iterable[Rule] = ()) -> list[Rule]:
    """Rules matched by ``select`` and not more specifically by ``ignore``
    (of the registry's and ``extra``, a config's own rules)."""
    select, ignore = list(select), list(ignore)
    chosen = []
    for r in [*all_rules(), *extra]:
        s = max((_matches(r, x) for x in select), default=0)
        i = max((_matches(r, x) for x in ignore), default=0)
        if s and s > i:
            chosen.append(r)
    return chosen


def is_selector(value: str) -> bool:
    """True if ``value`` names at least one rule (prefix, code or name)."""
    return any(_matches(r, value) for r in all_rules())
