"""The errors a user can cause, each shown as one line (exit code 2).

This module imports nothing: every layer may raise these and the CLI catches
them without importing the layer that raised (spaCy, LanguageTool).
"""

from __future__ import annotations


class InputError(Exception):
    """A draft that cannot be read: reported as one line, exit code 2."""


class ConfigError(Exception):
    """A config file or flag that cannot be used: one line naming the file and key."""


class ModelError(Exception):
    """The spaCy pipeline cannot be loaded: one line naming the fix."""


class GrammarUnavailable(Exception):
    """LanguageTool cannot be used: one line, naming the fix."""


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"})
# a file name's bytes that are not UTF-8 arrive as lone surrogates (surrogateescape): shown as \xNN
_CONTROL.update({0xDC00 + b: f"\\x{b:02x}" for b in range(0x80, 0x100)})


def one_line(message: str) -> str:
    """A message as one line of plain text: control characters (a newline
    or a terminal escape in a file name) are shown as escapes, not obeyed,
    and a line never starts with ``::`` (a GitHub Actions workflow command)."""
    line = message.translate(_CONTROL)
    return "\\" + line if line.startswith("::") else line
