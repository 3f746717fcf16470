"""Validation of a parsed report: the format's arithmetic and structure (spec §6).

:func:`validate` checks one report, :func:`validate_series` checks the reports of one agency
in consecutive years against each other.  Both are pure functions over the AST in
:mod:`govinfo_parse.nodes`: they never change a value (the report is the user's evidence) and
never raise, whatever the report holds — a missing table, a row with too few or too many
cells, a row whose label could not be placed.  Every diagnostic carries a stable code, listed
with an example in ``docs/diagnostics.md``:

- ``A1``–``A4`` the arithmetic the format states or implies (§6);
- ``S1xx`` shape: tables, rows, cells, sections, format against year;
- ``V1xx`` values: blanks, placeholders, negative counts, units;
- ``X1xx`` the prose against the tables;
- ``D1xx`` suggestions where a split or joined number would explain a failed sum;
- ``R1xx`` across the reports of a series;
- ``I001`` a check that failed internally (reported, never raised).

Where a diagnostic involves cells, ``span`` is the cell most likely at fault (where a failing
row meets a failing column, else the printed total) and ``related`` the other cells involved.
For a sum, ``expected`` is what the parts add up to and ``actual`` what is printed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from .formats.labels import (
    APPLICATION_COLUMNS,
    APPLICATION_GROUPS,
    APPLICATION_ROW_BY_KEY,
    APPLICATION_ROWS,
    REVIEW_COLUMNS,
    SECTION_TITLES,
    ColumnSpec,
    ItemSpec,
    application_rows,
    numeral_text,
    proactive_items,
)
from .nodes import (
    ApplicationTable,
    Cell,
    CellState,
    Diagnostic,
    ItemTable,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Severity,
    Span,
    Value,
)

__all__ = ["validate", "validate_series", "validate_series_indexed"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# --------------------------------------------------------------------------------------------
# Names: official labels (from labels.py) with a short English gloss
# --------------------------------------------------------------------------------------------

_ROW_GLOSS: dict[str, str] = {
    "new": "new applications",
    "carried_over": "carried over from last year",
    "granted": "disclosed",
    "partly_granted": "partly disclosed",
    "withheld.state_secret": "withheld: state secret",
    "withheld.prohibited": "withheld: prohibited by law",
    "withheld.three_safeties": "withheld: security and stability",
    "withheld.third_party": "withheld: third-party rights",
    "withheld.internal": "withheld: internal affairs",
    "withheld.process": "withheld: process information",
    "withheld.enforcement_file": "withheld: enforcement case file",
    "withheld.query": "withheld: administrative query",
    "unavailable.not_held": "unavailable: not held",
    "unavailable.needs_creation": "unavailable: would have to be created",
    "unavailable.unclear": "unavailable: still unclear",
    "not_processed.petition": "not processed: petition or complaint",
    "not_processed.repeated": "not processed: repeated",
    "not_processed.publication": "not processed: publication",
    "not_processed.excessive": "not processed: excessive",
    "not_processed.confirmation": "not processed: confirmation",
    "other": "other handling",
    "other.no_correction": "other: not corrected in time",
    "other.unpaid_fee": "other: fee not paid",
    "other.other": "other: other",
    "total": "total answered",
    "carried_forward": "carried forward to next year",
}
_COL_GLOSS: dict[str, str] = {
    "natural_person": "natural persons",
    "business": "businesses",
    "research": "research institutions",
    "nonprofit": "non-profits",
    "legal_service": "legal services",
    "other_org": "other organisations",
    "total": "total",
}
_REVIEW_GROUP_LABEL: dict[str, tuple[str, str]] = {
    "review": ("行政复议", "administrative review"),
    "suit_direct": ("行政诉讼/未经复议直接起诉", "lawsuits without prior review"),
    "suit_after_review": ("行政诉讼/复议后起诉", "lawsuits after review"),
}
_REVIEW_RESULT_GLOSS = {"upheld": "upheld", "corrected": "corrected", "other": "other result",
                        "pending": "pending", "total": "total"}


def _numeral(n: int) -> str:
    return numeral_text(n) if 1 <= n <= 99 else str(n)


def _section_name(n: int) -> str:
    return f"{_numeral(n)}、{SECTION_TITLES.get(n, '')}"


_T_PROACTIVE = f"{_section_name(2)} (proactive disclosure tables)"
_T_APP = f"{_section_name(3)} (application table)"
_T_REVIEW = f"{_section_name(4)} (review and litigation table)"


def _row_name(key: str | None, printed: str = "") -> str:
    if key is None:
        return f"“{printed}” (unplaced row)"
    spec = APPLICATION_ROW_BY_KEY.get(key)
    if spec is None:
        return f"“{printed or key}”"
    label = spec.label
    if spec.group is not None and spec.group in APPLICATION_GROUPS and spec.group != "results":
        label = f"{APPLICATION_GROUPS[spec.group]}/{label}"
    return f"{label} ({_ROW_GLOSS.get(key, key)})"


def _short_row(key: str | None, printed: str = "") -> str:
    """The official label alone (for sums that name many rows)."""
    if key is None:
        return f"“{printed}”"
    spec = APPLICATION_ROW_BY_KEY.get(key)
    return spec.label if spec is not None else key


def _app_col_name(j: int) -> str:
    c = APPLICATION_COLUMNS[j]
    return f"{c.label} ({_COL_GLOSS.get(c.key, c.key)})"


def _review_col_name(j: int) -> str:
    c = REVIEW_COLUMNS[j]
    group, result = c.key.split(".", 1)
    label, gloss = _REVIEW_GROUP_LABEL.get(group, (group, group))
    return f"{label}/{c.label} ({gloss}, {_REVIEW_RESULT_GLOSS.get(result, result)})"


def _printed(c: Cell | None) -> str:
    """A printed total for a message: its value, or what stands in for one (counted as 0)."""
    if c is None:
        return "—"
    if c.state is CellState.BLANK:
        return "left blank (counted as 0)"
    if c.state is CellState.PLACEHOLDER or c.value is None:
        return f"“{c.raw}” (counted as 0)"
    return _fmt(c.value)


def _fmt(v: Value | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


# --------------------------------------------------------------------------------------------
# Small helpers over cells
# --------------------------------------------------------------------------------------------

_N_APP = len(APPLICATION_COLUMNS)
_APP_TOTAL = _N_APP - 1
_APPLICANTS = range(_APP_TOTAL)
_N_REVIEW = len(REVIEW_COLUMNS)
_A1_LEFT = ("new", "carried_over")
_A1_RIGHT = ("total", "carried_forward")
_A1_ROWS = _A1_LEFT + _A1_RIGHT
_RESULT_KEYS = tuple(r.key for r in APPLICATION_ROWS if r.group is not None and r.key != "total")


def _is_num(c: Cell) -> bool:
    return c.state is CellState.NUMBER and c.value is not None


def _spans(cells: Iterable[Cell | None]) -> tuple[Span, ...]:
    return tuple(c.span for c in cells if c is not None and c.span is not None)


def _first_span(*candidates: Span | None) -> Span | None:
    for s in candidates:
        if s is not None:
            return s
    return None


def _aligned(cells: Sequence[Cell], n: int) -> tuple[Cell, ...] | None:
    """The cells in column order if the row can be aligned with ``n`` columns: exactly n cells,
    or more whose surplus at the end is blank."""
    if len(cells) == n:
        return tuple(cells)
    if len(cells) > n and all(c.state is CellState.BLANK for c in cells[n:]):
        return tuple(cells[:n])
    return None


def _sum(values: Iterable[Value]) -> Value:
    total: Value = 0
    for v in values:
        total = total + v
    return total


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def validate(report: Report) -> tuple[Diagnostic, ...]:
    """Check one report against its format (spec §6).  Pure; never raises.

    Returns the diagnostics in a stable order: document-level shape first, then each table's
    shape, values and arithmetic, then prose against the tables.
    """
    out: list[Diagnostic] = []
    for check in _CHECKS:
        try:
            out.extend(check(report))
        except Exception as e:  # a validator must never take the parse down with it
            out.append(_internal(check.__name__, e))
    return tuple(out)


def validate_series(reports: Sequence[Report]) -> tuple[Diagnostic, ...]:
    """Check the reports of one agency in consecutive years against each other.  Never raises.

    The reports are sorted by ``metadata.year``; a report without a year is reported (R101)
    and left out.  Checks: 四、结转下年度继续办理 (N) = 二、上年结转 (N+1) per column (R104), and in
    the 2021 format 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N) (R105).
    """
    return tuple(d for _, d in validate_series_indexed(reports))


def validate_series_indexed(reports: Sequence[Report]) -> tuple[tuple[int | None, Diagnostic], ...]:
    """:func:`validate_series`, each diagnostic paired with the index (into ``reports``) of the
    report its ``span`` points into (None when it points nowhere), so a caller holding several
    files can say which file a line number belongs to."""
    try:
        return tuple(_series(reports))
    except Exception as e:
        return ((None, _internal("validate_series", e)),)


def _internal(where: str, e: Exception) -> Diagnostic:
    return Diagnostic(
        "I001", W,
        f"内部错误 (internal error): the check {where} failed ({type(e).__name__}: {e}); "
        "the other checks ran — please report this with the input file",
    )


# --------------------------------------------------------------------------------------------
# Document shape: format against year, sections, missing tables
# --------------------------------------------------------------------------------------------


def _check_document(report: Report) -> Iterator[Diagnostic]:
    fmt = report.format
    year = report.metadata.year
    title_span = None
    for b in report.preamble:
        title_span = getattr(b, "span", None)
        if title_span is not None:
            break
    if year is not None:
        wanted: ReportFormat | None
        if year >= 2021:
            wanted = ReportFormat.F2021
        elif year >= 2019:
            wanted = ReportFormat.F2019
        else:
            wanted = ReportFormat.LEGACY
        if fmt is not wanted:
            why = {
                ReportFormat.F2021: "reports on 2021 onward use the 2021 format (国办公开办函〔2021〕30号)",
                ReportFormat.F2019: "reports on 2019 and 2020 use the 2019 format (国办公开办函〔2019〕60号)",
                ReportFormat.LEGACY: "reports on 2018 and earlier predate the 2019 format",
            }[wanted]
            yield Diagnostic(
                "S106", W,
                f"报告年度 {year} 与表格格式不符 (format does not match the year): the report uses the "
                f"{_fmt_name(fmt)} but {why}",
                span=title_span, expected=None, actual=None,
                suggestion=f"expected the {_fmt_name(wanted)}",
            )
    if fmt is ReportFormat.LEGACY:
        return
    # sections 一 … 六
    numbered = [s for s in report.sections if s.number is not None]
    present = {s.number for s in numbered}
    first = report.sections[0].span if report.sections else None
    for n in range(1, 7):
        if n not in present:
            yield Diagnostic(
                "S108", W,
                f"缺少第{numeral_text(n)}部分 (section missing): {_section_name(n)}",
                span=first,
            )
    seen: set[int] = set()
    last = 0
    for s in numbered:
        assert s.number is not None
        if s.number in seen:
            yield Diagnostic("S109", W,
                             f"第{_numeral(s.number)}部分重复 (section repeated): "
                             f"{_numeral(s.number)}、{s.title}", span=s.span)
        elif s.number < last:
            yield Diagnostic("S109", W,
                             f"第{_numeral(s.number)}部分顺序错误 (section out of order): "
                             f"{_numeral(s.number)}、{s.title} comes after section {_numeral(last)}",
                             span=s.span)
        seen.add(s.number)
        last = max(last, s.number)
    # the three statistics tables
    for name, present_table, section in (
        (_T_PROACTIVE, report.proactive, 2),
        (_T_APP, report.applications, 3),
        (_T_REVIEW, report.reviews, 4),
    ):
        if present_table is None:
            sec = report.section(section)
            yield Diagnostic(
                "S101", E,
                f"缺少统计表 (table missing): {name}; the {_fmt_name(fmt)} requires it",
                span=_first_span(sec.span if sec is not None else None, first),
            )
    pro = report.proactive
    if pro is not None:
        pro_fmt = ReportFormat.F2019 if isinstance(pro, ProactiveTable2019) else ReportFormat.F2021
        if pro_fmt is not fmt:
            yield Diagnostic(
                "S113", W,
                f"主动公开表格式与报告格式不符 (section 二 table format differs from the report's): "
                f"the tables of {_section_name(2)} follow the {_fmt_name(pro_fmt)}, "
                f"the report the {_fmt_name(fmt)}",
                span=pro.span,
            )


def _fmt_name(fmt: ReportFormat) -> str:
    return {ReportFormat.LEGACY: "legacy format (2008–2018)", ReportFormat.F2019: "2019 format",
            ReportFormat.F2021: "2021 format"}[fmt]


# --------------------------------------------------------------------------------------------
# Section 三: the application table
# --------------------------------------------------------------------------------------------


class _AppView:
    """The application table read for checking: first row per key, aligned cells."""

    def __init__(self, table: ApplicationTable) -> None:
        self.table = table
        self.first: dict[str, Row] = {}
        for r in table.rows:
            if r.key is not None and r.key not in self.first:
                self.first[r.key] = r
        self.cells: dict[int, tuple[Cell, ...] | None] = {
            id(r): _aligned(r.cells, _N_APP) for r in table.rows
        }

    def aligned(self, row: Row) -> tuple[Cell, ...] | None:
        return self.cells.get(id(row))

    def cell(self, key: str, j: int) -> Cell | None:
        r = self.first.get(key)
        if r is None:
            return None
        cells = self.aligned(r)
        return cells[j] if cells is not None else None

    def result_keys(self) -> tuple[str, ...]:
        return tuple(k for k in _RESULT_KEYS if k in self.first)

    def shape(self) -> str:
        """Which （六）其他处理 shape the rows show: "2019", "2021", or the table's own."""
        keys = self.first.keys()
        if any(k.startswith("other.") for k in keys):
            return "2021"
        if "other" in keys:
            return "2019"
        return self.table.format.value if self.table.format is not ReportFormat.LEGACY else "2021"


