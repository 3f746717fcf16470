"""Value cells: a CELLS run split back into cells, each with its own position and value."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

import attrs
from lark import Token

from ..formats.cells import VALUE_PARTS, cell_kind, match_value
from ..nodes import (
    Block,
    Cell,
    CellState,
    Paragraph,
    Severity,
    Span,
)
from ..stream import BLANK
from ..tables.pieces import note_message, printed_note
from .context import ParseContext

__all__ = ["make_cell", "make_cells", "piece_blocks", "printed_note", "split_cells", "stray_blank"]


_LINE_BREAK = re.compile(r"\s*\n\s*")

MAX_DIGITS = 100
"""A value cell of more digits is no figure of a report (counts have a few digits, amounts in 元
at most 15): it is kept as printed with diagnostic P103 and no value.  Python refuses to convert
strings of more than 4,300 digits to ``int`` at all."""


def make_cell(i: int, text: str, ctx: ParseContext) -> Cell:
    """The cell chunk ``i`` holds; ``text`` is its normalised text (one piece of a CELLS run)."""
    cell = _printed_cell(i, text, ctx)
    mark = ctx.chunks[i].mark
    return _marked(cell, mark) if mark else cell


def _marked(c: Cell, mark: str) -> Cell:
    """A reader's less-than-certain cell (see ``Chunk.mark``): undecided, or inferred."""
    if mark == "undecided":
        return attrs.evolve(c, state=CellState.UNDECIDED, value=None, unit=None)
    return attrs.evolve(c, inferred=True)


def _noted(cell: Cell, note: str | None, ctx: ParseContext) -> Cell:
    """``cell`` with the note its chunk printed after the number (``note``, normalised; None for
    none), and the info diagnostic P115 at the cell: the value is the number, the note is text.

    A chunk may hold a value and the note printed on the next line (the table recovery gives a
    loose note back to its value as one chunk over both lines): the cell's ``raw`` is then the
    value and the note without the line break between them, as the cell reads, and its span
    covers both lines."""
    if not note:
        return cell
    if "\n" in cell.raw:
        cell = attrs.evolve(cell, raw=_LINE_BREAK.sub("", cell.raw))
    printed = printed_note(cell.raw, note)
    cell = attrs.evolve(cell, note=printed)
    ctx.diag("P115", Severity.INFO, note_message(cell), cell.span)
    return cell


def _printed_cell(i: int, text: str, ctx: ParseContext) -> Cell:
    """The cell as printed in chunk ``i`` (before any reader's mark)."""
    span = ctx.span_at(i)
    kind = cell_kind(text)
    if kind == "BLANK":
        return Cell("", CellState.BLANK, None, None, span)
    raw = ctx.text_at(i)
    if kind == "PLACEHOLDER":
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    m = VALUE_PARTS.match(text)
    if not m:  # the grammar admitted it, so this cannot happen; stay lenient anyway
        ctx.diag("P103", Severity.WARNING, f"value cell {raw!r} is not a number (数值单元格无法解析)", span)
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    digits = m.group("int").replace(",", "")
    if len(digits) + len(m.group("frac") or "") > MAX_DIGITS:
        ctx.diag("P103", Severity.WARNING,
                 f"value cell of {len(digits) + len(m.group('frac') or '')} digits ({raw[:20]!r}…) is too long to be "
                 f"a figure (more than {MAX_DIGITS} digits); kept as printed, with no value (数值过长)", span)
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    return _noted(Cell(raw, CellState.NUMBER, match_value(m), m.group("unit"), span), m.group("note"), ctx)


def split_cells(children: Sequence[Any], ctx: ParseContext) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
    """Cells of a row (the pieces of its CELLS token); for a header, the blank filler before
    the first printed value."""
    pieces = [p for t in children if isinstance(t, Token) for p in ctx.pieces(t)]
    if not pieces:
        return (), ()
    made = make_cells(pieces, ctx)
    n = 0
    while n < len(pieces) and pieces[n][1] == BLANK:
        n += 1
    return tuple(made[n:]), tuple(made[:n])


