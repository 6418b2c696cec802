"""Bad input never breaks a run (issue 8, docs/robustness.md).

Every case goes through the real command line in a subprocess, in one batch
with good drafts before and after it: a draft that cannot be checked gets one
line on standard error naming the file and the problem, the run exits 2, and
every other draft is still checked with exact positions.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, file_text_at, without_root_powers

GOOD = "Subject: Thank you\n\nHi Dana,\n\nThank you for the interview on Monday. I enjoyed it.\n\nBest regards,\nSam\n"
EML_HEAD = b"From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: Thank you\nMIME-Version: 1.0\n"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("draft.txt", GOOD)
    return buf.getvalue()


def _nested(depth: int) -> bytes:
    head, tail = b"", b""
    for n in range(depth, 0, -1):
        head += f'Content-Type: multipart/mixed; boundary="b{n}"\n\n--b{n}\n'.encode()
        tail = f"\n--b{n}--\n".encode() + tail
    return EML_HEAD + head + b"Content-Type: text/plain\n\nHi Dana,\n\nThank you for the [Position] interview.\n" + tail


HOSTILE_HTML = (EML_HEAD + b"Content-Type: text/html; charset=utf-8\n\n"
                b"<html><head><script>alert('x')</script><style>p{color:red}</style></head><body>"
                b"<p>Hi Dana,<p>Thanks for the [Position] chat &amp; more &bogus; &#99999999999; &#x110000; &#0; &#xD800;"
                b" <b>bold<i>unclosed <img src=x onerror=alert(1)> </div></div><!-- c <p>Best,<br>Sam"
                b"<script>document.write('<p>x')</script><![CDATA[ zz ]]> <a href='javascript:alert(1)'>link</a>"
                b" < notatag &lt;script&gt;\n")

RTL = ("Hi Dana,\n\n\u05e9\u05dc\u05d5\u05dd, thank you \u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 for the "
       "[Position] chat \U0001f469\u200d\U0001f4bb\U0001f389. Zero\u200bwidth\u200d and \ufeff and control "
       "\x01\x07\x1b[31m red \x7f\x85 end.\n\nBest,\nSam\n")


def make_cases(folder: Path) -> dict[str, Path]:
    """Every bad-input case of issue 8 as a file of ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "00-good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blank.md": b"  \n\t\n \r\n",
        "big.txt": (b"word " * 15 + b"end.\n") * (20_000_000 // 80),
        "invalid-utf8.txt": b"Hi Dana,\n\nThank you \xff\xfe for the [Position] \xc3 interview.\n\nBest,\nSam\n",
        "mislabelled.eml": EML_HEAD + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                           b"Hi Dana,\n\nThank you for the caf\xe9 chat about the [Position] role.\n\nBest,\nSam\n",
        "no-boundary.eml": EML_HEAD + b"Content-Type: multipart/alternative\n\n--abc\nContent-Type: text/plain\n\n"
                           b"Hi Dana,\n\nThanks.\n--abc--\n",
        "truncated-base64.eml": EML_HEAD + b"Content-Type: text/plain; charset=utf-8\n"
                                b"Content-Transfer-Encoding: base64\n\n"
                                + base64.b64encode(b"Hi Dana,\n\nThank you for the [Position] interview. "
                                                   b"I enjoyed it.\n")[:-7] + b"\n",
        "attachments-only.eml": EML_HEAD + b'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
                                b"Content-Type: application/pdf; name=cv.pdf\n"
                                b"Content-Disposition: attachment; filename=cv.pdf\n"
                                b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(b"%PDF-1.4 cv")
                                + b"--b1--\n",
        "nested-10.eml": _nested(10),
        "nested-21.eml": _nested(21),
        "nested-1000.eml": _nested(1000),
        "hostile-html.eml": HOSTILE_HTML,
        "no-punctuation-10000.txt": "\n".join(f"this is line number {i} with some words and no stop"
                                              for i in range(10_000)).encode(),
        "no-punctuation-1500.txt": "\n".join(f"this is line number {i} with some words and no stop"
                                             for i in range(1_500)).encode(),
        "rtl-emoji-controls.txt": RTL.encode(),
        "zz-good.eml": EML_HEAD + b"Content-Type: text/plain; charset=utf-8\n\n" + GOOD.split("\n\n", 1)[1].encode(),
    }
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    # binary files named on the command line (a folder walk only picks drafts)
    outside = folder.parent / "given"
    outside.mkdir(exist_ok=True)
    (outside / "photo.png").write_bytes(_png())
    (outside / "archive.zip").write_bytes(_zip())
    return paths


def cli(*args, cache: Path, stdin=None, env=None, prefix=()):
    full = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(cache), **(env or {}))
    return subprocess.run([*prefix, sys.executable, "-m", "followup_lint", *args], input=stdin,
                          capture_output=True, cwd=ROOT, env=full, timeout=600)


