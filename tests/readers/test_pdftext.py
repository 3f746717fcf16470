"""PDF-extracted text (pdfplumber ``extract_text()``): rows, wrapped labels, vertical labels,
page breaks — rendered from known tables in the family's ways and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_parse
from conftest import SEEDS, require_shared
from govinfo_parse.formats import labels as L
from govinfo_parse.normalise import normalise
from govinfo_parse.readers.pdftext import chunks, looks_like_pdf_text

HEADER = """三、收到和处理政府信息公开申请情况
申请人情况
法人或其他组织
（本列数据的勾稽关系为：第一项加第二项之和，等
于第三项加第四项之和）
自然人 社会 法律 总计
商业 科研
公益 服务 其他
企业 机构
组织 机构"""

SECTION_2 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 1 2
行政规范性文件 3 4 5
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 550
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 4119
行政强制 195
第二十条第（八）项
信息内容 本年收费金额（单位：万 元）
行政事业性收费 7730.28"""

SECTION_4 = """四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未
总 计
维持 纠正 结果 审结 结果 结果 其他 尚未 结果 结果 其他 尚未
总 计 总计
维持 纠正 结果 审结 维持 纠正 结果 审结
{values}
五、存在的主要问题及改进情况
无。"""

PREAMBLE = """某某区人民政府
2023 年政府信息公开工作年度报告
本报告所列数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。
一、总体情况
2023 年，某某区坚持公开为常态，不断提升政府信息公开质量。"""

VERTICAL = "三、本年度办理结果"


def _rows(fmt: str) -> tuple[L.RowSpec, ...]:
    return L.application_rows(fmt)


