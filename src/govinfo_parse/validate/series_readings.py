"""Undecided cells settled by the agency's previous or next report (R107, R108).

A flattened scrape (:mod:`govinfo_parse.readers.flattened`) leaves a row whose glued digits
split several ways undecided (``CellState.UNDECIDED``, F105).  When the agency's report of the
year before or after is read alongside (``check --series``, :func:`settle_series`), the chains
the format defines across two years (spec §6) may tell the readings apart:

- the carry-over chain, per column of section 三: 四、结转下年度继续办理 (N) = 二、上年结转 (N+1);
- in the 2021 format, per row of 第二十条第（一）项: 现行有效件数 (N−1) + 本年制发件数 (N) −
  本年废止件数 (N) = 现行有效件数 (N).

The readings of an undecided row are recomputed from its cells (each undecided cell keeps the
digits it lies in; :func:`govinfo_parse.readers.flattened.readings.readings`), narrowed as the
decoder narrowed them (section 三: the readings that satisfy A3, if any, then those that let the
most of A1/A2 hold when the rest of the table is read).  For each chain that involves an
undecided row, every combination of the readings of the rows it links is tried; a chain no
combination satisfies says nothing (documents may lapse without being repealed) and is set
aside.  A row is settled only when exactly one of its readings takes part in a combination that
satisfies every chain it is linked by: its cells become numbers marked inferred
(``Cell.inferred``) under a warning R107 that lists the other readings and names the report that
decided.  A row the chains narrow without deciding stays undecided, with an info R108 listing
the readings left.  A cell read for certain is never changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Final

import attrs

from ..formats import labels as L
from ..formats.identities import APPLICATIONS
from ..nodes import (
    ApplicationTable,
    Cell,
    CellRef,
    CellState,
    Diagnostic,
    ProactiveTable2021,
    Report,
    Row,
    Span,
    Value,
)
from ..normalise import normalise
from ..readers.flattened.readings import readings, row_columns
from ..tables.identities import application_score
from ._common import APP_COLUMN_KEYS, APP_TOTAL, INFO, N_APP, W, aligned, in_force_next
from .series import group_series, who

__all__ = ["settle_series", "settle_series_by_agency"]

_COMBINATIONS: Final = 100_000
"""Most combinations of readings tried for one chain (past it the chain is set aside)."""
_SHOW: Final = 8
"""Readings spelled out in a message."""

_Vals = tuple[Value | None, ...]
_RowId = tuple[int, str, str | None, str]
"""(index of the report in the series, table, item, row key)."""


@attrs.define
class _Slot:
    """A row that takes part in a chain: its cells and the readings still open for it."""

    rid: _RowId
    row: Row
    cells: tuple[Cell, ...]
    options: list[tuple[tuple[str, Value | None] | None, ...]]
    """Per reading, per cell: (text, value) for a cell the reading fills, None for a cell read
    for certain."""
    doubtful: bool
    """Whether the row has undecided or inferred cells (a row read for certain has one reading)."""
    groups: list[tuple[list[int], str]] = attrs.Factory(list)
    """The runs of the source its doubtful cells lie in (see :func:`_groups`)."""
    initial: list[tuple[tuple[str, Value | None] | None, ...]] = attrs.Factory(list)
    """The readings before any chain narrowed them."""

    @property
    def total(self) -> int:
        """How many readings the row had before any chain narrowed them."""
        return len(self.initial)
    deciders: list[str] = attrs.Factory(list)
    chains: list[str] = attrs.Factory(list)

    def values(self, k: int) -> _Vals:
        """The row's values under reading ``k`` (certain cells as read)."""
        return tuple(c.value if o is None else o[1] for c, o in zip(self.cells, self.options[k], strict=True))

    def text(self, k: int) -> str:
        """Reading ``k`` as the decoder prints readings: the cells it fills, ``|``-separated."""
        return _text(self.options[k])


def _text(option: Sequence[tuple[str, Value | None] | None]) -> str:
    """A reading as the decoder prints readings: the cells it fills, ``|``-separated."""
    return "|".join(o[0] for o in option if o is not None)


