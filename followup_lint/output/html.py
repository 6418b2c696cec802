"""``--format html``: one self-contained HTML report.

One page, no external resource and no script (a Content-Security-Policy
forbids both, so even a mistake here could not run a draft's ``<script>``):

* an overview: findings per category, and the drafts, worst first;
* per draft: its metrics (a reading-grade gauge, words, sentences, questions,
  a bar per category) and its original text with line numbers, every flagged
  passage highlighted in its category's colour; hovering (or focusing) a
  passage shows the rule and its message; below, every finding with its
  position, explanation and suggestions, linked to its passage.

All text from drafts and findings is escaped.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from html import escape

from followup_lint import __version__
from followup_lint.finding import CATEGORIES, Severity
from followup_lint.output.summary import describe_counts, severity_counts, worst

COLOURS = {
    "generic": "#d4a017",
    "hostile": "#d62828",
    "presumptuous": "#8e44ad",
    "desperate": "#e67e22",
    "structure": "#2471a3",
    "writing": "#1e8449",
}

CSS = """
:root { --fg:#1d2330; --muted:#5d6778; --line:#e3e6ec; --bg:#f6f7f9; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
header.top { background:#1d2330; color:#fff; padding:18px 28px; }
header.top h1 { margin:0; font-size:21px; }
header.top p { margin:4px 0 0; color:#c9d1e0; }
main { max-width:1100px; margin:0 auto; padding:18px 28px 60px; }
.chips { display:flex; flex-wrap:wrap; gap:8px; margin:10px 0 18px; }
.chip { border-radius:999px; padding:3px 12px; color:#fff; font-weight:600; font-size:13px; }
.chip.zero { opacity:.35; }
table.overview { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); }
table.overview th, table.overview td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); font-size:14px; }
table.overview td.num { text-align:right; font-variant-numeric:tabular-nums; }
section.draft { background:#fff; border:1px solid var(--line); border-radius:8px; margin:22px 0; padding:16px 20px; }
section.draft h2 { font-size:17px; margin:0 0 4px; word-break:break-all; }
.counts { color:var(--muted); font-size:14px; }
.error-line { color:#b00020; font-weight:600; }
.metrics { display:flex; flex-wrap:wrap; gap:22px; align-items:center; margin:12px 0; }
.metric { text-align:center; min-width:70px; }
.metric b { display:block; font-size:20px; }
.metric span { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.src { font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:#fbfbfc; border:1px solid var(--line);
       border-radius:6px; padding:8px 0; }
.ln { display:flex; }
.ln .no { flex:0 0 3.2em; text-align:right; padding-right:10px; color:#a0a7b4; user-select:none; }
.ln .tx { white-space:pre-wrap; word-break:break-word; flex:1; padding-right:10px; }
mark.f { position:relative; color:inherit; border-radius:2px; padding:0; background:var(--c-bg); border-bottom:2px solid var(--c); cursor:help; }
mark.f.sev-error { border-bottom-width:3px; }
mark.f.sev-info { border-bottom-style:dotted; background:var(--c-bg-info); }
mark.f.zero::before { content:"\\25B8"; color:var(--c); }
mark.f:hover::after, mark.f:focus::after { content:attr(data-tip); position:absolute; left:0; top:1.6em; z-index:5;
  white-space:pre-line; width:max-content; max-width:420px; background:#1d2330; color:#fff; font:13px/1.4 system-ui,sans-serif;
  padding:6px 9px; border-radius:5px; box-shadow:0 3px 10px rgba(0,0,0,.25); }
ol.findings { margin:12px 0 0; padding-left:22px; font-size:14px; }
ol.findings li { margin:6px 0; }
ol.findings .pos { font-family:ui-monospace,monospace; color:var(--muted); }
ol.findings .code { font-weight:700; color:var(--c); }
ol.findings .ex { background:var(--c-bg); border-radius:2px; padding:0 2px; white-space:pre-wrap; }
ol.findings .sugg { color:#2d5d2d; margin-left:1em; }
.legend { font-size:13px; color:var(--muted); }
"""


def _cat_style(category: str) -> str:
    colour = COLOURS.get(category, "#555")
    return f"--c:{colour};--c-bg:{colour}26;--c-bg-info:{colour}12"


def _gauge(grade: float) -> str:
    """A half-circle gauge of the reading grade (0 to 16+); green up to 8,
    amber up to 11, red above."""
    value = max(0.0, min(grade, 16.0)) / 16.0
    colour = "#1e8449" if grade <= 8 else "#d4a017" if grade <= 11 else "#d62828"
    cx, cy, r = 60, 58, 46

    def point(frac: float) -> tuple[float, float]:
        angle = math.pi * (1 - frac)
        return cx + r * math.cos(angle), cy - r * math.sin(angle)

    x0, y0 = point(0)
    x1, y1 = point(1)
    xv, yv = point(value)
    track = f"M{x0:.1f},{y0:.1f} A{r},{r} 0 0 1 {x1:.1f},{y1:.1f}"
    arc = f"M{x0:.1f},{y0:.1f} A{r},{r} 0 0 1 {xv:.1f},{yv:.1f}" if value > 0 else ""
    return (f'<svg class="gauge" width="120" height="74" viewBox="0 0 120 74" role="img" '
            f'aria-label="reading grade {grade:.1f}">'
            f'<path d="{track}" fill="none" stroke="#e3e6ec" stroke-width="11" stroke-linecap="round"/>'
            + (f'<path d="{arc}" fill="none" stroke="{colour}" stroke-width="11" stroke-linecap="round"/>' if arc else "")
            + f'<text x="60" y="56" text-anchor="middle" font-size="19" font-weight="700" fill="#1d2330">{grade:.1f}</text>'
            f'<text x="60" y="71" text-anchor="middle" font-size="10" fill="#5d6778">READING GRADE</text></svg>')


def _bars(findings) -> str:
    """One bar per category: how many findings of it the draft has."""
    counts = Counter(f.category for f in findings)
    top = max(counts.values(), default=0) or 1
    rows = []
    for i, cat in enumerate(CATEGORIES):
        n = counts.get(cat, 0)
        width = 0 if not n else max(3, round(110 * n / top))
        y = 4 + i * 13
        rows.append(f'<text x="0" y="{y + 9}" font-size="10" fill="#5d6778">{cat}</text>'
                    f'<rect x="78" y="{y}" width="{width}" height="10" rx="2" fill="{COLOURS[cat]}"/>'
                    f'<text x="{82 + width}" y="{y + 9}" font-size="10" fill="#1d2330">{n}</text>')
    return (f'<svg class="bars" width="220" height="{8 + 13 * len(CATEGORIES)}" role="img" '
            f'aria-label="findings per category">{"".join(rows)}</svg>')


def _tip(f) -> str:
    text = f"{f.code} {f.rule} [{f.severity.label}]: {f.message}"
    if f.suggestions:
        text += "\nTry: " + " | ".join(f.suggestions[:3])
    return text


def _offsets(source: str, first_line: int):
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)

    def to_offset(line: int, column: int) -> int:
        idx = line - first_line
        if idx < 0:
            return 0
        if idx >= len(starts):
            return len(source)
        return max(0, min(len(source), starts[idx] + column - 1))

    return starts, to_offset


def _shown_text(result, first: int):
    """The text shown (the file's, or an email's decoded view), its line
    starts, the number shown for each line, and the findings' spans in it
    as (start, end, index of the finding)."""
    from followup_lint.output.decoded import view

    source = result.source
    decoded = view(result)
    spans = []  # (start, end, index)
    if decoded is not None:
        source = decoded.text
        starts, _ = _offsets(source, first)
        numbers = list(decoded.line_numbers)
        for k, span in enumerate(decoded.spans[:len(result.findings)]):
            if span is not None:
                spans.append((span[0], max(span[0], span[1]), k))
    else:
        starts, to_offset = _offsets(source, first)
        numbers = [first + i for i in range(len(starts))]
        for k, f in enumerate(result.findings):
            s, e = to_offset(f.line, f.column), to_offset(f.end_line, f.end_column)
            spans.append((s, max(s, e), k))
    return source, starts, numbers, spans


def _draft_text(n: int, result) -> str:
    """The draft's text with line numbers and highlighted passages: the
    file's lines, or for an encoded email the decoded lines a reader sees
    (numbered with the file line each starts on)."""
    first = getattr(result, "first_line", 1)
    source, starts, numbers, spans = _shown_text(result, first)
    cuts = sorted({0, len(source), *starts, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    zero_at: dict[int, list[int]] = {}
    for s, e, k in spans:
        if s == e:
            zero_at.setdefault(s, []).append(k)
    first_seen: set[int] = set()
    lines_html: list[list[str]] = [[] for _ in starts]

    def mark(ks: list[int], text: str, zero: bool = False) -> str:
        fs = [result.findings[k] for k in ks]
        lead = max(fs, key=lambda f: (f.severity, -ks[fs.index(f)]))
        ids = ""
        new = [k for k in ks if k not in first_seen]
        if new:
            first_seen.update(new)
            ids = f' id="d{n}-m{new[0]}"'
        tip = "\n".join(_tip(f) for f in sorted(fs, key=lambda f: -f.severity))
        cls = f"f cat-{lead.category} sev-{lead.severity.label}" + (" zero" if zero else "")
        return (f'<mark{ids} class="{cls}" style="{_cat_style(lead.category)}" tabindex="0" '
                f'data-codes="{escape(" ".join(f.code for f in fs))}" data-tip="{escape(tip)}" '
                f'title="{escape(tip)}">{escape(text)}</mark>')

    for a, b in zip(cuts, cuts[1:] + [None]):
        line_idx = bisect.bisect_right(starts, a) - 1
        if a in zero_at:
            lines_html[line_idx].append(mark(zero_at.pop(a), "", zero=True))
        if b is None or b <= a:
            continue
        text = source[a:b]
        if text.endswith("\n"):
            text = text[:-1]
        text = text.replace("\r", "")
        covering = [k for s, e, k in spans if s <= a and b <= e and s < e]
        if covering and text:
            lines_html[line_idx].append(mark(covering, text))
        else:
            lines_html[line_idx].append(escape(text))
    rows = [f'<div class="ln"><span class="no">{numbers[i] if i < len(numbers) else first + i}</span>'
            f'<span class="tx">{"".join(parts)}</span></div>' for i, parts in enumerate(lines_html)]
    if rows and source.endswith("\n") and not lines_html[-1]:
        rows.pop()
    return f'<div class="src">{"".join(rows)}</div>'


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _findings_list(n: int, result) -> str:
    from followup_lint.output.decoded import view

    decoded = view(result)
    items = []
    for k, f in enumerate(result.findings):
        span = decoded.spans[k] if decoded is not None else None
        excerpt = decoded.text[span[0]:span[1]] if span is not None else f.excerpt
        sugg = "".join(f'<div class="sugg">Try: {escape(s)}</div>' for s in f.suggestions[:3])
        items.append(
            f'<li id="d{n}-f{k}" style="{_cat_style(f.category)}"><a class="pos" href="#d{n}-m{k}">'
            f'{f.line}:{f.column}</a> <span class="code">{escape(f.code)}</span> '
            f'<span class="rule">{escape(f.rule)}</span> [{f.severity.label}, {escape(f.category)}] '
            f'{escape(f.message)} <span class="ex">{escape(_shorten(excerpt))}</span>{sugg}</li>')
    return f'<ol class="findings">{"".join(items)}</ol>' if items else '<p class="counts">No findings.</p>'


def _metrics(result) -> str:
    m = result.metrics
    if m is None:
        return ""
    cells = "".join(f'<div class="metric"><b>{value}</b><span>{label}</span></div>'
                    for value, label in ((m.words, "words"), (m.sentences, "sentences"),
                                         (m.questions, "questions"), (m.flesch_reading_ease, "reading ease")))
    return f'<div class="metrics">{_gauge(m.flesch_kincaid_grade)}{cells}{_bars(result.findings)}</div>'


def render(report) -> str:
    results = report.results
    findings = [f for r in results for f in r.findings]
    by_cat = Counter(f.category for f in findings)
    chips = "".join(
        f'<span class="chip{" zero" if not by_cat[c] else ""}" style="background:{COLOURS[c]}">'
        f'{c} {by_cat[c]}</span>' for c in CATEGORIES)
    numbers = {r.path: i for i, r in enumerate(results)}
    rows = "".join(
        f'<tr><td><a href="#d{numbers[r.path]}">{escape(r.path)}</a></td>'
        + "".join(f'<td class="num">{n}</td>' for n in severity_counts(r)) + "</tr>"
        for r in worst(results, limit=len(results)))
    errors = [r for r in results if r.error]
    overview = (f'<table class="overview"><thead><tr><th>Draft (worst first)</th><th>errors</th><th>warnings</th>'
                f'<th>info</th></tr></thead><tbody>{rows}</tbody></table>' if rows else "")
    sections = []
    for i, r in enumerate(results):
        if r.error:
            sections.append(f'<section class="draft" id="d{i}"><h2>{escape(r.path)}</h2>'
                            f'<p class="error-line">Could not be checked: {escape(r.error)}</p></section>')
            continue
        counts = describe_counts(r) or "no findings"
        sections.append(
            f'<section class="draft" id="d{i}"><h2>{escape(r.path)}</h2><div class="counts">{counts}</div>'
            f'{_metrics(r)}{_draft_text(i, r)}{_findings_list(i, r)}</section>')
    checked = len(results) - len(errors)
    sev = Counter(f.severity for f in findings)
    head_counts = ", ".join(f"{sev[s]} {s.label}{'' if sev[s] == 1 else 's'}"
                            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="followup-lint {escape(__version__)}">
<title>followup-lint report</title>
<style>{CSS}</style>
</head>
<body>
<header class="top"><h1>followup-lint report</h1>
<p>{checked} draft{'' if checked == 1 else 's'} checked, {len(findings)} finding{'' if len(findings) == 1 else 's'} ({head_counts}){f', {len(errors)} could not be read' if errors else ''}. Exit code {report.exit_code}.</p></header>
<main>
<div class="chips">{chips}</div>
<p class="legend">Hover or focus a highlighted passage for the rule and its message; each draft's findings are listed below its text.</p>
{overview}
{''.join(sections)}
</main>
</body>
</html>
"""
