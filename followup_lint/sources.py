"""What a batch checks: files, folders, Maildir folders, mbox files, lists.

:func:`expand` turns the command line's paths into :class:`Item` s, one per
draft, sorted by path:

* a **file** is one draft (``.eml``, ``.md``, anything else read as text or
  email by its content), unless it is an **mbox** file (a ``.mbox``/``.mbx``
  name, or a first line that is an mbox ``From`` line): then each of its
  messages is one draft, reported as ``file.mbox:N`` (N counts from 1, in
  file order). Line numbers of a message's findings are lines **of the mbox
  file**, so an editor opened on ``file.mbox`` at that line shows the passage;
* a **folder** is searched recursively for files matching the include globs
  (default ``*.txt``, ``*.md``, ``*.eml``) plus mbox files (``*.mbox``,
  ``*.mbx``, and files without an extension that start with a ``From`` line),
  minus the exclude globs; hidden files and folders are left out;
* a **Maildir** folder (one with ``cur/`` and ``new/``) is read with the
  standard :mod:`mailbox` module: each message in ``cur/`` and ``new/`` is one
  draft, as are those of its Maildir++ subfolders (``.Drafts``, ...);
* ``--files-from`` names a file listing paths, one a line.

Nothing here is fatal: a path that does not exist, an unreadable folder and a
file that is not a draft become an :class:`Item` carrying the error (reported
as one line, exit code 2 for that item), and a symlink loop is skipped with a
notice. Input files are only ever read.
"""

from __future__ import annotations

import errno
import fnmatch
import mailbox
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from followup_lint.errors import InputError

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.eml")
MBOX_SUFFIXES = (".mbox", ".mbx")
_FROM_LINE = re.compile(rb"From \S+\s+[A-Z][a-z]{2} [A-Z][a-z]{2}\s+\d{1,2} \d{1,2}:\d{2}")


@dataclass(frozen=True)
class Item:
    """One draft to check (or one thing that could not be listed)."""

    path: str  # what reports show: the file, or "file.mbox:N"
    file: str  # the file the draft is in (config discovery, SARIF, github)
    kind: str | None = None  # parse_bytes hint: "eml", "markdown" or None (by content)
    message: int | None = None  # mbox message number, from 1
    first_line: int = 1  # line of ``file`` where this draft's text starts
    error: str | None = None  # could not be listed or read: one line
    raw: bytes | None = field(default=None, repr=False, compare=False)  # mbox message bytes

    def sort_key(self) -> tuple:
        return (self.file, self.message or 0)

    def read(self, limit: int | None = None) -> bytes:
        """The draft's bytes (raises InputError with a one-line message);
        a draft of more than ``limit`` bytes is refused."""
        if self.raw is not None:
            if limit is not None and len(self.raw) > limit:
                raise InputError(too_large(self.path, len(self.raw), limit))
            return self.raw
        if self.error:
            raise InputError(self.error)
        try:
            return read_file(self.file, limit)
        except InputError:
            if self.kind != "eml":
                raise
            # a mail program may move it again between our look and our read
            # (flags change while the run goes on): look again, a few times
            for attempt in range(MOVED_TRIES):
                moved = moved_maildir_message(self.file)
                if moved is None:
                    raise
                try:
                    return read_file(moved, limit)
                except InputError:
                    if attempt == MOVED_TRIES - 1:
                        raise
            raise


MOVED_TRIES = 50  # looks for a Maildir message that keeps moving while it is read


def moved_maildir_message(path: str, tries: int = 1) -> str | None:
    """Where a Maildir message listed as ``path`` is now, if a mail program
    moved it meanwhile (``new/`` to ``cur/``, or new flags after the ``:``):
    looked for by its unique name in ``cur/`` and ``new/``, as Maildir
    readers do. None when it is gone or ``path`` is not in a Maildir."""
    p = Path(path)
    folder = p.parent.parent
    if p.parent.name not in ("new", "cur") or not is_maildir(folder):
        return None
    unique = p.name.split(":")[0].split("!")[0]
    for _ in range(tries):  # a listing taken while names change may miss one: look again
        for sub in ("cur", "new"):
            try:
                names = os.listdir(folder / sub)
            except OSError:
                continue
            for name in names:
                if name == unique or name.startswith((unique + ":", unique + "!")):
                    return str(folder / sub / name)
    return None


@dataclass(frozen=True)
class Expansion:
    items: tuple[Item, ...]
    notices: tuple[str, ...]  # skipped things that are not errors (symlink loops, empty mailboxes)


