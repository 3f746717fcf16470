"""PDF files (extra ``govinfo-parse[pdf]``): the page read by its geometry, or its text layer.

**Geometry** (the default, reader ``pdf-geometry``): pdfplumber gives every character with its
box.  On each page:

- tables with ruling lines are found by pdfplumber's table finder; their cells (bboxes) are
  laid on a grid of the cells' edges, so a merged cell covers the slots it spans and starts in
  one; a cell's characters are its text, lines joined (a wrapped label, a header cell over two
  lines are one cell); a cell with no characters is a blank cell;
- the characters outside those tables are printed lines; where several consecutive lines carry
  values in aligned columns, the columns are rebuilt from the word positions
  (:mod:`govinfo_parse.readers._columns`), so a table without ruling lines keeps its blank cells
  too;
- tables, rows and lines are emitted top to bottom, page after page, in the pipe-table layout
  (:mod:`govinfo_parse.readers._grid`); page numbers (``- 2 -``) are left out, so a table cut by
  a page break continues on the next page.

Every cell and line records its page and box (``report.source.locations``).

**Text** (reader ``pdf-text``, the fallback): pdfplumber's ``extract_text()``, one page per form
feed, read by the PDF-text reader (:mod:`govinfo_parse.pdftext`), which must guess back what the
page showed.  It is used when the geometry is unusable: characters that are not upright
(rotated pages), or a page whose text the geometry cannot place; the report then carries info
diagnostic ``P112`` saying why.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import attrs

from ..nodes import Diagnostic, SourceLocation
from ._grid import Slot, TextBuilder, is_page_number, join_lines

__all__ = ["GeometryUnusable", "PdfRead", "pdf_text", "read_geometry"]

_EDGE_TOLERANCE = 2.0
"""Points within which two cell edges are one grid line."""


class GeometryUnusable(ValueError):
    """The page geometry cannot be read into rows and lines (the text fallback is used)."""


@attrs.frozen
class PdfRead:
    """A PDF read into report text."""

    text: str
    locations: tuple[SourceLocation, ...]
    reader: str
    """``pdf-geometry`` or ``pdf-text``."""
    diagnostics: tuple[Diagnostic, ...] = ()


def _edges(values: Sequence[float]) -> list[float]:
    """Sorted distinct values, those within :data:`_EDGE_TOLERANCE` merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE_TOLERANCE:
            out.append(v)
    return out


def _nearest(edges: Sequence[float], v: float) -> int:
    """Index of the edge nearest to ``v``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _inside(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    """Whether the centre of a character or word lies in ``bbox``."""
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _chars_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of some characters (one cell's), lines joined."""
    if not chars:
        return ""
    from pdfplumber.utils.text import extract_text

    return join_lines(str(extract_text(list(chars))).split("\n"))


def _table_grid(table: Any, chars: Sequence[dict[str, Any]], page_no: int) -> list[list[Slot | None]]:
    """A pdfplumber table as a grid of slots: the cells laid on the lines of their edges."""
    cells: list[tuple[float, float, float, float]] = [tuple(c) for c in table.cells]
    xs = _edges([v for c in cells for v in (c[0], c[2])])
    ys = _edges([v for c in cells for v in (c[1], c[3])])
    grid: list[list[Slot | None]] = [[None] * max(len(xs) - 1, 1) for _ in range(max(len(ys) - 1, 1))]
    mine = [ch for ch in chars if _inside(ch, table.bbox)]
    for bbox in sorted(cells, key=lambda c: (c[1], c[0])):
        c0, c1 = _nearest(xs, bbox[0]), _nearest(xs, bbox[2])
        r0, r1 = _nearest(ys, bbox[1]), _nearest(ys, bbox[3])
        if c1 <= c0 or r1 <= r0:
            continue
        inside = [ch for ch in mine if _inside(ch, bbox)]
        text = _chars_text(inside)
        where = SourceLocation(0, 0, page=page_no, bbox=_round(bbox))
        ink = _round((min(ch["x0"] for ch in inside), min(ch["top"] for ch in inside),
                      max(ch["x1"] for ch in inside), max(ch["bottom"] for ch in inside))) if inside else None
        for r in range(r0, r1):
            for c in range(c0, c1):
                if grid[r][c] is None:
                    grid[r][c] = Slot(text, r == r0 and c == c0, where, ink)
    return grid


