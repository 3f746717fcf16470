"""The records format: one flat record per value cell (documented in docs/records.md).

    {"file": str | None, "agency": str | None, "year": int | None, "format": "legacy" | "2019" | "2021",
     "reader": "text" | "html" | "pdf" | …,
     "table": "二" | "三" | "四", "item": "第二十条第（一）项" | None, "row": "...", "column": "...",
     "key": "applications/new/natural_person" | None,
     "raw": "…as printed…", "value": number | None, "unit": "元" | "万元" | None,
     "state": "number" | "blank" | "placeholder" | "undecided", "inferred": bool, "note": str | None,
     "line": int | None, "indicator": str | None,
     "diagnostics": ["A3", …]}

The first five fields are the report's identity (the same on every record of a report); ``key``
is the cell's ASCII key — ``<table>/<row key>/<column key>`` with the keys of
:mod:`govinfo_parse.formats.labels` (``proactive/item1/rules/issued``, ``applications/withheld.state_secret/total``,
``reviews/review.upheld``, ``legacy/application.total/current``) — or None where the row or column
could not be placed.

A legacy report (2008–2018) gives ``table`` ``"legacy"`` for the cells of its statistics table
(``item`` the group, ``row`` the indicator's canonical label or the printed one, ``column`` 本年 /
累计 / 上年 or the printed heading, ``unit`` the row's unit, ``indicator`` the indicator key) and
``"legacy-prose"`` for the figures its prose gives.  ``indicator`` is None in the other tables.

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
from .formats import legacy as LG
from .nodes import (
    ApplicationTable,
    Cell,
    CellRef,
    CellState,
    LegacyTable,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReviewTable,
)

__all__ = ["IDENTITY_FIELDS", "RECORD_FIELDS", "TABLE_KEYS", "identity", "reader_of", "record_values",
           "to_records"]

IDENTITY_FIELDS: tuple[str, ...] = ("file", "agency", "year", "format", "reader")
"""The report's identity, in front of every record."""
RECORD_FIELDS: tuple[str, ...] = (*IDENTITY_FIELDS, "table", "item", "row", "column", "key", "raw", "value",
                                  "unit", "state", "inferred", "note", "line", "indicator")
"""The fields of a record (docs/records.md), in order — the columns of the tabular exports; a
record also carries ``diagnostics`` (a list of codes) after them."""
TABLE_KEYS: dict[str, str] = {"二": "proactive", "三": "applications", "四": "reviews", "legacy": "legacy",
                              "legacy-prose": "legacy-prose"}
"""The ASCII name of each table, the first part of a cell's ``key``."""


def reader_of(report: Report) -> str:
    """The reader that read the report: ``SourceInfo.reader`` where there is one, else its kind."""
    return report.source.reader or report.source.kind


def identity(report: Report) -> dict[str, Any]:
    """The identity fields of a report's records (:data:`IDENTITY_FIELDS`)."""
    m = report.metadata
    return {"file": report.source.path, "agency": m.agency, "year": m.year, "format": report.format.value,
            "reader": reader_of(report)}


def _key(*parts: str | None) -> str | None:
    return None if any(p is None for p in parts) else "/".join(p for p in parts if p is not None)


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
            key: str | None = None, codes: list[str] | None = None, indicator: str | None = None,
            unit: str | None = None) -> dict[str, Any]:
    """The record of one cell, without the report's identity: table, item, row and column labels,
    key, raw text, value, unit (the cell's, else the row's), state, inferred, note, line, indicator and
    the codes of the diagnostics that name it."""
    return {
        "table": table,
        "item": item,
        "row": row,
        "column": column,
        "key": key,
        "raw": cell.raw,
        "value": cell.value,
        "unit": cell.unit or unit,
        "state": cell.state.value,
        "inferred": cell.inferred,
        "note": cell.note,
        "line": cell.span.line if cell.span else None,
        "indicator": indicator,
        "diagnostics": list(codes or ()),
    }


def _iter(report: Report) -> Iterator[dict[str, Any]]:
    ident = identity(report)
    for rec in _cells(report):
        yield {**ident, **rec}