def kind_for(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return "eml" if suffix == ".eml" else "markdown" if suffix in (".md", ".markdown") else None


def too_large(path: str, size: int | None, limit: int) -> str:
    """The one-line refusal; ``size`` None: more than ``limit`` (a stream)."""
    from followup_lint.config import format_size

    shown = format_size(size) if size is not None else f"more than {format_size(limit)}"
    return f"{path}: too large for a draft ({shown}; the limit is {format_size(limit)}, set by max-file-size)"


def read_file(path: str, limit: int | None = None) -> bytes:
    """A file's bytes; more than ``limit`` bytes are refused before they
    are read (raises InputError with a one-line message)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory (give draft files)")
        if limit is None:
            return p.read_bytes()
        with open(p, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise InputError(too_large(path, size, limit))
            data = fh.read(limit + 1)  # a file that grows meanwhile is still bounded
        if len(data) > limit:
            raise InputError(too_large(path, None, limit))
        return data
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{path}: broken symbolic link") from None
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def expand(paths: Iterable[str], include: Iterable[str] | None = None, exclude: Iterable[str] = (),
           files_from: Iterable[str] = ()) -> Expansion:
    """Every draft named by ``paths`` (and by the lines of the ``files_from``
    lists), sorted by path, each once."""
    walker = _Walker(tuple(include) if include else DEFAULT_INCLUDE, tuple(exclude))
    for path in list(paths) + list(files_from):
        walker.add(path)
    seen: dict[str, Item] = {}
    for item in walker.items:
        seen.setdefault(item.path, item)
    items = sorted(seen.values(), key=Item.sort_key)
    return Expansion(tuple(items), tuple(walker.notices))


def read_list(list_path: str) -> list[str]:
    """The paths listed in ``list_path`` (``-``: standard input), one a line;
    blank lines and lines starting with ``#`` are ignored. Raises OSError."""
    if list_path == "-":
        import sys

        text = sys.stdin.read()
    else:
        text = Path(list_path).read_text("utf-8", errors="surrogateescape")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def is_maildir(path: Path) -> bool:
    try:
        return (path / "cur").is_dir() and (path / "new").is_dir()
    except OSError:  # a folder that cannot be searched (EACCES is not swallowed by is_dir)
        return False


def looks_like_mbox(path: Path, explicit: bool = False) -> bool:
    """An mbox by name, or (for names without a draft extension) by its
    first line."""
    suffix = path.suffix.lower()
    if suffix in MBOX_SUFFIXES:
        return True
    if suffix in (".eml", ".txt", ".md", ".markdown") or (suffix and not explicit):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    return bool(_FROM_LINE.match(head))


def mbox_messages(path: str, data: bytes) -> list[Item]:
    """One Item per message of an mbox file's ``data``.

    A message starts at a line beginning ``From `` (at the start of the file
    or after a newline), as in the standard library's ``mailbox.mbox``; its
    text is the bytes after that line up to the blank line before the next
    one, as stored, so positions in it are positions in the file
    (``>From`` quoting is undone by turning the ``>`` into a space, which
    keeps every column).
    """
    starts = [0] if data.startswith(b"From ") else []
    starts += [m.start() + 1 for m in re.finditer(rb"\nFrom ", data)]
    items = []
    for n, start in enumerate(starts, 1):
        stop = starts[n] if n < len(starts) else len(data)
        nl = data.find(b"\n", start, stop)
        body_start = stop if nl < 0 else nl + 1
        end = stop
        # the separator blank line before the next From line is not the message's
        if n < len(starts):
            if data[body_start:end].endswith(b"\r\n\r\n"):
                end -= 2
            elif data[body_start:end].endswith(b"\n\n"):
                end -= 1
        # mbox quoting: a body line "From ..." is stored as ">From ...". Undo
        # it without moving anything: ">" becomes a space, so the line is not
        # taken for a quoted reply and every column stays the file's.
        raw = re.sub(rb"(?m)^>(>*From )", rb" \1", data[body_start:end])
        first_line = data.count(b"\n", 0, body_start) + 1
        items.append(Item(f"{path}:{n}", path, "eml", message=n, first_line=first_line, raw=raw))
    return items


def _dangling(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a missing target."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


class _Walker:
    def __init__(self, include: tuple[str, ...], exclude: tuple[str, ...]):
        self.include = include
        self.exclude = exclude
        self.items: list[Item] = []
        self.notices: list[str] = []
        self._visited: set[tuple[int, int]] = set()

    # -- entry points -----------------------------------------------------
    def add(self, path: str) -> None:
        if path == "-":
            self.items.append(Item("-", "-"))
            return
        p = Path(path)
        try:
            if p.is_dir():
                self._walk_root(p)
                return
        except OSError as exc:
            self.items.append(Item(path, path, error=f"{path}: cannot read ({exc.strerror or exc})"))
            return
        if p.is_file() and looks_like_mbox(p, explicit=True):
            self._mbox(path)
            return
        self.items.append(Item(path, path, kind_for(path)))

    # -- folders ----------------------------------------------------------
    def _walk_root(self, root: Path) -> None:
        self._walk(root, root, ())

    def _walk(self, root: Path, folder: Path, ancestors: tuple[tuple[int, int], ...]) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            self.items.append(Item(str(folder), str(folder), error=f"{folder}: cannot read ({exc.strerror or exc})"))
            return
        ident = (st.st_dev, st.st_ino)
        if ident in ancestors:
            self.notices.append(f"{folder}: symbolic link loop, skipped")
            return
        if ident in self._visited:
            return  # the same folder through another link: already listed
        self._visited.add(ident)
        ancestors = ancestors + (ident,)
        if is_maildir(folder):
            self._maildir(folder)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.items.append(Item(str(folder), str(folder),
                                   error=f"{folder}: cannot list folder ({exc.strerror or exc})"))
            return
        maildir = is_maildir(folder)
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            if self._excluded(entry.name, rel):
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                if maildir and entry.name in ("cur", "new", "tmp"):
                    continue
                if entry.name.startswith(".") and not is_maildir(path):
                    continue
                self._walk(root, path, ancestors)
                continue
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not path.exists():
                if self._included(entry.name, rel):
                    self.items.append(Item(str(path), str(path), error=f"{path}: {_dangling(path)}"))
                continue
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            if not regular:  # a FIFO or a device in a folder is never read: it could block
                if self._included(entry.name, rel):
                    self.notices.append(f"{path}: not a regular file, skipped")
                continue
            if looks_like_mbox(path):
                self._mbox(str(path))
            elif self._included(entry.name, rel):
                self.items.append(Item(str(path), str(path), kind_for(str(path))))

    def _excluded(self, name: str, rel: str) -> bool:
        return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in self.exclude)

    def _included(self, name: str, rel: str) -> bool:
        return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in self.include)

    # -- mailboxes --------------------------------------------------------
    def _maildir(self, folder: Path) -> None:
        try:
            box = mailbox.Maildir(str(folder), factory=None, create=False)
            keys = list(box.keys())
        except OSError as exc:
            self.items.append(Item(str(folder), str(folder), error=f"{folder}: cannot read Maildir ({exc.strerror or exc})"))
            return
        # the module names a message by its file name up to the info part
        # (":2,S"); report the file itself, which is what users open
        files: dict[str, str] = {}
        # new/ before cur/ (a message moving on between the two is seen in
        # one of them), twice: a directory read while a mail program renames
        # in it may miss a name, so the messages are the union of the reads
        for _ in range(2):
            for sub in ("new", "cur"):
                try:
                    names = os.listdir(folder / sub)
                except OSError:
                    continue
                for name in names:
                    if not name.startswith("."):
                        files.setdefault(name.split(box.colon)[0], str(folder / sub / name))
        keys = set(keys) | set(files)
        for key in sorted(keys):
            path = files.get(key) or moved_maildir_message(str(folder / "cur" / key), MOVED_TRIES)
            if path is None:
                continue  # gone since listed
            if not self._excluded(os.path.basename(path), path):
                self.items.append(Item(path, path, "eml"))

    def _mbox(self, path: str) -> None:
        try:
            data = read_file(path)
        except InputError as exc:
            self.items.append(Item(path, path, error=str(exc)))
            return
        if not data.strip():
            self.notices.append(f"{path}: empty mailbox, no messages")
            return
        if not data.startswith(b"From "):
            self.items.append(Item(path, path, error=f"{path}: not an mbox file (it does not start with a \"From \" line)"))
            return
        self.items.extend(mbox_messages(path, data))


def read_path(path: str, max_size: int | None = None):
    """One draft (a Draft) from a file, or standard input for ``-``; more than
    ``max_size`` bytes are refused before they are read."""
    from followup_lint.draft import parse_bytes

    if path == "-":
        import sys

        raw = sys.stdin.buffer.read() if max_size is None else sys.stdin.buffer.read(max_size + 1)
        if max_size is not None and len(raw) > max_size:
            raise InputError(too_large("<stdin>", None, max_size))
        return parse_bytes(raw, "<stdin>", kind=None)
    raw = read_file(path, max_size)
    return parse_bytes(raw, path, kind=kind_for(path))
