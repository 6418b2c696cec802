"""Make docs/report.png: the HTML report of the demo drafts, in headless
Chromium, with one highlighted passage hovered.

    python bench/screenshot.py [--grammar] [--out docs/report.png]

Needs the Debian chromium (/usr/bin/chromium) and the playwright package
(never `playwright install`: the browser is Debian's).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ["fixtures/drafts/03-reply-to-rejection-hostile.txt", "fixtures/drafts/02-template-unfilled.txt",
          "fixtures/drafts/04-presumptuous-desperate.txt"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--grammar", action="store_true", help="include LanguageTool's findings")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="followup-shot-") as tmp:
        report = Path(tmp) / "report.html"
        flags = [] if args.grammar else ["--no-grammar"]
        subprocess.run([sys.executable, "-m", "followup_lint", "check", "--quiet", "--no-cache", "--format", "html",
                        "-o", str(report), *flags, *DRAFTS], cwd=ROOT, check=False,
                       env=dict(os.environ))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1150, "height": 1500}, device_scale_factor=1)
            page.goto(report.as_uri())
            mark = page.locator("section.draft mark.f.sev-error").first
            mark.hover()
            page.screenshot(path=str(args.out))
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
