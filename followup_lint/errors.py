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
