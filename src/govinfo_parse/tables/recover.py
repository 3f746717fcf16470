"""Schema-driven recovery of damaged tables, shared by every reader.

The readers hand over a chunk stream (:mod:`govinfo_parse.stream`).  Where a table arrives as
an intact grid — each value row's label directly followed by its cells — :func:`recover` changes
nothing.  Where it does not (PDF converters, OCR and scrapers: labels printed on the lines
before or after their rows, in another order or broken over two lines; rows with no label; a
row's cells split across two tables or broken by page furniture; single-spaced rows; values
printed with a note; section 四's header in fragments), the region of the table is read as a
sequence of printed pieces (:mod:`govinfo_parse.tables.pieces`) and rewritten into the order the
grammar reads: the official row label, then its value cells.

The assignment keeps the printed order: value cells are cut into rows by the format's row
length (7 per application row), rows whose label is printed right before them keep it, and the
rows in between are given, in order, the labels printed apart from their rows (P120), or — when
a row has no label at all — the official rows their position leaves open, the identities A1/A2
(:mod:`govinfo_parse.tables.identities`) choosing between candidates (P121).  Where no single
assignment is best the row is kept with no key (P124).  Section 四 is recognised by its shape:
15 values (one run, or three runs of five) under any header damage, confirmed by A4 (P122).  A
value printed with a note keeps the number as its value and the note as printed text (P123).
Every assignment that is not an intact grid carries a diagnostic with the span of what was
printed.  The search is bounded (at most :data:`MAX_CANDIDATES` assignments per gap between two
placed rows), so the time is linear in the size of the table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from ..formats import labels as L
from ..formats import legacy as LG
from ..formats.evidence import STATISTICS_VOCABULARY_RE
from ..nodes import Diagnostic, Severity, Span, Value
from ..normalise import SourceMap
from ..stream import BLANK, HEADER, UNPLACED, Chunk, Stream
from .identities import application_score, review_groups_hold
from .labels import OfficialLabel, app_labels, canonical_chunk_text, terminal_of
from .pieces import Piece, glued_cell, pieces, split_spaced

__all__ = ["MAX_CANDIDATES", "recover"]

MAX_CANDIDATES = 256
"""Largest number of candidate assignments tried for the unlabelled rows between two placed rows."""

_NCOLS = len(L.APPLICATION_COLUMNS)
_NREV = len(L.REVIEW_COLUMNS)
_YEAR = re.compile(r"(20[0-3]\d)年")
_NUMS = re.compile(r"(?<![\d,.])\d[\d,]*(?![\d,])")


@attrs.define
class _Row:
    cells: list[Piece]
    label: Piece | None  # the label printed right before the row's cells
    extras: list[Piece]  # notes, furniture, blanks beyond the row: printed after it
    key: str | None = None
    how: str = "attached"  # attached | detached | inferred | unplaced
    label_cell: bool = False  # an empty label cell was set aside (the label printed on its own line)


class _Ctx:
    """The stream being recovered: chunks, the text, spans for diagnostics."""

    def __init__(self, st: Stream, source: str) -> None:
        self.st = st
        self.source = source
        self.smap: SourceMap | None = None
        self.diags: list[Diagnostic] = []

    def span(self, a: int, b: int) -> Span | None:
        if self.smap is None:
            self.smap = SourceMap.of(self.source)
        norm = self.st.norm
        return self.smap.span(norm.source_offset(a), norm.source_offset(b))

    def diag(self, code: str, message: str, a: int, b: int, severity: Severity = Severity.WARNING) -> None:
        self.diags.append(Diagnostic(code, severity, message, self.span(a, b)))


_ORDER = "一二三四五六七八"


def _sections(chunks: Sequence[Chunk]) -> dict[str, tuple[int, int]]:
    """Chunk ranges of sections 三 and 四: after the heading, up to the next heading of a later
    section (a damaged row "二、上年结转…7 0 0" can look like a section heading; it is not a
    later one)."""
    heads = [(i, c.text[0]) for i, c in enumerate(chunks)
             if c.text[:1] in _ORDER and terminal_of(c.text) == "SECTION_HEADING"
             and glued_cell(c.text) is None]  # "四、结转下年度继续办理0 0 0 …" is a row, not section 四
    out: dict[str, tuple[int, int]] = {}
    for k, (i, num) in enumerate(heads):
        if num not in ("三", "四") or num in out:
            continue
        end = next((j for j, n in heads[k + 1 :] if _ORDER.index(n) > _ORDER.index(num)), len(chunks))
        out[num] = (i + 1, end)
    return out


def _legacy_table_only(chunks: Sequence[Chunk], text: str) -> bool:
    """Whether the stream prints a legacy statistics table (a 指标名称-style header cell) and none
    of the 2019/2021 table vocabulary: its group headings (二、依申请公开情况, 三、申请处理情况)
    are no sections 二 and 三 of the official format."""
    return (any(c.text.lstrip(HEADER) in LG.LABEL_HEADINGS for c in chunks)
            and not STATISTICS_VOCABULARY_RE.search(text))


def recover(st: Stream, source: str) -> Stream:
    """The stream with its damaged application and review tables rewritten into canonical
    order (see the module docstring); the same stream where the tables are intact."""
    chunks = list(st.chunks)
    if not chunks or _legacy_table_only(chunks, st.norm.text):
        return st  # a legacy statistics table and no 2019/2021 one: nothing of the official grid to recover
    secs = _sections(chunks)
    ctx = _Ctx(st, source)
    changed = False
    # section 四 first: rewriting it does not move section 三's indices
    for num, fn in (("四", _recover_review), ("三", _recover_application)):
        if num not in secs:
            continue
        lo, hi = secs[num]
        new = fn(chunks, lo, hi, ctx)
        if new is not None:
            chunks[lo:hi] = new
            changed = True
    if not changed:
        return st
    diags = list(st.diagnostics)
    if any(d.code.startswith("P12") for d in ctx.diags):
        # a label the line reader could not place may now be placed: its P102 was about a row
        # this recovery re-read, and the recovery's own diagnostics say what became of it
        placed = {d.span.start for d in ctx.diags if d.span is not None and d.code in ("P120", "P121", "P123")}
        diags = [d for d in diags if not (d.code == "P102" and d.span is not None and d.span.start in placed)]
    return Stream(chunks, st.norm, [*diags, *ctx.diags], st.reader)


# ------------------------------------------------------------------------------------------
# the application table
# ------------------------------------------------------------------------------------------


def _grammar_label(p: Piece, chunks: Sequence[Chunk]) -> bool:
    return p.kind == "label" and len(p.chunks) == 1 and not chunks[p.chunks[0]].text.startswith((UNPLACED, HEADER))


def _stretches(ps: Sequence[Piece]) -> list[tuple[int, int]]:
    """(first, last+1) piece indices of every stretch of cells (notes and furniture inside a
    stretch do not end it)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(ps):
        if ps[i].kind != "cell":
            i += 1
            continue
        j = i
        while j < len(ps) and ps[j].kind in ("cell", "note", "furniture"):
            j += 1
        while ps[j - 1].kind != "cell":
            j -= 1
        out.append((i, j))
        i = j
    return out


