"""Fold what varies without meaning, keeping a map back to the user's file.

Full-width ASCII (（一） → (一), ０ → 0, ： → :), no-break and ideographic spaces, zero-width
characters, curly quotes, the many dashes, Kangxi radicals and compatibility ideographs (as PDF
extraction produces them), CRLF and form feeds.  Almost every fold is one character for one
character, so the normalised text is usually the same length as the source and offsets are
shared; the rare multi-character folds (㈠ → (一)) switch to an explicit offset array.

:class:`SourceMap` turns offsets into the (line, column) a user sees in their editor.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import ClassVar

import attrs

from ._lazy import lazy_compile
from .nodes import Span

__all__ = ["Normalised", "SourceMap", "lexer_view", "normalise", "squeeze"]

_RANGES = (
    (0x2460, 0x24FF),  # enclosed alphanumerics ① ⑴ ⒈
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals (PDF text: ⼀ for 一)
    (0x3200, 0x32FF),  # enclosed CJK letters ㈠
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms ︵
    (0xFE50, 0xFE6F),  # small form variants ﹙
    (0xFF01, 0xFFEF),  # half-width and full-width forms
)

_EXTRA: dict[str, str] = {
    "\u00a0": " ", "\u1680": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ", "\u00ad": " ",
    # the layout's markers (blank cell, header cell, unplaced label, cell separator) must never come from the
    # source; a printed one is kept visible as a replacement character, not dropped
    "\u2400": "\ufffd", "\u2401": "\ufffd", "\u2402": "\ufffd", "\u241f": "\ufffd",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u301d": '"', "\u301e": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2012": "—", "\u2013": "—", "\u2015": "—", "\u2500": "—", "\u2501": "—", "\u30fc": "—",
    "\u3002": "。", "\uff61": "。",
    "\u3001": "、", "\uff64": "、",
    "\u2215": "/", "\u2044": "/",
    "\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
}
for _c in range(0x2000, 0x200B):
    _EXTRA[chr(_c)] = " "


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    """The folding tables, built once: (one-character folds for ``str.translate``, multi-character
    folds ㈠ → (一)), from NFKC over the folded Unicode ranges plus the package's own extra folds."""
    one: dict[int, str] = {}
    multi: dict[str, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if n == ch:
                continue
            n = "".join(_EXTRA.get(x, x) for x in n)
            if len(n) == 1:
                one[cp] = n
            elif n:
                multi[ch] = n
    for k, v in _EXTRA.items():
        one[ord(k)] = v
    # full-width punctuation that NFKC leaves alone but the format prints both ways
    one[ord("\u3000")] = " "
    return one, multi


@lru_cache(maxsize=1)
def _multi_re() -> re.Pattern[str] | None:
    """One regular expression matching every multi-character fold's source character, longest
    first; ``None`` if there are none (built once)."""
    _, multi = _tables()
    if not multi:
        return None
    return re.compile("|".join(re.escape(k) for k in sorted(multi, key=len, reverse=True)))


@attrs.frozen
class Normalised:
    """Normalised text plus the way back to source offsets."""

    text: str
    offsets: tuple[int, ...] | None = None
    """``offsets[i]`` is the source offset of normalised character ``i`` (one extra entry for the
    end); ``None`` when normalisation kept every character in place (the common case)."""

    markup: ClassVar[bool] = False
    """Whether the source is markup (then :meth:`printed` gives the visible text of a source
    range; :class:`govinfo_parse.readers.html.MarkupNormalised`)."""

    def printed(self, a: int, b: int) -> str:
        """The text a reader sees as printed in ``source[a:b]``: for plain text the source itself,
        which the caller slices (this method is only called when :attr:`markup` is true)."""
        raise NotImplementedError("plain text prints its source slice")

    def source_offset(self, i: int) -> int:
        """Source offset of normalised offset ``i``; ``i`` itself when normalisation kept every
        character in place, the end of the source past the end."""
        if self.offsets is None:
            return i
        if i >= len(self.offsets):
            return self.offsets[-1]
        return self.offsets[i]


def normalise(source: str) -> Normalised:
    """Normalise ``source`` for parsing.  Line structure is kept: CRLF becomes " \\n" (same length),
    a lone CR, a form feed and the Unicode line separators become "\\n"."""
    one, multi = _tables()
    text = source.replace("\r\n", " \n").replace("\r", "\n")
    text = text.translate(one)
    mre = _multi_re()
    if mre is None or not mre.search(text):
        return Normalised(text)
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in mre.finditer(text):
        out.append(text[pos : m.start()])
        offs.extend(range(pos, m.start()))
        rep = multi[m.group(0)]
        out.append(rep)
        offs.extend([m.start()] * len(rep))
        pos = m.end()
    out.append(text[pos:])
    offs.extend(range(pos, len(text) + 1))
    return Normalised("".join(out), tuple(offs))


_LINE_BREAK = lazy_compile(r"\r\n|\r|\n|\f|\v|\x85|\u2028|\u2029")
"""What ends a line of the source (CRLF, CR, LF, form feed, vertical tab, NEL, U+2028/2029)."""
_bisect_right = bisect.bisect_right


@attrs.frozen
class SourceMap:
    """Offsets in the decoded source text → 1-based (line, column)."""

    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SourceMap:
        """The map of ``text``: where each of its lines starts (after CRLF, CR, LF, form feed,
        vertical tab, NEL, or a Unicode line or paragraph separator)."""
        return cls(text, (0, *[m.end() for m in _LINE_BREAK.finditer(text)]))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset (clamped to the text)."""
        n = len(self.text)
        offset = 0 if offset < 0 else n if offset > n else offset
        starts = self.line_starts
        i = _bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of source offsets ``start``–``end`` with 1-based line and column at
        both ends (:meth:`position` of each, inlined: this runs for every node)."""
        n = len(self.text)
        starts = self.line_starts
        a = 0 if start < 0 else n if start > n else start
        i = _bisect_right(starts, a) - 1
        b = 0 if end < 0 else n if end > n else end
        j = _bisect_right(starts, b, i) - 1 if b >= a else _bisect_right(starts, b) - 1
        return Span(start, end, i + 1, a - starts[i] + 1, j + 1, b - starts[j] + 1)

    def span_of_normalised(self, norm: Normalised, start: int, end: int) -> Span:
        """The span in this source of the normalised text ``norm.text[start:end]`` (the one way
        readers and the recovery turn offsets into positions)."""
        return self.span(norm.source_offset(start), norm.source_offset(end))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if line < 1 or line > len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n\f\v\x85\u2028\u2029")


def squeeze(s: str) -> str:
    """Remove all white space (the lexer's view of a cell)."""
    return "".join(s.split())  # str.split() and the regex \s agree on what white space is


def lexer_view(text: str) -> str:
    """A label as the lexer sees it: normalised (:func:`normalise`), white space removed.  The one
    folding every label comparison builds on (row-label matching, the readers, queries)."""
    return squeeze(normalise(text).text)
