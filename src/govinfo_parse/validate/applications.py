"""Section 三, the application table: its rows (S102, S103, S107, S110, S111), cell counts
(S104, S105), values, and the identities A1 (an error), A2 and A3 (warnings) evaluated from
:mod:`govinfo_parse.formats.identities`."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats import identities as ids
from ..formats.glosses import TABLE_APPLICATIONS, app_col_name, fmt, printed, row_name, short_row
from ..formats.labels import APPLICATION_COLUMNS, application_rows
from ..nodes import Cell, Diagnostic, Report, ReportFormat, Row, Value
from ._common import (
    APP_COLUMN_KEYS,
    APP_TOTAL,
    N_APP,
    AppView,
    E,
    W,
    aligned,
    cell_count,
    first_span,
    row_values,
    spans,
)
from .split_digits import app_split_digits
from .values import check_values

__all__ = ["check_applications"]


def check_applications(report: Report) -> Iterator[Diagnostic]:
    """Shape, values and arithmetic of section 三."""
    table = report.applications
    if table is None:
        return
    view = AppView(table)
    yield from _shape(report, view)
    yield from check_values(TABLE_APPLICATIONS, ids.APPLICATIONS,
                            [(r, aligned(r.cells, N_APP), APPLICATION_COLUMNS, r.key) for r in table.rows])
    yield from _arithmetic(view)


def _shape(report: Report, view: AppView) -> Iterator[Diagnostic]:
    """The rows against the format: （六）'s shape, missing, repeated, foreign and misplaced rows,
    and each row's cell count."""
    table = view.table
    shape = view.shape()
    expected = application_rows(shape)
    expected_keys = [r.key for r in expected]
    present = view.first
    if report.format in (ReportFormat.F2019, ReportFormat.F2021) and shape != report.format.value:
        other = present.get("other") or next((present[k] for k in present if k.startswith("other.")), None)
        if shape == "2019":
            msg = ("（六）其他处理 is printed as one row, as in the 2019 format, but the report "
                   "uses the 2021 format, where it has three rows (1.申请人无正当理由逾期不补正… "
                   "2.申请人逾期未按收费通知要求缴纳费用… 3.其他)")
        else:
            msg = ("（六）其他处理 is split into three rows, as in the 2021 format, but the report "
                   "uses the 2019 format, where it is one row")
        yield Diagnostic("S107", W, "（六）其他处理的格式与报告格式不符 (other-handling rows do not "
                         f"match the report's format): {msg}",
                         span=first_span(other.span if other else None, table.span))
    # missing rows: one diagnostic naming them all, so a badly damaged table stays readable
    missing = [spec.key for spec in expected if spec.key not in present]
    if missing:
        yield Diagnostic(
            "S102", E,
            f"申请情况表缺少{len(missing)}行 (row{'s' if len(missing) > 1 else ''} missing from "
            f"{TABLE_APPLICATIONS}): " + "；".join(row_name(k) for k in missing),
            span=table.span, expected=len(expected), actual=len(expected) - len(missing),
        )
    # duplicated, unexpected and misplaced rows
    seen: dict[str, Row] = {}
    last_index = -1
    for r in table.rows:
        if r.key is None:
            continue
        if r.key in seen:
            yield Diagnostic(
                "S103", W,
                f"行重复 (row repeated): {row_name(r.key)} appears more than once; the first one is used "
                "in the arithmetic",
                span=first_span(r.span, first_span(*spans(r.cells))),
                related=spans(seen[r.key].cells),
            )
            continue
        seen[r.key] = r
        if r.key not in expected_keys:
            yield Diagnostic(
                "S110", W,
                f"行不属于此格式 (row not in this format): {row_name(r.key)} belongs to a different "
                f"version of the table than the other rows ({shape} format)",
                span=first_span(r.span, *spans(r.cells)),
            )
            continue
        idx = expected_keys.index(r.key)
        if idx < last_index:
            yield Diagnostic(
                "S111", W,
                f"行顺序错误 (row out of order): {row_name(r.key)} is printed after rows that come after "
                "it in the official table",
                span=first_span(r.span, *spans(r.cells)),
            )
        last_index = max(last_index, idx)
    for r in table.rows:
        yield from cell_count(TABLE_APPLICATIONS, r, N_APP, row_name(r.key, r.label))


