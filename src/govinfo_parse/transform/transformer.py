"""Lark transformer: grammar rules → AST nodes (applied inline while parsing).

One short method per rule; the per-parse state is in :mod:`.context`, cells are made in
:mod:`.cells`, and :func:`.assemble.assemble` gathers a section's rows into its tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from lark import Token, Transformer

from .._lazy import lazy_compile
from ..formats import labels as L
from ..formats.evidence import SECTION_TITLE_VARIANTS
from ..nodes import (
    ApplicationTable,
    Block,
    Chrome,
    DateLine,
    Heading,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    ReportFormat,
    Section,
    Span,
    Title,
)
from ..stream import BLANK, CELL_SEPARATOR
from .assemble import assemble
from .cells import make_cells, piece_blocks, split_cells, stray_blank
from .context import ParseContext, Preamble, RowIR, current_context, join_spans

__all__ = ["ReportTransformer", "parse_date"]



_HEADING_SPLIT = lazy_compile(r"[。]")


def _strip_number(text: str, pattern: str) -> tuple[str, str]:
    """Split a leading number matched by ``pattern`` off ``text``: (the number as matched, the
    rest); ``("", text)`` if it does not match."""
    m = re.match(pattern, text)
    if not m:
        return "", text
    return m.group(0), text[m.end() :]


def _split_run_in(title: str, known: Sequence[str] = ()) -> tuple[str, str]:
    """Split a heading line that runs into its first sentence: (heading, rest)."""
    squeezed = re.sub(r"\s+", "", title)
    for k in sorted(known, key=len, reverse=True):
        if squeezed.startswith(k) and len(squeezed) > len(k):
            # map the squeezed prefix back onto the printed text
            n, i = 0, 0
            while i < len(title) and n < len(k):
                if not title[i].isspace():
                    n += 1
                i += 1
            return title[:i].strip(), title[i:].strip()
    m = _HEADING_SPLIT.search(title)
    if m and m.end() < len(title.rstrip()):
        return title[: m.start()].strip(), title[m.end() :].strip()
    if m:
        return title[: m.start()].strip(), ""
    return title.strip(), ""



_DATE_RES = (
    lazy_compile(r"(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})"),
    lazy_compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    lazy_compile(r"(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})"),
)


def parse_date(text: str) -> dt.date | None:
    """The date in ``text``, tried as ``YYYY-M-D``, then ``YYYY年M月D日``, then ``YYYY/M/D`` (first
    match of the first form found); ``None`` if none matches or that match is no real date."""
    for rx in _DATE_RES:
        m = rx.search(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


class ReportTransformer(Transformer[Token, Any]):
    """Builds AST nodes from grammar rules.  Stateless; see :class:`ParseContext`."""

    # ---- lines -----------------------------------------------------------------------------
    def title(self, ch: list[Token]) -> Title:
        """Rule ``title``: a :class:`Title` of the line as printed, stripped of white space."""
        ctx = current_context()
        return Title(ctx.text_of(ch[0]).strip(), ctx.line_span_of(ch[0]))

    def date_line(self, ch: list[Token]) -> DateLine:
        """Rule ``date_line``: a :class:`DateLine` with the printed text and the date parsed from it."""
        ctx = current_context()
        text = ctx.text_of(ch[0])
        return DateLine(text, parse_date(ctx.norm_text_of(ch[0])), ctx.line_span_of(ch[0]))

    def paragraph(self, ch: list[Token]) -> list[Block]:
        """Rule ``paragraph``: a :class:`Paragraph` (for a run of cells outside a table, one block per cell)."""
        ctx = current_context()
        i, j = ctx.chunk_range(ch[0])
        if i != j or CELL_SEPARATOR in ch[0]:  # a run of cells outside any table
            return piece_blocks(ctx.pieces(ch[0]), ctx)
        if str(ch[0]).startswith(BLANK):
            return stray_blank(i, ctx)
        return [Paragraph(ctx.text_of(ch[0]).strip(), ctx.line_span_of(ch[0]))]

    def chrome(self, ch: list[Token]) -> Chrome:
        """Rule ``chrome``: a :class:`Chrome` block (page furniture) of the line as printed."""
        ctx = current_context()
        return Chrome(ctx.text_of(ch[0]), ctx.line_span_of(ch[0]))

    def _heading(self, tok: Token, level: int) -> list[Block]:
        """A level-2 (``（一）``) or level-3 (``1.``) heading line: the :class:`Heading` with its
        number and title, plus a :class:`Paragraph` of the first sentence if the line runs into it.
        """
        ctx = current_context()
        text = ctx.text_of(tok).strip()
        span = ctx.line_span_of(tok)
        norm = ctx.norm_text_of(tok).strip()
        if level == 2:
            num, _ = _strip_number(norm, r"\s*\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*")
            m = re.match(r"\s*\(\s*([一二三四五六七八九十]{1,3})\s*\)", norm)
            number = L.chinese_numeral(m.group(1)) if m else None
        else:
            num, _ = _strip_number(norm, r"\s*(\d{1,2})\s*[.、]\s*")
            m = re.match(r"\s*(\d{1,2})", norm)
            number = int(m.group(1)) if m else None
        printed_rest = _cut_prefix(text, len(num))
        head, rest = _split_run_in(printed_rest)
        blocks: list[Block] = [Heading(level, number, head, span)]
        if rest:
            blocks.append(Paragraph(rest, span))
        return blocks

    def heading2(self, ch: list[Token]) -> list[Block]:
        """Rule ``heading2``: a level-2 :class:`Heading` ``（一）`` (and a run-in paragraph)."""
        return self._heading(ch[0], 2)

    def heading3(self, ch: list[Token]) -> list[Block]:
        """Rule ``heading3``: a level-3 :class:`Heading` ``1.`` (and a run-in paragraph)."""
        return self._heading(ch[0], 3)

    # ---- table rows --------------------------------------------------------------------------
    def _row(self, kind: str, ch: list[Token]) -> RowIR:
        """A table row of ``kind`` from its label token and cell tokens: a :class:`RowIR` with the
        cells, the blank filler before them and a span over the label and all cells."""
        ctx = current_context()
        label_tok = ch[0]
        cells, filler = split_cells(ch[1:], ctx)
        label = ctx.text_of(label_tok)
        norm_label = str(label_tok)[:-1]
        spans = [ctx.span_of(label_tok), *(c.span for c in cells), *(c.span for c in filler)]
        return RowIR(kind, label_tok.type, label, norm_label, cells, filler, ctx.widen(join_spans(spans)))

    def item_header(self, ch: list[Token]) -> list[Any]:
        """Rule ``item_header``: a section 二 item's :class:`RowIR`, then blocks of text after its filler."""
        # a pipe row pads an item's line with empty cells (filler); anything after them is no
        # cell of the item: each piece is the paragraph it would be on its own line
        ctx = current_context()
        pieces = [p for t in ch[1:] for p in ctx.pieces(t)]
        n = 0
        while n < len(pieces) and pieces[n][1] == BLANK:
            n += 1
        filler = tuple(make_cells(pieces[:n], ctx))
        label_tok = ch[0]
        span = ctx.widen(join_spans([ctx.span_of(label_tok), *(c.span for c in filler)]))
        row = RowIR("item", label_tok.type, ctx.text_of(label_tok), str(label_tok)[:-1], (), filler, span)
        return [row, *piece_blocks(pieces[n:], ctx)]

    def pro_row(self, ch: list[Token]) -> RowIR:
        """Rule ``pro_row``: a section 二 row as a :class:`RowIR` of kind ``"pro"``."""
        return self._row("pro", ch)

    def app_row(self, ch: list[Token]) -> RowIR:
        """Rule ``app_row``: an application-table row as a :class:`RowIR` of kind ``"app"``."""
        return self._row("app", ch)

    def head(self, ch: list[Token]) -> RowIR:
        """Rule ``head``: a header cell (and any cells after it) as a :class:`RowIR` of kind ``"head"``."""
        return self._row("head", ch)

    # ---- structure ---------------------------------------------------------------------------
    def preamble(self, ch: list[Any]) -> Preamble:
        """Rule ``preamble``: a :class:`Preamble` of the blocks before the first section, tables assembled."""
        return Preamble(tuple(assemble(list(_flatten(ch)), current_context())))

    def section(self, ch: list[Any]) -> Section:
        """Rule ``section``: a :class:`Section` (number and title from its heading), rows assembled into tables."""
        ctx = current_context()
        tok: Token = ch[0]
        text = ctx.text_of(tok).strip()
        norm = ctx.norm_text_of(tok).strip()
        m = re.match(r"\s*([一二三四五六七八九十]{1,3})\s*[、.,:，．]\s*", norm)
        number = L.chinese_numeral(m.group(1)) if m else None
        printed_rest = _cut_prefix(text, len(m.group(0)) if m else 0)
        title, rest = _split_run_in(printed_rest, SECTION_TITLE_VARIANTS)
        span = ctx.line_span_of(tok)
        items: list[Any] = []
        if rest:
            items.append(Paragraph(rest, span))
        items.extend(_flatten(ch[1:]))
        blocks = tuple(assemble(items, ctx))
        return Section(number, title, blocks, join_spans([span, *(_block_span(b) for b in blocks)]))

    def start(self, ch: list[Any]) -> tuple[Preamble, tuple[Section, ...]]:
        """Rule ``start``: (preamble, sections), section spans extended, application formats settled."""
        pre = ch[0] if ch and isinstance(ch[0], Preamble) else Preamble(())
        sections = _section_extents(tuple(c for c in ch if isinstance(c, Section)), current_context())
        return _agree_on_format(pre, sections)


