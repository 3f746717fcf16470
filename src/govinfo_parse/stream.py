"""The chunk stream: the one contract between the readers and the grammar.

Every reader (plain text, Markdown, HTML, PDF, flattened scrapes …) turns its input into the same
stream — one :class:`Chunk` per paragraph, heading or table cell, in reading order, each knowing
its place in the normalised text (and so in the user's file) — and hands it over as a
:class:`Stream` that names the reader.  The grammar reads the stream as lines
(:func:`stream_lines`); the markers below are the only non-text the stream carries:

- :data:`BLANK` (␀) is an empty table cell;
- :data:`HEADER` (␁) prefixes a cell the reader knows to be a header cell (a Markdown header
  row, an HTML ``<th>``);
- :data:`UNPLACED` (␂) prefixes a row label that could not be matched to an official label;
- :data:`CELL_SEPARATOR` (␟) joins a run of value cells on one line of the grammar's input.

Normalisation maps every printed U+2400–U+241F to U+FFFD, so the markers never come from a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .formats.cells import is_cell
from .nodes import Diagnostic
from .normalise import squeeze

__all__ = ["BLANK", "CELL_SEPARATOR", "HEADER", "UNPLACED", "Chunk", "Stream", "squeeze", "stream",
           "stream_lines"]

BLANK = "\u2400"
"""Marker of an empty table cell."""
HEADER = "\u2401"
"""Prefix of a cell the layout knows to be a header cell (a Markdown header row, an HTML <th>)."""
UNPLACED = "\u2402"
"""Prefix of a row label that could not be matched to an official label."""
CELL_SEPARATOR = "\u241f"
"""Separates the cells of a run on one CELLS line of the chunk stream (␟; never in normalised text)."""


@attrs.frozen
class Chunk:
    """One line of the canonical stream."""

    text: str
    """What the lexer sees: normalised, white space removed (or a marker)."""
    start: int
    """Offset of the chunk's first character in the normalised text."""
    end: int
    """Offset just after the chunk's last character."""
    mark: str = ""
    """For a value cell a reader decided with less than certainty: ``"undecided"`` (the chunk is a
    placeholder standing for digits that could not be split; the cell becomes
    ``CellState.UNDECIDED``) or ``"inferred"`` (a reading ranked first among several; the cell is
    marked ``Cell.inferred``).  Empty for everything else."""


@attrs.frozen
class Stream:
    """What a reader hands to the grammar: the chunks, the normalised text they index into, the
    reader's own diagnostics, and the reader's name (recorded on the report)."""

    chunks: Sequence[Chunk]
    norm: Any
    """The :class:`~govinfo_parse.normalise.Normalised` text the chunks' offsets refer to (for
    HTML a :class:`~govinfo_parse.normalise.MarkupNormalised`, which also knows the printed text)."""
    diagnostics: Sequence[Diagnostic] = ()
    reader: str = "text"
    """Name of the reader that made the stream (``text``, ``markdown``, ``html``, ``pdf-text``,
    ``flattened`` …), as in :data:`govinfo_parse.readers.READERS`."""


def stream_lines(chunks: Sequence[Chunk]) -> tuple[str, list[int]]:
    """The text the Lark grammar parses, and where each of its lines comes from.

    One chunk per line, except that a run of consecutive chunks that are each one value cell
    (a number, a placeholder, an empty cell: :func:`govinfo_parse.formats.cells.is_cell`) shares
    one line, its cells separated by ␟ — one ``CELLS`` token for a row's values instead of one
    token per cell.  The list gives the index of the first chunk of every line, and
    ``len(chunks)`` at the end, so that line ``k`` (0-based) holds ``chunks[firsts[k]:firsts[k + 1]]``."""
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
