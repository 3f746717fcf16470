"""Recognising a legacy statistics table (2008–2018) in the chunk stream, whatever the layout.

Every reader hands over the same chunk stream: one chunk per cell, in reading order (a web-page
table, pipe or tab text, a PDF's lines, a flattened scrape cut by
:mod:`govinfo_parse.tables.legacy_flat`).  A legacy table is found by its header — a label
heading (指标名称, 统计指标 …), optionally a unit heading (计量单位), then one to three column
headings (本年, 累计, 2018年度, 历年累计 …, :data:`govinfo_parse.formats.legacy.COLUMNS`) — and
read as a list: a label followed by its unit and its value cells is an indicator row; a label
followed directly by another label is a group heading (一、主动公开情况); anything else ends the
table.  Indicator labels are matched against the vocabulary of
:mod:`govinfo_parse.formats.legacy` with the shared label matching
(:func:`govinfo_parse.tables.labels.match_label`); an unknown one keeps its printed label.

:func:`find_tables` takes the table's chunks out of the stream (so the grammar never sees the
group headings as section headings) and returns the :class:`~govinfo_parse.nodes.LegacyTable`
nodes; :func:`place_tables` puts them back into the parsed sections where they stood.

A row printed as one run of glued digits ("206912106" for two columns) is cut by the readings of
:func:`govinfo_parse.tables.legacy_flat.readings` that the constraints leave: 累计 ≥ 本年, a 其中
row not above its parent, and the figure the prose gives for the indicator.  Exactly one reading
left is taken (with an info diagnostic when a constraint decided); otherwise the row's cells stay
undecided (placeholders whose ``raw`` is the run) and an error lists the readings.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._lazy import lazy_compile
from ..formats import legacy as LG
from ..formats.cells import VALUE_PARTS, cell_kind, match_value
from ..nodes import (
    Block,
    Cell,
    CellState,
    Diagnostic,
    LegacyColumn,
    LegacyGroup,
    LegacyRow,
    LegacyTable,
    Section,
    Severity,
    Span,
    Value,
)
from ..normalise import Normalised, SourceMap
from ..stream import BLANK, HEADER, Chunk, squeeze
from . import legacy_flat, legacy_prose
from .legacy_labels import group_key, indicator_key, parents
from .pieces import note_message, printed_note
from .place import place_blocks

__all__ = ["find_tables", "group_key", "indicator_key", "parents", "place_tables"]

_MAX_LABEL = 40
_GROUP_NUMBER = lazy_compile(r"^[一二三四五六七八九十]{1,3}、")
_DELIMITER = lazy_compile(r"\|?(?::?-{2,}:?\|)+:?-*:?")


# --------------------------------------------------------------------------------------------
# positions and cells
# --------------------------------------------------------------------------------------------


class _Src:
    """Source offsets, spans and printed text of chunks (a markup source prints its visible text)."""

    def __init__(self, source: str, norm: Normalised) -> None:
        self.source = source
        self.norm = norm
        self.smap = SourceMap.of(source)

    def range(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of normalised offsets ``start``..``end``, white space at either end
        left out (unless there is nothing else)."""
        so = self.norm.source_offset
        a, b = so(start), so(end)
        raw = self.source[a:b]
        lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
        if lead + trail < len(raw):
            a, b = a + lead, b - trail
        return a, b

    def span(self, start: int, end: int) -> Span:
        """The source span of normalised offsets ``start``..``end`` (see :meth:`range`)."""
        a, b = self.range(start, end)
        return self.smap.span(a, b)

    def printed(self, start: int, end: int) -> str:
        """What the source prints between normalised offsets ``start``..``end``, stripped."""
        a, b = self.range(start, end)
        text = self.norm.printed(a, b) if self.norm.markup else self.source[a:b]
        return str(text).strip()

    def join(self, a: Span | None, b: Span | None) -> Span | None:
        """The span from the start of ``a`` to the end of ``b`` (either alone where the other is None)."""
        if a is None or b is None:
            return a or b
        return Span(a.start, b.end, a.line, a.column, b.end_line, b.end_column)


def _cell(text: str, raw: str, span: Span | None) -> Cell:
    """The cell a (normalised) chunk text holds; ``raw`` is what was printed."""
    if text == BLANK:
        return Cell("", CellState.BLANK, None, None, span)
    m = VALUE_PARTS.match(text)
    if m is None:
        return Cell(raw, CellState.PLACEHOLDER, None, None, span)
    return Cell(raw, CellState.NUMBER, match_value(m), m.group("unit"), span,
                note=printed_note(raw, m.group("note")))


def _is_cell(text: str) -> bool:
    return text == BLANK or cell_kind(text) is not None


def _bare(text: str) -> str:
    return text.lstrip(HEADER)