def _section_extents(sections: tuple[Section, ...], ctx: ParseContext) -> tuple[Section, ...]:
    """Each section's span runs from its heading to the last printed character before the next
    section's heading (or the end of the text): text between its blocks that no block took — a
    wrapped label's tail a PDF extraction left behind, stray markup — still lies in the section.
    (Plain text only: in a markup source the gaps are tags.)"""
    if ctx.norm.markup:
        return sections
    src = ctx.source
    out = []
    for k, s in enumerate(sections):
        nxt = sections[k + 1].span if k + 1 < len(sections) else None
        end = nxt.start if nxt is not None else len(src)
        while end > 0 and (src[end - 1].isspace() or src[end - 1] == "\ufeff"):
            end -= 1
        if s.span is not None and end > s.span.end:
            s = attrs.evolve(s, span=ctx.smap.span(s.span.start, end))
        out.append(s)
    return tuple(out)


def _agree_on_format(pre: Preamble, sections: tuple[Section, ...]) -> tuple[Preamble, tuple[Section, ...]]:
    """An application table whose rows do not show its format (no 2021-only （六） rows) takes
    the format of the report's section-二 table, which always shows it, rather than the guess
    from the years the text names (property test: a 2020 report that names 2021 more often)."""
    blocks = [*pre.blocks, *(b for s in sections for b in s.blocks)]
    pro = next((b for b in blocks if isinstance(b, (ProactiveTable2019, ProactiveTable2021))), None)
    if pro is None:
        return pre, sections
    fmt = ReportFormat(pro.FORMAT)

    def fix(b: Block) -> Block:
        """``b`` with the format of section 二 if it is an application table of another format
        without 2021-only ``other.*`` rows; otherwise ``b`` unchanged."""
        if (isinstance(b, ApplicationTable) and b.format is not fmt
                and not any(r.key and r.key.startswith("other.") for r in b.rows)):
            return attrs.evolve(b, format=fmt)
        return b

    return (Preamble(tuple(fix(b) for b in pre.blocks)),
            tuple(attrs.evolve(s, blocks=tuple(fix(b) for b in s.blocks)) for s in sections))


def _cut_prefix(printed: str, n_norm: int) -> str:
    """Drop the first ``n_norm`` normalised characters from the printed text.  Normalisation is
    almost always length-preserving, and the prefix is ASCII/CJK numbering, so count directly."""
    printed = printed.lstrip()
    return printed[n_norm:] if n_norm <= len(printed) else ""


def _flatten(items: Sequence[Any]) -> Iterator[Any]:
    """The items with every list among them spliced in (one level)."""
    for it in items:
        if isinstance(it, list):
            yield from it
        else:
            yield it


def _block_span(b: Any) -> Span | None:
    """A block's ``span``, or ``None`` if it has none."""
    return getattr(b, "span", None)