def _check_applications(report: Report) -> Iterator[Diagnostic]:
    table = report.applications
    if table is None:
        return
    view = _AppView(table)
    yield from _app_shape(report, view)
    yield from _values(_T_APP, [(r, _aligned(r.cells, _N_APP), APPLICATION_COLUMNS) for r in table.rows])
    yield from _app_arithmetic(view)


def _app_shape(report: Report, view: _AppView) -> Iterator[Diagnostic]:
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
                         span=_first_span(other.span if other else None, table.span))
    # missing rows: one diagnostic naming them all, so a badly damaged table stays readable
    missing = [spec.key for spec in expected if spec.key not in present]
    if missing:
        yield Diagnostic(
            "S102", E,
            f"申请情况表缺少{len(missing)}行 (row{'s' if len(missing) > 1 else ''} missing from "
            f"{_T_APP}): " + "；".join(_row_name(k) for k in missing),
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
                f"行重复 (row repeated): {_row_name(r.key)} appears more than once; the first one is used "
                "in the arithmetic",
                span=_first_span(r.span, _first_span(*_spans(r.cells))),
                related=_spans(seen[r.key].cells),
            )
            continue
        seen[r.key] = r
        if r.key not in expected_keys:
            yield Diagnostic(
                "S110", W,
                f"行不属于此格式 (row not in this format): {_row_name(r.key)} belongs to a different "
                f"version of the table than the other rows ({shape} format)",
                span=_first_span(r.span, *_spans(r.cells)),
            )
            continue
        idx = expected_keys.index(r.key)
        if idx < last_index:
            yield Diagnostic(
                "S111", W,
                f"行顺序错误 (row out of order): {_row_name(r.key)} is printed after rows that come after "
                "it in the official table",
                span=_first_span(r.span, *_spans(r.cells)),
            )
        last_index = max(last_index, idx)
    # cell counts
    for r in table.rows:
        yield from _cell_count(_T_APP, r, _N_APP, _row_name(r.key, r.label))


