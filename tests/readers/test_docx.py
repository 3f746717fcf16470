"""Word documents: generated reports written as .docx (python-docx, merged cells and all) read
back to the same cells; old binary .doc/.wps refused with advice."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import govinfo_parse
from govinfo_parse import ParseError, Report, locate
from govinfo_parse.cli import main as cli_main
from strategies import reports, table_values

docx = pytest.importorskip("docx", reason="the docx extra (python-docx) is not installed")

from _build import build_docx, read_back  # noqa: E402

EXAMPLES = max(5, settings.default.max_examples // 5)
"""Examples per property: a fifth of the profile's (building and reading a document takes a while)."""

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@settings(max_examples=EXAMPLES)
@given(reports(("2019", "2021")))
def test_a_generated_report_written_as_docx_reads_back_to_the_same_cells(report: Report) -> None:
    back = read_back(build_docx(report), "report.docx")
    assert (back.source.kind, back.source.reader) == ("docx", "docx")
    assert table_values(back) == table_values(report)


@settings(max_examples=max(3, EXAMPLES // 2))
@given(reports(("2019", "2021")))
def test_without_merges_the_cells_are_the_same_too(report: Report) -> None:
    """Spans left as separate empty cells (some editors do so): empty label cells are left out,
    empty value cells are blanks, and the values still land in their columns."""
    back = read_back(build_docx(report, merge=False), "report.docx")
    assert table_values(back) == table_values(report)


def _merged_doc() -> bytes:
    d = docx.Document()
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=4, cols=10)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "一、本年新收政府信息公开申请数量"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "三、本年度办理结果"  # vertical merge over 3 rows
    t.cell(1, 1).merge(t.cell(1, 2)).text = "（一）予以公开"
    t.cell(2, 1).merge(t.cell(2, 2)).text = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    t.cell(3, 1).text = "（三）不予公开"
    t.cell(3, 2).text = "1.属于国家秘密"
    values = [["12", "", "0", "0", "0", "0", "12"], ["5", "1", "", "", "", "", "6"],
              ["1", "0", "0", "0", "0", "0", "1"], ["2", "", "", "", "", "", "2"]]
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            t.cell(r, 3 + c).text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_merged_cells_blank_cells_and_positions() -> None:
    report = govinfo_parse.parse_bytes(_merged_doc(), filename="report.docx")
    app = report.applications
    assert app is not None
    new = app.row("new")
    assert [c.raw for c in new.cells] == ["12", "", "0", "0", "0", "0", "12"]
    assert str(new.cells[1].state) == "blank"
    assert [c.raw for c in app.row("granted").cells] == ["5", "1", "", "", "", "", "6"]
    assert [c.raw for c in app.row("withheld.state_secret").cells] == ["2", "", "", "", "", "", "2"]
    where = locate(report, new.cells[-1].span)
    assert where is not None and (where.table, where.row, where.column) == (0, 0, 9)
    where = locate(report, app.row("granted").cells[1].span)  # a blank cell has its place too
    assert where is not None and (where.table, where.row, where.column) == (0, 1, 4)
    heading = locate(report, report.sections[0].span)
    assert heading is not None and heading.paragraph == 0


def test_a_docx_is_recognised_by_its_content_not_its_name() -> None:
    report = govinfo_parse.parse_bytes(_merged_doc(), filename="download.bin")
    assert report.source.kind == "docx"
    assert report.applications is not None


@pytest.mark.parametrize("name", ["report.doc", "report.wps", None])
def test_old_binary_word_is_refused_with_the_conversion(name: str | None) -> None:
    report = govinfo_parse.parse_bytes(OLE2, filename=name)
    assert [d.code for d in report.diagnostics] == ["P113"]
    assert "libreoffice --headless --convert-to docx" in report.diagnostics[0].message
    assert report.source.kind == "doc" and not report.sections
    with pytest.raises(ParseError) as err:
        govinfo_parse.parse_bytes(OLE2, filename=name, strict=True)
    assert err.value.code == "P113"


def test_without_python_docx_the_report_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _merged_doc()
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx → ImportError
    report = govinfo_parse.parse_bytes(data, filename="r.docx")
    assert [d.code for d in report.diagnostics] == ["P114"]
    assert "govinfo-parse[docx]" in report.diagnostics[0].message


def test_a_damaged_docx_is_a_diagnostic_not_garbled_text() -> None:
    broken = _merged_doc()[:-300]  # the zip's central directory cut off
    report = govinfo_parse.parse_bytes(broken, filename="r.docx")
    assert report.source.kind == "docx"
    assert [d.code for d in report.diagnostics] == ["P114"]


def test_the_cli_takes_docx_and_refuses_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "report.docx"
    good.write_bytes(_merged_doc())
    assert cli_main(["parse", str(good), "--format", "summary"]) == 0
    assert '"cells": ' in capsys.readouterr().out
    old = tmp_path / "report.doc"
    old.write_bytes(OLE2)
    assert cli_main(["parse", str(old)]) == 2
    err = capsys.readouterr().err
    assert "P113" in err and "libreoffice --headless --convert-to docx" in err


def test_batch_picks_up_docx_and_doc() -> None:
    from govinfo_parse.batch import DEFAULT_SUFFIXES

    assert {".docx", ".doc", ".wps"} <= set(DEFAULT_SUFFIXES)