def render(values: list[list[int]], fmt: str, wraps: list[str], *, vertical: bool = True,
           page_break: int | None = None, review: list[int] | None = None) -> str:
    """A report in the layout pdfplumber gives: the application table's rows with their labels
    on the same line, before, after or around their values; the vertical label 三、本年度办理结果
    one character per line or glued to the front of lines; a page break before row
    ``page_break`` with its page number glued to the next page's first line."""
    rows = _rows(fmt)
    body: list[str] = []
    printed_groups: set[str] = set()
    for i, (spec, vals, wrap) in enumerate(zip(rows, values, wraps, strict=True)):
        if page_break == i:
            body.append(f"- {2} -\f")
        v = " ".join(str(x) for x in vals)
        group = spec.group if spec.group not in (None, "results") else None
        if group is not None and group not in printed_groups and not (group == "other" and fmt == "2019"):
            printed_groups.add(group)
            body.append(L.APPLICATION_GROUPS[group])
        label = spec.label
        if wrap == "same":
            body.append(f"{label} {v}")
        elif wrap == "before":
            body += [label, v]
        elif wrap == "after":
            body += [v, label]
        else:  # split around the values, as a tall wrapped cell gives it
            k = max(2, len(label) // 2)
            body += [label[:k], v, label[k:]]
    if vertical:
        # the characters of the vertical label, glued to the lines of the results rows
        start = next(i for i, line in enumerate(body) if "予以公开" in line)
        for n, ch in enumerate(VERTICAL):
            at = start + 2 * n
            if at < len(body) and not body[at].startswith("- "):
                body[at] = f"{ch} {body[at]}" if n % 3 else body[at]
                if n % 3 == 0:
                    body.insert(at, ch)
    text = "\n".join(body)
    if page_break is not None:
        text = text.replace("\f\n", "\f")
    rv = " ".join(str(x) for x in (review or [0] * 15))
    return "\n".join([PREAMBLE, SECTION_2, HEADER, text, SECTION_4.format(values=rv)]) + "\n- 5 -"


def _values(report: govinfo_parse.Report) -> dict[str | None, list[str]]:
    assert report.applications is not None
    return {r.key: [c.raw for c in r.cells] for r in report.applications.rows}


def _expected(values: list[list[int]], fmt: str) -> dict[str | None, list[str]]:
    return {spec.key: [str(x) for x in vals] for spec, vals in zip(_rows(fmt), values, strict=True)}


WRAPS = ("same", "before", "after", "split")


@settings(max_examples=40)
@given(st.sampled_from(["2019", "2021"]), st.data())
def test_any_wrapping_of_labels_reads_back_the_same_table(fmt: str, data: st.DataObject) -> None:
    n = len(_rows(fmt))
    values = data.draw(st.lists(st.lists(st.integers(0, 999), min_size=7, max_size=7), min_size=n, max_size=n))
    wraps = data.draw(st.lists(st.sampled_from(WRAPS), min_size=n, max_size=n))
    page_break = data.draw(st.none() | st.integers(1, n - 1))
    vertical = data.draw(st.booleans())
    text = render(values, fmt, wraps, vertical=vertical, page_break=page_break)
    report = govinfo_parse.parse(text, validate=False)
    assert _values(report) == _expected(values, fmt)
    codes = {d.code for d in report.diagnostics}
    assert not codes & {"P001", "P101", "P102", "P106"}, [d.message for d in report.diagnostics]


def test_the_other_tables_and_the_metadata_come_out() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    review = [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]
    report = govinfo_parse.parse(render(values, "2021", ["same"] * 25, review=review), validate=False)
    assert report.metadata.agency == "某某区人民政府" and report.metadata.year == 2023
    assert report.reviews is not None
    assert [c.value for c in report.reviews.cells] == review
    assert report.proactive is not None
    cells = {(t.item, r.key): [c.raw for c in r.cells] for t in report.proactive.items for r in t.rows}
    assert cells == {
        ("item1", "rules"): ["0", "1", "2"], ("item1", "normative_documents"): ["3", "4", "5"],
        ("item5", "licensing"): ["550"], ("item6", "penalty"): ["4119"], ("item6", "coercion"): ["195"],
        ("item8", "fees"): ["7730.28"],
    }
    assert not [d for d in report.diagnostics if d.code.startswith("P")]


def test_a_2021_table_printing_other_handling_as_one_row() -> None:
    # hongze-gov-2023: the 2021 format, but （六）其他处理 kept as a single row (23 value rows)
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(23)]
    text = render(values, "2019", list(WRAPS * 6)[:23])
    report = govinfo_parse.parse(text, validate=False)
    assert _values(report) == _expected(values, "2019")
    assert report.applications is not None and report.applications.row("other") is not None


def test_a_misprinted_label_is_reported_and_its_row_still_placed() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["same"] * 25).replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    report = govinfo_parse.parse(text, validate=False)
    assert _values(report) == _expected(values, "2021")
    (d,) = [d for d in report.diagnostics if d.code == "P101"]
    assert "2.其他法律行政止公开" in d.message and "2.其他法律行政法规禁止公开" in d.message
    row = report.applications.row("withheld.prohibited") if report.applications else None
    assert row is not None and row.label == "2.其他法律行政止公开"


def test_a_row_whose_label_is_lost_is_placed_by_position_with_a_diagnostic() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["same"] * 25, vertical=False).replace("2.重复申请 ", "")
    report = govinfo_parse.parse(text, validate=False)
    assert _values(report) == _expected(values, "2021")
    p106 = [d for d in report.diagnostics if d.code == "P106"]
    assert len(p106) == 1 and "2.重复申请" in p106[0].message
    row = report.applications.row("not_processed.repeated") if report.applications else None
    assert row is not None and row.label == ""  # nothing was printed there


def test_an_extra_run_of_numbers_is_kept_unplaced_never_guessed() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["same"] * 25, vertical=False)
    text = text.replace("（七）总计", "（六）其他说明 9 9 9 9 9 9 9\n（七）总计")
    report = govinfo_parse.parse(text, validate=False)
    got = _values(report)
    assert got[None] == ["9"] * 7
    assert {k: v for k, v in got.items() if k} == _expected(values, "2021")
    assert any(d.code == "P102" for d in report.diagnostics)


