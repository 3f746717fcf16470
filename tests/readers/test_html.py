"""Web pages: the article body of a full page, paragraphs as lines, tables as grids, HTML
source positions, GBK pages, Word-pasted markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse.nodes import CellState, Chrome, Paragraph, Report
from govinfo_parse.readers.html import GridSlot, looks_like_html, read_html, table_grids
from govinfo_parse.stream import BLANK, HEADER

BOTH_TREES = pytest.mark.parametrize("use_dom", [None, False], ids=["lexbor", "html.parser"])

APP_HEADER = """
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
"""

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>某某区人民政府2021年政府信息公开工作年度报告_某某区人民政府门户网站</title>
<style>.nav {{ color: red }}</style>
<script>var menu = "一、总体情况 首页";</script>
</head>
<body>
<div class="header"><div class="logo">某某区人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="article">
<h1 class="title">某某区人民政府2021年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2022-01-20 来源：区政府办 浏览次数：<span>123</span></div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="TRS_Editor">
<p class=MsoNormal><span lang=EN-US style='font-size:16pt'>一、<o:p></o:p></span><span
style='font-family:仿宋'>总体情况</span></p>
<xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument></xml>
<p>本年度报告中所列数据统计期限自2021年1月1日起至2021年12月31日止。本区坚持公开为常态，
不公开为例外，推进政务公开工作，取得了良好成效。</p>
<p><font face="黑体">二、主动公开政府信息情况</font></p>
<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发<br>件数</td><td>本年废止<br/>件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>
12</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">{APP_HEADER}
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>&nbsp;</td><td>0</td><td>0</td>
<td>0</td><td>1</td><td>6</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>&nbsp;</td><td></td><td>&nbsp;</td><td>&nbsp;</td>
<td>&nbsp;</td><td>&nbsp;</td><td>2</td></tr>
</table>
</div>
<div class="bdshare">分享到：微信 微博</div>
</div>
<div class="sidebar"><h3>相关链接</h3><ul><li><a>2020年政府信息公开工作年度报告</a></li></ul></div>
</div>
<div class="footer">版权所有：某某区人民政府 网站标识码 1234567890</div>
</body></html>
"""


def _texts(report: Report) -> str:
    out: list[str] = []
    for b in report.preamble:
        out.append(getattr(b, "text", ""))
    for s in report.sections:
        out.append(s.title)
        for b in s.blocks:
            out.append(getattr(b, "text", "") or getattr(b, "title", ""))
    return "\n".join(out)


@BOTH_TREES
def test_the_article_of_a_full_page(use_dom: bool | None) -> None:
    doc = read_html(PAGE, use_dom=use_dom)
    texts = [c.text for c in doc.chunks]
    assert texts[0] == "某某区人民政府2021年政府信息公开工作年度报告"  # the headline above the body
    assert texts[1] == "发布时间:2022-01-20"  # from the information bar, nothing more of it
    joined = "\n".join(texts)
    for furniture in ("首页", "当前位置", "分享到", "相关链接", "版权所有", "var menu", "color", "Normal"):
        assert furniture not in joined, furniture
    assert "一、总体情况" in texts
    assert "本年制发件数" in texts and "本年废止件数" in texts  # <br> inside a header cell joins


@BOTH_TREES
def test_the_page_parses_into_its_tables(use_dom: bool | None) -> None:
    doc = read_html(PAGE, use_dom=use_dom)
    report = govinfo_parse.api.parse_chunks(PAGE, doc.chunks, norm=doc.norm, validate=False)
    assert report.metadata.agency == "某某区人民政府"
    assert report.metadata.year == 2021
    assert str(report.metadata.published) == "2022-01-20"
    assert [s.title for s in report.sections] == ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]
    app = report.applications
    assert app is not None
    new = app.row("new")
    carried = app.row("carried_over")
    assert new is not None and carried is not None
    assert [c.raw for c in new.cells] == ["5", "", "0", "0", "0", "1", "6"]
    assert [c.state for c in new.cells][1] is CellState.BLANK  # &nbsp; is blank, never 0
    assert [c.raw for c in carried.cells] == ["", "", "", "", "", "", "2"]  # &nbsp; and empty cells
    assert report.proactive is not None
    rows = {r.key: [c.raw for c in r.cells] for t in report.proactive.items for r in t.rows}
    assert rows == {"rules": ["0", "0", "0"], "normative_documents": ["3", "1", "12"]}
    # printed text is the visible text: no tags, entities decoded, Word soup gone
    text = _texts(report)
    assert "<" not in text and "&nbsp;" not in text and "o:p" not in text
    assert "不公开为例外" in text  # a line break inside a paragraph of Chinese is no space


