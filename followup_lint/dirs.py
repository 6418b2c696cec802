"""Where followup-lint keeps things on this machine, and the environment
variables that move each place. Nothing else computes a user directory.

=====================  ===============================  =================================
place                  default                          moved by
=====================  ===============================  =================================
results cache          user cache dir                   ``FOLLOWUP_LINT_CACHE_DIR``
LanguageTool jars      user cache dir/languagetool-6.6  ``languagetool-dir``, ``FOLLOWUP_LINT_LANGUAGETOOL_DIR``
server state           user cache dir                   ``FOLLOWUP_LINT_STATE_DIR``
warm linter socket     $XDG_RUNTIME_DIR/followup-lint   ``FOLLOWUP_LINT_RUNTIME_DIR``
                       (else /tmp/followup-lint-UID)
user config (words)    user config dir                  ``FOLLOWUP_LINT_CONFIG_DIR``
refused messages       user data dir/refused            ``--save-dir``, ``FOLLOWUP_LINT_SAVE_DIR``
=====================  ===============================  =================================

The user dirs are platformdirs' (``~/.cache/followup-lint`` and so on on
Linux). platformdirs is imported only when a default is needed, pathlib only
when a Path is returned: the warm client (:func:`runtime_dir`) needs neither.
"""

from __future__ import annotations

import os
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the warm client)

if TYPE_CHECKING:
    from pathlib import Path

APP = "followup-lint"
ENV_CACHE_DIR = "FOLLOWUP_LINT_CACHE_DIR"
ENV_LANGUAGETOOL_DIR = "FOLLOWUP_LINT_LANGUAGETOOL_DIR"
ENV_STATE_DIR = "FOLLOWUP_LINT_STATE_DIR"
ENV_RUNTIME_DIR = "FOLLOWUP_LINT_RUNTIME_DIR"
ENV_CONFIG_DIR = "FOLLOWUP_LINT_CONFIG_DIR"
ENV_SAVE_DIR = "FOLLOWUP_LINT_SAVE_DIR"


def _env(name: str) -> Path | None:
    value = os.environ.get(name)
    if not value:
        return None
    from pathlib import Path

    return Path(value).expanduser()


def user_cache_dir() -> Path:
    """platformdirs' user cache dir for followup-lint (no override)."""
    from pathlib import Path

    from platformdirs import user_cache_dir as base

    return Path(base(APP, appauthor=False))


def cache_dir() -> Path:
    """The results cache (followup_lint.cache)."""
    return _env(ENV_CACHE_DIR) or user_cache_dir()


def languagetool_dir(configured: str | None, version: str) -> Path:
    """The LanguageTool jars: ``configured`` (config ``languagetool-dir``),
    else $FOLLOWUP_LINT_LANGUAGETOOL_DIR, else the user cache dir."""
    if configured:
        from pathlib import Path

        return Path(configured).expanduser()
    return _env(ENV_LANGUAGETOOL_DIR) or user_cache_dir() / f"languagetool-{version}"


def state_dir() -> Path:
    """The kept LanguageTool server's state file and lock."""
    return _env(ENV_STATE_DIR) or user_cache_dir()


def runtime_dir() -> str:
    """Where the warm linter's socket lives (a path string: the warm client
    imports nothing it does not need)."""
    if os.environ.get(ENV_RUNTIME_DIR):
        return os.path.expanduser(os.environ[ENV_RUNTIME_DIR])
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):
        return os.path.join(xdg, APP)
    return os.path.join("/tmp", f"{APP}-{os.getuid()}")


def config_dir() -> Path:
    """The user's own config folder (the accepted-words file)."""
    if _env(ENV_CONFIG_DIR):
        return _env(ENV_CONFIG_DIR)  # type: ignore[return-value]
    from pathlib import Path

    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def save_dir() -> Path:
    """Where a pre-send hook saves a message it refused."""
    if _env(ENV_SAVE_DIR):
        return _env(ENV_SAVE_DIR)  # type: ignore[return-value]
    from pathlib import Path

    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / "refused"
