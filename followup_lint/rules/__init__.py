"""Rule families, one module (or package) per code letter, found by name.

``rules/<letter>_<family>.py`` holds the rules whose codes start with that
letter (``h_hostile.py``: H101, H102, ...). A family that outgrows ~400 lines
becomes a package ``rules/<letter>_<family>/`` and every module in it is
loaded. Modules starting with ``_`` are shared helpers, not families.
Nothing here lists the families: adding ``rules/x_name.py`` adds a family;
importing a module registers its rules (see followup_lint.registry).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

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
