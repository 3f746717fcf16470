"""Text extracted from PDFs (what pdfplumber's ``extract_text()`` gives, pages joined by form feeds).

The text layer of a PDF table comes out one visual line at a time: the cells of a row are
separated by spaces, a row label taller than its values wraps onto the lines before or after
them, a vertical label (三、本年度办理结果 in a narrow merged column) comes one character per
line or glued in front of other labels ("三 2.其他法律行政止公开 0 0 0 0 0 0 0"), page numbers
("- 2 -") and form feeds sit between the rows of a table that continues on the next page.

This reader rebuilds the canonical chunk stream from such text:

- a line whose words are all header words (the grammar's ``HEAD`` terminal, words split by
  spaces joined back where they belong together) becomes one header cell per word;
- a row label followed by numbers becomes the label and one value cell per number;
- the application table (section 三) is read as a whole, using what the format guarantees: its
  value rows come in the official order with seven numbers each.  The runs of seven numbers are
  aligned with the official rows (2019: 23, 2021: 25 — or 23 where a 2021 table keeps （六）其他处理
  as one row) by a monotone alignment that rewards every printed label agreeing with the row
  its neighbouring values are given to.  So labels anchor and confirm rows rather than being
  the only way to find them; where they disagree, or a row is placed by position alone, a
  diagnostic says so (``P106``).  An approximate label is ``P101``; a run of numbers no row can
  take is kept as a row with no key (``P102``).
- everything else is one chunk per line, as in the plain-text layouts.

Positions refer to the extracted text (the ``.pdf.txt``), the only text a PDF has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import attrs

from ..formats import labels as L
from ..nodes import Diagnostic, Severity, Span
from ..normalise import Normalised, SourceMap, lexer_view
from ..stream import UNPLACED, Chunk, Stream, squeeze
from ..tables.labels import (
    LabelMatch,
    OfficialLabel,
    app_labels,
    approximate_label_diagnostic,
    canonical_chunk_text,
    match_label,
    proactive_labels,
    terminal_of,
    unplaced_label_diagnostic,
)
from .base import Input, Reader

__all__ = ["READER", "chunks", "looks_like_pdf_text"]

NCOLS = len(L.APPLICATION_COLUMNS)

_PAGE_NUMBER = re.compile(r"^\s*[-—~－]?\s*(第\s*)?\d{1,3}\s*(页|/\s*\d{1,3}\s*页?)?\s*[-—~－]?\s*$")
_PAGE_MARK = re.compile(r"^\s*[-—－]\s*\d{1,3}\s*[-—－]\s*$")
_VALUE_TERMS = frozenset({"VALUE", "PLACEHOLDER"})
_HEADER_TERMS = frozenset({"HEAD", "APP_NOTE"})
_WORD = re.compile(r"\S+")
_SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.,:]")


class _Tok(NamedTuple):
    text: str
    start: int  # offsets in the normalised text
    end: int


@attrs.frozen
class _Line:
    index: int
    start: int
    text: str
    toks: tuple[_Tok, ...]
    nlabel: int
    """Where the line's trailing value tokens begin (:func:`_split_values`)."""


def _lines(norm: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    word = _WORD.finditer
    for i, line in enumerate(norm.split("\n")):
        toks = tuple([_Tok(m.group(), pos + m.start(), pos + m.end()) for m in word(line)])
        k = len(toks)
        while k > 0 and _is_value(toks[k - 1].text):
            k -= 1
        out.append(_Line(i, pos, line, toks, k))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=8192)
def _is_value(text: str) -> bool:
    return terminal_of(text, _VALUE_TERMS) is not None


def _line_values(ln: _Line) -> tuple[list[_Tok], list[_Tok]]:
    """:func:`_split_values` of a line's tokens."""
    return list(ln.toks[: ln.nlabel]), list(ln.toks[ln.nlabel :])