def _n(v: Value | None) -> Value:
    """A cell's number in a chain: 0 for a placeholder."""
    return 0 if v is None else v


def _groups(cells: Sequence[Cell]) -> list[tuple[list[int], str]]:
    """The runs of the source a row's open cells lie in, with their digits: consecutive undecided
    cells that share their digits (and span), or consecutive inferred cells (their digits joined,
    a space where the source had something between them)."""
    out: list[tuple[list[int], str]] = []
    for j, c in enumerate(cells):
        if c.state is not CellState.UNDECIDED and not c.inferred:
            continue
        prev = cells[j - 1] if j and out and out[-1][0][-1] == j - 1 else None
        if prev is not None and c.state is CellState.UNDECIDED and prev.state is CellState.UNDECIDED \
                and prev.raw == c.raw and prev.span == c.span:
            out[-1][0].append(j)
        elif prev is not None and c.inferred and prev.inferred:
            glued = prev.span is not None and c.span is not None and prev.span.end == c.span.start
            out[-1][0].append(j)
            out[-1] = (out[-1][0], out[-1][1] + ("" if glued else " ") + c.raw)
        else:
            out.append(([j], c.raw))
    return out


def _slot(rid: _RowId, row: Row, n: int, fmt_: str, table: str, item: str | None) -> _Slot | None:
    """The row as a chain member: its one reading if read for certain, else its readings
    recomputed from the undecided cells (None when they cannot be enumerated)."""
    cells = aligned(row.cells, n)
    if cells is None:
        return None
    groups = _groups(cells)
    if not groups:
        return _Slot(rid, row, cells, [tuple(None for _ in cells)], False)
    cols = row_columns(table, fmt_, item)
    if len(cols) != n:
        return None
    per_group = []
    for g, raw in groups:
        rs = readings(raw, [cols[j] for j in g])
        if not rs:
            return None
        per_group.append((g, rs))
    options = []
    for combo in itertools.product(*(rs for _, rs in per_group)):
        opt: list[tuple[str, Value | None] | None] = [None] * n
        for (g, _), reading in zip(per_group, combo, strict=True):
            for j, cell in zip(g, reading, strict=True):
                opt[j] = cell
        options.append(tuple(opt))
        if len(options) > _COMBINATIONS:
            return None
    return _Slot(rid, row, cells, options, True, groups=groups)


def _app_narrowed(slot: _Slot, table: ApplicationTable) -> None:
    """Narrow a section 三 row's readings as the decoder does: A3 where some reading satisfies it,
    then the readings that let the most of A1/A2 hold (when no other row is undecided)."""
    a3 = [k for k in range(len(slot.options))
          if _n(slot.values(k)[APP_TOTAL]) == sum(_n(v) for v in slot.values(k)[:APP_TOTAL])]
    if a3:
        slot.options = [slot.options[k] for k in a3]
    others = [r for r in table.rows if r is not slot.row and r.key is not None]
    if any(c.state is CellState.UNDECIDED for r in others for c in r.cells) or len(slot.options) < 2:
        return
    base = {str(r.key): tuple(c.value for c in r.cells[:N_APP]) for r in others}
    scores = []
    for k in range(len(slot.options)):
        _, failed = application_score({**base, str(slot.row.key): slot.values(k)})
        scores.append(failed)
    best = min(scores)
    slot.options = [o for o, s in zip(slot.options, scores, strict=True) if s == best]


def _app_slot(i: int, r: Report, key: str) -> _Slot | None:
    """Section 三's row ``key`` of report ``i`` as a chain member."""
    t = r.applications
    row = t.row(key) if t is not None else None
    if t is None or row is None:
        return None
    slot = _slot((i, APPLICATIONS, None, key), row, N_APP, r.format.value, APPLICATIONS, None)
    if slot is not None and slot.doubtful:
        _app_narrowed(slot, t)
    return slot


_ITEM1 = next(s for s in L.proactive_items("2021") if s.key == "item1")
_ITEM1_COL = {c.key: j for j, c in enumerate(_ITEM1.columns)}


