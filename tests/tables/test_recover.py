"""The shared table recovery (govinfo_parse.tables.recover), one damage at a time.

Each case is a small report text with one kind of converter damage; the recovery must give the
cells of the intact table, with the diagnostic that says what it did."""

from __future__ import annotations

import govinfo_parse
from govinfo_parse.readers import Input, read

HEAD = "三、收到和处理政府信息公开申请情况\n"
SEC4 = "四、政府信息公开行政复议、行政诉讼情况\n"
ZEROS = " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"


def _rows(text: str) -> dict[str | None, list[object]]:
    report = govinfo_parse.parse(text, validate=False)
    assert report.applications is not None
    return {r.key: [c.value for c in r.cells] for r in report.applications.rows}


def _codes(text: str) -> list[str]:
    return [d.code for d in govinfo_parse.parse(text, validate=False).diagnostics]


def test_intact_table_is_left_alone() -> None:
    text = HEAD + "（一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n（二）部分公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n" + SEC4
    before = read(Input(text, "text"))
    assert [c.text for c in before.chunks][1] == "(一)予以公开"
    assert not [c for c in _codes(text) if c.startswith("P12")]


def test_labels_printed_before_their_rows_in_another_order() -> None:
    text = (HEAD + "（二）部分公开\n（一）予以公开\n | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
            "（三）不予公开\n1.属于国家秘密" + ZEROS + "\n" + SEC4)
    rows = _rows(text)
    assert rows["granted"] == [3, 0, 0, 0, 0, 0, 3]
    assert rows["partly_granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert "P120" in _codes(text)


def test_label_broken_over_two_lines() -> None:
    text = HEAD + "（一）予以公开" + ZEROS + "\n1.属于国家\n秘密\n | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n" + SEC4
    assert _rows(text)["withheld.state_secret"] == [5, 0, 0, 0, 0, 0, 5]
    assert "P120" in _codes(text)


def test_row_without_label_placed_by_order() -> None:
    text = (HEAD + "（四）无法提供\n1.本机关不掌握相关政府信息" + ZEROS + "\n | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
            "3.补正后申请内容仍不明确" + ZEROS + "\n" + SEC4)
    assert _rows(text)["unavailable.needs_creation"] == [2, 0, 0, 0, 0, 0, 2]
    assert "P121" in _codes(text)


def test_ambiguous_row_is_kept_without_key() -> None:
    text = (HEAD + "（一）予以公开" + ZEROS + "\n | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n四、结转下年度继续办理" + ZEROS
            + "\n" + SEC4)
    rows = _rows(text)
    assert rows[None] == [2, 0, 0, 0, 0, 0, 2]
    assert "P124" in _codes(text)


def test_value_with_a_note_inline_and_on_its_own_line() -> None:
    inline = HEAD + "（一）予以公开 | 12（其中修订3件） | 0 | 0 | 0 | 0 | 0 | 12 |\n" + SEC4
    assert _rows(inline)["granted"] == [12, 0, 0, 0, 0, 0, 12]
    report = govinfo_parse.parse(inline, validate=False)
    assert report.applications is not None
    assert report.applications.rows[0].cells[0].raw == "12（其中修订3件）"
    loose = HEAD + "（一）予以公开 | 12 |\n（其中修订3件）\n0 | 0 | 0 | 0 | 0 | 12 |\n" + SEC4
    assert _rows(loose)["granted"] == [12, 0, 0, 0, 0, 0, 12]
    assert "P123" in _codes(loose)


def test_single_spaced_and_glued_rows() -> None:
    text = HEAD + "（一）予以公开 3 0 0 0 0 0 3\n1.属于国家秘密5 0 0 0 0 0 5\n" + SEC4
    rows = _rows(text)
    assert rows["granted"] == [3, 0, 0, 0, 0, 0, 3]
    assert rows["withheld.state_secret"] == [5, 0, 0, 0, 0, 0, 5]


def test_page_furniture_inside_a_row() -> None:
    text = HEAD + "（一）予以公开 | 3 | 0 | 0 |\n- 12 -\n0 | 0 | 0 | 3 |\n" + SEC4
    assert _rows(text)["granted"] == [3, 0, 0, 0, 0, 0, 3]


def test_section_four_by_its_shape_under_a_scrambled_header() -> None:
    text = (SEC4 + "行 行 结 结 其 尚 总\n政 复 议 政 诉 讼 果 维 持\n"
            "1 0 0 0 1 0 0 0 0 0 2 1 0 0 3\n五、存在的主要问题及改进情况\n")
    report = govinfo_parse.parse(text, validate=False)
    assert report.reviews is not None
    assert [c.value for c in report.reviews.cells] == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0, 0, 3]
    assert "P122" in [d.code for d in report.diagnostics]


def test_section_four_as_three_runs_of_five() -> None:
    text = SEC4 + "行政复议\n1 | 0 | 0 | 0 | 1 |\n- 3 -\n0 | 0 | 0 | 0 | 0 |\n2 | 1 | 0 | 0 | 3 |\n五、存在的问题\n"
    report = govinfo_parse.parse(text, validate=False)
    assert report.reviews is not None
    assert [c.value for c in report.reviews.cells] == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0, 0, 3]


def test_pdf_text_section_four_under_a_header_broken_over_five_lines() -> None:
    text = (SEC4 + "行 复 行 诉 未 复 结\n政 议 政 讼 经 议 果\n维 纠 其 尚 总 直 后\n持 正 他 未 计 接 起\n"
            "结 结 结 审 诉 诉 果\n10 1 0 0 11 0 0 0 0 0 5 0 0 0 5\n五、存在的主要问题及改进情况\n")
    stream = read(Input(text, "pdf"))
    assert stream.reader == "pdf-text"
    assert "P122" in [d.code for d in stream.diagnostics]
    report = govinfo_parse.parse_bytes(text.encode(), filename="r.pdf.txt", validate=False)
    if report.source.reader == "pdf-text":
        assert report.reviews is not None
        assert [c.value for c in report.reviews.cells] == [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]
