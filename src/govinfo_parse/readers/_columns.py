"""Printed lines of a PDF page, and tables without ruling lines rebuilt from word positions.

The characters outside ruled tables are grouped into lines (by their vertical position) and each
line into *segments* (runs of characters with no gap wider than 0.6 of the font size between them:
a cell's text).  A table without ruling lines shows as consecutive lines with value segments
(numbers, placeholders) in aligned columns:

- the columns are the clusters of overlapping segment extents in the table's body lines, plus
  header segments further than the font size from every value (a column whose values are all
  blank);
- the label columns are those where a body line has text that is not a value; a row's values
  are read column by column, a column with no segment in the row being a blank cell;
- a line of label text only, closer to the line above than rows are to each other, continues
  the label above it (a label wrapped in its cell); a line of label text that is an official
  row label is a row whose values are all blank; lines of several non-value segments above or
  inside the table are header rows, a header line whose segments all sit under the segments of
  the header line above being the rest of those cells (``本年新`` / ``制作数量``);
- any other line ends the table and is a printed line.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from typing import Any

import attrs

from ..nodes import SourceLocation
from ._grid import is_value, join_lines

__all__ = ["Line", "Segment", "lines_of", "unruled_blocks"]

Cells = list[tuple[str, SourceLocation | None]]
Block = tuple[float, tuple[str, SourceLocation] | None, list[Cells] | None]
"""(top, a printed line, or the rows of a table)."""


@attrs.define
class Segment:
    """A run of characters on one line with no wide gap: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def value(self) -> bool:
        """Whether the segment is a value cell (number or placeholder)."""
        return is_value(self.text)

    @property
    def centre(self) -> float:
        """The horizontal centre."""
        return (self.x0 + self.x1) / 2


@attrs.define
class Line:
    """One printed line: its segments left to right."""

    segments: list[Segment]
    top: float
    bottom: float
    size: float
    """Median character height (the font size)."""
    chars: list[dict[str, Any]] = attrs.field(factory=list, repr=False)
    """The line's characters, left to right."""

    @property
    def x0(self) -> float:
        """Left edge of the first segment."""
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        """Right edge of the last segment."""
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        """The segments' texts, one space between two."""
        return " ".join(s.text for s in self.segments)

    @property
    def has_values(self) -> bool:
        """A line of a table's body: several segments with a value among them, or one value."""
        return (len(self.segments) >= 2 and any(s.value for s in self.segments)) or (
            len(self.segments) == 1 and self.segments[0].value and len(self.segments[0].text) < 20)


def _seg(chars: Sequence[dict[str, Any]]) -> Segment:
    """The segment of some adjacent characters: their text (pdfplumber's spacing) and box."""
    from pdfplumber.utils.text import extract_text

    text = join_lines(str(extract_text(list(chars))).split("\n"))
    return Segment(text, min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                   min(c["top"] for c in chars), max(c["bottom"] for c in chars))


def _segments(chars: Sequence[dict[str, Any]], gap: float) -> list[Segment]:
    """Characters of one line (left to right) split where the gap between two exceeds ``gap``."""
    groups: list[list[dict[str, Any]]] = [[chars[0]]]
    for ch in chars[1:]:
        if ch["x0"] - groups[-1][-1]["x1"] > gap:
            groups.append([ch])
        else:
            groups[-1].append(ch)
    return [_seg(g) for g in groups]


def _fine(ln: Line) -> Line:
    """A line split at every visible gap between characters (a fifth of the font size): header
    cells centred in narrow columns sit closer together than cells of the body."""
    if not ln.chars:
        return ln
    return Line(_segments(ln.chars, max(0.2 * ln.size, 1.0)), ln.top, ln.bottom, ln.size, ln.chars)


def lines_of(chars: Sequence[dict[str, Any]]) -> list[Line]:
    """The characters grouped into lines (by vertical overlap) and segments (by gaps wider than
    0.6 of the font size)."""
    rows: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        if rows and rows[-1][0]["top"] - 1 <= mid <= rows[-1][0]["bottom"] + 1:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        size = statistics.median(c["bottom"] - c["top"] for c in row)
        segs = _segments(row, max(0.6 * size, 3.0))
        out.append(Line(segs, min(s.top for s in segs), max(s.bottom for s in segs), size, row))
    return out