def _item1_slot(i: int, r: Report, key: str) -> _Slot | None:
    """2021 第二十条第（一）项's row ``key`` of report ``i`` as a chain member."""
    p = r.proactive
    if not isinstance(p, ProactiveTable2021):
        return None
    for item in p.items:
        if item.item == "item1":
            for row in item.rows:
                if row.key == key:
                    return _slot((i, "proactive", "item1", key), row, len(_ITEM1.columns), "2021", "proactive", "item1")
    return None


def _carry_holds(u: _Vals, v: _Vals) -> bool:
    """Year N's 结转下年度继续办理 ``u`` equals year N+1's 上年结转 ``v`` in every column."""
    return all(_n(x) == _n(y) for x, y in zip(u, v, strict=True))


def _in_force_holds(u: _Vals, v: _Vals) -> bool:
    """Year N−1's 现行有效件数 + year N's 本年制发件数 − 本年废止件数 = year N's 现行有效件数."""
    f, iss, rep = _ITEM1_COL["in_force"], _ITEM1_COL["issued"], _ITEM1_COL["repealed"]
    return in_force_next(_n(u[f]), _n(v[iss]), _n(v[rep])) == _n(v[f])


@attrs.frozen
class _Chain:
    """One equation across two reports: its name, the slots it links, and the test."""

    name: str
    slots: tuple[_Slot, _Slot]
    holds: Callable[[_Vals, _Vals], bool]


def _chains(dated: Sequence[tuple[int, int, Report]], slot_of: Callable[[int, Report, str, str], _Slot | None]
            ) -> Iterator[_Chain]:
    """The chains of spec §6 between reports of consecutive years."""
    for (y1, i1, r1), (y2, i2, r2) in itertools.pairwise(dated):
        if y2 != y1 + 1:
            continue
        a, b = slot_of(i1, r1, "app", "carried_forward"), slot_of(i2, r2, "app", "carried_over")
        if a is not None and b is not None:
            yield _Chain(f"the carry-over chain (the {y1} report's 四、结转下年度继续办理 = the {y2} report's "
                         "二、上年结转政府信息公开申请数量, per column)", (a, b), _carry_holds)
        if isinstance(r1.proactive, ProactiveTable2021) and isinstance(r2.proactive, ProactiveTable2021):
            for spec in _ITEM1.rows:
                a, b = slot_of(i1, r1, "item1", spec.key), slot_of(i2, r2, "item1", spec.key)
                if a is None or b is None:
                    continue
                yield _Chain(f"the 现行有效件数 chain for 第二十条第（一）项/{spec.label} ({y1} 现行有效件数 + {y2} "
                             f"本年制发件数 − 本年废止件数 = {y2} 现行有效件数)", (a, b), _in_force_holds)


