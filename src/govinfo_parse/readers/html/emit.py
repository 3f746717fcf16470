"""From the article to the chunk stream: table grids (spans expanded), white-space collapse,
and the stream builder."""

from __future__ import annotations

import attrs

from ...formats.cells import cell_kind
from ...normalise import Normalised, normalise
from ...stream import BLANK, HEADER, Chunk, squeeze
from ...tables.grid import place
from ...tables.labels import app_label_terminals, terminal_of
from .article import _BLOCK, _cells, _is_dropped, _is_layout_table, _rows, _span
from .scan import _NO_RUN, _cat, _collapse, _Run
from .tree import _El, _Txt


@attrs.frozen
class GridSlot:
    """One slot of an expanded table grid: the cell covering it and where that cell starts."""

    text: str
    """The cell's visible text, white space collapsed."""
    row: int
    col: int
    origin: bool
    """True in the slot where the cell starts (top-left), False in the slots it spans into."""
    header: bool


def _grid(table: _El) -> list[list[tuple[_El, int, int] | None]]:
    """The table as a grid: every slot holds (cell, its row, its column), spans expanded."""
    return place([_cells(tr) for tr in _rows(table)], lambda td: (_span(td, "rowspan"), _span(td, "colspan")))


# ------------------------------------------------------------------------------------------
# lines and cells → chunks
# ------------------------------------------------------------------------------------------

@attrs.define
class _Builder:
    """Accumulates the normalised visible text (one chunk per line) and its offset map."""

    text: list[str] = attrs.field(factory=list)
    """Pieces of the normalised text."""
    size: int = 0
    """Characters in ``text``."""
    offsets: list[int] = attrs.field(factory=list)
    chunks: list[Chunk] = attrs.field(factory=list)
    line: list[_Run] = attrs.field(factory=list)
    memo: dict[str, tuple[Normalised, str]] = attrs.field(factory=dict)
    """Normalised and squeezed text of the strings seen (table cells repeat: "0", "/")."""

    def normalised(self, s: str) -> tuple[Normalised, str]:
        """``normalise(s)`` and its text squeezed (white space removed)."""
        found = self.memo.get(s)
        if found is None:
            norm = normalise(s)
            found = self.memo[s] = (norm, squeeze(norm.text))
        return found

    def _emit(self, chars: _Run, *, cell: bool, header: bool = False, at: int = 0) -> None:
        """Append one line of normalised text, trimmed of white space (a cell of nothing but
        no-break spaces keeps them), with its offsets, and its chunk: a cell with no content is a
        BLANK chunk (placed at ``at`` when it prints nothing), a header cell is marked with HEADER,
        and a line with no content adds no chunk."""
        shown = _collapse(chars)  # no white space at either end (a no-break space is kept)
        s = shown[0]
        lo = len(s) - len(s.lstrip())
        hi = len(s.rstrip())
        if lo < hi and (lo or hi < len(s)):  # "&nbsp;5&nbsp;": the span is the 5; a cell of
            shown = (s[lo:hi], shown[1][lo:hi], shown[2][lo:hi])  # &nbsp; alone keeps its span
        s, starts, ends = shown
        start = self.size
        if s:
            norm, squeezed = self.normalised(s)
            self.text.append(norm.text)
            self.size += len(norm.text)
            if norm.offsets:
                self.offsets.extend([starts[o] for o in norm.offsets[: len(norm.text)]])
            else:
                self.offsets.extend(starts)
            end_src = ends[-1]
        else:
            end_src = at
            squeezed = ""
        end = self.size
        if not squeezed:
            if cell:
                first = chars[1][0] if chars[0] else at
                self.chunks.append(Chunk(BLANK, start, end))
                if not s:
                    self.offsets.append(first)
                    self.text.append("\n")
                    self.size += 1
                    return
            elif not s:
                return
        else:
            self.chunks.append(Chunk((HEADER if header else "") + squeezed, start, end))
        self.text.append("\n")
        self.size += 1
        self.offsets.append(end_src)

    def add_text(self, t: _Txt) -> None:
        """Add a text node to the line in progress (empty text is skipped)."""
        if t.chars:
            self.line.append((t.chars, t.starts, t.ends))

    def newline(self) -> None:
        """End the line in progress, emitting it as one chunk if it holds any text."""
        if self.line:
            self._emit(_cat(self.line), cell=False)
            self.line = []

    def cell(self, chars: _Run, *, header: bool, at: int) -> None:
        """Emit one table cell as its own chunk (a header cell marked; ``at`` places an empty one)."""
        self._emit(chars, cell=True, header=header, at=at)

    def line_chunk(self, chars: _Run) -> None:
        """Emit a run as one line chunk that is not a table cell."""
        self._emit(chars, cell=False)