def _cell_count(table_name: str, r: Row | None, n: int, name: str, cells: Sequence[Cell] | None = None,
                span: Span | None = None) -> Iterator[Diagnostic]:
    cells = r.cells if r is not None else (cells or ())
    row_span = r.span if r is not None else span
    if len(cells) == n:
        return
    where = _first_span(row_span, *_spans(cells))
    if _aligned(cells, n) is not None:
        yield Diagnostic(
            "S105", W,
            f"多余的空白单元格 (extra blank cells): {name} in {table_name} has {len(cells)} cells where the "
            f"table has {n} columns; the {len(cells) - n} blank cell(s) at the end are ignored",
            span=where, expected=n, actual=len(cells),
        )
        return
    few = len(cells) < n
    yield Diagnostic(
        "S104", E,
        f"单元格数量不符 (too {'few' if few else 'many'} cells): {name} in {table_name} has {len(cells)} "
        f"value cells, the table has {n} columns; its numbers cannot be placed in columns and are left out "
        "of the arithmetic",
        span=where, related=_spans(cells), expected=n, actual=len(cells),
    )


def _row_total_value(cells: Sequence[Cell]) -> Value:
    return _sum(cells[j].number for j in _APPLICANTS)


def _app_arithmetic(view: _AppView) -> Iterator[Diagnostic]:
    table = view.table
    # A3 per row
    a3_fail: dict[int, tuple[Row, tuple[Cell, ...], Value]] = {}
    for r in table.rows:
        cells = view.aligned(r)
        if cells is None:
            continue
        s = _row_total_value(cells)
        if s != cells[_APP_TOTAL].number:
            a3_fail[id(r)] = (r, cells, s)
    a3_rows = {r.key for r, _, _ in a3_fail.values() if r.key is not None}
    # column identities
    a1_fail: dict[int, tuple[Value, Value]] = {}
    a1_ok = all(k in view.first and view.aligned(view.first[k]) is not None for k in _A1_ROWS)
    if a1_ok:
        for j in range(_N_APP):
            left = _sum(view.cell(k, j).number for k in _A1_LEFT)  # type: ignore[union-attr]
            right = _sum(view.cell(k, j).number for k in _A1_RIGHT)  # type: ignore[union-attr]
            if left != right:
                a1_fail[j] = (left, right)
    a2_fail: dict[int, tuple[Value, Value]] = {}
    result_keys = view.result_keys()
    a2_ok = ("total" in view.first and view.aligned(view.first["total"]) is not None and bool(result_keys)
             and all(view.aligned(view.first[k]) is not None for k in result_keys))
    if a2_ok:
        for j in range(_N_APP):
            s = _sum(view.cell(k, j).number for k in result_keys)  # type: ignore[union-attr]
            t = view.cell("total", j).number  # type: ignore[union-attr]
            if s != t:
                a2_fail[j] = (s, t)

    def col_fails(key: str | None, j: int) -> bool:
        return (j in a1_fail and key in _A1_ROWS) or (j in a2_fail and (key in result_keys or key == "total"))

    # A1 (error)
    for j, (left, right) in a1_fail.items():
        cells4 = {k: view.cell(k, j) for k in _A1_ROWS}
        suspects = [k for k in _A1_ROWS if k in a3_rows]
        suggestion = None
        if len(suspects) == 1:
            k = suspects[0]
            c = cells4[k]
            assert c is not None
            fixed = (right - (left - c.number)) if k in _A1_LEFT else (left - (right - c.number))
            row_cells = view.aligned(view.first[k])
            assert row_cells is not None
            if j == _APP_TOTAL:
                also = fixed == _row_total_value(row_cells)
            else:
                also = _row_total_value(row_cells) - c.number + fixed == row_cells[_APP_TOTAL].number
            suggestion = (
                f"the {APPLICATION_COLUMNS[j].label} cell of {_short_row(k)} "
                f"(printed {c.raw or 'blank'}) also disagrees with its row's 总计 (A3)"
                + (f"; {_fmt(fixed)} there would make both hold — check the source" if also else "")
            )
            primary = c
        else:
            primary = cells4["total"]  # type: ignore[assignment]
        others = [c for c in cells4.values() if c is not primary]
        n_, co, t, cf = (cells4[k].number for k in _A1_ROWS)  # type: ignore[union-attr]
        yield Diagnostic(
            "A1", E,
            f"勾稽关系不成立 (the table's own identity fails) in column {_app_col_name(j)}: "
            f"一、本年新收 + 二、上年结转 = {_fmt(n_)} + {_fmt(co)} = {_fmt(left)}, but （七）总计 + "
            f"四、结转下年度继续办理 = {_fmt(t)} + {_fmt(cf)} = {_fmt(right)} "
            "(new + carried over should equal total answered + carried forward)",
            span=primary.span if primary is not None else None, related=_spans(others),
            expected=left, actual=right, suggestion=suggestion,
        )
    # A2 (warning)
    for j, (s, t) in a2_fail.items():
        total_cell = view.cell("total", j)
        parts = [view.cell(k, j) for k in result_keys]
        suspects2 = [k for k in (*result_keys, "total") if k in a3_rows]
        primary2 = total_cell
        note = None
        if len(suspects2) == 1:
            primary2 = view.cell(suspects2[0], j)
            note = (f"the {APPLICATION_COLUMNS[j].label} cell of {_short_row(suspects2[0])} "
                    "also disagrees with its row's 总计 (A3)")
        yield Diagnostic(
            "A2", W,
            f"办理结果合计不符 (results do not add up) in column {_app_col_name(j)}: （七）总计 is "
            f"{_printed(total_cell)}, but （一） through （六） add up to {_fmt(s)} (the result rows should sum to the "
            "total answered)",
            span=primary2.span if primary2 is not None else None,
            related=_spans(c for c in [total_cell, *parts] if c is not primary2),
            expected=s, actual=t, suggestion=note,
        )
    # A3 (warning)
    for r, cells, s in a3_fail.values():
        failing_cols = [j for j in range(_N_APP) if col_fails(r.key, j)]
        primary3 = cells[_APP_TOTAL]
        note3 = None
        if len(failing_cols) == 1:
            primary3 = cells[failing_cols[0]]
            if failing_cols[0] != _APP_TOTAL:
                note3 = (f"the {APPLICATION_COLUMNS[failing_cols[0]].label} column does not add up either, "
                         "so that cell is the likelier culprit")
        yield Diagnostic(
            "A3", W,
            f"行合计不符 (row total does not add up) in {_row_name(r.key, r.label)}: 总计 is "
            f"{_printed(cells[_APP_TOTAL])}, but 自然人 + 法人或其他组织 (5 columns) add up to {_fmt(s)} "
            "(the applicant columns should sum to the total)",
            span=primary3.span,
            related=_spans(c for c in cells if c is not primary3),
            expected=s, actual=cells[_APP_TOTAL].number, suggestion=note3,
        )
    yield from _app_split_digits(view, a3_fail.keys(), a1_fail.keys() | a2_fail.keys())


