"""Tests of govinfo_parse.validate: each check with a passing and a failing case on small
constructed reports, the prose scanner on sentences from real reports, the split-digit
suggestion, the series checks, a never-raises property, and (once the parser reads them) the
corpus: consistent seeds without errors, one changed number found, hongze's table-四 errors."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse import serde
from govinfo_parse.formats.labels import (
    SECTION_TITLES,
    application_rows,
    proactive_items,
)
from govinfo_parse.nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Diagnostic,
    ItemTable,
    Metadata,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Severity,
    SourceInfo,
    Span,
)
from govinfo_parse.validate import validate, validate_series, validate_series_indexed

# --------------------------------------------------------------------------------------------
# Builders: small reports from int matrices.  Every cell gets a distinct span: line = row line,
# column = 10 * (column index + 1), so a test can say which cell a diagnostic points at.
# --------------------------------------------------------------------------------------------

def span(line: int, col: int, width: int = 1) -> Span:
    start = line * 1000 + col
    return Span(start, start + width, line, col, line, col + width)


def cell(v: object, line: int = 1, col: int = 1) -> Cell:
    """A cell from a Python value: int/Decimal → number, "" → blank, "/"/"—"/"无" → placeholder,
    "251000元" → number with unit."""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, (int, Decimal)):
        raw = str(v)
        return Cell(raw, CellState.NUMBER, v, None, span(line, col, len(raw)))
    assert isinstance(v, str)
    if v == "":
        return Cell("", CellState.BLANK, None, None, span(line, col, 0))
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(万元|元)?", v)
    if m is None:
        return Cell(v, CellState.PLACEHOLDER, None, None, span(line, col, len(v)))
    num = m.group(1)
    value: int | Decimal = Decimal(num) if "." in num or m.group(2) else int(num)
    return Cell(v, CellState.NUMBER, value, m.group(2), span(line, col, len(v)))


def row(key: str | None, values: Sequence[object], line: int, label: str = "") -> Row:
    cells = tuple(cell(v, line, 10 * (j + 1)) for j, v in enumerate(values))
    return Row(key, label or (key or "?"), cells, span(line, 1, 80))


APP_LINE = 100  # the application table's first value row is on this line


def app_table(matrix: Sequence[Sequence[object]], fmt: str = "2019",
              keys: Sequence[str | None] | None = None) -> ApplicationTable:
    """An application table from a 23×7 (2019) or 25×7 (2021) matrix, row i on line APP_LINE + i."""
    specs = application_rows(fmt)
    ks = list(keys) if keys is not None else [s.key for s in specs]
    labels = {s.key: s.label for s in specs}
    rows = tuple(row(k, vals, APP_LINE + i, labels.get(k or "", "?"))
                 for i, (k, vals) in enumerate(zip(ks, matrix, strict=True)))
    return ApplicationTable(ReportFormat(fmt), rows, span(APP_LINE - 3, 1, 10))


def consistent_matrix(fmt: str = "2019") -> list[list[object]]:
    """Seed 003's table (2019) or seed 004's (2021): every identity holds."""
    keys = [s.key for s in application_rows(fmt)]
    per_key = {
        "new": [127, 2, 0, 0, 0, 0], "carried_over": [10, 0, 0, 0, 0, 0],
        "granted": [74, 2, 0, 0, 0, 0], "partly_granted": [6, 0, 0, 0, 0, 0],
        "withheld.enforcement_file": [1, 0, 0, 0, 0, 0], "unavailable.not_held": [33, 0, 0, 0, 0, 0],
        "unavailable.needs_creation": [11, 0, 0, 0, 0, 0], "not_processed.petition": [4, 0, 0, 0, 0, 0],
        "not_processed.repeated": [3, 0, 0, 0, 0, 0], "total": [132, 2, 0, 0, 0, 0],
        "carried_forward": [5, 0, 0, 0, 0, 0],
    }
    out: list[list[object]] = []
    for k in keys:
        vals = list(per_key.get(k, [0] * 6))
        out.append([*vals, sum(vals)])
    return out


REVIEW_LINE = 200


def review_table(values: Sequence[object]) -> ReviewTable:
    r = row(None, values, REVIEW_LINE)
    return ReviewTable(r.cells, span(REVIEW_LINE - 2, 1, 10))


PRO_LINE = 50


def proactive(fmt: str, values: dict[tuple[str, str], Sequence[object]] | None = None,
              ) -> ProactiveTable2019 | ProactiveTable2021:
    """Section 二 with every sub-table and row; ``values[(item, row)]`` overrides a row (default 0s)."""
    values = values or {}
    items = []
    line = PRO_LINE
    for spec in proactive_items(fmt):
        rows = []
        for rs in spec.rows:
            vals = values.get((spec.key, rs.key), [0] * len(spec.columns))
            rows.append(row(rs.key, vals, line, rs.label))
            line += 1
        items.append(ItemTable(spec.key, tuple(rows), span(line, 1, 5)))
        line += 1
    cls = ProactiveTable2019 if fmt == "2019" else ProactiveTable2021
    return cls(tuple(items), span(PRO_LINE - 1, 1, 5))


def build_report(
    fmt: str = "2019",
    year: int | None = 2019,
    app: ApplicationTable | bool | None = True,
    review: ReviewTable | bool | None = True,
    pro: ProactiveTable2019 | ProactiveTable2021 | bool | None = True,
    paragraphs: Sequence[str] = (),
    sections: Sequence[int] = (1, 2, 3, 4, 5, 6),
    agency: str | None = "某某市某某局",
    path: str | None = None,
) -> Report:
    """A report of the given format with sections 一…六; tables default to consistent ones."""
    if app is True:
        app = app_table(consistent_matrix(fmt), fmt)
    if review is True:
        review = review_table([12, 0, 1, 1, 14, 2, 0, 0, 0, 2, 3, 0, 0, 0, 3])
    if pro is True:
        pro = proactive(fmt)
    secs = []
    for i, n in enumerate(sections):
        blocks: list[Block] = []
        if n == 1:
            blocks = [Paragraph(t, span(10 + k, 1, len(t))) for k, t in enumerate(paragraphs)]
        elif n == 2 and pro:
            blocks = [pro]
        elif n == 3 and app:
            blocks = [app]
        elif n == 4 and review:
            blocks = [review]
        secs.append(Section(n, SECTION_TITLES[n], tuple(blocks), span(5 + 40 * i, 1, 10)))
    return Report(
        ReportFormat(fmt),
        Metadata(title="测试报告", agency=agency, year=year),
        (Paragraph("测试报告", span(1, 1, 4)),),
        tuple(secs),
        source=SourceInfo(path=path),
    )


def codes(diags: Sequence[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def only(diags: Sequence[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def with_cell(table: ApplicationTable, key: str, j: int, value: object) -> ApplicationTable:
    rows = []
    for r in table.rows:
        if r.key == key:
            cells = list(r.cells)
            old = cells[j]
            assert old.span is not None
            cells[j] = cell(value, old.span.line, old.span.column)
            r = attrs.evolve(r, cells=tuple(cells))
        rows.append(r)
    return attrs.evolve(table, rows=tuple(rows))


KEYS_2019 = [s.key for s in application_rows("2019")]
KEYS_2021 = [s.key for s in application_rows("2021")]


def line_of(key: str, fmt: str = "2019") -> int:
    keys = KEYS_2019 if fmt == "2019" else KEYS_2021
    return APP_LINE + keys.index(key)


# --------------------------------------------------------------------------------------------
# A consistent report is clean
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,year", [("2019", 2019), ("2019", 2020), ("2021", 2021), ("2021", 2024)])
def test_consistent_report_has_no_warnings(fmt: str, year: int) -> None:
    diags = validate(build_report(fmt, year))
    assert [d for d in diags if d.severity is not Severity.INFO] == []


def test_diagnostics_serialise_like_the_ast() -> None:
    table = with_cell(app_table(consistent_matrix()), "new", 0, 128)
    r = attrs.evolve(build_report(), diagnostics=validate(build_report(app=table)))
    back = serde.loads(serde.dumps(r))
    assert back.diagnostics == r.diagnostics
    assert any(d.code == "A1" for d in back.diagnostics)


# --------------------------------------------------------------------------------------------
# A1–A4
# --------------------------------------------------------------------------------------------


def test_a1_holds_on_seed_003_figures() -> None:
    assert only(validate(build_report()), "A1") == []


@pytest.mark.parametrize("key", ["new", "carried_over", "total", "carried_forward"])
def test_a1_error_points_at_the_changed_cell(key: str) -> None:
    table = app_table(consistent_matrix())
    old = table.row(key).cells[0].value  # type: ignore[union-attr]
    assert isinstance(old, int)
    diags = validate(build_report(app=with_cell(table, key, 0, old + 3)))
    a1 = only(diags, "A1")
    assert len(a1) == 1
    d = a1[0]
    assert d.severity is Severity.ERROR
    assert d.span is not None and (d.span.line, d.span.column) == (line_of(key), 10)
    assert "自然人" in d.message and "（七）总计" in d.message
    assert d.expected is not None and d.actual is not None and d.expected != d.actual
    assert d.suggestion is not None and str(old) in d.suggestion  # the value that would make both hold
    assert len(d.related) == 3


def test_a1_without_a_row_failure_points_at_the_total() -> None:
    # the 新收 row and its total both raised: A3 holds, A1 fails in two columns
    table = with_cell(with_cell(app_table(consistent_matrix()), "new", 0, 130), "new", 6, 132)
    a1 = only(validate(build_report(app=table)), "A1")
    assert {d.span.column for d in a1 if d.span} == {10, 70}
    assert {d.span.line for d in a1 if d.span} == {line_of("total")}


def test_a1_is_per_column_and_names_it() -> None:
    table = with_cell(app_table(consistent_matrix()), "carried_forward", 1, 1)
    a1 = only(validate(build_report(app=table)), "A1")
    assert len(a1) == 1 and "商业企业" in a1[0].message


def test_a2_holds_and_fails() -> None:
    assert only(validate(build_report()), "A2") == []
    table = with_cell(app_table(consistent_matrix()), "granted", 0, 70)
    diags = validate(build_report(app=table))
    a2 = only(diags, "A2")
    assert len(a2) == 1 and a2[0].severity is Severity.WARNING
    assert a2[0].expected == 128 and a2[0].actual == 132
    # the failing row meets the failing column at the changed cell
    assert a2[0].span is not None and a2[0].span.line == line_of("granted") and a2[0].span.column == 10
    assert only(diags, "A1") == []  # 一 + 二 = 七 + 四 still holds


def test_a2_sums_the_three_other_rows_in_2021() -> None:
    m = consistent_matrix("2021")
    i = KEYS_2021.index("other.unpaid_fee")
    m[i] = [2, 0, 0, 0, 0, 0, 2]
    diags = validate(build_report("2021", 2022, app=app_table(m, "2021")))
    a2 = only(diags, "A2")
    assert [(d.expected, d.actual) for d in a2] == [(134, 132), (136, 134)]  # 自然人 and 总计 columns


def test_a3_holds_and_fails() -> None:
    assert only(validate(build_report()), "A3") == []
    table = with_cell(app_table(consistent_matrix()), "unavailable.not_held", 6, 30)
    a3 = only(validate(build_report(app=table)), "A3")
    assert len(a3) == 1
    d = a3[0]
    assert d.expected == 33 and d.actual == 30
    assert d.span is not None and d.span.line == line_of("unavailable.not_held")
    assert "（四）无法提供/1.本机关不掌握相关政府信息" in d.message


def test_blank_total_is_named_as_blank() -> None:
    m = consistent_matrix()
    m[2][6] = ""  # （一）予以公开's 总计 left blank, as shanghai-office-2019 prints it
    a3 = only(validate(build_report(app=app_table(m))), "A3")
    assert len(a3) == 1 and "总计 is left blank (counted as 0)" in a3[0].message
    assert a3[0].actual == 0 and a3[0].expected == 76


def test_a4_holds_and_fails() -> None:
    assert only(validate(build_report()), "A4") == []
    bad = review_table([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])  # hongze 2023 as printed
    a4 = only(validate(build_report(review=bad)), "A4")
    assert [d.span.column for d in a4 if d.span] == [50, 150]
    assert [(d.expected, d.actual) for d in a4] == [(11, 0), (5, 0)]
    assert "行政复议" in a4[0].message and "复议后起诉" in a4[1].message


def test_decimal_and_int_mix_in_sums() -> None:
    m = consistent_matrix()
    m[0][0] = Decimal("127")
    assert only(validate(build_report(app=app_table(m))), "A1") == []


# --------------------------------------------------------------------------------------------
# Shape
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which,name", [("app", "三、"), ("review", "四、"), ("pro", "二、")])
def test_missing_table(which: str, name: str) -> None:
    assert only(validate(build_report()), "S101") == []
    s101 = only(validate(build_report(**{which: None})), "S101")  # type: ignore[arg-type]
    assert len(s101) == 1 and name in s101[0].message and s101[0].severity is Severity.ERROR


def test_legacy_report_needs_no_tables() -> None:
    r = build_report("legacy", 2013, app=None, review=None, pro=None, sections=(1, 2, 3))
    assert validate(r) == ()


def test_missing_and_duplicated_rows() -> None:
    m = consistent_matrix()
    keys: list[str | None] = list(KEYS_2019)
    i = keys.index("withheld.query")
    del m[i], keys[i]
    diags = validate(build_report(app=app_table(m, keys=keys)))
    s102 = only(diags, "S102")
    assert len(s102) == 1 and "8.属于行政查询事项" in s102[0].message
    assert (s102[0].expected, s102[0].actual) == (23, 22)
    # many rows missing: still one diagnostic, naming each
    s102 = only(validate(build_report(app=app_table(consistent_matrix()[:3], keys=KEYS_2019[:3]))), "S102")
    assert len(s102) == 1 and s102[0].actual == 3 and "四、结转下年度继续办理" in s102[0].message
    # duplicated: the 2.重复申请 row printed twice
    m = consistent_matrix()
    keys = list(KEYS_2019)
    j = keys.index("not_processed.repeated")
    m.insert(j + 1, list(m[j]))
    keys.insert(j + 1, "not_processed.repeated")
    diags = validate(build_report(app=app_table(m, keys=keys)))
    assert codes(only(diags, "S103")) == ["S103"] and only(diags, "A2") == []


def test_rows_out_of_order() -> None:
    m = consistent_matrix()
    keys: list[str | None] = list(KEYS_2019)
    m[2], m[3] = m[3], m[2]
    keys[2], keys[3] = keys[3], keys[2]
    diags = validate(build_report(app=app_table(m, keys=keys)))
    assert codes(only(diags, "S111")) == ["S111"]
    assert only(diags, "A1") == [] and only(diags, "A2") == []


def test_row_with_too_few_or_too_many_cells() -> None:
    m = consistent_matrix()
    m[0] = m[0][:5]
    diags = validate(build_report(app=app_table(m)))
    s104 = only(diags, "S104")
    assert len(s104) == 1 and s104[0].expected == 7 and s104[0].actual == 5
    assert only(diags, "A1") == []  # cannot be placed: left out, not guessed
    m = consistent_matrix()
    m[1] = [*m[1], 4]
    assert only(validate(build_report(app=app_table(m))), "S104")[0].actual == 8


def test_trailing_blank_cells_are_a_warning_and_ignored() -> None:
    m = consistent_matrix()
    m[0] = [*m[0], "", ""]
    diags = validate(build_report(app=app_table(m)))
    assert codes([d for d in diags if d.severity is not Severity.INFO]) == ["S105"]


def test_unplaced_row_is_still_added_up() -> None:
    m = consistent_matrix()
    keys: list[str | None] = list(KEYS_2019)
    keys.insert(5, None)
    m.insert(5, [1, 1, 0, 0, 0, 0, 3])
    diags = validate(build_report(app=app_table(m, keys=keys)))
    a3 = only(diags, "A3")
    assert len(a3) == 1 and "unplaced" in a3[0].message
    assert only(diags, "A2") == []  # an unplaced row is in no column sum


def test_sections_missing_and_out_of_order() -> None:
    assert only(validate(build_report()), "S108") == []
    diags = validate(build_report(sections=(1, 2, 3, 4, 6)))
    assert len(only(diags, "S108")) == 1 and "五、存在的主要问题及改进情况" in only(diags, "S108")[0].message
    diags = validate(build_report(sections=(1, 2, 3, 5, 4, 6)))
    s109 = only(diags, "S109")
    assert len(s109) == 1 and s109[0].span is not None


@pytest.mark.parametrize("fmt,year,bad", [
    ("2019", 2019, False), ("2019", 2020, False), ("2021", 2021, False), ("legacy", 2015, False),
    ("2019", 2022, True), ("2021", 2020, True), ("2019", 2017, True), ("legacy", 2023, True),
])
def test_format_against_year(fmt: str, year: int, bad: bool) -> None:
    pro = proactive(fmt) if fmt != "legacy" else None
    app = app_table(consistent_matrix(fmt), fmt) if fmt != "legacy" else None
    rev = True if fmt != "legacy" else None
    s106 = only(validate(build_report(fmt, year, app=app, pro=pro, review=rev)), "S106")
    assert len(s106) == int(bad)
    if bad:
        assert str(year) in s106[0].message


def test_2021_report_with_a_single_other_row() -> None:
    # hongze 2023: a 2021-format report printing （六）其他处理 as one row
    m = consistent_matrix("2019")
    diags = validate(build_report("2021", 2023, app=app_table(m, "2019"), pro=proactive("2021")))
    assert codes(only(diags, "S107")) == ["S107"]
    assert only(diags, "S102") == [] and only(diags, "S110") == [] and only(diags, "A2") == []
    # the ApplicationTable may also say 2021 while holding the 2019-style row
    table = attrs.evolve(app_table(m, "2019"), format=ReportFormat.F2021)
    diags = validate(build_report("2021", 2023, app=table, pro=proactive("2021")))
    assert codes([d for d in diags if d.severity is not Severity.INFO]) == ["S107"]


def test_row_of_the_other_format() -> None:
    m = consistent_matrix("2021")
    keys: list[str | None] = list(KEYS_2021)
    keys.insert(20, "other")
    m.insert(20, [0] * 7)
    diags = validate(build_report("2021", 2022, app=app_table(m, "2021", keys=keys)))
    assert codes(only(diags, "S110")) == ["S110"]


def test_proactive_table_of_the_other_format() -> None:
    diags = validate(build_report("2021", 2022, pro=proactive("2019")))
    assert codes(only(diags, "S113")) == ["S113"]


def test_proactive_shape() -> None:
    pro = proactive("2019")
    items = [i for i in pro.items if i.item != "item9"]
    first = items[0]
    items[0] = attrs.evolve(first, rows=first.rows[:1])
    bad = attrs.evolve(pro, items=tuple(items))
    s112 = only(validate(build_report(pro=bad)), "S112")
    msgs = " ".join(d.message for d in s112)
    assert len(s112) == 2 and "第二十条第（九）项" in msgs and "规范性文件" in msgs
    # a row with a cell too many
    vals = {("item6", "penalty"): [7, -1, 0, 4]}
    assert codes(only(validate(build_report(pro=proactive("2019", vals))), "S104")) == ["S104"]


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


def test_blank_cells_reported_once_per_table() -> None:
    m = consistent_matrix()
    for r in m:
        for j, v in enumerate(r):
            if v == 0:
                r[j] = ""
    diags = validate(build_report(app=app_table(m)))
    v101 = only(diags, "V101")
    assert len(v101) == 1 and v101[0].severity is Severity.INFO
    blanks = sum(1 for r in m for v in r if v == "")
    assert v101[0].actual == blanks and len(v101[0].related) == blanks - 1
    assert [d.code for d in diags if d.severity is not Severity.INFO] == []  # blanks count as 0


def test_placeholders_warned() -> None:
    assert only(validate(build_report()), "V102") == []
    m = consistent_matrix()
    m[3][2] = "/"
    m[4][3] = "—"
    m[5][4] = "无"
    v102 = only(validate(build_report(app=app_table(m))), "V102")
    assert len(v102) == 1 and v102[0].actual == 3 and v102[0].severity is Severity.WARNING
    assert "/" in v102[0].message


def test_negative_counts_only_in_the_change_column() -> None:
    ok = proactive("2019", {("item5", "other_services"): [18, -3, 587944]})
    assert only(validate(build_report(pro=ok)), "V103") == []
    bad = proactive("2019", {("item5", "other_services"): [18, 3, -5]})
    v103 = only(validate(build_report(pro=bad)), "V103")
    assert len(v103) == 1 and "处理决定数量" in v103[0].message and v103[0].severity is Severity.ERROR
    m = consistent_matrix()
    m[2][1] = -1
    assert len(only(validate(build_report(app=app_table(m))), "V103")) == 1
    assert len(only(validate(build_report(review=review_table([-1] + [0] * 14))), "V103")) == 1


def test_amount_without_unit() -> None:
    ok = proactive("2019", {("item9", "procurement"): [6, "251000元"]})
    assert only(validate(build_report(pro=ok)), "V104") == []
    bad = proactive("2019", {("item9", "procurement"): [6, Decimal("3909.30")]})
    v104 = only(validate(build_report(pro=bad)), "V104")
    assert len(v104) == 1 and "采购总金额" in v104[0].message
    # the 2021 fee column fixes its unit in the header: no unit needed, a different one is flagged
    assert only(validate(build_report("2021", 2022, pro=proactive("2021", {("item8", "fees"): [3413]}))),
                "V104") == []
    odd = proactive("2021", {("item8", "fees"): ["3413元"]})
    assert codes(only(validate(build_report("2021", 2022, pro=odd)), "V106")) == ["V106"]


def test_fractional_count() -> None:
    m = consistent_matrix()
    m[2][0] = Decimal("74.5")
    assert len(only(validate(build_report(app=app_table(m))), "V105")) == 1
    m[2][0] = Decimal("74")
    assert only(validate(build_report(app=app_table(m))), "V105") == []


# --------------------------------------------------------------------------------------------
# Prose against tables
# --------------------------------------------------------------------------------------------

# sentences as real reports print them (seeds 000–004, shanghai 2019, shuyang 2025, pingtan 2025),
# each with the table figures it agrees with
SEED_004_PROSE = ("全年共受理政府信息公开申请212件，其中网站申请195件、当面申请4件、信函申请13件；"
                  "已办理206件，结转下年度继续办理6件。")


def report_2021(new: int = 212, carried: int = 7, total: int = 213, fwd: int = 6,
                paragraphs: Sequence[str] = (), review: Sequence[int] | None = None) -> Report:
    m = consistent_matrix("2021")
    for k, v in (("new", new), ("carried_over", carried), ("total", total), ("carried_forward", fwd)):
        m[KEYS_2021.index(k)] = [v, 0, 0, 0, 0, 0, v]
    return build_report("2021", 2025, app=app_table(m, "2021"), pro=proactive("2021"),
                        paragraphs=paragraphs,
                        review=review_table(review) if review is not None else True)


def test_prose_agreeing_with_the_table() -> None:
    diags = validate(report_2021(paragraphs=[SEED_004_PROSE]))
    assert [d for d in diags if d.code.startswith("X")] == []


def test_prose_received_disagrees() -> None:
    diags = validate(report_2021(new=210, total=211, paragraphs=[SEED_004_PROSE]))
    x101 = only(diags, "X101")
    assert len(x101) == 1
    d = x101[0]
    assert d.actual == 212 and d.expected == 210 and d.severity is Severity.WARNING
    assert "全年共受理政府信息公开申请212件" in d.message
    # the span is the quoted phrase inside the paragraph, the related span the table cell
    assert d.span is not None and d.span.line == 10 and d.span.column == 1 + SEED_004_PROSE.index("受理")
    assert d.related and d.related[0].line == line_of("new", "2021") and d.related[0].column == 70


def test_prose_carried_forward_and_answered() -> None:
    diags = validate(report_2021(total=214, fwd=5, paragraphs=[SEED_004_PROSE]))
    assert codes([d for d in diags if d.code.startswith("X")]) == ["X103", "X104"]


@pytest.mark.parametrize("text,figures,expect", [
    # seed 002: "收到依申请公开8项，其中7项…按期办结，1项结转下一年度继续办理" (8 + 0 = 7 + 1)
    ("2020年共收到依申请公开8项，其中7项均已经在规定时间内按期办结，1项结转下一年度继续办理。",
     dict(new=8, carried=0, total=7, fwd=1), []),
    ("2020年共收到依申请公开8项，其中7项均已经在规定时间内按期办结，1项结转下一年度继续办理。",
     dict(new=8, carried=1, total=7, fwd=2), ["X104"]),
    ("2020年共收到依申请公开8项，其中7项均已经在规定时间内按期办结，1项结转下一年度继续办理。",
     dict(new=8, carried=0, total=6, fwd=2), ["X103", "X104"]),
    # seed 000
    ("收到公开政府信息申请4件，均及时予以公开。", dict(new=4, carried=0, total=4, fwd=0), []),
    ("收到公开政府信息申请4件，均及时予以公开。", dict(new=5, carried=0, total=5, fwd=0), ["X101"]),
    # shuyang 2025: 受理 counts new + carried over
    ("全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，"
     "结转下一年 31 件。", dict(new=713, carried=36, total=718, fwd=31), []),
    # pingtan 2025: a dated carry-forward, reviews and lawsuits in 起
    ("2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
     dict(new=154, carried=0, total=148, fwd=6), []),
    ("2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。",
     dict(new=154, carried=0, total=147, fwd=7), ["X103", "X104"]),
    # shanghai 2019: carried over inside a parenthesis
    ("答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。",
     dict(new=859, carried=18, total=805, fwd=72), []),
    ("答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。",
     dict(new=859, carried=17, total=804, fwd=72), ["X103", "X102"]),
])
def test_prose_patterns_from_real_reports(text: str, figures: dict[str, int], expect: list[str]) -> None:
    diags = validate(report_2021(paragraphs=[text], **figures))
    assert [d.code for d in diags if d.code.startswith("X")] == expect


@pytest.mark.parametrize("text", [
    # other subjects, figures that are not application counts (seeds 003, 004)
    "共收到并回复网友问题165个，“江苏人社”微博图文直播180条。",
    "共办结省委书记信箱65件、省长信箱164件，网上来信272件、来访86件，及时受理率99.81%。",
    "2019年，我厅共办理依申请公开129件，其中网络申请90件，信件申请39件（办理结果详见第三部分表格）。",
    "全年共主动公开人大建议、政协提案答复意见37件。",
    "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。",
    "办理省政府12345转办工单6276件，满意率99%。",
    "结转至2019年的申请3件。",  # a year that is not the next one
])
def test_prose_that_is_not_an_application_figure(text: str) -> None:
    diags = validate(report_2021(new=1, carried=1, total=1, fwd=1, paragraphs=[text]))
    assert [d for d in diags if d.code.startswith("X")] == []


def test_prose_reviews_and_lawsuits() -> None:
    text = "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。"
    ok = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]  # pingtan 2025
    assert [d for d in validate(report_2021(paragraphs=[text], review=ok)) if d.code[0] == "X"] == []
    bad = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 4, 0, 0, 0, 4]
    diags = [d for d in validate(report_2021(paragraphs=[text], review=bad)) if d.code[0] == "X"]
    assert codes(diags) == ["X106"] and diags[0].expected == 10 and len(diags[0].related) == 2
    text2 = "信息公开类行政复议7件，诉讼9件，均获维持。"  # shanghai 2019
    sh = [5, "", "", 2, 7, 8, "", "", 1, 9, "", "", "", "", ""]
    assert [d for d in validate(report_2021(paragraphs=[text2], review=sh)) if d.code[0] == "X"] == []
    sh_bad = [5, "", "", 1, 6, 8, "", "", 1, 9, "", "", "", "", ""]
    assert codes([d for d in validate(report_2021(paragraphs=[text2], review=sh_bad))
                  if d.code[0] == "X"]) == ["X105"]


SHANGHAI_RESULTS = ("予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；"
                    "因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。")


def shanghai_table() -> ApplicationTable:
    """shanghai-office-2019's table as printed (truth file): blanks everywhere, totals left blank."""
    b = ""
    printed = {
        "new": [821, 35, b, b, 2, 1, 859], "carried_over": [18, b, b, b, b, b, 18],
        "granted": [258, 12, b, b, 1, 1, b], "partly_granted": [3, b, b, b, b, b, b],
        "withheld.state_secret": [14, b, b, b, b, b, b], "withheld.internal": [5, b, b, b, b, b, b],
        "withheld.process": [3, 1, b, b, b, b, b], "withheld.query": [10, 2, b, b, b, b, b],
        "unavailable.not_held": [252, 12, b, b, 1, b, b],
        "unavailable.needs_creation": [44, 3, b, b, b, b, b],
        "unavailable.unclear": [25, b, b, b, b, b, b], "not_processed.petition": [148, 1, b, b, b, b, b],
        "not_processed.repeated": [5, 4, b, b, b, b, b], "total": [767, 35, b, b, 2, 1, 805],
        "carried_forward": [72, b, b, b, b, b, 72],
    }
    return app_table([printed.get(k, [b] * 7) for k in KEYS_2019], "2019")