def digests(*roots: Path) -> dict[str, str]:
    out = {}
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and not p.is_symlink():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust")
    folder = root / "drafts"
    make_cases(folder)
    given = root / "given"
    before = digests(root)
    proc = cli("check", "--no-grammar", "--format", "json", "-j", "1", str(folder),
               str(given / "photo.png"), str(given / "archive.zip"), cache=root / "cache")
    return folder, given, proc, before, digests(root)


def test_each_bad_input_is_one_line_and_the_batch_goes_on(batch):
    folder, given, proc, _before, _after = batch
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    f = folder
    assert err.splitlines() == [
        f"followup-lint: {f / 'sub' / 'up'}: symbolic link loop, skipped",
        f"followup-lint: error: {f / 'attachments-only.eml'}: no text to check, only attachments (cv.pdf)",
        f"followup-lint: error: {f / 'big.txt'}: too large for a draft (20.0 MB; the limit is 10.0 MB, "
        "set by max-file-size)",
        f"followup-lint: error: {f / 'blank.md'}: is empty, nothing to check",
        f"followup-lint: error: {f / 'empty.txt'}: is empty, nothing to check",
        f"followup-lint: error: {f / 'loop-a.txt'}: symbolic link loop",
        f"followup-lint: error: {f / 'loop-b.txt'}: symbolic link loop",
        f"followup-lint: error: {f / 'nested-1000.eml'}: malformed MIME: multipart parts nested too deeply",
        f"followup-lint: error: {f / 'nested-21.eml'}: malformed MIME: multipart parts nested more than 20 deep",
        f"followup-lint: error: {f / 'no-boundary.eml'}: malformed MIME: a multipart/alternative part has no "
        "boundary parameter",
        f"followup-lint: error: {f / 'no-punctuation-10000.txt'}: too long for an email draft (528,889 characters "
        "of text; the limit is 200,000)",
        f"followup-lint: error: {given / 'archive.zip'}: looks like a binary file, not a draft",
        f"followup-lint: error: {given / 'photo.png'}: looks like a binary file, not a draft",
    ]


def test_the_drafts_that_can_be_read_are_checked_with_exact_positions(batch):
    folder, _given, proc, _before, _after = batch
    doc = json.loads(proc.stdout)
    by_name = {Path(x["path"]).name: x for x in doc["files"]}
    checked = sorted(n for n, x in by_name.items() if x["error"] is None)
    assert checked == ["00-good.txt", "hostile-html.eml", "invalid-utf8.txt", "mislabelled.eml", "nested-10.eml",
                       "no-punctuation-1500.txt", "rtl-emoji-controls.txt", "truncated-base64.eml", "zz-good.eml"]
    codes = {n: sorted({f["code"] for f in by_name[n]["findings"]}) for n in checked}
    assert "G101" in codes["hostile-html.eml"] and "G101" in codes["invalid-utf8.txt"]
    assert "G101" in codes["mislabelled.eml"] and "G101" in codes["nested-10.eml"]
    assert "G101" in codes["rtl-emoji-controls.txt"] and "G101" in codes["truncated-base64.eml"]
    assert by_name["00-good.txt"]["findings"] and by_name["zz-good.eml"]["findings"]
    for n in checked:
        raw = (folder / n).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
        for f in by_name[n]["findings"]:
            assert file_text_at(text, f["line"], f["column"], f["end_line"], f["end_column"]) == f["excerpt"], (n, f)


def test_mislabelled_charset_is_read_as_latin1(batch):
    _folder, _given, proc, _before, _after = batch
    doc = json.loads(proc.stdout)
    eml = next(x for x in doc["files"] if x["path"].endswith("mislabelled.eml"))
    g101 = next(f for f in eml["findings"] if f["code"] == "G101")
    assert (g101["line"], g101["column"], g101["excerpt"]) == (10, 39, "[Position]")


def test_script_and_style_text_is_never_judged(batch):
    _folder, _given, proc, _before, _after = batch
    doc = json.loads(proc.stdout)
    html = next(x for x in doc["files"] if x["path"].endswith("hostile-html.eml"))
    g101 = [f for f in html["findings"] if f["code"] == "G101"]
    assert [(f["line"], f["column"], f["excerpt"]) for f in g101] == [(7, 109, "[Position]")]
    from followup_lint.draft import parse_bytes

    judged = parse_bytes(HOSTILE_HTML, "hostile.eml").text.text
    assert "alert" not in judged and "color:red" not in judged and "document.write" not in judged
    assert judged.startswith("Hi Dana,\n\nThanks for the [Position] chat & more &bogus; \ufffd \ufffd \ufffd \ufffd bold")


def test_inputs_are_never_modified_and_nothing_is_written_next_to_them(batch):
    """Hashes of every input before and after the full batch; no new file
    appears among them (the cache lives in its own directory)."""
    folder, _given, _proc, before, after = batch
    inputs_after = {k: v for k, v in after.items() if "/cache/" not in k}
    assert len(before) == 19 and before == inputs_after


