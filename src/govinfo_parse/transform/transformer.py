"""Lark transformer: grammar rules → AST nodes (applied inline while parsing).

The transformer object is stateless (one per process, shared by every parse); what one parse
needs — the chunks, the source map, the diagnostics found on the way — lives in a
:class:`ParseContext` held in a context variable for the duration of that parse.

Rows come out of the grammar one at a time; :func:`_assemble` gathers the rows of one section
into the three table nodes, in the format's terms (:mod:`govinfo_parse.formats.labels`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import attrs
from lark import Token, Transformer

from ..formats import labels as L
from ..formats.cells import cell_kind
from ..nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Chrome,
    DateLine,
    Diagnostic,
    Heading,
    ItemTable,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Severity,
    Span,
    Title,
)
from ..normalise import Normalised, SourceMap
from ..stream import BLANK, CELL_SEPARATOR, HEADER, UNPLACED, Chunk

__all__ = ["ParseContext", "Preamble", "ReportTransformer", "current_context"]


@attrs.define
class ParseContext:
    """Everything one parse needs besides the grammar."""

    source: str
    norm: Normalised
    smap: SourceMap
    chunks: Sequence[Chunk]
    diagnostics: list[Diagnostic] = attrs.field(factory=list)

    lines: Sequence[int] = ()
    """First chunk index of every line of the parsed stream, and ``len(chunks)`` at the end
    (:func:`govinfo_parse.readers._lines.stream_lines`); empty means one chunk per line."""

    year_hint: int | None = None
    _ranges: dict[int, tuple[int, int]] = attrs.field(factory=dict)
    _spans: dict[int, Span] = attrs.field(factory=dict)

    def chunk_range(self, tok: Token) -> tuple[int, int]:
        """First and last chunk index of the stream line a token was lexed from."""
        k = (tok.line or 1) - 1
        if not self.lines:
            return k, k
        return self.lines[k], self.lines[k + 1] - 1

    def chunk_of(self, tok: Token) -> tuple[int, Chunk]:
        i = self.chunk_range(tok)[0]
        return i, self.chunks[i]

    def pieces(self, tok: Token) -> list[tuple[int, str]]:
        """The cells of a run (a CELLS token, or a run lexed as TEXT where no cells were
        expected): (chunk index, normalised text) of each."""
        i, j = self.chunk_range(tok)
        return [(k, p) for k in range(i, j + 1) for p in self.chunks[k].text.split(CELL_SEPARATOR)]

    def src_range_at(self, i: int) -> tuple[int, int]:
        """Source offsets of chunk ``i``, tight around what was printed (cached per parse)."""
        r = self._ranges.get(i)
        if r is None:
            r = self.src_range(self.chunks[i])
            self._ranges[i] = r
        return r

    def src_range(self, chunk: Chunk) -> tuple[int, int]:
        a = self.norm.source_offset(chunk.start)
        b = self.norm.source_offset(chunk.end)
        raw = self.source[a:b]
        # keep spans tight around what was printed
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if lead + trail < len(raw):
            a, b = a + lead, b - trail
        return a, b

    def span_at(self, i: int) -> Span:
        """Span of chunk ``i`` in the user's file (cached per parse)."""
        sp = self._spans.get(i)
        if sp is None:
            a, b = self.src_range_at(i)
            sp = self.smap.span(a, b)
            self._spans[i] = sp
        return sp

    def span_of(self, tok: Token) -> Span:
        """Span of a token: of its chunk, or of all the chunks of a run."""
        i, j = self.chunk_range(tok)
        if i == j:
            return self.span_at(i)
        return self.smap.span(self.src_range_at(i)[0], self.src_range_at(j)[1])

    def widen(self, span: Span | None) -> Span | None:
        """A line node's span widened over the markup around it on its own line(s): the ``#``
        of a Markdown heading, the pipes that open and close a table row.  So every printed
        character of the file lies inside some node (property test on spans)."""
        if span is None:
            return None
        src = self.source
        a, b = span.start, span.end
        i = a
        while i > 0 and _is_markup(src[i - 1]):
            i -= 1
        if i < a and (i == 0 or src[i - 1] in _LINE_BREAKS):
            while i < a and src[i].isspace():
                i += 1
        else:
            i = a
        j = b
        while j < len(src) and _is_markup(src[j]):
            j += 1
        if j > b and (j == len(src) or src[j] in _LINE_BREAKS):
            while j > b and src[j - 1].isspace():
                j -= 1
        else:
            j = b
        if (i, j) == (a, b):
            return span
        return self.smap.span(i, j)

    def line_span_of(self, tok: Token) -> Span:
        """:meth:`span_of` widened over the line's markup (:meth:`widen`)."""
        sp = self.widen(self.span_of(tok))
        assert sp is not None
        return sp

    def line_span_at(self, i: int) -> Span:
        sp = self.widen(self.span_at(i))
        assert sp is not None
        return sp

    def _printed(self, a: int, b: int) -> str:
        # a markup source (HTML) prints the visible text between the offsets, without its tags
        printed = getattr(self.norm, "printed", None)
        return str(printed(a, b)) if printed is not None else self.source[a:b]

    def text_at(self, i: int) -> str:
        """Chunk ``i``'s text as printed in the user's file."""
        return self._printed(*self.src_range_at(i))

    def text_of(self, tok: Token) -> str:
        """The token's text as printed in the user's file."""
        i, j = self.chunk_range(tok)
        if i == j:
            return self.text_at(i)
        return self._printed(self.src_range_at(i)[0], self.src_range_at(j)[1])

    def norm_text_of(self, tok: Token) -> str:
        i, j = self.chunk_range(tok)
        return self.norm.text[self.chunks[i].start : self.chunks[j].end]

    def diag(self, code: str, severity: Severity, message: str, span: Span | None, **kw: Any) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, span, **kw))


