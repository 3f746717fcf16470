"""The public API from the user's side: parse, parse_file, parse_bytes, strict mode, serde."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from conftest import SEEDS
from govinfo_parse import CellState, ParseError, ReportFormat
from govinfo_parse.api import caret_context, display_width
from govinfo_parse.normalise import SourceMap


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_format_and_year(seeds_dir: Path, name: str) -> None:
    fmt, year = SEEDS[name]
    report = govinfo_parse.parse_file(seeds_dir / name)
    assert report.format.value == fmt
    assert report.metadata.year == year


def test_legacy_seed_has_three_sections_and_no_tables(seeds_dir: Path) -> None:
    report = govinfo_parse.parse_file(seeds_dir / "001_b1863d7a49c54e5a.txt")
    assert report.format is ReportFormat.LEGACY
    assert [s.number for s in report.sections] == [1, 2, 3]
    assert report.tables() == ()
    # the page chrome at the end is recognised as chrome, not content
    chrome = [b for b in report.sections[-1].blocks if isinstance(b, govinfo_parse.Chrome)]
    assert [c.text.strip() for c in chrome] == ["- 分享到:", "上一篇:", "下一篇:"]


@pytest.mark.parametrize("name", ["000_0a0c8e52524dd181.txt", "002_3b71651eefda0d57.txt",
                                  "003_b7caf00a3cd44191.txt", "004_e66a2b34805dc888.txt"])
def test_seed_tables_have_all_official_rows(seeds_dir: Path, name: str) -> None:
    report = govinfo_parse.parse_file(seeds_dir / name)
    apps = report.applications
    assert apps is not None
    expected = [r.key for r in govinfo_parse.formats.labels.application_rows(report.format.value)]
    assert [r.key for r in apps.rows] == expected
    assert all(len(r.cells) == 7 for r in apps.rows)
    assert report.reviews is not None and len(report.reviews.cells) == 15
    assert report.proactive is not None


def test_metadata_of_seeds(seeds_dir: Path) -> None:
    r0 = govinfo_parse.parse_file(seeds_dir / "000_0a0c8e52524dd181.txt")
    assert r0.metadata.agency == "绵阳市人力资源和社会保障局"
    assert r0.metadata.title == "绵阳市人力资源和社会保障局2020年政府信息公开工作年度报告"
    assert str(r0.metadata.published) == "2021-01-15"
    assert (str(r0.metadata.period_start), str(r0.metadata.period_end)) == ("2020-01-01", "2020-12-31")
    r2 = govinfo_parse.parse_file(seeds_dir / "002_3b71651eefda0d57.txt")
    assert r2.metadata.title == "鹿城区人力资源和社会保障局2020年度政府信息公开工作年度报告"  # two lines joined
    assert r2.metadata.agency == "鹿城区人力资源和社会保障局"
    r3 = govinfo_parse.parse_file(seeds_dir / "003_b7caf00a3cd44191.txt")
    assert r3.metadata.title is None and r3.metadata.year == 2019  # inferred from the body
    r4 = govinfo_parse.parse_file(seeds_dir / "004_e66a2b34805dc888.txt")
    assert r4.metadata.agency == "天津市人力资源和社会保障局"


def test_cells_keep_raw_value_unit_state_and_position(seeds_dir: Path) -> None:
    report = govinfo_parse.parse_file(seeds_dir / "000_0a0c8e52524dd181.txt")
    pro = report.proactive
    assert isinstance(pro, govinfo_parse.ProactiveTable2019)
    item9 = next(i for i in pro.items if i.item == "item9")
    amount = item9.rows[0].cells[1]
    assert (amount.raw, amount.value, amount.unit, amount.state) == (
        "6716.7630万元", Decimal("6716.7630"), "万元", CellState.NUMBER)
    assert amount.span is not None and amount.span.line == 139 and amount.span.column == 1
    report2 = govinfo_parse.parse_file(seeds_dir / "002_3b71651eefda0d57.txt")
    change = report2.proactive.items[1].rows[1].cells[1]  # type: ignore[union-attr]
    assert change.value == -1 and change.raw == "-1"


def test_2021_tables_are_a_different_type(seeds_dir: Path) -> None:
    report = govinfo_parse.parse_file(seeds_dir / "004_e66a2b34805dc888.txt")
    assert isinstance(report.proactive, govinfo_parse.ProactiveTable2021)
    apps = report.applications
    assert apps is not None and apps.format is ReportFormat.F2021
    assert [r.key for r in apps.rows if r.key and r.key.startswith("other")] == [
        "other.no_correction", "other.unpaid_fee", "other.other"]


def test_parse_bytes_detects_encodings(seeds_dir: Path) -> None:
    text = (seeds_dir / "004_e66a2b34805dc888.txt").read_text(encoding="utf-8")
    ref = govinfo_parse.parse(text)
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gb18030")):
        r = govinfo_parse.parse_bytes(data)
        assert r == ref
        assert govinfo_parse.to_records(r) == govinfo_parse.to_records(ref)


def test_crlf_keeps_lines_and_values(seeds_dir: Path) -> None:
    text = (seeds_dir / "003_b7caf00a3cd44191.txt").read_text(encoding="utf-8")
    a = govinfo_parse.parse(text)
    b = govinfo_parse.parse(text.replace("\n", "\r\n"))
    assert a == b
    assert [r["line"] for r in govinfo_parse.to_records(a)] == [r["line"] for r in govinfo_parse.to_records(b)]


def test_round_trip_serialisation_of_seeds(seeds_dir: Path) -> None:
    for name in SEEDS:
        r = govinfo_parse.parse_file(seeds_dir / name)
        assert govinfo_parse.loads(govinfo_parse.dumps(r)) == r
        assert govinfo_parse.from_dict(govinfo_parse.to_dict(r)) == r
        assert govinfo_parse.to_dict(govinfo_parse.loads(govinfo_parse.dumps(r))) == govinfo_parse.to_dict(r)


def test_unknown_schema_version_is_a_clear_error() -> None:
    data = govinfo_parse.to_dict(govinfo_parse.parse("一、总体情况\n无。\n"))
    data["schema_version"] = 99
    with pytest.raises(govinfo_parse.SchemaVersionError, match="schema_version 99"):
        govinfo_parse.from_dict(data)


def test_records_contract(seeds_dir: Path) -> None:
    report = govinfo_parse.parse_file(seeds_dir / "003_b7caf00a3cd44191.txt")
    recs = govinfo_parse.to_records(report)
    assert len(recs) == 2 * 3 + 2 * 3 + 2 * 3 + 2 + 2 + 23 * 7 + 15
    r = next(x for x in recs if x["row"].endswith("1.属于国家秘密") and x["column"] == "法人或其他组织/商业企业")
    assert r == {"file": str(seeds_dir / "003_b7caf00a3cd44191.txt"), "agency": None, "year": 2019,
                 "format": "2019", "reader": "text",
                 "table": "三", "item": None, "row": "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
                 "column": "法人或其他组织/商业企业", "key": "applications/withheld.state_secret/business",
                 "raw": "0", "value": 0, "unit": None, "state": "number", "inferred": False, "note": None, "line": 33,
                 "indicator": None,
                 "diagnostics": []}
    last = recs[-1]
    assert (last["table"], last["row"], last["column"], last["value"]) == ("四", "", "行政诉讼/复议后起诉/总计", 3)
    assert recs[0]["item"] == "第二十条第（一）项" and recs[0]["column"] == "本年新制作数量"


def test_blank_and_placeholder_cells_are_kept_apart() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 5 |  | / | — | 0 | 无 | 5 |\n"
    )
    report = govinfo_parse.parse(text)
    row = report.applications.row("new")  # type: ignore[union-attr]
    assert row is not None
    assert [c.state.value for c in row.cells] == [
        "number", "blank", "placeholder", "placeholder", "number", "placeholder", "number"]
    assert [c.value for c in row.cells] == [5, None, None, None, 0, None, 5]


def test_unrecognised_text_is_kept_and_reported() -> None:
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n这一行不是表格的一部分\n"
    report = govinfo_parse.parse(text)
    kept = [b for s in report.sections for b in s.blocks]
    texts = [getattr(b, "text", "") for b in kept]
    assert any("申请人情况" in t for t in texts)
    assert any("这一行不是表格的一部分" in t for t in texts)
    assert any(d.code == "P002" for d in report.diagnostics)


@given(st.text(max_size=400))
def test_lenient_parse_never_raises(text: str) -> None:
    report = govinfo_parse.parse(text)
    assert isinstance(report, govinfo_parse.Report)


@given(st.lists(st.sampled_from([
    "一、总体情况", "三、收到和处理政府信息公开申请情况", "（一）予以公开", "1.属于国家秘密", "0", "12", "/",
    "第二十条第（一）项", "信息内容", "规章", "行政复议", "结果维持", "总计", "|", " | 3 | ", "\t", "　", "",
    "四、结转下年度继续办理", "（七）总计", "本年新", "分享到", "2020年", "无。",
]), max_size=60))
def test_lenient_parse_never_raises_on_report_like_text(parts: list[str]) -> None:
    text = "\n".join(parts)
    report = govinfo_parse.parse(text)
    assert isinstance(report, govinfo_parse.Report)
    try:
        govinfo_parse.parse(text, strict=True)
    except ParseError as e:
        assert e.line >= 1 and e.column >= 1


def test_strict_mode_raises_parse_error_with_position() -> None:
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n说明文字\n"
    with pytest.raises(ParseError) as info:
        govinfo_parse.parse(text, strict=True)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.line, e.column) == (2, 1)
    assert "申请人情况" in e.context


def test_caret_lines_up_under_cjk_text() -> None:
    smap = SourceMap.of("（一）予以公开 | 7 |\n")
    ctx = caret_context(smap, 1, 11)
    line, caret = ctx.split("\n")
    assert display_width(line[:10]) == caret.index("^")
    assert caret.index("^") == 17  # seven wide characters (14 cells), then " | "


def test_parse_rejects_bytes_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="parse_bytes"):
        govinfo_parse.parse(b"abc")  # type: ignore[arg-type]