def test_prose_result_categories_shanghai() -> None:
    diags = validate(build_report(app=shanghai_table(), paragraphs=[SHANGHAI_RESULTS]))
    x107 = only(diags, "X107")
    assert [(d.actual, d.expected) for d in x107] == [(258, 275), (265, 337)]
    assert "予以公开及部分公开258件" in x107[0].message
    assert "（一）予以公开 + （二）部分公开" in x107[0].message
    assert "无法提供265件" in x107[1].message
    # the same sentence with the table's figures raises nothing
    fixed = SHANGHAI_RESULTS.replace("258", "275").replace("265", "337")
    assert only(validate(build_report(app=shanghai_table(), paragraphs=[fixed])), "X107") == []


def test_prose_with_full_width_digits() -> None:
    text = "全年共受理政府信息公开申请２１２件。"
    assert codes([d for d in validate(report_2021(new=211, total=212, paragraphs=[text]))
                  if d.code[0] == "X"]) == ["X101"]


def test_prose_span_falls_back_to_the_paragraph() -> None:
    p = Paragraph(SEED_004_PROSE, Span(0, 5, 10, 1, 12, 3))  # normalised text of another length
    r = report_2021(new=210, total=211)
    secs = list(r.sections)
    secs[0] = attrs.evolve(secs[0], blocks=(p,))
    d = only(validate(attrs.evolve(r, sections=tuple(secs))), "X101")[0]
    assert d.span == p.span


