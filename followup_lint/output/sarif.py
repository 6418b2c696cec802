"""``--format sarif``: a SARIF 2.1.0 log (one run) for code-scanning tools.

* every rule of the registry is in ``tool.driver.rules`` (its summary, its
  documentation, its default level and category), so ``ruleIndex`` is stable;
* each finding is a ``result`` whose ``physicalLocation`` is the file the
  draft is in (for an mbox message: the mbox file, with the lines of the mbox
  file, and a ``logicalLocation`` naming the message), with the excerpt as the
  region's snippet and the suggestions in ``properties.suggestions``;
* columns count Unicode code points (``columnKind``);
* a finding with a fix carries it in ``fixes`` (its applicability, safe or
  unsafe, in the fix's properties); every rule has a ``helpUri`` to its
  documentation;
* a draft that could not be read is a ``toolExecutionNotification`` of level
  ``error``, and makes ``executionSuccessful`` false.

Relative paths are given relative to ``%SRCROOT%``, the current directory.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from followup_lint import __version__
from followup_lint.finding import Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict:
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    # percent-encoded bytes: a name that is not UTF-8 keeps its exact bytes in the URI
    return {"uri": urllib.parse.quote(os.fsencode(Path(path).as_posix())), "uriBaseId": "SRCROOT"}


def _rule_entry(r) -> dict:
    from followup_lint.output.rulesdoc import rule_url

    sections = r.sections()
    help_text = "\n\n".join(f"{title}\n{body}" for title, body in sections.items()) or r.summary
    help_md = "\n\n".join(f"**{title}**\n\n{body}" for title, body in sections.items()) or r.summary
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": sections.get("What it does", r.summary).replace("\n", " ")},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": rule_url(r),
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"category": r.category, "tags": [r.category]},
    }


def _fix(fix, location: dict) -> dict:
    """A finding's fix as a SARIF fix (its applicability in the properties)."""
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [{
                "deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                  "endLine": e.end_line, "endColumn": e.end_column},
                "insertedContent": {"text": e.content},
            } for e in fix.edits],
        }],
        "properties": {"applicability": fix.applicability},
    }


def _result(f, draft: str, location: dict, message: int | None, index: dict[str, int]) -> dict:
    """One finding as a SARIF result (an mbox message also as a logical location)."""
    loc: dict = {
        "physicalLocation": {
            "artifactLocation": location,
            "region": {
                "startLine": f.line, "startColumn": f.column,
                "endLine": f.end_line, "endColumn": f.end_column,
                "snippet": {"text": f.excerpt},
            },
        },
    }
    if message is not None:
        loc["logicalLocations"] = [{"name": f"message {message}", "fullyQualifiedName": draft, "kind": "message"}]
    result = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [loc],
        "properties": {"category": f.category, "severity": f.severity.label, "rule": f.rule,
                       "origin": f.origin, "suggestions": list(f.suggestions), "draft": draft},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.fix is not None:
        result["fixes"] = [_fix(f.fix, location)]
    return result


def render(report) -> str:
    """``report.files`` maps a result's path to (the file it is in, mbox
    message number or None); paths not in it are their own file."""
    from followup_lint.rules import all_rules

    results, exit_code, files = report.results, report.exit_code, report.files
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    out_results = []
    notifications = []
    for r in results:
        file, message = files.get(r.path, (r.path, None))
        location = artifact_location(file)
        if r.error:
            notifications.append({
                "level": "error",
                "message": {"text": r.error},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            })
            continue
        out_results += [_result(f, r.path, location, message, index) for f in r.findings]
    cwd = Path.cwd().as_uri().rstrip("/") + "/"
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "followup-lint", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_entry(r) for r in rules]}},
            "originalUriBaseIds": {"SRCROOT": {"uri": cwd}},
            "invocations": [{"executionSuccessful": not any(r.error for r in results), "exitCode": exit_code,
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": out_results,
        }],
    }
    from followup_lint.output.jsonfmt import dumps

    return dumps(log)