# --------------------------------------------------------------------------------------------
# Section 四: review and litigation
# --------------------------------------------------------------------------------------------


def _check_reviews(report: Report) -> Iterator[Diagnostic]:
    table = report.reviews
    if table is None:
        return
    yield from _cell_count(_T_REVIEW, None, _N_REVIEW, "the value row", cells=table.cells, span=table.span)
    cells = _aligned(table.cells, _N_REVIEW)
    yield from _values(_T_REVIEW, [(None, cells, REVIEW_COLUMNS)], raw_cells=table.cells)
    if cells is not None:
        for g in range(3):
            group = cells[g * 5:(g + 1) * 5]
            s = _sum(c.number for c in group[:4])
            if s != group[4].number:
                label, gloss = _REVIEW_GROUP_LABEL[REVIEW_COLUMNS[g * 5].key.split(".")[0]]
                yield Diagnostic(
                    "A4", W,
                    f"{label}总计不符 ({gloss}: total does not add up): 总计 is {_printed(group[4])}, but "
                    f"结果维持 + 结果纠正 + 其他结果 + 尚未审结 = "
                    f"{' + '.join(_fmt(c.number) for c in group[:4])} = {_fmt(s)} "
                    "(upheld + corrected + other + pending should equal the total)",
                    span=group[4].span, related=_spans(group[:4]), expected=s, actual=group[4].number,
                )
    yield from _review_split_digits(table)


# --------------------------------------------------------------------------------------------
# Section 二: proactive disclosure
# --------------------------------------------------------------------------------------------


def _check_proactive(report: Report) -> Iterator[Diagnostic]:
    pro = report.proactive
    if pro is None:
        return
    fmt = "2019" if isinstance(pro, ProactiveTable2019) else "2021"
    specs = {s.key: s for s in proactive_items(fmt)}
    seen: set[str] = set()
    rows_for_values: list[tuple[Row | None, tuple[Cell, ...] | None, Sequence[ColumnSpec]]] = []
    for item in pro.items:
        spec = specs.get(item.item)
        if spec is None:
            yield Diagnostic(
                "S112", W,
                f"子表不属于此格式 (sub-table not in this format): {item.item} is not one of the "
                f"{fmt}-format sub-tables of {_section_name(2)}",
                span=item.span,
            )
            continue
        if item.item in seen:
            yield Diagnostic("S112", W, f"子表重复 (sub-table repeated): {spec.label}", span=item.span)
            continue
        seen.add(item.item)
        yield from _item_shape(item, spec)
        for r in item.rows:
            rows_for_values.append((r, _aligned(r.cells, len(spec.columns)), spec.columns))
    for key, spec in specs.items():
        if key not in seen:
            yield Diagnostic(
                "S112", W,
                f"缺少子表 (sub-table missing): {spec.label} (Article 20 item) is not in {_section_name(2)}",
                span=pro.span,
            )
    yield from _values(_T_PROACTIVE, rows_for_values)


def _item_shape(item: ItemTable, spec: ItemSpec) -> Iterator[Diagnostic]:
    keys = [r.key for r in spec.rows]
    names = {r.key: r.label for r in spec.rows}
    present: set[str] = set()
    for r in item.rows:
        name = f"{spec.label}/{names.get(r.key or '', r.label)}"
        if r.key is not None:
            if r.key not in keys:
                yield Diagnostic("S112", W, f"行不属于此子表 (row not in this sub-table): “{r.label}” in "
                                 f"{spec.label}", span=_first_span(r.span, *_spans(r.cells)))
            elif r.key in present:
                yield Diagnostic("S103", W, f"行重复 (row repeated): {name}",
                                 span=_first_span(r.span, *_spans(r.cells)))
            present.add(r.key)
        yield from _cell_count(_T_PROACTIVE, r, len(spec.columns), name)
    for k in keys:
        if k not in present:
            yield Diagnostic("S112", W, f"缺少一行 (row missing): {spec.label}/{names[k]}", span=item.span)


# --------------------------------------------------------------------------------------------
# Values: blanks, placeholders, negatives, units
# --------------------------------------------------------------------------------------------


