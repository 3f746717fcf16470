"""Recognising a flattened scrape: the cheap check every plain-text input pays for."""

from __future__ import annotations

from ..._lazy import lazy_compile

__all__ = ["looks_flattened"]

_SIGNS = lazy_compile(
    r"(?:本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|予以公开|属于国家秘密|其他法律行政法规禁止公开"
    r"|保护第三方合法权益|本机关不掌握相关政府信息|重复申请|\(七\)总计|结转下年度继续办理)"
    r"(?:[ \u00a0\u3000]?\d{7}|(?:[ \u00a0\u3000]?\d){7}[\d \u00a0\u3000]*[^\s\d|])"
)
_REVIEW_SIGN = lazy_compile(r"结果维持\s*结果纠正\s*其他结果\s*尚未审结\s*总计")
_STRONG_SIGN = lazy_compile(
    r"尚未审结总计(?:[ \u00a0\u3000]?\d){15}"  # section 四's header glued to its fifteen cells
    r"|(?:总数量|有效件数)[ \u00a0\u3000]?(?:规章|行政规范性文件|规范性文件)(?:[ \u00a0\u3000]?\d){3}"  # …总数量规章000
)
"""One of these is enough: section 四's value row glued to its header, or section 二's first row
glued to the header before it and to its three cells."""
_GRID_ROW = lazy_compile(r"(?m)^[ \t]*\|?[^|\n]*\|[^|\n]*\|[^|\n]*\|")
"""A line printed as a pipe-table row (three or more separators)."""
_GRID_ROWS = 3
"""This many pipe-table rows make a grid: a scrape flattens its tables and prints no pipes, so a
few single-spaced rows in a pipe table are the grid's damage, not a flattened scrape."""


def looks_flattened(text: str) -> bool:
    """True when ``text`` (normalised) holds a statistics table whose cells were joined: two
    application-table row labels directly followed by seven or more digits (glued, or separated by
    single spaces and run on into the next label on the same line: the single-space variant of the
    scrape), or the section 四 header run together with one of them.  Cells one per line, tab- or
    pipe-separated, and rows one per line with spaced cells (text pulled from a PDF) never match.
    Also true on one strong sign alone (:data:`_STRONG_SIGN`).  Never true of a text that prints
    its tables as pipe rows (:data:`_GRID_ROWS` of them): a few rows there that lost their
    separators are left to the shared table recovery."""
    for grid, _ in enumerate(_GRID_ROW.finditer(text), 1):
        if grid >= _GRID_ROWS:
            return False
    hits = 0
    for _ in _SIGNS.finditer(text):
        hits += 1
        if hits >= 2:
            return True
    if hits == 1 and _REVIEW_SIGN.search(text) is not None:
        return True
    return _STRONG_SIGN.search(text) is not None