def _label_like(text: str) -> bool:
    t = _bare(text)
    return (bool(t) and not _is_cell(t) and len(t) <= _MAX_LABEL and "。" not in t
            and not t.startswith(LG.LABEL_HEADINGS))


# --------------------------------------------------------------------------------------------
# reading a table
# --------------------------------------------------------------------------------------------


@attrs.define
class _Row:
    label: Chunk
    unit: Chunk | None
    cells: list[Chunk]
    group: int


class _Reader:
    """Reads the legacy tables of one chunk stream, collecting the diagnostics of reading them."""

    def __init__(self, chunks: Sequence[Chunk], src: _Src, prose: dict[str, set[Value]],
                 glued: set[Chunk]) -> None:
        self.chunks = chunks
        self.glued = glued
        """Runs of digits cut out of a flattened table (the only runs read as several cells)."""
        self.src = src
        self.prose = prose
        self.diags: list[Diagnostic] = []

    def header(self, i: int) -> tuple[int, Chunk, Chunk | None, list[Chunk]] | None:
        """The header starting at chunk ``i``: (index after it, label heading, unit heading,
        column headings), or None."""
        ch = self.chunks
        if _bare(ch[i].text) not in LG.LABEL_HEADINGS:
            return None
        j = i + 1
        unit = None
        if j < len(ch) and _bare(ch[j].text) in LG.UNIT_HEADINGS:
            unit = ch[j]
            j += 1
        cols: list[Chunk] = []
        while j < len(ch) and len(cols) < 3:
            t = _bare(ch[j].text)
            if LG.column_key(t) is None:
                break
            cols.append(ch[j])
            j += 1
        if not cols:
            return None
        while j < len(ch) and (ch[j].text == BLANK or _DELIMITER.fullmatch(_bare(ch[j].text))):
            j += 1  # padding of the header row, a Markdown delimiter row
        return j, ch[i], unit, cols

    def rows(self, j: int, ncols: int, has_unit: bool) -> tuple[int, list[_Row], list[Chunk | None]]:
        """The rows from chunk ``j`` on; returns the index after the table, the rows and the
        group headings (None for the rows before the first heading)."""
        ch = self.chunks
        rows: list[_Row] = []
        groups: list[Chunk | None] = [None]
        while j < len(ch):
            t = ch[j].text
            if not _label_like(t):
                break
            k = j + 1
            unit: Chunk | None = None
            if k < len(ch) and _bare(ch[k].text) in LG.UNITS:
                unit = ch[k]
                k += 1
            e = k
            while e < len(ch) and _is_cell(ch[e].text):
                e += 1
            cells = list(ch[k:e])
            if unit is None and has_unit and cells and cells[0].text == BLANK and len(cells) > ncols:
                cells = cells[1:]  # the blank unit cell
            while len(cells) > ncols and cells[-1].text == BLANK:
                cells.pop()  # padding to the grid's width
            if unit is None and all(c.text == BLANK for c in cells) and (not cells or _GROUP_NUMBER.match(t)
                                                                         or group_key(t) is not None):
                # a group heading: a label followed by another row (a grid pads it with blanks)
                if e < len(ch) and _label_like(ch[e].text) and self._row_follows(e):
                    groups.append(ch[j])
                    j = e
                    continue
                if not cells:
                    break
            rows.append(_Row(ch[j], unit, cells, len(groups) - 1))
            j = e
        return j, rows, groups

    def _row_follows(self, e: int) -> bool:
        """Whether the label at chunk ``e`` starts an indicator row (a unit or a value cell follows)."""
        ch = self.chunks
        k = e + 1
        if k < len(ch) and _bare(ch[k].text) in LG.UNITS:
            return True
        return k < len(ch) and _is_cell(ch[k].text)

    def table(self, i: int) -> tuple[int, LegacyTable] | None:
        """The legacy table whose header starts at chunk ``i``: (index after it, the table), or
        None where no header or no row is there."""
        h = self.header(i)
        if h is None:
            return None
        j, lab, unit, cols = h
        end, rows, groups = self.rows(j, len(cols), unit is not None)
        if not rows:
            return None
        src = self.src
        years = tuple(int(squeeze(_bare(c.text))[:4]) for c in cols if LG.is_year_heading(c.text))
        columns = tuple(LegacyColumn(src.printed(c.start, c.end), LG.column_key(c.text, years),
                                     src.span(c.start, c.end)) for c in cols)
        built = self._build(rows, columns)
        out_groups: list[LegacyGroup] = []
        for g, head in enumerate(groups):
            grows = tuple(r for r, raw in zip(built, rows, strict=True) if raw.group == g)
            if head is None and not grows:
                continue
            title = src.printed(head.start, head.end) if head is not None else None
            gspan = src.span(head.start, head.end) if head is not None else None
            if grows:
                gspan = src.join(gspan or grows[0].span, grows[-1].span)
            out_groups.append(LegacyGroup(title, group_key(title) if title else None, grows, gspan))
        last = self.chunks[end - 1]
        span = src.span(lab.start, last.end)
        return end, LegacyTable(src.printed(lab.start, lab.end),
                                src.printed(unit.start, unit.end) if unit is not None else None,
                                columns, tuple(out_groups), span)

    # ---- rows -------------------------------------------------------------------------------
    def _build(self, rows: Sequence[_Row], columns: Sequence[LegacyColumn]) -> list[LegacyRow]:
        """The rows as nodes: indicator keys matched (L101, L102), cells read or a glued run cut
        (L104), a row of another width kept as printed (L103)."""
        src = self.src
        n = len(columns)
        keys = [c.key for c in columns]
        shells = [LegacyRow(src.printed(r.label.start, r.label.end), None, None, ()) for r in rows]
        par = parents(shells, [r.group for r in rows])
        out: list[LegacyRow] = []
        unknown: list[str] = []
        glued = 0
        for idx, r in enumerate(rows):
            label = shells[idx].label
            lspan = src.span(r.label.start, r.label.end)
            found = indicator_key(label)
            key = found[0] if found else None
            if found is None:
                unknown.append(label)
            elif found[1] > 0:
                self.diag("L101", Severity.WARNING,
                          f"{label!r} taken for {LG.INDICATOR_BY_KEY[found[0]].label} "
                          "(指标名称近似匹配; indicator label matched approximately)", lspan)
            unit = src.printed(r.unit.start, r.unit.end) if r.unit is not None else None
            p = par[idx]
            parent_cells = out[p].cells if p is not None else None
            if len(r.cells) == 1 and n > 1 and r.cells[0] in self.glued:
                glued += 1
                cells = self._split(r.cells[0], n, keys, key, parent_cells, label)
            else:
                cells = tuple(_cell(c.text, src.printed(c.start, c.end) if c.text != BLANK else "",
                                    src.span(c.start, c.end)) for c in r.cells)
                for c in cells:
                    if c.note:
                        self.diag("P115", Severity.INFO, note_message(c), c.span)
                if len(cells) != n:
                    self.diag("L103", Severity.WARNING,
                              f"{label!r} has {len(cells)} value cells, the table has {n} columns "
                              "(数值单元格个数与列数不符); kept as printed", lspan)
            last = r.cells[-1] if r.cells else (r.unit or r.label)
            out.append(LegacyRow(label, key, unit, cells, src.span(r.label.start, last.end)))
        if unknown:
            first = rows[[shells[i].label for i in range(len(rows))].index(unknown[0])].label
            self.diag("L102", Severity.INFO,
                      f"{len(unknown)} indicator(s) outside the common vocabulary, kept as printed with no key "
                      f"(非常见指标): {'、'.join(unknown[:8])}", src.span(first.start, first.end))
        if glued:
            self.diag("L104", Severity.INFO,
                      f"the legacy table's cells were printed without separators (数字粘连); {glued} run(s) of "
                      "digits were cut into the columns", src.span(rows[0].label.start, rows[-1].label.end))
        return out

    def _split(self, run: Chunk, n: int, keys: Sequence[str | None], key: str | None,
               parent: Sequence[Cell] | None, label: str) -> tuple[Cell, ...]:
        """The cells of a glued run, cut by the one reading the constraints leave."""
        src = self.src
        text = run.text
        found = legacy_flat.readings(text, n)
        span = src.span(run.start, run.end)
        if not found or len(found) > legacy_flat.MAX_READINGS:
            why = "no reading" if not found else "too many readings"
            self.diag("L106", Severity.ERROR,
                      f"{label!r}: the digits {text!r} cannot be cut into {n} columns ({why}; 无法拆分); "
                      "the cells are left undecided", span)
            return tuple(Cell(text, CellState.PLACEHOLDER, None, None, span) for _ in range(n))
        used: list[str] = []
        cands = found
        cur = keys.index(LG.ColumnKind.CURRENT) if LG.ColumnKind.CURRENT in keys else None
        cum = keys.index(LG.ColumnKind.CUMULATIVE) if LG.ColumnKind.CUMULATIVE in keys else None

        def num(t: str) -> Value | None:
            """The value of a cell text of a reading (None for a placeholder)."""
            c = _cell(t, t, None)
            return c.value

        def keep(rule: str, ok: list[tuple[str, ...]]) -> None:
            """Keep only the readings ``ok`` that ``rule`` leaves, where it leaves some and drops some."""
            nonlocal cands
            if len(ok) < len(cands) and ok:
                used.append(rule)
                cands = ok

        if cur is not None and cum is not None:
            keep("累计 ≥ 本年 (cumulative not below current)",
                 [c for c in cands if (num(c[cum]) or 0) >= (num(c[cur]) or 0)])
        if parent is not None and len(parent) == n and all(p.value is not None for p in parent):
            keep("其中 ≤ 上级指标 (a part not above its parent)",
                 [c for c in cands if all((num(x) or 0) <= (p.value or 0) for x, p in zip(c, parent, strict=True))])
        if len(cands) > 1 and key is not None and cur is not None and self.prose.get(key):
            figs = self.prose[key]
            keep(f"正文数字 (the prose gives {'/'.join(str(v) for v in sorted(figs, key=str))})",
                 [c for c in cands if num(c[cur]) in figs])
        if len(cands) > 1:
            shown = "; ".join(" | ".join(c) for c in cands[:8])
            self.diag("L105", Severity.ERROR,
                      f"{label!r}: the digits {text!r} can be read {len(cands)} ways ({shown}; 多种拆分); "
                      "the cells are left undecided", span)
            return tuple(Cell(text, CellState.PLACEHOLDER, None, None, span) for _ in range(n))
        chosen = cands[0]
        if used:
            others = "; ".join(" | ".join(c) for c in found if c != chosen)[:200]
            self.diag("L107", Severity.INFO,
                      f"{label!r}: the digits {text!r} read as {' | '.join(chosen)} by {', '.join(used)} "
                      f"(按约束拆分; other readings: {others})", span)
        cells: list[Cell] = []
        a = 0
        for t in chosen:
            b = a + len(t)
            cells.append(_cell(t, src.printed(run.start + a, run.start + b), src.span(run.start + a, run.start + b)))
            a = b
        return tuple(cells)

    def diag(self, code: str, sev: Severity, msg: str, span: Span | None) -> None:
        """Report a diagnostic of reading the tables."""
        self.diags.append(Diagnostic(code, sev, msg, span))


