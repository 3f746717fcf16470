"""Header lines: a line whose words are all header words becomes one header cell per word.

The text layer breaks a header cell printed on two lines into two lines and may split one word
by a space ("本年收费金额（单位：万 元）"); the words are joined back where only the joined form
is a header word (the grammar's ``HEAD`` and ``APP_NOTE`` terminals).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ...tables.labels import terminal_of
from .lines import Tok

__all__ = ["header_cells", "is_header_word"]

_HEADER_TERMS = frozenset({"HEAD", "APP_NOTE"})


@lru_cache(maxsize=4096)
def is_header_word(text: str) -> bool:
    """Whether the grammar reads the text as one header cell."""
    return terminal_of(text, _HEADER_TERMS) is not None


def header_cells(toks: Sequence[Tok]) -> list[tuple[int, int]] | None:
    """Split a line's words into header cells — words split by a space joined back where only
    the joined form is a header word ("本年收费金额（单位：万 元）") — or None if it is no header line.
    A cell is a range ``(i, j)`` of word indices; the split with the most cells wins."""
    n = len(toks)
    if n == 0:
        return None
    texts = [t.text for t in toks]
    best: list[list[tuple[int, int]] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 4) + 1):
            word = "".join(texts[i:j])
            if is_header_word(word):
                cand = [*best[i], (i, j)]  # type: ignore[misc]
                cur = best[j]
                if cur is None or len(cand) > len(cur):
                    best[j] = cand
    return best[n]
