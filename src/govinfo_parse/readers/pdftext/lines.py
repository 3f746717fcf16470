"""The extracted text as tokenised lines, and what a token or a line is.

A PDF text layer separates the cells of a row by spaces, so a line is split into its words
(:class:`Tok`, with offsets in the normalised text); the trailing words that are value cells
(the grammar's ``VALUE`` and ``PLACEHOLDER``) are the line's values, the words before them its
label.  Page furniture ("- 2 -", "第 3 页") is recognised here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import attrs

from ..._lazy import lazy_compile
from ...stream import squeeze
from ...tables.labels import terminal_of

__all__ = [
    "PAGE_MARK",
    "PAGE_NUMBER",
    "Line",
    "Tok",
    "is_row_label",
    "is_value",
    "label_text",
    "line_values",
    "spaced_text",
    "split_lines",
    "split_values",
]

PAGE_NUMBER = lazy_compile(r"^\s*[-—~－]?\s*(第\s*)?\d{1,3}\s*(页|/\s*\d{1,3}\s*页?)?\s*[-—~－]?\s*$")
"""A line that is only a page number, in any of its printed forms ("3", "- 3 -", "第 3 页", "3/9")."""
PAGE_MARK = lazy_compile(r"^\s*[-—－]\s*\d{1,3}\s*[-—－]\s*$")
"""A page number between dashes ("- 2 -"): never a value, wherever it stands."""
_VALUE_TERMS = frozenset({"VALUE", "PLACEHOLDER"})
_WORD = lazy_compile(r"\S+")


class Tok(NamedTuple):
    """One word of a line."""

    text: str
    start: int  # offsets in the normalised text
    end: int


@attrs.frozen
class Line:
    """One line of the normalised text, split into words."""

    index: int
    start: int
    text: str
    toks: tuple[Tok, ...]
    nlabel: int
    """Where the line's trailing value tokens begin (:func:`split_values`)."""


def split_lines(norm: str) -> list[Line]:
    """Every line of the normalised text (split at LF) with its words and where its values begin."""
    out: list[Line] = []
    pos = 0
    word = _WORD.finditer
    for i, line in enumerate(norm.split("\n")):
        toks = tuple([Tok(m.group(), pos + m.start(), pos + m.end()) for m in word(line)])
        k = len(toks)
        while k > 0 and is_value(toks[k - 1].text):
            k -= 1
        out.append(Line(i, pos, line, toks, k))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """Whether a word is one value cell (a number or a placeholder such as "-" or "/")."""
    return terminal_of(text, _VALUE_TERMS) is not None


def line_values(ln: Line) -> tuple[list[Tok], list[Tok]]:
    """:func:`split_values` of a line's tokens."""
    return list(ln.toks[: ln.nlabel]), list(ln.toks[ln.nlabel :])


def split_values(toks: Sequence[Tok]) -> tuple[list[Tok], list[Tok]]:
    """(label tokens, trailing value tokens) of a line."""
    k = len(toks)
    while k > 0 and is_value(toks[k - 1].text):
        k -= 1
    return list(toks[:k]), list(toks[k:])


def label_text(toks: Sequence[Tok]) -> str:
    """The words joined without spaces: a label as the lexer sees it."""
    return "".join(t.text for t in toks)


def spaced_text(toks: Sequence[Tok]) -> str:
    """The words joined by single spaces: a run of numbers as a message quotes it."""
    return " ".join(t.text for t in toks)


@lru_cache(maxsize=4096)
def is_row_label(text: str) -> bool:
    """Whether the grammar knows the text as a section-二 row label or a 第二十条 item header."""
    return terminal_of(squeeze(text), {"PRO_ROW", "ITEM"}) is not None
