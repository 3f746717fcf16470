"""Line layouts (shared by the plain-text and Markdown readers): normalised text → chunks.

Whatever the layout — one cell per line (seed 000), tab-indented cells (002), pipe rows
(003/004), Markdown tables, HTML grids (via :mod:`govinfo_parse.api`) — a table arrives here
as a sequence of cells, and prose as lines.  This module turns every input into the same
stream: one :class:`Chunk` per paragraph, heading or cell, each knowing its place in the
normalised text (and so in the user's file).  Empty table cells become the blank marker ␀;
cells the layout knows to be header cells get the ␁ prefix.

What is *not* decided here: which line is a heading or a row label (the grammar's terminals),
which rows make a table (the transformer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from .._lazy import lazy_compile
from ..stream import BLANK, HEADER, Chunk, squeeze

__all__ = ["chunks_from_lines", "chunks_from_text", "has_gfm_table"]

_MD_SEPARATOR = lazy_compile(r"^(?=.*\|)\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
"""A GFM delimiter row: dashes between pipes ("|---|---|"); a line of dashes alone is text."""
_MD_HEADING = lazy_compile(r"^(#{1,6})\s+")


def _split_pipes(line: str, base: int, markdown: bool = True) -> Iterator[Chunk]:
    """Cells of a pipe row ``a | b | c |``.  In Markdown (``markdown=True``) a leading pipe is the
    table's border (GFM ``| a | b |``); elsewhere it closes an empty first cell."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for piece in line.split("|"):
        bounds.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    stripped = line.strip()
    if markdown and stripped.startswith("|") and bounds and not line[bounds[0][0] : bounds[0][1]].strip():
        bounds = bounds[1:]
    if stripped.endswith("|") and bounds and not line[bounds[-1][0] : bounds[-1][1]].strip():
        bounds = bounds[:-1]
    for a, b in bounds:
        cell = line[a:b]
        text = cell.strip()
        if not text:
            # an empty cell with not even a space in it ("||") takes its closing pipe, so that
            # the cell — and every printed character — has a place in the source
            yield Chunk(BLANK, base + a, base + (b if b > a else min(b + 1, len(line))))
            continue
        lead = len(cell) - len(cell.lstrip())
        yield Chunk(squeeze(text), base + a + lead, base + a + lead + len(text))


def chunks_from_lines(lines: Iterable[tuple[int, str]], *, markdown: bool = True) -> Iterator[Chunk]:
    """Chunks of plain-text lines given as (offset of the line in the normalised text, line).
    ``markdown``: the text has GFM tables (a leading pipe is a border, not an empty cell)."""
    md_header_pending: list[Chunk] = []
    for base, line in lines:
        stripped = line.strip()
        if not stripped:
            # a line holding only a tab is an empty cell of a tab-indented table
            if "\t" in line:
                yield Chunk(BLANK, base, base + len(line))
            continue
        if md_header_pending and _MD_SEPARATOR.match(stripped):
            # the row just before a GFM separator was a header row; the separator belongs to
            # the header too (a header cell, so that every printed character has a node)
            for c in md_header_pending:
                yield c if c.text == BLANK else attrs.evolve(c, text=HEADER + c.text)
            md_header_pending = []
            lead = len(line) - len(line.lstrip())
            yield Chunk(HEADER + squeeze(stripped), base + lead, base + lead + len(stripped))
            continue
        for c in md_header_pending:
            yield c
        md_header_pending = []
        lead = len(line) - len(line.lstrip())
        # a pipe row, or the rest of one broken across lines: "0 |", or "|" for one empty cell
        if stripped.count("|") >= 2 or stripped.endswith("|"):
            cells = list(_split_pipes(line, base, markdown))
            if not cells:  # a lone border ("|"): one empty cell, so the line still has a chunk
                cells = [Chunk(BLANK, base + lead, base + lead + len(stripped))]
            if markdown and stripped.startswith("|"):
                md_header_pending = cells  # may turn out to be a GFM header row
            else:
                yield from cells
            continue
        m = _MD_HEADING.match(stripped)
        if m:
            lead += m.end()
            stripped = stripped[m.end() :]
        yield Chunk(squeeze(stripped), base + lead, base + lead + len(stripped))
    yield from md_header_pending


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of every line of ``text`` split at LF, the line breaks excluded."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def has_gfm_table(text: str) -> bool:
    """Whether the text has a GFM table delimiter row ("|---|---|"): then it is Markdown, and a
    leading pipe is a table's border rather than an empty first cell."""
    return any(_MD_SEPARATOR.match(line.strip()) for _, line in _lines(text) if "-" in line)


def chunks_from_text(text: str, *, markdown: bool | None = None) -> list[Chunk]:
    """Chunks of a whole normalised plain-text report (``markdown``: GFM tables; detected when
    None)."""
    md = has_gfm_table(text) if markdown is None else markdown
    return list(chunks_from_lines(_lines(text), markdown=md))