def test_positions_point_into_the_extracted_text() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["after"] * 25, vertical=False)
    report = govinfo_parse.parse(text, validate=False)
    row = report.applications.row("total") if report.applications else None
    assert row is not None and row.span is not None
    lines = text.split("\n")
    cell = row.cells[0]
    assert cell.span is not None
    assert lines[cell.span.line - 1].split()[0] == cell.raw
    label_line = lines[row.span.line - 1] if row.span.line <= len(lines) else ""
    assert "总计" in label_line or cell.raw in label_line


def test_looks_like_pdf_text() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["same"] * 25)
    assert looks_like_pdf_text(text, normalise(text).text)
    assert not looks_like_pdf_text("一、总体情况\n正文。\n", "一、总体情况\n正文。\n")
    pipes = "\n".join(f"行{i} | 1 | 2 | 3 |" for i in range(10))
    assert not looks_like_pdf_text(pipes, pipes)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_seeds_are_not_taken_for_pdf_text(name: str) -> None:
    path: Path = require_shared() / "corpus" / "seeds" / name
    text = path.read_text(encoding="utf-8")
    assert chunks(text, normalise(text)) is None


def test_hongze_vertical_label_and_wrapped_labels(real_dir: Path) -> None:
    report = govinfo_parse.parse_file(real_dir / "hongze-gov-2023.pdf.txt")
    app = report.applications
    assert app is not None
    assert len([r for r in app.rows if r.key]) == 23
    assert [r.key for r in app.rows if r.key is None] == []
    # the label wrapped around its values, and the one glued to a vertical-label character
    partly = app.row("partly_granted")
    assert partly is not None and partly.label.startswith("（二）部分公开")
    prohibited = app.row("withheld.prohibited")
    assert prohibited is not None and prohibited.label == "2.其他法律行政止公开"
    assert prohibited.span is not None and prohibited.span.column == 3  # after "三 "
    assert not [d for d in report.diagnostics if d.code in ("P001", "P102", "P106")]


def test_section_2_labels_that_wrap_or_differ() -> None:
    values = [[i, 0, 0, 0, 0, 0, i] for i in range(25)]
    text = render(values, "2021", ["same"] * 25)
    text = text.replace("行政规范性文件 3 4 5", "行政规范性\n文件 3 4 5").replace("行政强制 195", "行政强剖 195")
    report = govinfo_parse.parse(text, validate=False)
    assert report.proactive is not None
    rows = {r.key: (r.label, [c.raw for c in r.cells]) for t in report.proactive.items for r in t.rows}
    assert rows["normative_documents"] == ("行政规范性\n文件", ["3", "4", "5"])  # as printed, over two lines
    assert rows["coercion"] == ("行政强剖", ["195"])
    (d,) = [d for d in report.diagnostics if d.code == "P101"]
    assert "行政强剖" in d.message and "行政强制" in d.message


_PIECES = st.sampled_from(["0", "12", "7730.28", "-", "/", " ", "\n", "\f", "- 2 -", "三", "、", "本", "年",
                           "（三）不予公开", "1.属于国家秘密", "2.其他法律行政止公开", "四、结转下年度继续办理",
                           "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                           "自然人 社会 法律 总计", "规章", "第二十条第（一）项", "信息内容", "（七）总计",
                           "已获取信息"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=60))
def test_any_text_read_as_pdf_text_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    norm = normalise(text)
    found = chunks(text, norm, force=True)
    assert found is not None
    for c in found[0]:
        assert 0 <= c.start <= c.end <= len(norm.text)
    from govinfo_parse.api import parse_text

    report = parse_text(text, kind="pdf")
    assert not [d for d in report.diagnostics if d.code == "P000"]
