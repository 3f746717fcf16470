"""PDFs read by their geometry: generated reports printed to PDF inside the test run (reportlab,
its built-in CJK font; with and without ruling lines; blank cells; labels wrapped in their
cells; tables across page breaks) read back to the same cells; positions map to page and box;
the extract_text() reading stays as the fallback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse import Report, from_dict, locate, to_dict
from govinfo_parse.api import parse_pdf
from govinfo_parse.readers.pdf import GeometryUnusable, read_geometry
from strategies import reports, table_values

pytest.importorskip("pdfplumber", reason="the pdf extra (pdfplumber) is not installed")
pytest.importorskip("reportlab", reason="reportlab (dev extra) builds the test PDFs")

from _build import FONT, build_pdf, read_back

EXAMPLES = max(4, settings.default.max_examples // 6)
"""Examples per property: a sixth of the profile's (printing and reading a PDF takes ~1 s)."""


@settings(max_examples=EXAMPLES)
@given(reports(("2019", "2021")), st.booleans())
def test_a_generated_report_printed_to_pdf_reads_back_to_the_same_cells(report: Report, ruled: bool) -> None:
    """With ruling lines (pdfplumber's table finder) or without (columns from word positions):
    every blank cell blank, wrapped labels in their rows, tables continued across pages."""
    # without ruling lines a row that prints nothing at all (section 四's one row, all blank, has
    # no label) is indistinguishable from no row: the one case the page cannot tell
    assume(ruled or report.reviews is None or any(str(c.state) != "blank" for c in report.reviews.cells))
    report = _without_notes(report)
    back = read_back(build_pdf(report, ruled=ruled), "report.pdf")
    assert (back.source.kind, back.source.reader) == ("pdf", "pdf-geometry")
    assert table_values(back) == table_values(report)


def _without_notes(report: Report) -> Report:
    """``report`` with its cells' notes left out: the test's PDF writer prints a value on one line
    in a column as wide as the widest value, so a note ("0（其中修订0件）") would not fit on the page
    where a real PDF wraps it inside the cell (notes are tested through the text readers)."""
    def strip(node: object) -> object:
        if isinstance(node, dict):
            out = {k: strip(v) for k, v in node.items() if k != "note"}
            if node.get("note"):
                out["raw"] = node["raw"][: -len(node["note"])]
            return out
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    back = from_dict(strip(to_dict(report)))
    assert isinstance(back, Report)
    return back


def _long_report() -> Report:
    """A 2021 report whose application table runs over a page break (prose before it)."""
    from ast_samples import sample_report

    report = sample_report("2021")
    import attrs

    from govinfo_parse.nodes import Paragraph

    filler = tuple(Paragraph("本机关严格落实政府信息公开条例，持续深化政务公开工作，" * 6) for _ in range(9))
    secs = list(report.sections)
    secs[0] = attrs.evolve(secs[0], blocks=secs[0].blocks + filler)
    return attrs.evolve(report, sections=tuple(secs))


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_table_across_a_page_break_continues(ruled: bool) -> None:
    report = _long_report()
    back = read_back(build_pdf(report, ruled=ruled), "report.pdf")
    assert table_values(back) == table_values(report)
    app = back.applications
    assert app is not None
    pages = {where.page for r in app.rows for c in r.cells if (where := locate(back, c.span)) is not None}
    assert len(pages) == 2, pages  # the table does run over the break


def test_positions_map_to_page_and_box() -> None:
    report = _long_report()
    data = build_pdf(report, ruled=True)
    back = read_back(data, "report.pdf")
    assert back.applications is not None
    cell = back.applications.row("new").cells[-1]
    where = locate(back, cell.span)
    assert where is not None and where.page is not None and where.bbox is not None
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[where.page - 1].crop(where.bbox).extract_text()
    assert text.strip() == cell.raw  # the box holds exactly the cell


def test_hongze_reads_by_geometry_and_names_pages_in_diagnostics(real_dir: Path) -> None:
    report = govinfo_parse.parse_file(real_dir / "hongze-gov-2023.pdf")
    assert (report.source.kind, report.source.reader) == ("pdf", "pdf-geometry")
    p101 = [d for d in report.diagnostics if d.code == "P101"]
    assert len(p101) == 1 and p101[0].location is not None and p101[0].location.page == 3
    assert "[PDF page 3 at x" in p101[0].message
    a4 = [d for d in report.diagnostics if d.code == "A4"]  # the source's own sums: reported, not fixed
    assert len(a4) == 2 and all(d.location is not None and d.location.page == 4 for d in a4)
    assert report.reviews is not None
    assert [c.raw for c in report.reviews.cells][:5] == ["10", "1", "0", "0", "0"]
    app = report.applications
    assert app is not None
    # blank cells: none in this report, and none invented (every cell of every row is printed)
    assert all(str(c.state) != "blank" for r in app.rows for c in r.cells)
    assert all(len(r.cells) == 7 for r in app.rows)
    again = govinfo_parse.loads(govinfo_parse.dumps(report))  # locations survive JSON exactly
    assert again == report and again.source == report.source and again.diagnostics == report.diagnostics


def test_hongze_through_the_text_fallback_gives_the_same_cells(real_dir: Path) -> None:
    data = (real_dir / "hongze-gov-2023.pdf").read_bytes()
    geometry = parse_pdf(data, filename="hongze.pdf")
    text = parse_pdf(data, filename="hongze.pdf", method="text")
    assert text.source.reader == "pdf-text"
    assert table_values(geometry) == table_values(text)


def test_rotated_text_falls_back_to_the_text_layer() -> None:
    from _build import _font
    from reportlab.pdfgen import canvas

    _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(FONT, 12)
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)
    c.drawString(0, 0, "三、收到和处理政府信息公开申请情况")
    c.drawString(0, -20, "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1")
    c.restoreState()
    c.save()
    report = govinfo_parse.parse_bytes(buf.getvalue(), filename="rotated.pdf")
    assert report.source.reader == "pdf-text"
    assert [d.code for d in report.diagnostics if d.code == "P112"] == ["P112"]
    with pytest.raises(GeometryUnusable):
        read_geometry(buf.getvalue())


def test_the_reader_text_is_the_pipe_layout() -> None:
    """The contract: the text a PDF is read into is read exactly by the plain-text reader."""
    report = _long_report()
    read = read_geometry(build_pdf(report, ruled=True))
    assert "一、本年新收政府信息公开申请数量 |" in read.text
    assert read.locations == tuple(sorted(read.locations, key=lambda w: w.start))
    assert all(w.page is not None and w.bbox is not None for w in read.locations)


def test_strict_parsing_of_a_pdf_names_the_page(real_dir: Path) -> None:
    with pytest.raises(govinfo_parse.ParseError) as err:
        govinfo_parse.parse_file(real_dir / "hongze-gov-2023.pdf", strict=True)
    assert err.value.code == "P101" and "[PDF page 3 at x" in err.value.message
