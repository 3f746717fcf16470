"""Spans of a PDF or Word report → where they are in the file.

A PDF or Word file is read into report text (:mod:`govinfo_parse.readers`), and every ``Span``
of the report — on a node or a diagnostic — is a position in that text.  The readers record, for
each stretch of the text, where it came from (``report.source.locations``:
:class:`~govinfo_parse.nodes.SourceLocation`, page and box or paragraph / table cell);
:func:`locate` looks a span up, and :func:`with_locations` gives every diagnostic its
``location`` and names the place in its message, so that ``govinfo-parse check`` on a PDF says
on which page a cell is.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from ..nodes import Diagnostic, Report, SourceLocation, Span

__all__ = ["locate", "locate_offset", "with_locations"]


def locate_offset(locations: Sequence[SourceLocation], offset: int) -> SourceLocation | None:
    """The location holding ``offset`` (sorted ``locations``, as the readers record them); an
    offset between two stretches (a separator) goes to the next stretch on its line, else the
    previous one."""
    if not locations:
        return None
    starts = [loc.start for loc in locations]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and locations[i].start <= offset < locations[i].end:
        return locations[i]
    if i + 1 < len(locations) and locations[i + 1].start - offset <= 2:
        return locations[i + 1]
    return locations[i] if i >= 0 else locations[0]


def locate(report: Report, span: Span | None) -> SourceLocation | None:
    """Where ``span`` (of a node or diagnostic of ``report``) is in the PDF or Word file the
    report was read from: page and box, or paragraph / table cell.  None for a report read from
    text or a web page (its spans are positions in the file itself) or for no span."""
    if span is None:
        return None
    return locate_offset(report.source.locations, span.start)


def _located(d: Diagnostic, locations: Sequence[SourceLocation], kind: str) -> Diagnostic:
    """A diagnostic with its location set and named in its message (unchanged without a span)."""
    if d.span is None or d.location is not None:
        return d
    loc = locate_offset(locations, d.span.start)
    if loc is None:
        return d
    return attrs.evolve(d, location=loc, message=f"{d.message} [{kind} {loc}]")


def with_locations(report: Report) -> Report:
    """The report with every diagnostic that has a span located in the file: ``location`` set
    and the place appended to the message (``[PDF page 3 at x 120–160, y 300–315 pt]``,
    ``[Word table 2, row 5, column 3]``)."""
    locations = report.source.locations
    if not locations:
        return report
    kind = {"pdf": "PDF", "docx": "Word"}.get(report.source.kind, report.source.kind)
    diags = tuple(_located(d, locations, kind) for d in report.diagnostics)
    return attrs.evolve(report, diagnostics=diags)