def _values(table_name: str,
            rows: Sequence[tuple[Row | None, tuple[Cell, ...] | None, Sequence[ColumnSpec]]],
            raw_cells: Sequence[Cell] | None = None) -> Iterator[Diagnostic]:
    blanks: list[tuple[str, Cell]] = []
    placeholders: list[tuple[str, Cell]] = []
    for row, cells, columns in rows:
        row_label = _row_name(row.key, row.label) if row is not None and columns is APPLICATION_COLUMNS else (
            row.label if row is not None else "")
        if cells is None:
            # unaligned row: only column-independent checks
            for c in (row.cells if row is not None else (raw_cells or ())):
                if c.state is CellState.BLANK:
                    blanks.append((row_label, c))
                elif c.state is CellState.PLACEHOLDER:
                    placeholders.append((row_label, c))
            continue
        for col, c in zip(columns, cells, strict=False):
            where = f"{row_label}/{col.label}".strip("/") if row is not None else (
                _review_col_name(REVIEW_COLUMNS.index(col)) if col in REVIEW_COLUMNS else col.label)
            if c.state is CellState.BLANK:
                blanks.append((where, c))
                continue
            if c.state is CellState.PLACEHOLDER:
                placeholders.append((where, c))
                continue
            if c.value is None:
                continue
            if c.value < 0 and not col.signed:
                yield Diagnostic(
                    "V103", E,
                    f"负数 (negative count): {where} is {c.raw}; only 本年增/减 (change this year) may be "
                    "negative",
                    span=c.span, actual=c.value,
                )
            if col.amount:
                if col.unit is None and c.unit is None and c.value != 0:  # 0 is 0 in any unit
                    yield Diagnostic(
                        "V104", W,
                        f"金额缺少单位 (amount without a unit): {where} is printed “{c.raw}” without 元 or "
                        "万元, and the column header does not fix the unit",
                        span=c.span, actual=c.value,
                        suggestion="the amount's unit (元 or 万元) cannot be told from the report",
                    )
                elif col.unit is not None and c.unit is not None and c.unit != col.unit:
                    yield Diagnostic(
                        "V106", W,
                        f"金额单位与表头不符 (unit differs from the header): {where} is printed “{c.raw}” "
                        f"but the column header says 单位：{col.unit}",
                        span=c.span, actual=c.value,
                    )
            elif isinstance(c.value, Decimal) and c.value != c.value.to_integral_value():
                yield Diagnostic(
                    "V105", W,
                    f"件数不是整数 (count is not a whole number): {where} is {c.raw}",
                    span=c.span, actual=c.value,
                )
    if placeholders:
        yield _grouped(
            "V102", W, placeholders,
            f"占位符 (placeholder in a numeric cell): {len(placeholders)} cell(s) of {table_name} hold a "
            "placeholder such as “/”, “—” or “无” instead of a number; they count as 0 in the arithmetic",
        )
    if blanks:
        yield _grouped(
            "V101", INFO, blanks,
            f"空白单元格 (blank cells): {len(blanks)} cell(s) of {table_name} are blank; they count as 0 "
            "in the arithmetic",
        )


def _grouped(code: str, sev: Severity, items: Sequence[tuple[str, Cell]], msg: str) -> Diagnostic:
    shown = ", ".join(f"{w} “{c.raw}”" if c.raw else w for w, c in items[:3] if w)
    more = f" and {len(items) - 3} more" if len(items) > 3 else ""
    return Diagnostic(
        code, sev, msg + (f" — {shown}{more}" if shown else ""),
        span=items[0][1].span, related=_spans(c for _, c in items[1:]), actual=len(items),
    )


# --------------------------------------------------------------------------------------------
# Split-digit suspicion
# --------------------------------------------------------------------------------------------

_Token = tuple[Cell | None, Value | None]
"""A cell of a re-segmented row: the source cell (None for a joined/split one) and its value."""


def _digits(c: Cell) -> str | None:
    raw = c.raw.strip()
    if c.state is CellState.NUMBER and isinstance(c.value, int) and raw.isascii() and raw.isdigit():
        return raw
    return None


def _resegmentations(cells: Sequence[Cell], n: int) -> Iterator[tuple[list[Value | None], list[int], str]]:
    """Ways to read the row's printed digits as ``n`` cells by joining two adjacent single-digit
    cells and/or splitting one multi-digit cell.  Yields (values, indices of source cells
    involved, description)."""

    def joins(seq: Sequence[Cell]) -> Iterator[tuple[int, list[tuple[int, ...]]]]:
        for i in range(len(seq) - 1):
            a, b = _digits(seq[i]), _digits(seq[i + 1])
            if a is not None and b is not None and len(a) == 1 and len(b) == 1 and a != "0":
                yield i, [(i,), (i + 1,)]

    def splits(seq: Sequence[Cell]) -> Iterator[tuple[int, int]]:
        for i, c in enumerate(seq):
            d = _digits(c)
            if d is None or len(d) < 2:
                continue
            for cut in range(1, len(d)):
                right = d[cut:]
                if len(right) > 1 and right[0] == "0":
                    continue
                yield i, cut

    def value(c: Cell) -> Value | None:
        return c.number if c.state is not CellState.BLANK or c.value is not None else 0

    base: list[Value | None] = [value(c) for c in cells]
    m = len(cells)
    if m == n + 1:
        for i, _ in joins(cells):
            vals = [*base[:i], int(cells[i].raw.strip() + cells[i + 1].raw.strip()), *base[i + 2:]]
            yield vals, [i, i + 1], f"“{cells[i].raw}” and “{cells[i + 1].raw}” read as one number"
    elif m == n - 1:
        for i, cut in splits(cells):
            d = cells[i].raw.strip()
            vals = [*base[:i], int(d[:cut]), int(d[cut:]), *base[i + 1:]]
            yield vals, [i], f"“{d}” read as two numbers {d[:cut]} and {d[cut:]}"
    elif m == n:
        for (i, _), (k, cut) in itertools.product(list(joins(cells)), list(splits(cells))):
            if k in (i, i + 1):
                continue
            d = cells[k].raw.strip()
            joined = int(cells[i].raw.strip() + cells[i + 1].raw.strip())
            parts = [int(d[:cut]), int(d[cut:])]
            if k < i:
                vals = base[:k] + parts + base[k + 1:i] + [joined] + base[i + 2:]
            else:
                vals = [*base[:i], joined, *base[i + 2:k], *parts, *base[k + 1:]]
            yield vals, [i, i + 1, k], (
                f"“{cells[i].raw}” and “{cells[i + 1].raw}” read as one number {joined}, and “{d}” as two "
                f"numbers {d[:cut]} and {d[cut:]}"
            )


def _split_digit_diag(table_name: str, name: str, cells: Sequence[Cell],
                      hits: list[tuple[list[Value | None], list[int], str]],
                      sums: str) -> Diagnostic:
    involved = sorted({i for _, idx, _ in hits for i in idx})
    first = cells[involved[0]] if involved else cells[0]
    alts = "; or ".join(f"{desc} (the row would read {' | '.join(_fmt(v) for v in vals)})"
                        for vals, _, desc in hits)
    return Diagnostic(
        "D101", INFO,
        f"疑似数字拆分或合并 (digits possibly split or joined): in {name} of {table_name}, {alts} — {sums} "
        "would then hold",
        span=first.span, related=_spans(cells[i] for i in involved[1:]),
        suggestion="compare these cells with the source document; the values are kept as printed",
    )


