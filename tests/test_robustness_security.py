"""Security parts of issue 8 (docs/robustness.md).

Also covered elsewhere: the warm linter's socket and folder are owner-only
(tests/test_warm.py::test_socket_and_directory_are_owner_only, and a socket
in a shared folder is never used); every draft text in the HTML report is
escaped (tests/test_formats.py::test_html_escapes_every_draft_text); the
sendmail wrapper saves refused messages and follows --on-error open|closed
when the linter crashes (tests/test_hooks.py).
"""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path



def _listeners(port: int) -> list[str]:
    """Local addresses listening on ``port`` (IPv4 and IPv6), from /proc/net."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            addr, hexport = local.split(":")
            if state != "0A" or int(hexport, 16) != port:
                continue
            raw = bytes.fromhex(addr)
            if width == 8:
                found.append(str(ipaddress.IPv4Address(raw[::-1])))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.append(str(ipaddress.IPv6Address(words)))
    return found


def _is_loopback(addr: str) -> bool:
    ip = ipaddress.ip_address(addr)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def test_languagetool_listens_on_loopback_only(languagetool):
    addrs = _listeners(languagetool.port)
    assert addrs, f"nothing listens on port {languagetool.port}"
    assert all(_is_loopback(a) for a in addrs), addrs


def cli(*args, cwd: Path, cache: Path):
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "followup_lint", *args], capture_output=True, cwd=cwd, env=env,
                          timeout=300)


def test_a_config_file_cannot_run_code(tmp_path):
    """Config is TOML, parsed as data: an expression that would run if it
    were evaluated is a syntax error (exit 2) or a wrong-typed value, and
    nothing runs."""
    marker = tmp_path / "pwned"
    draft = tmp_path / "a.txt"
    draft.write_text("Hi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n")
    payload = f"__import__('os').system('touch {marker}')"
    (tmp_path / ".followup-lint.toml").write_text(f"select = {payload}\n")
    proc = cli("check", "--no-grammar", str(draft), cwd=tmp_path, cache=tmp_path / "c")
    assert proc.returncode == 2
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith(f"followup-lint: error: {tmp_path / '.followup-lint.toml'}: "
                                               "invalid TOML: "), err
    (tmp_path / ".followup-lint.toml").write_text(f'fail-on = "{payload}"\n')
    proc = cli("check", "--no-grammar", str(draft), cwd=tmp_path, cache=tmp_path / "c")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[0].startswith(
        f"followup-lint: error: {tmp_path / '.followup-lint.toml'}: fail-on: ")
    (tmp_path / ".followup-lint.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(f'[tool.followup-lint]\nlanguage = "{payload}"\n'
                                             f'[tool.followup-lint.rules.G101]\n"{payload}" = 1\n')
    proc = cli("check", "--no-grammar", str(draft), cwd=tmp_path, cache=tmp_path / "c")
    assert proc.returncode == 2
    assert "unknown option" in proc.stderr.decode()
    assert not marker.exists()


def test_paths_in_drafts_and_output_are_never_opened(tmp_path):
    """Output shows lines from the draft as it was read, never by opening a
    path it names: a draft that mentions another file, and a draft replaced
    on disk after the run read it, show only their own text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE\n")
    draft = tmp_path / "a.txt"
    draft.write_text(f"Subject: [Position]\n\nHi Dana,\n\nSee {secret}:1:1 and file://{secret} please.\n\nSam\n")
    for fmt in ("text", "json", "sarif", "github", "html"):
        proc = cli("check", "--no-grammar", "--format", fmt, str(draft), cwd=tmp_path, cache=tmp_path / "c")
        assert proc.returncode in (0, 1), proc.stderr
        assert b"TOP SECRET" not in proc.stdout, fmt
    # a JSON result names only the file it read
    doc = json.loads(cli("check", "--no-grammar", "--format", "json", str(draft), cwd=tmp_path,
                         cache=tmp_path / "c").stdout)
    assert [f["path"] for f in doc["files"]] == [str(draft)]


def test_a_hostile_file_name_is_escaped_in_the_html_report(tmp_path):
    evil = tmp_path / "<img src=x onerror=alert(1)>.txt"
    evil.write_text("Hi [Name],\n\n<script>alert(2)</script> Thanks.\n\nSam\n")
    proc = cli("check", "--no-grammar", "--format", "html", str(evil), cwd=tmp_path, cache=tmp_path / "c")
    html = proc.stdout.decode()
    assert proc.returncode == 1, proc.stderr
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html and "&lt;script&gt;alert(2)" in html
