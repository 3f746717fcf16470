"""The official grid of each table: its cells with their colspan/rowspan, as the format draws it.

Every layout of :mod:`govinfo_parse.render` prints a table from the :class:`Grid` built here by
:func:`table_grid` (or, for the plain ``text`` and ``markdown`` forms, from the same labels and
cell texts); each layout decides how to print a span.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from ..formats import labels as L
from ..nodes import (
    ApplicationTable,
    Cell,
    CellState,
    ItemTable,
    LegacyTable,
    ProactiveTable2019,
    ProactiveTable2021,
    ReviewTable,
)
from ..tables.grid import place

__all__ = ["APP_NOTE", "Grid", "GridCell", "table_grid"]

APP_NOTE: Final[str] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The note in the top-left corner of the application table, as the format prints it."""

_Table = ProactiveTable2019 | ProactiveTable2021 | ApplicationTable | ReviewTable | LegacyTable
_TABLE_TYPES = (ProactiveTable2019, ProactiveTable2021, ApplicationTable, ReviewTable, LegacyTable)


@attrs.frozen
class GridCell:
    """One printed cell of a table grid."""

    text: str
    kind: str
    """``item`` (a 第二十条第（X）项 line), ``head`` (column header), ``note`` (the application
    table's corner note), ``group`` (a merged row-group label), ``label`` (a row label) or
    ``value`` (a value cell; ``text`` is empty for a blank)."""
    colspan: int = 1
    rowspan: int = 1


@attrs.frozen
class Grid:
    """A table as the format draws it: rows of cells that start in that row, with their spans."""

    width: int
    rows: tuple[tuple[GridCell, ...], ...]

    def slots(self) -> list[list[tuple[str, GridCell]]]:
        """Per row, each slot in column order: ``("cell", c)`` where a cell starts,
        ``("down", c)`` where a cell from a row above continues (once per cell, at its first
        column), ``("right", c)`` for the further columns a cell spans."""
        out: list[list[tuple[str, GridCell]]] = []
        placed = place(self.rows, lambda c: (c.rowspan, c.colspan))
        for r, row in enumerate(placed[: len(self.rows)]):
            slots: list[tuple[str, GridCell]] = []
            for col, slot in enumerate(row):
                if slot is None:
                    if all(s is None for s in row[col:]):
                        break
                    continue
                c, r0, c0 = slot
                first = col == c0
                slots.append(("cell" if first and r0 == r else "down" if first else "right", c))
            out.append(slots)
        return out


def _cell_text(c: Cell) -> str:
    """A value cell's text as printed: its raw text, empty for a blank cell.  A cell's note
    (``Cell.note``) is the end of its raw text as read; a cell built with the note apart from
    ``raw`` gets it printed after the number."""
    if c.state is CellState.BLANK:
        return ""
    return c.raw + c.note if c.note and not c.raw.endswith(c.note) else c.raw


def _value(c: Cell, colspan: int = 1) -> GridCell:
    """A value cell of the grid, spanning ``colspan`` columns."""
    return GridCell(_cell_text(c), "value", colspan)


def _spread(total: int, parts: int) -> list[int]:
    """Split ``total`` grid columns over ``parts`` cells, the extra ones to the last cells."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i >= parts - extra else 0) for i in range(parts)]


def _item_label(item: str) -> str:
    """The printed label of a section 二 item key (``item3`` → 第二十条第（三）项); any other key
    as it is."""
    n = item[4:] if item.startswith("item") else ""
    if n.isdigit() and 1 <= int(n) <= 99:
        return f"第二十条第（{L.numeral_text(int(n))}）项"
    return item


def _item_columns(fmt: str, item: ItemTable) -> tuple[str, ...]:
    """The column labels of a section 二 item in format ``fmt``; for an item the format does not
    know, one empty label per cell of its longest row."""
    for spec in L.proactive_items(fmt):
        if spec.key == item.item:
            return tuple(c.label for c in spec.columns)
    n = max((len(r.cells) for r in item.rows), default=0)
    return tuple("" for _ in range(n))


def _proactive_grid(t: ProactiveTable2019 | ProactiveTable2021) -> Grid:
    """Section 二 as drawn: per item a full-width item line, the 信息内容 header with the item's
    column labels, then its rows.  The value columns are as many as the widest item or row has;
    each item's header and cells are spread over them (:func:`_spread`)."""
    fmt = t.FORMAT
    specs = [(_item_columns(fmt, it), it) for it in t.items]
    values_width = max([len(cols) for cols, _ in specs]
                       + [len(r.cells) for _, it in specs for r in it.rows] + [1])
    width = 1 + values_width
    rows: list[tuple[GridCell, ...]] = []
    for cols, it in specs:
        rows.append((GridCell(_item_label(it.item), "item", width),))
        spans = _spread(values_width, len(cols)) if cols else []
        rows.append((GridCell("信息内容", "head"),
                     *(GridCell(c, "head", s) for c, s in zip(cols, spans, strict=True))))
        for r in it.rows:
            rspans = spans if len(r.cells) == len(cols) else _spread(values_width, len(r.cells))
            rows.append((GridCell(r.label, "label"), *(_value(c, s) for c, s in zip(r.cells, rspans, strict=True))))
    return Grid(width, tuple(rows))