def _app_split_digits(view: _AppView, a3_fail_ids: Iterable[int],
                      col_fail: Iterable[int]) -> Iterator[Diagnostic]:
    failing_rows = set(a3_fail_ids)
    failing_cols = set(col_fail)
    result_keys = view.result_keys()

    def column_value(key: str, j: int, override: Row, vals: Sequence[Value | None]) -> Value | None:
        r = view.first.get(key)
        if r is None:
            return None
        if r is override:
            return vals[j]
        cells = view.aligned(r)
        return cells[j].number if cells is not None else None

    for r in view.table.rows:
        aligned = view.aligned(r)
        involved = (id(r) in failing_rows or aligned is None
                    or (r.key in _A1_ROWS + result_keys + ("total",) and bool(failing_cols)))
        if not involved:
            continue
        hits = []
        for vals, idx, desc in _resegmentations(r.cells, _N_APP):
            if any(v is None for v in vals):
                continue
            if _sum(v for v in vals[:_APP_TOTAL] if v is not None) != vals[_APP_TOTAL]:
                continue
            changed = [j for j in range(_N_APP)
                       if aligned is None or aligned[j].number != vals[j]]
            ok = True
            for j in changed:
                if r.key in _A1_ROWS and r is view.first.get(r.key):
                    side = [column_value(k, j, r, vals) for k in _A1_ROWS]
                    if all(v is not None for v in side):
                        a, b, c, d = side
                        if a + b != c + d:  # type: ignore[operator]
                            ok = False
                if (r.key in result_keys or r.key == "total") and r is view.first.get(r.key):
                    parts = [column_value(k, j, r, vals) for k in result_keys]
                    tot = column_value("total", j, r, vals)
                    if tot is not None and all(v is not None for v in parts) and _sum(
                            v for v in parts if v is not None) != tot:
                        ok = False
            if ok:
                hits.append((vals, idx, desc))
        if 1 <= len(hits) <= 2:
            sums = "the row's 总计" + (" and the column identities (A1/A2)" if r.key is not None else "")
            yield _split_digit_diag(_T_APP, _row_name(r.key, r.label), r.cells, hits, sums)


def _review_split_digits(table: ReviewTable) -> Iterator[Diagnostic]:
    cells = table.cells
    aligned = _aligned(cells, _N_REVIEW)

    def holds(vals: Sequence[Value | None]) -> bool:
        for g in range(3):
            group = vals[g * 5:(g + 1) * 5]
            if any(v is None for v in group):
                return False
            if _sum(v for v in group[:4] if v is not None) != group[4]:
                return False
        return True

    if aligned is not None and holds([c.number for c in aligned]):
        return
    hits = [h for h in _resegmentations(cells, _N_REVIEW) if holds(h[0])]
    if 1 <= len(hits) <= 2:
        yield _split_digit_diag(_T_REVIEW, "the value row", cells, hits, "the three 总计 (A4)")


# --------------------------------------------------------------------------------------------
# Prose against tables
# --------------------------------------------------------------------------------------------

_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "\u3000": " ", "\u00a0": " "})
"""Full-width digits and wide spaces folded, one character for one (offsets are kept)."""
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)"
_UNIT_APP = r"\s*(?P<unit>件|项|个|份|宗)"
_UNIT_CASE = r"\s*(?P<unit>件|起|宗|个|次)"
_GAP = r"(?P<gap>[^，,。；;：:！!？?、\d（）()]{0,16}?)"
_BLACKLIST = re.compile(
    r"复议|诉讼|信访|举报|投诉|咨询|建议|提案|来信|来电|留言|网民|网友|案件|热线|工单|信箱"
)
"""Subjects other than disclosure applications, which rule a figure out when they come between
the verb and the number."""