def _prose_figures(chunks: Sequence[Chunk]) -> dict[str, set[Value]]:
    """The figures the stream's prose gives, by indicator key: a constraint on cutting glued runs."""
    out: dict[str, set[Value]] = {}
    for c in chunks:
        if len(c.text) > 12:
            for f in legacy_prose.figures(c.text):
                out.setdefault(f.key, set()).add(f.value)
    return out


def _explode(chunks: Sequence[Chunk], norm_text: str) -> tuple[list[Chunk], set[Chunk]]:
    """The stream with every glued legacy table cut into chunks (and the runs of digits cut out),
    and the rows of a table printed line by line with spaces between the cells (PDF or plain
    text under a header line 指标名称 计量单位 本年 累计) cut into their cells."""
    out: list[Chunk] = []
    runs: set[Chunk] = set()
    in_lines = False
    for c in chunks:
        if len(c.text) >= 6 and ("单位" in c.text or c.text.startswith(LG.LABEL_HEADINGS)):
            got = legacy_flat.explode(c, norm_text)
            if got:
                out.extend(got)
                glued = [x for x in got if _is_cell(x.text)]
                runs.update(glued)
                in_lines = not glued  # a header line alone: the rows follow line by line
                continue
        if in_lines:
            row = legacy_flat.split_row(c, norm_text)
            if row is not None:
                out.extend(row)
                continue
            in_lines = _label_like(c.text)  # a group heading between the rows
        out.append(c)
    return out, runs


