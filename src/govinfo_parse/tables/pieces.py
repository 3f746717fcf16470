"""The printed pieces of a table region: what a damaged table is made of.

A table that does not arrive as an intact grid is, in the chunk stream, a sequence of printed
pieces: row labels (whole, or broken over two chunks), header fragments, value cells (in runs,
or single-spaced on one line with their label), cells printed with a note ("12（其中修订3件）")
or with the note on its own line, page furniture ("- 3 -") and prose.  :func:`pieces` classifies
the chunks of a region into :class:`Piece` s; :mod:`govinfo_parse.tables.recover` assigns them
to the official grid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

import attrs

from .._lazy import lazy_compile
from ..formats import labels as L
from ..formats.cells import is_cell, is_note
from ..formats.cells import number as cell_number
from ..nodes import Cell, Value
from ..normalise import normalise
from ..stream import BLANK, HEADER, UNPLACED, Chunk
from .labels import app_label_terminals, match_label, terminal_of

__all__ = ["Piece", "cell_value", "glued_cell", "is_header_cell", "is_prose", "note_message", "number", "pieces",
           "printed_note", "split_spaced"]

_SEPARATOR = lazy_compile(r"^[-:|]+$")
_PROSE = lazy_compile(r"[。;!?]")
_HEADER_WORDS = (*(w for c in (*L.APPLICATION_COLUMNS, *L.REVIEW_COLUMNS) for w in c.path.split("/")),
                 "申请人情况", "信息内容")
"""The words of the tables' header cells: the column labels of the format, and the two headings
above them (applicant, and section 二's 信息内容)."""
_HEADER_CHARS = frozenset("".join(_HEADER_WORDS) + "()（）")
_GROUP_TERMINALS = app_label_terminals() - {r.terminal for r in L.APPLICATION_ROWS}
"""The grammar terminals of the application table's group labels (the label terminals that name no row)."""


@attrs.frozen
class Piece:
    """One printed piece of a table region.

    ``kind`` is ``label`` (a value row's label: ``key`` says which), ``group`` (a merged group
    label), ``cell`` (one value cell; ``text`` is what the grammar must see), ``note`` (a
    parenthetical note printed on its own line after a value), ``header`` (a header cell or a
    fragment of one), ``furniture`` (a page number, a Markdown delimiter row) or ``other``
    (prose, or a fragment that matches nothing).  ``chunks`` are the indices of the chunks the
    piece was printed in (two for a label broken over two lines)."""

    kind: str
    chunks: tuple[int, ...]
    text: str
    key: str | None = None


def number(t: str) -> Value | None:
    """A printed number as an exact value (``int``, or ``Decimal`` with a fraction), else None."""
    t = t.replace(",", "")
    try:
        return int(t) if "." not in t else Decimal(t)
    except (ValueError, ArithmeticError):
        return None


def cell_value(text: str) -> Value | None:
    """The number a value cell piece prints, for the identities: the grammar's reading of a value
    cell (its unit and note left out), else a bare number with a counting word after it ("3件")."""
    v = cell_number(text)
    return v if v is not None else number(text.rstrip("万元件条个次项起人"))


def is_header_cell(text: str) -> bool:
    """Whether the grammar reads a chunk as a header cell (marked as one, or a header terminal:
    "总计", "其他", a table note)."""
    return text.startswith(HEADER) or terminal_of(text, ("HEAD", "APP_NOTE")) is not None


def _label_key(text: str) -> tuple[str, str | None, bool]:
    """(kind, key, exact) of a chunk as a row label of the application table."""
    return _label_key_cached(text)


def is_prose(text: str) -> bool:
    """Whether a chunk reads as prose (a sentence, or longer than any cell or label): no piece
    of a table, whatever words it uses."""
    return bool(_PROSE.search(text)) or len(text) > 60


@lru_cache(maxsize=4096)
def _label_key_cached(text: str) -> tuple[str, str | None, bool]:
    """:func:`_label_key`, cached: printed labels recur within a table and across reports."""
    t = text.lstrip(UNPLACED + HEADER)
    if not t or is_prose(t):
        return "other", None, False
    if text.startswith(HEADER):
        return "header", None, True  # a header cell, whatever it says (the grammar reads it so)
    term = terminal_of(t, app_label_terminals())
    if term in _GROUP_TERMINALS:
        return "group", None, True
    spec = L.APPLICATION_ROW_BY_TERMINAL.get(term or "")
    if spec is not None:
        return "label", spec.key, True
    if is_header_cell(t):
        return "header", None, True  # a header cell ("总计", "其他") is no row label
    m = match_label(t)
    if m is not None:
        if m.official.key.startswith("group:"):
            return "group", None, False
        return "label", m.official.key, m.exact
    return "other", None, False


def _is_header_fragment(text: str) -> bool:
    t = text.lstrip(HEADER)
    return bool(t) and len(t) <= 40 and set(t) <= _HEADER_CHARS


def glued_cell(label: str) -> int | None:
    """Where a row label glued to its first value cell ("1.属于国家秘密0", "…禁止公开—") ends:
    the longest value-cell suffix whose prefix is an official label (exact preferred)."""
    best: tuple[bool, int] | None = None
    for k in range(1, min(len(label) - 1, 20)):
        if not is_cell(label[-k:]):
            continue
        kind, _, exact = _label_key(label[:-k])
        if kind == "label" and (best is None or (exact, k) > best):
            best = (exact, k)
    return None if best is None else len(label) - best[1]


def _offset_in(head: Sequence[tuple[int, int, str]], n: int) -> int:
    """Offset (from the first head token) of the ``n``-th non-space character of the head."""
    seen = 0
    base = head[0][0]
    for a, _, t in head:
        if seen + len(t) >= n:
            return a - base + (n - seen)
        seen += len(t)
    return head[-1][1] - base


def split_spaced(chunks: Sequence[Chunk], norm_text: str, lo: int, hi: int) -> list[Chunk]:
    """The chunks ``lo:hi`` with every single-spaced row split into its cells: a line of three
    or more value cells separated by spaces (the lexer's view glued them into one chunk), with
    or without its row label before them (the label possibly glued to the first value)."""
    out: list[Chunk] = []
    for c in chunks[lo:hi]:
        raw = norm_text[c.start : c.end]
        if (c.text.startswith((HEADER, BLANK)) or (is_cell(c.text) and not any(ch.isspace() for ch in raw))
                or terminal_of(c.text) == "CHROME"):
            out.append(c)
            continue
        toks = [(m.start() + c.start, m.end() + c.start, m.group()) for m in re.finditer(r"\S+", raw)]
        k = len(toks)
        while k > 0 and is_cell(toks[k - 1][2]):
            k -= 1
        values = toks[k:]
        head = toks[:k]
        if not head and len(values) >= 3:
            out.extend(Chunk(t, a, b) for a, b, t in values)
            continue
        if head and values:
            label = "".join(t for _, _, t in head)
            a0, b0 = head[0][0], head[-1][1]
            whole = _label_key(label)
            cut_at = glued_cell(label) if not whole[2] else None
            if cut_at is not None:
                cut = a0 + _offset_in(head, cut_at)
                out.append(Chunk(label[:cut_at], a0, cut))
                out.append(Chunk(label[cut_at:], cut, b0))
                out.extend(Chunk(t, a, b) for a, b, t in values)
                continue
            if whole[0] == "label" and len(values) >= 2:
                out.append(Chunk(label, a0, b0))
                out.extend(Chunk(t, a, b) for a, b, t in values)
                continue
        out.append(c)
    return out


def pieces(chunks: Sequence[Chunk]) -> list[Piece]:
    """The pieces of a table region's chunks, in print order (a label broken over two chunks is
    joined when the two together are an official label and neither is one alone)."""
    out: list[Piece] = []
    i = 0
    n = len(chunks)
    while i < n:
        t = chunks[i].text
        body = t.lstrip(HEADER)
        if t == BLANK or is_cell(t):
            out.append(Piece("cell", (i,), t))
        elif t.startswith(HEADER) and is_cell(body):
            out.append(Piece("cell", (i,), body))  # a value row taken for a Markdown header row
        elif _SEPARATOR.match(body) or terminal_of(t) == "CHROME":
            out.append(Piece("furniture", (i,), t))
        elif is_note(t.lstrip(UNPLACED)) and out and out[-1].kind == "cell" and not _is_header_fragment(t):
            out.append(Piece("note", (i,), t.lstrip(UNPLACED)))
        else:
            kind, key, exact = _label_key(t)
            if i + 1 < n and not is_cell(chunks[i + 1].text) and not exact:
                jk, jkey, jexact = _label_key(t.lstrip(UNPLACED) + chunks[i + 1].text.lstrip(UNPLACED))
                if jk == "label" and (jexact or kind != "label"):
                    out.append(Piece("label", (i, i + 1), t + chunks[i + 1].text, jkey))
                    i += 2
                    continue
            if kind == "header":
                out.append(Piece("header", (i,), t))
            elif kind in ("label", "group"):
                out.append(Piece(kind, (i,), t, key))
            elif is_header_cell(t) or _is_header_fragment(t):
                out.append(Piece("header", (i,), t))
            else:
                out.append(Piece("other", (i,), t))
        i += 1
    return out


def printed_note(raw: str, note: str | None) -> str | None:
    """The note of a value cell as its source printed it: the end of ``raw`` (the printed cell)
    from the bracket that opens the note, full- or half-width as printed; ``note`` is the
    normalised note (the ``note`` part of :data:`~govinfo_parse.formats.cells.VALUE_PARTS`), None
    for a cell without one.  The number and unit before a note hold no bracket, so the note opens
    at the first character of ``raw`` that normalises to "("; the normalised note itself when
    ``raw`` holds none."""
    if not note:
        return None
    for k, ch in enumerate(raw):
        if ch == "(" or normalise(ch).text == "(":
            return raw[k:].rstrip()
    return note  # pragma: no cover - raw prints the cell the note was read from


def note_message(cell: Cell) -> str:
    """The message of P115 (info) for a value cell printed with a note: what was read, what kept."""
    return (f"value cell {cell.raw!r} prints a note {cell.note!r} after its number; the value is {cell.value}, "
            "the note is kept as text (Cell.note), not read as a figure (单元格附注)")
