"""Hidden false positives: ``[[hide]]`` entries of the config.

An email cannot carry an inline ``noqa`` (the reader would see it), so a
finding the user means to keep is hidden from the config, the way LTeX's
``hiddenFalsePositives`` does it: a rule (code or name) and a regular
expression searched in the sentence that holds the finding, optionally only
in files matching some globs::

    [[hide]]
    rule = "P101"
    sentence = "panel interview, as you suggested"
    files = ["notes/*.txt"]

A finding is hidden when its rule is the entry's and the pattern is found
(``re.search``, case-sensitive unless the pattern says ``(?i)``) in its
sentence. Hidden findings do not count for the exit code;
``check --show-hidden`` lists them. This module needs no spaCy: the sentence
comes from the doc the engine already has.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Hide:
    rule: str  # a rule code
    sentence: re.Pattern
    files: tuple[str, ...] = ()

    def key(self) -> list:
        return [self.rule, self.sentence.pattern, list(self.files)]


def path_matches(path: str, globs, root: str | None) -> bool:
    """Does ``path`` match one of ``globs``? A glob with a ``/`` is matched
    against the path relative to ``root`` (the config file's folder), one
    without against the file name too (as ruff's per-file-ignores do)."""
    if path in ("-", "<stdin>"):
        return False
    p = PurePath(path)
    rel = p.as_posix()
    if root is not None:
        try:
            rel = PurePath(_absolute(path)).relative_to(root).as_posix()
        except ValueError:
            pass
    for g in globs:
        if fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(p.as_posix(), g):
            return True
        if "/" not in g and fnmatch.fnmatchcase(p.name, g):
            return True
    return False


def _absolute(path: str) -> str:
    import os

    # an mbox message is reported as FILE.mbox:N: globs see the mbox file
    return os.path.abspath(path)


def analysed_offset(draft, line: int, column: int) -> int | None:
    """The offset in ``draft.text`` of the file position (line, column), or
    None when that position is not in the judged text (a header, the
    signature)."""
    lines = getattr(draft.lines, "inner", draft.lines)
    first = getattr(draft.lines, "first_line", 1)
    idx = line - first
    starts_of_lines = getattr(lines, "line_starts", None)
    if starts_of_lines is None or not 0 <= idx < len(starts_of_lines):
        return None
    src = starts_of_lines[idx] + column - 1
    text = draft.text
    for i, (s, e) in enumerate(zip(text.starts, text.ends)):
        if s <= src < e or (s == e == src):
            return i
    return None


def sentence_of(draft, doc, finding) -> str:
    """The sentence that holds ``finding``: a sentence of the parsed text, or
    the file's line when the finding is outside the judged text."""
    at = analysed_offset(draft, finding.line, finding.column)
    if at is not None and doc is not None:
        for sent in doc.sents:
            if sent.start_char <= at < sent.end_char:
                return sent.text
    try:
        return draft.lines.line_text(finding.line)
    except (IndexError, AttributeError):
        return finding.excerpt


def split(findings, hides, draft, doc) -> tuple[tuple, tuple]:
    """(shown, hidden) findings."""
    if not hides:
        return tuple(findings), ()
    shown, hidden = [], []
    for f in findings:
        mine = [h for h in hides if h.rule == f.code]
        if mine:
            sentence = sentence_of(draft, doc, f)
            if any(h.sentence.search(sentence) for h in mine):
                hidden.append(f)
                continue
        shown.append(f)
    return tuple(shown), tuple(hidden)
