"""Render a report back to text: the layouts reports are published in, and our own plain form.

``render(report, layout)`` writes the report's content — title and date line, section and
numbered headings, paragraphs, page chrome, unrecognised text, the three statistics tables in
either format, legacy prose — in one of these layouts:

``text``
    The canonical plain form: one block per line, blank lines between blocks, tables as aligned
    pipe grids with the application table's labels indented by their merged group.
``lines``
    One cell per line with a blank line between cells (seed 000).  An empty value cell is a
    line holding a single tab (the convention the layout reader shares with ``tabs``).
``tabs``
    Tab-indented cells, one per line, no-break spaces around values, a blank line after each
    table row and a bare tab line for each slot of a merged (row-spanned) cell (seed 002).
``pipes``
    ``a | b | c |`` rows padded with empty cells to the width of the table grid, as scrapes of
    the official tables print them (seeds 003/004).
``markdown``
    ``#`` headings and GFM tables.
``html``
    A complete HTML article whose tables are the official grids, with the colspan/rowspan the
    format draws.

The tables are built once as grids of cells with their spans (:class:`GridCell`); each layout
decides how to print a span.  Everything is printed as it was printed in the source (row labels,
cell text): ``parse(render(r, layout)) == r`` for a report ``r`` read from any layout.
"""

from __future__ import annotations

import html as _html
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Final, Literal

import attrs

from .formats import labels as L
from .nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Chrome,
    DateLine,
    Heading,
    ItemTable,
    LegacyTable,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    ProseFacts,
    Report,
    ReviewTable,
    Section,
    Title,
    Unrecognised,
)
from .tables.grid import place

__all__ = ["LAYOUTS", "GridCell", "Layout", "render", "table_grid"]

Layout = Literal["text", "lines", "tabs", "pipes", "markdown", "html"]
LAYOUTS: Final[tuple[str, ...]] = ("text", "lines", "tabs", "pipes", "markdown", "html")
"""The layout names :func:`render` accepts (``text`` is the default)."""

NBSP = "\u00a0"
APP_NOTE: Final[str] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The note in the top-left corner of the application table, as the format prints it."""

_Table = ProactiveTable2019 | ProactiveTable2021 | ApplicationTable | ReviewTable | LegacyTable
_TABLE_TYPES = (ProactiveTable2019, ProactiveTable2021, ApplicationTable, ReviewTable, LegacyTable)


# ------------------------------------------------------------------------------------------
# the table grid shared by every layout
# ------------------------------------------------------------------------------------------


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
    return "" if c.state is CellState.BLANK else c.raw


def _value(c: Cell, colspan: int = 1) -> GridCell:
    return GridCell(_cell_text(c), "value", colspan)


def _spread(total: int, parts: int) -> list[int]:
    """Split ``total`` grid columns over ``parts`` cells, the extra ones to the last cells."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i >= parts - extra else 0) for i in range(parts)]


def _item_label(item: str) -> str:
    n = item[4:] if item.startswith("item") else ""
    if n.isdigit() and 1 <= int(n) <= 99:
        return f"第二十条第（{L.numeral_text(int(n))}）项"
    return item


def _item_columns(fmt: str, item: ItemTable) -> tuple[str, ...]:
    for spec in L.proactive_items(fmt):
        if spec.key == item.item:
            return tuple(c.label for c in spec.columns)
    n = max((len(r.cells) for r in item.rows), default=0)
    return tuple("" for _ in range(n))


def _proactive_grid(t: ProactiveTable2019 | ProactiveTable2021) -> Grid:
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


# ------------------------------------------------------------------------------------------
# the document as a sequence of pieces
# ------------------------------------------------------------------------------------------


@attrs.frozen
class _Line:
    kind: str  # title, date, para, chrome, unrec, section, h2, h3
    text: str


_Piece = _Line | _Table


def _heading_text(h: Heading) -> str:
    if h.number is None:
        return h.title
    if h.level == 2:
        return f"（{L.numeral_text(h.number)}）{h.title}" if 1 <= h.number <= 99 else h.title
    return f"{h.number}.{h.title}"


def _section_text(s: Section) -> str:
    if s.number is None or not 1 <= s.number <= 99:
        return s.title
    return f"{L.numeral_text(s.number)}、{s.title}"


def _block_piece(b: Block) -> _Piece:
    if isinstance(b, _TABLE_TYPES):
        return b
    if isinstance(b, Title):
        return _Line("title", b.text)
    if isinstance(b, DateLine):
        return _Line("date", b.text)
    if isinstance(b, Heading):
        return _Line("h2" if b.level <= 2 else "h3", _heading_text(b))
    if isinstance(b, Chrome):
        return _Line("chrome", b.text)
    if isinstance(b, Unrecognised):
        return _Line("unrec", b.text)
    assert isinstance(b, Paragraph)
    return _Line("para", b.text)


