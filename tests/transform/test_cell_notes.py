"""Cell notes (issue 14): a value printed with a bracketed note keeps the number as its value and
the note as printed text on the cell (``Cell.note``), with info P115 at the cell's span — in
every layout the grammar reads, in HTML ``<td>`` cells, through ``parse()`` and the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govinfo_parse
from govinfo_parse import Cell, Report
from govinfo_parse.data import sample_path
from govinfo_parse.nodes import CellRef, CellState, Severity
from govinfo_parse.render import LAYOUTS, render

SAMPLE = sample_path().read_text(encoding="utf-8")

# where a cell of the sample report is printed: the text it replaces, that text with the cell
# printed as "{}", and the cell's reference
WHERE = {
    "proactive": ("| 14           |", "| {} |", CellRef("proactive", "item1.normative_documents", "issued")),
    "fee": ("行政事业性收费 | 0 ", "行政事业性收费 | {} ", CellRef("proactive", "item8.fees", "fee_amount")),
    "applications": ("| 3      | 1        |", "| {} | 1        |",
                     CellRef("applications", "carried_over", "natural_person")),
    "reviews": ("\n2        | 1        |", "\n{} | 1        |", CellRef("reviews", "", "review.upheld")),
}

# (table, printed cell, value, unit, note) — the note exactly as printed, brackets included
CASES = [
    ("proactive", "14（其中修订3件）", 14, None, "（其中修订3件）"),
    ("proactive", "12(含转办2件)", 12, None, "(含转办2件)"),
    ("proactive", "3件（已全部办结）", 3, "件", "（已全部办结）"),
    ("proactive", "1,234（其中网上申请）", 1234, None, "（其中网上申请）"),
    ("fee", "216.5万元（含退费）", Decimal("216.5"), "万元", "（含退费）"),
    ("fee", "0.5(含上年结转)", Decimal("0.5"), None, "(含上年结转)"),
    ("applications", "3（其中依申请1件）", 3, None, "（其中依申请1件）"),
    ("applications", "3 （含转办2件）", 3, None, "（含转办2件）"),
    ("reviews", "2（均已按时答复）", 2, None, "（均已按时答复）"),
    ("reviews", "-2(其中3件撤回)", -2, None, "(其中3件撤回)"),
]


def _with(table: str, printed: str) -> str:
    """The sample report with one cell of ``table`` printed as ``printed``."""
    old, new, _ = WHERE[table]
    assert old in SAMPLE
    return SAMPLE.replace(old, new.format(printed), 1)


def _cell(report: Report, ref: CellRef) -> Cell:
    """The cell of ``report`` that ``ref`` names."""
    if ref.table == "reviews":
        assert report.reviews is not None
        return report.reviews.cells[0]
    if ref.table == "applications":
        assert report.applications is not None
        return next(r for r in report.applications.rows if r.key == ref.row).cells[0]
    assert report.proactive is not None and ref.row is not None
    item, row = ref.row.split(".", 1)
    it = next(i for i in report.proactive.items if i.item == item)
    return next(r for r in it.rows if r.key == row).cells[0]


@pytest.mark.parametrize(("table", "printed", "value", "unit", "note"), CASES)
def test_a_value_with_a_note_reads_as_its_number_with_the_note(table: str, printed: str, value: object,
                                                               unit: str | None, note: str) -> None:
    text = _with(table, printed)
    report = govinfo_parse.parse(text)
    ref = WHERE[table][2]
    cell = _cell(report, ref)
    assert (cell.state, cell.value, cell.unit, cell.note, cell.raw) == (CellState.NUMBER, value, unit, note, printed)
    assert cell.raw.endswith(cell.note)  # raw alone reproduces the printed cell
    # the span is the printed cell's, note included
    start = text.index(printed)
    assert cell.span is not None and (cell.span.start, cell.span.end) == (start, start + len(printed))
    line = text.count("\n", 0, start) + 1
    assert (cell.span.line, cell.span.column) == (line, start - text.rfind("\n", 0, start))
    # one info diagnostic at the cell, naming it; no structural error
    p115 = [d for d in report.diagnostics if d.code == "P115"]
    assert len(p115) == 1 and p115[0].severity is Severity.INFO
    assert p115[0].span == cell.span and p115[0].cells == (ref,)
    assert note in p115[0].message
    assert not [d for d in report.diagnostics if d.code in ("S104", "P001", "P103")]
    # the row's other cells are unchanged
    plain = govinfo_parse.parse(SAMPLE)
    rec = {r["key"]: r for r in govinfo_parse.to_records(report)}
    key = ref.key.replace(".", "/", 1) if ref.table == "proactive" else ref.key  # records: item/row
    for r in govinfo_parse.to_records(plain):
        if r["key"] != key:
            assert (rec[r["key"]]["value"], rec[r["key"]]["note"]) == (r["value"], None), r["key"]
    assert (rec[key]["value"], rec[key]["note"], rec[key]["raw"]) == (value, note, printed)


@pytest.mark.parametrize("printed", ["14(3)", "14（3件）", "14()", "14（其中(修订)3件）", "14（注）（注）",
                                     "14（注）件"])
def test_a_bracket_that_is_no_note_is_no_value_cell(printed: str) -> None:
    """A bare number in brackets is two figures glued, not a figure and its remark; nested or two
    notes, or a unit after the note, are not the note syntax: the row says so (S104), and no
    value is made up."""
    report = govinfo_parse.parse(_with("proactive", printed))
    assert any(d.code == "S104" for d in report.diagnostics)
    assert not any(d.code == "P115" for d in report.diagnostics)


def test_prose_with_a_bracketed_note_stays_prose() -> None:
    prose = "全年共受理申请12件（其中依申请公开3件）。\n12件（其中依申请公开3件）\n"
    text = SAMPLE.replace("一、总体情况\n", "一、总体情况\n" + prose, 1)
    report = govinfo_parse.parse(text)
    paras = [getattr(b, "text", None) for b in report.sections[0].blocks[:2]]
    assert paras == ["全年共受理申请12件（其中依申请公开3件）。", "12件（其中依申请公开3件）"]
    assert not any(d.code in ("P115", "P001") for d in report.diagnostics)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_notes_survive_every_layout(layout: str) -> None:
    report = govinfo_parse.parse(_with("applications", "3（其中依申请1件）").replace(
        "| 14           |", "| 14(含转办2件) |", 1))
    text = render(report, layout)
    back = (govinfo_parse.parse_bytes(text.encode("utf-8"), filename="r.html") if layout == "html"
            else govinfo_parse.parse(text))
    assert back == report
    notes = [(r["key"], r["note"]) for r in govinfo_parse.to_records(back) if r["note"]]
    assert notes == [("proactive/item1/normative_documents/issued", "(含转办2件)"),
                     ("applications/carried_over/natural_person", "（其中依申请1件）")]
    assert sum(d.code == "P115" for d in back.diagnostics) == 2


def test_an_html_td_with_a_note() -> None:
    html = render(govinfo_parse.parse(SAMPLE), "html")
    assert html.count(">14<") == 1
    page = html.replace(">14<", ">14<br/>（其中 修订3件）<", 1)
    report = govinfo_parse.parse_bytes(page.encode("utf-8"), filename="r.html")
    cell = _cell(report, WHERE["proactive"][2])
    # the page's visible text, as the HTML reader prints it (white space between CJK characters dropped)
    assert (cell.value, cell.note, cell.raw) == (14, "（其中修订3件）", "14（其中修订3件）")
    assert cell.span is not None and page[cell.span.start:cell.span.end] == "14<br/>（其中 修订3件）"
    assert [d.code for d in report.diagnostics if d.code.startswith(("P", "S"))] == ["P115"]


def test_json_keeps_the_note_and_leaves_the_key_out_without_one() -> None:
    report = govinfo_parse.parse(_with("proactive", "14（其中修订3件）"))
    data = govinfo_parse.to_dict(report)
    assert govinfo_parse.from_dict(data) == report
    text = govinfo_parse.dumps(report)
    assert text.count('"note"') == 1 and '"note": "（其中修订3件）"' in text
    assert '"note"' not in govinfo_parse.dumps(govinfo_parse.parse(SAMPLE))


def test_cli_parse_json_carries_the_note(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(_with("fee", "216.5万元（含退费）"), encoding="utf-8")
    exe = shutil.which("govinfo-parse", path=str(Path(sys.executable).parent)) or shutil.which("govinfo-parse")
    assert exe is not None
    p = subprocess.run([exe, "parse", str(path), "--format", "json"], capture_output=True, text=True,
                       encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    report = govinfo_parse.from_dict(data)
    cell = _cell(report, WHERE["fee"][2])
    assert (cell.value, cell.unit, cell.note) == (Decimal("216.5"), "万元", "（含退费）")
    assert cell.raw == "216.5万元（含退费）" and cell.span is not None
    p115 = [d for d in data["diagnostics"] if d["code"] == "P115"]
    assert len(p115) == 1 and p115[0]["severity"] == "info" and p115[0]["span"]["line"] == cell.span.line


def test_a_value_and_its_note_on_the_next_line_in_one_chunk() -> None:
    """What the table recovery hands the grammar for a loose note (``loose_notes`` damage): one
    chunk holding the value and the note printed on the line after it.  The cell reads as the
    value with its note, ``raw`` without the line break, the span over both lines."""
    from govinfo_parse import readers
    from govinfo_parse.api import parse_chunks
    from govinfo_parse.stream import Chunk

    got = readers.read(readers.Input(SAMPLE, "text", None), reader="text")
    k = next(i for i, c in enumerate(got.chunks) if c.text == "14")
    at, insert = got.chunks[k].end, "\n（其中修订3件）"
    source = SAMPLE[:at] + insert + SAMPLE[at:]
    chunks = [c if i < k else attrs.evolve(c, start=c.start + len(insert), end=c.end + len(insert))
              for i, c in enumerate(got.chunks)]
    chunks[k] = Chunk("14(其中修订3件)", got.chunks[k].start, at + len(insert))
    report = parse_chunks(source, chunks)
    cell = _cell(report, WHERE["proactive"][2])
    assert (cell.value, cell.note, cell.raw) == (14, "（其中修订3件）", "14（其中修订3件）")
    assert cell.span is not None and (cell.span.line, cell.span.end_line) == (18, 19)
    assert source[cell.span.start:cell.span.end] == "14\n（其中修订3件）"
    assert [d.span for d in report.diagnostics if d.code == "P115"] == [cell.span]