_MARKUP = frozenset(" \t\u00a0\u3000|#")
_LINE_BREAKS = frozenset("\r\n\f\v\x85\u2028\u2029")


def _is_markup(ch: str) -> bool:
    """Layout markup or white space (other than a line break) around a line node, including
    what normalisation folds to a space (zero-width characters, soft hyphens)."""
    if ch in _LINE_BREAKS:
        return False
    return ch in _MARKUP or ch.isspace() or ch in _folded_to_space()


@cache
def _folded_to_space() -> frozenset[str]:
    """The characters normalisation folds to a space (built once)."""
    from ..normalise import _tables

    return frozenset(chr(k) for k, v in _tables()[0].items() if v == " ")


_CONTEXT: contextvars.ContextVar[ParseContext] = contextvars.ContextVar("govinfo_parse_context")


def current_context() -> ParseContext:
    return _CONTEXT.get()


def set_context(ctx: ParseContext) -> contextvars.Token[ParseContext]:
    return _CONTEXT.set(ctx)


def reset_context(token: contextvars.Token[ParseContext]) -> None:
    _CONTEXT.reset(token)


def join_spans(spans: Sequence[Span | None]) -> Span | None:
    first: Span | None = None
    last: Span | None = None
    for s in spans:
        if s is None:
            continue
        if first is None or s.start < first.start:
            first = s
        if last is None or s.end > last.end:
            last = s
    if first is None or last is None:
        return None
    if first is last:
        return first
    return Span(first.start, last.end, first.line, first.column, last.end_line, last.end_column)


# ------------------------------------------------------------------------------------------
# intermediate row objects (what the row rules return; never part of the AST)
# ------------------------------------------------------------------------------------------


@attrs.frozen
class _RowIR:
    kind: str  # "app" | "pro" | "item" | "head"
    terminal: str
    label: str  # as printed
    norm_label: str  # lexer view (squeezed, normalised)
    cells: tuple[Cell, ...]
    filler: tuple[Cell, ...]  # head only: blank filler cells right after the header cell
    span: Span | None


@attrs.frozen
class Preamble:
    blocks: tuple[Block, ...]


_VALUE_RE = re.compile(
    r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>亿元|万元|元|件|条|个|次|项|起|人次|人)?$"
)


