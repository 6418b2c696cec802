"""What a batch reads: folders, Maildir and mbox built with the standard
library's mailbox module, lists; loops and bad entries skipped, not fatal."""

from __future__ import annotations

import mailbox
import os
from pathlib import Path

import pytest

from conftest import message
from followup_lint import sources
from followup_lint.draft import InputError


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "coach"
    (root / "alice").mkdir(parents=True)
    (root / "alice" / "thanks.txt").write_text("Hi Dana,\n\nThank you.\n\nBest,\nAlice\n")
    (root / "alice" / "notes.md").write_text("# Notes\n\nThanks again.\n")
    (root / "alice" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "bob").mkdir()
    (root / "bob" / "reply.eml").write_bytes(message("Re: update", "Hi Dana,\n\nThanks.\n").as_bytes())
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("not a draft\n")
    (root / "archive").mkdir()
    (root / "archive" / "old.txt").write_text("Old draft.\n")
    box = mailbox.Maildir(str(root / "Mail"), create=True)
    box.add(message("Thank you", "Hi Dana,\n\nThank you for today.\n\nSam\n"))
    box.add(message("Following up", "Hi Dana,\n\nAny news?\n\nSam\n"))
    drafts = box.add_folder("Drafts")
    drafts.add(message("Draft", "Hi Dana,\n\nA draft.\n\nSam\n"))
    mb = mailbox.mbox(str(root / "sent.mbox"))
    mb.add(message("One", "Hi Dana,\n\nFirst.\n\nSam\n"))
    mb.add(message("Two", "Hi Dana,\n\nFrom the interview I learned a lot.\n\nSam\n"))
    mb.flush()
    mb.close()
    return root


def paths(expansion) -> list[str]:
    return [i.path for i in expansion.items]


def test_folder_walk_default_globs_maildir_mbox_sorted(tree: Path):
    exp = sources.expand([str(tree)])
    got = [os.path.relpath(p, tree) if not p.endswith((":1", ":2")) else p.replace(str(tree) + "/", "")
           for p in paths(exp)]
    maildir = sorted(os.path.relpath(p, tree) for p in
                     [str(f) for f in (tree / "Mail").rglob("*") if f.is_file() and f.parent.name in ("cur", "new")])
    assert len(maildir) == 3  # two in Mail, one in Mail/.Drafts
    assert got == sorted(["alice/notes.md", "alice/thanks.txt", "archive/old.txt", "bob/reply.eml",
                          *maildir, "sent.mbox:1", "sent.mbox:2"],
                         key=lambda p: (p.rsplit(":", 1)[0] if p.startswith("sent") else p,
                                        int(p.rsplit(":", 1)[1]) if p.startswith("sent") else 0))
    assert exp.notices == ()
    kinds = {os.path.relpath(i.file, tree): i.kind for i in exp.items}
    assert kinds["alice/thanks.txt"] is None and kinds["alice/notes.md"] == "markdown"
    assert all(kinds[p] == "eml" for p in maildir)


def test_include_and_exclude_globs(tree: Path):
    exp = sources.expand([str(tree)], include=["*.md"], exclude=["archive", "Mail", "*.mbox"])
    assert [os.path.relpath(p, tree) for p in paths(exp)] == ["alice/notes.md"]
    exp = sources.expand([str(tree)], exclude=["alice/*"])
    assert not any("/alice/" in p for p in paths(exp))


def test_mbox_messages_are_numbered_and_positioned_in_the_mbox(tree: Path):
    mbox = tree / "sent.mbox"
    data = mbox.read_bytes()
    items = [i for i in sources.expand([str(mbox)]).items]
    assert [i.path for i in items] == [f"{mbox}:1", f"{mbox}:2"]
    lines = data.split(b"\n")
    for item in items:
        # the line before the message is its From_ separator; the message is the mbox's bytes from there
        assert lines[item.first_line - 2].startswith(b"From ")
        assert item.read().split(b"\n")[0] == lines[item.first_line - 1]
    # mbox ">From" quoting is undone in place: same length, same columns
    second = items[1].read()
    assert b"\n From the interview I learned a lot." in second
    assert b"\n>From the interview" in data
    stored = data.split(b"\n\nFrom ")[1].split(b"\n", 1)[1]  # the second message as stored
    assert len(second) == len(stored) and second.replace(b" From the", b">From the") == stored


def test_explicit_file_sniffed_as_mbox_without_extension(tree: Path, tmp_path: Path):
    plain = tmp_path / "Drafts"  # Thunderbird keeps local folders as mbox files without extension
    plain.write_bytes((tree / "sent.mbox").read_bytes())
    assert paths(sources.expand([str(plain)])) == [f"{plain}:1", f"{plain}:2"]
    letter = tmp_path / "letter.txt"
    letter.write_text("From the moment we met, I knew.\n")
    assert paths(sources.expand([str(letter)])) == [str(letter)]


def test_symlink_loop_is_a_notice_and_bad_entries_are_errors(tree: Path):
    (tree / "alice" / "loop").symlink_to("..")
    (tree / "alice" / "gone.txt").symlink_to("nowhere.txt")
    exp = sources.expand([str(tree), str(tree / "missing.txt")])
    assert exp.notices == (f"{tree / 'alice' / 'loop'}: symbolic link loop, skipped",)
    errors = {i.path: i.error for i in exp.items if i.error}
    assert errors == {str(tree / "alice" / "gone.txt"): f"{tree / 'alice' / 'gone.txt'}: broken symbolic link"}
    missing = next(i for i in exp.items if i.path.endswith("missing.txt"))
    with pytest.raises(InputError, match="missing.txt: no such file"):
        missing.read()


def test_not_an_mbox_and_empty_mbox(tmp_path: Path):
    bad = tmp_path / "bad.mbox"
    bad.write_text("Hello, this is not a mailbox.\n")
    empty = tmp_path / "empty.mbox"
    empty.write_text("")
    exp = sources.expand([str(bad), str(empty)])
    assert [(i.path, i.error) for i in exp.items] == [
        (str(bad), f"{bad}: not an mbox file (it does not start with a \"From \" line)")]
    assert exp.notices == (f"{empty}: empty mailbox, no messages",)


def test_files_from_list(tree: Path, tmp_path: Path):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# drafts to check\n{tree / 'alice' / 'thanks.txt'}\n\n{tree / 'bob'}\n")
    exp = sources.expand([], files_from=sources.read_list(str(listing)))
    assert paths(exp) == [str(tree / "alice" / "thanks.txt"), str(tree / "bob" / "reply.eml")]


def test_each_draft_once(tree: Path):
    one = str(tree / "alice" / "thanks.txt")
    assert paths(sources.expand([one, one, str(tree / "alice")])).count(one) == 1


def test_inputs_are_never_modified(tree: Path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tree.rglob("*") if p.is_file()}
    exp = sources.expand([str(tree)])
    for item in exp.items:
        try:
            item.read()
        except InputError:
            pass
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tree.rglob("*") if p.is_file()}
    assert before == after