# --------------------------------------------------------------------------------------------
# Split-digit suspicion
# --------------------------------------------------------------------------------------------


def test_split_digit_join_in_a_row_with_a_cell_too_many() -> None:
    m = consistent_matrix()
    m[1] = [1, 0, 0, 0, 0, 0, 0, 10]  # 二、上年结转 printed "10 0 0 0 0 0 10"; "10" came out as 1 | 0
    diags = validate(build_report(app=app_table(m)))
    d101 = only(diags, "D101")
    assert len(d101) == 1 and only(diags, "S104")
    d = d101[0]
    assert d.severity is Severity.INFO and d.suggestion
    assert "“1” and “0” read as one number" in d.message
    assert d.span is not None and d.span.column == 10 and d.related[0].column == 20


def test_split_digit_join_and_split_in_a_full_row() -> None:
    # （一）予以公开 printed "74 2 0 0 0 0 76", read as 7 | 4 | 20 | 0 | 0 | 0 | 76 (cells run together,
    # as in pingtan-gov-2025, and cut in the wrong places): still 7 cells, but nothing adds up
    m = consistent_matrix()
    i = KEYS_2019.index("granted")
    m[i] = [7, 4, 20, 0, 0, 0, 76]
    diags = validate(build_report(app=app_table(m)))
    d101 = only(diags, "D101")
    assert len(d101) == 1
    d = d101[0]
    assert "“7” and “4” read as one number 74, and “20” as two numbers 2 and 0" in d.message
    assert "74 | 2 | 0 | 0 | 0 | 0 | 76" in d.message
    assert d.span is not None and (d.span.line, d.span.column) == (line_of("granted"), 10)
    assert sorted(s.column for s in d.related) == [20, 30]
    assert only(diags, "A3") and only(diags, "A2")  # the failures themselves are still reported
    # a row that cannot be repaired that way gets no suggestion
    m[i] = [15, 13, 0, 0, 0, 0, 154]
    assert only(validate(build_report(app=app_table(m))), "D101") == []


