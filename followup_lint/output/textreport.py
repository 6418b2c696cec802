"""``--format text`` as a whole report: the findings (text.findings) or, with
``--statistics``, one line per rule, then the batch summary (summary.render).
Its own module so that text and summary do not import each other."""

from __future__ import annotations

from followup_lint.output import summary, text


def render(report) -> str:
    results = report.results
    if report.statistics:
        table = summary.statistics(results)
        body = (table + "\n" if table else "") + text.summary_line(results)
    else:
        body = text.findings(results, report.color, per_file=report.file_lines, show_hidden=report.show_hidden)
    if report.batch_summary:
        body += "\n" + summary.render(results, report.elapsed, report.cached, report.workers)
    return body