def _is_intact(ps: Sequence[Piece], chunks: Sequence[Chunk], split: bool) -> bool:
    """Whether the pieces are printed as the grammar reads them (before cutting rows: a stretch
    of cells after a label may still hold more than one row)."""
    if split:
        return False
    for k, p in enumerate(ps):
        if p.kind == "note" or (p.kind == "cell" and p.note) or (p.kind == "label" and len(p.chunks) > 1):
            return False
        if p.kind == "cell" and chunks[p.chunks[0]].text.startswith(HEADER):
            return False
        if p.kind == "label" and p.key != "other":
            nxt = ps[k + 1] if k + 1 < len(ps) else None
            twice = any(q.kind == "label" and q.key == p.key for q in ps[k + 1 : k + 24])
            if (nxt is None or nxt.kind != "cell") and not twice:
                return False  # a label away from its row (not one printed as a heading first)
        if p.kind == "cell" and k > 0 and ps[k - 1].kind not in ("cell", "label"):
            before = next((ps[j] for j in range(k - 1, -1, -1) if ps[j].kind != "furniture"), None)
            if before is not None and before.kind in ("header", "group") and all(
                    not any(ch.isdigit() for ch in q.text)
                    for q in itertools.takewhile(lambda q: q.kind == "cell", ps[k:])):
                continue  # merged-cell filler, or placeholders, under header cells
            return False
    return True