def make_cell(i: int, text: str, ctx: ParseContext) -> Cell:
    """The cell chunk ``i`` holds; ``text`` is its normalised text (one piece of a CELLS run)."""
    span = ctx.span_at(i)
    kind = cell_kind(text)
    if kind == "BLANK":
        return Cell("", CellState.BLANK, None, None, span)
    raw = ctx.text_at(i)
    if kind == "PLACEHOLDER":
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    m = _VALUE_RE.match(text)
    if not m:  # the grammar admitted it, so this cannot happen; stay lenient anyway
        ctx.diag("P103", Severity.WARNING, f"value cell {raw!r} is not a number (数值单元格无法解析)", span)
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    digits = m.group("int").replace(",", "")
    value: int | Decimal
    if m.group("frac"):
        try:
            value = Decimal(m.group("sign") + digits + m.group("frac"))
        except InvalidOperation:  # pragma: no cover - regex guarantees digits
            value = Decimal(0)
    else:
        value = int(digits)
        if m.group("sign") == "-":
            value = -value
    return Cell(raw, CellState.NUMBER, value, m.group("unit"), span)


def _split_cells(children: Sequence[Any], ctx: ParseContext) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
    """Cells of a row (the pieces of its CELLS token); for a header, the blank filler before
    the first printed value."""
    pieces = [p for t in children if isinstance(t, Token) for p in ctx.pieces(t)]
    if not pieces:
        return (), ()
    made = make_cells(pieces, ctx)
    n = 0
    while n < len(pieces) and pieces[n][1] == BLANK:
        n += 1
    return tuple(made[n:]), tuple(made[:n])


def make_cells(pieces: Sequence[tuple[int, str]], ctx: ParseContext) -> list[Cell]:
    """:func:`make_cell` for every piece of a run, in one pass (the parser's hottest loop: a
    report has hundreds of cells).  Same cells, spans and diagnostics as one call per piece."""
    norm = ctx.norm
    printed = getattr(norm, "printed", None)
    # plain text normalised in place: chunk offsets are source offsets
    in_place = norm.offsets is None and printed is None
    src = ctx.source
    n_src = len(src)
    starts = ctx.smap.line_starts
    chunks = ctx.chunks
    value_re = _VALUE_RE.match
    out: list[Cell] = []
    lo, hi, line = -1, -1, 0  # the source line of the previous cell: [lo, hi)

    def pos(off: int) -> tuple[int, int]:
        nonlocal lo, hi, line
        off = max(0, min(off, n_src))  # as SourceMap.position
        if not lo <= off < hi:
            k = bisect_right(starts, off) - 1
            line, lo = k + 1, starts[k]
            hi = starts[k + 1] if k + 1 < len(starts) else n_src + 1
        return line, off - lo + 1

    for i, p in pieces:
        if in_place:
            ch = chunks[i]
            a, b = ch.start, ch.end
            raw = src[a:b]
            if raw and (raw[0].isspace() or raw[-1].isspace()):
                a, b = ctx.src_range(ch)
                raw = src[a:b]
        else:  # offsets through the map; a markup source prints the visible text between them
            a, b = ctx.src_range_at(i)
            raw = "" if p == BLANK else str(printed(a, b)) if printed is not None else src[a:b]
        la, ca = pos(a)
        lb, cb = pos(b)
        span = Span(a, b, la, ca, lb, cb)
        if p == BLANK:
            out.append(Cell("", CellState.BLANK, None, None, span))
            continue
        m = value_re(p)
        if m is None:
            if cell_kind(p) == "PLACEHOLDER":
                out.append(Cell(raw, CellState.PLACEHOLDER, None, None, span))
            else:
                out.append(make_cell(i, p, ctx))
            continue
        digits = m.group("int").replace(",", "")
        value: int | Decimal
        frac = m.group("frac")
        if frac:
            value = Decimal(m.group("sign") + digits + frac)
        else:
            value = int(digits)
            if m.group("sign") == "-":
                value = -value
        out.append(Cell(raw, CellState.NUMBER, value, m.group("unit"), span))
    return out


def _piece_blocks(pieces: Sequence[tuple[int, str]], ctx: ParseContext) -> list[Block]:
    """Cells where no cells were expected: each is the paragraph (or stray empty cell) it would
    be on its own line."""
    out: list[Block] = []
    for i, p in pieces:
        if p.startswith(BLANK):
            out.extend(_stray_blank(i, ctx))
        else:
            out.append(Paragraph(_strip_markdown(ctx.text_at(i)), ctx.line_span_at(i)))
    return out


_HEADING_SPLIT = re.compile(r"[。]")


