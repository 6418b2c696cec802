"""Settings from ``[tool.followup-lint]`` in pyproject.toml or from
``.followup-lint.toml``, found by walking up from the draft; command-line
flags win over the file. Unknown keys and wrong types are errors."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from followup_lint import trust
from followup_lint.errors import ConfigError
from followup_lint.finding import CATEGORIES, Severity

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
    # start LanguageTool and the warm linter in the background on first need
    # (None: yes from the command line and hooks, no from the API and Spark);
    # they stop after idle_timeout seconds without a check (0: never)
    background: bool | None = None
    idle_timeout: float | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None  # the config file these came from
    kind: str | None = None  # --kind: every draft is of this kind (followup_lint.kinds)
    date: Any = None  # --date: a datetime every draft is sent at, instead of its Date: header or now
    # a fail level per category ({"writing": Severity.ERROR}); fail_on for the others
    fail_on_category: dict[str, Severity] = field(default_factory=dict)
    hook: "HookPolicy" = field(default_factory=lambda: HookPolicy())
    severities: dict[str, Severity] = field(default_factory=dict)  # [rules.CODE] severity
    words: tuple[str, ...] = ()  # accepted words: config `words` and the user dictionary
    hide: tuple = ()  # followup_lint.hide.Hide entries (for this file, once resolved)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    file_ignores: tuple[str, ...] = ()  # the per-file-ignores for this file: beat any select
    overlays: dict = field(default_factory=dict)  # "CODE.list" -> (list name, matching.Overlay)
    user_rules: tuple = ()  # followup_lint.house.UserRule: the config's X rules
    checked_phrases: tuple = ()  # house.PhraseFile: user phrases to check against their examples

    def with_overrides(self, **kw: Any) -> "Settings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})

    def options_for(self, rule) -> dict[str, Any]:
        opts = rule.default_options()
        opts.update(self.rule_options.get(rule.code, {}))
        return opts

    def blocks(self, finding) -> bool:
        """Does ``finding`` reach the fail level (its category's, else fail-on)?"""
        return finding.severity >= self.fail_on_category.get(finding.category, self.fail_on)

    def for_hook(self, fail_on: Severity | None = None) -> "Settings":
        """These settings with the hook profile's fail levels; ``fail_on``
        (the hooks' ``--fail-on``) is one level for every category instead."""
        if fail_on is not None:
            return replace(self, fail_on=fail_on, fail_on_category={})
        return replace(self, fail_on=self.hook.fail_on, fail_on_category=dict(self.hook.fail_on_category))


@dataclass(frozen=True)
class HookPolicy:
    """What a pre-send hook refuses (docs/hooks.md says why): hostile,
    presumptuous and desperate findings from warning up, and anything at
    error; writing, structure and generic warnings are shown but let the mail
    go. Errors by default include an unfilled placeholder (G101), a missing
    attachment (S403) and an empty subject (S302)."""

    fail_on: Severity = Severity.ERROR
    fail_on_category: dict[str, Severity] = field(default_factory=lambda: {
        "hostile": Severity.WARNING, "presumptuous": Severity.WARNING, "desperate": Severity.WARNING})


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
    "background": bool,
    "idle-timeout": (int, float),
    "rules": dict,
    "fail-on-category": dict,
    "hook": dict,
    "words": list,
    "hide": "tables",
    "per-file-ignores": dict,
}
_HOOK_KEYS = ("fail-on", "fail-on-category")
# keys of [rules.CODE] besides the rule's own options
RULE_KEYS = ("severity", "extend-phrases", "phrases")
USER_RULE_KEYS = ("name", "category", "severity", "message", "suggestion", "phrases")