def test_split_digit_not_suggested_for_a_plain_error() -> None:
    table = with_cell(app_table(consistent_matrix()), "granted", 0, 75)
    assert only(validate(build_report(app=table)), "D101") == []
    bad = review_table([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])
    assert only(validate(build_report(review=bad)), "D101") == []


def test_split_digit_in_the_review_row() -> None:
    # 行政复议 1 | 0 | 0 | 0 | 1 and a lost cell: "12 0 1 1 14" printed as "1 2 0 1 1 14"
    cells = [1, 2, 0, 1, 1, 14, 2, 0, 0, 0, 2, 3, 0, 0, 0, 3]
    d101 = only(validate(build_report(review=review_table(cells))), "D101")
    assert len(d101) == 1 and "“1” and “2” read as one number" in d101[0].message


# --------------------------------------------------------------------------------------------
# Series
# --------------------------------------------------------------------------------------------


def year_report(year: int, carried: int, fwd: int, fmt: str = "2021",
                in_force: tuple[int, int, int] | None = None) -> Report:
    m = consistent_matrix(fmt)
    m[KEYS_2021.index("carried_over") if fmt == "2021" else 1] = [carried, 0, 0, 0, 0, 0, carried]
    new = m[0]
    total_row = KEYS_2021.index("total") if fmt == "2021" else KEYS_2019.index("total")
    fwd_row = total_row + 1
    # keep A1: new + carried = total + fwd  →  new = total + fwd − carried
    total = m[total_row][0]
    assert isinstance(total, int)
    new[0] = total + fwd - carried
    new[6] = int(new[0]) + sum(int(v) for v in new[1:6])  # type: ignore[arg-type]
    m[fwd_row] = [fwd, 0, 0, 0, 0, 0, fwd]
    values = {("item1", "normative_documents"): list(in_force)} if in_force else None
    return build_report(fmt, year, app=app_table(m, fmt), pro=proactive(fmt, values),
                        path=f"{year}.txt")


