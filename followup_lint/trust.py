"""Which config files followup-lint believes (docs/security.md).

Config files are found by walking up from each draft, so a draft in a shared
folder (``/tmp``, a mounted share, a colleague's checkout) can sit below a
file someone else wrote. The rules, after git's ``safe.directory``:

1. A config file found by searching is **ignored**, with a one-line warning
   naming it, when it belongs to another user (not you, not root) or others
   can write it (world-writable; group-writable unless the group is your own
   private group). The search goes on upward as if it were not there.
2. Settings that **run code or send draft text elsewhere** (``RESTRICTED``:
   ``languagetool-dir``, the jars Java runs; ``languagetool-url``, where
   drafts go; ``model`` when it is a path rather than an installed package
   name) are taken from a found config file only when you trusted that file
   (``followup-lint trust FILE``); otherwise that key is ignored with a
   warning. The command line (flags, ``--config FILE``) and environment
   variables are yours and always count.
3. A run that sends drafts to a LanguageTool off this machine says where,
   once, on standard error.

``followup-lint trust FILE`` records the file's absolute path in
``trusted.txt`` in the user config folder (``$FOLLOWUP_LINT_CONFIG_DIR``, else
``platformdirs.user_config_dir("followup-lint")``); a trusted file is also
read when rule 1 would ignore it. Only the standard library (and
platformdirs for the folder).
"""

from __future__ import annotations

import grp
import ipaddress
import os
import pwd
import stat
import sys
import urllib.parse
from pathlib import Path

TRUST_FILE = "trusted.txt"
# keys whose value makes followup-lint run a program or send drafts elsewhere
RESTRICTED = ("languagetool-dir", "languagetool-url", "model")
_WHY = {"languagetool-dir": "it names the LanguageTool jars that Java runs",
        "languagetool-url": "it sends your drafts to that server",
        "model": "a pipeline loaded from a path can run code"}

_said: set[str] = set()


def new_run() -> None:
    """Forget which warnings were given (each run says each one once)."""
    _said.clear()


def say(message: str) -> None:
    """A warning on standard error, once per run."""
    if message in _said:
        return
    _said.add(message)
    from followup_lint.errors import one_line

    sys.stderr.write(f"followup-lint: warning: {one_line(message)}\n")
    sys.stderr.flush()


def config_dir() -> Path:
    from followup_lint.dirs import config_dir as user_config

    return user_config()


def trust_file() -> Path:
    return config_dir() / TRUST_FILE


def trusted_files() -> set[str]:
    """The absolute paths the user trusted (an unreadable list trusts nothing)."""
    path = trust_file()
    try:
        info = path.stat()
        if untrusted_owner(info) is not None:  # someone else's list is no list of yours
            return set()
        lines = path.read_text("utf-8", "surrogateescape").splitlines()
    except OSError:
        return set()
    return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}


def is_trusted(path: Path) -> bool:
    return str(Path(path).absolute()) in trusted_files() or str(_resolved(path)) in trusted_files()


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def untrusted_owner(info: os.stat_result) -> str | None:
    """Why a file with this stat may not be believed, or None."""
    me = os.geteuid()
    if info.st_uid not in (me, 0):
        try:
            owner = pwd.getpwuid(info.st_uid).pw_name
        except KeyError:
            owner = f"uid {info.st_uid}"
        return f"it belongs to another user ({owner})"
    perms = stat.S_IMODE(info.st_mode)
    if perms & stat.S_IWOTH:
        return f"anyone can write it (mode {perms:04o})"
    if perms & stat.S_IWGRP and not _own_private_group(info.st_gid):
        return f"its group can write it (mode {perms:04o})"
    return None


def _own_private_group(gid: int) -> bool:
    """The group is this user's own: their primary group, with no other members."""
    try:
        user = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(gid)
    except KeyError:
        return False
    return gid == user.pw_gid and set(group.gr_mem) <= {user.pw_name}


def why_ignored(path: Path) -> str | None:
    """Why a config file found by searching is ignored (rule 1), or None."""
    try:
        info = os.stat(path)
    except OSError:
        return None  # reading it fails later with its own message
    why = untrusted_owner(info)
    if why is None or is_trusted(path):
        return None
    return why


def ignored_notice(path: Path, why: str) -> str:
    return f"ignoring config {path}: {why}; if you trust it, run `followup-lint trust {path}`"


def restrict(data: dict, path: Path) -> dict:
    """``data`` (a found config file's table) without the restricted keys
    (rule 2), each dropped one named in a warning; unchanged for a file the
    user trusted."""
    present = [k for k in RESTRICTED if k in data and not (k == "model" and not _is_path(data[k]))]
    if not present or is_trusted(path):
        return data
    for key in present:
        say(f"{path}: {key} ignored: {_WHY[key]}, and this config file was found by searching, not "
            f"given by you; pass it on the command line, use --config {path}, or run "
            f"`followup-lint trust {path}`")
    return {k: v for k, v in data.items() if k not in present}


def _is_path(model) -> bool:
    return isinstance(model, str) and ("/" in model or model.startswith((".", "~")) or os.sep in model)


def off_machine(url: str | None) -> str | None:
    """The host a LanguageTool URL sends drafts to, when it is not this machine."""
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass
    return host or url


def announce_destination(url: str | None, source: str) -> None:
    """Rule 3: say once per run where drafts leave this machine for."""
    host = off_machine(url)
    if host is not None:
        say(f"drafts are sent to {host} for grammar checks ({url}, set by {source})")


def add(path: Path) -> Path:
    """Record ``path`` as trusted; returns the trust list's path."""
    from followup_lint.private import private_dir, write_atomic

    target = str(_resolved(path))
    lines = sorted(trusted_files() | {target})
    file = trust_file()
    private_dir(file.parent)
    write_atomic(file, ("# config files followup-lint may take every setting from (`followup-lint trust`)\n"
                        + "".join(f"{ln}\n" for ln in lines)).encode("utf-8", "surrogateescape"))
    return file


def remove(path: Path) -> bool:
    from followup_lint.private import write_atomic

    have = trusted_files()
    gone = {str(_resolved(path)), str(Path(path).absolute())} & have
    if not gone:
        return False
    write_atomic(trust_file(), ("# config files followup-lint may take every setting from (`followup-lint trust`)\n"
                                + "".join(f"{ln}\n" for ln in sorted(have - gone))).encode("utf-8",
                                                                                          "surrogateescape"))
    return True
