"""Files and folders only this user can read: everything followup-lint
writes that can hold draft text or state (the result cache, the server
state and logs, saved messages, the warm linter's folder, reports written
with ``-o``).

* ``private_dir(path)`` makes a folder 0700 (its missing parents get the
  usual mode) and tightens an existing one of ours to 0700; a folder that
  belongs to another user is refused (``PrivateError``), never written into.
* ``private_file(path)`` tightens an existing file of ours to 0600.
* ``open_private(path)`` opens a file for appending, created 0600 (never
  following a symbolic link at ``path``) and tightened if it was not.
* ``write_atomic(path, data)`` writes a whole file the safe way: a
  temporary file in the same folder, fsync, rename over ``path`` (or, with
  ``exclusive=True``, a hard link that fails if ``path`` exists), fsync of
  the folder; with ``verify=True`` the file is read back and compared.
  A reader sees the old file or the new one, never half of one.

Only the standard library: every layer may use it. See docs/security.md.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


class PrivateError(OSError):
    """A file or folder that cannot be made private (one line)."""


def _owned(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid()


def private_dir(path: Path | str) -> Path:
    """``path`` as a folder only this user can enter; created if missing."""
    path = Path(path)
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        info = path.stat()
    except OSError as exc:
        raise PrivateError(f"cannot make folder {path}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise PrivateError(f"{path} is not a folder")
    if not _owned(info):
        raise PrivateError(f"{path} belongs to another user (uid {info.st_uid}); not writing there")
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
        except OSError as exc:
            raise PrivateError(f"cannot make {path} private: {exc.strerror or exc}") from None
    return path


def private_file(path: Path | str) -> Path:
    """Tighten an existing file of ours to 0600 (a missing one is fine)."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISREG(info.st_mode) and _owned(info) and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
    return path


def open_private(path: Path | str, flags: int = os.O_WRONLY | os.O_APPEND) -> int:
    """A file descriptor on ``path``, created 0600; an existing file is
    tightened; a symbolic link at ``path`` is refused (ELOOP)."""
    fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    try:
        info = os.fstat(fd)
        if stat.S_IMODE(info.st_mode) & 0o077 and _owned(info):
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:
        os.close(fd)
        raise
    return fd


def write_atomic(path: Path | str, data: bytes, *, mode: int = FILE_MODE, exclusive: bool = False,
                 verify: bool = False) -> Path:
    """Write ``data`` as the whole of ``path`` atomically (see the module
    docstring). ``exclusive``: fail with FileExistsError rather than
    replace an existing file. ``verify``: read the file back and raise
    OSError if it is not ``data``. Raises OSError (the temporary file is
    removed) when it cannot be done."""
    path = Path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        try:
            os.fchmod(fd, mode)  # whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            try:
                os.link(tmp, path)  # EEXIST rather than replace
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                if os.path.lexists(path):  # a file system without hard links
                    raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
                os.rename(tmp, path)
            else:
                os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)
    if verify:
        with open(path, "rb") as fh:
            back = fh.read(len(data) + 1)
        if back != data:
            raise OSError(f"{path}: the copy read back is not what was written "
                          f"({len(back)} of {len(data)} bytes)")
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