def test_year_report_builder_is_consistent() -> None:
    assert [d for d in validate(year_report(2022, 7, 6)) if d.severity is not Severity.INFO] == []


def test_series_chain_holds() -> None:
    reports = [year_report(2021, 3, 7), year_report(2022, 7, 6), year_report(2023, 6, 0)]
    assert validate_series(reports) == ()
    assert validate_series(list(reversed(reports))) == ()  # sorted by year


def test_series_chain_broken() -> None:
    reports = [year_report(2022, 7, 6), year_report(2021, 3, 7), year_report(2023, 5, 0)]
    diags = validate_series(reports)
    assert codes(diags) == ["R104", "R104"]  # 自然人 and 总计 columns
    d = diags[0]
    assert d.expected == 6 and d.actual == 5 and "2022" in d.message and "2023" in d.message
    assert d.span is not None and d.span.line == line_of("carried_over", "2021")
    assert d.related[0].line == line_of("carried_forward", "2021")
    indexed = validate_series_indexed(reports)
    assert [i for i, _ in indexed] == [2, 2]  # the span points into the 2023 report


def test_series_in_force_chain() -> None:
    ok = [year_report(2021, 3, 7, in_force=(5, 1, 60)), year_report(2022, 7, 6, in_force=(12, 3, 69))]
    assert validate_series(ok) == ()
    bad = [year_report(2021, 3, 7, in_force=(5, 1, 60)), year_report(2022, 7, 6, in_force=(12, 3, 67))]
    r105 = only(validate_series(bad), "R105")
    assert len(r105) == 1 and r105[0].expected == 69 and r105[0].actual == 67
    assert "行政规范性文件" in r105[0].message and r105[0].severity is Severity.WARNING
    # the 2019 format has no 现行有效件数: not checked
    assert only(validate_series([year_report(2019, 3, 7, "2019"), year_report(2020, 7, 6, "2019")]),
                "R105") == []


