"""The value rows of a damaged application table: its stretches of value cells cut into rows of
the format's length, and whether the region is printed as the grammar reads it at all.

A stretch is a run of value cells in the printed pieces (:mod:`govinfo_parse.tables.pieces`);
the cells of one printed line belong together, lines shorter than a row are the pieces of one
row broken across lines or tables, and a line of eight cells whose first is empty is a row
printed without its label.  :mod:`govinfo_parse.tables.recover_assign` then gives the rows
their keys.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from ..formats import labels as L
from ..stream import BLANK, HEADER, Chunk
from .pieces import Piece

__all__ = ["NCOLS", "ValueRow", "is_intact", "rows_of", "stretches"]

NCOLS = len(L.APPLICATION_COLUMNS)
"""Value cells in one row of the application table."""


@attrs.define
class ValueRow:
    """One row of value cells as the recovery reads it, and what became of it."""

    cells: list[Piece]
    label: Piece | None  # the label printed right before the row's cells
    extras: list[Piece]  # notes, furniture, blanks beyond the row: printed after it
    key: str | None = None
    how: str = "attached"  # attached | detached | inferred | unplaced
    label_cell: bool = False  # an empty label cell was set aside (the label printed on its own line)


def stretches(ps: Sequence[Piece]) -> list[tuple[int, int]]:
    """(first, last+1) piece indices of every stretch of cells (notes and furniture inside a
    stretch do not end it)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(ps):
        if ps[i].kind != "cell":
            i += 1
            continue
        j = i
        while j < len(ps) and ps[j].kind in ("cell", "note", "furniture"):
            j += 1
        while ps[j - 1].kind != "cell":
            j -= 1
        out.append((i, j))
        i = j
    return out


def is_intact(ps: Sequence[Piece], chunks: Sequence[Chunk], split: bool) -> bool:
    """Whether the pieces are printed as the grammar reads them (before cutting rows: a stretch
    of cells after a label may still hold more than one row)."""
    if split:
        return False
    for k, p in enumerate(ps):
        if p.kind == "note" or (p.kind == "label" and len(p.chunks) > 1):
            return False
        if p.kind == "cell" and chunks[p.chunks[0]].text.startswith(HEADER):
            return False
        if p.kind == "label" and p.key != "other":
            nxt = ps[k + 1] if k + 1 < len(ps) else None
            twice = any(q.kind == "label" and q.key == p.key for q in ps[k + 1 : k + 24])
            if (nxt is None or nxt.kind != "cell") and not twice:
                return False  # a label away from its row (not one printed as a heading first)
        if p.kind == "cell" and k > 0 and ps[k - 1].kind not in ("cell", "label"):
            before = next((ps[j] for j in range(k - 1, -1, -1) if ps[j].kind != "furniture"), None)
            if before is not None and before.kind in ("header", "group") and all(
                    not any(ch.isdigit() for ch in q.text)
                    for q in itertools.takewhile(lambda q: q.kind == "cell", ps[k:])):
                continue  # merged-cell filler, or placeholders, under header cells
            return False
    return True


def rows_of(ps: Sequence[Piece], a: int, b: int, label: Piece | None, region: Sequence[Chunk],
            text: str, heading: bool = False) -> list[ValueRow]:
    """The value rows of one stretch of cells, cut by the printed lines and the row length.

    The cells of one printed line belong together: a line of eight cells whose first is empty is
    a row printed without its label (the empty label cell is set aside), blanks beyond seven are
    padding, and lines shorter than a row are the pieces of a row broken across lines or tables
    (joined while they fit in seven).  ``heading``: ``label`` is a merged group label of the
    format (2021's （六）其他处理), printed in the column before the row labels; an empty cell after
    it on its line is then the row's own label cell, left empty (the row's label was lost)."""
    cells = [p for p in ps[a:b] if p.kind == "cell"]
    extras = [p for p in ps[a:b] if p.kind != "cell"]
    lines: list[list[Piece]] = []
    prev_end: int | None = None
    for c in cells:
        ch = region[c.chunks[0]]
        if prev_end is None or "\n" in text[prev_end : ch.start]:
            lines.append([])
        lines[-1].append(c)
        prev_end = ch.end
    rows: list[ValueRow] = []
    buf: list[Piece] = []
    spare: list[Piece] = []
    moved = [False]

    def flush() -> None:
        """End the row being joined from short lines (if any)."""
        nonlocal buf
        if buf:
            rows.append(ValueRow(buf, None, []))
            buf = []

    same_line = label is not None and bool(lines) and "\n" not in text[
        region[label.chunks[-1]].end : region[lines[0][0].chunks[0]].start]
    lost = False
    for n, g in enumerate(lines):
        if len(g) > NCOLS and g[0].text == BLANK and not (n == 0 and same_line and not heading):
            spare.append(g.pop(0))  # the empty label cell of a row printed without its label
            moved[0] = True
            lost = lost or (n == 0 and same_line)
        while len(g) > NCOLS and g[-1].text == BLANK:
            spare.append(g.pop())
        if len(g) > NCOLS:
            flush()
            rows.extend(ValueRow(g[k : k + NCOLS], None, []) for k in range(0, len(g), NCOLS))
            continue
        if len(buf) + len(g) > NCOLS:
            flush()
        buf = buf + g
        if len(buf) == NCOLS:
            flush()
    flush()
    rows = rows or [ValueRow([], None, [])]
    rows[0].label = None if lost else label  # a group label on the line is not the row's own
    rows[0].label_cell = moved[0]
    rows[-1].extras = [*spare, *extras]
    return rows
