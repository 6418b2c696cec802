"""``followup-lint init``: a commented config with every key at its default.

The file it writes changes nothing: checking with it gives the same findings
and exit codes as checking with no config at all (a test holds it to that).
Keys without a default (``model``, ``languagetool-url``, ``languagetool-dir``)
and the examples of ``[[hide]]``, house style and user rules are comments.
"""

from __future__ import annotations

import json

from followup_lint.config import HookPolicy, Settings, format_size


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(type(value))


def render(pyproject: bool = False) -> str:
    """The config text: ``.followup-lint.toml`` (keys at the top level), or
    the ``[tool.followup-lint]`` tables for pyproject.toml."""
    from followup_lint.rules import all_rules

    t = "tool.followup-lint." if pyproject else ""
    out = [
        "# followup-lint configuration: every key at its default (docs/configuration.md).",
        "# Command-line flags win over this file.",
    ]
    if pyproject:
        out.append("[tool.followup-lint]")
    out += _top_level_keys() + _tables(t) + _examples(t)
    for r in all_rules():
        out.append(f"[{t}rules.{r.code}]  # {r.name}")
        out.append(f"# severity = {_toml(r.severity.label)}")
        for name, opt in r.options.items():
            out.append(f"{name} = {_toml(opt.default)}  # {opt.help}")
    return "\n".join(out) + "\n"


def _top_level_keys() -> list[str]:
    """The keys at the top of the file (or of ``[tool.followup-lint]``)."""
    d = Settings()
    return [
        "",
        "# Rules to run: codes (G101), prefixes (S, S1), names, or ALL; ignore beats a less specific select.",
        f"select = {_toml(list(d.select))}",
        f"ignore = {_toml(list(d.ignore))}",
        "# Lowest severity that makes `check` exit 1 (error, warning or info); per category below.",
        f"fail-on = {_toml(d.fail_on.label)}",
        "# Run LanguageTool's grammar and spelling checks (L rules); exit 2 when it cannot run?",
        f"grammar = {_toml(d.grammar)}",
        f"require-grammar = {_toml(d.require_grammar)}",
        f"language = {_toml(d.language)}",
        "# Larger drafts are refused (bytes, or \"10MB\", \"512kB\").",
        f"max-file-size = {_toml(format_size(d.max_file_size).replace(' ', '').replace('.0', ''))}",
        "# spaCy pipeline; your own LanguageTool server (drafts are sent there); where the jars are.",
        '# model = "en_core_web_sm"',
        '# languagetool-url = "http://localhost:8081"',
        '# languagetool-dir = "~/languagetool"',
        "# Accepted words for the spelling check (also `followup-lint words add WORD`): a lower-case",
        "# word is accepted in any capitalisation, one with capitals only as written.",
        f"words = {_toml(list(d.words))}",
    ]


def _tables(t: str) -> list[str]:
    """The tables with their defaults: fail levels per category, the hook's."""
    hook = HookPolicy()
    return [
        "",
        "# A fail level per category (generic, hostile, presumptuous, desperate, structure, writing).",
        f"[{t}fail-on-category]",
        '# writing = "error"',
        "",
        "# What a pre-send hook (sendmail, hook run, the git hook) refuses: docs/hooks.md.",
        f"[{t}hook]",
        f"fail-on = {_toml(hook.fail_on.label)}",
        "fail-on-category = {" + ", ".join(f"{k} = {_toml(v.label)}" for k, v in hook.fail_on_category.items())
        + "}",
    ]


def _examples(t: str) -> list[str]:
    """Commented examples of the tables that have no default entries."""
    return [
        "",
        "# Rules to skip in some files: \"glob\" = [codes].",
        f"[{t}per-file-ignores]",
        '# "templates/*.txt" = ["G101"]',
        "",
        "# A finding you mean to keep: its rule, a pattern of its sentence, optionally file globs.",
        f"# [[{t}hide]]",
        '# rule = "P101"',
        '# sentence = "panel interview, as you suggested"',
        '# files = ["*.txt"]',
        "",
        "# House style: add to a rule's phrase list (pattern<TAB>example[<TAB>suggestion] a line),",
        "# or replace it (phrases = [...]); or a rule of your own, with a code from X001.",
        f"# [{t}rules.H202]",
        '# extend-phrases = ["~/coach/threats.txt"]',
        f"# [{t}rules.X001]",
        '# name = "coach-banned-line"',
        '# category = "generic"',
        '# severity = "warning"',
        '# message = "{phrase} is on the coach\'s list"',
        '# suggestion = "Say what you learned in the interview instead."',
        '# phrases = ["~/coach/banned.txt"]',
        "",
        "# Each rule's options and severity (`followup-lint rule CODE` explains them).",
    ]