def test_series_without_year_duplicates_and_gaps() -> None:
    no_year = attrs.evolve(year_report(2022, 7, 6), metadata=Metadata(title="x"))
    diags = validate_series([year_report(2021, 3, 7), no_year])
    assert codes(diags) == ["R101"]
    diags = validate_series([year_report(2021, 3, 7), year_report(2021, 3, 7)])
    assert codes(diags) == ["R102"]
    diags = validate_series([year_report(2020, 3, 7, "2019"), year_report(2022, 1, 6)])
    assert codes(diags) == ["R103"]
    assert validate_series([]) == () and validate_series([year_report(2021, 3, 7)]) == ()


def test_series_of_different_agencies() -> None:
    a = year_report(2021, 3, 7)
    b = attrs.evolve(year_report(2022, 7, 6), metadata=Metadata(agency="另一个局", year=2022))
    assert codes(validate_series([a, b])) == ["R106"]


def test_series_tolerates_missing_tables() -> None:
    a = build_report("2021", 2021, app=None, pro=None, review=None)
    assert validate_series([a, year_report(2022, 7, 6)]) == ()


@st.composite
def consistent_tables(draw: st.DrawFn, fmt: str = "2019") -> list[list[int]]:
    """A random application table in which A1, A2 and A3 all hold."""
    keys = KEYS_2019 if fmt == "2019" else KEYS_2021
    small = st.integers(0, 40)
    m: dict[str, list[int]] = {}
    for k in keys:
        if k not in ("new", "carried_over", "total", "carried_forward"):
            m[k] = [draw(small) for _ in range(6)]
    result_keys = [k for k in m]
    m["total"] = [sum(m[k][j] for k in result_keys) for j in range(6)]
    m["carried_forward"] = [draw(small) for _ in range(6)]
    m["carried_over"] = [draw(st.integers(0, m["total"][j] + m["carried_forward"][j])) for j in range(6)]
    m["new"] = [m["total"][j] + m["carried_forward"][j] - m["carried_over"][j] for j in range(6)]
    return [[*m[k], sum(m[k])] for k in keys]


