"""Kept compiled regular expressions (followup_lint.regexcache) are the very
patterns Python compiles: spaCy's tokenizer patterns, our tables', edge
cases; a damaged table costs a compile, never a wrong pattern."""

from __future__ import annotations

import glob
import marshal
import os
import re
import subprocess
import sys
from re import _compiler

import pytest

from conftest import ROOT
from followup_lint import regexcache

EDGES = [
    (r"(?P<word>\w+)\s+(?P=word)", 0), (r"[^\W\d_]+(?:'[a-z]+)?", re.I), (rb"\x00[\x80-\xff]+", 0),
    (r"(?x) a  b  # comment", 0), (r"^\s*$", re.M | re.S), (r"(?<=\d)(?=(?:\d{3})+$)", 0),
    (r"\b(?:" + "|".join(f"w{i}" for i in range(400)) + r")\b", re.U), ("", 0), (r"(a)|(b)(?P<c>c)?", 0),
]


def _patterns():
    from followup_lint.analysis import load_pipeline
    from followup_lint.kinds import _compiled

    tok = load_pipeline().tokenizer
    found = [(p.pattern, p.flags & ~re.U if isinstance(p.pattern, str) else p.flags)
             for p in (tok.prefix_search.__self__, tok.suffix_search.__self__, tok.infix_finditer.__self__)]
    found += [(cue[3].pattern, cue[3].flags & ~re.U) for cue in _compiled()]
    return found + EDGES


@pytest.fixture
def table(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "WORTH", 0.0)
    regexcache.uninstall()
    python_s = _compiler.compile
    yield tmp_path, python_s
    regexcache.uninstall()
    assert _compiler.compile is python_s


def test_kept_patterns_equal_python_s(table):
    folder, python_s = table
    patterns = _patterns()
    assert len(patterns) > 15
    assert regexcache.install()
    first = [_compiler.compile(p, f) for p, f in patterns]  # misses: compiled by Python, kept
    regexcache.save()
    assert glob.glob(str(folder / "regex-*.marshal"))
    regexcache.uninstall()
    assert regexcache.install()
    again = [_compiler.compile(p, f) for p, f in patterns]  # made from the kept code
    assert regexcache._state["used"] == {(p, int(f)) for p, f in patterns}
    for (p, f), a, b in zip(patterns, first, again):
        own = python_s(p, f)
        assert a == own and b == own, p[:60]
        assert (b.flags, b.groups, b.groupindex) == (own.flags, own.groups, own.groupindex)
    text = "The U.S. (e.g. co-op) isn't 'ok'... x1,000,000 a a w7 w400 ab"
    for (p, f), b in zip(patterns, again):
        if isinstance(p, str):
            own = python_s(p, f)
            assert [m.span() for m in b.finditer(text)] == [m.span() for m in own.finditer(text)]


def test_a_damaged_table_is_compiled_as_python_does(table):
    folder, python_s = table
    assert regexcache.install()
    _compiler.compile(r"(\d+)-(\d+)", 0)
    regexcache.save()
    path = glob.glob(str(folder / "regex-*.marshal"))[0]
    kept = marshal.loads(open(path, "rb").read())
    key = (r"(\d+)-(\d+)", 0)
    flags, code, groups, gi, ig = kept[key]
    kept[key] = (flags, code[: len(code) // 2], groups, gi, ig)  # half of the code: invalid
    with open(path, "wb") as fh:
        fh.write(marshal.dumps(kept))
    regexcache.uninstall()
    assert regexcache.install()
    assert _compiler.compile(r"(\d+)-(\d+)", 0) == python_s(r"(\d+)-(\d+)", 0)
    regexcache.uninstall()
    with open(path, "wb") as fh:
        fh.write(b"not marshal")
    assert regexcache.install()
    assert _compiler.compile(r"x(y)", 0) == python_s(r"x(y)", 0)


def test_the_command_keeps_them_and_finds_the_same(tmp_path):
    """Two cold checks: the first keeps the patterns, the second is made
    from them; same output."""
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(tmp_path), FOLLOWUP_LINT_WARM="0")
    draft = ROOT / "fixtures" / "drafts" / "03-reply-to-rejection-hostile.txt"
    cmd = [sys.executable, "-m", "followup_lint", "check", "--no-grammar", "--no-cache", "--format", "json", str(draft)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True)
    kept = glob.glob(str(tmp_path / "regex-*.marshal"))
    assert kept, first.stderr
    table = marshal.loads(open(kept[0], "rb").read())
    assert len(table) > 100
    stamp = os.stat(kept[0]).st_mtime_ns
    second = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and '"code": "H' in first.stdout
    assert os.stat(kept[0]).st_mtime_ns == stamp  # nothing new worth keeping: not written again
