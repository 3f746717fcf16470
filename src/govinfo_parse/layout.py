"""From normalised text to the canonical chunk stream the grammar reads.

Whatever the layout — one cell per line (seed 000), tab-indented cells (002), pipe rows
(003/004), Markdown tables, HTML grids (via :mod:`govinfo_parse.source`) — a table arrives here
as a sequence of cells, and prose as lines.  This module turns every input into the same
stream: one :class:`Chunk` per paragraph, heading or cell, each knowing its place in the
normalised text (and so in the user's file).  Empty table cells become the blank marker ␀;
cells the layout knows to be header cells get the ␁ prefix.

What is *not* decided here: which line is a heading or a row label (the grammar's terminals),
which rows make a table (the transformer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

__all__ = ["BLANK", "HEADER", "UNPLACED", "Chunk", "chunks_from_lines", "chunks_from_text", "stream",
           "stream_lines"]

BLANK = "\u2400"
"""Marker of an empty table cell."""
HEADER = "\u2401"
"""Prefix of a cell the layout knows to be a header cell (a Markdown header row, an HTML <th>)."""
UNPLACED = "\u2402"
"""Prefix of a row label that could not be matched to an official label."""

_MD_SEPARATOR = re.compile(r"^(?=.*\|)\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
"""A GFM delimiter row: dashes between pipes ("|---|---|"); a line of dashes alone is text."""
_MD_HEADING = re.compile(r"^(#{1,6})\s+")


@attrs.frozen
class Chunk:
    """One line of the canonical stream."""

    text: str
    """What the lexer sees: normalised, white space removed (or a marker)."""
    start: int
    """Offset of the chunk's first character in the normalised text."""
    end: int
    """Offset just after the chunk's last character."""


def squeeze(s: str) -> str:
    """Remove all white space (the lexer's view of a cell)."""
    return "".join(s.split())  # str.split() and the regex \s agree on what white space is


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
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def chunks_from_text(text: str) -> list[Chunk]:
    """Chunks of a whole normalised plain-text report."""
    markdown = any(_MD_SEPARATOR.match(line.strip()) for _, line in _lines(text) if "-" in line)
    return list(chunks_from_lines(_lines(text), markdown=markdown))


def stream_lines(chunks: Sequence[Chunk]) -> tuple[str, list[int]]:
    """The text the Lark grammar parses, and where each of its lines comes from.

    One chunk per line, except that a run of consecutive chunks that are each one value cell
    (a number, a placeholder, an empty cell: :func:`govinfo_parse.grammar.is_cell`) shares one
    line, its cells separated by ␟ — one ``CELLS`` token for a row's values instead of one token
    per cell.  The list gives the index of the first chunk of every line, and ``len(chunks)`` at
    the end, so that line ``k`` (0-based) holds ``chunks[firsts[k]:firsts[k + 1]]``."""
    from .grammar import CELL_SEPARATOR, is_cell

    parts: list[str] = []
    firsts: list[int] = []
    in_run = False
    for i, c in enumerate(chunks):
        cell = is_cell(c.text)
        if cell and in_run:
            parts.append(CELL_SEPARATOR)
        else:
            if parts:
                parts.append("\n")
            firsts.append(i)
        parts.append(c.text)
        in_run = cell
    if parts:
        parts.append("\n")
    firsts.append(len(chunks))
    return "".join(parts), firsts


def stream(chunks: Sequence[Chunk]) -> str:
    """The text the Lark grammar parses (:func:`stream_lines` without the line map)."""
    return stream_lines(chunks)[0]