# (kind, regex, whether text between the verb and the number must name the topic (申请/公开))
_PROSE_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("received", re.compile(
        r"(?:受理|收到|接收|接到|新收|收悉)" + _GAP + r"申请(?:公开)?(?:数量)?\s*(?:共|总计|合计|为|达)?\s*"
        + _NUM + _UNIT_APP), False),
    ("carried_over", re.compile(
        r"上一?年度?结转(?:的)?" + _GAP + r"(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
    ("carried_forward", re.compile(
        r"结转(?:至|到)?(?P<year>下一?年度?|次年|\d{4}年度?)(?:继续办理|办理|处理)?(?:的)?(?:申请)?"
        r"\s*(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
    ("carried_forward", re.compile(
        _NUM + r"\s*(?P<unit>件|项)(?:申请)?(?P<gap>[^，,。；;\d]{0,6}?)结转(?:至|到)?"
        r"(?P<year>下一?年度?|次年|\d{4}年度?)"), False),
    ("answered", re.compile(
        r"(?:办结|答复|回复)" + _GAP + r"(?:共|总计|合计|为|达)?\s*" + _NUM + _UNIT_APP), True),
    ("answered", re.compile(
        r"(?:已|共|累计|全部)办理(?:完毕|完成)?\s*(?:共|总计)?\s*" + _NUM + _UNIT_APP), False),
    ("answered", re.compile(_NUM + r"\s*(?P<unit>件|项)(?P<gap>[^，,。；;\d]{0,16}?)办结(?!率)"), False),
    ("reviews", re.compile(
        r"行政复议(?:案件|申请)?\s*(?:共|总计|合计|为)?\s*" + _NUM + _UNIT_CASE), False),
    ("lawsuits", re.compile(
        r"(?:行政)?诉讼(?:案件)?\s*(?:共|总计|合计|为)?\s*" + _NUM + _UNIT_CASE), False),
    ("category", re.compile(
        r"(?P<cat>予以公开(?:及|和|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
        r"(?:的)?(?:申请)?\s*(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
)

_CATEGORY_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "予以公开": ("（一）予以公开", ("granted",)),
    "部分公开": ("（二）部分公开", ("partly_granted",)),
    "不予公开": ("（三）不予公开", tuple(r.key for r in APPLICATION_ROWS if r.group == "withheld")),
    "无法提供": ("（四）无法提供", tuple(r.key for r in APPLICATION_ROWS if r.group == "unavailable")),
    "不予处理": ("（五）不予处理", tuple(r.key for r in APPLICATION_ROWS if r.group == "not_processed")),
    "其他处理": ("（六）其他处理", ("other", "other.no_correction", "other.unpaid_fee", "other.other")),
}

_KIND_NAME = {
    "received": ("X101", "收到申请数 (applications received)"),
    "carried_over": ("X102", "上年结转数 (carried over from last year)"),
    "answered": ("X103", "办结数 (applications answered)"),
    "carried_forward": ("X104", "结转下年度数 (carried forward to next year)"),
    "reviews": ("X105", "行政复议数 (administrative reviews)"),
    "lawsuits": ("X106", "行政诉讼数 (lawsuits)"),
    "category": ("X107", "办理结果数 (applications by result)"),
}


def _paragraphs(report: Report) -> Iterator[Paragraph]:
    for b in report.preamble:
        if isinstance(b, Paragraph):
            yield b
    for s in report.sections:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                yield b


def _sub_span(p: Paragraph, start: int, end: int) -> Span | None:
    """The span of ``p.text[start:end]`` when the paragraph's text maps one to one onto its source
    (same length), else the paragraph's span."""
    s = p.span
    if s is None:
        return None
    if s.end - s.start != len(p.text):
        return s

    def pos(i: int) -> tuple[int, int]:
        before = p.text[:i]
        nl = before.count("\n")
        if nl == 0:
            return s.line, s.column + i
        return s.line + nl, i - before.rfind("\n")

    (l1, c1), (l2, c2) = pos(start), pos(end)
    return Span(s.start + start, s.start + end, l1, c1, l2, c2)


class _Found:
    """What a table says for one prose figure."""

    def __init__(self, accepted: set[Value], headline: Value, cells: Sequence[Cell], described: str) -> None:
        self.accepted = accepted
        """Every reading of the table the prose may mean (e.g. 受理 as 一 alone, or 一 + 二)."""
        self.headline = headline
        """The table's figure to quote (reported as ``expected``)."""
        self.cells = list(cells)
        self.described = described


class _Figures:
    """What the tables say for each kind of prose figure."""

    def __init__(self, report: Report) -> None:
        self.report = report
        table = report.applications
        self.view = _AppView(table) if table is not None else None

    def rows(self, keys: Sequence[str]) -> tuple[set[Value], Value, list[Cell]] | None:
        """Σ of the rows' totals, read two ways — as printed in 总计, and as the sum of the applicant
        cells — and the one to quote (the printed one unless a 总计 cell is blank)."""
        if self.view is None:
            return None
        printed: Value = 0
        computed: Value = 0
        cells: list[Cell] = []
        for k in keys:
            r = self.view.first.get(k)
            if r is None:
                continue
            aligned = self.view.aligned(r)
            if aligned is None:
                return None
            printed += aligned[_APP_TOTAL].number
            computed += _row_total_value(aligned)
            cells.append(aligned[_APP_TOTAL])
        if not cells:
            return None
        headline = printed if all(_is_num(c) for c in cells) else computed
        return {printed, computed}, headline, cells

    def review_group(self, g: int) -> tuple[set[Value], Value, Cell] | None:
        t = self.report.reviews
        cells = _aligned(t.cells, _N_REVIEW) if t is not None else None
        if cells is None:
            return None
        group = cells[g * 5:(g + 1) * 5]
        computed = _sum(c.number for c in group[:4])
        headline = group[4].number if _is_num(group[4]) else computed
        return {group[4].number, computed}, headline, group[4]

    def lookup(self, kind: str, cat: str | None) -> _Found | None:
        if kind in ("received", "carried_over", "carried_forward", "answered"):
            key = {"received": "new", "answered": "total"}.get(kind, kind)
            a = self.rows((key,))
            if a is None:
                return None
            accepted = set(a[0])
            if kind == "received":  # 受理 may count last year's carried-over applications too
                b = self.rows(("new", "carried_over"))
                accepted |= b[0] if b is not None else set()
            if kind == "answered":  # "of the N received, M answered, K carried forward"
                new, fwd = self.rows(("new",)), self.rows(("carried_forward",))
                if new is not None and fwd is not None:
                    accepted |= {x - y for x in new[0] for y in fwd[0]}
            return _Found(accepted, a[1], a[2], f"{_row_name(key)} = {_fmt(a[1])} (总计 column)")
        if kind == "reviews":
            rg = self.review_group(0)
            if rg is None:
                return None
            return _Found(rg[0], rg[1], [rg[2]], f"行政复议/总计 = {_fmt(rg[1])} in {_section_name(4)}")
        if kind == "lawsuits":
            d, a2 = self.review_group(1), self.review_group(2)
            if d is None or a2 is None:
                return None
            accepted = {x + y for x in d[0] for y in a2[0]} | d[0] | a2[0]
            both = d[1] + a2[1]
            return _Found(accepted, both, [d[2], a2[2]], (
                f"行政诉讼: 未经复议直接起诉/总计 {_fmt(d[1])} + 复议后起诉/总计 {_fmt(a2[1])} = "
                f"{_fmt(both)} in {_section_name(4)}"
            ))
        if kind == "category" and cat is not None:
            names: list[str] = []
            keys: list[str] = []
            for part in re.split(r"及|和|与|、", cat):
                if part in _CATEGORY_ROWS:
                    names.append(_CATEGORY_ROWS[part][0])
                    keys.extend(_CATEGORY_ROWS[part][1])
            a = self.rows(keys)
            if a is None:
                return None
            return _Found(a[0], a[1], a[2], f"{' + '.join(names)} = {_fmt(a[1])} (总计 column)")
        return None


def _check_prose(report: Report) -> Iterator[Diagnostic]:
    if report.applications is None and report.reviews is None:
        return
    figures = _Figures(report)
    year = report.metadata.year
    category_rx = _PROSE_PATTERNS[-1][1]
    for p in _paragraphs(report):
        text = p.text.translate(_FOLD)
        if not re.search(r"\d", text):
            continue
        # a list of results ("予以公开…N件；不予公开…M件") is about applications even without 申请
        listing = "申请" in text or len(category_rx.findall(text)) >= 2
        for sent in re.finditer(r"[^。！!？?\n]+", text):
            sentence = sent.group(0)
            if not re.search(r"\d", sentence):
                continue
            taken: list[tuple[int, int, str, re.Match[str]]] = []
            for kind, rx, topical_gap in _PROSE_PATTERNS:
                for m in rx.finditer(sentence):
                    a, b = m.span()
                    if any(a < y and x < b for x, y, _, _ in taken):
                        continue
                    if _plausible(kind, m, sentence, topical_gap, listing, year):
                        taken.append((a, b, kind, m))
            for _, _, kind, m in sorted(taken, key=lambda t: t[0]):
                yield from _compare(figures, p, kind, m, sent.start())


def _plausible(kind: str, m: re.Match[str], sentence: str, topical_gap: bool, listing: bool,
               year: int | None) -> bool:
    """Conservative reading: a figure counts only where its sentence is about disclosure
    applications (or reviews and suits over them) and nothing between the verb and the number
    names another subject (letters, complaints, proposals, …)."""
    gd = m.groupdict()
    gap = gd.get("gap") or ""
    if _BLACKLIST.search(gap):
        return False
    if topical_gap and gap and not re.search(r"申请|公开", gap):
        return False
    if kind in ("received", "answered", "carried_over", "carried_forward"):
        if "申请" not in sentence and "公开" not in sentence:
            return False
        if kind == "received" and "公开" not in sentence:
            return False
        if kind == "carried_forward" and re.search(r"未|尚|上年|上一年", gap):
            return False
    if kind == "carried_forward":
        y = re.match(r"\d{4}", gd.get("year") or "")
        if y is not None and (year is None or int(y.group(0)) != year + 1):
            return False
    if kind in ("reviews", "lawsuits") and "公开" not in sentence:
        return False
    if kind == "lawsuits" and "复议" not in sentence and "行政诉讼" not in m.group(0):
        return False
    return not (kind == "category" and not listing)


def _compare(figures: _Figures, p: Paragraph, kind: str, m: re.Match[str],
             offset: int) -> Iterator[Diagnostic]:
    value = int(m.group("num").replace(",", ""))
    found = figures.lookup(kind, m.groupdict().get("cat"))
    if found is None or value in found.accepted:
        return
    code, what = _KIND_NAME[kind]
    start, end = offset + m.start(), offset + m.end()
    clause = max(p.text.rfind(ch, offset, start) for ch in "，,；;：:（(、。\n") + 1
    quote = p.text[max(clause, offset, start - 30):end].strip()
    yield Diagnostic(
        code, W,
        f"正文与表格不一致 (prose and table disagree) on {what}: the text says “{quote}” ({value}), "
        f"the table has {found.described}",
        span=_sub_span(p, start, end), related=_spans(found.cells),
        expected=found.headline, actual=value,
        suggestion="one of the two places is wrong; the report should state the same figure in both",
    )


# --------------------------------------------------------------------------------------------
# Across reports
# --------------------------------------------------------------------------------------------


def _series(reports: Sequence[Report]) -> Iterator[tuple[int | None, Diagnostic]]:
    dated: list[tuple[int, int, Report]] = []
    for i, r in enumerate(reports):
        if r.metadata.year is None:
            yield i, Diagnostic(
                "R101", W,
                f"报告年度不明 (no year): {_who(r, i)} has no year, so it is left out of the series checks",
                span=_title_span(r),
            )
        else:
            dated.append((r.metadata.year, i, r))
    dated.sort(key=lambda t: (t[0], t[1]))
    agencies = {r.metadata.agency for _, _, r in dated if r.metadata.agency}
    if len(agencies) > 1:
        yield None, Diagnostic(
            "R106", W,
            "机关不一致 (different agencies): the series holds reports of "
            + "、".join(sorted(agencies)) + "; the series checks assume one agency",
        )
    for (y1, i1, r1), (y2, i2, r2) in itertools.pairwise(dated):
        if y1 == y2:
            yield i2, Diagnostic(
                "R102", W,
                f"年度重复 (same year twice): {_who(r1, i1)} and {_who(r2, i2)} both report on {y1}; "
                "they are not compared",
                span=_title_span(r2),
            )
            continue
        if y2 != y1 + 1:
            yield i2, Diagnostic(
                "R103", INFO,
                f"年度不连续 (gap in the series): no report for "
                f"{y1 + 1 if y2 - y1 == 2 else f'{y1 + 1}–{y2 - 1}'} between {_who(r1, i1)} "
                f"and {_who(r2, i2)}; the carry-over chain is not checked across the gap",
                span=_title_span(r2),
            )
            continue
        yield from ((i2, d) for d in _carry_chain(y1, r1, i1, y2, r2, i2))
        yield from ((i2, d) for d in _in_force_chain(y1, r1, y2, r2))


def _who(r: Report, i: int) -> str:
    name = r.source.path or f"report #{i + 1}"
    return f"{name} ({r.metadata.year})" if r.metadata.year is not None else name


def _title_span(r: Report) -> Span | None:
    for b in r.preamble:
        s = getattr(b, "span", None)
        if s is not None:
            return s  # type: ignore[no-any-return]
    return r.sections[0].span if r.sections else None


def _carry_chain(y1: int, r1: Report, i1: int, y2: int, r2: Report, i2: int) -> Iterator[Diagnostic]:
    t1, t2 = r1.applications, r2.applications
    if t1 is None or t2 is None:
        return
    v1, v2 = _AppView(t1), _AppView(t2)
    for j in range(_N_APP):
        fwd, over = v1.cell("carried_forward", j), v2.cell("carried_over", j)
        if fwd is None or over is None:
            continue
        if fwd.number != over.number:
            yield Diagnostic(
                "R104", W,
                f"结转数前后不一致 (carry-over chain broken) in column {_app_col_name(j)}: the {y1} report's "
                f"四、结转下年度继续办理 (carried forward) is {_fmt(fwd.number)}, the {y2} report's "
                f"二、上年结转政府信息公开申请数量 (carried over) is {_fmt(over.number)}",
                span=over.span, related=_spans([fwd]), expected=fwd.number, actual=over.number,
                suggestion=f"the {y2} report's carry-over should equal what the {y1} report carried forward",
            )


def _in_force_chain(y1: int, r1: Report, y2: int, r2: Report) -> Iterator[Diagnostic]:
    p1, p2 = r1.proactive, r2.proactive
    if not isinstance(p1, ProactiveTable2021) or not isinstance(p2, ProactiveTable2021):
        return
    spec = next(s for s in proactive_items("2021") if s.key == "item1")
    col = {c.key: i for i, c in enumerate(spec.columns)}
    names = {r.key: r.label for r in spec.rows}

    def rows(p: ProactiveTable2021) -> dict[str, tuple[Cell, ...]]:
        out: dict[str, tuple[Cell, ...]] = {}
        for item in p.items:
            if item.item != "item1":
                continue
            for r in item.rows:
                cells = _aligned(r.cells, len(spec.columns))
                if r.key is not None and r.key not in out and cells is not None:
                    out[r.key] = cells
        return out

    a, b = rows(p1), rows(p2)
    for key in names:
        if key not in a or key not in b:
            continue
        prev, cur = a[key], b[key]
        if any(c.state is not CellState.NUMBER for c in (prev[col["in_force"]], cur[col["in_force"]])):
            continue
        want = prev[col["in_force"]].number + cur[col["issued"]].number - cur[col["repealed"]].number
        got = cur[col["in_force"]].number
        if want != got:
            yield Diagnostic(
                "R105", W,
                "现行有效件数前后不一致 (documents in force do not carry over) for "
                f"第二十条第（一）项/{names[key]}: {y1} 现行有效件数 {_fmt(prev[col['in_force']].number)} "
                f"+ {y2} 本年制发件数 {_fmt(cur[col['issued']].number)} "
                f"− 本年废止件数 {_fmt(cur[col['repealed']].number)} = {_fmt(want)}, "
                f"but {y2} 现行有效件数 is {_fmt(got)} (in force last year + issued − repealed)",
                span=cur[col["in_force"]].span,
                related=_spans([prev[col["in_force"]], cur[col["issued"]], cur[col["repealed"]]]),
                expected=want, actual=got,
                suggestion="documents can also lapse (失效) without being repealed, so a difference may be "
                "explained in the report's prose",
            )


_CHECKS: tuple[Callable[[Report], Iterable[Diagnostic]], ...] = (
    _check_document,
    _check_proactive,
    _check_applications,
    _check_reviews,
    _check_prose,
)
