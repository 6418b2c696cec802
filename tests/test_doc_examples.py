"""The documentation's examples run: every `followup-lint` command in a shell
block of README.md and docs/*.md is run (offline, in a folder with the files
it names), and the JSON example of docs/json-format.md is the command's real
output. A doc example that breaks fails here.

A command is left out only for a reason written below (it sends mail, needs
git send-email's own set-up, installs packages, or is a template with
placeholders)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```(?:sh|shell|bash)\n(.*?)```", re.S)
# (text in the line, why it is not run)
NOT_RUN = (
    ("REAL_COMMAND", "a template: REAL_COMMAND and [--options] are placeholders"),
    ("/usr/sbin/sendmail", "sends mail through the system's sendmail (tests/test_hooks.py runs it with a fake one)"),
    ("git config", "changes git's configuration (tests/test_hooks.py runs git send-email)"),
    ("pip install", "installs packages (make setup / make test-spark do)"),
    ("venv-pack", "packs an environment for a cluster"),
    ("--archives", "spark-submit on a cluster"),
    ("git clone", "a template: the clone's URL is yours"),
)


def commands() -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for block in BLOCK.findall(doc.read_text("utf-8")):
            for line in block.splitlines():
                command = line.split("  #")[0].split(" # ")[0].strip()
                # a command of ours: followup-lint (or a path to it) runs, alone or in a pipe
                if not re.search(r"(^|\|\s*)(\S*/)?followup-lint(\s|$)", command):
                    continue
                if any(mark in command for mark, _why in NOT_RUN):
                    continue
                out.append((doc.relative_to(ROOT).as_posix(), command))
    return out


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A folder (and a HOME) with every file the examples name."""
    home = tmp_path_factory.mktemp("doc-examples")
    drafts = sorted((FIXTURES / "drafts").iterdir())
    text = [p for p in drafts if p.suffix == ".txt"]
    mails = [p for p in drafts if p.suffix == ".eml"]
    shutil.copy(text[0], home / "draft.txt")
    shutil.copy(mails[0], home / "draft.eml")
    shutil.copy(mails[-1], home / "reply.eml")
    shutil.copy(mails[0], home / "message.eml")
    (home / "notes").mkdir()
    for p in text[:2]:
        shutil.copy(p, home / "notes" / p.name)
    (home / "clients").mkdir()
    for p in drafts[:3]:
        shutil.copy(p, home / "clients" / p.name)
    maildir = home / "Mail" / "Drafts"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    shutil.copy(mails[0], maildir / "cur" / "1700000000.1.host:2,S")
    (home / "sent.mbox").write_bytes(b"From sam@example.com Tue Nov 24 10:00:00 2026\n" + mails[0].read_bytes())
    (home / "list.txt").write_text("draft.txt\nnotes\n")
    # the examples are about the commands; grammar checks are tested elsewhere (and need no JVM here)
    (home / ".followup-lint.toml").write_text("grammar = false\n")
    venv = home / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "followup-lint").symlink_to(Path(sys.executable).parent / "followup-lint")
    subprocess.run(["git", "init", "-q", str(home)], check=True)
    return home


def test_the_docs_have_examples_to_run():
    found = commands()
    assert len(found) >= 15, found
    assert {doc for doc, _ in found} >= {"README.md", "docs/batch.md", "docs/hooks.md", "docs/configuration.md"}


@pytest.mark.parametrize("doc, command", commands())
def test_a_shell_example_runs(sandbox, doc, command):
    env = {**os.environ, "HOME": str(sandbox), "FOLLOWUP_LINT_CONFIG_DIR": str(sandbox / ".config" / "fl"),
           "FOLLOWUP_LINT_SAVE_DIR": str(sandbox / "refused"), "FOLLOWUP_LINT_WARM": "0",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    if "words remove" in command:  # the example removes what the one before it added
        run_cli("words", "add", *command.split("remove", 1)[1].split(), env=env)
    cwd = sandbox
    if re.search(r"followup-lint init\b", command):  # writes a config: in a folder without one
        cwd = Path(tempfile.mkdtemp(dir=sandbox))
        (cwd / ".venv").symlink_to(sandbox / ".venv")
    proc = subprocess.run(["sh", "-c", command], cwd=cwd, env=env, capture_output=True, timeout=600)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), f"{doc}: `{command}` exited {proc.returncode}: {err}"
    assert "Traceback" not in err and "error:" not in err, f"{doc}: `{command}`: {err}"
    assert proc.stdout.strip() or "hook" in command or "-o " in command, f"{doc}: `{command}` printed nothing"


def _subset(shown, real, where="$"):
    """Every field of the documented example is the real output's."""
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for k, v in shown.items():
            assert k in real, f"{where}.{k} is not in the real output"
            _subset(v, real[k], f"{where}.{k}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(shown) == len(real), where
        for i, (a, b) in enumerate(zip(shown, real)):
            _subset(a, b, f"{where}[{i}]")
    else:
        assert shown == real, f"{where}: the docs say {shown!r}, the output is {real!r}"


def test_the_json_format_example_is_real_output():
    text = (ROOT / "docs" / "json-format.md").read_text("utf-8")
    command = re.search(r"The output of `(followup-lint check [^`]+)`", text.replace("\n", " ")).group(1)
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    args = command.split()[1:]
    proc = run_cli(*args, "--no-cache", cwd=ROOT, env={**os.environ, "FOLLOWUP_LINT_WARM": "0"})
    real = json.loads(proc.stdout)
    assert proc.returncode == example["summary"]["exit_code"]
    _subset(example, real)
    assert set(real["summary"]) == set(example["summary"])  # every summary field is shown
    assert set(real["files"][0]["findings"][0]) <= set(example["files"][0]["findings"][0]) | {"score", "tone"}
