"""The layout contract of the rules: one module (or package) per code letter,
each rule declaring the data files it reads, options in kebab-case.

These tests fail when a data file is orphaned or claimed twice, when a rule
declares a file that does not exist, or when a rule sits in another family's
module."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import OWN_TESTS, declared_lists
from followup_lint import registry
from followup_lint.registry import Option, REGISTRY, rule
from followup_lint.rules import all_rules, family_module, family_modules

RULES = all_rules()
DATA_DIR = registry.PACKAGE_DIR / "data"
DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.txt"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_belongs_to_exactly_one_rule(name):
    owners = [r.code for r in RULES if name in r.data]
    assert len(owners) == 1, f"{name} is declared by {owners or 'no rule'} (give it to one rule's data=[...])"


@pytest.mark.parametrize("r", [r for r in RULES if r.data], ids=lambda r: r.code)
def test_every_declared_data_file_exists(r):
    for path in r.data_paths():
        assert path.is_file(), f"{r.code} declares {path.name}, which is not in followup_lint/data/"


ROOT = registry.PACKAGE_DIR.parent


def _family_tests() -> dict[str, str]:
    """Code letter -> the test file whose "each entry matches its example"
    runs over ``declared_lists(letter)``."""
    out = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        text = path.read_text("utf-8")
        if "def test_each_entry_matches_its_example" in text:
            for letter in re.findall(r'declared_lists\("([A-Z])"\)', text):
                out[letter] = path.name
    return out


@pytest.mark.parametrize("name", sorted({d for r in RULES for d in r.data}))
def test_every_declared_list_is_run_through_an_example_check(name):
    """A list in OWN_TESTS is checked by the test named there, which names
    the list through its rule (``rule_list("CODE")``), not by file name;
    every other list through its family's "each entry matches its example"."""
    (owner,) = [r.code for r in RULES if name in r.data]
    if name in OWN_TESTS:
        code, test = OWN_TESTS[name]
        assert code == owner, f"OWN_TESTS says {name} is {code}'s; the rule declaring it is {owner}"
        path, func = test.split("::")
        text = (ROOT / path).read_text("utf-8")
        m = re.search(rf"^def {func}\(.*?(?=^\S)", text + "\nEND", re.S | re.M)
        assert m, f"{test} (OWN_TESTS[{name!r}]) does not exist"
        assert f'rule_list("{code}")' in text, f"{path} does not take {name} from rule_list({code!r})"
    else:
        assert owner[0] in _family_tests(), \
            f"{name} ({owner}): no test_each_entry_matches_its_example over declared_lists({owner[0]!r})"
        assert name.removesuffix(".txt") in declared_lists(owner[0])


# The tests of the rule families and of the data files. (Others may name a
# list on purpose: test_matching tests the matcher on a known list,
# test_userconfig a config that names one, test_rule_layout the `rule` command.)
_FAMILY_TESTS = ("test_data_files.py", "test_desperate.py", "test_generic.py", "test_hostile.py",
                 "test_presumptuous.py", "test_structure.py", "test_writing.py")


def test_no_family_test_names_a_data_file_directly():
    """The family tests reach a rule's data through the rule (``rule_list``,
    ``declared_lists``), so renaming a list cannot leave a test behind."""
    names = {d.removesuffix(".txt") for r in RULES for d in r.data}
    offenders = []
    for path in [ROOT / "tests" / name for name in _FAMILY_TESTS]:
        text = path.read_text("utf-8")
        for name in names:
            if re.search(rf"[\"']{name}(\.txt)?[\"']", text):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_family_is_found_from_the_letter_alone(r):
    src, _ = r.source()
    module = family_module(r.code)
    assert r.check.__module__ == module or r.check.__module__.startswith(module + ".")
    assert src.name.startswith(r.code[0].lower() + "_") or src.parent.name.startswith(r.code[0].lower() + "_")


def test_one_module_per_family_letter():
    assert sorted(family_modules()) == sorted({r.code[0] for r in RULES})


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_option_keys_are_kebab_case(r):
    for key in r.options:
        assert key == key.lower() and "_" not in key and " " not in key, f"{r.code}: {key}"


def _register(code, module, **kw):
    def fn(ctx):
        """Test."""
    fn.__module__ = module
    try:
        rule(code, f"layout-test-{code.lower()}", "writing", **kw)(fn)
    finally:
        REGISTRY.pop(code, None)


def test_registry_refuses_a_rule_in_another_familys_module():
    with pytest.raises(ValueError, match="rules of family Q live in rules/q_"):
        _register("Q998", "followup_lint.rules.h_hostile")


def test_registry_refuses_snake_case_option_keys():
    with pytest.raises(ValueError, match="kebab-case"):
        _register("X998", "tests", options={"max_words": Option(int, 1, "x")})


def test_registry_refuses_a_data_file_claimed_twice():
    with pytest.raises(ValueError, match="already belongs to H301"):
        _register("X997", "tests", data=["hostile_sarcasm.txt"])


def test_rule_command_prints_code_data_fixtures_and_docs():
    out = subprocess.run([sys.executable, "-m", "followup_lint", "rule", "H301"],
                         capture_output=True, text=True, check=True).stdout
    files = out.split("Files\n-----\n", 1)[1].splitlines()
    assert files[0].startswith("code      followup_lint/rules/h_hostile/sarcasm.py:")
    assert "data      followup_lint/data/hostile_sarcasm.txt" in files
    assert "data      followup_lint/data/hostile_sarcasm_ambiguous.txt" in files
    assert "fixture   fixtures/rules/H301.bad.txt" in files
    assert "fixture   fixtures/rules/H301.expected" in files
    assert "test      tests/test_hostile.py" in files
    assert files[-1] == "docs      docs/rules.md#h301-sarcasm"


def test_a_rules_tests_include_the_one_that_runs_its_data():
    """H701 is not named in test_hostile.py, but its list is run there
    (declared_lists("H")): `followup-lint rule H701` lists it."""
    from followup_lint.rules import find_rule

    assert "H701" not in (ROOT / "tests" / "test_hostile.py").read_text("utf-8")
    assert ROOT / "tests" / "test_hostile.py" in find_rule("H701").test_paths()
    assert ROOT / "tests" / "test_hostile.py" not in find_rule("D401").test_paths()