def _where(page: int, x0: float, top: float, x1: float, bottom: float) -> SourceLocation:
    """A location on a page (offsets filled in by the text builder), rounded to 0.1 pt."""
    return SourceLocation(0, 0, page=page, bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))


def _is_row_label(text: str) -> bool:
    """An official row label (application table or section 二), exactly or approximately."""
    from ..tables.labels import app_label_terminals, match_label, terminal_of

    if terminal_of(text, app_label_terminals() | {"PRO_ROW"}) is not None:
        return True
    return match_label(text) is not None


def _clusters(extents: Sequence[tuple[float, float]]) -> list[list[float]]:
    """Overlapping extents merged: the columns, left to right, as [x0, x1]."""
    out: list[list[float]] = []
    for a, b in sorted(extents):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _column_of(cols: Sequence[Sequence[float]], seg: Segment) -> int:
    """The column a segment belongs to (the one holding its centre, else the nearest)."""
    for i, (a, b) in enumerate(cols):
        if a - 1 <= seg.centre <= b + 1:
            return i
    return min(range(len(cols)), key=lambda i: min(abs(cols[i][0] - seg.centre), abs(cols[i][1] - seg.centre)))


@attrs.define
class _Table:
    """A table being rebuilt: its header lines and body lines."""

    header: list[Line] = attrs.field(factory=list)
    body: list[Line] = attrs.field(factory=list)


def _tight(lines: Sequence[Line], k: int, floor: int) -> bool:
    """Whether line ``k`` sits as close to a neighbour as the lines of one cell do."""
    ln = lines[k]
    above = k > floor and ln.top - lines[k - 1].bottom < 0.5 * ln.size
    below = k + 1 < len(lines) and lines[k + 1].top - ln.bottom < 0.5 * ln.size
    return above or below


def _find_tables(lines: Sequence[Line]) -> list[tuple[int, int, int]]:
    """(first header line, first body line, end) of each table without ruling lines."""
    found: list[tuple[int, int, int]] = []
    i = 0
    while i < len(lines):
        after_header = (i > 0 and not lines[i - 1].has_values
                        and (_is_header_line(_fine(lines[i - 1])) or _tight(lines, i - 1, 0))
                        and len(lines[i].segments) == 1
                        and lines[i].top - lines[i - 1].bottom < 3 * lines[i].size and _is_row_label(lines[i].text))
        if not after_header and (not lines[i].has_values or (
                len(lines[i].segments) < 2 and not (i + 1 < len(lines) and lines[i + 1].has_values))):
            i += 1
            continue
        start = i
        head = start
        floor = found[-1][2] if found else 0
        while head > floor and not lines[head - 1].has_values and (
                lines[head].top - lines[head - 1].bottom < 3 * lines[head].size) and (
                len(_fine(lines[head - 1]).segments) >= 2 or _tight(lines, head - 1, floor)):
            head -= 1  # header rows, and the wrapped lines of their cells
        while head < start and len(_fine(lines[head]).segments) < 2:
            head += 1  # the header starts with a row of cells, not a line of text
        body = [lines[start]]
        j = start + 1
        label_right = max((s.x1 for s in lines[start].segments if not s.value), default=lines[start].x0)
        # the left edge of the value columns: a label line that stops before it is in the label
        # column, however much longer than the other labels it is (其他对外管理服务事项, all blank)
        value_left = min((s.x0 for s in lines[start].segments if s.value), default=lines[start].x1)
        while j < len(lines):
            ln, prev = lines[j], lines[j - 1]
            if ln.top - prev.bottom > 3 * ln.size:
                break
            if ln.has_values:
                body.append(ln)
                label_right = max([label_right, *(s.x1 for s in ln.segments if not s.value)])
                value_left = min([value_left, *(s.x0 for s in ln.segments if s.value)])
            elif len(ln.segments) >= 2 and not any(s.value for s in ln.segments):
                pass  # a header row inside the table (a sub-table's header)
            elif (ln.x1 <= label_right + ln.size or (ln.x1 < value_left and _is_row_label(ln.text))) and (
                    ln.top - prev.top < 1.6 * ln.size or _is_row_label(ln.text) or (
                    j + 1 < len(lines) and _tight(lines, j, j) and _is_row_label(ln.text + lines[j + 1].text))):
                pass  # a wrapped label, or a row whose values are all blank
            else:
                break
            j += 1
        found.append((head, start, j))
        i = j
    return found


