"""The Python API: its documented examples run, and it agrees with the CLI."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES, ROOT, run_cli

EXAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(), re.S)


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_documented_examples_run(code, monkeypatch):
    monkeypatch.chdir(ROOT)
    exec(compile(code, "docs/api.md", "exec"), {})


def test_api_and_cli_json_are_the_same():
    from followup_lint.api import Checker, report

    paths = sorted(str(p.relative_to(ROOT)) for p in (FIXTURES / "drafts").iterdir())
    with Checker(grammar=False) as checker:
        api = report(checker.check_many(paths))
    proc = run_cli("check", "--format", "json", "--no-grammar", *paths)
    cli = json.loads(proc.stdout)
    assert api["files"] == cli["files"]
    assert api["summary"] == cli["summary"]


def test_unknown_setting_is_a_type_error():
    from followup_lint.api import Checker

    with pytest.raises(TypeError, match="unknown setting"):
        Checker(selekt=["G"])


def test_max_file_size_applies_to_the_api(tmp_path):
    from followup_lint.api import Checker

    big = tmp_path / "big.txt"
    big.write_text("Hi Dana,\n\n" + "word " * 3000)
    with Checker(grammar=False, max_file_size=1000) as checker:
        assert checker.check_file(big).error == (
            f"{big}: too large for a draft (15.0 kB; the limit is 1.0 kB, set by max-file-size)")