MAX_SIZE = 1000**4  # 1 TB: a draft or a mailbox message never comes near
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
        number = float(m.group(1))
        if not math.isfinite(number) or number > MAX_SIZE:
            raise ValueError(f"{value!r} is too large (the largest size is {format_size(MAX_SIZE)})")
        size = int(number * _UNITS[(m.group(2) or "").lower()])
    if size < 1:
        raise ValueError(f"{value!r} is not a size: it must be at least 1 byte")
    if size > MAX_SIZE:
        raise ValueError(f"{value!r} is too large (the largest size is {format_size(MAX_SIZE)})")
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
                why = trust.why_ignored(candidate)
                if why is not None:  # another user's, or writable by others: as if it were not there
                    trust.say(trust.ignored_notice(candidate, why))
                    continue
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "followup-lint" in tool


def load_config(path: Path, *, found: bool = False) -> Settings:
    """The settings in a config file: given by the user (``--config``), or
    ``found`` by searching, when the keys that run code or send drafts
    elsewhere count only if the user trusted the file (followup_lint.trust)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: tables or arrays nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool must be a table")
        data = tool.get("followup-lint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.followup-lint must be a table")
    if found:
        data = trust.restrict(data, path)
    return parse_table(data, str(path))


def _kind(expected) -> str:
    return {list: "a list of strings", str: "a string", bool: "true or false", dict: "a table",
            "tables": "an array of tables ([[hide]])",
            (int, str): "a size (bytes, or a string such as \"10MB\")",
            (int, float): "a number of seconds"}[expected]


def _check_types(data: dict, where: str) -> None:
    for key, value in data.items():
        if key not in _KEYS:
            hint = ""
            if key == "tool":
                hint = ("; in .followup-lint.toml the keys go at the top level (select = [...]), "
                        "[tool.followup-lint] is for pyproject.toml")
            raise ConfigError(f"{where}: unknown key {key!r}{hint or ' (known: ' + ', '.join(sorted(_KEYS)) + ')'}")
        expected = _KEYS[key]
        if expected == "tables":
            ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        else:
            ok = (isinstance(value, expected) and not (expected is list and not all(isinstance(v, str) for v in value))
                  and not (expected != bool and isinstance(value, bool)))
        if not ok:
            raise ConfigError(f"{where}: {key} must be {_kind(expected)}")


def _severity(value, where: str, key: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key} must be \"error\", \"warning\" or \"info\"")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {key}: {exc}") from None


def _categories(table, where: str, key: str) -> dict[str, Severity]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {key} must be a table of category = severity")
    out = {}
    for cat, level in table.items():
        if cat not in CATEGORIES:
            raise ConfigError(f"{where}: {key}: unknown category {cat!r} (known: {', '.join(CATEGORIES)})")
        out[cat] = _severity(level, where, f"{key}.{cat}")
    return out


def parse_table(data: dict, where: str) -> Settings:
    from followup_lint.rules import find_rule, is_selector

    _check_types(data, where)
    base = Path(where).parent if where else Path.cwd()
    kw: dict[str, Any] = {"source": where}
    user_rules = _user_rules(data.get("rules", {}), where, base)
    user_codes = {u.code for u in user_rules}

    def selects(sel: str) -> bool:
        return sel.upper() == "ALL" or is_selector(sel) or any(c.startswith(sel.upper()) for c in user_codes)

    for key in ("select", "ignore"):
        if key in data:
            for sel in data[key]:
                if not selects(sel):
                    raise ConfigError(f"{where}: {key}: {sel!r} matches no rule")
            kw[key] = tuple(data[key])
    kw.update(_levels(data, where))
    kw.update(_run_settings(data, where))
    if "words" in data:
        kw["words"] = _words(data["words"], where)
    kw["hide"] = _hides(data.get("hide", []), where, find_rule, user_codes)
    if "per-file-ignores" in data:
        kw["per_file_ignores"] = _per_file_ignores(data["per-file-ignores"], where, selects)
    checked = [u.phrases for u in user_rules]
    options, severities, overlays = _rule_tables(data.get("rules", {}), where, base, user_codes, checked)
    kw["rule_options"] = options
    kw["severities"] = severities
    kw["overlays"] = {key: (name, ov) for key, (name, ov, _pf) in overlays.items()}
    kw["user_rules"] = tuple(user_rules)
    kw["checked_phrases"] = tuple(checked)
    return Settings(**kw)


def _levels(data: dict, where: str) -> dict[str, Any]:
    """fail-on, fail-on-category and the hook's own levels."""
    kw: dict[str, Any] = {}
    if "fail-on" in data:
        kw["fail_on"] = _severity(data["fail-on"], where, "fail-on")
    if "fail-on-category" in data:
        kw["fail_on_category"] = _categories(data["fail-on-category"], where, "fail-on-category")
    if "hook" in data:
        hook = data["hook"]
        for k in hook:
            if k not in _HOOK_KEYS:
                raise ConfigError(f"{where}: hook: unknown key {k!r} (known: {', '.join(_HOOK_KEYS)})")
        policy = HookPolicy()
        if "fail-on" in hook:
            policy = replace(policy, fail_on=_severity(hook["fail-on"], where, "hook.fail-on"))
        if "fail-on-category" in hook:
            policy = replace(policy, fail_on_category=_categories(hook["fail-on-category"], where,
                                                                   "hook.fail-on-category"))
        kw["hook"] = policy
    return kw


