"""Shared test helpers. The spaCy pipeline is real and loaded once."""

from __future__ import annotations

import email.message
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Tests never read or write the user's result cache: one fresh cache per
# session, inherited by every CLI subprocess.
os.environ["FOLLOWUP_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="followup-lint-test-cache-")
# ... nor the user's accepted words (followup-lint words): an empty config folder of their own
os.environ["FOLLOWUP_LINT_CONFIG_DIR"] = tempfile.mkdtemp(prefix="followup-lint-test-config-")
# No test starts the on-demand background server unless it says so (and then
# in state and runtime folders of its own): tests/test_background.py.
os.environ["FOLLOWUP_LINT_BACKGROUND"] = "0"
# ... nor forwards to a warm linter the user (or another checkout) left running:
# a runtime folder of the session's own, so a test sees only the daemons it starts.
os.environ["FOLLOWUP_LINT_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="followup-lint-test-runtime-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"


@pytest.fixture(scope="session", autouse=True)
def languagetool(tmp_path_factory):
    """One real LanguageTool server for the whole session (grammar rules and
    CLI subprocesses reuse it), stopped at the end. It dies with pytest even
    if pytest is killed, so no JVM outlives the tests."""
    from followup_lint.grammar.server import (ENV_STATE, GrammarUnavailable, forget_state, jar_dir, spawn,
                                              stop_process, write_state)

    previous = os.environ.get(ENV_STATE)
    os.environ[ENV_STATE] = str(tmp_path_factory.mktemp("languagetool-state"))
    try:
        server = spawn(jar_dir(), kept=False)
    except GrammarUnavailable as exc:
        pytest.exit(f"the tests need the real LanguageTool: {exc}", returncode=2)
    write_state(server)
    try:
        yield server
    finally:
        stop_process(server.process)
        forget_state()
        if previous is None:
            os.environ.pop(ENV_STATE, None)
        else:
            os.environ[ENV_STATE] = previous


@pytest.fixture(scope="session")
def linter(languagetool):
    from followup_lint.engine import Linter

    with Linter() as linter:
        yield linter


def lint(linter, path: Path | str, select=("ALL",), ignore=(), **overrides):
    """Lint one file with the given selection; returns its FileResult."""
    from followup_lint.config import Settings
    from followup_lint.sources import read_path

    settings = Settings(select=tuple(select), ignore=tuple(ignore)).with_overrides(**overrides)
    draft = read_path(str(path))
    return linter.lint_drafts([(draft, settings)])[0]


def lint_text(linter, text: str, name: str = "draft.txt", tmp_path: Path | None = None, **kw):
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes

    settings = Settings(select=tuple(kw.pop("select", ("ALL",))), ignore=tuple(kw.pop("ignore", ())))
    draft = parse_bytes(text.encode("utf-8"), name, kind=kw.pop("kind", None))
    return linter.lint_drafts([(draft, settings)])[0]


def found(linter, text: str, select, name: str = "draft.txt", **kw) -> list[tuple[str, int, int, str]]:
    """The findings of the rules ``select`` (codes, prefixes or names) in
    ``text``, as (code, line, column, excerpt): the one helper the rule
    tests share."""
    r = lint_text(linter, text, name=name, select=select, **kw)
    return [(f.code, f.line, f.column, f.excerpt) for f in r.findings]


# -- the rules' own data files (``@rule(..., data=[...])``) -------------------

# Declared lists whose entries are not passages their rule must find in the
# example: exceptions the rule must leave alone, or lists of another shape.
# Each is checked by the test named here (tests/test_rule_layout.py checks
# that the test exists and names the rule). Every other declared list of a
# family is run through its family's "each entry matches its example" test.
OWN_TESTS = {
    "hostile_acronyms.txt": ("H401", "tests/test_hostile.py::test_acronyms_list_entries_are_not_shouting"),
    "generic_stock_phrases.txt": ("G201", "tests/test_generic.py::test_each_stock_phrase_matches_its_example"),
    "generic_nouns.txt": ("G202", "tests/test_generic.py::test_each_generic_noun_heads_a_noun_phrase_in_its_example"),
    "generic_stock_sentences.txt": ("G203", "tests/test_generic.py::test_each_stock_sentence_matches_its_variant"),
    "generic_addressees.txt": ("S102", "tests/test_data_files.py::test_generic_addressees_make_a_nameless_greeting"),
    "closings.txt": ("S201", "tests/test_data_files.py::test_closings_are_recognised_as_sign_offs"),
    "structure_role_mailboxes.txt": ("S401", "tests/test_structure.py::test_each_role_mailbox_word_is_recognised"),
    "structure_anonymous_domains.txt": ("S402", "tests/test_structure.py::test_anonymous_domains_say_nothing"),
    "structure_attachment_cues.txt": ("S403", "tests/test_structure.py::test_each_attachment_cue_matches_its_example"),
    "writing_passive_ok.txt": ("W201", "tests/test_writing.py::test_each_state_participle_is_not_reported"),
    "writing_hedges.txt": ("W202", "tests/test_writing.py::test_each_phrase_matches_its_example"),
    "writing_apologies.txt": ("W203", "tests/test_writing.py::test_each_phrase_matches_its_example"),
    "writing_repeat_ok.txt": ("W206", "tests/test_writing.py::test_each_allowed_double_is_not_reported"),
}


def declared_lists(family: str) -> dict[str, str]:
    """Data list name (no ``.txt``) -> rule code, for every list the rules
    of ``family`` (a code letter) declare and that is not in OWN_TESTS:
    the lists whose every entry must find its own example."""
    from followup_lint.rules import all_rules

    return {d.removesuffix(".txt"): r.code for r in all_rules() if r.code.startswith(family)
            for d in r.data if d not in OWN_TESTS}


def rule_list(code: str, index: int = 0) -> str:
    """The name (no ``.txt``) of the ``index``-th data list rule ``code``
    declares: tests name the rule, the rule names its files."""
    from followup_lint.rules import find_rule

    return find_rule(code).data[index].removesuffix(".txt")


def entries(name: str) -> list[tuple[str, str]]:
    """(pattern, example) of each entry of data list ``name``."""
    from importlib import resources

    out = []
    text = resources.files("followup_lint").joinpath("data", f"{name}.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            assert len(parts) >= 2 and parts[1].strip(), f"{name}: no example for {parts[0]!r}"
            out.append((parts[0], parts[1]))
    return out


def example_findings(linter, code: str, text: str) -> list:
    """Rule ``code``'s findings on ``text``: as the kind of note the draft
    reads as, else as the first kind (followup_lint.kinds.KINDS) for which
    the rule speaks; a kind-aware rule (H7xx, D4xx, P4xx) judges only some
    kinds of note."""
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes
    from followup_lint.kinds import KINDS

    draft = parse_bytes(text.encode("utf-8"), "draft.txt")
    for kind in (None, *KINDS):
        hits = linter.lint_drafts([(draft, Settings(select=(code,), kind=kind))])[0].findings
        if hits:
            return list(hits)
    return []


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run ``python -m followup_lint`` as a real subprocess."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "followup_lint", *args], input=input,
                          capture_output=True, cwd=cwd or ROOT, env=full_env, timeout=300)


def file_text_at(source: str, line: int, col: int, end_line: int, end_col: int) -> str:
    """The text of ``source`` between two 1-based positions (end exclusive)."""
    lines = source.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    return source[starts[line - 1] + col - 1:starts[end_line - 1] + end_col - 1]


def message(subject: str, body: str) -> email.message.EmailMessage:
    """A plain-text email from Sam to Dana, for Maildir, mbox and .eml tests."""
    m = email.message.EmailMessage()
    m["From"] = "Sam Park <sam@example.com>"
    m["To"] = "Dana Lee <dana@acme.example>"
    m["Subject"] = subject
    m.set_content(body)
    return m


def without_root_powers() -> list[str] | None:
    """A command prefix under which file permissions hold: none for a normal
    user; for root, setpriv dropping the capabilities that let root read
    and list everything. None when that is impossible here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