@BOTH_TREES
def test_positions_are_html_source_lines_and_columns(use_dom: bool | None) -> None:
    report = _parse_html(PAGE, use_dom)
    lines = PAGE.split("\n")
    app = report.applications
    assert app is not None
    new = app.row("new")
    assert new is not None and new.span is not None
    for cell in new.cells:
        assert cell.span is not None
        line = lines[cell.span.line - 1]
        printed = line[cell.span.column - 1 : cell.span.end_column - 1]
        assert printed == ("&nbsp;" if cell.raw == "" else cell.raw)
    norm_docs = app.row("normative_documents") if app else None
    assert norm_docs is None  # (a section 二 row, not in section 三)
    twelve = next(c for t in report.proactive.items for r in t.rows for c in r.cells if c.raw == "12") \
        if report.proactive else None
    assert twelve is not None and twelve.span is not None
    assert lines[twelve.span.line - 1].strip() == "12</td></tr>"  # the number on its own source line
    section = report.sections[0]
    assert section.span is not None
    assert "一、" in lines[section.span.line - 1]


def _parse_html(text: str, use_dom: bool | None) -> Report:
    doc = read_html(text, use_dom=use_dom)
    return govinfo_parse.api.parse_chunks(text, doc.chunks, norm=doc.norm, validate=False)


def test_both_trees_give_the_same_report() -> None:
    assert _parse_html(PAGE, None) == _parse_html(PAGE, False)


def test_grids_expand_colspan_and_rowspan() -> None:
    (grid, *_rest) = table_grids("<table>" + APP_HEADER + "<tr><td colspan=3>一</td><td>1</td></tr></table>")
    assert len(grid) == 4 and all(len(r) == 10 for r in grid)
    note = grid[0][0]
    assert isinstance(note, GridSlot) and note.origin and note.text.startswith("（本列数据")
    # the note spans 3 columns and 3 rows: every slot it covers points back at its origin
    for r in range(3):
        for c in range(3):
            slot = grid[r][c]
            assert slot is not None and (slot.row, slot.col) == (0, 0)
            assert slot.origin == ((r, c) == (0, 0))
    assert [s.text if s else None for s in grid[1][3:]] == ["自然人", "法人或其他组织", "法人或其他组织",
                                                          "法人或其他组织", "法人或其他组织",
                                                          "法人或其他组织", "总计"]
    assert [s.text if s else None for s in grid[2][3:]] == ["自然人", "商业企业", "科研机构", "社会公益组织",
                                                          "法律服务机构", "其他", "总计"]
    assert grid[3][4] is None  # a row shorter than the table


def test_header_cells_and_blank_cells_in_the_chunk_stream() -> None:
    html = ("<p>三、收到和处理政府信息公开申请情况</p><table><tr><th>申请人<br/>情况</th></tr>"
            "<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>&nbsp;</td><td> </td></tr></table>")
    texts = [c.text for c in read_html(html).chunks]
    assert texts == ["三、收到和处理政府信息公开申请情况", HEADER + "申请人情况", "一、本年新收政府信息公开申请数量",
                     "1", BLANK, BLANK]


