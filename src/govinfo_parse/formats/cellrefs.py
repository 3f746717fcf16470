"""Which cell is which: every value cell of a table with its :class:`~govinfo_parse.nodes.CellRef`
(table, row and column keys of :mod:`.labels`), and diagnostics tied to the cells they are about.

Validation names the cells of every sum it checks; a diagnostic found while *reading* (an
approximately matched row label, a cell split from glued digits, a value kept as printed) only
knows where it is.  :func:`attach_cells` gives such a diagnostic the keys of the cells its span
covers, so that every diagnostic about a cell can be joined to its records.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import attrs

from ..nodes import (
    ApplicationTable,
    Cell,
    CellRef,
    Diagnostic,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReviewTable,
)
from . import labels as L

__all__ = ["CELL_READING_CODES", "attach_cells", "report_cells", "table_cells"]

CELL_READING_CODES = ("P1", "F1", "L1")
"""Code prefixes of the reading diagnostics that concern the cells they cover (label matching,
cell syntax, digit splits, legacy cells): these get the cells of their span."""


def table_cells(t: object) -> Iterator[tuple[Cell, CellRef]]:
    """The value cells of an official table in printed order, each with its :class:`CellRef`
    (nothing for other blocks)."""
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        specs = {s.key: s for s in L.proactive_items(t.FORMAT)}
        for item in t.items:
            spec = specs.get(item.item)
            cols = [c.key for c in spec.columns] if spec is not None else []
            for row in item.rows:
                rkey = f"{item.item}.{row.key}" if row.key is not None else None
                for j, c in enumerate(row.cells):
                    yield c, CellRef("proactive", rkey, cols[j] if j < len(cols) else None)
    elif isinstance(t, ApplicationTable):
        cols = [c.key for c in L.APPLICATION_COLUMNS]
        for row in t.rows:
            for j, c in enumerate(row.cells):
                yield c, CellRef("applications", row.key, cols[j] if j < len(cols) else None)
    elif isinstance(t, ReviewTable):
        cols = [c.key for c in L.REVIEW_COLUMNS]
        for j, c in enumerate(t.cells):
            yield c, CellRef("reviews", "", cols[j] if j < len(cols) else None)


def report_cells(report: Report) -> list[tuple[Cell, CellRef]]:
    """Every value cell of the report's official tables with its key, in document order."""
    return [pair for t in report.tables() for pair in table_cells(t)]


def _concerns_cells(d: Diagnostic) -> bool:
    """Whether ``d`` is a reading diagnostic about cells that does not name them yet."""
    return not d.cells and d.span is not None and d.code.startswith(CELL_READING_CODES)


def attach_cells(report: Report, diagnostics: Iterable[Diagnostic] | None = None) -> tuple[Diagnostic, ...]:
    """``diagnostics`` (the report's own by default) with every reading diagnostic about cells
    (:data:`CELL_READING_CODES`) given the keys of the cells whose spans lie inside its span.
    Others are returned unchanged; linear in cells and diagnostics (a bisection per diagnostic)."""
    diags = tuple(report.diagnostics if diagnostics is None else diagnostics)
    if not any(_concerns_cells(d) for d in diags):
        return diags
    located = sorted(((c.span.start, c.span.end, ref) for c, ref in report_cells(report) if c.span is not None),
                     key=lambda x: (x[0], x[1]))
    starts = [a for a, _, _ in located]
    out: list[Diagnostic] = []
    for d in diags:
        if not _concerns_cells(d):
            out.append(d)
            continue
        assert d.span is not None
        i = bisect.bisect_left(starts, d.span.start)
        refs: dict[CellRef, None] = {}
        while i < len(located) and located[i][0] < d.span.end:
            _, end, ref = located[i]
            if end <= d.span.end:
                refs[ref] = None
            i += 1
        out.append(attrs.evolve(d, cells=tuple(refs)) if refs else d)
    return tuple(out)
