"""Settings from ``[tool.followup-lint]`` in pyproject.toml or from
``.followup-lint.toml``, found by walking up from the draft; command-line
flags win over the file. Unknown keys and wrong types are errors."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from followup_lint.errors import ConfigError
from followup_lint.finding import Severity

CONFIG_FILES = (".followup-lint.toml", "pyproject.toml")




@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    model: str | None = None
    grammar: bool = True
    require_grammar: bool = False
    languagetool_url: str | None = None
    languagetool_dir: str | None = None  # where the LanguageTool jars are (default: user cache)
    language: str = "en-US"
    max_file_size: int = 10_000_000  # bytes of one draft (file or mailbox message); larger ones are refused
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None  # the config file these came from
    kind: str | None = None  # --kind: every draft is of this kind (followup_lint.kinds)
    date: Any = None  # --date: a datetime every draft is sent at, instead of its Date: header or now

    def with_overrides(self, **kw: Any) -> "Settings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})

    def options_for(self, rule) -> dict[str, Any]:
        opts = rule.default_options()
        opts.update(self.rule_options.get(rule.code, {}))
        return opts


_KEYS = {
    "select": list,
    "ignore": list,
    "fail-on": str,
    "model": str,
    "grammar": bool,
    "require-grammar": bool,
    "languagetool-url": str,
    "languagetool-dir": str,
    "language": str,
    "max-file-size": (int, str),
    "rules": dict,
}

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", re.I)
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
          "ki": 1024, "kib": 1024, "mi": 1024**2, "mib": 1024**2, "gi": 1024**3, "gib": 1024**3}


def parse_size(value) -> int:
    """A size in bytes: an integer, or a string such as "10MB", "512 kB",
    "2MiB". Raises ValueError with a message naming the accepted forms."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        m = _SIZE.fullmatch(value) if isinstance(value, str) else None
        if not m:
            raise ValueError(f"{value!r} is not a size (bytes, or a number with kB, MB, GB, KiB, MiB, GiB)")
        size = int(float(m.group(1)) * _UNITS[(m.group(2) or "").lower()])
    if size < 1:
        raise ValueError(f"{value!r} is not a size: it must be at least 1 byte")
    return size


def format_size(size: int) -> str:
    for unit, n in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= n:
            return f"{size / n:.1f} {unit}"
    return f"{size} bytes"


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or directory)."""
    here = start if start.is_dir() else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_section(candidate):
                    continue
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return "followup-lint" in data.get("tool", {})


def load_config(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("followup-lint", {})
    return parse_table(data, str(path))


def parse_table(data: dict, where: str) -> Settings:
    from followup_lint.rules import find_rule, is_selector

    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})")
        expected = _KEYS[key]
        if (not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value))
                or (expected != bool and isinstance(value, bool))):
            kind = {list: "a list of strings", str: "a string", bool: "true or false", dict: "a table",
                    (int, str): "a size (bytes, or a string such as \"10MB\")"}[expected]
            raise ConfigError(f"{where}: {key} must be {kind}")
    kw: dict[str, Any] = {"source": where}
    for key in ("select", "ignore"):
        if key in data:
            for sel in data[key]:
                if sel.upper() != "ALL" and not is_selector(sel):
                    raise ConfigError(f"{where}: {key}: {sel!r} matches no rule")
            kw[key] = tuple(data[key])
    if "fail-on" in data:
        try:
            kw["fail_on"] = Severity.parse(data["fail-on"])
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    for key, attr in (("model", "model"), ("grammar", "grammar"), ("require-grammar", "require_grammar"),
                      ("languagetool-url", "languagetool_url"), ("languagetool-dir", "languagetool_dir"),
                      ("language", "language")):
        if key in data:
            kw[attr] = data[key]
    if "max-file-size" in data:
        try:
            kw["max_file_size"] = parse_size(data["max-file-size"])
        except ValueError as exc:
            raise ConfigError(f"{where}: max-file-size: {exc}") from None
    if "languagetool-dir" in data and not Path(data["languagetool-dir"]).expanduser().is_absolute():
        kw["languagetool_dir"] = str(Path(where).parent / data["languagetool-dir"])
    if "languagetool-url" in data and not data["languagetool-url"].startswith(("http://", "https://")):
        raise ConfigError(f"{where}: languagetool-url must start with http:// or https://")
    options: dict[str, dict[str, Any]] = {}
    for rule_key, table in data.get("rules", {}).items():
        r = find_rule(rule_key)
        if r is None:
            raise ConfigError(f"{where}: rules.{rule_key}: no such rule")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: rules.{rule_key} must be a table of options")
        for opt, value in table.items():
            if opt not in r.options:
                known = ", ".join(sorted(r.options)) or "none"
                hint = f"; option keys are kebab-case: {opt.replace('_', '-')!r}" \
                    if opt.replace("_", "-") in r.options else ""
                raise ConfigError(f"{where}: rules.{rule_key}: unknown option {opt!r} (known: {known}){hint}")
            try:
                value = r.options[opt].validate(opt, value)
            except TypeError as exc:
                raise ConfigError(f"{where}: rules.{rule_key}: {exc}") from None
            options.setdefault(r.code, {})[opt] = value
    kw["rule_options"] = options
    return Settings(**kw)


class ConfigResolver:
    """Settings per draft: an explicit --config for all, else the nearest
    file, cached per directory."""

    def __init__(self, explicit: Path | None, overrides: dict[str, Any]):
        self.overrides = overrides
        self.explicit = load_config(explicit) if explicit else None
        self._cache: dict[Path, Settings] = {}

    def for_path(self, path: str) -> Settings:
        if self.explicit is not None:
            return self.explicit.with_overrides(**self.overrides)
        folder = Path.cwd() if path == "-" else Path(path).parent
        folder = folder.resolve() if folder.exists() else Path.cwd()
        if folder not in self._cache:
            found = find_config(folder)
            self._cache[folder] = load_config(found) if found else Settings()
        return self._cache[folder].with_overrides(**self.overrides)