def test_a_th_holding_a_row_label_is_a_row_label() -> None:
    html = ("<p>三、收到和处理政府信息公开申请情况</p><table><tr><th>项目</th><th>自然人</th></tr>"
            "<tr><th>一、本年新收政府信息公开申请数量</th><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td>"
            "<td>0</td><td>1</td></tr></table>")
    texts = [c.text for c in read_html(html).chunks]
    assert texts[1:4] == [HEADER + "项目", HEADER + "自然人", "一、本年新收政府信息公开申请数量"]
    td = html.replace("<th>项目</th>", "<td>项目</td>")  # a header row of plain cells: the same
    assert [c.text for c in read_html(td).chunks][1:3] == [HEADER + "项目", HEADER + "自然人"]
    report = _parse_html(html, None)
    row = report.applications.row("new") if report.applications else None
    assert row is not None and [c.raw for c in row.cells] == ["1", "0", "0", "0", "0", "0", "1"]


def test_no_break_spaces_around_a_value_are_not_part_of_it() -> None:
    html = ("<p>三、收到和处理政府信息公开申请情况</p>\n<table><tr><td>一、本年新收政府信息公开申请数量</td>"
            + "".join(f"<td>&nbsp;{x}&nbsp;</td>" for x in (1, 0, 0, 0, 0, 0, 1)) + "</tr></table>")
    report = _parse_html(html, None)
    row = report.applications.row("new") if report.applications else None
    assert row is not None
    for cell in row.cells:
        assert cell.span is not None
        assert html.split("\n")[cell.span.line - 1][cell.span.column - 1 : cell.span.end_column - 1] == cell.raw


def test_trailing_cells_missing_from_the_markup_print_blank() -> None:
    html = ("<table><tr><td>x</td><td>a</td><td>b</td><td>c</td></tr>"
            "<tr><td>规章</td><td>1</td></tr></table>")
    texts = [c.text for c in read_html(html).chunks]
    assert texts[-3:] == ["1", BLANK, BLANK]


def test_a_layout_table_is_read_as_blocks() -> None:
    body = "<p>一、总体情况</p><p>" + "正文内容。" * 80 + "</p><table><tr><td>二、主动公开</td><td>3</td></tr></table>"
    html = f"<table><tr><td>{body}</td></tr></table>"
    texts = [c.text for c in read_html(html).chunks]
    assert texts[0] == "一、总体情况"
    assert texts[-2:] == ["二、主动公开", "3"]


def test_looks_like_html() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html("<p>一、总体情况</p><p>正文</p>")
    assert not looks_like_html("一、总体情况\n正文 <b>不是网页</b>\n")
    assert not looks_like_html("| a | b |\n|---|---|\n")


