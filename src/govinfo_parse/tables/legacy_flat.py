"""Flattened legacy tables: label, unit and digits glued into one string.

A scrape that drops every separator prints a legacy statistics table as
``指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条2069121062.…``.
:func:`explode` cuts such a chunk into the chunks a laid-out table would have given — the
section heading before it, the header cells, and per row its label, its unit and its run of
digits — using the units as separators (a unit directly followed by a digit ends a label) and
peeling the next row's numbering ("…2069121062.政府公报…": the ``2`` before ``.`` numbers the next
row, when the rows are numbered in sequence).  A run of digits stays one chunk;
:func:`readings` lists the ways it can be cut into the table's columns, and
:mod:`govinfo_parse.tables.legacy` chooses among them with the table's constraints (累计 ≥ 本年,
其中 rows not above their parent, the prose figures) — or keeps the row undecided.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from .._lazy import lazy_compile
from ..formats import legacy as LG
from ..formats.cells import is_cell
from ..stream import Chunk

__all__ = ["GLUED_HEADER", "MAX_READINGS", "explode", "looks_legacy_flat", "readings", "split_row"]

MAX_READINGS: Final = 200
"""Most readings enumerated for one run (beyond it the run is reported as ambiguous)."""

_COL_WORDS = sorted({v for _, vs in LG.COLUMNS.values() for v in vs}, key=len, reverse=True)
_COL_RE = "(?:" + "|".join(map(re.escape, _COL_WORDS)) + r"|\d{4}年度?)"
GLUED_HEADER: Final = lazy_compile(
    "(?P<label>" + "|".join(map(re.escape, sorted(LG.LABEL_HEADINGS, key=len, reverse=True))) + ")"
    "(?P<unit>" + "|".join(map(re.escape, sorted(LG.UNIT_HEADINGS, key=len, reverse=True))) + ")?"
    "(?P<cols>" + _COL_RE + "{1,3})")
"""A legacy header run together: 指标名称计量单位2018年度历年累计."""

_UNIT_RE = "|".join(map(re.escape, LG.UNITS))
_RUN = r"(?:\d+(?:\.\d+)?|[/—-])+"
_ROW_RE = lazy_compile(r"(?P<label>.+?)(?P<unit>" + _UNIT_RE + r")(?P<digits>" + _RUN + ")")
_CELL = lazy_compile(r"[/—-]|0(?:\.\d+)?|[1-9]\d*(?:\.\d+)?")
_TITLE_RE = lazy_compile(r"[一二三四五六七八九十]{1,3}、[^。;!?]{0,30}?统计表$")
_NUMBERED = lazy_compile(r"^(?:其中[:,]?)?(\d{1,2})[.、]")


def looks_legacy_flat(text: str) -> bool:
    """Whether (normalised) text holds, on one line, a legacy header glued to its first row."""
    for line in text.splitlines():
        if "单位" not in line:
            continue
        squeezed = "".join(line.split())
        m = GLUED_HEADER.search(squeezed)
        if m is not None and m.group("unit") and _ROW_RE.match(squeezed, m.end()) is not None:
            return True
    return False


def _squeezed(norm_text: str, chunk: Chunk) -> tuple[str, list[int]]:
    """The chunk's normalised text without white space, and each character's normalised offset."""
    chars: list[str] = []
    pos: list[int] = []
    for k in range(chunk.start, chunk.end):
        ch = norm_text[k]
        if not ch.isspace():
            chars.append(ch)
            pos.append(k)
    return "".join(chars), pos


def explode(chunk: Chunk, norm_text: str) -> list[Chunk] | None:
    """The chunks of a glued legacy table inside ``chunk`` (with the text before it as a chunk
    of its own, and a 六、…统计表 heading run into that text cut off as a heading), or None when
    the chunk holds no glued table."""
    # str.split() drops exactly the characters str.isspace() is true of: the squeezed text, in C;
    # the offsets (a Python loop) only for a chunk that has the header
    s = "".join(norm_text[chunk.start:chunk.end].split())
    if not s:
        return None
    m = GLUED_HEADER.search(s)
    if m is None or (m.end() < len(s) and _ROW_RE.match(s, m.end()) is None):
        return None  # neither a header alone (a line of PDF text) nor a header glued to its rows
    if m.group("unit") is None and (m.start() > 0 or m.end() < len(s)):
        return None  # without a unit heading, only a header line of its own is taken
    s, pos = _squeezed(norm_text, chunk)

    def ck(a: int, b: int) -> Chunk:
        """The chunk of squeezed characters ``a``..``b``, with its offsets in the text."""
        return Chunk(s[a:b], pos[a], pos[b - 1] + 1)

    out: list[Chunk] = []
    head = m.start()
    title = _TITLE_RE.search(s, 0, head)
    if title is not None:
        if title.start() > 0:
            out.append(ck(0, title.start()))
        out.append(ck(title.start(), head))
    elif head > 0:
        out.append(ck(0, head))
    out.append(ck(m.start("label"), m.end("label")))
    if m.group("unit") is not None:
        out.append(ck(m.start("unit"), m.end("unit")))
    # where the printed header had spaces between its words, they separate the columns
    a0, b0 = m.start("cols"), m.end("cols")
    cuts = [a0, *(k for k in range(a0 + 1, b0) if pos[k] != pos[k - 1] + 1), b0]
    for a, b in itertools.pairwise(cuts):
        out.extend(ck(x, y) for x, y in _column_spans(s, a, b))
    i = m.end()
    expected: int | None = None
    while i < len(s):
        r = _ROW_RE.match(s, i)
        if r is None:
            out.append(ck(i, len(s)))
            break
        label = r.group("label")
        num = _NUMBERED.match(label)
        expected = int(num.group(1)) + 1 if num else (1 if label.startswith("其中") else None)
        d0, d1 = r.start("digits"), r.end("digits")
        # the next row's numbering glued to these digits ("…2069121062.政府公报")
        if d1 < len(s) and s[d1] in ".、" and d1 + 1 < len(s) and not s[d1 + 1].isdigit():
            digits = s[d0:d1]
            nxt = str(expected) if expected is not None and digits.endswith(str(expected)) else digits[-1]
            if len(nxt) < len(digits):
                d1 -= len(nxt)
        out.append(ck(r.start("label"), r.end("label")))
        out.append(ck(r.start("unit"), r.end("unit")))
        out.append(ck(d0, d1))
        i = d1
    return out


def split_row(chunk: Chunk, norm_text: str) -> list[Chunk] | None:
    """A line of a legacy table printed with spaces between its cells (PDF text, plain text):
    "（一）主动公开政府信息数 条 120 560" as the chunks label, unit, values; None when the line is not
    such a row (no value cells at its end, or nothing before them)."""
    seg = norm_text[chunk.start:chunk.end]
    toks = [(chunk.start + m.start(), chunk.start + m.end(), m.group(0)) for m in re.finditer(r"\S+", seg)]
    if len(toks) < 2:
        return None
    k = len(toks)
    while k > 0 and is_cell(toks[k - 1][2]):
        k -= 1
    values = toks[k:]
    unit = None
    if k > 0 and toks[k - 1][2] in LG.UNITS:
        unit = toks[k - 1]
        k -= 1
    if k == 0 or not values:
        return None
    label = Chunk("".join(t for _, _, t in toks[:k]), toks[0][0], toks[k - 1][1])
    out = [label]
    if unit is not None:
        out.append(Chunk(unit[2], unit[0], unit[1]))
    out.extend(Chunk(t, a, b) for a, b, t in values)
    return out


def _column_spans(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The column headings run together in ``s[a:b]`` (each a heading of the vocabulary)."""
    out: list[tuple[int, int]] = []
    col = re.compile(_COL_RE)
    i = a
    while i < b:
        m = col.match(s, i, b)
        if m is None or m.end() == i:
            out.append((i, b))
            break
        out.append((i, m.end()))
        i = m.end()
    return out


def readings(run: str, n: int) -> list[tuple[str, ...]]:
    """Every way to cut a glued run into ``n`` cells (their texts): each cell ``0``, a number
    without a leading zero (a decimal part allowed), or a placeholder (/, —, -).  At most
    :data:`MAX_READINGS` + 1 are returned (more means "too many")."""
    out: list[tuple[str, ...]] = []

    def rec(i: int, acc: list[str]) -> None:
        """Add every reading of ``run[i:]`` that completes the cells ``acc``."""
        if len(out) > MAX_READINGS:
            return
        left = n - len(acc)
        if left == 0:
            if i == len(run):
                out.append(tuple(acc))
            return
        if len(run) - i < left:
            return
        for j in range(i + 1, len(run) - left + 2):
            part = run[i:j]
            if _CELL.fullmatch(part) and not (j < len(run) and run[j] == "."):
                rec(j, [*acc, part])

    if n >= 1:
        rec(0, [])
    return out