def _run_settings(data: dict, where: str) -> dict[str, Any]:
    """The model, LanguageTool, the background server and the size limit."""
    kw: dict[str, Any] = {}
    for key, attr in (("model", "model"), ("grammar", "grammar"), ("require-grammar", "require_grammar"),
                      ("languagetool-url", "languagetool_url"), ("languagetool-dir", "languagetool_dir"),
                      ("language", "language")):
        if key in data:
            kw[attr] = data[key]
    if "background" in data:
        kw["background"] = data["background"]
    if "idle-timeout" in data:
        idle = data["idle-timeout"]
        if not 0 <= idle <= 7 * 24 * 3600:  # also refuses nan and inf
            raise ConfigError(f"{where}: idle-timeout must be between 0 (never) and 604800 seconds (a week)")
        kw["idle_timeout"] = float(idle)
    if "max-file-size" in data:
        try:
            kw["max_file_size"] = parse_size(data["max-file-size"])
        except ValueError as exc:
            raise ConfigError(f"{where}: max-file-size: {exc}") from None
    if "languagetool-dir" in data and not Path(data["languagetool-dir"]).expanduser().is_absolute():
        kw["languagetool_dir"] = str(Path(where).parent / data["languagetool-dir"])
    if "languagetool-url" in data and not data["languagetool-url"].startswith(("http://", "https://")):
        raise ConfigError(f"{where}: languagetool-url must start with http:// or https://")
    return kw


def _words(words: list, where: str) -> tuple[str, ...]:
    from followup_lint.words import check_word

    for w in words:
        try:
            check_word(w)
        except ValueError as exc:
            raise ConfigError(f"{where}: words: {exc}") from None
    return tuple(words)


def _per_file_ignores(table: dict, where: str, selects) -> tuple:
    pfi = []
    for glob, sels in table.items():
        if not isinstance(sels, list) or not all(isinstance(x, str) for x in sels):
            raise ConfigError(f"{where}: per-file-ignores.{glob!r} must be a list of rule codes")
        for sel in sels:
            if not selects(sel):
                raise ConfigError(f"{where}: per-file-ignores.{glob!r}: {sel!r} matches no rule")
        pfi.append((glob, tuple(sels)))
    return tuple(pfi)


