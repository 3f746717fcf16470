"""Bytes to text (encodings) and the kind of input (PDF, HTML, Markdown, text)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse.api import parse_bytes
from govinfo_parse.decode import decode_bytes
from govinfo_parse.nodes import Report, Severity
from govinfo_parse.readers import detect_kind

TEXT = """某某局2021年政府信息公开工作年度报告
一、总体情况
本年度报告中所列数据统计期限自2021年1月1日起至2021年12月31日止。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
"""


@pytest.mark.parametrize(("bom", "codec"), [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                            (b"\xfe\xff", "utf-16-be")])
def test_a_byte_order_mark_decides(bom: bytes, codec: str) -> None:
    dec = decode_bytes(bom + TEXT.encode(codec))
    assert (dec.text, dec.encoding, dec.how) == (TEXT, codec, "bom")


def test_utf8_then_gb18030() -> None:
    dec = decode_bytes(TEXT.encode("utf-8"))
    assert (dec.encoding, dec.how) == ("utf-8", "utf-8")
    dec = decode_bytes(TEXT.encode("gbk"))
    assert (dec.text, dec.encoding, dec.how) == (TEXT, "gb18030", "detected")
    # characters beyond GBK (GB18030 four-byte sequences) come through too
    rare = "䶮𠀀" + TEXT
    assert decode_bytes(rare.encode("gb18030")).text == rare


def test_a_declared_charset_is_used() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>一、总体情况</p></body></html>'
    dec = decode_bytes(page.encode("gbk"))
    assert (dec.text, dec.encoding, dec.how) == (page, "gb18030", "declared")
    page2 = ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
             "<p>二、主动公开政府信息情况</p>")
    assert decode_bytes(page2.encode("gbk")).text == page2


def test_a_declaration_the_bytes_contradict_loses_to_utf8() -> None:
    # a page saved by a browser: re-encoded as UTF-8, still declaring gb2312
    page = '<meta charset="gb2312"><p>一、总体情况</p>'
    dec = decode_bytes(page.encode("utf-8"))
    assert (dec.text, dec.encoding) == (page, "utf-8")
    assert [(d.code, d.severity) for d in dec.diagnostics] == [("P104", Severity.INFO)]


def test_undecodable_bytes_are_replaced_and_reported() -> None:
    data = b"\x81\x20\xff\xfe\x00" * 3 + "一、总体情况".encode()
    dec = decode_bytes(b"\x80" + data)
    assert dec.text  # something readable came out
    if dec.how == "fallback":
        assert [d.code for d in dec.diagnostics] == ["P104"]
        assert dec.diagnostics[0].severity is Severity.WARNING


@given(st.binary(max_size=300))
def test_decoding_never_raises(data: bytes) -> None:
    dec = decode_bytes(data)
    assert isinstance(dec.text, str)


@given(st.binary(max_size=300))
def test_parse_bytes_never_raises(data: bytes) -> None:
    assert isinstance(parse_bytes(data), Report)


def test_parse_bytes_wants_bytes() -> None:
    with pytest.raises(TypeError):
        parse_bytes(TEXT)  # type: ignore[arg-type]


def test_the_same_report_from_str_and_from_gbk_bytes() -> None:
    assert parse_bytes(TEXT.encode("gbk")) == govinfo_parse.parse(TEXT)
    assert parse_bytes(TEXT.encode("gbk")).source.encoding == "gb18030"


@pytest.mark.parametrize(("content", "name", "kind"), [
    (b"%PDF-1.7\n...", None, "pdf"),
    (b"%PDF-1.4", "report.txt", "pdf"),  # content wins over the name
    ("<html><body><p>一、总体情况</p><p>正文</p></body></html>", None, "html"),
    ("<p>一、总体情况</p><p>正文</p>", "a.txt", "html"),
    ("一、总体情况\n<b>粗体</b>\n", "report.html", "html"),
    ("# 标题\n\n## 一、总体情况\n", None, "markdown"),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n", None, "markdown"),
    ("一、总体情况\n正文\n", "notes.md", "markdown"),
    (TEXT, None, "text"),
    (TEXT, "report.pdf.txt", "text"),
])
def test_detect_kind(content: str | bytes, name: str | None, kind: str) -> None:
    assert detect_kind(content, name) == kind


def test_parse_file_records_the_kind_and_encoding(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(TEXT.encode("gbk"))
    report = govinfo_parse.parse_file(p)
    assert (report.source.path, report.source.kind, report.source.encoding) == (str(p), "text", "gb18030")
    with pytest.raises(OSError):
        govinfo_parse.parse_file(tmp_path / "missing.txt")


def test_an_html_string_through_parse_text() -> None:
    from govinfo_parse.api import parse_text

    page = "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府信息公开申请数量</td>" + \
        "".join(f"<td>{x}</td>" for x in (1, 0, 0, 0, 0, 0, 1)) + "</tr></table>"
    report = parse_text(page, validate=False)
    assert report.source.kind == "html"
    assert report.applications is not None
    row = report.applications.row("new")
    assert row is not None and [c.raw for c in row.cells] == ["1", "0", "0", "0", "0", "0", "1"]


# ------------------------------------------------------------------------------------------
# PDFs
# ------------------------------------------------------------------------------------------

EMPTY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


def test_a_pdf_without_the_extra_is_a_diagnostic_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber → ImportError
    report = parse_bytes(EMPTY_PDF, filename="r.pdf")
    assert [d.code for d in report.diagnostics] == ["P107"]
    assert "govinfo-parse[pdf]" in report.diagnostics[0].message
    assert report.source.kind == "pdf"
    with pytest.raises(govinfo_parse.ParseError) as err:
        parse_bytes(EMPTY_PDF, filename="r.pdf", strict=True)
    assert err.value.code == "P107"


def test_a_pdf_without_text_or_a_damaged_one() -> None:
    pytest.importorskip("pdfplumber")
    report = parse_bytes(EMPTY_PDF)
    assert [d.code for d in report.diagnostics] == ["P107"]
    assert "no text layer" in report.diagnostics[0].message
    damaged = parse_bytes(b"%PDF-1.4\nthis is not a pdf at all")
    assert [d.code for d in damaged.diagnostics] == ["P107"]
    assert damaged.diagnostics[0].severity is Severity.ERROR