def _cell_runs(el: _El, out: list[_Run]) -> list[_Run]:
    """The text runs of a cell in document order, appended to ``out``, skipping elements that are
    dropped as furniture."""
    for c in el.children:
        if isinstance(c, _Txt):
            if c.chars:
                out.append((c.chars, c.starts, c.ends))
        elif not _is_dropped(c):
            _cell_runs(c, out)
    return out


def _cell_chars(el: _El) -> _Run:
    """A cell's text (without dropped elements) as one run with per-character offsets."""
    return _cat(_cell_runs(el, []))


def _is_row_label(text: str) -> bool:
    """A ``<th>`` holding a row label (some pages mark the first column so) is no header cell."""
    return bool(text) and terminal_of(text, app_label_terminals() | {"PRO_ROW", "ITEM"}) is not None


def _unknown(text: str) -> bool:
    """Text the grammar reads as nothing but a paragraph."""
    return bool(text) and terminal_of(text) in (None, "TEXT")


def _emit_table(table: _El, b: _Builder) -> None:
    """Emit a table's cells row by row, one chunk per cell at the grid slot where it starts
    (spanned slots emit nothing).

    A ``<th>`` that is no known row label is a header cell, and so is a cell the grammar does not
    know in the rows above the first row holding a value; a row with values whose trailing cells
    are missing from the markup gets empty cells up to the table's width."""
    grid = _grid(table)
    width = len(grid[0]) if grid else 0
    seen_values = False
    for r, row in enumerate(grid):
        starts = [(slot[0], c) for c, slot in enumerate(row) if slot is not None and slot[1] == r and slot[2] == c]
        cells = [(td, c, _cell_chars(td)) for td, c in starts]
        texts = [b.normalised(chars[0])[1] for _, _, chars in cells]
        has_value = any(cell_kind(t) == "VALUE" for t in texts)
        # the rows above the first row of values are the table's header: a cell there that the
        # grammar knows as nothing else ("项目", "类别") is a header cell, as a <th> is
        in_header = not seen_values and not has_value
        seen_values = seen_values or has_value
        last_col = -1
        for (td, c, chars), text in zip(cells, texts, strict=True):
            header = (td.tag == "th" and not _is_row_label(text)) or (in_header and _unknown(text))
            b.cell(chars, header=header, at=max(td.pos, 0))
            last_col = c + _span(td, "colspan") - 1
        # a row with values whose trailing cells are missing from the markup: they print empty
        if has_value and starts:
            at = b.offsets[-1] if b.offsets else 0
            for c in range(last_col + 1, width):
                if row[c] is None:
                    b.cell(_NO_RUN, header=False, at=at)


def _walk(el: _El, b: _Builder, keep: frozenset[int] = frozenset()) -> None:
    """Lines and tables of ``el`` in document order.  ``keep``: ids of elements never dropped
    as page furniture (they hold the report, whatever their class names say)."""
    for c in el.children:
        if isinstance(c, _Txt):
            b.add_text(c)
            continue
        if _is_dropped(c) and id(c) not in keep:
            continue
        tag = c.tag
        if tag == "br":
            b.newline()
        elif tag == "table":
            b.newline()
            if _is_layout_table(c):
                for tr in _rows(c):
                    for td in _cells(tr):
                        _walk(td, b, keep)
                        b.newline()
            else:
                _emit_table(c, b)
        elif tag in _BLOCK or tag in ("td", "th"):
            b.newline()
            _walk(c, b, keep)
            b.newline()
        else:
            _walk(c, b, keep)
    # the caller closes the last line