def _rule_tables(rules: dict, where: str, base: Path, user_codes: set, checked: list):
    """``[rules.<CODE|name>]`` tables of the built-in rules: their options,
    severities and phrase overlays (each overlay's phrase file is added to
    ``checked``)."""
    from followup_lint.rules import find_rule

    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    overlays: dict = {}
    for rule_key, table in rules.items():
        if rule_key.upper() in user_codes:
            continue
        r = find_rule(rule_key)
        if r is None:
            hint = " (user rules have codes X001-X999 and need name, category, message and phrases)" \
                if rule_key[:1].upper() == "X" else ""
            raise ConfigError(f"{where}: rules.{rule_key}: no such rule{hint}")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: rules.{rule_key} must be a table of options")
        for opt, value in table.items():
            if opt == "severity":
                severities[r.code] = _severity(value, where, f"rules.{rule_key}.severity")
                continue
            if opt in ("extend-phrases", "phrases"):
                for name, overlay, phrases in _overlays(r, opt, value, where, base):
                    if f"{r.code}.{name}" in overlays:
                        raise ConfigError(f"{where}: rules.{rule_key}: extend-phrases and phrases both name "
                                          f"the list {name!r}: use one")
                    overlays[f"{r.code}.{name}"] = (name, overlay, phrases)
                    checked.append(phrases)
                continue
            options.setdefault(r.code, {})[opt] = _rule_option(r, rule_key, opt, value, where)
    return options, severities, overlays


