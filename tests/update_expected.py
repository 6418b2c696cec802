"""Rewrite fixtures/rules/CODE.expected from what the rules find now.

    make fixtures                            # every rule
    .venv/bin/python tests/update_expected.py W206 L201   # some rules

Like a snapshot tool's "update" mode: each rule's bad fixture
(fixtures/rules/CODE.bad.*) is linted with only that rule selected (grammar
on, as the test does) and CODE.expected is rewritten when it differs. Nothing
is committed: review the change with `git diff fixtures/rules` and keep only
what you meant. tests/test_rule_fixtures.py compares with the same rendering.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules"


def rendered(result) -> list[str]:
    """One line per finding: ``L:C-EL:EC CODE 'excerpt'`` (the .expected format)."""
    return [f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} {f.excerpt!r}" for f in result.findings]


def main(codes: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from followup_lint.config import Settings
    from followup_lint.engine import Linter
    from followup_lint.rules import all_rules
    from followup_lint.sources import read_path

    changed = 0
    with Linter() as linter:
        for r in all_rules():
            if codes and r.code not in codes:
                continue
            bad = sorted(FIXTURES.glob(f"{r.code}.bad.*"))
            if len(bad) != 1:
                print(f"{r.code}: expected one fixtures/rules/{r.code}.bad.* file, found {len(bad)}")
                continue
            result = linter.lint_drafts([(read_path(str(bad[0])), Settings(select=(r.code,)))])[0]
            text = "".join(line + "\n" for line in rendered(result))
            expected = FIXTURES / f"{r.code}.expected"
            if not expected.exists() or expected.read_text("utf-8") != text:
                expected.write_text(text, "utf-8")
                changed += 1
                print(f"updated {expected.relative_to(ROOT)}")
    print(f"{changed} file(s) rewritten; review with: git diff fixtures/rules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
