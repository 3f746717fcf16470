"""Whether a text is PDF-extracted text: the cheap check every plain-text input pays for."""

from __future__ import annotations

from .lines import PAGE_MARK, is_value

__all__ = ["looks_like_pdf_text"]


def looks_like_pdf_text(source: str, norm: str) -> bool:
    """PDF-extracted text: page breaks or page numbers, and rows of space-separated numbers
    after their labels — and no pipe or tab tables."""
    lines = norm.split("\n")
    # three lines with two pipes each need six pipes, five lines with a tab five tabs
    if norm.count("|") >= 6 and sum(1 for ln in lines if ln.count("|") >= 2) >= 3:
        return False
    if norm.count("\t") >= 5 and sum(1 for ln in lines if "\t" in ln) >= 5:
        return False
    # a row: a line ending in three or more values
    rows = 0
    for ln in lines:
        toks = ln.split()
        if len(toks) >= 3 and is_value(toks[-1]) and is_value(toks[-2]) and is_value(toks[-3]):
            rows += 1
            if rows >= 8:
                return True
    if rows < 3:
        return False
    return "\f" in source or any(PAGE_MARK.match(ln) for ln in lines)
