"""A report as the sequence of things a layout prints: lines of text (title, date line,
headings, paragraphs, chrome, unrecognised text) and tables, in document order."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from ..formats import labels as L
from ..formats.evidence import SECTION_TITLE_VARIANTS
from ..nodes import (
    Block,
    Chrome,
    DateLine,
    Heading,
    Paragraph,
    ProseFacts,
    Report,
    Section,
    Title,
    Unrecognised,
)
from .grid import _TABLE_TYPES, _Table


@attrs.frozen
class _Line:
    """A piece that is text, not a table: its kind (``title``, ``date``, ``para``, ``chrome``,
    ``unrec``, ``section``, ``h2``, ``h3``) and its text."""
    kind: str  # title, date, para, chrome, unrec, section, h2, h3
    text: str


_Piece = _Line | _Table


def _heading_text(h: Heading) -> str:
    """A heading as printed: at level 2 ``（三）title`` (just the title for a number outside
    1–99), at other levels ``3.title``; the bare title when unnumbered."""
    if h.number is None:
        return h.title
    if h.level == 2:
        return f"（{L.numeral_text(h.number)}）{h.title}" if 1 <= h.number <= 99 else h.title
    return f"{h.number}.{h.title}"


def _section_text(s: Section) -> str:
    """A section heading as printed (``三、title``); the bare title when unnumbered or numbered
    outside 1–99."""
    if s.number is None or not 1 <= s.number <= 99:
        return s.title
    return f"{L.numeral_text(s.number)}、{s.title}"


def _block_piece(b: Block) -> _Piece:
    """The piece a block prints as: a table is its own piece, any other block a line of its kind
    (headings of level 1 and 2 as ``h2``, deeper ones as ``h3``)."""
    if isinstance(b, _TABLE_TYPES):
        return b
    if isinstance(b, Title):
        return _Line("title", b.text)
    if isinstance(b, DateLine):
        return _Line("date", b.text)
    if isinstance(b, Heading):
        return _Line("h2" if b.level <= 2 else "h3", _heading_text(b))
    if isinstance(b, Chrome):
        return _Line("chrome", b.text)
    if isinstance(b, Unrecognised):
        return _Line("unrec", b.text)
    assert isinstance(b, Paragraph)
    return _Line("para", b.text)


def _pieces(report: Report) -> Iterator[_Piece]:
    """Everything the report prints, in document order: the metadata title first when the preamble
    has no title block (nor a chrome block containing the title), the preamble's blocks, then
    each section's heading and blocks.  ``ProseFacts`` are left out (derived from paragraphs)."""
    title = report.metadata.title
    if title and not any(isinstance(b, Title) or (isinstance(b, Chrome) and title in b.text)
                         for b in report.preamble):
        yield _Line("title", title)
    for b in report.preamble:
        if not isinstance(b, ProseFacts):  # derived from the paragraphs: nothing to print
            yield _block_piece(b)
    for s in report.sections:
        yield from _with_run_in(s, [_Line("section", _section_text(s))]
                                + [b for b in s.blocks if not isinstance(b, ProseFacts)])


def _with_run_in(section: Section, items: Sequence[Block | _Line]) -> Iterator[_Piece]:
    """A section's pieces (its heading line, then its blocks), with a paragraph the source printed
    on its heading's line (the reader's run-in text: ``一、总体情况本年…``, ``（三）形式1.门户网站…。
    2.开设…``) run into that heading's line again, as the reader splits it (:func:`_run_in_text`):
    on a line of its own, a paragraph that reads as a heading (``一、总体情况一、总体情况``) would
    come back as a heading."""
    line: _Line | None = None
    at: int | None = section.span.line if section.span is not None else None
    for b in items:
        if isinstance(b, _Line):
            line = b
            continue
        if (line is not None and at is not None and isinstance(b, Paragraph) and b.span is not None
                and b.span.line == at):
            joined = _run_in_text(line, section, b.text)
            if joined is not None:
                yield _Line(line.kind, joined)
                line = None
                continue
        if line is not None:
            yield line
        piece = _block_piece(b)
        if isinstance(piece, _Line) and piece.kind in ("h2", "h3") and isinstance(b, Heading):
            line, at = piece, (b.span.line if b.span is not None else None)
        else:
            line = None
            yield piece
    if line is not None:
        yield line


def _run_in_text(line: _Line, section: Section, text: str) -> str | None:
    """A heading line and its run-in paragraph ``text`` as one line, split back the way the reader
    splits a heading line: after a section title it knows (``SECTION_TITLE_VARIANTS``) the text
    follows directly, after any other title at a ``。``.  None when the join would not split
    back there (a line break, a ``。`` in the title, a paragraph that is not stripped)."""
    if "\n" in line.text or "\n" in text or not text or text != text.strip():
        return None
    if line.kind == "section" and re.sub(r"\s+", "", section.title) in SECTION_TITLE_VARIANTS:
        return line.text + text
    if "。" in line.text:
        return None
    return line.text + "。" + text
