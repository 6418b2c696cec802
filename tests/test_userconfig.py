"""Fitting the linter to its user: severities, fail levels per category,
accepted words, hidden false positives, per-file ignores, house style, init.
Real subprocesses for the CLI, the real pipeline and LanguageTool in-process."""

from __future__ import annotations

import json
import os

import pytest

from conftest import FIXTURES, run_cli
from test_warm import warm_daemon  # noqa: F401 (the module's warm linter, a fixture)

NOTE = """Subject: Thank you for the interview

Hi Dana,

Thank you for meeting me on Tuesday to talk about the analytics role and the dbt models your team maintains.
Could you confirm my start date for the panel interview, as you suggested?
I look forward to my first day on the team.

Best regards,
Sam Lee
"""


def check_json(tmp_path, *args, text: str = NOTE, name: str = "note.txt", env=None):
    draft = tmp_path / name
    if not draft.exists():
        draft.write_text(text)
    proc = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", *args, str(draft), env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = json.loads(proc.stdout)
    return proc.returncode, out["files"][0]


def spots(file: dict, key: str = "findings") -> list[tuple]:
    return [(f["code"], f["line"], f["column"], f["end_column"], f["severity"]) for f in file[key]]


def config(tmp_path, text: str):
    (tmp_path / ".followup-lint.toml").write_text(text)


# -- fail levels and severities ---------------------------------------------------

def test_per_rule_severity_changes_the_finding_and_the_exit_code(tmp_path):
    draft = tmp_path / "n.txt"
    draft.write_text(NOTE.replace("Hi Dana,", "Hi there,"))
    code, file = check_json(tmp_path, "--select", "S102", name="n.txt")
    assert code == 1 and spots(file) == [("S102", 3, 1, 10, "warning")]
    config(tmp_path, '[rules.nameless-greeting]\nseverity = "info"\n')
    code, file = check_json(tmp_path, "--select", "S102", name="n.txt")
    assert code == 0 and spots(file) == [("S102", 3, 1, 10, "info")]


def test_fail_on_category_lets_one_category_pass(tmp_path):
    long = NOTE.replace("Thank you for meeting me on Tuesday",
                        "Thank you very much indeed for meeting with me and with the two engineers on Tuesday "
                        "afternoon in the small room on the third floor of the office")
    config(tmp_path, '[fail-on-category]\nwriting = "error"\n')
    code, file = check_json(tmp_path, "--select", "W101", text=long)
    assert [f["code"] for f in file["findings"]] == ["W101"] and code == 0
    code, file = check_json(tmp_path, "--select", "W101,P101", text=long, name="again.txt")
    assert code == 1  # P101 (presumptuous) still fails at warning


