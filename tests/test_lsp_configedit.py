"""What the editor's code actions write (followup_lint.lsp.configedit), read
back with tomllib and the config loader; and the editor set-ups in
docs/editors.md that are data (Helix's TOML) parse."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from followup_lint.config import load_config
from followup_lint.lsp import configedit


def test_hide_and_per_file_ignores_go_into_pyproject_keeping_its_comments(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "notes"  # my notes\n\n[tool.followup-lint]\nfail-on = "error"\n')
    draft = tmp_path / "drafts" / "reply [1].txt"
    draft.parent.mkdir()
    draft.write_text("x")
    configedit.hide(pyproject, "H301", "Thanks for\nnothing.", draft)
    configedit.ignore_in_file(pyproject, "W205", draft)
    configedit.ignore_in_file(pyproject, "W205", draft)  # twice: once
    configedit.ignore_in_project(pyproject, "H4")
    text = pyproject.read_text()
    assert 'name = "notes"  # my notes' in text
    table = tomllib.loads(text)["tool"]["followup-lint"]
    assert table["fail-on"] == "error" and table["ignore"] == ["H4"]
    assert table["per-file-ignores"] == {"drafts/reply [[]1].txt": ["W205"]}
    (hide,) = table["hide"]
    assert hide["rule"] == "H301" and hide["files"] == ["drafts/reply [[]1].txt"]
    assert re.fullmatch(hide["sentence"], "Thanks for nothing.")
    assert re.fullmatch(hide["sentence"], "Thanks for\n  nothing.")


def test_turning_a_rule_off_for_the_project_is_read_by_check(tmp_path):
    config = tmp_path / ".followup-lint.toml"
    config.write_text('# house rules\nignore = ["G201"]\n')
    configedit.ignore_in_project(config, "H4")
    assert config.read_text().startswith("# house rules\n")
    assert load_config(config).ignore == ("G201", "H4")


def test_a_new_project_config_goes_into_the_workspace_folder(tmp_path):
    draft = tmp_path / "a" / "b" / "d.txt"
    draft.parent.mkdir(parents=True)
    assert configedit.project_config(draft, [tmp_path]) == tmp_path / ".followup-lint.toml"
    assert configedit.project_config(draft, []) == draft.parent / ".followup-lint.toml"
    (tmp_path / "a" / ".followup-lint.toml").write_text("")
    assert configedit.project_config(draft, [tmp_path]) == tmp_path / "a" / ".followup-lint.toml"


def test_a_word_goes_once_into_the_private_user_dictionary_as_words_add_writes_it(tmp_path, monkeypatch):
    """The editor's "add word" and ``followup-lint words add`` write the
    same file (followup_lint.words is the one writer: header, order, case)."""
    from conftest import run_cli
    from followup_lint.words import HEADER

    monkeypatch.setenv("FOLLOWUP_LINT_CONFIG_DIR", str(tmp_path / "conf"))
    path = configedit.add_word("Quorvex")
    configedit.add_word("Quorvex")
    configedit.add_word("dbt")
    assert path == tmp_path / "conf" / "words.txt"
    assert path.read_text() == HEADER + "dbt\nQuorvex\n"
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    done = run_cli("words", "add", "Quorvex", "dbt", env={"FOLLOWUP_LINT_CONFIG_DIR": str(tmp_path / "cli")})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cli" / "words.txt").read_bytes() == path.read_bytes()


def test_a_word_that_is_not_one_word_is_refused(tmp_path, monkeypatch):
    import pytest

    monkeypatch.setenv("FOLLOWUP_LINT_CONFIG_DIR", str(tmp_path / "conf"))
    with pytest.raises(ValueError, match="is not a word"):
        configedit.add_word("two words")
    assert not (tmp_path / "conf" / "words.txt").exists()


def test_project_words_are_a_list(tmp_path):
    config = tmp_path / ".followup-lint.toml"
    configedit.add_project_word(config, "Northwind")
    configedit.add_project_word(config, "Northwind")
    assert tomllib.loads(config.read_text())["words"] == ["Northwind"]


def test_the_helix_set_up_in_the_docs_is_valid_toml():
    doc = (ROOT / "docs" / "editors.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, re.S)
    assert blocks, "docs/editors.md has no TOML block"
    helix = tomllib.loads(blocks[0])
    assert helix["language-server"]["followup-lint"] == {"command": "followup-lint", "args": ["lsp"]}
    assert all("followup-lint" in lang["language-servers"] for lang in helix["language"])