def test_a_50000_character_sentence_is_checked_with_grammar(tmp_path, languagetool):
    words = ("thanks for the great interview and I really enjoyed " * 1000)[:50_000]
    draft = tmp_path / "long.txt"
    draft.write_text(f"Hi Dana,\n\n{words}\n\nBest,\nSam\n")
    proc = cli("check", "--format", "json", "-j", "1", str(draft), cache=tmp_path / "cache")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b""
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert {"W101", "S404"} <= {f["code"] for f in findings}
    long = next(f for f in findings if f["code"] == "W101")
    assert (long["line"], long["column"]) == (3, 1)


def test_size_limit_from_config_and_flag(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / ".followup-lint.toml").write_text('max-file-size = "50 B"\n')
    proc = cli("check", "--no-grammar", "-q", str(tmp_path / "a.txt"), cache=tmp_path / "c")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        f"followup-lint: error: {tmp_path / 'a.txt'}: too large for a draft (102 bytes; the limit is 50 bytes, "
        "set by max-file-size)"]
    proc = cli("check", "--no-grammar", "-q", "--max-file-size", "1kB", str(tmp_path / "a.txt"), cache=tmp_path / "c")
    assert proc.returncode == 0 and proc.stderr == b""
    assert f"{tmp_path / 'a.txt'}:5:1: S404" in proc.stdout.decode()
    proc = cli("check", "--max-file-size", "lots", str(tmp_path / "a.txt"), cache=tmp_path / "c")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "followup-lint: error: --max-file-size: 'lots' is not a size (bytes, or a number with kB, MB, GB, KiB, MiB, "
        "GiB)"]
    (tmp_path / ".followup-lint.toml").write_text("max-file-size = true\n")
    proc = cli("check", str(tmp_path / "a.txt"), cache=tmp_path / "c")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        f"followup-lint: error: {tmp_path / '.followup-lint.toml'}: max-file-size must be a size (bytes, or a "
        'string such as "10MB")']


def test_standard_input_is_bounded_too(tmp_path):
    proc = cli("check", "--no-grammar", "--max-file-size", "100", "-", cache=tmp_path / "c", stdin=GOOD.encode() * 3)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "followup-lint: error: <stdin>: too large for a draft (more than 100 bytes; the limit is 100 bytes, set by max-file-size)"]


def test_a_file_name_with_a_newline_stays_one_line(tmp_path):
    odd = tmp_path / "evil\nname\x1b[2J.txt"
    odd.write_bytes(b"")
    proc = cli("check", "--no-grammar", "-q", str(odd), cache=tmp_path / "c")
    assert proc.returncode == 2
    shown = str(tmp_path) + "/evil\\nname\\x1b[2J.txt"
    assert proc.stderr.decode().splitlines() == [f"followup-lint: error: {shown}: is empty, nothing to check"]


def test_a_folder_that_cannot_be_listed_is_one_line(tmp_path):
    prefix = without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv (util-linux): root lists every folder")
    top = tmp_path / "top"
    (top / "locked").mkdir(parents=True)
    (top / "locked" / "x.txt").write_text(GOOD)
    (top / "a.txt").write_text(GOOD)
    (top / "locked").chmod(0)
    try:
        proc = cli("check", "--no-grammar", "-q", str(top), cache=tmp_path / "c", prefix=prefix)
    finally:
        (top / "locked").chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode().splitlines() == [
        f"followup-lint: error: {top / 'locked'}: cannot list folder (Permission denied)"]
    assert f"{top / 'a.txt'}:5:1: S404" in proc.stdout.decode()


def _blocked_reading_stdin(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return len(fields) > 1 and fields[0] == "0" and fields[1] == "0x0"  # read(0, ...) on x86-64/arm64: 0/63


def test_a_file_deleted_while_the_batch_runs(tmp_path):
    """The batch lists the folder, then reads standard input first ("-"
    sorts first): while it waits there, a listed file is deleted for real."""
    if not Path("/proc/self/syscall").exists():
        pytest.skip("no /proc/PID/syscall here to see the run wait on standard input")
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(GOOD)
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(tmp_path / "c"))
    proc = subprocess.Popen([sys.executable, "-m", "followup_lint", "check", "--no-grammar", "-q", "-", str(folder)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while not _blocked_reading_stdin(proc.pid):
            assert proc.poll() is None and time.monotonic() < deadline, "the run never waited on standard input"
            time.sleep(0.05)
        (folder / "b.txt").unlink()
        out, err = proc.communicate(GOOD.encode(), timeout=300)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 2, err
    assert err.decode().splitlines() == [f"followup-lint: error: {folder / 'b.txt'}: no such file"]
    text = out.decode()
    for shown in ("<stdin>", folder / "a.txt", folder / "c.txt"):
        assert f"{shown}:5:1: S404" in text