def _app_path(key: str | None) -> tuple[str, ...]:
    """Merged group labels above a row, outermost first."""
    spec = L.APPLICATION_ROW_BY_KEY.get(key) if key else None
    if spec is None or spec.group is None:
        return ()
    if spec.group == "results":
        return (L.APPLICATION_GROUPS["results"],)
    return (L.APPLICATION_GROUPS["results"], L.APPLICATION_GROUPS[spec.group])


def _application_grid(t: ApplicationTable) -> Grid:
    """Section 三 as drawn: three header rows (the corner note over 3 × 3 slots, 申请人情况, the
    first and last column labels over two rows, 法人或其他组织 over the five between them), then
    each row: the merged group labels it starts (row-spanned over the rows of the group), its
    label over the label columns left, its cells."""
    cols = L.APPLICATION_COLUMNS
    nval = max([len(cols)] + [len(r.cells) for r in t.rows])
    width = 3 + nval
    rows: list[list[GridCell]] = [
        [GridCell(APP_NOTE, "note", 3, 3), GridCell("申请人情况", "head", nval)],
        [GridCell(cols[0].label, "head", 1, 2), GridCell("法人或其他组织", "head", 5),
         GridCell(cols[-1].label, "head", max(1, nval - 6), 2)],
        [GridCell(c.label, "head") for c in cols[1:-1]],
    ]
    paths = [_app_path(r.key) for r in t.rows]
    for i, r in enumerate(t.rows):
        path = paths[i]
        row: list[GridCell] = []
        for level, group in enumerate(path):
            if i > 0 and paths[i - 1][: level + 1] == path[: level + 1]:
                continue  # continues the merged cell of the row above
            span = 1
            while i + span < len(t.rows) and paths[i + span][: level + 1] == path[: level + 1]:
                span += 1
            row.append(GridCell(group, "group", 1, span))
        row.append(GridCell(r.label, "label", 3 - len(path)))
        row.extend(_value(c) for c in r.cells)
        rows.append(row)
    return Grid(width, tuple(tuple(r) for r in rows))


_REVIEW_RESULTS: Final[tuple[str, ...]] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _review_grid(t: ReviewTable) -> Grid:
    """Section 四 as drawn: 行政复议 over five columns and 行政诉讼 over the rest; the review's
    result headings (over two rows) beside 未经复议直接起诉 and 复议后起诉; the result headings
    under each of those two; the row of cells.  At least 15 columns wide."""
    width = max(15, len(t.cells))
    head = [GridCell(x, "head") for x in _REVIEW_RESULTS]
    rows = (
        (GridCell("行政复议", "head", 5), GridCell("行政诉讼", "head", width - 5)),
        (*(attrs.evolve(h, rowspan=2) for h in head), GridCell("未经复议直接起诉", "head", 5),
         GridCell("复议后起诉", "head", width - 10)),
        (*head, *head),
        tuple(_value(c) for c in t.cells),
    )
    return Grid(width, rows)


def _legacy_head(t: LegacyTable) -> list[str]:
    """The header cells of a legacy table: the label heading, the unit heading if it has one,
    the column headings."""
    return [t.label_heading, *([t.unit_heading] if t.unit_heading is not None else []),
            *(c.heading for c in t.columns)]


def _legacy_rows(t: LegacyTable) -> Iterator[tuple[str | None, list[GridCell]]]:
    """The rows of a legacy table after its header: (a group heading, []) or (None, the cells of
    an indicator row: label, unit (when the table has a unit column), values)."""
    for g in t.groups:
        if g.title is not None:
            yield g.title, []
        for r in g.rows:
            unit = ([GridCell(r.unit, "label") if r.unit else GridCell("", "value")]
                    if t.unit_heading is not None or r.unit else [])
            yield None, [GridCell(r.label, "label"), *unit, *(_value(c) for c in r.cells)]


def _legacy_grid(t: LegacyTable) -> Grid:
    """A legacy statistics table: the header, group headings across the table, indicator rows."""
    head = _legacy_head(t)
    body = list(_legacy_rows(t))
    width = max([len(head)] + [len(cells) for _, cells in body])
    rows: list[tuple[GridCell, ...]] = [tuple(GridCell(h, "head") for h in head)]
    for title, cells in body:
        rows.append((GridCell(title, "group", width),) if title is not None else tuple(cells))
    return Grid(width, tuple(rows))


def table_grid(t: _Table) -> Grid:
    """The grid the official format draws for a table (cells with their colspan/rowspan)."""
    if isinstance(t, LegacyTable):
        return _legacy_grid(t)
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        return _proactive_grid(t)
    if isinstance(t, ApplicationTable):
        return _application_grid(t)
    return _review_grid(t)
