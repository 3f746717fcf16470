"""``govinfo-parse check FILE... [--format text|json|html] [--series] [--fail-on error|warning]``:
check reports' arithmetic and structure and print compiler-style diagnostics.

Text output, one block per file, grouped by the table the diagnostics point into::

    report.txt: in 三、收到和处理政府信息公开申请情况:
    report.txt:45:12: error[A1]: 勾稽关系不成立 … in column 自然人 (natural persons): …
        help: …
    checked 1 file: 1 error, 0 warnings, 0 infos

Exit codes: 0 nothing at or above ``--fail-on`` (default ``error``: warnings allowed), 1 any
diagnostic at or above it, 2 unusable input or arguments (a file that cannot be read, no file
given).  See docs/diagnostics.md for the codes.

``--series`` groups the files by agency (normalised name; files naming none by directory and
file name without the year) and runs the cross-year checks within each group only; before them,
the undecided cells of flattened scrapes that the chains across years settle are settled
(:mod:`govinfo_parse.validate.series_readings`, R107/R108).
``--format html`` writes the visual check report (:mod:`govinfo_parse.checkreport`): one page
on standard output, or with ``--output DIR`` an overview page ``DIR/index.html`` and one page
per report.

The text output is linear in the number of diagnostics: each report's table spans are indexed
once (:class:`TableIndex`), not per diagnostic.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ..formats.labels import SECTION_TITLES, numeral_text
from ..nodes import (
    ApplicationTable,
    Diagnostic,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReviewTable,
    Severity,
    Span,
)
from ..serde import _converter
from ..validate import group_series, validate_series_by_agency
from ..validate.series_readings import settle_series_by_agency

__all__ = ["TableIndex", "diagnostic_group", "register", "run"]

_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

GROUP_DOCUMENT = "document"
GROUP_PROSE = "正文 (prose against the tables)"
GROUP_SERIES = "series (across years)"


def register(sub: Any) -> None:
    """Add the ``check`` subcommand and its options to the CLI's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "check", help="check reports' arithmetic and structure (exit 1 on errors)",
        description="Check one or more reports against their format: the table arithmetic "
        "(A1–A4), shape, values, prose against the tables; with --series, the carry-over chain "
        "across one agency's consecutive years.  Diagnostics are printed as "
        "path:line:col: severity[CODE]: message, grouped by table (codes: docs/diagnostics.md).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="report files ('-' reads standard input)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text",
                   help="text: compiler-style lines (default); json: the diagnostics as JSON; html: a "
                        "self-contained visual check report (the tables with the failing cells marked)")
    p.add_argument("--output", "-o", metavar="DIR",
                   help="with --format html: write DIR/index.html (one row per report) and one page per "
                        "report into DIR instead of one page to standard output")
    p.add_argument("--series", action="store_true",
                   help="also check each agency's reports of consecutive years against each other (files "
                        "are grouped by agency, or by file name without the year where a report names none); "
                        "undecided cells of flattened scrapes that the chains across years settle are read "
                        "as settled (R107)")
    p.add_argument("--fail-on", choices=("error", "warning"), default="error",
                   help="exit 1 when any diagnostic has at least this severity (default: error; "
                        "'warning' also fails on A2/A3/A4, the series checks and the prose checks)")
    p.add_argument("--min-severity", choices=("info", "warning", "error"), default="info",
                   help="print only diagnostics of at least this severity (the summary counts all)")
    p.set_defaults(func=run)


def _read(path: str) -> Report:
    """Parse one file argument ('-' is standard input)."""
    from ..api import parse_bytes, parse_file

    if path == "-":
        return parse_bytes(sys.stdin.buffer.read(), filename=None)
    return parse_file(path)


# --------------------------------------------------------------------------------------------
# Grouping by table
# --------------------------------------------------------------------------------------------


def _table_title(t: object) -> str:
    """The heading of the section a table belongs to (二、… for section 二, 三、… for the
    application table, 四、… otherwise), as diagnostics are grouped under it."""
    n = 2 if isinstance(t, (ProactiveTable2019, ProactiveTable2021)) else (
        3 if isinstance(t, ApplicationTable) else 4)
    return f"{numeral_text(n)}、{SECTION_TITLES[n]}"


