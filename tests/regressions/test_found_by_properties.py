"""Minimal examples the property tests (tests/test_properties.py) found, kept as plain tests.

Each was a parser bug, fixed in the parser; the test names say what was wrong.  The inputs are
the shrunk examples, written out by hand in the layout that exposed them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo_parse
from govinfo_parse import CellState, Report
from govinfo_parse.render import render

SEC2 = "二、主动公开政府信息情况\n"
SEC3 = "三、收到和处理政府信息公开申请情况\n"
SEC4 = "四、政府信息公开行政复议、行政诉讼情况\n"


def states(cells: object) -> list[tuple[str, object]]:
    return [(c.state.value, c.value) for c in cells]  # type: ignore[attr-defined]


def covered(text: str, report: Report) -> str:
    """The printed characters of ``text`` that no node's span covers."""
    import attrs

    from govinfo_parse import Span

    mask = bytearray(len(text))

    def walk(x: object) -> None:
        if isinstance(x, Span):
            mask[x.start : x.end] = b"\x01" * (x.end - x.start)
        elif isinstance(x, tuple):
            for v in x:
                walk(v)
        elif attrs.has(type(x)):
            for f in attrs.fields(type(x)):
                if f.name not in ("diagnostics", "source"):
                    walk(getattr(x, f.name))

    walk(report)
    return "".join(ch for i, ch in enumerate(text) if not mask[i] and not ch.isspace())


# ---- cells --------------------------------------------------------------------------------------


def test_blank_first_cell_of_a_proactive_row_is_kept() -> None:
    """A blank right after a row label was taken for merged-cell filler and dropped, shifting the
    row's values one column left."""
    text = SEC2 + "第二十条第（八）项\n信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 |  | 0 |\n"
    row = govinfo_parse.parse(text).proactive.items[0].rows[0]  # type: ignore[union-attr]
    assert states(row.cells) == [("blank", None), ("number", 0)]


def test_proactive_row_with_every_cell_blank() -> None:
    text = SEC2 + "第二十条第（八）项\n信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 |  |  |\n"
    row = govinfo_parse.parse(text).proactive.items[0].rows[0]  # type: ignore[union-attr]
    assert states(row.cells) == [("blank", None), ("blank", None)]


def test_blank_first_value_of_an_application_row_in_a_tab_layout() -> None:
    """Seed 002's layout: the tab line of the merged 三、本年度办理结果 cell before the next label
    was appended to the row, and the row's own leading blank dropped as filler."""
    values = ["\t", "\t\u00a03", "\t0", "\t0", "\t0", "\t0", "\t3"]
    text = SEC3 + "\n".join(["\t三、本年度办理结果", "\t（一）予以公开", *values, "", "\t",
                             "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", *(["\t0"] * 7)]) + "\n"
    app = govinfo_parse.parse(text).applications
    assert app is not None
    assert states(app.row("granted").cells) == [("blank", None), ("number", 3)] + [("number", 0)] * 4 + [  # type: ignore[union-attr]
        ("number", 3)]
    assert len(app.row("partly_granted").cells) == 7  # type: ignore[union-attr]


def test_review_table_with_every_cell_blank() -> None:
    """Section 四 printed with all fifteen cells empty (as web pages leave zeros) was lost: its
    header cells were kept as unrecognised text."""
    header = ("行政复议 | 行政诉讼 | |||||||||||||\n"
              "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n"
              "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | "
              "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n")
    text = SEC4 + header + " |" * 15 + "\n五、存在的主要问题及改进情况\n无。\n"
    report = govinfo_parse.parse(text)
    assert report.reviews is not None
    assert states(report.reviews.cells) == [("blank", None)] * 15
    assert not any(d.code == "P002" for d in report.diagnostics)


@pytest.mark.parametrize("layout", ("lines", "tabs", "markdown", "text"))
def test_review_table_with_every_cell_blank_in_other_layouts(layout: str) -> None:
    from govinfo_parse import Cell, ReportFormat, ReviewTable, Section

    blank = Cell("", CellState.BLANK)
    report = Report(ReportFormat.LEGACY, sections=(
        Section(4, "政府信息公开行政复议、行政诉讼情况", (ReviewTable((blank,) * 15),)),))
    assert govinfo_parse.parse(render(report, layout)) == report


# ---- which table, which format -----------------------------------------------------------------


def test_sentence_quoting_new_applications_is_a_paragraph() -> None:
    """"本年新收政府信息公开申请0件。" was lexed as the row label 一、本年新收…申请数量 (its free
    tail took "0件。"), turning a legacy report's prose into an application table."""
    text = "一、依申请公开政府信息情况\n本年新收政府信息公开申请0件。\n上年结转政府信息公开申请2件。\n"
    report = govinfo_parse.parse(text)
    assert report.format.value == "legacy"
    assert report.applications is None
    assert [b.text for b in report.sections[0].blocks] == [  # type: ignore[union-attr]
        "本年新收政府信息公开申请0件。", "上年结转政府信息公开申请2件。"]