@pytest.mark.parametrize("toml, message", [
    ('[rules.S404]\nseverity = "fatal"', "rules.S404.severity: unknown severity 'fatal'"),
    ('[fail-on-category]\ntone = "error"', "fail-on-category: unknown category 'tone'"),
    ('[hook]\nfail-on = 3', "hook.fail-on must be"),
    ('[[hide]]\nrule = "P999"\nsentence = "x"', "hide[1].rule: 'P999' is no rule"),
    ('[[hide]]\nrule = "P101"\nsentence = "("', "hide[1].sentence: not a regular expression"),
    ('[per-file-ignores]\n"*.txt" = ["Q1"]', "per-file-ignores.'*.txt': 'Q1' matches no rule"),
    ('words = ["two words"]', "words: 'two words' is not a word"),
    ('[tool.followup-lint]\nselect = ["S"]',
     "unknown key 'tool'; in .followup-lint.toml the keys go at the top level"),
])
def test_bad_user_config_is_one_line_exit_2(tmp_path, toml, message):
    config(tmp_path, toml)
    (tmp_path / "n.txt").write_text(NOTE)
    proc = run_cli("check", "--no-grammar", str(tmp_path / "n.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1, err
    assert str(tmp_path / ".followup-lint.toml") in err and message in err, err


# -- [[hide]] and per-file-ignores ---------------------------------------------------

def test_hide_removes_exactly_the_matching_finding(tmp_path):
    code, file = check_json(tmp_path, "--select", "P101")
    assert spots(file) == [("P101", 6, 19, 32, "warning"), ("P101", 7, 19, 31, "warning")]
    config(tmp_path, '[[hide]]\nrule = "assumes-the-offer"\nsentence = "panel interview, as you suggested"\n')
    code, file = check_json(tmp_path, "--select", "P101", name="note.txt")
    assert spots(file) == [("P101", 7, 19, 31, "warning")] and "hidden" not in file
    assert code == 1
    code, shown = check_json(tmp_path, "--select", "P101", "--show-hidden")
    assert spots(shown) == [("P101", 7, 19, 31, "warning")]
    assert spots(shown, "hidden") == [("P101", 6, 19, 32, "warning")]
    # another rule in the same sentence is not hidden
    config(tmp_path, '[[hide]]\nrule = "G201"\nsentence = "panel interview"\n')
    code, file = check_json(tmp_path, "--select", "P101")
    assert len(file["findings"]) == 2


def test_hidden_findings_do_not_fail_and_text_says_how_many(tmp_path):
    config(tmp_path, '[[hide]]\nrule = "P101"\nsentence = "(panel interview|my first day)"\n')
    (tmp_path / "note.txt").write_text(NOTE)
    proc = run_cli("check", "--no-grammar", "--no-cache", "--select", "P101", str(tmp_path / "note.txt"))
    assert proc.returncode == 0
    assert proc.stdout.decode().strip().endswith("No findings in 1 draft; 2 hidden by the config "
                                                 "(see them with --show-hidden).")
    proc = run_cli("check", "--no-grammar", "--no-cache", "--select", "P101", "--show-hidden",
                   str(tmp_path / "note.txt"))
    assert proc.stdout.decode().count("P101 [warning, hidden]") == 2 and proc.returncode == 0


def test_hide_with_files_and_per_file_ignores(tmp_path):
    config(tmp_path, '[[hide]]\nrule = "P101"\nsentence = "first day"\nfiles = ["drafts/*.txt"]\n\n'
                     '[per-file-ignores]\n"templates/*" = ["P", "S2"]\n')
    for folder in ("drafts", "templates", "other"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "n.txt").write_text(NOTE)
    proc = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", "--select", "P101,S201",
                   str(tmp_path / "drafts" / "n.txt"), str(tmp_path / "templates" / "n.txt"),
                   str(tmp_path / "other" / "n.txt"))
    files = {f["path"].split("/")[-2]: spots(f) for f in json.loads(proc.stdout)["files"]}
    assert files == {"drafts": [("P101", 6, 19, 32, "warning")], "templates": [],
                     "other": [("P101", 6, 19, 32, "warning"), ("P101", 7, 19, 31, "warning")]}


# -- house style -----------------------------------------------------------------------

def test_extend_phrases_adds_findings_with_the_rules_message(tmp_path):
    (tmp_path / "threats.txt").write_text("# the coach's list\nyou ~will ~be sorry\tYou will be sorry.\n")
    config(tmp_path, '[rules.H202]\nextend-phrases = ["threats.txt"]\n')
    text = NOTE.replace("I look forward to my first day on the team.", "You will be sorry.")
    code, file = check_json(tmp_path, "--select", "H202", text=text)
    assert spots(file) == [("H202", 7, 1, 18, "error")]
    assert file["findings"][0]["message"].startswith('"You will be sorry" is a threat')
    # the package's own entries still work
    code, file = check_json(tmp_path, "--select", "H202", text="Hi Dana,\n\nYou will regret this.\n\nSam\n",
                            name="b.txt")
    assert [f["code"] for f in file["findings"]] == ["H202"]


def test_replacing_a_list_drops_the_packages_entries(tmp_path):
    (tmp_path / "mine.txt").write_text("you ~will ~be sorry\tYou will be sorry.\n")
    config(tmp_path, '[rules.H202]\nphrases = ["mine.txt"]\n')
    code, file = check_json(tmp_path, "--select", "H202", text="Hi Dana,\n\nYou will regret this.\n\nSam\n")
    assert file["findings"] == []


def test_a_user_rule_reports_with_its_own_message_category_and_code(tmp_path):
    (tmp_path / "banned.txt").write_text("passionate about _? synergy\tI am passionate about synergy.\t"
                                         "Name the problem you want to solve.\n")
    config(tmp_path, '[rules.X001]\nname = "coach-banned-line"\ncategory = "generic"\nseverity = "error"\n'
                     'message = "the coach bans {phrase}"\nphrases = ["banned.txt"]\n')
    text = NOTE.replace("Could you confirm", "I am passionate about real synergy. Could you confirm")
    code, file = check_json(tmp_path, "--select", "X001", text=text)
    assert spots(file) == [("X001", 6, 6, 35, "error")]
    f = file["findings"][0]
    assert (f["rule"], f["category"], f["message"], f["suggestions"], f["origin"]) == (
        "coach-banned-line", "generic", "the coach bans passionate about real synergy",
        ["Name the problem you want to solve."], "config")
    code, file = check_json(tmp_path, "--ignore", "X001", text=text, name="again.txt")
    assert "X001" not in [f["code"] for f in file["findings"]]


KIND = "Hi Dana,\n\nWhat a ride. Thank you for the interview and for showing me the team.\n\nBest,\nSam\n"
SOUR = ("Hi Dana,\n\nWhat a ride. This was the worst, most insulting and most useless interview process "
        "I have ever seen.\n\nSam\n")


@pytest.mark.parametrize("opt", ["extend-phrases", "phrases"])
def test_a_rule_with_two_lists_must_be_told_which(tmp_path, opt):
    (tmp_path / "mine.txt").write_text("what a ride\tWhat a ride.\n")
    config(tmp_path, f'[rules.H301]\n{opt} = ["mine.txt"]\n')
    (tmp_path / "n.txt").write_text(KIND)
    proc = run_cli("check", "--no-grammar", "--no-cache", str(tmp_path / "n.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1, err
    assert (f"rules.H301.{opt}: H301 has 2 phrase lists, say which one: {opt} = {{ hostile_sarcasm = [...] }} "
            f"or {{ hostile_sarcasm_ambiguous = [...] }}") in err
    config(tmp_path, f'[rules.H301.{opt}]\nsarcasm = ["mine.txt"]\n')
    proc = run_cli("check", "--no-grammar", "--no-cache", str(tmp_path / "n.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and ("H301 has no phrase list 'sarcasm' (its lists: hostile_sarcasm, "
                                     "hostile_sarcasm_ambiguous)") in err, err


@pytest.mark.parametrize("target, kind_found, sour_found", [
    ("hostile_sarcasm", True, True),            # always sarcasm
    ("hostile_sarcasm_ambiguous", False, True),  # sarcasm only next to a negative sentence
])
def test_extend_phrases_goes_to_the_named_list_and_is_judged_as_that_list(tmp_path, target, kind_found, sour_found):
    (tmp_path / "mine.txt").write_text("what a ride\tWhat a ride.\n")
    config(tmp_path, f'[rules.H301.extend-phrases]\n{target} = ["mine.txt"]\n')
    ride = [("H301", 3, 1, 12, "warning")]
    assert spots(check_json(tmp_path, "--select", "H301", text=KIND, name="kind.txt")[1]) == (ride if kind_found else [])
    assert spots(check_json(tmp_path, "--select", "H301", text=SOUR, name="sour.txt")[1]) == (ride if sour_found else [])
    # the other list is untouched: the package's own sarcasm is still found
    code, file = check_json(tmp_path, "--select", "H301", text="Hi Dana,\n\nThanks for nothing.\n\nSam\n",
                            name="own.txt")
    assert spots(file) == [("H301", 3, 1, 19, "warning")]


def test_a_table_naming_the_one_list_of_a_rule_and_replacing_one_of_two(tmp_path):
    (tmp_path / "threats.txt").write_text("you ~will ~be sorry\tYou will be sorry.\n")
    (tmp_path / "insults.txt").write_text("muppet|muppets\tYour recruiter is a muppet.\n")
    config(tmp_path, '[rules.H202]\nextend-phrases = { hostile_threats = ["threats.txt"] }\n\n'
                     '[rules.H101]\nphrases = { hostile_insults = ["insults.txt"] }\n')
    text = "Hi Dana,\n\nYou will be sorry. Your recruiter is a muppet and a clown. Damn this bullshit.\n\nSam\n"
    code, file = check_json(tmp_path, "--select", "H202,H101", text=text)
    got = [(f["code"], f["excerpt"]) for f in file["findings"]]
    # H202's list extended; H101's insults replaced (no "clown"), its profanity list kept ("bullshit")
    assert ("H202", "You will be sorry") in got and ("H101", "muppet") in got
    assert ("H101", "clown") not in got and ("H101", "bullshit") in got


@pytest.mark.parametrize("line, message", [
    ("you ~will ~be sorry", "threats.txt:2: entry 'you ~will ~be sorry' has no example"),
    ("you ~will ~be sorry\tYou will regret it.",
     "threats.txt:2: pattern 'you ~will ~be sorry' does not match its example 'You will regret it.'"),
    ("i'm? sorry\tI'm sorry.", "threats.txt:2: bad pattern \"i'm? sorry\": optional word"),
])
def test_a_bad_phrase_entry_is_a_config_error_with_file_and_line(tmp_path, line, message):
    (tmp_path / "threats.txt").write_text(f"# mine\n{line}\n")
    config(tmp_path, '[rules.H202]\nextend-phrases = ["threats.txt"]\n')
    (tmp_path / "n.txt").write_text(NOTE)
    proc = run_cli("check", "--no-grammar", "--no-cache", str(tmp_path / "n.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and message in err, err


# -- init --------------------------------------------------------------------------------

def test_init_output_round_trips(tmp_path):
    drafts = sorted(str(p) for p in (FIXTURES / "drafts").iterdir() if p.suffix in (".txt", ".eml"))
    bare = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", "--config", os.devnull, *drafts)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    cfg = tmp_path / ".followup-lint.toml"
    assert "[hook]" in cfg.read_text() and "max-words = 35" in cfg.read_text()
    made = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", "--config", str(cfg), *drafts)
    assert made.returncode == bare.returncode == 1
    assert json.loads(made.stdout)["files"] == json.loads(bare.stdout)["files"]
    assert run_cli("init", cwd=tmp_path).returncode == 2  # never overwrites without --force
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run_cli("init", "--pyproject", cwd=tmp_path).returncode == 0
    from followup_lint.config import load_config

    assert load_config(tmp_path / "pyproject.toml").hook == load_config(cfg).hook


# -- accepted words ------------------------------------------------------------------------

DBT = "Hi Dana,\n\nThank you for the interview. I have used dbt for three years.\n\nBest regards,\nSam Lee\n"


def test_accepted_words_in_process(linter):
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes

    def l101(words=()):
        draft = parse_bytes(DBT.encode(), "d.txt")
        result = linter.lint_drafts([(draft, Settings(select=("L101",), words=tuple(words)))])[0]
        return [(f.line, f.column, f.excerpt) for f in result.findings]

    assert l101() == [(3, 42, "dbt")]
    assert l101(["dbt"]) == [] and l101(["DBT"]) == [(3, 42, "dbt")]  # capitals: exactly as written
    assert l101(["Dbt"]) == [(3, 42, "dbt")] and l101(["kubectl"]) == [(3, 42, "dbt")]


def test_words_add_then_check(tmp_path):
    env = {**os.environ, "FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path / "cfg")}
    draft = tmp_path / "d.txt"
    draft.write_text(DBT)

    def codes():
        proc = run_cli("check", "--format", "json", "--no-cache", "--select", "L101", str(draft), env=env)
        return [(f["code"], f["excerpt"]) for f in json.loads(proc.stdout)["files"][0]["findings"]]

    assert codes() == [("L101", "dbt")]
    proc = run_cli("words", "add", "dbt", "kubectl", env=env)
    assert proc.returncode == 0 and b"added: dbt" in proc.stdout
    assert run_cli("words", "list", env=env).stdout.decode().split() == ["dbt", "kubectl"]
    assert codes() == []
    assert run_cli("words", "remove", "dbt", env=env).returncode == 0
    assert run_cli("words", "remove", "dbt", env=env).returncode == 1  # not there any more
    assert codes() == [("L101", "dbt")]
    assert run_cli("words", "add", "two words", env=env).returncode == 2
    assert oct((tmp_path / "cfg" / "words.txt").stat().st_mode & 0o777) == "0o600"


def test_words_add_is_seen_by_a_running_warm_linter(warm_daemon, tmp_path):  # noqa: F811 (the fixture)
    """A warm linter started before the word was added: its next check (with
    the result cache on, as a user runs it) has no L101 on the word."""
    from test_warm import _served

    env = {**warm_daemon["env"], "FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path / "cfg"),
           "FOLLOWUP_LINT_CACHE_DIR": str(tmp_path / "cache")}
    draft = tmp_path / "d.txt"
    draft.write_text(DBT)

    def codes():
        before = _served(env)
        proc = run_cli("check", "--format", "json", "--select", "L101", str(draft), env=env)
        assert _served(env) == before + 1, "the check did not go through the warm linter"
        return [(f["code"], f["line"], f["column"], f["excerpt"]) for f in json.loads(proc.stdout)["files"][0]["findings"]]

    assert codes() == [("L101", 3, 42, "dbt")]
    assert run_cli("words", "add", "dbt", env=env).returncode == 0
    assert codes() == []
    assert run_cli("words", "remove", "dbt", env=env).returncode == 0
    assert codes() == [("L101", 3, 42, "dbt")]