def _pieces(report: Report) -> Iterator[_Piece]:
    title = report.metadata.title
    if title and not any(isinstance(b, Title) or (isinstance(b, Chrome) and title in b.text)
                         for b in report.preamble):
        yield _Line("title", title)
    for b in report.preamble:
        if not isinstance(b, ProseFacts):  # derived from the paragraphs: nothing to print
            yield _block_piece(b)
    for s in report.sections:
        yield _Line("section", _section_text(s))
        for b in s.blocks:
            if not isinstance(b, ProseFacts):
                yield _block_piece(b)


# ------------------------------------------------------------------------------------------
# layouts
# ------------------------------------------------------------------------------------------


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _width(s))


def _aligned(rows: Sequence[Sequence[str]], *, trailing: bool = True) -> list[str]:
    """Rows of cells as ``a | b | c |`` lines with the columns aligned (display width)."""
    n = max((len(r) for r in rows), default=0)
    widths = [max((_width(r[i]) for r in rows if i < len(r)), default=0) for i in range(n)]
    out = []
    for r in rows:
        parts = [_pad(c, widths[i]) for i, c in enumerate(r)]
        line = " | ".join(parts) + (" |" if trailing else "")
        out.append(line.rstrip() if not trailing else line)
    return out


def _lines_of(text: str) -> list[str]:
    return text.split("\n") if text else [""]


# ---- text ---------------------------------------------------------------------------------


def _legacy_text_table(t: LegacyTable) -> list[str]:
    """A legacy table in the plain form: aligned pipe rows, group headings on lines of their own."""
    grid = [_legacy_head(t)]
    lone: dict[int, list[str]] = {}
    for title, cells in _legacy_rows(t):
        if title is not None:
            lone.setdefault(len(grid), []).append(title)
        else:
            grid.append([c.text for c in cells])
    out: list[str] = []
    for i, line in enumerate(_aligned(grid)):
        out.extend(lone.get(i, []))
        out.append(line)
    out.extend(lone.get(len(grid), []))
    return out


def _text_table(t: _Table) -> list[str]:
    if isinstance(t, LegacyTable):
        return _legacy_text_table(t)
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        out: list[str] = []
        for it in t.items:
            cols = _item_columns(t.FORMAT, it)
            if out:
                out.append("")
            out.append(_item_label(it.item))
            rows = [["信息内容", *cols]] + [[r.label, *(_cell_text(c) for c in r.cells)] for r in it.rows]
            out.extend(_aligned(rows))
        return out
    if isinstance(t, ApplicationTable):
        grid: list[list[str]] = [["申请人情况", *(c.label for c in L.APPLICATION_COLUMNS)]]
        lone: dict[int, list[str]] = {}
        prev: tuple[str, ...] = ()
        for r in t.rows:
            path = _app_path(r.key)
            for level, group in enumerate(path):
                if prev[: level + 1] != path[: level + 1]:
                    lone.setdefault(len(grid), []).append("  " * level + group)
            prev = path
            grid.append(["  " * len(path) + r.label, *(_cell_text(c) for c in r.cells)])
        lines = _aligned(grid)
        out = []
        for i, line in enumerate(lines):
            out.extend(lone.get(i, []))
            out.append(line)
        return out
    g = _review_grid(t)
    rows = []
    for slots in g.slots():
        rows.append([c.text if k == "cell" else "" for k, c in slots])
    return _aligned(rows)


def _render_text(pieces: Sequence[_Piece]) -> str:
    out: list[str] = []
    for p in pieces:
        out.extend(_text_table(p) if not isinstance(p, _Line) else _lines_of(p.text))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- lines ----------------------------------------------------------------------------------


def _render_lines(pieces: Sequence[_Piece]) -> str:
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            out.append("")
            continue
        for row in table_grid(p).rows:
            for c in row:
                out.append(c.text if c.text or c.kind != "value" else "\t")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- tabs -----------------------------------------------------------------------------------


def _render_tabs(pieces: Sequence[_Piece]) -> str:
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            out.append("")
            continue
        n = 0
        for slots in table_grid(p).slots():
            for kind, c in slots:
                if kind == "right":
                    continue
                if kind == "down" or not c.text:
                    out.append("\t")
                elif c.kind == "value":
                    # the no-break space sits before or after the value, as the seed prints it
                    out.append("\t" + (NBSP + c.text if n % 2 == 0 else c.text + NBSP))
                    n += 1
                else:
                    out.append("\t" + c.text)
            out.append("")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- pipes ----------------------------------------------------------------------------------


