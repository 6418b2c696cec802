"""Phrase lists are data, and data has tests: sorted, no duplicates, tidy."""

from __future__ import annotations

from importlib import resources

import pytest

from conftest import rule_list

DATA = resources.files("followup_lint").joinpath("data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".txt"))


def _entries(name: str) -> list[str]:
    lines = DATA.joinpath(name).read_text("utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@pytest.mark.parametrize("name", FILES)
def test_sorted_unique_and_tidy(name):
    entries = _entries(name)
    assert entries, f"{name} is empty"
    keys = [e.split("\t")[0].strip().lower() for e in entries]
    assert keys == sorted(keys), f"{name} is not sorted"
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{name} has duplicates: {sorted(dupes)}"
    for e in entries:
        assert e == e.strip(), f"{name}: stray whitespace in {e!r}"


def test_closings_are_recognised_as_sign_offs():
    from followup_lint.sender import is_closing

    for phrase in _entries(rule_list("S201") + ".txt"):
        assert is_closing(phrase.title() + ","), phrase
    assert not is_closing("Thanks for your time today.")


def test_generic_addressees_make_a_nameless_greeting():
    from followup_lint.parts import find_greeting

    for who in _entries(rule_list("S102") + ".txt"):
        g = find_greeting(f"Dear {who},\n\nThank you.")
        assert g is not None and g.is_nameless, who
    assert not find_greeting("Dear Ms. Park,\n\nThank you.").is_nameless
