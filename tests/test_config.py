"""Config files: found by walking up, validated, overridden by flags."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, run_cli
from followup_lint.config import ConfigError, ConfigResolver, Settings, find_config, load_config, parse_table
from followup_lint.finding import Severity

TEMPLATE = (FIXTURES / "drafts" / "02-template-unfilled.txt").read_text()


def test_pyproject_section_found_by_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.followup-lint]\nselect = ["W101"]\nfail-on = "error"\n\n'
        '[tool.followup-lint.rules.sentence-too-long]\nmax-words = 12\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "d.txt").write_text("x")
    assert find_config(deep / "d.txt") == tmp_path / "pyproject.toml"
    s = ConfigResolver(None, {}).for_path(str(deep / "d.txt"))
    assert s.select == ("W101",) and s.fail_on is Severity.ERROR
    assert s.rule_options == {"W101": {"max-words": 12}}


def test_dotfile_wins_over_pyproject_in_same_folder_and_nearer_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.followup-lint]\nselect = ["S"]\n')
    (tmp_path / ".followup-lint.toml").write_text('select = ["G"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    assert find_config(tmp_path / "x.txt") == tmp_path / ".followup-lint.toml"
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no section: skipped
    assert find_config(sub / "x.txt") == tmp_path / ".followup-lint.toml"


@pytest.mark.parametrize("toml, message", [
    ('selct = ["S"]', "unknown key 'selct'"),
    ('select = "S"', "select must be a list of strings"),
    ('fail-on = "fatal"', "fail-on: unknown severity 'fatal'"),
    ('select = ["Q9"]', "select: 'Q9' matches no rule"),
    ('[rules.sentence-too-long]\nmax-words = "ten"', "rules.sentence-too-long: max-words must be an integer, not str"),
    ('[rules.sentence-too-long]\nmax-word = 10', "rules.sentence-too-long: unknown option 'max-word'"),
    ('[rules.W999]\nx = 1', "rules.W999: no such rule"),
    ('select = [', "invalid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, toml, message):
    p = tmp_path / ".followup-lint.toml"
    p.write_text(toml)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_config(p)


def test_float_option_accepts_integer():
    s = parse_table({"rules": {"W102": {"max-grade": 10}}}, "x")
    assert s.rule_options == {"W102": {"max-grade": 10.0}}


def test_flags_beat_the_file(tmp_path):
    (tmp_path / ".followup-lint.toml").write_text('select = ["S"]\nfail-on = "error"\n')
    draft = tmp_path / "d.txt"
    draft.write_text(TEMPLATE)
    proc = run_cli("check", "--no-grammar", "--format", "json", "--select", "G101", str(draft))
    out = json.loads(proc.stdout)
    assert {f["code"] for f in out["files"][0]["findings"]} == {"G101"}
    assert proc.returncode == 1  # G101 is an error, fail-on error from the file still applies
    proc = run_cli("check", "--no-grammar", "--select", "S", "--fail-on", "warning", str(draft))
    assert proc.returncode == 1
    proc = run_cli("check", "--no-grammar", "--select", "S", str(draft))
    assert proc.returncode == 0  # only warnings; file says fail-on error


def test_config_error_through_cli_is_exit_2(tmp_path):
    (tmp_path / ".followup-lint.toml").write_text("nonsense = 1\n")
    draft = tmp_path / "d.txt"
    draft.write_text(TEMPLATE)
    proc = run_cli("check", str(draft))
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.startswith("followup-lint: error: ") and "unknown key 'nonsense'" in err and "\n" not in err


def test_explicit_config_flag(tmp_path):
    cfg = tmp_path / "strict.toml"
    cfg.write_text('select = ["W101"]\n[rules.W101]\nmax-words = 5\n')
    proc = run_cli("check", "--no-grammar", "--format", "json", "--config", str(cfg),
                   str(FIXTURES / "drafts" / "01-thank-you-good.txt"))
    codes = [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert codes and set(codes) == {"W101"}
    assert run_cli("check", "--config", str(tmp_path / "nope.toml"), "x.txt").returncode == 2


def test_default_settings():
    s = Settings()
    assert s.select == ("ALL",) and s.fail_on is Severity.WARNING and s.grammar is True