def _split_values(toks: Sequence[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """(label tokens, trailing value tokens) of a line."""
    k = len(toks)
    while k > 0 and _is_value(toks[k - 1].text):
        k -= 1
    return list(toks[:k]), list(toks[k:])


@lru_cache(maxsize=4096)
def _is_header_word(text: str) -> bool:
    return terminal_of(text, _HEADER_TERMS) is not None


def _header_cells(toks: Sequence[_Tok]) -> list[tuple[int, int]] | None:
    """Split a line's words into header cells — words split by a space joined back where only
    the joined form is a header word ("本年收费金额（单位：万 元）") — or None if it is no header line."""
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
            if _is_header_word(word):
                cand = [*best[i], (i, j)]  # type: ignore[misc]
                cur = best[j]
                if cur is None or len(cand) > len(cur):
                    best[j] = cand
    return best[n]


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
        if len(toks) >= 3 and _is_value(toks[-1]) and _is_value(toks[-2]) and _is_value(toks[-3]):
            rows += 1
            if rows >= 8:
                return True
    if rows < 3:
        return False
    return "\f" in source or any(_PAGE_MARK.match(ln) for ln in lines)


# ------------------------------------------------------------------------------------------
# the application table
# ------------------------------------------------------------------------------------------

_VERTICAL_TARGETS = tuple(lexer_view(label)
                          for label in (L.APPLICATION_GROUPS["results"], "申请人情况", "法人或其他组织"))


@attrs.define
class _Frag:
    """A piece of the application table in text order."""

    kind: str  # "label" | "run" | "header" | "page" | "text"
    toks: list[_Tok]
    order: int
    match: LabelMatch | None = None
    continuation_of: int | None = None  # label fragments: index of the label this one continues


def _strip_vertical(lines: Sequence[_Line]) -> tuple[list[list[_Tok]], list[_Tok]]:
    """Each line's tokens without the characters of a vertical label, and those characters."""
    out: list[list[_Tok]] = []
    vertical: list[_Tok] = []
    progress = {t: 0 for t in _VERTICAL_TARGETS}
    for ln in lines:
        toks = list(ln.toks)
        if toks and len(toks[0].text) == 1 and not toks[0].text.isascii():
            ch = toks[0].text
            for target, k in progress.items():
                # the next character of a vertical label in progress (or the one after it, where
                # a character went astray), or the first of a new one the following lines continue
                if k > 0 and ch in target[k : k + 2]:
                    progress[target] = target.index(ch, k) + 1
                elif k == 0 and target[0] == ch and _continues(lines, ln.index, target):
                    progress[target] = 1
                else:
                    continue
                vertical.append(toks.pop(0))
                break
        out.append(toks)
    return out, vertical


def _continues(lines: Sequence[_Line], index: int, target: str) -> bool:
    """Whether the next single character leading a line goes on with ``target`` (its second
    character, or its third where one went astray)."""
    if len(target) < 2:
        return False
    first = lines[0].index
    for ln in lines[index - first + 1 : index - first + 5]:
        if ln.toks and len(ln.toks[0].text) == 1 and not ln.toks[0].text.isascii():
            return ln.toks[0].text in target[1:3]
    return False


def _fragments(lines: Sequence[_Line]) -> list[_Frag]:
    token_lines, _ = _strip_vertical(lines)
    frags: list[_Frag] = []
    seen_run = False
    for ln, toks in zip(lines, token_lines, strict=True):
        if not toks:
            continue
        if (_PAGE_NUMBER.match(ln.text) and not _is_value(squeeze(ln.text))) or _PAGE_MARK.match(ln.text):
            frags.append(_Frag("page", toks, len(frags)))
            continue
        label, values = _split_values(toks)
        cells = _header_cells(label) if label and not values else None
        # a header line: any above the first row; below it (a header repeated on a new page)
        # only one of several words — a lone "其他" or "总计" there is a piece of a row label
        if cells is not None and (not seen_run or len(cells) > 1):
            frags.append(_Frag("header", label, len(frags)))
            continue
        seen_run = seen_run or bool(values)
        if label:
            frags.append(_Frag("label", label, len(frags)))
        if values:
            frags.append(_Frag("run", values, len(frags)))
    return frags


def _label_text(toks: Sequence[_Tok]) -> str:
    return "".join(t.text for t in toks)


def _match_labels(frags: list[_Frag]) -> None:
    """Match every label fragment; join a wrapped label's pieces back together (the pieces of
    one label are consecutive label fragments, possibly with its values between them)."""
    labels = [f for f in frags if f.kind == "label"]
    for f in labels:
        f.match = match_label(_label_text(f.toks))

    def dist(f: _Frag) -> int:
        return f.match.distance if f.match is not None else 10**6

    def join_prev(i: int, f: _Frag) -> bool:
        prev = labels[i - 1] if i > 0 and labels[i - 1].continuation_of is None else None
        if prev is None:
            return False
        m = match_label(_label_text(prev.toks) + _label_text(f.toks))
        if (m is not None and (prev.match is None or m.official.key == prev.match.official.key)
                and m.distance <= dist(prev) and m.distance < dist(f)):
            prev.match = m
            f.match = None
            f.continuation_of = prev.order
            return True
        return False

    def join_next(i: int, f: _Frag) -> bool:
        nxt = labels[i + 1] if i + 1 < len(labels) else None
        if nxt is None or (nxt.match is not None and nxt.match.exact):
            return False
        m = match_label(_label_text(f.toks) + _label_text(nxt.toks))
        if (m is not None and (nxt.match is None or m.official.key == nxt.match.official.key)
                and m.distance < dist(f) and m.distance <= dist(nxt)):
            f.match = m
            nxt.match = None
            nxt.continuation_of = f.order
            return True
        return False

    for i, f in enumerate(labels):
        if f.continuation_of is not None or (f.match is not None and f.match.exact):
            continue
        # a piece that starts with a row number ("（七", "3.") starts a label; any other piece
        # more likely ends the one before it
        if _STARTS_LABEL.match(_label_text(f.toks)):
            join_next(i, f) or join_prev(i, f)
        else:
            join_prev(i, f) or join_next(i, f)


_STARTS_LABEL = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}([)）、.，,]|$)|^[(（]?\d{1,2}[)）.、．]")


