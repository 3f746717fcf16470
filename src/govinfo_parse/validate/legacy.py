"""Checks of a legacy report (2008–2018): the sums its statistics table implies, and its prose.

A legacy table follows no national template, so only what its own rows say is checked, each a
**warning** (real reports break them, and saying so is the point):

- L201 — a 其中 (part) row above its parent, per column;
- L202 — 对申请的答复总数 (answers) ≠ the sum of its outcome rows, where all are printed as its parts;
- L203 — 受理申请总数 (applications received) ≠ the sum of the outcome rows (同意公开, 同意部分公开,
  不予公开, 信息不存在, 非本机关职责范围, 申请内容不明确, 其他), where the table lists at least two of
  them and no 答复总数;
- L204 — 累计 (cumulative) below 本年 (this year) in a row;
- L205 — a figure the prose gives differs from its indicator's 本年 cell.

Blank cells and placeholders are left out of the arithmetic (a blank is not a zero here: the
legacy tables print "/" for an indicator that does not apply).  Nothing is ever changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..formats import legacy as LG
from ..nodes import Cell, Diagnostic, LegacyRow, LegacyTable, Report, Severity, Span, Value
from ..tables.legacy import parents

__all__ = ["check_legacy"]

W = Severity.WARNING
_OUTCOMES = ("answer.granted", "answer.partial", "answer.refused", "answer.not_exist", "answer.not_competent",
             "answer.unclear", "answer.other")


def _name(r: LegacyRow) -> str:
    """A row as a message names it: its printed label with its indicator key, or the quoted label."""
    ind = LG.INDICATOR_BY_KEY.get(r.key or "")
    return f"{r.label} ({ind.key})" if ind else repr(r.label)


def _col(t: LegacyTable, j: int) -> str:
    """Column ``j`` as a message names it: its heading, or ``column <j+1>`` past the columns."""
    c = t.columns[j] if j < len(t.columns) else None
    return c.heading if c is not None else f"column {j + 1}"


def _spans(*cells: Cell) -> tuple[Span, ...]:
    """The spans of the cells that have one."""
    return tuple(c.span for c in cells if c.span is not None)


def _nums(r: LegacyRow) -> list[Value | None]:
    """A row's cell values (None where a cell has none)."""
    return [c.value for c in r.cells]


def check_legacy(report: Report) -> Iterator[Diagnostic]:
    """The diagnostics of every legacy table of the report and of its prose figures."""
    for t in report.tables():
        if isinstance(t, LegacyTable):
            yield from _parts(t)
            yield from _sums(t)
            yield from _cumulative(t)
            yield from _prose(report, t)


def _parts(t: LegacyTable) -> Iterator[Diagnostic]:
    """L201: a 其中 row whose value is above its parent row's, column by column."""
    rows = t.rows()
    groups = [g for g, grp in enumerate(t.groups) for _ in grp.rows]
    for i, p in enumerate(parents(rows, groups)):
        if p is None:
            continue
        child, parent = rows[i], rows[p]
        for j, (a, b) in enumerate(zip(_nums(child), _nums(parent), strict=False)):
            if a is not None and b is not None and a > b:
                yield Diagnostic("L201", W,
                                 f"其中 row {_name(child)} ({a}) is above its parent {_name(parent)} ({b}) in "
                                 f"{_col(t, j)} (分项大于总项; a part above its whole)",
                                 child.cells[j].span, _spans(parent.cells[j]),
                                 expected=b, actual=a)


def _sum_check(code: str, t: LegacyTable, total: LegacyRow, parts: Sequence[LegacyRow], what: str
               ) -> Iterator[Diagnostic]:
    """Diagnostic ``code`` for each column where row ``total`` does not equal the sum of the
    ``parts`` rows (``what`` names the parts in the message); columns with a missing value on
    either side are skipped."""
    for j in range(len(t.columns)):
        tc = total.cells[j] if j < len(total.cells) else None
        cells: list[Cell] = [p.cells[j] for p in parts if j < len(p.cells)]
        if tc is None or tc.value is None or not cells or any(c.value is None for c in cells):
            continue
        s: Value = sum((c.value for c in cells if c.value is not None), start=0)
        if s != tc.value:
            yield Diagnostic(code, W,
                             f"{_name(total)} = {tc.value} but {what} add up to {s} in {_col(t, j)} "
                             "(合计不符; the rows do not add up)",
                             tc.span, _spans(*cells), expected=s, actual=tc.value)


def _sums(t: LegacyTable) -> Iterator[Diagnostic]:
    """L202: the answered total against its 其中 rows when those are all outcome rows; L203, when
    the table has no answered total, the received total against two or more outcome rows."""
    rows = t.rows()
    outcomes = [r for r in rows if r.key in _OUTCOMES]
    answers = t.row("answer.total")
    if answers is not None and outcomes:
        idx = rows.index(answers)
        groups = [g for g, grp in enumerate(t.groups) for _ in grp.rows]
        par = parents(rows, groups)
        parts = [r for i, r in enumerate(rows) if par[i] == idx]
        if parts and all(r.key in _OUTCOMES for r in parts):
            yield from _sum_check("L202", t, answers, parts, "its outcome rows (其中)")
    received = t.row("application.total")
    if received is not None and answers is None and len(outcomes) >= 2:
        yield from _sum_check("L203", t, received, outcomes, "the outcome rows (同意公开, 不予公开 …)")


def _cumulative(t: LegacyTable) -> Iterator[Diagnostic]:
    """L204: a row whose 累计 value is below its 本年 value (tables with both columns only)."""
    keys = [c.key for c in t.columns]
    if LG.ColumnKind.CURRENT not in keys or LG.ColumnKind.CUMULATIVE not in keys:
        return
    cur, cum = keys.index(LG.ColumnKind.CURRENT), keys.index(LG.ColumnKind.CUMULATIVE)
    for r in t.rows():
        if max(cur, cum) >= len(r.cells):
            continue
        a, b = r.cells[cur], r.cells[cum]
        if a.value is not None and b.value is not None and b.value < a.value:
            yield Diagnostic("L204", W,
                             f"{_name(r)}: 累计 {b.value} is below 本年 {a.value} (累计小于本年; cumulative below "
                             "this year)", b.span, _spans(a), expected=a.value, actual=b.value)


def _prose(report: Report, t: LegacyTable) -> Iterator[Diagnostic]:
    """L205: a prose figure whose indicator's 本年 value in the table is none of the figures the
    prose gives for that indicator."""
    keys = [c.key for c in t.columns]
    if LG.ColumnKind.CURRENT not in keys:
        return
    cur = keys.index(LG.ColumnKind.CURRENT)
    by_key: dict[str, list[Value]] = {}
    facts = report.prose_facts()
    for f in facts:
        by_key.setdefault(f.key, []).append(f.value)
    for f in facts:
        row = t.row(f.key)
        if row is None or cur >= len(row.cells) or row.cells[cur].value is None:
            continue
        table_value = row.cells[cur].value
        if table_value in by_key[f.key]:
            continue  # one of the prose's figures for it agrees
        yield Diagnostic("L205", W,
                         f"正文与表格不一致 (prose and table disagree) on {_name(row)}: the text says “{f.text}” "
                         f"({f.value}), the table has {table_value} ({_col(t, cur)})",
                         f.span, _spans(row.cells[cur]),
                         expected=table_value, actual=f.value)