def _room(cell: Sequence[Segment], heads: Sequence[Sequence[Segment]], pitch: float) -> bool:
    """Whether a header cell over no value is a column of its own: no header cell of a lower
    header row lies within a third of a column of its centre (else it spans the columns of
    those cells, centred over the gutter between two of them)."""
    x0, x1 = min(s.x0 for s in cell), max(s.x1 for s in cell)
    centre, bottom = (x0 + x1) / 2, cell[-1].bottom
    for other in heads:
        if other[0].top > bottom:
            o0, o1 = min(s.x0 for s in other), max(s.x1 for s in other)
            if o0 <= centre + pitch / 3 and centre - pitch / 3 <= o1:
                return False
    return True


def _is_header_line(ln: Line) -> bool:
    """A line of several segments none of which is a value (a row of header cells)."""
    return len(ln.segments) >= 2 and not any(s.value for s in ln.segments)


def _header_cells(lines: Sequence[Line]) -> list[list[Segment]]:
    """Header lines as header cells: a segment right under a cell's last segment (the next line
    of a cell whose text wraps) continues that cell."""
    cells: list[list[Segment]] = []
    for ln in lines:
        for s in ln.segments:
            for cell in cells:
                last = cell[-1]
                if 0 <= s.top - last.bottom < 0.5 * ln.size and last.x0 - 1 <= s.centre <= last.x1 + 1:
                    cell.append(s)
                    break
            else:
                cells.append([s])
    return cells


def _continue_labels(rows: list[Cells], ln: Line, page: int) -> bool:
    """Append each segment of a line of label text to the label cell just above it (in the last
    three rows: a merged label spans rows); False, changing nothing, when one has none."""
    targets: list[tuple[int, int]] = []
    for seg in ln.segments:
        found = None
        for r in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            for k, (text, where) in enumerate(rows[r]):
                if not text or is_value(text) or where is None or where.bbox is None:
                    continue
                x0, _, x1, bottom = where.bbox
                if x0 - 1 <= seg.centre <= x1 + 1 and seg.x0 >= x0 - ln.size and seg.top - bottom < 1.6 * ln.size:
                    found = (r, k)
                    break
            if found:
                break
        if found is None:
            return False
        targets.append(found)
    for seg, (r, k) in zip(ln.segments, targets, strict=True):
        text, where = rows[r][k]
        assert where is not None and where.bbox is not None
        x0, top, x1, _ = where.bbox
        rows[r][k] = (join_lines([text, seg.text]), _where(page, min(x0, seg.x0), top, max(x1, seg.x1), seg.bottom))
    return True


Columns = list[list[float]]


