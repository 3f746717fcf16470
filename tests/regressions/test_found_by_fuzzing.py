"""Minimal examples the fuzz suite (tests/fuzz/, issue 19) found, kept as plain tests.

Each was a bug fixed at its root; the test names say what was wrong.  Time-related ones assert a
generous bound only where the old behaviour was off by orders of magnitude (the ratios are in
benchmarks/adversarial_scaling.py).
"""

from __future__ import annotations

import contextlib
import time

import pytest

import govinfo_parse
from govinfo_parse import ParseError, dumps, loads
from govinfo_parse.readers import detect_kind

SEC3 = "三、收到和处理政府信息公开申请情况\n"


def codes(report: govinfo_parse.Report) -> list[str]:
    return [d.code for d in report.diagnostics]


# ---- decoding ------------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["undefined", "punycode", "idna", "rot13"])
@pytest.mark.parametrize("filename", [None, "report.html"])
def test_meta_charset_python_knows_but_cannot_decode_with_does_not_raise(charset: str, filename: str | None) -> None:
    data = f'<html><meta charset="{charset}"><body><p>一、总体情况</p>'.encode() + b"\xff"
    report = govinfo_parse.parse_bytes(data, filename=filename)
    assert "P000" not in codes(report)
    with contextlib.suppress(ParseError):
        govinfo_parse.parse_bytes(data, filename=filename, strict=True)


def test_bytes_after_a_utf16_bom_that_are_not_utf16_are_diagnosed_and_strict_gives_the_offset() -> None:
    data = b"\xff\xfe" + "一、总体情况".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    assert "P104" in codes(govinfo_parse.parse_bytes(data))
    with pytest.raises(ParseError) as e:
        govinfo_parse.parse_bytes(data, strict=True)
    assert e.value.code == "P104" and e.value.offset == 14


def test_utf8_cut_in_the_middle_of_a_character_stays_utf8() -> None:
    whole = (SEC3 + "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n本年度共收到申请").encode("utf-8")
    report = govinfo_parse.parse_bytes(whole[:-1])
    assert report.source.encoding == "utf-8"
    assert "P110" in codes(report)
    assert report.applications is not None and report.applications.row("granted") is not None
    with pytest.raises(ParseError) as e:
        govinfo_parse.parse_bytes(whole[:-1], strict=True)
    assert e.value.code == "P110" and e.value.offset == len(whole) - 3


def test_empty_input_is_diagnosed() -> None:
    for report in (govinfo_parse.parse(""), govinfo_parse.parse(" \n\t\n"), govinfo_parse.parse_bytes(b"")):
        assert codes(report)[:1] == ["P108"]
    with pytest.raises(ParseError):
        govinfo_parse.parse("", strict=True)


def test_binary_input_is_diagnosed() -> None:
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
    assert "P109" in codes(govinfo_parse.parse_bytes(elf))
    nuls = bytes([0, 0, 1, 2, 7, 27, 65, 0] * 100)
    assert "P109" in codes(govinfo_parse.parse_bytes(nuls, filename="x.txt"))
    assert "P109" in codes(govinfo_parse.parse("\x00\x01\x02\x03abc\x00\x00\x00"))
    with pytest.raises(ParseError) as e:
        govinfo_parse.parse_bytes(elf, strict=True)
    assert e.value.code == "P109"


def test_a_report_with_a_few_control_characters_is_not_binary() -> None:
    text = SEC3 + "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\x0c\n" * 3
    assert "P109" not in codes(govinfo_parse.parse(text))


# ---- serialisation -------------------------------------------------------------------------------


def test_dumps_of_a_report_holding_a_lone_surrogate() -> None:
    report = govinfo_parse.parse("一、总体情况\n\ud800abc\ud83d\ude00")
    text = dumps(report)
    text.encode("utf-8")
    assert loads(text) == report
    assert "P104" in codes(report)


# ---- cells ---------------------------------------------------------------------------------------


def test_a_value_cell_of_more_than_4300_digits() -> None:
    text = SEC3 + "（一）予以公开 | " + "1" * 5000 + " | 2 |\n"
    report = govinfo_parse.parse(text)
    assert "P000" not in codes(report) and "I001" not in codes(report)
    assert "P103" in codes(report)
    dumps(report)
    with pytest.raises(ParseError):
        govinfo_parse.parse(text, strict=True)


def test_a_paragraph_of_5000_digits_beside_the_tables_does_not_break_the_prose_check() -> None:
    text = SEC3 + "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n本年共收到申请" + "1" * 5000 + "件。\n"
    assert "I001" not in codes(govinfo_parse.parse(text))


# ---- spans ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["|2|四，", "（|五，|", "|\udf00|七、"])
def test_the_pipe_between_a_cell_and_a_heading_on_one_line_lies_in_a_span(text: str) -> None:
    from test_properties import uncovered

    report = govinfo_parse.parse(text)
    assert not uncovered(text.replace("\udf00", "\ufffd"), report)


# ---- HTML ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["div", "span", "table"])
@pytest.mark.parametrize("use_dom", [None, False])
def test_deeply_nested_markup_keeps_its_text(tag: str, use_dom: bool | None) -> None:
    from govinfo_parse.readers.html import read_html

    n = 3000
    src = "<html><body>" + f"<{tag}>" * n + "一、总体情况 本年新收申请4件。" + f"</{tag}>" * n + "</body></html>"
    doc = read_html(src, use_dom=use_dom)
    assert "一、总体情况本年新收申请4件。" in [c.text for c in doc.chunks]
    report = govinfo_parse.parse_bytes(src.encode(), filename="a.html")
    assert "P000" not in codes(report)