def _rows_of(ps: Sequence[Piece], a: int, b: int, label: Piece | None, region: Sequence[Chunk],
             text: str, heading: bool = False) -> list[_Row]:
    """The value rows of one stretch of cells, cut by the printed lines and the row length.

    The cells of one printed line belong together: a line of eight cells whose first is empty is
    a row printed without its label (the empty label cell is set aside), blanks beyond seven are
    padding, and lines shorter than a row are the pieces of a row broken across lines or tables
    (joined while they fit in seven).  ``heading``: ``label`` is a merged group label of the
    format (2021's （六）其他处理), printed in the column before the row labels; an empty cell after
    it on its line is then the row's own label cell, left empty (the row's label was lost)."""
    cells = [p for p in ps[a:b] if p.kind == "cell"]
    extras = [p for p in ps[a:b] if p.kind != "cell"]
    lines: list[list[Piece]] = []
    prev_end: int | None = None
    for c in cells:
        ch = region[c.chunks[0]]
        if prev_end is None or "\n" in text[prev_end : ch.start]:
            lines.append([])
        lines[-1].append(c)
        prev_end = ch.end
    rows: list[_Row] = []
    buf: list[Piece] = []
    spare: list[Piece] = []
    moved = [False]

    def flush() -> None:
        nonlocal buf
        if buf:
            rows.append(_Row(buf, None, []))
            buf = []

    same_line = label is not None and bool(lines) and "\n" not in text[
        region[label.chunks[-1]].end : region[lines[0][0].chunks[0]].start]
    lost = False
    for n, g in enumerate(lines):
        if len(g) > _NCOLS and g[0].text == BLANK and not (n == 0 and same_line and not heading):
            spare.append(g.pop(0))  # the empty label cell of a row printed without its label
            moved[0] = True
            lost = lost or (n == 0 and same_line)
        while len(g) > _NCOLS and g[-1].text == BLANK:
            spare.append(g.pop())
        if len(g) > _NCOLS:
            flush()
            rows.extend(_Row(g[k : k + _NCOLS], None, []) for k in range(0, len(g), _NCOLS))
            continue
        if len(buf) + len(g) > _NCOLS:
            flush()
        buf = buf + g
        if len(buf) == _NCOLS:
            flush()
    flush()
    rows = rows or [_Row([], None, [])]
    rows[0].label = None if lost else label  # a group label on the line is not the row's own
    rows[0].label_cell = moved[0]
    rows[-1].extras = [*spare, *extras]
    return rows


def _format(keys: Sequence[str], n_rows: int, text: str) -> str:
    if any(k.startswith("other.") for k in keys) or n_rows > len(L.application_rows("2019")):
        return "2021"
    years = [int(y) for y in _YEAR.findall(text[:3000])]
    return "2021" if years and max(set(years), key=years.count) >= 2021 else "2019"


def _numbers(row: _Row) -> list[Value | None]:
    """The numbers of a row's cells (None for a cell that is not a number), for the identities."""
    return [_num(c.text.rstrip("万元件条个次项起人")) for c in row.cells]