def test_text_with_chrome_lines_outside_the_article_is_kept_out() -> None:
    report = govinfo_parse.parse_bytes(PAGE.encode("utf-8"), filename="report.html")
    chrome = [b.text for b in report.preamble if isinstance(b, Chrome)]
    paragraphs = [b.text for s in report.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert not [t for t in chrome + paragraphs if "分享到" in t or "首页" in t]


# ------------------------------------------------------------------------------------------
# the real page, and its GBK twin
# ------------------------------------------------------------------------------------------


def _gbk_twin(html: str) -> bytes:
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">\n' + html
    return declared.encode("gbk")


def test_a_gbk_page_parses_the_same_as_its_utf8_twin(real_dir: Path, tmp_path: Path) -> None:
    utf8 = (real_dir / "shanghai-office-2019.html").read_bytes()
    html = utf8.decode("utf-8")
    twin = tmp_path / "shanghai-gbk.html"
    twin.write_bytes(_gbk_twin(html))
    a = govinfo_parse.parse_file(real_dir / "shanghai-office-2019.html")
    b = govinfo_parse.parse_file(twin)
    assert b.source.encoding == "gb18030" and a.source.encoding == "utf-8"
    assert a == b  # the same report (positions aside: the twin has one more line)
    assert [d.code for d in a.diagnostics] == [d.code for d in b.diagnostics]
    # and the twin's positions are its own: one line down
    cell_a = a.applications.rows[0].cells[0] if a.applications else None
    cell_b = b.applications.rows[0].cells[0] if b.applications else None
    assert cell_a is not None and cell_b is not None and cell_a.span and cell_b.span
    assert cell_b.span.line == cell_a.span.line + 1


def test_a_gbk_page_without_a_declaration_is_detected(real_dir: Path, tmp_path: Path) -> None:
    html = (real_dir / "shanghai-office-2019.html").read_text(encoding="utf-8")
    twin = tmp_path / "no-meta.html"
    twin.write_bytes(html.encode("gbk"))
    assert govinfo_parse.parse_file(twin) == govinfo_parse.parse_file(real_dir / "shanghai-office-2019.html")


def test_the_real_page_keeps_its_blanks(real_dir: Path) -> None:
    report = govinfo_parse.parse_file(real_dir / "shanghai-office-2019.html")
    assert report.source.kind == "html"
    app = report.applications
    assert app is not None and len(app.rows) == 23
    blanks = sum(1 for r in app.rows for c in r.cells if c.state is CellState.BLANK)
    assert blanks > 70
    assert all(c.raw == "" and c.value is None for r in app.rows for c in r.cells if c.state is CellState.BLANK)
    procurement = [r for t in report.proactive.items for r in t.rows if r.key == "procurement"] \
        if report.proactive else []
    assert [c.raw for c in procurement[0].cells] == ["6", "251000元"]
    assert procurement[0].cells[1].unit == "元"
    # every diagnostic points at line 1 (the page is one line) and a column inside it
    assert all(d.span is None or d.span.line == 1 for d in report.diagnostics)


# ------------------------------------------------------------------------------------------
# never raises
# ------------------------------------------------------------------------------------------

_TAGS = st.sampled_from(["<p>", "</p>", "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<br>",
                         "<td colspan=3>", "<td rowspan=99999>", "<span>", "</div>", "<div class=nav>",
                         "&nbsp;", "&lt;", "&#x4e00;", "&bogus;", "<!--", "-->", "<script>", "</script>",
                         "<o:p>", "<![if !supportLists]>", "一、总体情况", "1", "0", "规章", "<title>"])


@given(st.lists(st.one_of(_TAGS, st.text(max_size=8)), max_size=40))
def test_any_markup_reads_without_raising(parts: list[str]) -> None:
    html = "".join(parts)
    for use_dom in (None, False):
        doc = read_html(html, use_dom=use_dom)
        for c in doc.chunks:
            assert 0 <= c.start <= c.end <= len(doc.norm.text)
    report = govinfo_parse.parse_bytes(html.encode("utf-8"), filename="x.html")
    assert isinstance(report, Report)
    assert not [d for d in report.diagnostics if d.code == "P000"]


def test_entities_and_cjk_spacing_in_printed_text() -> None:
    html = "<p>一、总体情况</p><p>贯彻&lt;条例&gt;要求，\n  推进 公开&amp;透明 work  well</p>"
    report = _parse_html(html, None)
    para = report.sections[0].blocks[0]
    assert isinstance(para, Paragraph)
    assert para.text == "贯彻<条例>要求，推进公开&透明 work well"  # no space between CJK characters
    assert re.search(r"\s{2}", para.text) is None


def _collapse_reference(chars: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The white-space rule one character at a time (the reader works on runs of text)."""
    from govinfo_parse.readers.html.scan import _CJK

    out: list[tuple[str, int, int]] = []
    pending: tuple[str, int, int] | None = None
    for ch, a, b in chars:
        if ch.isspace() and ch != "\u00a0":
            if out and pending is None:
                pending = (" ", a, b)
            continue
        if pending is not None:
            if not (_CJK.match(out[-1][0]) and _CJK.match(ch)):
                out.append(pending)
            pending = None
        out.append((ch, a, b))
    return out


@given(st.text(alphabet=st.sampled_from(list("ab1一二，（ \t\n\r\u00a0\u3000\u2003\x1c&")), max_size=30))
def test_white_space_collapses_as_one_character_at_a_time(text: str) -> None:
    from govinfo_parse.readers.html.scan import _collapse, _collapse_text

    starts = [3 * i for i in range(len(text))]
    ends = [3 * i + 2 for i in range(len(text))]
    expected = _collapse_reference(list(zip(text, starts, ends, strict=True)))
    s, a, b = _collapse((text, starts, ends))
    assert list(zip(s, a, b, strict=True)) == expected
    assert _collapse_text(text) == s
