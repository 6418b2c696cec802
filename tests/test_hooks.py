"""Pre-send hooks, driven through real subprocesses and real mail tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

HOSTILE = (b"From: Sam Lee <sam@example.com>\r\nTo: Dana Smith <dana@acme.com>\r\n"
           b"Subject: Re: your application\r\n\r\nHi Dana,\r\n\r\nThanks for nothing. "
           b"You wasted my time.\r\n\r\nBest regards,\r\nSam Lee\r\n")
CLEAN = (b"From: Sam Lee <sam@example.com>\nTo: Dana Smith <dana@acme.com>\n"
         b"Subject: Thank you - data engineer interview\n\nHi Dana,\n\nThank you for meeting with me on "
         b"Tuesday about the data engineer role at Acme. I enjoyed hearing how your team moved the billing "
         b"reports to streaming.\n\nBest regards,\nSam Lee\n")
FOLLOWUP_LINT = str(Path(sys.executable).parent / "followup-lint")


@pytest.fixture()
def mailbox(tmp_path):
    """A real 'sendmail' program that writes what it receives to a file."""
    out = tmp_path / "delivered.eml"
    args = tmp_path / "args.txt"
    prog = tmp_path / "fake-sendmail"
    prog.write_text(f"#!/bin/sh\ncat > {out}\nprintf '%s\\n' \"$@\" > {args}\nexit ${{FAKE_EXIT:-0}}\n")
    prog.chmod(0o755)
    cfg = tmp_path / "hook.toml"
    cfg.write_text("grammar = false\n")
    return {"prog": prog, "out": out, "args": args, "cfg": cfg, "saved": tmp_path / "refused", "tmp": tmp_path}


def sendmail(box, message: bytes, *extra: str, env: dict | None = None):
    return run_cli("sendmail", "--config", str(box["cfg"]), "--save-dir", str(box["saved"]), *extra,
                   "--", str(box["prog"]), "-oi", "dana@acme.com", input=message, env=env)


def test_hostile_reply_is_refused_and_saved_byte_for_byte(mailbox):
    proc = sendmail(mailbox, HOSTILE)
    assert proc.returncode == 1
    assert not mailbox["out"].exists(), "the real sendmail must not run"
    saved = list(mailbox["saved"].iterdir())
    assert len(saved) == 1 and saved[0].read_bytes() == HOSTILE
    err = proc.stderr.decode()
    assert "H201 [error]" in err and f"The message is saved in {saved[0]}" in err
    assert oct(saved[0].stat().st_mode & 0o777) == "0o600"


def test_clean_note_is_delivered_byte_for_byte_with_its_arguments(mailbox):
    proc = sendmail(mailbox, CLEAN)
    assert proc.returncode == 0, proc.stderr
    assert mailbox["out"].read_bytes() == CLEAN
    assert mailbox["args"].read_text().split() == ["-oi", "dana@acme.com"]
    assert not mailbox["saved"].exists()


def test_exit_code_of_the_real_sendmail_is_passed_on(mailbox):
    proc = sendmail(mailbox, CLEAN, env={"FAKE_EXIT": "3"})
    assert proc.returncode == 3


def test_skip_header_and_environment_escape_hatch(mailbox):
    skipped = HOSTILE.replace(b"Subject:", b"X-Followup-Lint: skip\r\nSubject:", 1)
    assert sendmail(mailbox, skipped).returncode == 0
    assert mailbox["out"].read_bytes() == skipped
    mailbox["out"].unlink()
    assert sendmail(mailbox, HOSTILE, env={"FOLLOWUP_LINT": "skip"}).returncode == 0
    assert mailbox["out"].read_bytes() == HOSTILE


def test_warn_only_prints_but_sends(mailbox):
    proc = sendmail(mailbox, HOSTILE, "--warn-only")
    assert proc.returncode == 0
    assert mailbox["out"].read_bytes() == HOSTILE
    assert b"H201 [error]" in proc.stderr


def test_the_hook_profile_shows_structure_warnings_and_refuses_presumption(mailbox):
    msg = CLEAN.replace(b"Hi Dana,", b"Hi there,")  # S102 nameless greeting: a structure warning
    proc = sendmail(mailbox, msg)
    assert proc.returncode == 0 and mailbox["out"].read_bytes() == msg
    assert b"S102 [warning]" in proc.stderr and b"sent: nothing that blocks a send" in proc.stderr
    mailbox["out"].unlink()
    assert sendmail(mailbox, msg, "--fail-on", "warning").returncode == 1  # one level for everything
    assert not mailbox["out"].exists()
    mailbox["cfg"].write_text('grammar = false\n[hook]\nfail-on = "warning"\n')
    assert sendmail(mailbox, msg).returncode == 1  # or from the config
    mailbox["cfg"].write_text("grammar = false\n")
    presumptuous = CLEAN.replace(b"to streaming.", b"to streaming. I look forward to my first day.")
    proc = sendmail(mailbox, presumptuous)  # P101 is a warning, but presumptuous: refused
    assert proc.returncode == 1 and b"P101 [warning]" in proc.stderr
    assert b"not sent: 1 finding(s) at or above warning for desperate, hostile and presumptuous; " \
           b"error otherwise" in proc.stderr
    assert not mailbox["out"].exists()


def test_a_message_that_cannot_be_read_or_a_missing_sendmail_say_so(mailbox):
    proc = sendmail(mailbox, b"Subject: hi\n\n")
    assert proc.returncode == 2 and b"not sent: the message could not be checked" in proc.stderr
    assert b"0 finding(s)" not in proc.stderr
    proc = run_cli("sendmail", "--save-dir", str(mailbox["saved"]), "--", "/nonexistent/sendmail", input=b"x\n")
    err = proc.stderr.decode()
    assert proc.returncode == 127 and "/nonexistent/sendmail: command not found" in err and "\n" == err[-1]
    assert sorted(p.read_bytes() for p in mailbox["saved"].iterdir()) == [b"Subject: hi\n\n", b"x\n"]


@pytest.mark.parametrize("policy, code, delivered", [("closed", 75, False), ("open", 0, True)])
def test_linter_failure_follows_the_chosen_policy(mailbox, policy, code, delivered):
    # a real failure inside the linter: the configured spaCy model does not exist
    mailbox["cfg"].write_text('grammar = false\nmodel = "no_such_model_xx"\n')
    proc = sendmail(mailbox, CLEAN, "--on-error", policy)
    assert proc.returncode == code, proc.stderr
    assert mailbox["out"].exists() is delivered
    if not delivered:
        assert [p.read_bytes() for p in mailbox["saved"].iterdir()] == [CLEAN]
    assert b"Traceback" not in proc.stderr


def _git(repo: Path, *args: str, env: dict | None = None, check: bool = True):
    full = {**os.environ, "GIT_AUTHOR_NAME": "Sam Lee", "GIT_AUTHOR_EMAIL": "sam@example.com",
            "GIT_COMMITTER_NAME": "Sam Lee", "GIT_COMMITTER_EMAIL": "sam@example.com", **(env or {})}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=full, check=check)


@pytest.fixture()
def repo(tmp_path):
    r = tmp_path / "repo"
    r.mkdir()
    _git(r, "init", "-q")
    (r / "notes.txt").write_text("notes\n")
    _git(r, "add", "notes.txt")
    _git(r, "commit", "-qm", "Start")
    return r


def _patch(repo: Path, subject: str, body: str) -> Path:
    with open(repo / "notes.txt", "a") as fh:
        fh.write(subject + "\n")
    _git(repo, "commit", "-qam", f"{subject}\n\n{body}")
    out = _git(repo, "format-patch", "-1", "-o", str(repo / "out"))
    return Path(out.stdout.decode().strip().splitlines()[-1])


def test_hook_install_refuses_to_overwrite_a_foreign_hook(repo):
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sendemail-validate").write_text("#!/bin/sh\nexit 0\n")
    proc = run_cli("hook", "install", "--git", "--repo", str(repo))
    assert proc.returncode == 2 and b"use --force" in proc.stderr
    assert run_cli("hook", "install", "--git", "--repo", str(repo), "--force").returncode == 0
    assert "installed by followup-lint" in (hooks / "sendemail-validate").read_text()
    assert run_cli("hook", "install", "--git", "--repo", str(repo)).returncode == 0  # ours: fine


GIT_SEND_EMAIL = Path(subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip(),
                      "git-send-email")


@pytest.mark.skipif(not GIT_SEND_EMAIL.exists(), reason="git send-email is not installed (Debian package git-email)")
def test_git_send_email_validate_hook(repo, mailbox):
    assert run_cli("hook", "install", "--git", "--repo", str(repo)).returncode == 0
    (repo / ".followup-lint.toml").write_text("grammar = false\n")
    send = ["send-email", "--confirm=never", "--to", "dana@acme.com", f"--smtp-server={mailbox['prog']}"]
    bad = _patch(repo, "Reply to Dana", "Hi Dana,\n\nYou obviously did not read my resume.\n\nBest,\nSam")
    proc = _git(repo, *send, str(bad), check=False)
    assert proc.returncode != 0
    assert b"rejected by sendemail-validate hook" in proc.stderr
    assert b"H201 [error]" in proc.stderr
    assert not mailbox["out"].exists()
    good = _patch(repo, "Thank you, Dana",
                  "Hi Dana,\n\nThank you for the interview on Tuesday about the data engineer role at Acme. "
                  "I enjoyed hearing how your team moved the billing reports to streaming.\n\nBest regards,\nSam Lee")
    proc = _git(repo, *send, str(good), check=False)
    assert proc.returncode == 0, proc.stderr
    assert b"I enjoyed hearing how your team" in mailbox["out"].read_bytes()


@pytest.mark.skipif(shutil.which("neomutt") is None, reason="neomutt is not installed (Debian package neomutt)")
def test_neomutt_batch_mode_through_the_wrapper(mailbox):
    home = mailbox["tmp"]
    muttrc = home / "muttrc"
    muttrc.write_text(
        f'set sendmail="{FOLLOWUP_LINT} sendmail --config {mailbox["cfg"]} --save-dir {mailbox["saved"]} '
        f'-- {mailbox["prog"]} -oi"\nset from="Sam Lee <sam@example.com>"\nset use_from=yes\nset record=""\n')
    env = {**os.environ, "HOME": str(home)}

    def mutt(subject: str, body: bytes):
        return subprocess.run(["neomutt", "-n", "-F", str(muttrc), "-s", subject, "--", "Dana Smith <dana@acme.com>"],
                              input=body, capture_output=True, env=env, timeout=120)

    proc = mutt("Re: your decision", b"Hi Dana,\n\nThanks for nothing. You wasted my time.\n\nBest regards,\nSam Lee\n")
    assert proc.returncode != 0
    assert not mailbox["out"].exists()
    assert len(list(mailbox["saved"].iterdir())) == 1
    proc = mutt("Thank you - data engineer interview",
                b"Hi Dana,\n\nThank you for meeting with me on Tuesday about the data engineer role at Acme. "
                b"I enjoyed hearing how your team moved the billing reports to streaming.\n\nBest regards,\nSam Lee\n")
    assert proc.returncode == 0, proc.stderr
    delivered = mailbox["out"].read_bytes()
    assert b"Subject: Thank you - data engineer interview" in delivered
    assert b"moved the billing reports to streaming" in delivered


LONG_AND_DBT = (b"Hi Dana,\n\nThank you for meeting with me on Tuesday about the data engineer role at Acme. "
                b"I enjoyed hearing how your team moved the billing reports from nightly batch jobs to a "
                b"streaming pipeline with dbt models, and how the analysts now get their numbers "
                b"within minutes instead of waiting for the next morning.\n\n"
                b"I attached the query plan we talked about.\n\nBest regards,\nSam Lee\n")


@pytest.mark.skipif(shutil.which("neomutt") is None, reason="neomutt is not installed (Debian package neomutt)")
def test_neomutt_sends_a_good_note_with_a_long_sentence_and_dbt_with_default_settings(mailbox):
    """The issue's case: default settings (grammar on, through the session's
    LanguageTool), a 38-word sentence (W101) and "dbt" (L101) are shown, not
    blocked; the attachment is there; a hostile reply is still refused."""
    home = mailbox["tmp"]
    plan = home / "query-plan.txt"
    plan.write_text("EXPLAIN ...\n")
    muttrc = home / "muttrc"
    muttrc.write_text(
        f'set sendmail="{FOLLOWUP_LINT} sendmail --save-dir {mailbox["saved"]} -- {mailbox["prog"]} -oi"\n'
        f'set from="Sam Lee <sam@example.com>"\nset use_from=yes\nset record=""\n')
    env = {**os.environ, "HOME": str(home)}
    sentence = LONG_AND_DBT.split(b". ")[1].split(b"\n")[0]
    assert len(sentence.split()) == 38

    def mutt(subject: str, body: bytes, *extra: str):
        return subprocess.run(["neomutt", "-n", "-F", str(muttrc), "-s", subject, *extra, "--",
                               "Dana Smith <dana@acme.com>"], input=body, capture_output=True, env=env,
                              timeout=300, cwd=home)

    proc = mutt("Thank you - data engineer interview", LONG_AND_DBT, "-a", str(plan))
    assert proc.returncode == 0, proc.stderr
    delivered = mailbox["out"].read_bytes()
    assert b"streaming pipeline with dbt models" in delivered and b"query-plan.txt" in delivered
    shown = run_cli("hook", "run", "-", input=delivered, cwd=home)  # what the hook printed for it
    assert shown.returncode == 0 and b"W101 [warning]" in shown.stderr, shown.stderr
    proc = mutt("Re: your decision", b"Hi Dana,\n\nThanks for nothing. You wasted my time.\n\nBest regards,\nSam Lee\n")
    assert proc.returncode != 0
    assert len(list(mailbox["saved"].iterdir())) == 1


def test_pre_commit_runs_the_hook_from_this_repository(tmp_path):
    """pre-commit installs this repository (at HEAD) as it would from a URL."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _git(drafts, "init", "-q")
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: followup-lint\n")
    (drafts / ".followup-lint.toml").write_text("grammar = false\n")
    (drafts / "reply.txt").write_bytes(b"Hi Dana,\n\nYou wasted my time.\n\nBest regards,\nSam Lee\n")
    (drafts / "thanks.txt").write_bytes(CLEAN.split(b"\n\n", 1)[1])
    _git(drafts, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    proc = subprocess.run(pre_commit, cwd=drafts, capture_output=True, env=env, timeout=900)
    out = proc.stdout.decode()
    assert proc.returncode == 1, out
    assert "reply.txt:3:1: H201 [error]" in out
    assert not re.search(r"thanks\.txt:\d+:\d+: \w+ \[(error|warning)\]", out), out
    (drafts / "reply.txt").unlink()
    _git(drafts, "add", "-A")
    proc = subprocess.run(pre_commit, cwd=drafts, capture_output=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout.decode()