def _runs(frags: list[_Frag]) -> list[_Frag]:
    """Value runs of seven: short runs with nothing between them are one wrapped row, a run of
    fourteen is two rows."""
    out: list[_Frag] = []
    pending: _Frag | None = None
    for f in frags:
        if f.kind != "run":
            if f.kind in ("label", "header") and f.continuation_of is None and pending is not None:
                out.append(pending)
                pending = None
            continue
        if pending is not None and len(pending.toks) < NCOLS and len(pending.toks) + len(f.toks) <= NCOLS:
            pending = _Frag("run", pending.toks + f.toks, pending.order)
            continue
        if pending is not None:
            out.append(pending)
        pending = f
    if pending is not None:
        out.append(pending)
    split: list[_Frag] = []
    for r in out:
        if len(r.toks) > NCOLS and len(r.toks) % NCOLS == 0:
            for k in range(0, len(r.toks), NCOLS):
                split.append(_Frag("run", r.toks[k : k + NCOLS], r.order))
        else:
            split.append(r)
    return split


def _window_labels(frags: Sequence[_Frag], runs: Sequence[_Frag]) -> list[list[_Frag]]:
    """For each run, the matched labels printed between the run before it and the run after it."""
    orders = [r.order for r in runs]
    out: list[list[_Frag]] = []
    labels = [f for f in frags if f.kind == "label" and f.match is not None]
    for i in range(len(runs)):
        lo = orders[i - 1] if i > 0 else -1
        hi = orders[i + 1] if i + 1 < len(runs) else 10**9
        out.append([lb for lb in labels if lo < lb.order < hi])
    return out