def _assign(rows: list[_Row], loose: list[Piece], fmt: str) -> set[int]:
    """Give every row a key (or mark it unplaced); the set of loose labels used (their indices
    in ``loose``)."""
    order = [r.key for r in L.application_rows(fmt)]
    pos = {k: i for i, k in enumerate(order)}
    for r in rows:
        if r.label is not None and r.label.key in pos:
            r.key = r.label.key
    used: set[int] = set()
    anchors = [i for i, r in enumerate(rows) if r.key is not None]
    bounds = [-1, *anchors, len(rows)]
    for g in range(len(bounds) - 1):
        a, b = bounds[g], bounds[g + 1]
        # a row under a label the line reader could not place stays unplaced (its P102 says so)
        gap = [r for r in rows[a + 1 : b] if r.label is None or r.label.key is not None]
        if not gap:
            continue
        lo = pos[rows[a].key] if a >= 0 else -1  # type: ignore[index]
        hi = pos[rows[b].key] if b < len(rows) else len(order)  # type: ignore[index]
        keys = order[lo + 1 : hi]
        labs = sorted((i for i, p in enumerate(loose) if i not in used and p.key in keys[: len(keys)]),
                      key=lambda i: pos[loose[i].key])  # type: ignore[index]
        lab_keys = [loose[i].key for i in labs]
        if len(labs) == len(gap) and labs:
            for r, i in zip(gap, labs, strict=True):
                r.key, r.label, r.how = loose[i].key, loose[i], "detached"
            used.update(labs)
            continue
        fixed = {str(k) for k in lab_keys}
        if len(gap) > len(keys) or len(labs) > len(gap):
            for r in gap:
                r.how = "unplaced"
            continue
        choices = _candidates(keys, fixed, len(gap))
        if not choices:
            for r in gap:
                r.how = "unplaced"
            continue
        base = {r.key: _numbers(r) for r in rows if r.key is not None}
        scored = []
        for ch in choices:
            trial = dict(base)
            trial.update({k: _numbers(r) for k, r in zip(ch, gap, strict=True)})
            held, failed = application_score(trial)
            scored.append((held - failed, ch))
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            for r in gap:
                r.how = "unplaced"
            continue
        by_key = {loose[i].key: i for i in labs}
        for k, r in zip(scored[0][1], gap, strict=True):
            r.key = k
            if k in by_key:
                r.label, r.how = loose[by_key[k]], "detached"
                used.add(by_key[k])
            else:
                r.how = "inferred"
    return used


def _candidates(keys: Sequence[str], fixed: set[str], n: int) -> list[tuple[str, ...]]:
    """Ordered choices of ``n`` of ``keys`` that include every key of ``fixed`` (bounded)."""
    free = [k for k in keys if k not in fixed]
    out: list[tuple[str, ...]] = []
    for extra in itertools.combinations(free, n - len(fixed)):
        chosen = set(extra) | fixed
        out.append(tuple(k for k in keys if k in chosen))
        if len(out) >= MAX_CANDIDATES:
            return []
    return out


def _recover_application(chunks: list[Chunk], lo: int, hi: int, ctx: _Ctx) -> list[Chunk] | None:
    norm_text = ctx.st.norm.text
    region = split_spaced(chunks, norm_text, lo, hi)
    ps = pieces(region)
    if not any(p.kind == "label" for p in ps) and not any(p.kind == "cell" and p.text != BLANK for p in ps):
        return None
    damaged = not _is_intact(ps, region, len(region) != hi - lo)
    spans = _stretches(ps)
    # the format as the labels and the text tell it (2021's （六）其他处理 is a group label)
    fmt_hint = _format([p.key or "" for p in ps if p.kind == "label"], 0, norm_text)
    rows: list[_Row] = []
    owner: dict[int, int] = {}  # piece index of a stretch's start -> first row index
    attached: set[int] = set()
    for a, b in spans:
        prev = ps[a - 1] if a > 0 else None
        label = prev if prev is not None and _grammar_label(prev, region) else None
        if label is None and prev is not None and prev.kind == "label":
            label = prev  # a label joined from two chunks, right before its row
        if label is None and prev is not None and region[prev.chunks[-1]].text.startswith(UNPLACED):
            label = attrs.evolve(prev, kind="label", key=None)  # the line reader's unplaced label (P102)
        before = next((ps[j] for j in range(a - 1, -1, -1) if ps[j].kind != "furniture"), None)
        if before is not None and before.kind in ("header", "group") and all(
                not any(ch.isdigit() for ch in p.text) for p in ps[a:b] if p.kind == "cell"):
            continue  # header filler, or placeholders under header cells (OCR'd little header tables)
        if label is not None:
            attached.add(a - 1)
        owner[a] = len(rows)
        heading = label is not None and (label.kind == "group" or (label.key == "other" and fmt_hint == "2021"))
        rows.extend(_rows_of(ps, a, b, label, region, norm_text, heading))
    if not rows or (not damaged and any(len(r.cells) != _NCOLS for r in rows)):
        return None  # not the shape of the official table: leave it to the grammar as printed
    # （六）其他处理 with no values of its own is the 2021 group label, not a detached label
    # nor is a label printed twice, as a heading and then as its row's label
    keys_attached = {ps[i].key for i in attached}
    loose_idx = [i for i, p in enumerate(ps) if p.kind == "label" and i not in attached and p.key != "other"
                 and p.key not in keys_attached]
    loose = [ps[i] for i in loose_idx]
    if not damaged and not loose and all(r.label is not None and not r.label_cell for r in rows):
        return None  # every row of values right after its own label: an intact grid
    fmt = _format([p.key or "" for p in ps if p.kind == "label"], len(rows), norm_text)
    used = _assign(rows, loose, fmt)
    used_pieces = {loose_idx[i] for i in used}
    official = {r.key: r for r in L.APPLICATION_ROWS}
    out: list[Chunk] = []
    in_stretch = {i for a, b in spans if a in owner for i in range(a, b)}
    first_row, last_row = min(owner), max(owner)

    def rows_seen(k: int) -> bool:
        return first_row < k < last_row

    k = 0
    while k < len(ps):
        p = ps[k]
        if k in owner:
            a, b = next(s for s in spans if s[0] == k)
            first = owner[k]
            n = len(_rows_of(ps, a, b, None, region, norm_text))
            for r in rows[first : first + n]:
                out.extend(_emit_row(r, region, official, ctx))
            k = b
            continue
        if k in in_stretch or k in used_pieces or (k in attached):
            k += 1
            continue
        out.extend(region[i] for i in p.chunks)
        if p.kind == "other" and rows_seen(k):
            ch = region[p.chunks[0]]
            if len(_NUMS.findall(norm_text[ch.start : ch.end])) >= 2:
                ctx.diag("P124", f"数据无法定位 (values not placed): {p.text!r} inside the application table "
                         "holds values that match no row of the table; kept as text", ch.start, ch.end)
        k += 1
    for i in loose_idx:
        if loose_idx.index(i) not in used:
            p = ps[i]
            a, b = region[p.chunks[0]].start, region[p.chunks[-1]].end
            ctx.diag("P124", f"行标签没有数据 (label without values): {p.text!r} is printed in the application "
                     "table but no row of values was left for it", a, b)
    return out