def _strip_number(text: str, pattern: str) -> tuple[str, str]:
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


_KNOWN_SECTION_TITLES = (
    *L.SECTION_TITLES.values(),
    "政府信息公开工作存在的主要问题及改进情况",
    "存在问题及改进情况",
    "政府信息公开行政复议和行政诉讼情况",
    "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
)

_DATE_RES = (
    re.compile(r"(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})"),
)


def parse_date(text: str) -> dt.date | None:
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
        ctx = current_context()
        return Title(_strip_markdown(ctx.text_of(ch[0])), ctx.line_span_of(ch[0]))

    def date_line(self, ch: list[Token]) -> DateLine:
        ctx = current_context()
        text = ctx.text_of(ch[0])
        return DateLine(text, parse_date(ctx.norm_text_of(ch[0])), ctx.line_span_of(ch[0]))

    def paragraph(self, ch: list[Token]) -> list[Block]:
        ctx = current_context()
        i, j = ctx.chunk_range(ch[0])
        if i != j or CELL_SEPARATOR in ch[0]:  # a run of cells outside any table
            return _piece_blocks(ctx.pieces(ch[0]), ctx)
        if str(ch[0]).startswith(BLANK):
            return _stray_blank(i, ctx)
        return [Paragraph(_strip_markdown(ctx.text_of(ch[0])), ctx.line_span_of(ch[0]))]

    def chrome(self, ch: list[Token]) -> Chrome:
        ctx = current_context()
        return Chrome(ctx.text_of(ch[0]), ctx.line_span_of(ch[0]))

    def _heading(self, tok: Token, level: int) -> list[Block]:
        ctx = current_context()
        text = _strip_markdown(ctx.text_of(tok))
        span = ctx.line_span_of(tok)
        norm = _strip_markdown(ctx.norm_text_of(tok))
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
        return self._heading(ch[0], 2)

    def heading3(self, ch: list[Token]) -> list[Block]:
        return self._heading(ch[0], 3)

    # ---- table rows --------------------------------------------------------------------------
    def _row(self, kind: str, ch: list[Token]) -> _RowIR:
        ctx = current_context()
        label_tok = ch[0]
        cells, filler = _split_cells(ch[1:], ctx)
        label = ctx.text_of(label_tok)
        norm_label = str(label_tok)[:-1]
        spans = [ctx.span_of(label_tok), *(c.span for c in cells), *(c.span for c in filler)]
        return _RowIR(kind, label_tok.type, label, norm_label, cells, filler, ctx.widen(join_spans(spans)))

    def item_header(self, ch: list[Token]) -> list[Any]:
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
        row = _RowIR("item", label_tok.type, ctx.text_of(label_tok), str(label_tok)[:-1], (), filler, span)
        return [row, *_piece_blocks(pieces[n:], ctx)]

    def pro_row(self, ch: list[Token]) -> _RowIR:
        return self._row("pro", ch)

    def app_row(self, ch: list[Token]) -> _RowIR:
        return self._row("app", ch)

    def head(self, ch: list[Token]) -> _RowIR:
        return self._row("head", ch)

    # ---- structure ---------------------------------------------------------------------------
    def preamble(self, ch: list[Any]) -> Preamble:
        return Preamble(tuple(_assemble(list(_flatten(ch)), current_context())))

    def section(self, ch: list[Any]) -> Section:
        ctx = current_context()
        tok: Token = ch[0]
        text = _strip_markdown(ctx.text_of(tok))
        norm = _strip_markdown(ctx.norm_text_of(tok))
        m = re.match(r"\s*([一二三四五六七八九十]{1,3})\s*[、.,:，．]\s*", norm)
        number = L.chinese_numeral(m.group(1)) if m else None
        printed_rest = _cut_prefix(text, len(m.group(0)) if m else 0)
        title, rest = _split_run_in(printed_rest, _KNOWN_SECTION_TITLES)
        span = ctx.line_span_of(tok)
        items: list[Any] = []
        if rest:
            items.append(Paragraph(rest, span))
        items.extend(_flatten(ch[1:]))
        blocks = tuple(_assemble(items, ctx))
        return Section(number, title, blocks, join_spans([span, *(_block_span(b) for b in blocks)]))

    def start(self, ch: list[Any]) -> tuple[Preamble, tuple[Section, ...]]:
        pre = ch[0] if ch and isinstance(ch[0], Preamble) else Preamble(())
        sections = _section_extents(tuple(c for c in ch if isinstance(c, Section)), current_context())
        return _agree_on_format(pre, sections)


