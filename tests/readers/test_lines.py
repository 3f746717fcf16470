"""The same table in each text layout gives the same cells (unit tests per layout)."""

from __future__ import annotations

import govinfo_parse
from govinfo_parse.readers._lines import chunks_from_text
from govinfo_parse.stream import BLANK, HEADER

ROWS = [
    ("一、本年新收政府信息公开申请数量", ["12", "1", "0", "0", "0", "0", "13"]),
    ("二、上年结转政府信息公开申请数量", ["2", "0", "0", "0", "0", "0", "2"]),
]
HEADER_CELLS = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
                "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
HEAD = "三、收到和处理政府信息公开申请情况\n"


def values(text: str) -> dict[str, list[str]]:
    report = govinfo_parse.parse(text, validate=False)
    assert report.applications is not None, [d.message for d in report.diagnostics]
    return {r.key or r.label: [c.raw for c in r.cells] for r in report.applications.rows}


EXPECTED = {"new": ROWS[0][1], "carried_over": ROWS[1][1]}


def test_one_cell_per_line_with_blank_lines() -> None:
    body = "\n\n".join(HEADER_CELLS + [x for label, cells in ROWS for x in [label, *cells]])
    assert values(HEAD + "\n" + body + "\n") == EXPECTED


def test_tab_indented_cells_with_no_break_spaces_and_filler_lines() -> None:
    lines = ["\t" + c for c in HEADER_CELLS] + ["\t"]
    for label, cells in ROWS:
        lines += ["\t", "\t" + label] + ["\t\u00a0" + c + "\u00a0" for c in cells]
    assert values(HEAD + "\n".join(lines) + "\n") == EXPECTED


def test_pipe_rows_with_trailing_empty_cells() -> None:
    lines = [HEADER_CELLS[0] + " | 申请人情况 | ||||||||", "自然人 | 法人或其他组织 | 总计 | |||||||"]
    lines += [label + " | " + " | ".join(cells) + " | ||" for label, cells in ROWS]
    assert values(HEAD + "\n".join(lines) + "\n") == EXPECTED


def test_pipe_row_broken_across_lines() -> None:
    label, cells = ROWS[0]
    text = HEAD + f"{label} | {' | '.join(cells[:6])} |\n{cells[6]} | |\n"
    assert values(text)["new"] == cells


def test_markdown_table_with_header_row() -> None:
    lines = ["| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |", "|---|---|---|---|---|---|---|---|"]
    lines += ["| " + label + " | " + " | ".join(cells) + " |" for label, cells in ROWS]
    assert values("## " + HEAD + "\n".join(lines) + "\n") == EXPECTED


def test_full_width_digits_and_punctuation_are_folded() -> None:
    label, cells = ROWS[0]
    wide = [c.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}) for c in cells]
    text = HEAD + label.replace("、", "，") + " | " + " | ".join(wide) + " |\n"
    report = govinfo_parse.parse(text, validate=False)
    row = report.applications.row("new")  # type: ignore[union-attr]
    assert row is not None
    assert [c.value for c in row.cells] == [int(c) for c in cells]
    assert [c.raw for c in row.cells] == wide  # raw keeps what was printed


def test_split_and_truncated_header_cells_are_accepted() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开总数量\n"
        "规章\n1\n2\n3\n规范性文件\n4\n5\n6\n"
    )
    report = govinfo_parse.parse(text, validate=False)
    pro = report.proactive
    assert isinstance(pro, govinfo_parse.ProactiveTable2019)
    assert [[c.value for c in r.cells] for r in pro.items[0].rows] == [[1, 2, 3], [4, 5, 6]]


def test_review_table_with_truncated_headers_and_leading_blank_values() -> None:
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 | 行政诉讼 | |||\n"
        "结果维持 | 结果 | 其他 | 尚未 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
        " | 2 | 0 | 1 | 3 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |\n"
    )
    report = govinfo_parse.parse(text, validate=False)
    assert report.reviews is not None
    states = [c.state.value for c in report.reviews.cells]
    assert len(states) == 15 and states[0] == "blank"
    assert [c.value for c in report.reviews.cells][1:5] == [2, 0, 1, 3]


def test_chunk_stream_markers() -> None:
    chunks = chunks_from_text("a | | b |\n\t\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    texts = [c.text for c in chunks]
    assert texts == ["a", BLANK, "b", BLANK, HEADER + "x", HEADER + "y", HEADER + "|---|---|", "1", "2"]
    src = "a | | b |\n\t\n| x | y |\n|---|---|\n| 1 | 2 |\n"
    for c in chunks:
        if not c.text.startswith((BLANK,)) and "-" not in c.text:
            assert src[c.start:c.end].replace(" ", "") == c.text.lstrip(HEADER)


# --------------------------------------------------------------------------------------------
# runs of value cells are one line of the stream (one CELLS token), and split back exactly
# --------------------------------------------------------------------------------------------


def test_a_run_of_value_cells_is_one_line_of_the_stream() -> None:
    from govinfo_parse.stream import CELL_SEPARATOR, Chunk, stream_lines

    texts = ["一、本年新收政府信息公开申请数量", "12", "—", BLANK, "1,200.5万元",
             "二、上年结转政府信息公开申请数量", "0"]
    chunks = [Chunk(t, i * 10, i * 10 + len(t)) for i, t in enumerate(texts)]
    stream, firsts = stream_lines(chunks)
    sep = CELL_SEPARATOR
    assert stream.splitlines() == [texts[0], f"12{sep}—{sep}{BLANK}{sep}1,200.5万元", texts[5], "0"]
    assert firsts == [0, 1, 5, 6, 7]


def test_cells_of_a_run_keep_their_own_positions() -> None:
    text = HEAD + "一、本年新收政府信息公开申请数量 | 12 | 1 | — | | 0 | 0 | 13\n"
    report = govinfo_parse.parse(text, validate=False)
    assert report.applications is not None
    row = report.applications.row("new")
    assert row is not None
    printed = [(c.raw, text[c.span.start : c.span.end]) for c in row.cells if c.span is not None]
    assert printed == [("12", "12"), ("1", "1"), ("—", "—"), ("", " "), ("0", "0"), ("0", "0"), ("13", "13")]
    assert [c.state.value for c in row.cells] == ["number", "number", "placeholder", "blank", "number", "number",
                                                 "number"]


def test_a_run_of_numbers_in_prose_is_one_paragraph_per_line() -> None:
    report = govinfo_parse.parse("一、总体情况\n本年度情况如下。\n2020\n15\n—\n二、其他\n", validate=False)
    texts = [getattr(b, "text", None) for b in report.sections[0].blocks]
    assert texts == ["本年度情况如下。", "2020", "15", "—"]


def test_a_printed_cell_separator_is_not_a_separator() -> None:
    # U+241F in the source is text (normalised to U+FFFD), never the stream's cell separator
    text = HEAD + "一、本年新收政府信息公开申请数量 | 12\u241f1 | 0\n"
    report = govinfo_parse.parse(text, validate=False)
    cells = [c.raw for r in (report.applications.rows if report.applications else ()) for c in r.cells]
    assert "12" not in cells and "1" not in cells