def _table_rows(lines: Sequence[Line], head: int, start: int, end: int, page: int,
                carry: Columns | None = None) -> tuple[list[Cells], Columns]:
    """The rows of one table without ruling lines (module docstring), and its columns.
    ``carry``: the columns of the table the previous page ended with, for a table that starts
    a page without a header (the same table, continued)."""
    lines = [_fine(ln) if head <= k < start else ln for k, ln in enumerate(lines)]
    body = lines[start:end]
    values = [ln for ln in body if ln.has_values]
    extents = [(s.x0, s.x1) for ln in body if ln.has_values or len(ln.segments) == 1 for s in ln.segments]
    if carry:
        cols = [list(c) for c in carry]
        for x0, x1 in extents:
            over = [i for i, (a, b) in enumerate(cols) if a <= x1 and x0 <= b]
            if len(over) == 1:
                wide = [min(cols[over[0]][0], x0), max(cols[over[0]][1], x1)]
                if not any(a <= wide[1] and wide[0] <= b for i, (a, b) in enumerate(cols) if i != over[0]):
                    cols[over[0]] = wide
            elif not over:
                cols = sorted([*cols, [x0, x1]])
    else:
        cols = _clusters(extents)
    # header cells: one over a single column widens it, one over none is a column whose values
    # are all blank, one over several spans them (申请人情况) and says nothing about columns
    # (a header cell is taken whole, its wrapped lines joined; the lowest header row first: it
    # has the leaf columns; the narrowest first within a row)
    heads = _header_cells(lines[head:start])
    lowest = max((c[-1].bottom for c in heads), default=0.0)
    leaf = sorted((min(x.x0 for x in c) + max(x.x1 for x in c)) / 2 for c in heads if c[-1].bottom == lowest)
    spacing = min([b - a for a, b in itertools.pairwise(leaf)] or [0.0])
    for cell in sorted(heads, key=lambda c: (-c[-1].bottom, max(x.x1 for x in c) - min(x.x0 for x in c))):
        x0, x1 = min(x.x0 for x in cell), max(x.x1 for x in cell)
        over = [i for i, (a, b) in enumerate(cols) if a <= x1 and x0 <= b]
        if len(over) == 1:
            wide = [min(cols[over[0]][0], x0), max(cols[over[0]][1], x1)]
            if not any(a <= wide[1] and wide[0] <= b for i, (a, b) in enumerate(cols) if i != over[0]):
                cols[over[0]] = wide
        elif not over and _room(cell, heads, spacing):
            cols = sorted([*cols, [x0, x1]])
    label_cols = {_column_of(cols, s) for ln in values for s in ln.segments if not s.value}
    label_cols |= {_column_of(cols, ln.segments[0]) for ln in body if len(ln.segments) == 1
                   and not ln.segments[0].value}
    pitch = statistics.median([b.top - a.top for a, b in itertools.pairwise(values)] or [99.0])
    rows: list[Cells] = []
    header_prev: Line | None = None
    header_cells: list[list[Segment]] = []

    def flush_header() -> None:
        """Emit the header cells gathered so far as one row."""
        nonlocal header_cells
        if header_cells:
            rows.append([(join_lines([s.text for s in segs]),
                          _where(page, min(s.x0 for s in segs), min(s.top for s in segs),
                                 max(s.x1 for s in segs), max(s.bottom for s in segs)))
                         for segs in header_cells])
        header_cells = []

    last_body: Line | None = None
    for k, ln in enumerate(lines[head:end], start=head):
        close = last_body is not None and ln.top - last_body.top < min(0.8 * pitch, 1.6 * ln.size)
        if (k >= start and close and not ln.has_values and rows
                and all(_column_of(cols, s) in label_cols for s in ln.segments)
                and _continue_labels(rows, ln, page)):
            last_body = ln  # a wrapped label: the rest of label cells above
            continue
        is_header = (k < start and not ln.has_values) or (len(ln.segments) >= 2 and not any(
            s.value for s in ln.segments) and any(_column_of(cols, s) not in label_cols for s in ln.segments))
        if is_header:
            if header_prev is not None and header_cells and ln.top - header_prev.bottom < ln.size and all(
                    any(h.x0 - 1 <= s.centre <= h.x1 + 1 for h in (segs[-1] for segs in header_cells))
                    for s in ln.segments):
                for s in ln.segments:
                    for segs in header_cells:
                        if segs[-1].x0 - 1 <= s.centre <= segs[-1].x1 + 1:
                            segs.append(s)
                            break
            else:
                flush_header()
                header_cells = [[s] for s in ln.segments]
            header_prev = ln
            continue
        flush_header()
        header_prev = None
        by_col: dict[int, list[Segment]] = {}
        for s in ln.segments:
            by_col.setdefault(_column_of(cols, s), []).append(s)
        cells: Cells = []
        for c, (a, b) in enumerate(cols):
            segs = by_col.get(c, [])
            if segs:
                cells.extend((s.text, _where(page, s.x0, s.top, s.x1, s.bottom)) for s in segs)
            elif c not in label_cols:
                cells.append(("", _where(page, a, ln.top, b, ln.bottom)))
        rows.append(cells)
        last_body = ln
    flush_header()
    return rows, cols


def unruled_blocks(chars: Sequence[dict[str, Any]], page: int,
                   carry: Columns | None = None) -> tuple[list[Block], Columns | None]:
    """The printed lines and tables without ruling lines of some characters of one page, and the
    columns of the table the page ends with (None if it ends with a line): ``carry`` is that of
    the previous page, for the page's first table when it has no header (the same table,
    continued)."""
    from ._grid import is_page_number

    lines = lines_of(chars)
    tables = {head: (start, end) for head, start, end in _find_tables(lines)}
    out: list[Block] = []
    last: Columns | None = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        if i in tables:
            start, end = tables[i]
            first = not any(b[2] is not None for b in out)  # the page's first table, with no header
            rows, last = _table_rows(lines, i, start, end, page, carry if first and i == start else None)
            out.append((ln.top, None, rows))
            i = end
            continue
        out.append((ln.top, (ln.text, _where(page, ln.x0, ln.top, ln.x1, ln.bottom)), None))
        if not is_page_number(ln.text):
            last = None
        i += 1
    return out, last