def _section_extents(sections: tuple[Section, ...], ctx: ParseContext) -> tuple[Section, ...]:
    """Each section's span runs from its heading to the last printed character before the next
    section's heading (or the end of the text): text between its blocks that no block took — a
    wrapped label's tail a PDF extraction left behind, stray markup — still lies in the section.
    (Plain text only: in a markup source the gaps are tags.)"""
    if getattr(ctx.norm, "printed", None) is not None:
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
        if (isinstance(b, ApplicationTable) and b.format is not fmt
                and not any(r.key and r.key.startswith("other.") for r in b.rows)):
            return attrs.evolve(b, format=fmt)
        return b

    return (Preamble(tuple(fix(b) for b in pre.blocks)),
            tuple(attrs.evolve(s, blocks=tuple(fix(b) for b in s.blocks)) for s in sections))


def _stray_blank(i: int, ctx: ParseContext) -> list[Block]:
    """An empty cell (chunk ``i``) outside any table.  Next to other cells of its line it is
    that line's padding (nothing to keep); a line of nothing but empty cells ("| | |") is kept,
    once, as unrecognised text, so that every printed character lies in some node."""
    from ..nodes import Unrecognised

    line = ctx.span_at(i).line
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.chunks):
            a, _b = ctx.src_range_at(j)
            if ctx.smap.position(a)[0] == line and (ctx.chunks[j].text != BLANK or j < i):
                return []  # a cell with content on this line, or an earlier blank that is kept
    span = ctx.widen(ctx.span_at(i))
    assert span is not None
    text = ctx.source[span.start : span.end]
    if not text.strip():
        return []
    ctx.diag("P002", Severity.WARNING, f"empty table cells {text!r} outside any table; kept as unrecognised "
             "text (表格外的空单元格)", span)
    return [Unrecognised(text, "empty table cells outside any table", span)]


def _strip_markdown(text: str) -> str:
    return re.sub(r"^\s*#{1,6}\s+", "", text).strip()


def _cut_prefix(printed: str, n_norm: int) -> str:
    """Drop the first ``n_norm`` normalised characters from the printed text.  Normalisation is
    almost always length-preserving, and the prefix is ASCII/CJK numbering, so count directly."""
    printed = printed.lstrip()
    return printed[n_norm:] if n_norm <= len(printed) else ""


def _flatten(items: Sequence[Any]) -> Iterator[Any]:
    for it in items:
        if isinstance(it, list):
            yield from it
        else:
            yield it


def _block_span(b: Any) -> Span | None:
    return getattr(b, "span", None)


# ------------------------------------------------------------------------------------------
# assembling the rows of one section into tables
# ------------------------------------------------------------------------------------------

_PRO_ROW_ITEM = {
    "规章": "item1", "规范性文件": "item1", "行政规范性文件": "item1",
    "行政许可": "item5", "其他对外管理服务事项": "item5",
    "行政处罚": "item6", "行政强制": "item6",
    "行政事业性收费": "item8", "政府集中采购": "item9",
}

_WORDS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "行政规范性文件")
_WORDS_2019 = ("本年新", "制作数量", "公开数量", "对外公开总数", "上一年项目数量", "上年项目数量", "增/减",
               "增减", "采购项目数量", "采购总金额", "政府集中采购", "其他对外管理服务事项")


@attrs.define
class _Group:
    kind: str  # "pro" | "app" | "review"
    position: int
    rows: list[_RowIR] = attrs.field(factory=list)