def make_cells(pieces: Sequence[tuple[int, str]], ctx: ParseContext) -> list[Cell]:
    """:func:`make_cell` for every piece of a run, in one pass (the parser's hottest loop: a
    report has hundreds of cells).  Same cells, spans and diagnostics as one call per piece."""
    norm = ctx.norm
    markup = norm.markup
    # plain text normalised in place: chunk offsets are source offsets
    in_place = norm.offsets is None and not markup
    src = ctx.source
    n_src = len(src)
    starts = ctx.smap.line_starts
    chunks = ctx.chunks
    value_re = VALUE_PARTS.match
    out: list[Cell] = []
    lo, hi, line = -1, -1, 0  # the source line of the previous cell: [lo, hi)

    def pos(off: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a source offset clamped to the source; reuses the
        previous cell's line when the offset lies on it."""
        nonlocal lo, hi, line
        off = max(0, min(off, n_src))  # as SourceMap.position
        if not lo <= off < hi:
            k = bisect_right(starts, off) - 1
            line, lo = k + 1, starts[k]
            hi = starts[k + 1] if k + 1 < len(starts) else n_src + 1
        return line, off - lo + 1

    for i, p in pieces:
        if in_place:
            ch = chunks[i]
            a, b = ch.start, ch.end
            raw = src[a:b]
            if raw and (raw[0].isspace() or raw[-1].isspace()):
                a, b = ctx.src_range(ch)
                raw = src[a:b]
        else:  # offsets through the map; a markup source prints the visible text between them
            a, b = ctx.src_range_at(i)
            raw = "" if p == BLANK else norm.printed(a, b) if markup else src[a:b]
        la, ca = pos(a)
        lb, cb = pos(b)
        span = Span(a, b, la, ca, lb, cb)
        if p == BLANK:
            out.append(Cell("", CellState.BLANK, None, None, span))
            continue
        m = value_re(p)
        if m is None:
            if cell_kind(p) == "PLACEHOLDER":
                out.append(Cell(raw, CellState.PLACEHOLDER, None, None, span))
            else:
                out.append(_printed_cell(i, p, ctx))
            continue
        if len(m.group("int").replace(",", "")) + len(m.group("frac") or "") > MAX_DIGITS:
            out.append(make_cell(i, p, ctx))  # too long to be a figure: P103, as one call per piece says
            continue
        cell = Cell(raw, CellState.NUMBER, match_value(m), m.group("unit"), span)
        out.append(_noted(cell, m.group("note"), ctx) if m.group("note") else cell)
    for k, (i, _) in enumerate(pieces):
        mark = chunks[i].mark
        if mark:
            out[k] = _marked(out[k], mark)
    return out


def piece_blocks(pieces: Sequence[tuple[int, str]], ctx: ParseContext) -> list[Block]:
    """Cells where no cells were expected: each is the paragraph (or stray empty cell) it would
    be on its own line."""
    out: list[Block] = []
    for i, p in pieces:
        if p.startswith(BLANK):
            out.extend(stray_blank(i, ctx))
        else:
            out.append(Paragraph(ctx.text_at(i).strip(), ctx.line_span_at(i)))
    return out


def stray_blank(i: int, ctx: ParseContext) -> list[Block]:
    """An empty cell (chunk ``i``) outside any table.  Next to other cells of its line it is
    that line's padding (nothing to keep); a line of nothing but empty cells ("| | |") is kept,
    once, as unrecognised text, so that every printed character lies in some node."""
    from ..nodes import Unrecognised

    line = ctx.span_at(i).line
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.chunks):
            a, _b = ctx.src_range_at(j)
            if ctx.smap.position(a)[0] == line and (ctx.chunks[j].text != BLANK or j < i):
                return []  # a cell with content on this line, or an earlier blank that is kept
    span = ctx.widen(ctx.span_at(i))
    assert span is not None
    text = ctx.source[span.start : span.end]
    if not text.strip():
        return []
    ctx.diag("P002", Severity.WARNING, f"empty table cells {text!r} outside any table; kept as unrecognised "
             "text (表格外的空单元格)", span)
    return [Unrecognised(text, "empty table cells outside any table", span)]