@given(matrix=consistent_tables(), row_key=st.sampled_from(["new", "carried_over", "total", "carried_forward"]),
       col=st.integers(0, 6), delta=st.integers(1, 9))
def test_property_one_changed_cell_gives_one_a1_at_that_cell(matrix: list[list[int]], row_key: str, col: int,
                                                             delta: int) -> None:
    assert [d for d in validate(build_report(app=app_table(matrix))) if d.code[0] == "A"] == []
    i = KEYS_2019.index(row_key)
    matrix[i][col] += delta
    a1 = only(validate(build_report(app=app_table(matrix))), "A1")
    assert len(a1) == 1
    assert a1[0].span is not None and (a1[0].span.line, a1[0].span.column) == (APP_LINE + i, 10 * (col + 1))
    assert abs(a1[0].expected - a1[0].actual) == delta  # type: ignore[operator]


# --------------------------------------------------------------------------------------------
# Never raises
# --------------------------------------------------------------------------------------------

cells_st = st.one_of(
    st.integers(-20, 2000), st.sampled_from(["", "/", "—", "无", "251000元", "3909.30万元", "1.5"]),
    st.decimals(min_value=-10, max_value=10, places=2, allow_nan=False),
)
rows_st = st.lists(st.tuples(st.sampled_from([*KEYS_2021, "other", None, "bogus"]),
                             st.lists(cells_st, max_size=10)), max_size=30)


@settings(deadline=None)  # example count from the Hypothesis profile (tests/conftest.py)
@given(
    fmt=st.sampled_from(["legacy", "2019", "2021"]),
    year=st.one_of(st.none(), st.integers(2000, 2030)),
    rows=rows_st,
    review=st.one_of(st.none(), st.lists(cells_st, max_size=20)),
    sections=st.lists(st.one_of(st.none(), st.integers(-2, 9)), max_size=8),
    text=st.text(alphabet="受理申请公开件项起结转下年度办结复议诉讼0123456789，。 ", max_size=60),
)
def test_validate_never_raises(fmt: str, year: int | None, rows: list[tuple[str | None, list[object]]],
                               review: list[object] | None, sections: list[int | None], text: str) -> None:
    table = ApplicationTable(ReportFormat.F2021 if fmt == "legacy" else ReportFormat(fmt),
                             tuple(row(k, v, 100 + i) for i, (k, v) in enumerate(rows)))
    blocks: list[Block] = [table, Paragraph(text)]
    if review is not None:
        blocks.append(ReviewTable(tuple(cell(v) for v in review)))
    secs = tuple(Section(n, "t", tuple(blocks) if i == 0 else ()) for i, n in enumerate(sections))
    r = Report(ReportFormat(fmt), Metadata(year=year), (Paragraph(text),), secs)
    diags = validate(r)
    assert all(isinstance(d, Diagnostic) for d in diags)
    assert only(diags, "I001") == []
    prev = attrs.evolve(r, metadata=Metadata(year=None if year is None else year - 1))
    assert only(validate_series([prev, r, r]), "I001") == []


# --------------------------------------------------------------------------------------------
# Corpus (needs the parser; skipped until govinfo_parse.api exists)
# --------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"


def _need(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus file missing: {path}")
        pytest.skip(f"corpus not available at {path}")
    return path


def _api():  # type: ignore[no-untyped-def]
    import govinfo_parse as api

    if not hasattr(api, "parse_file") or not hasattr(api, "parse"):
        if os.environ.get("CI") == "true":
            pytest.fail("govinfo_parse.api.parse/parse_file missing")
        pytest.skip("govinfo_parse.api (the parser) is not there yet")
    return api


SEED_FILES = {"000": "000_0a0c8e52524dd181.txt", "002": "002_3b71651eefda0d57.txt",
              "003": "003_b7caf00a3cd44191.txt", "004": "004_e66a2b34805dc888.txt"}


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_consistent_seeds_have_no_errors(seed: str) -> None:
    api = _api()
    report = api.parse_file(_need(SEEDS / SEED_FILES[seed]))
    assert report.applications is not None
    errors = [d for d in validate(report) if d.severity is Severity.ERROR]
    assert errors == []
    assert [d for d in validate(report) if d.code[0] in "AX"] == []


def test_seed_with_one_number_changed_points_at_it() -> None:
    api = _api()
    text = _need(SEEDS / SEED_FILES["003"]).read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(n for n, ln in enumerate(lines) if ln.startswith("二、上年结转政府信息公开申请数量"))
    assert lines[i].startswith("二、上年结转政府信息公开申请数量 | 10 |")
    lines[i] = lines[i].replace("| 10 |", "| 11 |", 1)
    report = api.parse("\n".join(lines))
    a1 = only(report.diagnostics, "A1")
    assert len(a1) == 1 and a1[0].span is not None
    assert a1[0].span.line == i + 1
    assert "自然人" in a1[0].message


def test_hongze_table_four_errors() -> None:
    api = _api()
    report = api.parse_file(_need(REAL / "hongze-gov-2023.pdf.txt"))
    if report.reviews is None:
        pytest.skip("the PDF-text layout of hongze-gov-2023 is not parsed yet (no section 四 table)")
    a4 = only(validate(report), "A4")
    assert [(d.expected, d.actual) for d in a4] == [(11, 0), (5, 0)]
    assert "行政复议" in a4[0].message and "复议后起诉" in a4[1].message
    assert only(validate(report), "S107")


def test_shanghai_prose_disagrees_with_its_table() -> None:
    api = _api()
    path = _need(REAL / "shanghai-office-2019.html")
    reader = importlib.util.find_spec("govinfo_parse.readers.html") is not None
    if not reader:  # only until the HTML reader lands; after that a failure here is a failure
        pytest.xfail("the HTML reader (govinfo_parse.readers.html) is not there yet")
    report = api.parse_file(path)
    assert report.applications is not None
    x107 = only(validate(report), "X107")
    assert {(d.actual, d.expected) for d in x107} >= {(258, 275), (265, 337)}
    assert all(d.span is not None and d.related for d in x107)
    assert "予以公开及部分公开258件" in x107[0].message


# --------------------------------------------------------------------------------------------
# Every code is documented, one table line each
# --------------------------------------------------------------------------------------------


def test_every_code_is_documented_once() -> None:
    doc = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| ([A-Z]\d{1,3}) \| ((?:error|warning|info)(?:/(?:error|warning|info))?) "
                            r"\| .+ \| `.+` \|$", doc, re.M)
    codes_in_doc = [c for c, _ in documented]
    assert len(codes_in_doc) == len(set(codes_in_doc))
    src = REPO / "src" / "govinfo_parse"
    emitted: set[str] = set()
    for path in (src / "validate").glob("*.py"):
        emitted |= set(re.findall(r'"([ASVXDRIT]\d{1,3})"', path.read_text(encoding="utf-8")))
    for path in src.rglob("*.py"):
        emitted |= set(re.findall(r'"([PFL]\d{3})"', path.read_text(encoding="utf-8")))
    assert emitted - set(codes_in_doc) == set()
    severity = dict(documented)
    for code in ("A1", "S101", "S102", "S104", "V103"):
        assert severity[code] == "error"
    for code in ("A2", "A3", "A4", "R104", "R105", "X101"):
        assert severity[code] == "warning"


