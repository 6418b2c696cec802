"""A real editor: headless Neovim (Debian package ``neovim``, installed by
.ci/system-deps.sh) starts ``python -m followup_lint.lsp`` through its
built-in LSP client, opens a hostile draft, and the diagnostics are read back
through ``vim.diagnostic.get()``; a preferred fix is applied as Neovim applies
one, and the finding goes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EDITORS = Path(__file__).parent / "editors"
HOSTILE = ("Subject: Re: your decision\n\nHi Dana,\n\n"
           "Thanks for nothing. You wasted my time and i will not forget it!!!\n\nSam\n")
NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (Debian package neovim; "
                                                     "`make system-deps` installs it)")


def run_neovim(tmp_path: Path, script: str) -> dict:
    """Headless Neovim runs ``tests/editors/<script>`` on a hostile draft;
    what the script wrote to $OUT."""
    draft = tmp_path / "reply.txt"
    draft.write_text(HOSTILE, "utf-8")
    out = tmp_path / "report.json"
    env = dict(os.environ, OUT=str(out), DRAFT=str(draft), PY=sys.executable, WAIT_MS="240000",
               XDG_CONFIG_HOME=str(tmp_path / "xdg"), XDG_STATE_HOME=str(tmp_path / "xdg-state"),
               FOLLOWUP_LINT_CONFIG_DIR=str(tmp_path / "user-config"))
    done = subprocess.run([NVIM, "--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n",
                           "-c", f"luafile {EDITORS / script}"], cwd=tmp_path, env=env, capture_output=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(out.read_text("utf-8"))


def test_neovim_shows_the_findings_of_a_hostile_draft(tmp_path):
    report = run_neovim(tmp_path, "neovim_diagnostics.lua")
    assert report["ok"], "Neovim got no diagnostics"
    got = {(d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["severity"])
           for d in report["diagnostics"]}
    # 0-based lines, byte columns; severity 1 error, 2 warning, 3 info
    assert ("H301", 4, 0, 4, 18, 2) in got      # "Thanks for nothing": sarcasm
    assert ("H201", 4, 20, 4, 38, 1) in got     # "You wasted my time": blame
    assert ("W205", 4, 43, 4, 44, 2) in got     # "i"
    assert ("H401", 4, 63, 4, 66, 2) in got     # "!!!"
    assert all(d["source"] == "followup-lint" for d in report["diagnostics"])
    h201 = next(d for d in report["diagnostics"] if d["code"] == "H201")
    assert h201["message"].startswith('"You wasted my time" accuses the reader')


def test_neovim_applies_the_preferred_fix_and_the_finding_goes(tmp_path):
    """The code action as Neovim applies it: its own workspace-edit code
    changes the buffer, Neovim sends the change, the server checks again."""
    report = run_neovim(tmp_path, "neovim_code_action.lua")
    assert report["applied"] == 'W205: Replace "i" with "I"'
    assert report["ok"], report
    assert report["lines"][4] == "Thanks for nothing. You wasted my time and I will not forget it!!!"
    assert "W205" in report["before"] and "W205" not in report["after"]
    assert {"H301", "H201", "H401"} <= set(report["after"])  # the rest of the findings stay
