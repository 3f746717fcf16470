"""The per-parse context of the inline transformer, and the intermediate row objects.

The transformer object is stateless (one per process, shared by every parse); what one parse
needs — the chunks, the source map, the diagnostics found on the way — lives in a
:class:`ParseContext` held in a context variable for the duration of that parse.
"""

from __future__ import annotations

import contextvars
from collections.abc import Sequence
from functools import cache
from typing import Any

import attrs
from lark import Token

from ..nodes import (
    Block,
    Cell,
    Diagnostic,
    Severity,
    Span,
)
from ..normalise import Normalised, SourceMap
from ..stream import CELL_SEPARATOR, Chunk

__all__ = ["ParseContext", "Preamble", "RowIR", "current_context", "is_markup", "join_spans", "reset_context",
           "set_context"]



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
        """The first chunk of the stream line a token was lexed from: (chunk index, chunk)."""
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
        """Source offsets of a chunk, trimmed of leading and trailing white space unless the chunk
        is nothing but white space (uncached; see :meth:`src_range_at`)."""
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
        while i > 0 and is_markup(src[i - 1]):
            i -= 1
        if i < a and (i == 0 or src[i - 1] in _LINE_BREAKS):
            while i < a and src[i].isspace():
                i += 1
        else:
            i = a
        j = b
        while j < len(src) and is_markup(src[j]):
            j += 1
        # to the end of the line; or over the pipe that separates this node from the next one on
        # its line (a pipe row whose cells became different nodes: "2 | 四、…")
        if j > b and (j == len(src) or src[j] in _LINE_BREAKS or "|" in src[b:j]):
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
        """Span of chunk ``i`` widened over the markup around it on its line (:meth:`widen`)."""
        sp = self.widen(self.span_at(i))
        assert sp is not None
        return sp

    def _printed(self, a: int, b: int) -> str:
        """The text printed between source offsets ``a`` and ``b``: the visible text (no tags) for
        a markup source, else the source slice."""
        # a markup source (HTML) prints the visible text between the offsets, without its tags
        return self.norm.printed(a, b) if self.norm.markup else self.source[a:b]

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
        """The normalised text of a token's chunks, from the start of its first chunk to the end of
        its last."""
        i, j = self.chunk_range(tok)
        return self.norm.text[self.chunks[i].start : self.chunks[j].end]

    def diag(self, code: str, severity: Severity, message: str, span: Span | None, **kw: Any) -> None:
        """Record a diagnostic of this parse; extra keyword arguments go to :class:`Diagnostic`."""
        self.diagnostics.append(Diagnostic(code, severity, message, span, **kw))


_MARKUP = frozenset(" \t\u00a0\u3000|#")
_LINE_BREAKS = frozenset("\r\n\f\v\x85\u2028\u2029")


def is_markup(ch: str) -> bool:
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
    """The :class:`ParseContext` of the parse in progress (raises ``LookupError`` outside a parse)."""
    return _CONTEXT.get()


def set_context(ctx: ParseContext) -> contextvars.Token[ParseContext]:
    """Make ``ctx`` the current parse context; returns the token :func:`reset_context` takes."""
    return _CONTEXT.set(ctx)


def reset_context(token: contextvars.Token[ParseContext]) -> None:
    """Restore the parse context that was current before the matching :func:`set_context`."""
    _CONTEXT.reset(token)


def join_spans(spans: Sequence[Span | None]) -> Span | None:
    """One span from the earliest start to the latest end of ``spans`` (``None`` entries skipped):
    ``None`` if all are ``None``, the very span that both starts first and ends last if there is one."""
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
class RowIR:
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