def test_application_table_format_follows_section_two(seeds_dir: Path) -> None:
    """A 2019-format report for 2020 whose prose names 2021 more often got a 2021 application
    table: its format was guessed from the years in the text although section 二 shows it."""
    seed = (seeds_dir / "000_0a0c8e52524dd181.txt").read_text(encoding="utf-8")
    more_2021 = "\n\n" + "2021年，" * 5 + "。"
    text = seed.replace("六、其他需要报告的事项", "六、其他需要报告的事项" + more_2021, 1)
    report = govinfo_parse.parse(text)
    assert report.format.value == "2019"
    assert report.applications is not None and report.applications.format.value == "2019"


# ---- every printed character lies in some node ----------------------------------------------------


def test_closing_pipe_of_a_tables_last_row_and_markdown_hashes_lie_in_spans() -> None:
    text = ("## 二、主动公开政府信息情况\n\n第二十条第（八）项\n\n"
            "| 信息内容 | 上一年项目数量 | 本年增/减 |\n|---|---|---|\n"
            "| 行政事业性收费 | 2 | 0 |\n\n## 六、其他需要报告的事项\n\n无。\n")
    assert covered(text, govinfo_parse.parse(text)) == ""
    pipes = SEC2 + "第二十条第（八）项 | ||\n信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 | 2 | 0 |\n"
    assert covered(pipes, govinfo_parse.parse(pipes)) == ""


@pytest.mark.parametrize("marker", ("\u2400", "\u2401", "\u2402"))
def test_marker_characters_printed_in_the_source_are_text(marker: str) -> None:
    """The layout's private markers (␀ blank cell, ␁ header cell, ␂ unplaced label): a printed
    ␀ was folded to a space (and lost), a printed ␁/␂ made the line a header cell / row label."""
    text = f"一、总体情况\n{marker}总计\n"
    report = govinfo_parse.parse(text)
    assert [type(b).__name__ for b in report.sections[0].blocks] == ["Paragraph"]
    assert report.sections[0].blocks[0].text == f"{marker}总计"  # type: ignore[union-attr]
    assert covered(text, report) == ""


def test_line_of_empty_cells_outside_a_table_is_kept() -> None:
    """"| |" outside any table made no node at all; it is kept as unrecognised text (P002)."""
    text = "||\n一、总体情况\n无。\n"
    report = govinfo_parse.parse(text)
    assert covered(text, report) == ""
    assert [type(b).__name__ for b in report.preamble] == ["Unrecognised"]
    assert any(d.code == "P002" for d in report.diagnostics)


def test_pipe_padding_after_an_item_header_is_not_unrecognised() -> None:
    text = SEC2 + "第二十条第（八）项 | ||\n信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 | 2 | 0 |\n"
    report = govinfo_parse.parse(text)
    assert [type(b).__name__ for b in report.sections[0].blocks] == ["ProactiveTable2019"]
    assert not [d for d in report.diagnostics if d.code.startswith("P")]


def test_truncated_pdf_text_keeps_a_detached_label_tail_in_its_section(real_dir: Path) -> None:
    """PDF text wraps （二）部分公开（…不 / 计其他情形） around the row's numbers; cut right after the
    tail, the tail lay outside every node.  A section's span now runs to the next section."""
    full = (real_dir / "hongze-gov-2023.pdf.txt").read_text(encoding="utf-8")
    text = full[: full.index("计其他情形）") + len("计其他情形）")]
    assert covered(text, govinfo_parse.parse(text)) == ""


@pytest.mark.parametrize("text", [
    "--",  # matched the GFM separator pattern with no header row before it, and was dropped
    "| (数据项目) | 数量 |\n\n沐阳县人民政府\n",  # a GFM row moved away from its table (mutated shuyang)
    "|信息内容|:",
], ids=["lone-separator", "gfm-row-outside-table", "header-word-in-pipes"])
def test_markdown_table_pieces_outside_a_table_lie_in_nodes(text: str) -> None:
    """Found by the thorough profile (2,000 examples): pieces of Markdown table syntax outside
    any table left printed characters in no node (fixed in layout/transformer, commits 9cbee6c,
    07e7cd5, 47e9558)."""
    assert covered(text, govinfo_parse.parse(text)) == ""


def test_pipe_between_blocks_on_one_line_lies_in_a_node() -> None:
    """Found by the thorough profile: an item header and a value on one pipe line outside any
    table left the pipe between them in no node; it now belongs to the first block."""
    text = "第二十条第(一)项|0|"
    assert covered(text, govinfo_parse.parse(text)) == ""