class TableIndex:
    """Which table each span of a report belongs to, computed once per report, so grouping n
    diagnostics costs O(n) rather than O(n × cells)."""

    def __init__(self, report: Report) -> None:
        self.by_span: dict[Span, str] = {}
        extents: list[tuple[int, int, int, str]] = []  # start, end, report order, title
        for k, t in enumerate(report.tables()):
            title = _table_title(t)
            for sp in _table_spans(t):
                self.by_span.setdefault(sp, title)
            ts = getattr(t, "span", None)
            if ts is not None:
                extents.append((ts.start, max(ts.end, ts.start + 1), k, title))
        extents.sort()
        self.extents = extents
        self.starts = [e[0] for e in extents]
        self.reach: list[int] = []
        """``reach[j]``: the furthest end among the extents up to ``j``."""
        for e in extents:
            self.reach.append(max(e[1], self.reach[-1] if self.reach else e[1]))

    def group(self, diag: Diagnostic) -> str:
        """The heading a diagnostic is listed under (see :func:`diagnostic_group`)."""
        if diag.code.startswith("X"):
            return GROUP_PROSE
        if diag.code.startswith("R"):
            return GROUP_SERIES
        s = diag.span
        if s is not None:
            title = self.by_span.get(s)
            if title is not None:
                return title
            title = self._extent(s.start)
            if title is not None:
                return title
        return GROUP_DOCUMENT


    def _extent(self, offset: int) -> str | None:
        """The first table (in report order) whose extent holds ``offset``.  Only extents that
        start at or before it and could still reach it are visited (a running maximum of the
        ends), so for tables that do not nest a lookup costs O(log tables)."""
        best: tuple[int, str] | None = None
        j = bisect.bisect_right(self.starts, offset) - 1
        while j >= 0 and self.reach[j] > offset:
            start, end, order, title = self.extents[j]
            if start <= offset < end and (best is None or order < best[0]):
                best = (order, title)
            j -= 1
        return best[1] if best is not None else None


def _table_spans(t: object) -> set[Span]:
    """Every span inside a table: its own, its items', rows' and cells'."""
    out: set[Span] = set()

    def add(s: Span | None) -> None:
        """Collect ``s`` unless it is None."""
        if s is not None:
            out.add(s)

    add(getattr(t, "span", None))
    if isinstance(t, ReviewTable):
        for c in t.cells:
            add(c.span)
    elif isinstance(t, ApplicationTable):
        for r in t.rows:
            add(r.span)
            for c in r.cells:
                add(c.span)
    elif isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        for item in t.items:
            add(item.span)
            for r in item.rows:
                add(r.span)
                for c in r.cells:
                    add(c.span)
    return out


def diagnostic_group(report: Report, diag: Diagnostic) -> str:
    """The heading a diagnostic is listed under: the table it points into (by the cells' spans,
    else by the table's extent in the file), the prose, or the document as a whole.  (For many
    diagnostics of one report, build one :class:`TableIndex` and ask it.)"""
    return TableIndex(report).group(diag)


_GROUP_ORDER = [GROUP_DOCUMENT] + [f"{numeral_text(n)}、{SECTION_TITLES[n]}" for n in (2, 3, 4)] + [GROUP_PROSE]


def _group_order(name: str) -> int:
    """Where a diagnostic group sorts: the document, sections 二–四, the prose; unknown groups last."""
    return _GROUP_ORDER.index(name) if name in _GROUP_ORDER else len(_GROUP_ORDER)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def _line(path: str, d: Diagnostic) -> str:
    """One diagnostic as a compiler-style line (with its help line)."""
    where = f"{path}:{d.span.line}:{d.span.column}" if d.span is not None else path
    text = f"{where}: {d.severity.value}[{d.code}]: {d.message}"
    if d.suggestion:
        text += f"\n    help: {d.suggestion}"
    return text