def _join_split_lines(blocks: Sequence[Block], ctx: ParseContext) -> list[Block]:
    """A prose line that the layout split into cells (a line with pipes outside any table) is
    one block again: adjacent paragraphs and unrecognised pieces from the same source line are
    joined, with the line's text as printed between them (unrecognised if any piece was)."""
    from ..nodes import Unrecognised

    out: list[Block] = []
    for it in blocks:
        prev = out[-1] if out else None
        if (isinstance(it, (Paragraph, Unrecognised)) and isinstance(prev, (Paragraph, Unrecognised))
                and it.span is not None and prev.span is not None
                and prev.span.end_line == it.span.line and prev.span.end <= it.span.start):
            span = ctx.smap.span(prev.span.start, it.span.end)
            text = ctx.source[prev.span.start:it.span.end].strip()
            if isinstance(prev, Unrecognised):
                out[-1] = Unrecognised(text, prev.reason, span)
            elif isinstance(it, Unrecognised):
                out[-1] = Unrecognised(text, it.reason, span)
            else:
                out[-1] = Paragraph(text, span)
        else:
            psp: Span | None = getattr(prev, "span", None)
            isp: Span | None = getattr(it, "span", None)
            if (prev is not None and psp is not None and isp is not None
                    and psp.end_line == isp.line and psp.end < isp.start
                    and all(_is_markup(ch) for ch in ctx.source[psp.end:isp.start])):
                # the pipes between two blocks that share a line belong to the first one
                out[-1] = attrs.evolve(prev, span=ctx.smap.span(psp.start, isp.start))
            out.append(it)
    return out


def _assemble(items: Sequence[Any], ctx: ParseContext) -> list[Block]:
    """Gather rows into one table per kind per section, placed where its first row was."""
    out: list[Any] = []
    groups: dict[str, _Group] = {}
    pending_heads: list[_RowIR] = []
    last_kind: str | None = None

    def group(kind: str) -> _Group:
        g = groups.get(kind)
        if g is None:
            g = _Group(kind, len(out))
            groups[kind] = g
            out.append(g)
        return g

    first_app = next((i for i, x in enumerate(items) if isinstance(x, _RowIR) and x.kind == "app"), None)
    for index, it in enumerate(items):
        if not isinstance(it, _RowIR):
            if isinstance(it, (Paragraph, Heading)):
                if pending_heads and _blank_review(pending_heads):
                    group("review").rows.extend(pending_heads)
                elif pending_heads:
                    _orphan_heads(pending_heads, out, ctx)
                pending_heads = []
                last_kind = None
            out.append(it)
            continue
        if it.kind in ("item", "pro"):
            g = group("pro")
            g.rows.extend(pending_heads)
            pending_heads = []
            g.rows.append(it)
            last_kind = "pro"
        elif it.kind == "app":
            g = group("app")
            g.rows.extend(pending_heads)
            pending_heads = []
            g.rows.append(it)
            last_kind = "app"
        else:  # a header cell, possibly with values
            if last_kind == "pro" and not it.cells:
                groups["pro"].rows.append(it)
                continue
            if (it.cells and first_app is not None and index < first_app and "review" not in groups
                    and all(c.state is not CellState.NUMBER for c in it.cells)):
                # header cells over placeholder filler before the application table (an OCR'd
                # header split into little tables): part of that table's header, not section 四
                pending_heads.append(it)
            elif it.cells or (last_kind == "review"):
                g = group("review")
                g.rows.extend(pending_heads)
                pending_heads = []
                g.rows.append(it)
                last_kind = "review"
            else:
                pending_heads.append(it)
    if pending_heads and _blank_review(pending_heads):
        group("review").rows.extend(pending_heads)
    elif pending_heads:
        # a header with no rows after it: the header of a table the text lost, or of the next
        # section's table; keep it visible
        _orphan_heads(pending_heads, out, ctx)

    fmt_hint = _proactive_format(groups["pro"].rows) if "pro" in groups else None
    blocks: list[Block] = []
    for x in out:
        if not isinstance(x, _Group):
            blocks.append(x)
        elif x.kind == "pro":
            blocks.append(_build_proactive(x.rows, ctx))
        elif x.kind == "app":
            blocks.append(_build_application(x.rows, ctx, fmt_hint))
        else:
            blocks.append(_build_review(x.rows, ctx))
    return _join_split_lines(blocks, ctx)


_REVIEW_HEADS = frozenset(("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
                           "其他结果", "尚未审结", "结果", "尚未"))


def _blank_review(heads: Sequence[_RowIR]) -> bool:
    """Section 四's header followed by nothing but its row of empty cells: every value blank
    (property test: a review table left all blank, as web pages leave zeros)."""
    return (any(h.norm_label.lstrip(HEADER) in _REVIEW_HEADS for h in heads)
            and len(heads[-1].filler) >= len(L.REVIEW_COLUMNS))


