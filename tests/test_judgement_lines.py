"""Every line quoted in issue 15 gets the right result: flagged by the right
rule at the right place, or clean (fixtures/judgement/issue15.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_text

TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "judgement" / "issue15.tsv"


def _rows():
    for line in TABLE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        text = parts[0].replace("\\n", "\n")
        yield pytest.param(text, parts[1], parts[2] if len(parts) > 2 else "", id=parts[0][:50])


def _draft(text: str) -> str:
    return text if "\n" in text else f"Hi Dana,\n\n{text}\n\nBest,\nSam\n"


@pytest.mark.parametrize("text,want,excerpt", list(_rows()))
def test_quoted_line(linter, text, want, excerpt):
    draft = _draft(text)
    code = want.split(":", 1)[1] if want.startswith("clean:") else want
    result = lint_text(linter, draft, select=(code[0],))
    assert result.error is None
    mine = [f for f in result.findings if f.code == code]
    if want.startswith("clean:"):
        assert mine == [], f"{code} fired on a line that must stay clean: {[f.excerpt for f in mine]}"
        return
    excerpts = excerpt.split(" | ")  # several findings: their excerpts in order
    assert [f.excerpt for f in mine] == excerpts
    for f, ex in zip(mine, excerpts):
        at = draft.index(ex)
        line_start = draft.rfind("\n", 0, at) + 1
        assert (f.line, f.column) == (draft[:at].count("\n") + 1, at - line_start + 1)


def test_table_is_not_empty():
    assert len(list(_rows())) >= 9