def settle_series(reports: Sequence[Report]) -> tuple[tuple[Report, ...], tuple[tuple[int, Diagnostic], ...]]:
    """The reports of one agency with the undecided cells the cross-year chains settle, and the
    diagnostics (R107 settled, R108 narrowed only), each with the index of its report.  Reports
    without an undecided cell in a chain come back unchanged (the same objects)."""
    dated = sorted(((r.metadata.year, i, r) for i, r in enumerate(reports) if r.metadata.year is not None),
                   key=lambda t: (t[0], t[1]))
    years = [y for y, _, _ in dated]
    dated_ok = [(y, i, r) for y, i, r in dated if years.count(y) == 1]  # a repeated year is not compared
    cache: dict[_RowId, _Slot | None] = {}

    def slot_of(i: int, r: Report, table: str, key: str) -> _Slot | None:
        """The chain member for row ``key`` of ``table`` in report ``i`` (made once)."""
        rid: _RowId = (i, APPLICATIONS if table == "app" else "proactive", None if table == "app" else table, key)
        if rid not in cache:
            cache[rid] = _app_slot(i, r, key) if table == "app" else _item1_slot(i, r, key)
        return cache[rid]

    chains = [c for c in _chains(dated_ok, slot_of) if any(s.doubtful for s in c.slots)]
    for s in {id(s): s for c in chains for s in c.slots}.values():
        s.initial = list(s.options)
    for _ in range(4):  # narrowing one row may narrow the row it is chained to in turn
        changed = False
        for chain in chains:
            a, b = chain.slots
            if len(a.options) * len(b.options) > _COMBINATIONS:
                continue
            fit = [(j, k) for j in range(len(a.options)) for k in range(len(b.options))
                   if chain.holds(a.values(j), b.values(k))]
            if not fit:
                continue  # no reading satisfies the chain: it says nothing here
            for slot, keep, other in ((a, {j for j, _ in fit}, b), (b, {k for _, k in fit}, a)):
                if not slot.doubtful:
                    continue
                if chain.name not in slot.chains:
                    slot.chains.append(chain.name)
                    slot.deciders.append(who(reports[other.rid[0]], other.rid[0]))
                if len(keep) < len(slot.options):
                    slot.options = [o for k, o in enumerate(slot.options) if k in keep]
                    changed = True
        if not changed:
            break
    out = list(reports)
    diags: list[tuple[int, Diagnostic]] = []
    slots = [s for s in {id(s): s for c in chains for s in c.slots}.values() if s.doubtful and s.chains]
    for s in slots:
        i = s.rid[0]
        d = _settled(s) if len(s.options) == 1 else _narrowed(s)
        if d is None:
            continue
        diags.append((i, d))
        if len(s.options) == 1:
            out[i] = _with_row(out[i], s)
    return tuple(out), tuple(diags)


def _where(s: _Slot) -> str:
    """The row for a message."""
    _, table, _, key = s.rid
    if table == APPLICATIONS:
        label = next((r.label for r in L.APPLICATION_ROWS if r.key == key), key)
        return f"{label} in 三、收到和处理政府信息公开申请情况"
    return f"第二十条第（一）项/{next((r.label for r in _ITEM1.rows if r.key == key), key)}"


def _refs(s: _Slot) -> tuple[CellRef, ...]:
    """The cells a reading fills, by their keys."""
    _, table, item, key = s.rid
    cols = APP_COLUMN_KEYS if table == APPLICATIONS else tuple(c.key for c in _ITEM1.columns)
    row = key if table == APPLICATIONS else f"{item}.{key}"
    return tuple(CellRef(table, row, cols[j]) for j, o in enumerate(s.options[0]) if o is not None)


def _raw(s: _Slot) -> str:
    """The digits of the row's doubtful cells as printed (each run once)."""
    return " … ".join(raw for _, raw in s.groups)


def _settled(s: _Slot) -> Diagnostic:
    """R107: the one reading the chains leave (confirming or replacing a reading the format's
    regularities had inferred, F109, or settling cells left undecided, F105)."""
    was_inferred = all(s.cells[j].inferred for g, _ in s.groups for j in g)
    same = was_inferred and all(o is None or o[1] == c.value for c, o in zip(s.cells, s.options[0], strict=True))
    if same:
        what = "it is the reading the format's regularities ranked first (F109), which the series confirms; " \
               "its cells stay marked inferred"
    elif was_inferred:
        what = (f"it replaces the reading the format's regularities ranked first (F109), its "
                f"{sum(o is not None for o in s.options[0])} cell(s) marked inferred")
    else:
        what = (f"it is used, its {sum(o is not None for o in s.options[0])} cell(s) marked inferred (the reader "
                "had left them undecided, F105)")
    others = [_text(o) for o in s.initial if o != s.options[0]]
    return Diagnostic(
        "R107", INFO if same else W,
        f"按系列推断 (split decided by the series): {_where(s)} prints “{_raw(s)}” with no separators, and of its "
        f"{s.total} readings only {s.text(0)} satisfies {' and '.join(s.chains)} with {', '.join(s.deciders)}; "
        f"{what}. The others: " + "; ".join(others[:_SHOW]) + (f"; … ({len(others)} in all)" if len(others) > _SHOW
                                                             else ""),
        span=_span(s), suggestion="read the row in the source document (the HTML or PDF original)",
        cells=_refs(s),
    )