def _orphan_heads(heads: list[_RowIR], out: list[Any], ctx: ParseContext) -> None:
    from ..nodes import Unrecognised

    for h in heads:
        out.append(Unrecognised(h.label, "table header cell without a table", h.span))
        ctx.diag("P002", Severity.WARNING,
                 f"header cell {h.label!r} is not followed by table rows; kept as unrecognised text "
                 "(表头单元格后没有数据行)", h.span)


def _proactive_format(rows: Sequence[_RowIR]) -> str | None:
    s19 = s21 = 0
    for r in rows:
        t = r.norm_label.lstrip(HEADER)
        if r.kind == "item" and "(九)" in t:
            s19 += 2
        if any(w in t for w in _WORDS_2021):
            s21 += 1
        elif any(w in t for w in _WORDS_2019):
            s19 += 1
        if r.kind == "pro":
            item = _PRO_ROW_ITEM.get(t)
            if item in ("item5", "item6") and len(r.cells) >= 3:
                s19 += 1
            elif item in ("item5", "item6") and len(r.cells) == 1:
                s21 += 1
    if s19 == s21:
        return None
    return "2019" if s19 > s21 else "2021"


def _item_key(norm: str) -> str | None:
    m = re.search(r"第\(([一二三四五六七八九十]{1,2})\)项", norm)
    n = L.chinese_numeral(m.group(1)) if m else None
    return f"item{n}" if n else None


def _settle(filler: tuple[Cell, ...], cells: tuple[Cell, ...], n: int) -> tuple[Cell, ...]:
    """The cells of a value row of ``n`` columns from the blanks the grammar set aside as filler
    (right after the label) and the cells after them.

    Blanks right after a label are the row's empty leading cells, unless the row has more than
    ``n`` cells: then blanks at its end go first (a pipe row's padding, the merged-cell slots a
    tab layout prints before the next label), then blanks right after the label (a label cell
    spanning several columns)."""
    out = list(filler) + list(cells)
    while len(out) > n and out[-1].state is CellState.BLANK:
        out.pop()
    while len(out) > n and out[0].state is CellState.BLANK:
        out.pop(0)
    return tuple(out)


def _fit(cells: tuple[Cell, ...], n: int) -> tuple[Cell, ...]:
    """Drop blank merged-cell filler beyond the ``n`` columns of the row."""
    if len(cells) <= n:
        return cells
    extra = cells[n:]
    if all(c.state is CellState.BLANK for c in extra):
        return cells[:n]
    return cells


def _build_proactive(rows: Sequence[_RowIR], ctx: ParseContext) -> ProactiveTable2019 | ProactiveTable2021:
    fmt = _proactive_format(rows) or ("2021" if _year_hint(ctx) >= 2021 else "2019")
    specs = {i.key: i for i in L.proactive_items(fmt)}
    items: list[tuple[str, list[Row], list[Span | None]]] = []
    current: tuple[str, list[Row], list[Span | None]] | None = None
    for r in rows:
        if r.kind == "item":
            key = _item_key(r.norm_label) or "item?"
            if key not in specs:
                ctx.diag("P102", Severity.WARNING,
                         f"{r.label!r} is not a sub-table of section 二 in the {fmt} format "
                         "(该格式第二部分没有此项)", r.span)
            current = (key, [], [r.span])
            items.append(current)
            continue
        if r.kind == "head":
            if current is not None:
                current[2].append(r.span)
            continue
        label = r.norm_label
        inferred = _PRO_ROW_ITEM.get(label, "item?")
        if current is None or (current[0] != inferred and inferred != "item?"
                               and not any(x[0] == inferred for x in items[-1:])):
            # a row without its item header (or under the wrong one): file it under its own item
            current = (inferred, [], [])
            items.append(current)
        spec = specs.get(current[0])
        row_key: str | None = None
        ncols = 3
        if spec is not None:
            ncols = len(spec.columns)
            for rs in spec.rows:
                if rs.label == label or (label == "规范性文件" and rs.key == "normative_documents") or (
                        label == "行政规范性文件" and rs.key == "normative_documents"):
                    row_key = rs.key
                    break
        if row_key is None:
            ctx.diag("P102", Severity.WARNING,
                     f"row {r.label!r} does not belong to {current[0]} of section 二 "
                     f"(行标签不属于该子表); kept with no key", r.span)
        cells = _fit(_settle(r.filler, r.cells, ncols), ncols)
        if spec is not None:
            cells = tuple(_as_amount(c) if i < len(spec.columns) and spec.columns[i].amount else c
                          for i, c in enumerate(cells))
        current[1].append(Row(row_key, r.label, cells, r.span))
        current[2].append(r.span)
    tables = tuple(ItemTable(k, tuple(rs), join_spans(sp)) for k, rs, sp in items)
    span = join_spans([r.span for r in rows])
    if fmt == "2021":
        return ProactiveTable2021(tables, span)
    return ProactiveTable2019(tables, span)