def _rule_option(r, rule_key: str, opt: str, value, where: str):
    if opt not in r.options:
        known = ", ".join(sorted([*r.options, *RULE_KEYS])) or "none"
        hint = f"; option keys are kebab-case: {opt.replace('_', '-')!r}" \
            if opt.replace("_", "-") in r.options else ""
        raise ConfigError(f"{where}: rules.{rule_key}: unknown option {opt!r} (known: {known}){hint}")
    try:
        return r.options[opt].validate(opt, value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: rules.{rule_key}: {exc}") from None


def _phrase_paths(value, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of phrase files")
    return value


def _read_phrases(paths, where: str, base: Path):
    from followup_lint.house import HouseError, read_phrase_files

    try:
        return read_phrase_files(paths, base)
    except HouseError as exc:
        raise ConfigError(f"{exc} (from {where})") from None


def _overlays(r, opt: str, value, where: str, base: Path) -> list:
    """(list name, Overlay, PhraseFile) for ``extend-phrases``/``phrases``
    of rule ``r``: a list of files (the rule's phrase list; a rule with
    several must be told which), or a table naming the lists."""
    from followup_lint.house import HouseError, overlay_for

    key = f"rules.{r.code}.{opt}"
    named = value.items() if isinstance(value, dict) else [(None, value)]
    out = []
    for list_name, files in named:
        paths = _phrase_paths(files, where, key if list_name is None else f"{key}.{list_name}")
        phrases = _read_phrases(paths, where, base)
        try:
            name, overlay = overlay_for(r, phrases, replace=opt == "phrases", list_name=list_name, key=key)
        except HouseError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        out.append((name, overlay, phrases))
    return out


def _user_rules(rules: dict, where: str, base: Path) -> list:
    from followup_lint.house import USER_CODE, UserRule
    from followup_lint.registry import _NAME
    from followup_lint.rules import all_rules

    out = []
    taken = {r.name for r in all_rules()}
    for code, table in rules.items():
        if not USER_CODE.fullmatch(code.upper()) or not isinstance(table, dict):
            continue
        code = code.upper()
        key = f"rules.{code}"
        for k in table:
            if k not in USER_RULE_KEYS:
                raise ConfigError(f"{where}: {key}: unknown key {k!r} (known: {', '.join(USER_RULE_KEYS)})")
        for k in ("name", "category", "message", "phrases"):
            if k not in table:
                raise ConfigError(f"{where}: {key}: a user rule needs {k!r} "
                                  f"(and may have severity, suggestion)")
        for k in ("name", "category", "message", "suggestion", "severity"):
            if k in table and not isinstance(table[k], str):
                raise ConfigError(f"{where}: {key}.{k} must be a string")
        name = table["name"]
        if not _NAME.match(name):
            raise ConfigError(f"{where}: {key}.name: {name!r} is not a kebab-case name (e.g. \"coach-banned-line\")")
        if name in taken:
            raise ConfigError(f"{where}: {key}.name: {name!r} is already a rule's name")
        taken.add(name)
        if table["category"] not in CATEGORIES:
            raise ConfigError(f"{where}: {key}.category: unknown category {table['category']!r} "
                              f"(known: {', '.join(CATEGORIES)})")
        severity = _severity(table.get("severity", "warning"), where, f"{key}.severity").label
        phrases = _read_phrases(_phrase_paths(table["phrases"], where, f"{key}.phrases"), where, base)
        out.append(UserRule(code, name, table["category"], severity, table["message"],
                            table.get("suggestion", ""), phrases))
    return out


def _hides(entries: list, where: str, find_rule, user_codes) -> tuple:
    from followup_lint.hide import Hide

    out = []
    for n, entry in enumerate(entries, 1):
        key = f"hide[{n}]"
        for k in entry:
            if k not in ("rule", "sentence", "files"):
                raise ConfigError(f"{where}: {key}: unknown key {k!r} (known: rule, sentence, files)")
        if not isinstance(entry.get("rule"), str) or not isinstance(entry.get("sentence"), str):
            raise ConfigError(f"{where}: {key} needs rule = \"CODE or name\" and sentence = \"pattern\"")
        files = entry.get("files", [])
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ConfigError(f"{where}: {key}.files must be a list of globs")
        if entry["rule"].upper() in user_codes:
            code = entry["rule"].upper()
        else:
            r = find_rule(entry["rule"])
            if r is None:
                raise ConfigError(f"{where}: {key}.rule: {entry['rule']!r} is no rule (a code or a name)")
            code = r.code
        try:
            pattern = re.compile(entry["sentence"])
        except re.error as exc:
            raise ConfigError(f"{where}: {key}.sentence: not a regular expression ({exc})") from None
        out.append(Hide(code, pattern, tuple(files)))
    return tuple(out)


class ConfigResolver:
    """Settings per draft: an explicit --config for all, else the nearest
    file, cached per directory."""

    def __init__(self, explicit: Path | None, overrides: dict[str, Any], user_words: bool = True):
        trust.new_run()
        self.overrides = overrides
        self.explicit = load_config(explicit) if explicit else None
        self._cache: dict[Path, Settings] = {}
        self._user_words: tuple[str, ...] | None = None if user_words else ()

    @property
    def user_words(self) -> tuple[str, ...]:
        """The user dictionary's words (read once per resolver)."""
        if self._user_words is None:
            from followup_lint.words import read_dictionary

            try:
                self._user_words = read_dictionary()
            except OSError as exc:
                raise ConfigError(str(exc)) from None
        return self._user_words

    def for_path(self, path: str) -> Settings:
        if self.explicit is not None:
            return self._announced(self._for_file(self.explicit.with_overrides(**self.overrides), path))
        folder = Path.cwd() if path == "-" else Path(path).parent
        folder = folder.resolve() if folder.exists() else Path.cwd()
        if folder not in self._cache:
            found = find_config(folder)
            self._cache[folder] = load_config(found, found=True) if found else Settings()
        return self._announced(self._for_file(self._cache[folder].with_overrides(**self.overrides), path))

    def _for_file(self, s: Settings, path: str) -> Settings:
        """``s`` for one file: its per-file-ignores (``file_ignores``), only
        the ``[[hide]]`` entries whose globs it matches, the user's words."""
        from followup_lint.hide import path_matches

        root = str(Path(s.source).resolve().parent) if s.source else str(Path.cwd())
        extra = tuple(sel for glob, sels in s.per_file_ignores if path_matches(path, [glob], root) for sel in sels)
        hides = tuple(h for h in s.hide if not h.files or path_matches(path, h.files, root))
        words = s.words + tuple(w for w in self.user_words if w not in s.words)
        if not (extra or words != s.words or hides != s.hide):
            return s
        return replace(s, file_ignores=extra, hide=hides, words=words)

    def _announced(self, settings: Settings) -> Settings:
        if settings.languagetool_url and settings.grammar:
            flag = self.overrides.get("languagetool_url")
            trust.announce_destination(settings.languagetool_url, "--languagetool-url" if flag else
                                       (settings.source or "the configuration"))
        return settings