def _pipe_row(cells: Sequence[str], pad: int) -> str:
    line = "".join(f"{c} | " if c else "| " for c in cells)
    if pad:
        return line + "|" * pad
    return line.rstrip()


def _render_pipes(pieces: Sequence[_Piece]) -> str:
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            continue
        g = table_grid(p)
        for row, slots in zip(g.rows, g.slots(), strict=True):
            texts = [c.text for c in row]
            # the merged-cell filler of a full row ("||||", read back as filler and dropped); a row
            # shorter than the grid gets none: within the row's columns it would read as empty cells
            out.append(_pipe_row(texts, g.width - len(texts) if len(slots) >= g.width else 0))
    return "\n".join(out) + "\n"


# ---- markdown -------------------------------------------------------------------------------


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_escape(c) for c in cells) + " |"


def _md_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    out = [_md_row(header), "|" + "|".join("---" for _ in header) + "|"]
    out.extend(_md_row(r) for r in body)
    return out


def _markdown_table(t: _Table) -> list[str]:
    if isinstance(t, LegacyTable):
        return _md_table(_legacy_head(t), [[title] if title is not None else [c.text for c in cells]
                                           for title, cells in _legacy_rows(t)])
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        out: list[str] = []
        for it in t.items:
            cols = _item_columns(t.FORMAT, it)
            out += [_item_label(it.item), ""]
            out += _md_table(["信息内容", *cols], [[r.label, *(_cell_text(c) for c in r.cells)] for r in it.rows])
            out.append("")
        return out[:-1]
    if isinstance(t, ApplicationTable):
        body: list[list[str]] = []
        prev: tuple[str, ...] = ()
        for r in t.rows:
            path = _app_path(r.key)
            for level, group in enumerate(path):
                if prev[: level + 1] != path[: level + 1]:
                    body.append([group])  # a merged group label: a short row, no value cells
            prev = path
            body.append([r.label, *(_cell_text(c) for c in r.cells)])
        return _md_table([APP_NOTE, *(c.label for c in L.APPLICATION_COLUMNS)], body)
    g = _review_grid(t)
    rows = [[c.text if k == "cell" else "" for k, c in slots] for slots in g.slots()]
    return _md_table(rows[0], rows[1:])


_MD_PREFIX = {"title": "# ", "section": "## ", "h2": "### ", "h3": "#### "}


def _render_markdown(pieces: Sequence[_Piece]) -> str:
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            prefix = _MD_PREFIX.get(p.kind, "")
            out.extend(prefix + line for line in _lines_of(p.text))
        else:
            out.extend(_markdown_table(p))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- html -----------------------------------------------------------------------------------


_HTML_TAG = {"title": "h1", "section": "h2", "h2": "h3", "h3": "h4"}


def _html_text(s: str) -> str:
    return "<br>".join(_html.escape(x, quote=False) for x in s.split("\n"))


def _html_table(t: _Table) -> list[str]:
    out = ["<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">", "<tbody>"]
    for row in table_grid(t).rows:
        tds = []
        for c in row:
            attrs_ = ""
            if c.colspan > 1:
                attrs_ += f' colspan="{c.colspan}"'
            if c.rowspan > 1:
                attrs_ += f' rowspan="{c.rowspan}"'
            tds.append(f"<td{attrs_}>{_html_text(c.text) if c.text else '&nbsp;'}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _render_html(pieces: Sequence[_Piece], title: str | None) -> str:
    # a report without a title gets a neutral page title (a made-up report title would be read
    # back as the report's headline)
    head = _html.escape(title or "年度报告", quote=False)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{head}</title>", "</head>", "<body>", "<article>"]
    for p in pieces:
        if isinstance(p, _Line):
            tag = _HTML_TAG.get(p.kind, "p")
            out.append(f"<{tag}>{_html_text(p.text)}</{tag}>")
        else:
            out.extend(_html_table(p))
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


_RENDERERS: Final[dict[str, Callable[[Sequence[_Piece]], str]]] = {
    "text": _render_text,
    "lines": _render_lines,
    "tabs": _render_tabs,
    "pipes": _render_pipes,
    "markdown": _render_markdown,
}


def render(report: Report, layout: str = "text") -> str:
    """The report as text in one of :data:`LAYOUTS`.

    Raises ``ValueError`` for an unknown layout name.  Rendering is total: every report renders,
    including ones built by hand; a report read by :func:`govinfo_parse.parse` renders to text
    that parses back to an equal report.
    """
    pieces = list(_pieces(report))
    if layout == "html":
        return _render_html(pieces, report.metadata.title)
    fn = _RENDERERS.get(layout)
    if fn is None:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    return fn(pieces)
