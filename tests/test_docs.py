"""The documentation that is generated stays in step with the code."""

from __future__ import annotations

from conftest import ROOT
from followup_lint.output.rulesdoc import render_markdown
from followup_lint.rules import all_rules


def test_rules_md_is_up_to_date():
    expected = render_markdown(all_rules())
    actual = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert actual == expected, "docs/rules.md is stale: run `make docs`"


def test_every_rule_is_in_the_readme_families():
    readme = (ROOT / "README.md").read_text("utf-8")
    for prefix in sorted({r.code[0] for r in all_rules()}):
        assert f"`{prefix}`" in readme, f"README does not name the {prefix} family"