def _emit_row(r: _Row, region: Sequence[Chunk], official: dict[str, L.RowSpec], ctx: _Ctx) -> list[Chunk]:
    """The chunks of one recovered row: its label (official text), its cells, what followed."""
    cells = [attrs.evolve(region[c.chunks[0]], text=c.text) for c in r.cells]
    a0 = cells[0].start if cells else (region[r.extras[0].chunks[0]].start if r.extras else 0)
    b0 = cells[-1].end if cells else a0
    out: list[Chunk] = []
    if r.key is not None and r.key in official:
        spec = official[r.key]
        text = canonical_chunk_text(_official(spec.key))
        if r.label is not None:
            la, lb = region[r.label.chunks[0]].start, region[r.label.chunks[-1]].end
            out.append(Chunk(text, la, lb))
            if r.how == "detached" or len(r.label.chunks) > 1:
                ctx.diag("P120", f"行标签与数据分离 (label printed apart from its row): {r.label.text!r} was "
                         f"taken for the row of values printed at this place, by the order of the format's rows "
                         f"({spec.label})", min(la, a0), max(lb, b0))
        else:
            out.append(Chunk(text, a0, a0))
            ctx.diag("P121", f"行标签缺失 (row printed without its label): the values here were placed in the row "
                     f"{spec.label!r} by their order and the table's sums", a0, b0)
    else:
        if r.label is not None:
            la, lb = region[r.label.chunks[0]].start, region[r.label.chunks[-1]].end
            out.append(Chunk(UNPLACED + r.label.text.lstrip(UNPLACED), la, lb))
            if r.label.key is None:
                out.extend(cells)
                return out  # the line reader's P102 already reports it
        else:
            out.append(Chunk(UNPLACED, a0, a0))
        ctx.diag("P124", "数据行无法定位 (row of values not placed): these values could be more than one official "
                 "row of the application table; kept in a row with no key", a0, b0)
    out.extend(cells)
    if cells and len(cells) != _NCOLS:
        ctx.diag("P125", f"数据行单元格数不符 (row of values with {len(cells)} cells, the table has {_NCOLS}): "
                 "cells the converter dropped cannot be told apart; the cells are kept in print order",
                 a0, b0)
    for c in r.cells:
        if c.note:
            ch = region[c.chunks[0]]
            ctx.diag("P123", f"单元格附注 (value printed with a note): {c.text} is the value, the note {c.note!r} is "
                     "kept as printed text", ch.start, ch.end, Severity.INFO)
    for e in r.extras:
        if e.kind == "note":  # a paragraph of its own (the line reader may have taken it for a row label)
            out.append(attrs.evolve(region[e.chunks[0]], text=e.text))
        else:
            out.extend(region[i] for i in e.chunks)
        if e.kind == "note":
            ch = region[e.chunks[0]]
            ctx.diag("P123", f"单元格附注 (value printed with a note): the note {e.text!r} printed on its own line "
                     "after a value is kept as text; the value is the number before it", ch.start, ch.end,
                     Severity.INFO)
    return out


