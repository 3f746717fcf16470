"""Word documents: ``.docx`` read with python-docx (extra ``govinfo-parse[docx]``); old binary
``.doc`` and ``.wps`` refused with advice.

A ``.docx`` is a zip holding ``word/document.xml``; it is recognised by that content, whatever its
name.  Its body is read in document order:

- every paragraph (headings included) is one line;
- every table is a grid with its merges expanded — ``w:gridSpan`` (horizontal) and ``w:vMerge``
  (vertical) — each cell emitted once, where it starts, its paragraphs joined into one cell
  (:mod:`govinfo_parse.readers._grid`); an empty cell is a blank cell; a table nested in a cell
  gives its text to that cell.

Every line and cell records where it is (``report.source.locations``): the paragraph's index
among the body's paragraphs, or the table's index and the cell's row and grid column.

``.doc`` (Word 97–2003) and ``.wps`` (WPS Office) are OLE2 compound files (signature
``D0 CF 11 E0 A1 B1 1A E1``): their text is not stored in reading order, so they are refused
with error ``P113`` naming the conversion (``libreoffice --headless --convert-to docx``) rather
than read as garbled text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ..nodes import SourceLocation
from ._grid import Slot, TextBuilder, join_lines

__all__ = ["OLE2_SIGNATURE", "is_docx", "is_ole2", "read_docx"]

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE2 compound file (``.doc``, ``.wps``, ``.xls``…)."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_ole2(data: bytes) -> bool:
    """Whether the bytes are an OLE2 compound file (an old binary ``.doc`` or ``.wps``)."""
    return data[:8] == OLE2_SIGNATURE


def is_docx(data: bytes) -> bool:
    """Whether the bytes are a ``.docx``: a zip holding ``word/document.xml`` (a damaged zip
    that names it is one too, and gets a diagnostic rather than being read as text)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        # a damaged zip (cut short): its local headers still name the parts
        return b"word/document.xml" in data[:1 << 20]


def _cell_text(tc: Any) -> str:
    """The text of a table cell: its paragraphs (those of nested tables too) joined."""
    lines = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in tc.iter(f"{_W}p")]
    return join_lines(lines)


def _grid(tbl: Any, index: int) -> list[list[Slot | None]]:
    """A ``w:tbl`` as a grid of slots, ``gridSpan`` and ``vMerge`` expanded."""
    grid: list[list[Slot | None]] = []
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        row: list[Slot | None] = []
        pr = tr.find(f"{_W}trPr")
        before = pr.find(f"{_W}gridBefore") if pr is not None else None
        if before is not None:
            row.extend([None] * int(before.get(f"{_W}val", "0") or 0))
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = 1
            vmerge: str | None = None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{_W}val", "1") or 1))
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            col = len(row)
            above = grid[r - 1][col] if vmerge == "continue" and r and col < len(grid[r - 1]) else None
            if above is not None:
                slot: Slot = Slot(above.text, False, above.where)
                row.extend([slot] * span)
                continue
            where = SourceLocation(0, 0, table=index, row=r, column=col)
            origin = Slot(_cell_text(tc), True, where)
            row.append(origin)
            row.extend([Slot(origin.text, False, where)] * (span - 1))
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return grid


def _body(document: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in document order (content controls opened)."""
    for el in document.element.body.iterchildren():
        if el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from content.iterchildren()
        else:
            yield el


def read_docx(data: bytes) -> tuple[str, tuple[SourceLocation, ...]]:
    """A ``.docx`` read into report text and its location map.  Raises ``ImportError`` without
    python-docx, ``ValueError`` for a file it cannot open."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types for damaged files
        raise ValueError(f"cannot read the Word document: {type(e).__name__}: {e}") from e
    out = TextBuilder()
    paragraphs = tables = 0
    for el in _body(document):
        if el.tag == f"{_W}p":
            text = "".join(t.text or "" for t in el.iter(f"{_W}t"))
            out.line(text, SourceLocation(0, 0, paragraph=paragraphs))
            paragraphs += 1
        elif el.tag == f"{_W}tbl":
            out.table(_grid(el, tables))
            tables += 1
    return out.build()