def _narrowed(s: _Slot) -> Diagnostic | None:
    """R108: the chains narrow the readings without deciding (None when they rule nothing out)."""
    if len(s.options) >= s.total or not s.options:
        return None
    shown = "; ".join(s.text(k) for k in range(min(len(s.options), _SHOW)))
    more = f"; … ({len(s.options)} in all)" if len(s.options) > _SHOW else ""
    return Diagnostic(
        "R108", INFO,
        f"系列未能确定 (the series narrows, does not decide): {_where(s)} prints “{_raw(s)}”; of its {s.total} "
        f"readings, {len(s.options)} satisfy {' and '.join(s.chains)} with {', '.join(s.deciders)}: {shown}{more}. "
        "The cells stay undecided",
        span=_span(s), cells=_refs(s),
    )


def _group_span(s: _Slot, g: Sequence[int]) -> Span | None:
    """Where a run of doubtful cells lies: from its first cell's span to its last's."""
    first, last = s.cells[g[0]].span, s.cells[g[-1]].span
    if first is None or last is None:
        return first or last
    return Span(first.start, last.end, first.line, first.column, last.end_line, last.end_column)


def _span(s: _Slot) -> Span | None:
    """Where a series diagnostic about the row points: its first run of doubtful cells."""
    return _group_span(s, s.groups[0][0]) if s.groups else s.row.span


def _settle_cell(c: Cell, text: str, value: Value | None, span: Span | None) -> Cell:
    """A doubtful cell settled to ``value``: inferred, with its own digits and span."""
    state = CellState.NUMBER if value is not None else CellState.PLACEHOLDER
    return attrs.evolve(c, raw=text, state=state, value=value, unit=None, span=span, inferred=True)


def _with_row(report: Report, s: _Slot) -> Report:
    """``report`` with the row of ``s`` settled to its one reading."""
    cells = list(s.row.cells)
    for g, raw in s.groups:
        gspan = _group_span(s, g)
        # the run printed without white space on one line: each cell's span is its digits
        exact = gspan is not None and " " not in raw and len(normalise(raw).text) == gspan.end - gspan.start \
            and gspan.line == gspan.end_line
        at = 0
        for j in g:
            o = s.options[0][j]
            assert o is not None
            span = gspan
            if exact and gspan is not None:
                span = Span(gspan.start + at, gspan.start + at + len(o[0]), gspan.line, gspan.column + at,
                            gspan.line, gspan.column + at + len(o[0]))
            at += len(o[0])
            cells[j] = _settle_cell(cells[j], o[0], o[1], span)
    row = attrs.evolve(s.row, cells=tuple(cells))
    _, table, _, _ = s.rid
    old: ApplicationTable | ProactiveTable2021 | None
    new: ApplicationTable | ProactiveTable2021
    if table == APPLICATIONS:
        old = report.applications
        assert old is not None
        new = attrs.evolve(old, rows=tuple(row if r is s.row else r for r in old.rows))
    else:
        p = report.proactive
        assert isinstance(p, ProactiveTable2021)
        old = p
        new = attrs.evolve(p, items=tuple(
            attrs.evolve(it, rows=tuple(row if r is s.row else r for r in it.rows)) if it.item == "item1" else it
            for it in p.items))
    sections = tuple(attrs.evolve(sec, blocks=tuple(new if b is old else b for b in sec.blocks))
                     for sec in report.sections)
    return attrs.evolve(report, sections=sections)


def settle_series_by_agency(reports: Sequence[Report], paths: Sequence[str | None] | None = None
                            ) -> tuple[tuple[Report, ...], tuple[tuple[int, Diagnostic], ...]]:
    """:func:`settle_series` within each agency's reports (grouped as the series checks group
    them); indices are into ``reports``."""
    out = list(reports)
    diags: list[tuple[int, Diagnostic]] = []
    for group in group_series(reports, paths):
        settled, ds = settle_series([reports[i] for i in group])
        for k, r in zip(group, settled, strict=True):
            out[k] = r
        diags += [(group[i], d) for i, d in ds]
    return tuple(out), tuple(diags)