def find_tables(source: str, norm: Normalised, chunks: Sequence[Chunk]
                ) -> tuple[Sequence[Chunk], list[LegacyTable], list[Diagnostic]]:
    """Take the legacy statistics tables out of a chunk stream: the chunks left for the grammar,
    the tables, and the diagnostics of reading them.  A stream without a legacy header is
    returned as it is (cheaply)."""
    if not any(_bare(c.text) in LG.LABEL_HEADINGS or (len(c.text) >= 6 and "单位" in c.text)
               or c.text.startswith(LG.LABEL_HEADINGS) for c in chunks):
        return chunks, [], []
    norm_text = norm.text
    chunks, runs = _explode(chunks, norm_text)
    reader = _Reader(chunks, _Src(source, norm), _prose_figures(chunks), runs)
    rest: list[Chunk] = []
    tables: list[LegacyTable] = []
    i = 0
    while i < len(chunks):
        got = reader.table(i) if _bare(chunks[i].text) in LG.LABEL_HEADINGS else None
        if got is None:
            rest.append(chunks[i])
            i += 1
            continue
        i, table = got
        tables.append(table)
    if not tables:
        return chunks, [], reader.diags
    return rest, tables, reader.diags


def place_tables(sections: list[Section], preamble: list[Block], tables: Sequence[LegacyTable]) -> None:
    """Put each table into the section (or the preamble) where it stood in the text, among the
    blocks by position (:func:`govinfo_parse.tables.place.place_blocks`)."""
    place_blocks(sections, preamble, tables)
