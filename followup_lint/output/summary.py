"""The end of a batch's text report: counts per category, the worst drafts,
totals and time; and ``--statistics``, one line per rule (like ruff's)."""

from __future__ import annotations

from collections import Counter

from followup_lint.finding import CATEGORIES, Severity
from followup_lint.output.text import shown_path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def severity_counts(result) -> tuple[int, int, int]:
    c = Counter(f.severity for f in result.findings)
    return c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO]


def worst(results, limit: int = 5) -> list:
    """Drafts with findings, most errors first, then warnings, then infos."""
    with_findings = [r for r in results if r.findings and not r.error]
    return sorted(with_findings, key=lambda r: (tuple(-n for n in severity_counts(r)), r.path))[:limit]


def describe_counts(result) -> str:
    e, w, i = severity_counts(result)
    parts = [_plural(n, label) for n, label in ((e, "error"), (w, "warning"), (i, "info")) if n]
    return ", ".join(parts)


def render(results, elapsed: float, cached: int = 0, workers: int = 1) -> str:
    findings = [f for r in results for f in r.findings]
    lines = []
    by_cat = Counter(f.category for f in findings)
    if findings:
        lines.append("By category: " + ", ".join(f"{c} {by_cat[c]}" for c in CATEGORIES if by_cat[c]))
        top = worst(results)
        if top:
            lines.append("Worst drafts:")
            width = max(len(describe_counts(r)) for r in top)
            for r in top:
                lines.append(f"  {describe_counts(r):<{width}}  {shown_path(r.path)}")
    checked = sum(1 for r in results if not r.error)
    rate = checked / elapsed if elapsed > 0 else 0.0
    extra = []
    if cached:
        extra.append(f"{cached} from the cache")
    if workers > 1:
        extra.append(f"{workers} workers")
    tail = f"; {', '.join(extra)}" if extra else ""
    lines.append(f"Checked {_plural(checked, 'draft')} in {elapsed:.1f} s ({rate:.1f} drafts/s{tail}).")
    return "\n".join(lines)


def statistics(results) -> str:
    """``count  code  rule  [severity]`` per rule, most frequent first."""
    counts: Counter = Counter()
    meta = {}
    for r in results:
        for f in r.findings:
            counts[f.code] += 1
            meta[f.code] = (f.rule, f.severity.label)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    name_width = max(len(meta[c][0]) for c, _ in rows)
    return "\n".join(f"{n:>{width}}  {code:<5} {meta[code][0]:<{name_width}}  [{meta[code][1]}]"
                     for code, n in rows)


def by_rule(results) -> dict[str, int]:
    counts = Counter(f.code for r in results for f in r.findings)
    return dict(sorted(counts.items()))
