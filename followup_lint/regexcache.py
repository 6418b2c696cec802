"""Compiled regular expressions kept from one process to the next.

A cold check compiles about 250 regular expressions (spaCy's tokenizer
prefix, suffix and infix patterns, its tokenizer exceptions, our kinds and
date tables, the libraries' own): about 0.12 s of a 1.2 s command, all of it
Python's ``re`` parser and code generator, the same work every time.
``install()`` wraps ``re._compiler.compile`` (what ``re.compile`` calls when
its own in-process cache misses) so that a pattern compiled once is made
again from its kept SRE code: ``_sre.compile`` with the very arguments
Python's compiler gave it. The result is the same Pattern object (``==``
compares flags and code): on a miss the wrapper compiles as Python does,
works the arguments out as ``re._compiler.compile`` does and keeps them
only when the Pattern they make equals Python's own (so another Python's
internals mean nothing is kept, never a wrong pattern).

The table is a marshal file in the cache directory, one per Python build
(Python's exact version, the SRE magic number and code size, marshal's
version in its name),
written atomically by ``save()`` when a process compiled patterns it did
not have (at most ``LIMIT`` patterns; past that, only those this process
used are kept). Only the command line installs it (``followup_lint.launch``
and the warm daemon); the Python API and tests compile as Python does.
Standard library only.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from time import perf_counter

LIMIT = 4096  # patterns kept in the file
LONGEST = 200_000  # characters of a pattern worth keeping
WORTH = 0.005  # seconds of compiling this process did that the table would save: below, not written

_state: dict = {}
# True in the followup-lint command (set by followup_lint.launch): other
# tables kept across processes use it too (followup_lint.matching.KEEP)
COMMAND_LINE = False


def _file() -> str | None:
    try:
        import _sre

        from followup_lint.dirs import cache_dir

        build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-sre{_sre.MAGIC}-{_sre.CODESIZE}-m{marshal.version}"
        return os.path.join(os.fspath(cache_dir()), f"regex-{build}.marshal")
    except (ImportError, AttributeError, OSError, ValueError):
        return None


def _arguments(pattern, flags: int):
    """What ``re._compiler.compile(pattern, flags)`` hands ``_sre.compile``
    after the pattern: (flags, code, groups, groupindex, indexgroup), the
    code as the bytes of an unsigned int array (marshal reads one bytes
    object much faster than a list of 75,000 ints)."""
    from re import _compiler, _parser

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | p.state.flags), array("I", code).tobytes(), int(p.state.groups - 1), groupindex,
            tuple(indexgroup))


def read_table(path: str) -> dict:
    """The dict kept in the marshal file ``path``; empty when it is missing,
    damaged or not a dict (the kept tables of this module and
    :mod:`followup_lint.matching`)."""
    try:
        with open(path, "rb") as fh:
            table = marshal.loads(fh.read())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def write_table(path: str, table: dict) -> bool:
    """Write ``table`` to the marshal file ``path`` atomically, its folder
    private; False when it cannot be (a read-only cache directory)."""
    try:
        data = marshal.dumps(table)
        from followup_lint.private import private_dir, write_atomic

        private_dir(os.path.dirname(path))
        write_atomic(path, data)
    except (OSError, ValueError):
        return False
    return True


def install() -> bool:
    """Wrap ``re._compiler.compile`` with the kept table (once per
    process). False when it cannot be (no cache directory, another
    Python's ``re``)."""
    if _state:
        return _state.get("on", False)
    try:
        import _sre
        from re import _compiler
    except ImportError:
        _state["on"] = False
        return False
    path = _file()
    original = getattr(_compiler, "compile", None)
    if path is None or original is None or not hasattr(_sre, "compile") or array("I").itemsize != _sre.CODESIZE:
        _state["on"] = False
        return False
    kept = read_table(path)
    new: dict = {}
    used: set = set()
    debug = _compiler.SRE_FLAG_DEBUG
    make = _sre.compile

    def compile(p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & debug:
            return original(p, flags)
        key = (p, int(flags))
        args = kept.get(key)
        if args is not None:
            try:
                flags_, code, groups, groupindex, indexgroup = args
                pattern = make(p, flags_, array("I", code).tolist(), groups, groupindex, indexgroup)
            except (TypeError, ValueError, RuntimeError, OverflowError):
                kept.pop(key, None)  # a damaged entry: compiled as Python does
            else:
                used.add(key)
                return pattern
        start = perf_counter()
        pattern = original(p, flags)
        _state["missed"] += perf_counter() - start
        if len(p) <= LONGEST and len(new) < LIMIT:
            try:
                args = _arguments(p, flags)
                if make(p, args[0], array("I", args[1]).tolist(), *args[2:]) == pattern:
                    new[key] = args
            except Exception:  # noqa: BLE001 - another Python's internals: nothing kept
                pass
        return pattern

    _compiler.compile = compile
    _state.update(on=True, path=path, kept=kept, new=new, used=used, original=original, missed=0.0)
    return True


def uninstall() -> None:
    """Put Python's own ``re._compiler.compile`` back (tests)."""
    if _state.get("on"):
        from re import _compiler

        _compiler.compile = _state["original"]
    _state.clear()


def save() -> None:
    """Write the table when this process compiled patterns it did not
    have, worth at least ``WORTH`` seconds (a few libraries build small
    patterns from sets, whose order changes from one process to the next:
    those alone are not worth a write each time)."""
    if not _state.get("on") or not _state["new"] or _state["missed"] < WORTH:
        return
    kept, new, used = _state["kept"], _state["new"], _state["used"]
    table = {**kept, **new}
    if len(table) > LIMIT:
        table = {**{k: kept[k] for k in used if k in kept}, **new}
    if not write_table(_state["path"], table):
        return  # a read-only cache directory: compiled again next time
    kept.update(new)
    new.clear()
    _state["missed"] = 0.0