def _round(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    """A box rounded to 0.1 pt."""
    return (round(bbox[0], 1), round(bbox[1], 1), round(bbox[2], 1), round(bbox[3], 1))


def _split_grid(grid: list[list[Slot | None]]) -> list[_Block]:
    """A ruled table as blocks: a row holding one cell across the whole width (a boxed line of
    prose, a sub-table's heading) is a printed line; the rows between such lines are grids."""
    out: list[_Block] = []
    part: list[list[Slot | None]] = []
    for row in grid:
        first = row[0] if row else None
        if first is not None and all(s is not None and s.where == first.where for s in row):
            if part:
                out.append(_Block(_top(part), grid=part))
                part = []
            if first.origin and first.text.strip():
                ink = first.ink or first.where.bbox
                assert ink is not None
                out.append(_Block(ink[1], line=(first.text, attrs.evolve(first.where, bbox=ink))))
            continue
        part.append(row)
    if part:
        out.append(_Block(_top(part), grid=part))
    return out


def _top(grid: Sequence[Sequence[Slot | None]]) -> float:
    """The top edge of a grid's first cell."""
    return min((s.where.bbox[1] for row in grid[:1] for s in row if s is not None and s.where.bbox), default=0.0)


def _columns(table_grid: Sequence[Sequence[Slot | None]]) -> int:
    """The number of columns of a grid."""
    return max((len(r) for r in table_grid), default=0)


@attrs.frozen
class _Block:
    """A table or a line of one page, by its top edge."""

    top: float
    line: tuple[str, SourceLocation] | None = None
    grid: list[list[Slot | None]] | None = None
    rows: list[list[tuple[str, SourceLocation | None]]] | None = None
    pieces: list[tuple[str, SourceLocation]] | None = None
    """The lines of a paragraph (after :func:`_paragraphs`)."""


def _page_blocks(page: Any, page_no: int, carry: Any = None) -> tuple[list[_Block], Any]:
    """The tables and printed lines of one page, top to bottom, and the columns of the unruled
    table it ends with (``carry``: those of the previous page, see
    :func:`govinfo_parse.readers._columns.unruled_blocks`)."""
    from ._columns import unruled_blocks

    chars = [c for c in page.chars if c.get("text", "").strip()]
    blocks: list[_Block] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        grid = _table_grid(table, chars, page_no)
        if _columns(grid) < 1 or not any(s is not None for row in grid for s in row):
            continue
        boxes.append(tuple(table.bbox))
        blocks.extend(_split_grid(grid))
    outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
    height = float(page.height)
    unruled, carry = unruled_blocks(outside, page_no, None if boxes else carry)
    for top, line, rows in unruled:
        if line is not None:
            text, where = line
            margin = where.bbox is not None and (where.bbox[1] < 0.12 * height or where.bbox[3] > 0.88 * height)
            if is_page_number(text) and (margin or not text.strip().isdigit()):
                continue
            blocks.append(_Block(top, line=line))
        elif rows is not None:
            blocks.append(_Block(top, rows=rows))
    blocks.sort(key=lambda b: b.top)
    return blocks, carry


def _paragraphs(blocks: Sequence[_Block]) -> list[_Block]:
    """Printed lines joined into paragraphs: a line that reaches the right edge of the page's
    text continues on the next line when that one is not indented (a Chinese paragraph's first
    line is).  Table rows and blocks in between end a paragraph."""
    lines = [b.line[1].bbox for b in blocks if b.line is not None and b.line[1].bbox is not None]
    if not lines:
        return list(blocks)
    left = min(bb[0] for bb in lines)
    right = max(bb[2] for bb in lines)
    out: list[_Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (b.line is not None and prev is not None and prev.pieces and b.line[1].bbox is not None
                and prev.pieces[-1][1].bbox is not None):
            size = b.line[1].bbox[3] - b.line[1].bbox[1]
            if prev.pieces[-1][1].bbox[2] >= right - 1.5 * size and b.line[1].bbox[0] <= left + 0.5 * size:
                prev.pieces.append(b.line)
                continue
        if b.line is not None:
            out.append(_Block(b.top, pieces=[b.line]))
        else:
            out.append(b)
    return out


def read_geometry(data: bytes) -> PdfRead:
    """A PDF read by its geometry (module docstring).  Raises ``ImportError`` without pdfplumber,
    ``ValueError`` for a file it cannot open, :class:`GeometryUnusable` where the geometry cannot
    be read (no text layer, rotated text)."""
    import pdfplumber

    out = TextBuilder()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            total = upright = 0
            blocks: list[_Block] = []
            carry: Any = None
            for n, page in enumerate(pdf.pages, start=1):
                chars = [c for c in page.chars if c.get("text", "").strip()]
                total += len(chars)
                upright += sum(1 for c in chars if c.get("upright", True))
                if total and upright < 0.9 * total:
                    raise GeometryUnusable(f"page {n} prints text that is not upright (rotated)")
                found, carry = _page_blocks(page, n, carry)
                blocks.extend(found)
            for block in _paragraphs(blocks):
                if block.pieces is not None:
                    out.paragraph(block.pieces)
                elif block.grid is not None:
                    out.table(block.grid)
                else:
                    for row in block.rows or ():
                        out.row(row)
    except (GeometryUnusable, ImportError):
        raise
    except Exception as e:  # pdfminer raises many types for damaged or encrypted files
        raise ValueError(f"cannot read the PDF: {type(e).__name__}: {e}") from e
    text, locations = out.build()
    if not total or not text.strip():
        raise GeometryUnusable("the PDF has no text layer")
    return PdfRead(text, locations, "pdf-geometry")


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF as pdfplumber's ``extract_text()`` gives it, pages joined by form
    feeds (what the ``pdf-text`` reader reads).  Raises ``ImportError`` without the
    ``govinfo-parse[pdf]`` extra, ``ValueError`` for a file pdfplumber cannot open."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\f".join((page.extract_text() or "") for page in pdf.pages)
    except Exception as e:  # pdfminer raises many types for damaged or encrypted files
        raise ValueError(f"cannot read the PDF: {type(e).__name__}: {e}") from e
