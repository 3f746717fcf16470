"""What the binary readers share: rows of cells and prose lines → report text in the pipe-table
layout the plain-text reader reads, with a map from offsets of that text to the file.

The contract (docs/inputs.md): prose is one line per paragraph or printed line; a table row is
one line ``a | b | c |`` with an empty cell as nothing between two pipes; a merged cell is
emitted once, in the row and column where it starts (as :mod:`govinfo_parse.html` does with
``rowspan``/``colspan``); the text of one cell — a wrapped label, a header split over lines —
is one cell.  Empty cells in the *label* columns (the columns left of the values that hold row
labels, merged or not) are left out, so that a row's values start right after its label; an
empty cell in a value column is a blank cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..formats.cells import is_cell
from ..nodes import SourceLocation
from ..normalise import lexer_view

__all__ = ["Slot", "TextBuilder", "is_value", "join_lines"]

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4})\s*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9.,%]")
_NUMERIC = re.compile(r"[0-9.,]")


def is_page_number(text: str) -> bool:
    """A printed page number (``- 2 -``, ``第 3 页``, ``3/5``): page furniture, not report text."""
    return _PAGE_NUMBER.match(text) is not None


def is_value(text: str) -> bool:
    """Whether a cell's text is a value cell (a number or a placeholder), as the grammar sees it."""
    s = lexer_view(text)
    return bool(s) and is_cell(s)


def join_lines(lines: Sequence[str]) -> str:
    """The lines of one cell or paragraph as one string: CJK text joins without a space, two
    Latin words keep one between them, the digits of a number wrapped in its cell join."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]) and not (
                _NUMERIC.match(out[-1]) and _NUMERIC.match(line[0])):
            out += " "  # two words; a number wrapped in a narrow cell joins without one
        out += line
    return out


def _clean(text: str) -> str:
    """One line of cell or prose text: no line breaks, and no ``|`` (which would split cells)."""
    return " ".join(text.replace("|", "¦").split())


@attrs.frozen
class Slot:
    """One slot of a table grid: the cell covering it, whether the cell starts here (its
    top-left slot) and where the cell is in the file (a location without offsets)."""

    text: str
    origin: bool
    where: SourceLocation
    """Offsets 0–0: :class:`TextBuilder` fills in the offsets of the cell in the text."""
    ink: tuple[float, float, float, float] | None = None
    """PDF: the box of the cell's characters (``where.bbox`` is the cell's ruled box)."""


@attrs.define
class TextBuilder:
    """Accumulates report text and its location map."""

    parts: list[str] = attrs.field(factory=list)
    size: int = 0
    locations: list[SourceLocation] = attrs.field(factory=list)

    def _put(self, text: str, where: SourceLocation | None) -> None:
        """Append text, recording its location when it has one."""
        if where is not None and text:
            self.locations.append(attrs.evolve(where, start=self.size, end=self.size + len(text)))
        self.parts.append(text)
        self.size += len(text)

    def line(self, text: str, where: SourceLocation | None) -> None:
        """A prose line (a paragraph, a heading, a printed line outside tables)."""
        text = _clean(text)
        if text:
            self._put(text, where)
            self._put("\n", None)

    def paragraph(self, pieces: Sequence[tuple[str, SourceLocation | None]]) -> None:
        """A paragraph printed over several lines: one line of text, each piece keeping its own
        location (so a span still finds its printed line)."""
        first = True
        for text, where in pieces:
            text = _clean(text)
            if not text:
                continue
            last = self.parts[-1][-1:] if self.parts else " "
            if not first and _ASCII_WORD.match(last) and _ASCII_WORD.match(text[0]):
                self._put(" ", None)
            self._put(text, where)
            first = False
        if not first:
            self._put("\n", None)

    def row(self, cells: Sequence[tuple[str, SourceLocation | None]]) -> None:
        """One table row ``a | b |  | d |``; an empty string is a blank cell."""
        if not cells:
            return
        for i, (text, where) in enumerate(cells):
            if i:
                self._put(" ", None)
            text = _clean(text)
            if text:
                self._put(text, where)
                self._put(" |", None)
            elif where is not None:
                # a blank cell: its closing pipe is its place in the text
                self._put(" ", None)
                self._put("|", where)
            else:
                self._put(" |", None)
        self._put("\n", None)

    def table(self, grid: Sequence[Sequence[Slot | None]], *, full_width_lines: bool = True) -> None:
        """A table grid (spans expanded: a merged cell fills every slot it covers, ``origin`` in
        its first).  Each cell is emitted once, where it starts; a row holding one cell across the
        whole width is a line of prose (``full_width_lines``); empty label-column cells are left
        out (module docstring)."""
        labels = label_columns(grid)
        for r, row in enumerate(grid):
            starts = [(c, s) for c, s in enumerate(row) if s is not None and s.origin and _starts(grid, r, c)]
            if not starts:
                continue
            if full_width_lines and len(starts) == 1 and all(
                    s is not None and s.where == starts[0][1].where for s in row):
                self.line(starts[0][1].text, starts[0][1].where)
                continue
            if all(not s.text.strip() for _, s in starts) and not any(c not in labels for c, _ in starts):
                continue  # an empty row of label cells (a spacer): nothing printed
            cells = [(s.text, s.where) for c, s in starts if s.text.strip() or c not in labels]
            if cells:
                self.row(cells)

    def build(self) -> tuple[str, tuple[SourceLocation, ...]]:
        """The text and its location map (sorted by offset)."""
        return "".join(self.parts), tuple(self.locations)


def _starts(grid: Sequence[Sequence[Slot | None]], r: int, c: int) -> bool:
    """Whether slot (r, c) is where its cell starts: not the same cell as the slot above or to
    the left (readers that cannot say ``origin`` reliably repeat the cell in every slot)."""
    s = grid[r][c]
    if s is None:
        return False
    left = grid[r][c - 1] if c else None
    up = grid[r - 1][c] if r and c < len(grid[r - 1]) else None
    return not (left is not None and left.where == s.where) and not (up is not None and up.where == s.where)


def label_columns(grid: Sequence[Sequence[Slot | None]]) -> set[int]:
    """The columns that hold row labels: those where a row with a value cell has text that is
    not a value.  Header rows (no values) do not count, nor do spans across label columns into
    value columns."""
    out: set[int] = set()
    value_rows: list[int] = []
    for r, row in enumerate(grid):
        texts = [(c, s.text) for c, s in enumerate(row) if s is not None and s.origin and _starts(grid, r, c)]
        if not any(is_value(t) for _, t in texts):
            continue
        value_rows.append(r)
        for c, t in texts:
            if t.strip() and not is_value(t):
                out.add(c)
    # a label cell of a row with values spanning several columns covers them all
    for r in value_rows:
        row = grid[r]
        for c, s in enumerate(row):
            if s is not None and c - 1 in out and not is_value(s.text):
                left = row[c - 1]
                if left is not None and left.where == s.where:
                    out.add(c)
    return out
