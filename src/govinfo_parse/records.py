"""The records format: one flat record per value cell (documented in docs/records.md).

    {"table": "二" | "三" | "四", "item": "第二十条第（一）项" | None, "row": "...", "column": "...",
     "raw": "…as printed…", "value": number | None, "unit": "元" | "万元" | None,
     "state": "number" | "blank" | "placeholder", "line": int | None, "diagnostics": ["A3", …]}

``row`` and ``column`` are the canonical official labels of the format, written as a path from
the outermost merged header down, joined by "/".  Section 四 has one row, written "".  A row
whose label could not be placed keeps its printed label as ``row``; a cell beyond the table's
columns has ``column`` None.  ``diagnostics`` lists the codes of the report's diagnostics that
concern the cell (those naming it in ``Diagnostic.cells``), in the order they were reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .formats import labels as L
from .nodes import ApplicationTable, Cell, CellRef, ProactiveTable2019, ProactiveTable2021, Report, ReviewTable

__all__ = ["record_values", "to_records"]


def _codes_by_cell(report: Report) -> dict[CellRef, list[str]]:
    """The codes of the diagnostics that name each cell, in report order, without repeats."""
    out: dict[CellRef, list[str]] = {}
    for d in report.diagnostics:
        for ref in d.cells:
            codes = out.setdefault(ref, [])
            if d.code not in codes:
                codes.append(d.code)
    return out


def _record(table: str, item: str | None, row: str, column: str | None, cell: Cell,
            codes: list[str] | None = None) -> dict[str, Any]:
    return {
        "table": table,
        "item": item,
        "row": row,
        "column": column,
        "raw": cell.raw,
        "value": cell.value,
        "unit": cell.unit,
        "state": cell.state.value,
        "line": cell.span.line if cell.span else None,
        "diagnostics": list(codes or ()),
    }


def _iter(report: Report) -> Iterator[dict[str, Any]]:
    codes = _codes_by_cell(report)

    def of(table: str, row: str | None, keys: list[str], i: int) -> list[str] | None:
        return codes.get(CellRef(table, row, keys[i] if i < len(keys) else None)) if codes else None

    for t in report.tables():
        if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
            specs = {i.key: i for i in L.proactive_items(t.FORMAT)}
            for it in t.items:
                spec = specs.get(it.item)
                item_label = spec.label if spec else None
                row_labels = {r.key: r.label for r in spec.rows} if spec else {}
                cols = [c.path for c in spec.columns] if spec else []
                keys = [c.key for c in spec.columns] if spec else []
                for row in it.rows:
                    rlabel = row_labels.get(row.key or "", row.label)
                    rkey = f"{it.item}.{row.key}" if row.key is not None else None
                    for i, cell in enumerate(row.cells):
                        yield _record("二", item_label, rlabel, cols[i] if i < len(cols) else None, cell,
                                      of("proactive", rkey, keys, i))
        elif isinstance(t, ApplicationTable):
            cols = [c.path for c in L.APPLICATION_COLUMNS]
            keys = [c.key for c in L.APPLICATION_COLUMNS]
            for row in t.rows:
                rspec = L.APPLICATION_ROW_BY_KEY.get(row.key or "")
                rpath = rspec.path if rspec else row.label
                for i, cell in enumerate(row.cells):
                    yield _record("三", None, rpath, cols[i] if i < len(cols) else None, cell,
                                  of("applications", row.key, keys, i))
        elif isinstance(t, ReviewTable):
            cols = [c.path for c in L.REVIEW_COLUMNS]
            keys = [c.key for c in L.REVIEW_COLUMNS]
            for i, cell in enumerate(t.cells):
                yield _record("四", None, "", cols[i] if i < len(cols) else None, cell, of("reviews", "", keys, i))


def to_records(report: Report) -> list[dict[str, Any]]:
    """Every value cell of the report as a flat record, in table order.  ``value`` is an ``int``
    or a ``Decimal`` (see :func:`record_values` for JSON-ready numbers)."""
    return list(_iter(report))


def record_values(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its ``value`` as a JSON number (``Decimal`` → ``float``)."""
    v = record.get("value")
    if isinstance(v, Decimal):
        return {**record, "value": float(v)}
    return record
