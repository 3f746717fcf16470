"""Typed accessors: cells by key or label, columns, totals, section text."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ast_samples import blank, corpus_dir, legacy_report, num, sample_report
from govinfo_parse import query
from govinfo_parse.formats.labels import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    REVIEW_COLUMNS,
    application_rows,
    proactive_items,
)
from govinfo_parse.nodes import ApplicationTable, Cell, CellState, Heading, Paragraph, Row, Section
from govinfo_parse.query import AmbiguousLabelError, UnknownLabelError

FORMATS = ("2019", "2021")

HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "“": '"', "”": '"', "、": ","})


def half_width(label: str) -> str:
    """How a label looks typed on a western keyboard."""
    return label.translate(HALF_WIDTH)


# --- every official cell, by key and by label -------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_application_cell_by_key_and_by_label(fmt: str) -> None:
    r = sample_report(fmt)
    table = r.applications
    assert table is not None
    for i, spec in enumerate(application_rows(fmt)):
        for k, col in enumerate(APPLICATION_COLUMNS):
            want = table.rows[i].cells[k]
            assert query.cell(r, spec.key, col.key) is want
            assert query.cell(r, spec.label, col.label) is want
            assert query.cell(r, spec.path, col.path) is want
            assert query.cell(r, half_width(spec.label), col.label) is want
            assert query.cell(r, f"  {spec.label} ", f"{col.label} ") is want


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_proactive_cell_by_key_and_by_label(fmt: str) -> None:
    r = sample_report(fmt)
    pro = r.proactive
    assert pro is not None and fmt == pro.FORMAT
    for i, item in enumerate(proactive_items(fmt)):
        for j, spec in enumerate(item.rows):
            for k, col in enumerate(item.columns):
                want = pro.items[i].rows[j].cells[k]
                assert query.cell(r, spec.key, col.key) is want
                assert query.cell(r, spec.label, col.label) is want
                assert query.cell(r, f"{item.label}/{spec.label}", half_width(col.label)) is want


def test_every_review_cell_by_group_and_result_or_by_full_column() -> None:
    r = sample_report("2021")
    table = r.reviews
    assert table is not None
    for k, col in enumerate(REVIEW_COLUMNS):
        want = table.cells[k]
        group, result = col.key.split(".")
        group_label = col.path.rsplit("/", 1)[0]
        assert query.cell(r, None, col.key) is want
        assert query.cell(r, None, col.path) is want
        assert query.cell(r, group, result) is want
        assert query.cell(r, group_label, col.label) is want
        assert query.cell(r, group_label.rsplit("/", 1)[-1], col.label) is want


def test_labels_as_the_truth_files_and_the_spec_write_them() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    secret = app.row("withheld.state_secret")
    assert secret is not None
    for name in ("（三）不予公开/1.属于国家秘密", "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
                 "1.属于国家秘密", "(三)不予公开/1.属于国家秘密", "withheld.state_secret"):
        assert query.cell(r, name, "自然人") is secret.cells[0], name
    # curly or straight quotes, full- or half-width punctuation
    safety = app.row("withheld.three_safeties")
    assert safety is not None
    assert query.cell(r, '3.危及"三安全一稳定"', "总计") is safety.cells[6]
    assert query.cell(r, "（二）部分公开(区分处理的,只计这一情形,不计其他情形)", "商业企业") is app.rows[3].cells[1]
    assert query.cell(r, "一,本年新收政府信息公开申请数量", "总计") is app.rows[0].cells[6]  # 、 typed as ,
    # the column note （单位：万元） written with ASCII punctuation
    fee = query.cell(r, "行政事业性收费", "本年收费金额(单位:万元)")
    assert fee is not None and fee.unit == "万元"


def test_a_row_of_the_other_format_printed_anyway_is_found() -> None:
    """A 2021 table that prints the 2019 （六）其他处理 row (as hongze-gov-2023 does) keeps it."""
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    other = Row("other", "（六）其他处理", tuple(num(k) for k in range(7)))
    r2 = attrs.evolve(r, sections=tuple(
        attrs.evolve(s, blocks=(attrs.evolve(app, rows=(*app.rows, other)),)) if s.number == 3 else s
        for s in r.sections))
    assert query.cell(r2, "（六）其他处理", "总计") is other.cells[6]
    assert query.column(r2, "自然人")["other"] is other.cells[0]


def test_a_cell_of_the_other_format_is_none() -> None:
    r19, r21 = sample_report("2019"), sample_report("2021")
    assert query.cell(r21, "rules", "new_made") is None  # a 2019 column
    assert query.cell(r19, "rules", "issued") is None  # a 2021 column
    assert query.cell(r21, "other", "total") is None  # （六）其他处理 is one row only in 2019
    assert query.cell(r19, "other.no_correction", "total") is None
    assert query.cell(r19, "procurement", "procurement_amount") is not None
    assert query.cell(r21, "procurement", "采购总金额") is None
    assert query.resolve("rules", "new_made").formats == ("2019",)
    assert query.resolve("rules", "本年制发件数").formats == ("2021",)
    assert query.resolve("new", "total").formats == FORMATS


def test_unknown_and_ambiguous_names_raise() -> None:
    r = sample_report("2021")
    with pytest.raises(UnknownLabelError, match="no official row"):
        query.cell(r, "本年新收", "总计")
    with pytest.raises(UnknownLabelError, match="column"):
        query.cell(r, "new", "结果维持")  # a section-四 column, not a section-三 one
    with pytest.raises(UnknownLabelError):
        query.cell(r, "fees", "decisions")  # item 8 has no 处理决定数量 column
    with pytest.raises(AmbiguousLabelError, match="行政复议/总计"):
        query.cell(r, None, "总计")  # three 总计 in section 四
    with pytest.raises(TypeError):
        query.cell(r, 3, "总计")  # type: ignore[arg-type]


def test_damaged_rows_and_missing_tables_give_none() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    damaged = attrs.evolve(app.rows[0], cells=app.rows[0].cells[:5])
    unplaced = Row(None, "本年新收申请", (num(1),) * 7)
    r2 = attrs.evolve(r, sections=tuple(
        attrs.evolve(s, blocks=(attrs.evolve(app, rows=(damaged, *app.rows[1:], unplaced)),))
        if s.number == 3 else s for s in r.sections))
    assert query.cell(r2, "new", "natural_person") is None  # positions no longer say which column
    assert "new" not in query.column(r2, "total")
    assert None not in query.column(r2, "total")
    assert query.row(r2, "new") is damaged  # the row itself is still there
    legacy = legacy_report()
    assert query.cell(legacy, "new", "total") is None
    assert query.cell(legacy, None, "review.total") is None
    assert query.column(legacy, "total") == {}
    assert query.row(legacy, "new") is None
    assert all(v is None for v in query.totals(legacy).values().values())


# --- columns ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_application_column_is_a_mapping_in_table_order(fmt: str) -> None:
    r = sample_report(fmt)
    for k, col in enumerate(APPLICATION_COLUMNS):
        got = query.column(r, col.label)
        assert list(got) == [spec.key for spec in application_rows(fmt)]
        assert got == query.column(r, col.key) == query.column(r, col.label, table="applications")
        table = r.applications
        assert table is not None
        assert all(got[row.key] is row.cells[k] for row in table.rows if row.key)


def test_proactive_column_spans_items() -> None:
    r = sample_report("2021")
    got = query.column(r, "本年处理决定数量")
    assert list(got) == ["licensing", "penalty", "coercion"]
    assert got["penalty"] is query.cell(r, "行政处罚", "本年处理决定数量")
    r19 = sample_report("2019")
    assert list(query.column(r19, "上一年项目数量")) == ["licensing", "other_services", "penalty", "coercion",
                                                   "fees"]
    assert query.column(r19, "本年处理决定数量") == {}  # a 2021 column on a 2019 report


def test_review_column_by_result() -> None:
    r = sample_report("2021")
    got = query.column(r, "total", table="reviews")
    assert list(got) == ["review", "suit_direct", "suit_after_review"]
    assert got["suit_direct"] is query.cell(r, None, "行政诉讼/未经复议直接起诉/总计")
    assert list(query.column(r, "结果纠正")) == ["review", "suit_direct", "suit_after_review"]
    with pytest.raises(ValueError, match="table must be one of"):
        query.column(r, "total", table="section3")  # type: ignore[arg-type]


# --- totals -----------------------------------------------------------------------------------


def test_totals_name_the_right_cells() -> None:
    r = sample_report("2021")
    t = query.totals(r)
    assert t.received is query.cell(r, "一、本年新收政府信息公开申请数量", "总计")
    assert t.carried_over is query.cell(r, "二、上年结转政府信息公开申请数量", "总计")
    assert t.answered is query.cell(r, "（七）总计", "总计")
    assert t.carried_forward is query.cell(r, "四、结转下年度继续办理", "总计")
    assert t.reviews is query.cell(r, None, "行政复议/总计")
    assert t.lawsuits_direct is query.cell(r, None, "未经复议直接起诉/总计")
    assert t.lawsuits_after_review is query.cell(r, None, "复议后起诉/总计")
    assert t.lawsuits == (t.lawsuits_direct, t.lawsuits_after_review)
    assert set(t.values()) == {f.name for f in attrs.fields(query.Totals)}


def test_totals_keep_blank_apart_from_zero() -> None:
    r = sample_report("2021")
    rev = r.reviews
    assert rev is not None
    cells = list(rev.cells)
    cells[4] = blank()  # 行政复议 总计 left empty
    cells[9] = Cell("0", CellState.NUMBER, 0)
    r2 = attrs.evolve(r, sections=tuple(
        attrs.evolve(s, blocks=(attrs.evolve(rev, cells=tuple(cells)),)) if s.number == 4 else s
        for s in r.sections))
    t = query.totals(r2)
    assert t.reviews is not None and t.reviews.state is CellState.BLANK and t.reviews.raw == ""
    assert t.values()["reviews"] is None
    assert t.lawsuits_direct is not None and t.lawsuits_direct.value == 0


# --- section text -----------------------------------------------------------------------------


def test_section_text() -> None:
    r = sample_report("2021")
    assert query.section_text(r, 1) == "\n".join([
        "2021年，本局认真贯彻《条例》。", "（一）主动公开", "全年主动公开信息120条。", "（二）依申请公开",
        "全年共受理政府信息公开申请212件。", "1.办理情况"])
    assert query.section_text(r, 1, headings=False) == "\n".join([
        "2021年，本局认真贯彻《条例》。", "全年主动公开信息120条。", "全年共受理政府信息公开申请212件。"])
    assert query.section_text(r, 5) == "一是公开内容不够全面。\n二是解读形式较为单一。"  # no unplaced text
    assert query.section_text(r, 6) == "本年度未收取信息处理费。"  # no web-page chrome
    assert query.section_text(r, 3) == ""  # a table only
    assert query.section_text(r, 7) is None


def test_section_text_joins_sections_sharing_a_number() -> None:
    r = attrs.evolve(legacy_report(), sections=(
        Section(2, "甲", (Paragraph("a"),)), Section(2, "乙", (Heading(2, None, "无号"), Paragraph("b")))))
    assert query.section_text(r, 2) == "a\n无号\nb"


@given(st.integers(1, 99), st.sampled_from([2, 3]), st.text(min_size=1, max_size=5))
def test_heading_text(number: int, level: int, title: str) -> None:
    text = query.heading_text(Heading(level, number, title))
    assert text.endswith(title)
    if level == 3:
        assert text == f"{number}.{title}"
    else:
        assert text.startswith("（") and "）" in text


# --- labels as people write them ---------------------------------------------------------------


@given(st.sampled_from([r for r in APPLICATION_ROWS]), st.sampled_from(APPLICATION_COLUMNS),
       st.booleans(), st.booleans())
def test_fold_label_makes_print_variants_equal(spec: object, col: object, half: bool, spaced: bool) -> None:
    label = spec.label  # type: ignore[attr-defined]
    variant = half_width(label) if half else label
    if spaced:
        variant = " ".join(variant)  # "商业 企业": spaces anywhere
    assert query.fold_label(variant) == query.fold_label(label)
    assert query.resolve(variant, col.label).row == spec.key  # type: ignore[attr-defined]


def test_every_label_of_the_truth_files_resolves() -> None:
    """The hand-transcribed truth files name rows and columns as the spec does; every one of
    those names must resolve to an official cell of the truth's format."""
    truth_dir = corpus_dir() / "real" / "truth"
    files = sorted(truth_dir.glob("*.json"))
    assert files, f"no truth files in {truth_dir}"
    for path in files:
        truth = json.loads(path.read_text(encoding="utf-8"))
        fmt = truth["format"]
        for row_key in truth["table3"]:
            for col in APPLICATION_COLUMNS:
                address = query.resolve(row_key, col.label)
                assert address.table == "applications", (path.name, row_key)
                # hongze-gov-2023 is a 2021 report printing the 2019 （六）其他处理 row (corpus README)
                assert fmt in address.formats or address.row == "other", (path.name, row_key)
        for item, row_label, column_label, _ in truth["table2"]:
            address = query.resolve(f"{item}/{row_label}", column_label)
            assert address.table == "proactive" and fmt in address.formats, (path.name, row_label)
        assert len(truth["table4"]) == len(REVIEW_COLUMNS)


def test_query_on_a_report_built_with_rows_out_of_order() -> None:
    """Queries go by key, not by position in the table."""
    r = sample_report("2019")
    app = r.applications
    assert app is not None
    shuffled = ApplicationTable(app.format, tuple(reversed(app.rows)))
    r2 = attrs.evolve(r, sections=tuple(
        attrs.evolve(s, blocks=(shuffled,)) if s.number == 3 else s for s in r.sections))
    assert query.cell(r2, "new", "total") is query.cell(r, "new", "total")
    assert query.column(r2, "total") == query.column(r, "total")
