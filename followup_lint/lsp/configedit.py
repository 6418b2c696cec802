"""What the editor's code actions write: the config keys of
docs/configuration.md, kept readable (tomlkit keeps comments and layout).

* ``add_word``: a word to the user dictionary (``words.txt`` in the user
  config folder, or ``$FOLLOWUP_LINT_CONFIG_DIR``) through
  :mod:`followup_lint.words`, as ``followup-lint words add`` does;
* ``add_project_word``: a word to ``words = [...]`` of the project config;
* ``hide``: a ``[[hide]]`` table (``rule``, ``sentence`` regex, ``files``);
* ``ignore_in_file``: the rule in ``[per-file-ignores]`` for this file;
* ``ignore_in_project``: the rule in the project's ``ignore`` list.

The project config is the one nearest the draft (as ``check`` finds it);
with none, ``.followup-lint.toml`` is made in the workspace folder holding
the draft (else the draft's own folder).
"""

from __future__ import annotations

import re
from pathlib import Path


def user_words_file() -> Path:
    """The user dictionary (followup_lint.words owns its place and format)."""
    from followup_lint.words import dictionary_path

    return dictionary_path()


def add_word(word: str) -> Path:
    """Add ``word`` to the user dictionary through :mod:`followup_lint.words`
    (the one writer of ``words.txt``: its header, its order, its private and
    atomic write), exactly as ``followup-lint words add`` does; returns the
    file."""
    from followup_lint.words import add, dictionary_path

    add([word])
    return dictionary_path()


def project_config(draft: Path, workspace_folders: list[Path] = ()) -> Path:
    """The config file the draft uses, or where a new one goes."""
    from followup_lint.config import find_config

    found = find_config(draft.parent if draft.parent.exists() else Path.cwd())
    if found is not None:
        return found
    resolved = draft.resolve()
    for folder in sorted(workspace_folders, key=lambda p: len(str(p)), reverse=True):
        try:
            resolved.relative_to(folder.resolve())
        except ValueError:
            continue
        return folder / ".followup-lint.toml"
    return draft.parent / ".followup-lint.toml"


def _load(path: Path):
    import tomlkit

    doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
    if path.name == "pyproject.toml":
        tool = doc.setdefault("tool", tomlkit.table(True))
        if "followup-lint" not in tool:
            tool["followup-lint"] = tomlkit.table()
        return doc, tool["followup-lint"]
    return doc, doc


def _save(path: Path, doc) -> None:
    import tomlkit

    from followup_lint.fixes import write_atomic

    text = tomlkit.dumps(doc)
    if path.exists():
        write_atomic(str(path), text)
    else:
        path.write_text(text, encoding="utf-8")


def _append_unique(table, key: str, value: str) -> None:
    import tomlkit

    if key not in table:
        table[key] = tomlkit.array()
    if value not in table[key]:
        table[key].append(value)


def add_project_word(config: Path, word: str) -> Path:
    doc, table = _load(config)
    _append_unique(table, "words", word)
    _save(config, doc)
    return config


def sentence_pattern(sentence: str) -> str:
    """A regex for this very sentence, whatever its line breaks."""
    return r"\s+".join(re.escape(w) for w in sentence.split())


def hide(config: Path, rule: str, sentence: str, draft: Path | None = None) -> Path:
    import tomlkit

    doc, table = _load(config)
    if "hide" not in table:
        table["hide"] = tomlkit.aot()
    entry = tomlkit.table()
    entry["rule"] = rule
    entry["sentence"] = sentence_pattern(sentence)
    if draft is not None:
        entry["files"] = [_relative(config, draft)]
    table["hide"].append(entry)
    _save(config, doc)
    return config


def ignore_in_file(config: Path, rule: str, draft: Path) -> Path:
    import tomlkit

    doc, table = _load(config)
    if "per-file-ignores" not in table:
        table["per-file-ignores"] = tomlkit.table()
    _append_unique(table["per-file-ignores"], _relative(config, draft), rule)
    _save(config, doc)
    return config


def ignore_in_project(config: Path, rule: str) -> Path:
    doc, table = _load(config)
    _append_unique(table, "ignore", rule)
    _save(config, doc)
    return config


def _relative(config: Path, draft: Path) -> str:
    """The draft as a glob relative to the config's folder."""
    try:
        rel = draft.resolve().relative_to(config.parent.resolve())
    except ValueError:
        return glob_escape(str(draft.resolve()))
    return glob_escape(rel.as_posix())


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