def _align(runs: Sequence[_Frag], windows: Sequence[Sequence[_Frag]],
           rows: Sequence[OfficialLabel]) -> tuple[float, list[int | None]]:
    """Monotone alignment of runs to rows: +3 for a run whose neighbouring label names its row
    (+1 more when the label is on the run's own side of the next run), -1 for a row left
    without values, -2 for a run left without a row."""
    n, m = len(runs), len(rows)
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int | None] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    keys = [r.key for r in rows]
    named = [frozenset(lb.match.official.key for lb in w if lb.match is not None) for w in windows]

    def agree(i: int, j: int) -> float:
        return 3.0 if keys[j] in named[i] else 0.0

    for i in range(n + 1):
        for j in range(m + 1):
            s = score[i][j]
            if s == neg:
                continue
            if i < n and j < m:  # run i takes row j
                v = s + agree(i, j)
                if v > score[i + 1][j + 1]:
                    score[i + 1][j + 1] = v
                    back[i + 1][j + 1] = (i, j, j)
            if j < m and s - 1 > score[i][j + 1]:  # row j gets no run
                score[i][j + 1] = s - 1
                back[i][j + 1] = (i, j, None)
            if i < n and s - 2 > score[i + 1][j]:  # run i gets no row
                score[i + 1][j] = s - 2
                back[i + 1][j] = (i, j, -1)
    assign: list[int | None] = [None] * n
    i, j = n, m
    while (i, j) != (0, 0):
        b = back[i][j]
        assert b is not None
        pi, pj, what = b
        if what is not None and what >= 0:
            assign[pi] = what
        i, j = pi, pj
    return score[n][m], assign


def _row_sets() -> list[tuple[str, tuple[OfficialLabel, ...]]]:
    rows = {lb.key: lb for lb in app_labels()}
    return [(fmt, tuple(rows[r.key] for r in L.application_rows(fmt))) for fmt in ("2021", "2019")]


@attrs.define
class _Out:
    norm: Normalised
    source: str
    smap: SourceMap
    chunks: list[Chunk] = attrs.field(factory=list)
    diags: list[Diagnostic] = attrs.field(factory=list)

    def span(self, start: int, end: int) -> Span:
        """Span in the user's file of the normalised ``[start, end)``."""
        return self.smap.span_of_normalised(self.norm, start, end)

    def printed(self, start: int, end: int) -> str:
        return self.source[self.norm.source_offset(start) : self.norm.source_offset(end)]

    def tok(self, t: _Tok, text: str | None = None) -> None:
        self.chunks.append(Chunk(squeeze(t.text) if text is None else text, t.start, t.end))

    def toks(self, toks: Sequence[_Tok], text: str | None = None) -> None:
        if toks:
            joined = squeeze("".join(t.text for t in toks))
            self.chunks.append(Chunk(joined if text is None else text, toks[0].start, toks[-1].end))

    def diag(self, code: str, sev: Severity, msg: str, span: Span | None) -> None:
        self.diags.append(Diagnostic(code, sev, msg, span))