def test_a_deep_page_is_not_said_to_lack_selectolax() -> None:
    from govinfo_parse.readers.html import have_dom_parser, read_html

    if not have_dom_parser():
        pytest.skip("needs selectolax")
    doc = read_html("<html><body>" + "<div>" * 2500 + "一、总体情况" + "</div>" * 2500)
    assert not any("not installed" in d.message for d in doc.diagnostics)


# ---- time ----------------------------------------------------------------------------------------


def test_blank_lines_do_not_take_cubic_time_in_kind_detection() -> None:
    t = time.perf_counter()
    assert detect_kind("\t\n" * 2000) == "text"
    assert detect_kind("\n" * 2000) == "text"
    assert time.perf_counter() - t < 2.0  # was about a minute


def test_a_long_application_table_is_not_quadratic() -> None:
    text = SEC3 + "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n" * 3000
    t = time.perf_counter()
    report = govinfo_parse.parse(text, validate=False)
    assert report.applications is not None
    assert time.perf_counter() - t < 30.0  # the look-ahead per row made it minutes


# ---- round trips ---------------------------------------------------------------------------------


def test_a_short_application_row_reads_back_with_its_cells_only_in_pipes() -> None:
    """The pipe layout padded every row to the grid width; past a short row's last cell the
    padding read back as empty cells (4 cells → 7)."""
    from govinfo_parse.render import render

    report = govinfo_parse.parse(SEC3 + "（一）予以公开 | 1 | 2 | 3 | 4 |")
    back = govinfo_parse.parse(render(report, "pipes"))
    assert back == report


def test_a_section_heading_beside_a_div_of_long_text_is_kept() -> None:
    """The article was the <div> holding most of the text; the heading beside it was dropped
    without a diagnostic."""
    src = "<html><body><h2>一、总体情况</h2><div>" + "本机关认真贯彻落实条例要求，" * 200 + "</div></body></html>"
    report = govinfo_parse.parse_bytes(src.encode(), filename="a.html")
    assert [s.title for s in report.sections] == ["总体情况"]


def _differs(report: govinfo_parse.Report, layout: str) -> str | None:
    """Where ``parse(render(report, layout))`` differs from ``report`` (None: it reads back the
    same), compared as the fuzz harness compares (diagnostics and source aside; HTML modulo the
    CJK white-space rule)."""
    import attrs

    from govinfo_parse.render import render
    from strategies import first_difference, without_cjk_spaces

    text = render(report, layout)
    if layout == "html":
        back = govinfo_parse.parse_bytes(text.encode("utf-8"), filename="r.html", validate=False)
        a, b = without_cjk_spaces(report), without_cjk_spaces(back)
    else:
        a, b = report, govinfo_parse.parse(text, validate=False)
    a = attrs.evolve(a, diagnostics=(), source=b.source)
    b = attrs.evolve(b, diagnostics=())
    return None if a == b else str(first_difference(a, b))


LAYOUTS = ("text", "lines", "tabs", "pipes", "markdown", "html")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("text", [
    "一、总体情况一、总体情况",  # a section heading run into a sentence that reads as its heading
    "一、总体情况\n（一）主动公开。（一）主动公开。本年\n",  # the same after a level-2 heading
    # pingtan-czj-2019: a heading, its run-in text a numbered sentence (a level-3 heading on its own)
    "一、总体情况\n（三）主动公开政府信息的主要形式。2.开设政务公开栏在区财政金融局楼层大厅。\n",
])
def test_a_paragraph_run_into_its_heading_is_printed_there_again(text: str, layout: str) -> None:
    """A paragraph the source printed on its heading's line was rendered on a line of its own,
    where a paragraph that reads as a heading came back as a second section (or heading)."""
    report = govinfo_parse.parse(text, validate=False)
    assert _differs(report, layout) is None


def test_an_approximately_printed_row_label_is_placed_from_html_too() -> None:
    """hongze-gov-2023: ``2.其他法律行政止公开`` (two characters lost) is taken for its official
    row by the plain-text readers (P101); the HTML reader did not place labels, so from the HTML
    layout the row was read as a numbered heading and a paragraph of markup."""
    row = " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    text = (SEC3 + "（三）不予公开\n1.属于国家秘密" + row + "2.其他法律行政止公开" + row
            + "3.危及“三安全一稳定”" + row)
    report = govinfo_parse.parse(text, validate=False)
    assert report.applications is not None and report.applications.row("withheld.prohibited") is not None
    assert _differs(report, "html") is None


def test_a_date_line_inside_the_article_is_not_taken_for_one_outside_it() -> None:
    """The search for a publication date printed outside the article looked at the text of the
    article's ancestors (``<html>``, ``<body>``), which holds the article: a date line at the end
    of the report was copied to the front as the page's date (the report's metadata changed from
    the HTML layout).  An ancestor's own text is still searched."""
    inside = ("<html>\n<body>\n<article>\n<h2>一、总体情况</h2>\n<p>" + "本机关认真贯彻落实条例。" * 20
              + "</p>\n<p>发布时间: 2020-01-19 14:16</p>\n</article>\n</body>\n</html>\n")
    report = govinfo_parse.parse_bytes(inside.encode(), filename="a.html")
    assert report.metadata.published is None
    assert [type(b).__name__ for b in report.preamble] == []
    outside = "<html><body>发布时间：2021-01-20<div><h2>一、总体情况</h2><p>本年。</p></div></body></html>"
    assert govinfo_parse.parse_bytes(outside.encode(), filename="a.html").metadata.published is not None