def _arithmetic(view: AppView) -> Iterator[Diagnostic]:
    """A1 per column, A2 per column, A3 per row; where a failing row meets a failing column the
    diagnostic points at that cell.  Then D101 for the rows and columns involved."""
    table = view.table
    # A3 per row (every row that can be aligned, placed or not)
    a3_fail: dict[int, tuple[Row, tuple[Cell, ...], Value, ids.Equation]] = {}
    for r in table.rows:
        cells = view.aligned(r)
        if cells is None:
            continue
        eq3 = ids.a3(r.key)
        sides3 = eq3.evaluate(row_values(cells, r.key))
        assert sides3 is not None
        if sides3[0] != sides3[1]:
            a3_fail[id(r)] = (r, cells, sides3[0], eq3)
    a3_rows = {r.key for r, _, _, _ in a3_fail.values() if r.key is not None}
    # column identities
    a1_fail: dict[int, tuple[Value, Value, ids.Equation]] = {}
    if all(k in view.first and view.aligned(view.first[k]) is not None for k in ids.A1_ROWS):
        for j, col in enumerate(APP_COLUMN_KEYS):
            eq1 = ids.a1(col)
            sides1 = eq1.evaluate(view.value)
            assert sides1 is not None
            if sides1[0] != sides1[1]:
                a1_fail[j] = (*sides1, eq1)
    a2_fail: dict[int, tuple[Value, Value, ids.Equation]] = {}
    result_keys = view.result_keys()
    if ("total" in view.first and view.aligned(view.first["total"]) is not None and bool(result_keys)
            and all(view.aligned(view.first[k]) is not None for k in result_keys)):
        for j, col in enumerate(APP_COLUMN_KEYS):
            eq2 = ids.a2(col, result_keys)
            sides2 = eq2.evaluate(view.value)
            assert sides2 is not None
            if sides2[0] != sides2[1]:
                a2_fail[j] = (*sides2, eq2)

    def col_fails(key: str | None, j: int) -> bool:
        """Whether the cell of row ``key`` in column ``j`` takes part in a failing column identity:
        A1 fails in that column and the row is one of A1's, or A2 fails there and the row is a
        result row or the total."""
        return (j in a1_fail and key in ids.A1_ROWS) or (j in a2_fail and (key in result_keys or key == "total"))

    for j, (left, right, eq1) in a1_fail.items():
        yield _a1(view, j, left, right, eq1, a3_rows)
    for j, (s, t, eq2) in a2_fail.items():
        yield _a2(view, j, s, t, eq2, result_keys, a3_rows)
    for r, cells, s, eq3 in a3_fail.values():
        failing_cols = [j for j in range(N_APP) if col_fails(r.key, j)]
        primary3 = cells[APP_TOTAL]
        note3 = None
        if len(failing_cols) == 1:
            primary3 = cells[failing_cols[0]]
            if failing_cols[0] != APP_TOTAL:
                note3 = (f"the {APPLICATION_COLUMNS[failing_cols[0]].label} column does not add up either, "
                         "so that cell is the likelier culprit")
        yield Diagnostic(
            "A3", W,
            f"行合计不符 (row total does not add up) in {row_name(r.key, r.label)}: 总计 is "
            f"{printed(cells[APP_TOTAL])}, but 自然人 + 法人或其他组织 (5 columns) add up to {fmt(s)} "
            "(the applicant columns should sum to the total)",
            span=primary3.span,
            related=spans(c for c in cells if c is not primary3),
            expected=s, actual=cells[APP_TOTAL].number, suggestion=note3, cells=eq3.cells,
        )
    yield from app_split_digits(view, a3_fail.keys(), a1_fail.keys() | a2_fail.keys())


def _a1(view: AppView, j: int, left: Value, right: Value, eq: ids.Equation,
        a3_rows: set[str]) -> Diagnostic:
    """A1 failing in column ``j``; where exactly one of its rows fails A3 too, that cell is the
    likelier culprit and the suggestion says which value would make both hold."""
    cells4 = {k: view.cell(k, j) for k in ids.A1_ROWS}
    suspects = [k for k in ids.A1_ROWS if k in a3_rows]
    suggestion = None
    if len(suspects) == 1:
        k = suspects[0]
        c = cells4[k]
        assert c is not None
        fixed = (right - (left - c.number)) if k in ids.A1_LEFT else (left - (right - c.number))
        row_cells = view.aligned(view.first[k])
        assert row_cells is not None
        row_sum = ids.a3(k).evaluate(row_values(row_cells, k))
        assert row_sum is not None
        # the cell's new value must also let its row add up
        row_total = fixed if j == APP_TOTAL else row_cells[APP_TOTAL].number
        parts = row_sum[0] if j == APP_TOTAL else row_sum[0] - c.number + fixed
        also = parts == row_total
        suggestion = (
            f"the {APPLICATION_COLUMNS[j].label} cell of {short_row(k)} "
            f"(printed {c.raw or 'blank'}) also disagrees with its row's 总计 (A3)"
            + (f"; {fmt(fixed)} there would make both hold — check the source" if also else "")
        )
        primary = c
    else:
        primary = cells4["total"]  # type: ignore[assignment]
    others = [c for c in cells4.values() if c is not primary]
    n_, co, t, cf = (cells4[k].number for k in ids.A1_ROWS)  # type: ignore[union-attr]
    return Diagnostic(
        "A1", E,
        f"勾稽关系不成立 (the table's own identity fails) in column {app_col_name(j)}: "
        f"一、本年新收 + 二、上年结转 = {fmt(n_)} + {fmt(co)} = {fmt(left)}, but （七）总计 + "
        f"四、结转下年度继续办理 = {fmt(t)} + {fmt(cf)} = {fmt(right)} "
        "(new + carried over should equal total answered + carried forward)",
        span=primary.span if primary is not None else None, related=spans(others),
        expected=left, actual=right, suggestion=suggestion, cells=eq.cells,
    )


def _a2(view: AppView, j: int, s: Value, t: Value, eq: ids.Equation, result_keys: tuple[str, ...],
        a3_rows: set[str]) -> Diagnostic:
    """A2 failing in column ``j``; a result row failing A3 too is the likelier culprit."""
    total_cell = view.cell("total", j)
    parts = [view.cell(k, j) for k in result_keys]
    suspects2 = [k for k in (*result_keys, "total") if k in a3_rows]
    primary2 = total_cell
    note = None
    if len(suspects2) == 1:
        primary2 = view.cell(suspects2[0], j)
        note = (f"the {APPLICATION_COLUMNS[j].label} cell of {short_row(suspects2[0])} "
                "also disagrees with its row's 总计 (A3)")
    return Diagnostic(
        "A2", W,
        f"办理结果合计不符 (results do not add up) in column {app_col_name(j)}: （七）总计 is "
        f"{printed(total_cell)}, but （一） through （六） add up to {fmt(s)} (the result rows should sum to the "
        "total answered)",
        span=primary2.span if primary2 is not None else None,
        related=spans(c for c in [total_cell, *parts] if c is not primary2),
        expected=s, actual=t, suggestion=note, cells=eq.cells,
    )