def _application_table(lines: Sequence[_Line], out: _Out) -> None:
    frags = _fragments(lines)
    _match_labels(frags)
    runs = _runs(frags)
    windows = _window_labels(frags, runs)
    best: tuple[float, int, str, tuple[OfficialLabel, ...], list[int | None]] | None = None
    for fmt, rows in _row_sets():
        sc, assign = _align(runs, windows, rows)
        cand = (sc, -abs(len(rows) - len(runs)), fmt, rows, assign)
        if best is None or cand[:2] > best[:2]:
            best = cand
    assert best is not None
    _, _, fmt, rows, assign = best

    for f in frags:
        if f.kind == "header":
            cells = _header_cells(f.toks) or [(i, i + 1) for i in range(len(f.toks))]
            for a, b in cells:
                out.toks(f.toks[a:b])
    by_row: dict[int, _Frag] = {}
    for r, j in zip(runs, assign, strict=True):
        if j is not None:
            by_row[j] = r
    used_labels: set[int] = set()
    run_index = {id(r): i for i, r in enumerate(runs)}
    emitted: set[int] = set()
    for j, row in enumerate(rows):
        placed = by_row.get(j)
        if placed is None:
            continue
        r = placed
        i = run_index[id(r)]
        # emit unplaced runs that come before this one, in text order
        for k in range(i):
            if assign[k] is None and k not in emitted:
                _emit_unplaced(runs[k], windows[k], out)
                emitted.add(k)
        emitted.add(i)
        label = next((lb for lb in windows[i] if lb.match is not None and lb.match.official.key == row.key
                      and lb.order not in used_labels), None)
        first = r.toks[0]
        if label is not None and label.match is not None:
            used_labels.add(label.order)
            out.toks(label.toks, canonical_chunk_text(row))
            if not label.match.exact:
                out.diags.append(approximate_label_diagnostic(
                    label.match, out.span(label.toks[0].start, label.toks[-1].end)))
        else:
            out.chunks.append(Chunk(canonical_chunk_text(row), first.start, first.start))
            others = [lb.match.official.label for lb in windows[i] if lb.match is not None]
            why = (f"the labels printed beside them name {', '.join(repr(o) for o in others)}" if others
                   else "no label is printed beside them")
            out.diag("P106", Severity.WARNING,
                     f"数值行按位置归属 (row placed by position): the numbers {_label_text_sp(r.toks)!r} "
                     f"were taken for {row.label!r} by their place in the table; {why}",
                     out.span(first.start, r.toks[-1].end))
        for t in r.toks:
            out.tok(t)
    for k, r in enumerate(runs):
        if k not in emitted:
            _emit_unplaced(r, windows[k], out)
    # labels that neither named a row nor continued one: keep their text
    for f in frags:
        if f.kind == "label" and f.continuation_of is None and f.order not in used_labels:
            if f.match is not None and (f.match.official.key.startswith("group:")
                                        or (f.match.official.key == "other" and fmt == "2021")):
                continue  # a merged group label (（六）其他处理 is one in 2021): no values of its own
            if f.match is not None:
                out.diag("P106", Severity.WARNING,
                         f"行标签没有数值 (label without values): {_label_text(f.toks)!r} "
                         f"({f.match.official.label}) has no run of numbers beside it",
                         out.span(f.toks[0].start, f.toks[-1].end))
                continue
            out.toks(f.toks)
        elif f.kind == "page":
            out.toks(f.toks)


def _label_text_sp(toks: Sequence[_Tok]) -> str:
    return " ".join(t.text for t in toks)


def _emit_unplaced(r: _Frag, window: Sequence[_Frag], out: _Out) -> None:
    first = r.toks[0]
    near = next((lb for lb in window), None)
    if near is not None:
        text = _label_text(near.toks)
        out.chunks.append(Chunk(UNPLACED + text, near.toks[0].start, near.toks[-1].end))
        span = out.span(near.toks[0].start, near.toks[-1].end)
    else:
        out.chunks.append(Chunk(UNPLACED, first.start, first.start))
        span = out.span(first.start, r.toks[-1].end)
        text = _label_text_sp(r.toks)
    out.diags.append(unplaced_label_diagnostic(text, span))
    for t in r.toks:
        out.tok(t)


# ------------------------------------------------------------------------------------------
# the document
# ------------------------------------------------------------------------------------------


def _region(lines: Sequence[_Line]) -> tuple[int, int] | None:
    """Line range (start, end) of the application table: after the section-三 heading, up to
    the next section heading; or around the rows that match its labels."""
    start: int | None = None
    for ln in lines:
        t = squeeze(ln.text)
        m = _SECTION.match(t)
        if m and L.chinese_numeral(m.group(1)) == 3 and "申请" in t and match_label(t) is None:
            start = ln.index + 1
            break
    if start is None:
        first = next((ln.index for ln in lines
                      if (m2 := match_label(_split_text(ln))) is not None and m2.official.key == "new"), None)
        if first is None:
            return None
        start = first
    end = len(lines)
    for ln in lines[start:]:
        t = squeeze(ln.text)
        m = _SECTION.match(t)
        if m and (L.chinese_numeral(m.group(1)) or 0) >= 4:
            # the table's own last row is numbered 四 too: 四、结转下年度继续办理 (maybe cut)
            _, values = _line_values(ln)
            if "结转" in t or values:
                continue
            end = ln.index
            break
    return start, end


