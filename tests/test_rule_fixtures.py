"""Every rule has docs in one shape, a positive and a negative fixture, and a
reviewed expected output (exact codes and positions).

fixtures/rules/CODE.bad.EXT       must produce exactly CODE.expected
fixtures/rules/CODE.good.EXT      must produce no finding of CODE
fixtures/rules/CODE.expected      one line per finding: L:C-EL:EC CODE excerpt

`make fixtures` (tests/update_expected.py) rewrites the .expected files for review.
"""

from __future__ import annotations

import pytest

from conftest import RULE_FIXTURES, file_text_at, lint
from update_expected import rendered
from followup_lint.registry import DOC_SECTIONS
from followup_lint.rules import all_rules

RULES = all_rules()
CODES = [r.code for r in RULES]


def _one(code: str, kind: str):
    found = sorted(p for p in RULE_FIXTURES.glob(f"{code}.{kind}.*"))
    assert len(found) == 1, f"{code}: expected one fixtures/rules/{code}.{kind}.* file, found {len(found)}"
    return found[0]


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_has_docs_in_one_shape(rule):
    assert rule.summary, f"{rule.code} has no summary line"
    sections = rule.sections()
    for title in DOC_SECTIONS:
        assert sections.get(title, "").strip(), f"{rule.code}: docs lack '{title}'"


@pytest.mark.parametrize("code", CODES)
def test_bad_fixture_gives_expected_findings(linter, code):
    bad = _one(code, "bad")
    expected_file = RULE_FIXTURES / f"{code}.expected"
    assert expected_file.exists(), f"{code}: no {expected_file.name}"
    expected = [ln for ln in expected_file.read_text("utf-8").splitlines() if ln.strip()]
    result = lint(linter, bad, select=(code,))
    assert result.error is None
    assert rendered(result) == expected
    assert expected, f"{code}: the bad fixture must produce at least one finding"
    source = bad.read_bytes().decode("utf-8", "surrogateescape")
    for f in result.findings:
        assert f.code == code
        assert file_text_at(source, f.line, f.column, f.end_line, f.end_column) == f.excerpt


@pytest.mark.parametrize("code", CODES)
def test_good_fixture_is_clean(linter, code):
    good = _one(code, "good")
    result = lint(linter, good, select=(code,))
    assert result.error is None
    assert [f for f in result.findings if f.code == code] == []


def test_no_orphan_fixtures():
    names = {p.name.split(".")[0] for p in RULE_FIXTURES.iterdir()}
    assert names <= set(CODES), f"fixtures for unknown rules: {sorted(names - set(CODES))}"