def test_severities_match_the_documentation() -> None:
    doc = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    severity = dict(re.findall(r"^\| ([A-Z]\d{1,3}) \| (error|warning|info) \|", doc, re.M))
    m = consistent_matrix()
    m[5][0], m[3][2], m[2][1], m[4][0] = "", "/", -1, Decimal("0.5")
    m[KEYS_2019.index("granted")] = [7, 4, 20, 0, 0, 0, 76]
    keys: list[str | None] = list(KEYS_2019)
    keys[2], keys[3] = keys[3], keys[2]
    reports = [
        build_report(app=app_table(m, keys=keys), sections=(1, 2, 3, 5, 4),
                     review=review_table([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]),
                     pro=proactive("2019", {("item9", "procurement"): [6, Decimal("3909.30")]})),
        build_report("2021", 2019, app=app_table(consistent_matrix()[:20], keys=KEYS_2019[:20]), review=None,
                     pro=proactive("2019")),
        report_2021(new=210, total=211, fwd=5, carried=6, paragraphs=[SEED_004_PROSE]),
    ]
    seen = [d for r in reports for d in validate(r)]
    seen += validate_series([year_report(2022, 7, 6), year_report(2023, 5, 0), year_report(2025, 5, 0)])
    assert len({d.code for d in seen}) >= 20
    for d in seen:
        assert severity[d.code] == d.severity.value, d.code


# --------------------------------------------------------------------------------------------
# Cells named by key (Diagnostic.cells), the trust checks T101/T102, RULES
# --------------------------------------------------------------------------------------------


def test_sum_diagnostics_name_their_cells() -> None:
    from govinfo_parse.nodes import CellRef

    table = with_cell(app_table(consistent_matrix()), "new", 0, 128)
    r = build_report(app=table, review=review_table([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]))
    found: dict[str, Diagnostic] = {}
    for d in validate(r):
        found.setdefault(d.code, d)
    a1, a3, a4 = found["A1"], found["A3"], found["A4"]
    assert [c.key for c in a1.cells] == [f"applications/{k}/natural_person"
                                         for k in ("new", "carried_over", "total", "carried_forward")]
    assert CellRef("applications", "new", "total") in a3.cells and len(a3.cells) == 7
    assert {c.column for c in a4.cells} == {f"review.{k}" for k in ("upheld", "corrected", "other", "pending",
                                                                     "total")}
    assert all(d.cells for d in validate(r) if d.code[0] in "AVDX")
    # and the records say which diagnostics concern each cell
    r = attrs.evolve(r, diagnostics=validate(r))
    rec = next(x for x in govinfo_parse.to_records(r) if x["table"] == "三" and x["row"].startswith("一、")
               and x["column"] == "自然人")
    assert rec["diagnostics"] == ["A1", "A3"]
    assert serde.loads(serde.dumps(r)) == r and serde.loads(serde.dumps(r)).diagnostics == r.diagnostics


def test_t101_not_a_report(seeds_dir: Path) -> None:
    for text in ("# my-tool\n\nA README: install it with pip and run it.\n",
                 "<html><body><h1>Weather</h1><p>Sunny, 25 degrees.</p></body></html>", ""):
        codes = [d.code for d in govinfo_parse.parse(text).diagnostics]
        assert "T101" in codes, text
    seed = (seeds_dir / "001_b1863d7a49c54e5a.txt").read_text(encoding="utf-8")  # legacy 2013, prose only
    assert not [d for d in govinfo_parse.parse(seed).diagnostics if d.code.startswith("T")]


def test_t102_no_table_read_from_a_modern_report() -> None:
    r = build_report("2021", 2022, app=None, review=None, pro=None)
    t102 = [d for d in validate(r) if d.code == "T102"]
    assert len(t102) == 1 and t102[0].severity is Severity.ERROR and "2022" in t102[0].message
    assert "no statistics table could be read" in t102[0].message
    legacy = build_report("legacy", 2016, app=None, review=None, pro=None,
                          paragraphs=["本年新收申请12件。"])
    assert not [d for d in validate(legacy) if d.code.startswith("T")]
    text = "政府信息公开工作年度报告\n一、总体情况\n第二十条第（一）项的表格见附件。\n"
    assert "T102" in [d.code for d in govinfo_parse.parse(text).diagnostics]  # no year, 2019/2021 labels


def test_rules_are_ordered_data() -> None:
    from govinfo_parse.validate import RULES

    assert [f.__name__ for f in RULES] == ["check_trust", "check_document", "check_proactive",
                                           "check_applications", "check_reviews", "check_prose", "check_legacy"]
