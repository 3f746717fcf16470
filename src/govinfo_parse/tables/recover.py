"""Schema-driven recovery of damaged tables, shared by every reader.

The readers hand over a chunk stream (:mod:`govinfo_parse.stream`).  Where a table arrives as
an intact grid — each value row's label directly followed by its cells — :func:`recover` changes
nothing.  Where it does not (PDF converters, OCR and scrapers: labels printed on the lines
before or after their rows, in another order or broken over two lines; rows with no label; a
row's cells split across two tables or broken by page furniture; single-spaced rows; values
printed with a note; section 四's header in fragments), the region of the table is read as a
sequence of printed pieces (:mod:`govinfo_parse.tables.pieces`) and rewritten into the order the
grammar reads: the official row label, then its value cells.

The assignment keeps the printed order: value cells are cut into rows by the format's row
length (7 per application row, :mod:`govinfo_parse.tables.recover_rows`), rows whose label is
printed right before them keep it, and the rows in between are given, in order, the labels
printed apart from their rows (P120), or — when a row has no label at all — the official rows
their position leaves open, the identities A1/A2 (:mod:`govinfo_parse.tables.identities`)
choosing between candidates (P121, :mod:`govinfo_parse.tables.recover_assign`).  Where no single
assignment is best the row is kept with no key (P124).  Section 四 is recognised by its shape:
15 values (one run, or three runs of five) under any header damage, confirmed by A4 (P122,
:mod:`govinfo_parse.tables.recover_reviews`).  A value printed with a note keeps the number as
its value and the note as printed text (P123).  Every assignment that is not an intact grid
carries a diagnostic with the span of what was printed
(:mod:`govinfo_parse.tables.recover_applications`).  The search is bounded (at most
:data:`MAX_CANDIDATES` assignments per gap between two placed rows), so the time is linear in
the size of the table.

This module finds the sections whose tables are recovered and puts the rewritten chunks and the
diagnostics back into the stream.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..formats import legacy as LG
from ..formats.evidence import STATISTICS_VOCABULARY_RE
from ..stream import HEADER, Chunk, Stream
from .labels import terminal_of
from .pieces import glued_cell, is_prose
from .recover_applications import recover_application
from .recover_assign import MAX_CANDIDATES
from .recover_context import RecoveryContext
from .recover_reviews import recover_review

__all__ = ["MAX_CANDIDATES", "recover"]

_ORDER = "一二三四五六七八"


def _sections(chunks: Sequence[Chunk]) -> dict[str, tuple[int, int]]:
    """Chunk ranges of sections 三 and 四: after the heading, up to the next heading of a later
    section (a damaged row "二、上年结转…7 0 0" can look like a section heading; it is not a
    later one)."""
    heads = [(i, c.text[0]) for i, c in enumerate(chunks)
             if c.text[:1] in _ORDER and terminal_of(c.text) == "SECTION_HEADING"
             and glued_cell(c.text) is None]  # "四、结转下年度继续办理0 0 0 …" is a row, not section 四
    out: dict[str, tuple[int, int]] = {}
    for k, (i, num) in enumerate(heads):
        if num not in ("三", "四") or num in out:
            continue
        end = next((j for j, n in heads[k + 1 :] if _ORDER.index(n) > _ORDER.index(num)), len(chunks))
        out[num] = (i + 1, end)
    return out


def _legacy_table_only(chunks: Sequence[Chunk]) -> bool:
    """Whether the stream prints a legacy statistics table (a 指标名称-style header cell) and none
    of the 2019/2021 table vocabulary: its group headings (二、依申请公开情况, 三、申请处理情况)
    are no sections 二 and 三 of the official format.  Only the table's own chunks count: a legacy
    report's prose may well say 本年新收政府信息公开申请0件."""
    return (any(c.text.lstrip(HEADER) in LG.LABEL_HEADINGS for c in chunks)
            and not any(STATISTICS_VOCABULARY_RE.search(c.text) for c in chunks if not is_prose(c.text)))


def recover(st: Stream, source: str) -> Stream:
    """The stream with its damaged application and review tables rewritten into canonical
    order (see the module docstring); the same stream where the tables are intact."""
    chunks = list(st.chunks)
    if not chunks or _legacy_table_only(chunks):
        return st  # a legacy statistics table and no 2019/2021 one: nothing of the official grid to recover
    secs = _sections(chunks)
    ctx = RecoveryContext(st, source)
    changed = False
    # section 四 first: rewriting it does not move section 三's indices
    for num, fn in (("四", recover_review), ("三", recover_application)):
        if num not in secs:
            continue
        lo, hi = secs[num]
        new = fn(chunks, lo, hi, ctx)
        if new is not None:
            chunks[lo:hi] = new
            changed = True
    if not changed:
        return st
    diags = list(st.diagnostics)
    if any(d.code.startswith("P12") for d in ctx.diags):
        # a label the line reader could not place may now be placed: its P102 was about a row
        # this recovery re-read, and the recovery's own diagnostics say what became of it
        placed = {d.span.start for d in ctx.diags if d.span is not None and d.code in ("P120", "P121", "P123")}
        diags = [d for d in diags if not (d.code == "P102" and d.span is not None and d.span.start in placed)]
    return Stream(chunks, st.norm, [*diags, *ctx.diags], st.reader)