def _cells(report: Report) -> Iterator[dict[str, Any]]:
    """The records of every value cell, without the identity: the tables in report order (sections
    二, 三 and 四, legacy tables), then the figures of a legacy report's prose."""
    codes = _codes_by_cell(report)

    def of(table: str, row: str | None, keys: list[str], i: int) -> list[str] | None:
        """The codes of the diagnostics naming cell ``i`` of a row (``None`` when no diagnostic names a cell)."""
        return codes.get(CellRef(table, row, keys[i] if i < len(keys) else None)) if codes else None

    for t in report.tables():
        if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
            specs = {i.key: i for i in L.proactive_items(t.FORMAT)}
            for it in t.items:
                spec = specs.get(it.item)
                item_label = spec.label if spec else None
                row_labels = {r.key: r.label for r in spec.rows} if spec else {}
                cols = [c.path for c in spec.columns] if spec else []
                ckeys = [c.key for c in spec.columns] if spec else []
                for row in it.rows:
                    rlabel = row_labels.get(row.key or "", row.label)
                    rkey = row.key if row.key in row_labels else None
                    ref = f"{it.item}.{row.key}" if row.key is not None else None
                    for i, cell in enumerate(row.cells):
                        inside = i < len(cols)
                        yield _record("二", item_label, rlabel, cols[i] if inside else None, cell,
                                      _key("proactive", it.item if spec else None, rkey,
                                           ckeys[i] if inside else None), of("proactive", ref, ckeys, i))
        elif isinstance(t, ApplicationTable):
            cols = [c.path for c in L.APPLICATION_COLUMNS]
            ckeys = [c.key for c in L.APPLICATION_COLUMNS]
            for row in t.rows:
                rspec = L.APPLICATION_ROW_BY_KEY.get(row.key or "")
                rpath = rspec.path if rspec else row.label
                for i, cell in enumerate(row.cells):
                    inside = i < len(cols)
                    yield _record("三", None, rpath, cols[i] if inside else None, cell,
                                  _key("applications", rspec.key if rspec else None, ckeys[i] if inside else None),
                                  of("applications", row.key, ckeys, i))
        elif isinstance(t, ReviewTable):
            cols = [c.path for c in L.REVIEW_COLUMNS]
            ckeys = [c.key for c in L.REVIEW_COLUMNS]
            for i, cell in enumerate(t.cells):
                inside = i < len(cols)
                yield _record("四", None, "", cols[i] if inside else None, cell,
                              _key("reviews", ckeys[i] if inside else None), of("reviews", "", ckeys, i))
        elif isinstance(t, LegacyTable):
            yield from _legacy_records(t)
    for f in report.prose_facts():
        ind = LG.INDICATOR_BY_KEY.get(f.key)
        cell = Cell(f.text, CellState.NUMBER, f.value, f.unit, f.span)
        yield _record("legacy-prose", None, ind.label if ind else f.key, LG.column_label("current", ""), cell,
                      _key("legacy-prose", f.key, "current"), indicator=f.key)


def _legacy_records(t: LegacyTable) -> Iterator[dict[str, Any]]:
    """One record per cell of a legacy statistics table; ``key`` ``legacy/<indicator>/<column>``."""
    groups = {g.key: g.label for g in LG.GROUPS}
    cols = [LG.column_label(c.key, c.heading) for c in t.columns]
    ckeys = [c.key for c in t.columns]
    for g in t.groups:
        item = groups.get(g.key or "", g.title)
        for row in g.rows:
            ind = LG.INDICATOR_BY_KEY.get(row.key or "")
            label = ind.label if ind else row.label
            for i, cell in enumerate(row.cells):
                inside = i < len(cols)
                yield _record("legacy", item, label, cols[i] if inside else None, cell,
                              _key("legacy", row.key, ckeys[i] if inside else None), indicator=row.key,
                              unit=row.unit)


def to_records(report: Report) -> list[dict[str, Any]]:
    """Every value cell of the report as a flat record, in table order, each with the report's
    identity (:data:`IDENTITY_FIELDS`) in front.  ``value`` is an ``int`` or a ``Decimal`` (see
    :func:`record_values` for JSON-ready numbers)."""
    return list(_iter(report))


def record_values(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its ``value`` as a JSON number (``Decimal`` → ``float``)."""
    v = record.get("value")
    if isinstance(v, Decimal):
        return {**record, "value": float(v)}
    return record