def _print_file(out: TextIO, path: str, report: Report, diags: Sequence[Diagnostic]) -> None:
    """One file's diagnostics, grouped by table in document order, each group by line."""
    groups: dict[str, list[Diagnostic]] = {}
    index = TableIndex(report)
    for d in diags:
        groups.setdefault(index.group(d), []).append(d)
    for name in sorted(groups, key=_group_order):
        out.write(f"{path}: in {name}:\n")
        items = sorted(groups[name], key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
        for d in items:
            out.write(_line(path, d) + "\n")


def _counts(diags: Sequence[Diagnostic]) -> dict[str, int]:
    """How many errors, warnings and infos."""
    return {
        "errors": sum(d.severity is Severity.ERROR for d in diags),
        "warnings": sum(d.severity is Severity.WARNING for d in diags),
        "infos": sum(d.severity is Severity.INFO for d in diags),
    }


def _plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an ``s`` unless ``n`` is 1."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    """Run ``check``: read the files, print the diagnostics, return the exit code."""
    paths: list[str] = list(args.files)
    if paths.count("-") > 1:
        print("govinfo-parse check: standard input ('-') can be read only once", file=sys.stderr)
        return 2
    minimum = _SEVERITY_RANK[Severity(args.min_severity)]

    def shown(d: Diagnostic) -> bool:
        """Whether ``d`` is at least as severe as ``--min-severity``."""
        return _SEVERITY_RANK[d.severity] >= minimum

    reports: list[tuple[str, Report]] = []
    unusable = 0
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            reports.append((name, _read(path)))
        except OSError as e:
            print(f"govinfo-parse check: cannot read {name}: {e.strerror or e}", file=sys.stderr)
            unusable += 1
        except ValueError as e:  # e.g. a strict-mode ParseError subclass, or undecodable input
            print(f"govinfo-parse check: cannot parse {name}: {e}", file=sys.stderr)
            unusable += 1

    series: list[tuple[str | None, Diagnostic]] = []
    groups: list[list[int]] = []
    if args.series:
        names: list[str | None] = [None if n == "<stdin>" else n for n, _ in reports]
        rs = [r for _, r in reports]
        groups = group_series(rs, names)
        # undecided cells of flattened scrapes the chains across years settle (R107/R108) first,
        # so that the chain checks see the settled values
        settled, decided = settle_series_by_agency(rs, names)
        reports = [(name, r) for (name, _), r in zip(reports, settled, strict=True)]
        indexed = [*decided, *validate_series_by_agency(settled, names)]
        series = [(reports[i][0] if i is not None else None, d) for i, d in indexed]

    all_diags = [d for _, r in reports for d in r.diagnostics] + [d for _, d in series]
    counts = _counts(all_diags)
    out = sys.stdout
    if args.output and args.format != "html":
        print("govinfo-parse check: --output is for --format html", file=sys.stderr)
        return 2
    if args.format == "html":
        from ..checkreport import batch_page, write_check_report

        if args.output:
            written = write_check_report(reports, args.output, series=series)
            out.write(f"wrote {_plural(len(written), 'page')} to {args.output} "
                      f"(overview: {written[0]})\n")
        else:
            out.write(batch_page(reports, series=series))
    elif args.format == "json":
        conv = _converter()
        doc: dict[str, Any] = {
            "files": [
                {"path": name, "format": r.format.value, "year": r.metadata.year,
                 "agency": r.metadata.agency,
                 "diagnostics": [conv.unstructure(d) for d in r.diagnostics if shown(d)]}
                for name, r in reports
            ],
            "summary": {"files": len(reports), "unreadable": unusable, **counts},
        }
        if args.series:
            doc["series"] = [{"path": name, "diagnostic": conv.unstructure(d)} for name, d in series
                             if shown(d)]
            doc["series_groups"] = [
                {"agency": reports[g[0]][1].metadata.agency, "files": [reports[i][0] for i in g],
                 "years": sorted({y for i in g if (y := reports[i][1].metadata.year) is not None})}
                for g in groups]
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        for name, r in reports:
            _print_file(out, name, r, [d for d in r.diagnostics if shown(d)])
        visible = [(n, d) for n, d in series if shown(d)]
        if visible:
            out.write(f"in {GROUP_SERIES}:\n")
            for where, d in visible:
                out.write(_line(where or "series", d) + "\n")
        summary = (f"checked {_plural(len(reports), 'file')}: {_plural(counts['errors'], 'error')}, "
                   f"{_plural(counts['warnings'], 'warning')}, {_plural(counts['infos'], 'info')}")
        if unusable:
            summary += f"; {_plural(unusable, 'file')} could not be read"
        out.write(summary + "\n")
    if unusable:
        return 2
    fail_at = _SEVERITY_RANK[Severity(args.fail_on)]
    return 1 if any(_SEVERITY_RANK[d.severity] >= fail_at for d in all_diags) else 0
