"""Legacy reports (2008–2018): the statistics table as data, the prose figures, records, checks.

Corpus: seed 001 (2013, prose only) and ``real/pingtan-gov-2018.txt`` (a flattened scrape whose
statistics table is glued into one line; its expected cells, verified against the source by
hand, are in ``tests/golden/legacy/pingtan-gov-2018.cells.tsv``).  Generated: legacy tables in
every layout, rendered and parsed back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse import nodes, serde
from govinfo_parse.api import parse_text
from govinfo_parse.formats import legacy as LG
from govinfo_parse.nodes import Cell, CellState, LegacyColumn, LegacyGroup, LegacyRow, LegacyTable, Report, Section
from govinfo_parse.records import to_records
from govinfo_parse.render import LAYOUTS, render
from govinfo_parse.tables.legacy import indicator_key
from govinfo_parse.tables.legacy_flat import explode, looks_legacy_flat, readings
from govinfo_parse.tables.legacy_prose import figures
from govinfo_parse.validate.legacy import check_legacy
from strategies import first_difference, legacy_cell_values, legacy_tables, reports, without_cjk_spaces
from test_properties import uncovered

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "legacy"
PINGTAN = "real/pingtan-gov-2018.txt"
SEED_001 = "seeds/001_b1863d7a49c54e5a.txt"


def corpus(shared_dir: Path, name: str) -> Report:
    path = shared_dir / "corpus" / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not found")
    return govinfo_parse.parse_file(path)


# --------------------------------------------------------------------------------------------
# pingtan-gov-2018: a flattened statistics table
# --------------------------------------------------------------------------------------------


def _cells_tsv(report: Report) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(("group", "label", "indicator", "unit", "column", "raw", "value", "state"))
    t = report.legacy
    assert t is not None
    for g in t.groups:
        for r in g.rows:
            for c, col in zip(r.cells, t.columns, strict=True):
                w.writerow((g.title or "", r.label, r.key or "", r.unit or "", col.heading, c.raw,
                            "" if c.value is None else c.value, c.state.value))
    return out.getvalue()


def test_pingtan_2018_table_matches_the_golden_cells(shared_dir: Path) -> None:
    report = corpus(shared_dir, PINGTAN)
    assert report.format is nodes.ReportFormat.LEGACY
    assert report.source.reader == "flattened"
    expected = (GOLDEN / "pingtan-gov-2018.cells.tsv").read_text(encoding="utf-8")
    assert _cells_tsv(report) == expected


def test_pingtan_2018_table_shape_and_positions(shared_dir: Path) -> None:
    report = corpus(shared_dir, PINGTAN)
    t = report.legacy
    assert t is not None
    sec = report.section(6)
    assert sec is not None and sec.title == "政府信息公开情况统计表" and sec.blocks == (t,)
    assert (t.label_heading, t.unit_heading) == ("指标名称", "计量单位")
    assert [(c.heading, c.key) for c in t.columns] == [("2018年度", "current"), ("历年累计", "cumulative")]
    rows = t.rows()
    assert len(rows) == 15 and sum(len(r.cells) for r in rows) == 30
    assert [r.key for r in rows].count(None) == 1  # 接受行政诉讼、举报数 is kept with its printed label
    text = (shared_dir / "corpus" / PINGTAN).read_text(encoding="utf-8")
    first = rows[0].cells
    assert first[0].span is not None and first[1].span is not None
    assert text[first[0].span.start:first[0].span.end] == "2069"
    assert text[first[1].span.start:first[1].span.end] == "12106"
    codes = [d.code for d in report.diagnostics]
    # 206912106 read as 2069 | 12106: by 累计 ≥ 本年 and the prose (2069条), then the 其中 rule
    assert codes.count("L107") == 2 and "L104" in codes and "L102" in codes
    assert not [d for d in report.diagnostics if d.severity is nodes.Severity.ERROR]


def test_pingtan_2018_prose_facts(shared_dir: Path) -> None:
    report = corpus(shared_dir, PINGTAN)
    facts = {(f.key, f.value) for f in report.prose_facts()}
    assert facts == {("proactive.total", 2069), ("application.total", 0), ("review.count", 0),
                     ("litigation.count", 0)}


def test_pingtan_2018_records(shared_dir: Path) -> None:
    recs = to_records(corpus(shared_dir, PINGTAN))
    legacy = [r for r in recs if r["table"] == "legacy"]
    assert len(legacy) == 30
    first = {k: v for k, v in legacy[0].items() if k not in ("file", "agency", "reader")}
    assert first == {"year": 2018, "format": "legacy", "table": "legacy", "item": None, "row": "主动公开政府信息数",
                     "column": "本年", "key": "legacy/proactive.total/current", "raw": "2069", "value": 2069,
                     "unit": "条", "state": "number", "inferred": False, "note": None, "line": 10,
                     "indicator": "proactive.total",
                     "diagnostics": []}
    assert legacy[0]["reader"] == "flattened"
    unknown = [r for r in legacy if r["indicator"] is None]
    assert {r["row"] for r in unknown} == {"接受行政诉讼、举报数"}
    assert {r["table"] for r in recs} == {"legacy", "legacy-prose"}


def test_a_damaged_glued_table_is_undecided_not_guessed(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / PINGTAN
    if not path.exists():
        pytest.skip("corpus file not found")
    text = path.read_text(encoding="utf-8")
    text = text.replace("2018年全区主动公开政府信息2069条", "2018年全区主动公开政府信息若干条")
    report = govinfo_parse.parse(text)
    t = report.legacy
    assert t is not None
    first = t.rows()[0]
    assert all(c.state is CellState.PLACEHOLDER and c.raw == "206912106" for c in first.cells)
    l105 = [d for d in report.diagnostics if d.code == "L105"]
    assert l105 and "2069 | 12106" in l105[0].message and "206 | 912106" in l105[0].message


# --------------------------------------------------------------------------------------------
# seed 001: prose only
# --------------------------------------------------------------------------------------------


def test_seed_001_gives_its_figures_as_prose_facts(shared_dir: Path) -> None:
    report = corpus(shared_dir, SEED_001)
    assert report.format is nodes.ReportFormat.LEGACY and report.legacy is None
    facts = [(f.key, f.value, f.text) for f in report.prose_facts()]
    assert facts == [
        ("application.total", 10, "受理政府信息公开申请10件"),
        ("fees.amount", 0, "未收取任何费用"),
        ("review.count", 0, "未收到与政府信息公开工作有关的行政复议"),
        ("litigation.count", 0, "未收到与政府信息公开工作有关的行政复议申请和行政诉讼"),
    ]
    recs = to_records(report)
    assert [(r["table"], r["row"], r["value"], r["indicator"]) for r in recs][:1] == [
        ("legacy-prose", "受理申请总数", 10, "application.total")]
    text = (shared_dir / "corpus" / SEED_001).read_text(encoding="utf-8")
    sp = report.prose_facts()[0].span
    assert sp is not None and text[sp.start:sp.end] == "受理政府信息公开申请10件"


def test_records_of_all_generations_share_one_dataframe(shared_dir: Path) -> None:
    pd = pytest.importorskip("pandas")
    from govinfo_parse.export import to_dataframe

    reps = [corpus(shared_dir, PINGTAN), corpus(shared_dir, SEED_001),
            corpus(shared_dir, "seeds/003_b7caf00a3cd44191.txt"), corpus(shared_dir, "seeds/004_e66a2b34805dc888.txt")]
    df = to_dataframe(reps)
    assert set(df["table"].unique()) == {"legacy", "legacy-prose", "二", "三", "四"}
    assert df[df["table"].isin(["二", "三", "四"])]["indicator"].isna().all()
    assert (df[df["table"] == "legacy"]["indicator"].notna()).sum() == 28
    frame = pd.DataFrame([r for rep in reps for r in to_records(rep)])
    assert list(frame.columns) == [*govinfo_parse.export.RECORD_FIELDS, "diagnostics"]


# --------------------------------------------------------------------------------------------
# the pieces
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("printed", "key"), [
    ("主动公开文件数", "proactive.total"), ("其中：1.政府网站公开数", "proactive.website"),
    ("（一）收到申请数", "application.total"), ("1、当面申请", "application.in_person"),
    ("3.信函、传真申请数", "application.letter_fax"), ("2.同意部分公开答复数", "answer.partial"),
    ("收费金额（万元）", "fees.amount"), ("四、行政复议数量", "review.count"),
    ("接受行政诉讼、举报数", None), ("召开政府信息公开工作会议数", None),
])
def test_indicator_keys(printed: str, key: str | None) -> None:
    got = indicator_key(printed)
    assert (got[0] if got else None) == key


def test_readings_of_glued_digits() -> None:
    assert readings("00", 2) == [("0", "0")]
    assert ("2069", "12106") in readings("206912106", 2)
    assert readings("0012", 2) == []
    assert readings("//", 2) == [("/", "/")]


def test_explode_peels_the_next_rows_number() -> None:
    from govinfo_parse.normalise import normalise
    from govinfo_parse.stream import Chunk

    text = "六、政府信息公开情况统计表指标名称计量单位本年度历年累计其中：1.政府网站公开数条121062.政府公报公开数条00"
    n = normalise(text)
    assert looks_legacy_flat(n.text)
    got = explode(Chunk(n.text, 0, len(n.text)), n.text)
    assert got is not None
    assert [c.text for c in got] == ["六、政府信息公开情况统计表", "指标名称", "计量单位", "本年度", "历年累计",
                                     "其中:1.政府网站公开数", "条", "12106", "2.政府公报公开数", "条", "00"]


def test_prose_figures_skip_parts() -> None:
    text = "2018年全区主动公开政府信息2069条。其中，各部门主动公开政府信息1592条。各乡镇主动公开政府信息477条。"
    assert [(f.key, f.value) for f in figures(text)] == [("proactive.total", 2069)]


def _table(rows: list[tuple[str, str | None, list[int]]], heads: tuple[str, ...] = ("本年", "累计")) -> Report:
    lrows = tuple(LegacyRow(label, key, "件", tuple(Cell(str(v), CellState.NUMBER, v) for v in vals))
                  for label, key, vals in rows)
    t = LegacyTable("指标名称", "计量单位", tuple(LegacyColumn(h, LG.column_key(h)) for h in heads),
                    (LegacyGroup(None, None, lrows),))
    return Report(nodes.ReportFormat.LEGACY, sections=(Section(1, "统计表", (t,)),))


def test_checks_of_a_legacy_table() -> None:
    r = _table([("受理申请总数", "application.total", [5, 9]), ("其中：1.当面申请数", "application.in_person", [6, 9]),
                ("对申请的答复总数", "answer.total", [5, 4]), ("其中：1.同意公开", "answer.granted", [3, 3]),
                ("2.不予公开", "answer.refused", [1, 1])])
    codes = [d.code for d in check_legacy(r)]
    assert codes.count("L201") == 1  # 6 当面 > 5 受理
    assert codes.count("L202") == 1  # 3 + 1 ≠ 5 in 本年 (= 4 in 累计)
    assert codes.count("L204") == 1  # 累计 4 < 本年 5
    ok = _table([("受理申请总数", "application.total", [4, 9]), ("同意公开", "answer.granted", [3, 7]),
                 ("不予公开", "answer.refused", [1, 2])])
    assert list(check_legacy(ok)) == []
    bad = _table([("受理申请总数", "application.total", [5, 9]), ("同意公开", "answer.granted", [3, 7]),
                  ("不予公开", "answer.refused", [1, 2])])
    assert [d.code for d in check_legacy(bad)] == ["L203"]


def test_prose_against_the_table() -> None:
    text = ("一、概述\n2016年共受理政府信息公开申请12件。\n二、统计表\n指标名称 | 计量单位 | 本年 |\n"
            "受理申请总数 | 件 | 10 |\n")
    report = govinfo_parse.parse(text)
    assert report.legacy is not None
    l205 = [d for d in report.diagnostics if d.code == "L205"]
    assert len(l205) == 1 and l205[0].expected == 10 and l205[0].actual == 12


# --------------------------------------------------------------------------------------------
# generated legacy tables in every layout
# --------------------------------------------------------------------------------------------


def _legacy_report(table: LegacyTable) -> Report:
    title = "2016年政府信息公开工作年度报告"
    return Report(nodes.ReportFormat.LEGACY, nodes.Metadata(title=title, year=2016), (nodes.Title(title),), (
        Section(1, "概述", (nodes.Paragraph("本年度我办认真贯彻落实《条例》，不断提升公开质量。"),)),
        Section(2, "政府信息公开情况统计表", (table,)),
        Section(3, "存在的主要问题及改进措施", (nodes.Paragraph("下一步，我办将进一步加强培训。"),)),
    ))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=legacy_tables(), layout=st.sampled_from(LAYOUTS))
def test_render_then_parse_gives_the_same_legacy_cells(table: LegacyTable, layout: str) -> None:
    report = _legacy_report(table)
    text = render(report, layout)
    parsed = govinfo_parse.parse(text)
    assert legacy_cell_values(parsed) == legacy_cell_values(report), first_difference(parsed, report)
    if layout != "html":
        assert not uncovered(text, parsed)
    assert parsed == report, first_difference(parsed, report)
    assert parsed.source.reader in ("text", "markdown", "html")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports(formats=("legacy",)), layout=st.sampled_from(LAYOUTS))
def test_render_then_parse_gives_the_same_legacy_report(report: Report, layout: str) -> None:
    text = render(report, layout)
    parsed = govinfo_parse.parse(text, validate=False)
    if layout == "html":  # modulo the HTML reader's white-space rule (as in test_properties)
        report, parsed = without_cjk_spaces(report), without_cjk_spaces(parsed)
    else:
        missing = uncovered(text, parsed)
        assert not missing, [(i, ch, text[max(0, i - 20):i + 5]) for i, ch in missing[:10]]
    assert parsed == report, first_difference(parsed, report)
    assert serde.loads(serde.dumps(parsed)) == parsed


@settings(max_examples=30, deadline=None)
@given(table=legacy_tables())
def test_legacy_tables_round_trip_through_json(table: LegacyTable) -> None:
    report = _legacy_report(table)
    assert serde.loads(serde.dumps(report)) == report
    recs = to_records(report)
    assert len([r for r in recs if r["table"] == "legacy"]) == sum(len(r.cells) for r in table.rows())


def _pdf_lines(report: Report) -> str:
    """The report as the text of a PDF page: one line per table row, cells separated by spaces."""
    out: list[str] = []
    for b in report.preamble:
        if isinstance(b, nodes.Title):
            out.append(b.text)
    for n, s in enumerate(report.sections, 1):
        out.append(f"{'一二三四五'[n - 1]}、{s.title}")
        for b in s.blocks:
            if isinstance(b, nodes.Paragraph):
                out.append(b.text)
            elif isinstance(b, LegacyTable):
                head = [b.label_heading, *([b.unit_heading] if b.unit_heading else []), *(c.heading for c in b.columns)]
                out.append(" ".join(head))
                for g in b.groups:
                    if g.title:
                        out.append(g.title)
                    for r in g.rows:
                        out.append(" ".join([r.label, *([r.unit] if r.unit else []), *(c.raw for c in r.cells)]))
    return "\n".join(out) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(table=legacy_tables())
def test_pdf_text_lines_give_the_same_legacy_cells(table: LegacyTable) -> None:
    # PDF text loses empty cells and the unit column's blanks: tables without blank cells or units
    rows = table.rows()
    assume(all(c.state is not CellState.BLANK for r in rows for c in r.cells))
    assume(all(r.unit for r in rows) or table.unit_heading is None)
    report = _legacy_report(table)
    # kind "text": the same lines as plain text.  (Read as kind "pdf", the PDF reader's recovery
    # of the official application table can take a legacy row such as "对申请的答复总数 1" for one
    # of its rows; see the fixed example below.)
    parsed = parse_text(_pdf_lines(report), kind="text")
    assert legacy_cell_values(parsed) == legacy_cell_values(report)


PDF_PAGE = """某某局2016年政府信息公开工作年度报告
一、概述
2016年，我局共主动公开政府信息120条。
二、政府信息公开情况统计表
指标名称 计量单位 本年 累计
一、主动公开情况
（一）主动公开政府信息数 条 120 560
其中：全文电子化的政府信息数 条 100 400
二、依申请公开情况
（一）收到申请数 件 3 12
1.当面申请数 件 1 5
2.网络申请数 件 2 7
三、收费情况
收费金额 万元 0 /
"""


@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_a_legacy_table_in_pdf_text(kind: str) -> None:
    report = parse_text(PDF_PAGE, kind=kind)
    t = report.legacy
    assert t is not None and [c.key for c in t.columns] == ["current", "cumulative"]
    assert [(g.key, [(r.key, r.unit, [c.raw for c in r.cells]) for r in g.rows]) for g in t.groups] == [
        ("proactive", [("proactive.total", "条", ["120", "560"]), ("proactive.fulltext", "条", ["100", "400"])]),
        ("application", [("application.total", "件", ["3", "12"]), ("application.in_person", "件", ["1", "5"]),
                         ("application.online", "件", ["2", "7"])]),
        ("fees", [("fees.amount", "万元", ["0", "/"])]),
    ]
    assert [s.title for s in report.sections] == ["概述", "政府信息公开情况统计表"]
    assert not [d for d in report.diagnostics if d.code.startswith("L")]
