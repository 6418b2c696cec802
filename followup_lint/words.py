"""Accepted words: the words a user says are spelled right.

Two sources, used together by every spelling check (L101):

* ``words = ["dbt", "kubectl"]`` in the config file (a project's or a
  coach's shared vocabulary);
* the user dictionary, ``words.txt`` in the user config folder
  (``platformdirs.user_config_dir("followup-lint")``, or
  ``$FOLLOWUP_LINT_CONFIG_DIR``): one word a line, ``#`` starts a comment.
  ``followup-lint words add|remove|list`` edits it.

Case rules (the same as Vale's vocabularies, without the regular
expressions): an entry written in lower case accepts the word in any
capitalisation ("dbt" accepts dbt, Dbt, DBT); an entry with a capital letter
accepts exactly that spelling ("PyTorch" accepts PyTorch, not pytorch or
Pytorch), because its capitals are part of the name.

This module imports only the standard library (and platformdirs when the
folder is not set by the environment).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

ENV_CONFIG_DIR = "FOLLOWUP_LINT_CONFIG_DIR"
FILE_NAME = "words.txt"
HEADER = ("# followup-lint accepted words: one a line; a lower-case word is accepted in any\n"
          "# capitalisation, a word with capitals only exactly as written.\n"
          "# Edit with `followup-lint words add|remove|list`.\n")
_VALID = re.compile(r"[^\s#]+")


def config_dir() -> Path:
    from followup_lint.dirs import config_dir as folder

    return folder()


def dictionary_path() -> Path:
    return config_dir() / FILE_NAME


def check_word(word: str) -> str:
    """``word`` if it can be an entry (one token: no spaces, no ``#``), else ValueError."""
    if not _VALID.fullmatch(word):
        raise ValueError(f"{word!r} is not a word (one word, no spaces or '#')")
    return word


def parse(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def read_dictionary(path: Path | None = None) -> tuple[str, ...]:
    """The user dictionary's words (none if the file does not exist)."""
    path = path or dictionary_path()
    try:
        return tuple(parse(path.read_text("utf-8")))
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as exc:
        raise OSError(f"{path}: cannot read the user dictionary ({getattr(exc, 'strerror', None) or exc})") from None


def _write(path: Path, words: Iterable[str]) -> None:
    """Rewrite the dictionary (sorted, one a line), privately and atomically."""
    from followup_lint.private import private_dir, write_atomic

    private_dir(path.parent)
    body = HEADER + "".join(w + "\n" for w in sorted(set(words), key=lambda w: (w.lower(), w)))
    write_atomic(path, body.encode("utf-8"))


def add(words: Iterable[str], path: Path | None = None) -> list[str]:
    """Add ``words``; returns those that were new."""
    path = path or dictionary_path()
    current = list(read_dictionary(path))
    new = [check_word(w) for w in words if w not in current]
    new = list(dict.fromkeys(new))
    if new:
        _write(path, current + new)
    return new


def remove(words: Iterable[str], path: Path | None = None) -> list[str]:
    """Remove ``words`` (exact entries); returns those that were there."""
    path = path or dictionary_path()
    current = list(read_dictionary(path))
    gone = [w for w in dict.fromkeys(words) if w in current]
    if gone:
        _write(path, [w for w in current if w not in gone])
    return gone


class Accepted:
    """A set of accepted words with the case rules above."""

    def __init__(self, words: Iterable[str]):
        self.any_case = frozenset(w.lower() for w in words if w == w.lower())
        self.exact = frozenset(w for w in words if w != w.lower())

    def __bool__(self) -> bool:
        return bool(self.any_case or self.exact)

    def __contains__(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.any_case