def _official(key: str) -> OfficialLabel:
    """The official label of a value row."""
    return next(o for o in app_labels() if o.key == key)


# ------------------------------------------------------------------------------------------
# section 四
# ------------------------------------------------------------------------------------------


def _grammar_header(c: Chunk) -> bool:
    return c.text.startswith(HEADER) or terminal_of(c.text, ("HEAD", "APP_NOTE")) is not None


def _recover_review(chunks: list[Chunk], lo: int, hi: int, ctx: _Ctx) -> list[Chunk] | None:
    region = split_spaced(chunks, ctx.st.norm.text, lo, hi)
    ps = pieces(region)
    spans = _stretches(ps)
    if not spans:
        return None
    # headed: right after a cell the grammar reads as a header (a GFM delimiter row is one)
    unheaded = [(a, b) for a, b in spans if a == 0 or ps[a - 1].kind not in ("header", "furniture")
                or not _grammar_header(region[ps[a - 1].chunks[-1]])]
    # a page number or a note inside the values (a GFM delimiter row is part of a table)
    broken = any(p.kind == "note" or (p.kind == "furniture" and not p.text.startswith(HEADER))
                 for a, b in spans for p in ps[a:b])
    if not unheaded and not broken and len(region) == hi - lo and not any(p.note for p in ps):
        return None
    valued = [(a, b) for a, b in spans if any(p.kind == "cell" and p.text != BLANK for p in ps[a:b])]
    cells = [p for a, b in valued for p in ps[a:b] if p.kind == "cell"]
    while len(cells) > _NREV and cells[0].text == BLANK:
        cells.pop(0)
    if len(cells) != _NREV or not (unheaded or broken):
        return None
    nums = [None if c.text == BLANK else _num(c.text) for c in cells]
    held = review_groups_hold(nums)
    first = min(a for a, _ in valued)
    members = {i for a, b in valued for i in range(a, b)}
    out: list[Chunk] = []
    for k, p in enumerate(ps):
        if k == first:
            c0 = region[cells[0].chunks[0]]
            if not (k > 0 and ps[k - 1].kind == "header" and _grammar_header(region[ps[k - 1].chunks[-1]])):
                out.append(Chunk(HEADER, c0.start, c0.start))
            out.extend(attrs.evolve(region[c.chunks[0]], text=c.text) for c in cells)
            a, b = c0.start, region[cells[-1].chunks[0]].end
            ctx.diag("P122", f"第四部分按形状识别 (section 四 recognised by its shape): 15 values under a damaged "
                     f"header, read as 行政复议 and the two groups of 行政诉讼 in the official order; A4 holds for "
                     f"{held} of 3 groups", a, b, Severity.WARNING if held < 3 else Severity.INFO)
        if k in members:
            if p.kind != "cell":
                out.extend(region[i] for i in p.chunks)
            continue
        if p.kind == "header" and k < first:
            out.extend(attrs.evolve(region[i], text=HEADER + region[i].text.lstrip(HEADER)) for i in p.chunks)
            continue
        out.extend(region[i] for i in p.chunks)
    return out


def _num(t: str) -> Value | None:
    """A printed number as an exact value (``int``, or ``Decimal`` with a fraction), else None."""
    t = t.replace(",", "")
    try:
        return int(t) if "." not in t else Decimal(t)
    except (ValueError, ArithmeticError):
        return None