def _as_amount(c: Cell) -> Cell:
    if isinstance(c.value, int):
        return attrs.evolve(c, value=Decimal(c.value))
    return c


_GROUP_TERMINALS = {
    "APP_G_RESULTS": "results", "APP_G_WITHHELD": "withheld", "APP_G_UNAVAILABLE": "unavailable",
    "APP_G_NOT_PROCESSED": "not_processed",
}


def _build_application(rows: Sequence[_RowIR], ctx: ParseContext, fmt_hint: str | None) -> ApplicationTable:
    out: list[Row] = []
    ncols = len(L.APPLICATION_COLUMNS)
    app_rows = [r for r in rows if r.kind == "app"]
    for i, r in enumerate(app_rows):
        if r.terminal in _GROUP_TERMINALS:
            if any(c.state is not CellState.BLANK for c in r.cells):
                ctx.diag("P102", Severity.WARNING,
                         f"merged group label {r.label!r} carries values; a group label has none "
                         "(合并标签不应有数值); kept with no key", r.span)
                out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        if r.terminal == "UNPLACED":
            out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        spec = L.APPLICATION_ROW_BY_TERMINAL.get(r.terminal)
        if spec is None:  # pragma: no cover - every label terminal is in the table
            out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        cells = r.cells
        later_other = any(n.terminal.startswith("APP_O_") for n in app_rows[i + 1 :])
        if not (spec.key == "other" and later_other):
            cells = _settle(r.filler, cells, ncols)
        if spec.key == "other" and not cells:
            continue  # （六）其他处理 as the 2021 group label
        if not cells and any(
            L.APPLICATION_ROW_BY_TERMINAL.get(n.terminal) is spec and n.cells for n in app_rows[i + 1 :]
        ):
            continue  # a label printed twice (as a heading, then as the row): keep the row
        out.append(Row(spec.key, r.label, _fit(cells, ncols), r.span))
    keys = {r.key for r in out}
    if any(k and k.startswith("other.") for k in keys):
        fmt = "2021"
    elif fmt_hint:
        fmt = fmt_hint
    else:
        fmt = "2021" if _year_hint(ctx) >= 2021 else "2019"
    return ApplicationTable(ReportFormat(fmt), tuple(out), join_spans([r.span for r in rows]))


def _build_review(rows: Sequence[_RowIR], ctx: ParseContext) -> ReviewTable:
    n = len(L.REVIEW_COLUMNS)
    cells = [c for r in rows for c in r.cells]
    short = n - len(cells)
    first = next((r for r in rows if r.cells), rows[-1] if rows else None)
    if short > 0 and first is not None and first.filler:
        # blanks right before the first printed value were taken for merged-cell filler; the row
        # is short, so they were empty value cells after all
        cells = list(first.filler[-short:]) + cells
    return ReviewTable(_fit(tuple(cells), n), join_spans([r.span for r in rows]))


def _year_hint(ctx: ParseContext) -> int:
    """The year the text mentions most (0 if none); computed once per parse."""
    if ctx.year_hint is None:
        years = [int(y) for y in re.findall(r"(20[0-3]\d)\s*年", ctx.norm.text)]
        ctx.year_hint = max(set(years), key=years.count) if years else 0
    return ctx.year_hint


__all__ += ["UNPLACED", "join_spans", "make_cell", "parse_date", "reset_context", "set_context"]