def _split_text(ln: _Line) -> str:
    label, _ = _line_values(ln)
    return "".join(t.text for t in label)


def _plain_line(ln: _Line, out: _Out, prefix: Sequence[_Tok] = ()) -> None:
    """One line outside the application table.  ``prefix``: the words of the line before, a
    row label's first part that wrapped ("其他对外管理服务" / "事项 0 0 0")."""
    toks = list(ln.toks)
    if not toks:
        return
    if _PAGE_MARK.match(ln.text):
        out.toks(toks)
        return
    label, values = _line_values(ln)
    if label and not prefix:
        cells = _header_cells(label)
        if cells is not None and (len(cells) > 1 or values):
            for a, b in cells:
                out.toks(label[a:b])
            for t in values:
                out.tok(t)
            return
    label = [*prefix, *label]
    if values and (not label or _is_row_label(_label_text(label))):
        if label:
            out.toks(label)
        for t in values:
            out.tok(t)
        return
    if values and 1 <= len(values) <= 3:
        m = match_label(_label_text(label), candidates=proactive_labels())
        if m is not None:  # a section-二 row label printed a little differently
            out.toks(label, canonical_chunk_text(m.official))
            if not m.exact:
                out.diags.append(approximate_label_diagnostic(m, out.span(label[0].start, label[-1].end)))
            for t in values:
                out.tok(t)
            return
    out.toks([*prefix, *toks] if prefix else toks)


def _wrapped_label(ln: _Line, nxt: _Line | None) -> bool:
    """``ln`` holds only the first part of the row label that ends on ``nxt``, before its values."""
    if nxt is None or not ln.toks or not nxt.toks or _PAGE_MARK.match(ln.text):
        return False
    label, values = _line_values(ln)
    nlabel, nvalues = _line_values(nxt)
    if values or not nvalues or not nlabel or _is_row_label(_label_text(nlabel)):
        return False
    if _header_cells(label) is not None and len(_header_cells(label) or ()) > 1:
        return False
    joined = _label_text(label) + _label_text(nlabel)
    return _is_row_label(joined) or match_label(joined, candidates=proactive_labels()) is not None


def _plain_lines(lines: Sequence[_Line], out: _Out) -> None:
    i = 0
    while i < len(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _wrapped_label(lines[i], nxt):
            _plain_line(nxt, out, prefix=lines[i].toks)
            i += 2
            continue
        _plain_line(lines[i], out)
        i += 1


@lru_cache(maxsize=4096)
def _is_row_label(text: str) -> bool:
    return terminal_of(squeeze(text), {"PRO_ROW", "ITEM"}) is not None


def chunks(source: str, norm: Normalised, *, force: bool = False) -> tuple[list[Chunk], list[Diagnostic]] | None:
    """The chunk stream of PDF-extracted text, or None when the text does not look like one
    (``force``: it is PDF text, read it as such)."""
    if not force and not looks_like_pdf_text(source, norm.text):
        return None
    lines = _lines(norm.text)
    out = _Out(norm, source, SourceMap.of(source))
    region = _region(lines)
    lo, hi = region if region is not None else (len(lines), len(lines))
    _plain_lines(lines[:lo], out)
    if region is not None:
        _application_table(lines[lo:hi], out)
    _plain_lines(lines[hi:], out)
    return out.chunks, out.diags


def _read(inp: Input) -> Stream:
    """The reader's entry point: PDF-extracted text, rows aligned to the official order."""
    found = chunks(inp.text, inp.norm, force=True)
    assert found is not None  # forced
    return Stream(found[0], inp.norm, found[1], "pdf-text")


READER = Reader("pdf-text", frozenset({"text", "markdown", "pdf"}),
                lambda inp: looks_like_pdf_text(inp.text, inp.norm.text), _read, forced=frozenset({"pdf"}))
