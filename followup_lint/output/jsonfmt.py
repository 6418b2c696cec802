"""``--format json``: the version "1" contract documented in docs/json-format.md."""

from __future__ import annotations

import json
import re
from collections import Counter

from followup_lint import __version__
from followup_lint.finding import CATEGORIES

SCHEMA_VERSION = "1"


def summary(results, exit_code: int) -> dict:
    findings = [f for r in results for f in r.findings]
    sev = Counter(f.severity.label for f in findings)
    cat = Counter(f.category for f in findings)
    return {
        "files": len(results),
        "files_with_findings": sum(1 for r in results if r.findings),
        "files_with_errors": sum(1 for r in results if r.error),
        "findings": len(findings),
        "by_severity": {k: sev.get(k, 0) for k in ("error", "warning", "info")},
        "by_category": {k: cat.get(k, 0) for k in CATEGORIES},
        "by_rule": dict(sorted(Counter(f.code for f in findings).items())),
        "exit_code": exit_code,
    }


def document(results, exit_code: int, tool_info: dict | None = None, show_hidden: bool = False) -> dict:
    """The whole JSON output as a dict (with ``show_hidden``, each file also
    lists the findings the config hides, under ``hidden``)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "followup-lint", "version": __version__, **(tool_info or {})},
        "files": [{**r.to_dict(), "hidden": [f.to_dict() for f in r.hidden]} if show_hidden else r.to_dict()
                  for r in results],
        "summary": summary(results, exit_code),
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(doc) -> str:
    """``doc`` as JSON text that is valid UTF-8 whatever it holds: a file
    name's bytes that are not UTF-8 (and any lone surrogate from an
    undecodable ``.eml``) become U+FFFD. They can only be inside strings,
    so replacing them in the text is the same as in every string."""
    return valid_text(json.dumps(doc, indent=2, ensure_ascii=False))


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate as U+FFFD: encodable as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def render(report) -> str:
    return dumps(document(report.results, report.exit_code, dict(report.tool), show_hidden=report.show_hidden))
