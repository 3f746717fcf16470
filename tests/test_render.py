"""Rendering: every seed renders in every layout and parses back to an equal report.

Equality is semantic (spans, diagnostics and source information excluded).  The layouts'
shapes are checked against what the seeds print (tabs with no-break spaces, pipe rows padded to
the grid, GFM tables, HTML with the format's colspan/rowspan), and the ``render`` command is
run from the user's side.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo_parse
from conftest import SEEDS
from govinfo_parse import Report
from govinfo_parse.cli import main
from govinfo_parse.render import LAYOUTS, render, table_grid
from strategies import first_difference, without_cjk_spaces

TEXT_LAYOUTS = tuple(x for x in LAYOUTS if x != "html")


def parse_html(text: str) -> Report:
    """Parse rendered HTML with the HTML reader, or skip while it is not there."""
    try:
        importlib.import_module("govinfo_parse.readers.html")
    except ModuleNotFoundError:
        pytest.skip("the HTML reader (govinfo_parse.readers.html, issue 5) is not there yet")
    report = govinfo_parse.parse_bytes(text.encode("utf-8"), filename="report.html")
    if report.source.kind != "html":
        pytest.skip("parse_bytes does not hand HTML to govinfo_parse.readers.html yet")
    return report


@pytest.fixture(scope="module")
def seed_reports(seeds_dir: Path) -> dict[str, Report]:
    return {name: govinfo_parse.parse_file(seeds_dir / name) for name in SEEDS}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_renders_and_parses_back_equal(seed_reports: dict[str, Report], name: str, layout: str) -> None:
    report = seed_reports[name]
    text = render(report, layout)
    back = parse_html(text) if layout == "html" else govinfo_parse.parse(text)
    if layout == "html":  # the HTML reader drops white space between CJK characters (see strategies)
        report, back = without_cjk_spaces(report), without_cjk_spaces(back)
    assert back == report, first_difference(report, back)
    # the values are the point: compare them explicitly as well
    assert govinfo_parse.to_records(back) == govinfo_parse.to_records(report) or _records_equal(back, report)


def _records_equal(a: Report, b: Report) -> bool:
    def strip(recs: list[dict[str, object]]) -> list[dict[str, object]]:
        # file and reader say where the text came from (like SourceInfo, not part of equality)
        return [{k: v for k, v in r.items() if k not in ("line", "column", "file", "reader")} for r in recs]

    return strip(govinfo_parse.to_records(a)) == strip(govinfo_parse.to_records(b))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_rendering_is_stable(seed_reports: dict[str, Report], name: str) -> None:
    """Rendering what was read from a rendering gives the same text again (a fixed point)."""
    for layout in TEXT_LAYOUTS:
        text = render(seed_reports[name], layout)
        assert render(govinfo_parse.parse(text), layout) == text


# ---- the shapes of the layouts ----------------------------------------------------------------


def test_tabs_put_no_break_spaces_around_values_and_tab_lines_for_merged_slots(
        seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["002_3b71651eefda0d57.txt"], "tabs")
    lines = text.split("\n")
    assert "\t\u00a08" in lines or "\t8\u00a0" in lines  # 一、本年新收…: 自然人 8
    i = lines.index("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert lines[i - 1] == "\t"  # the slot of the merged 三、本年度办理结果 cell
    j = lines.index("\t2.其他法律行政法规禁止公开")
    assert lines[j - 2 : j] == ["\t", "\t"]  # 三、 and （三）不予公开 both continue here


def test_pipe_rows_are_padded_to_the_grid_like_seed_003(seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["003_b7caf00a3cd44191.txt"], "pipes")
    lines = text.split("\n")
    # as the seed prints them: labels, values, then empty cells for the merged columns
    assert "一、本年新收政府信息公开申请数量 | 127 | 2 | 0 | 0 | 0 | 0 | 129 | ||" in lines
    assert "(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |" not in lines  # group label is official
    assert "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |" in lines
    assert "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||" in lines
    assert "自然人 | 法人或其他组织 | 总计 | |||||||" in lines
    assert "12 | 0 | 1 | 1 | 14 | 2 | 0 | 0 | 0 | 2 | 3 | 0 | 0 | 0 | 3 |" in lines


def test_markdown_has_headings_and_gfm_tables(seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["004_e66a2b34805dc888.txt"], "markdown")
    assert text.startswith("# 天津市人力资源和社会保障局2022年政府信息公开工作年度报告\n")
    assert "\n## 三、收到和处理政府信息公开申请情况\n" in text
    assert "\n### （一）主动公开信息情况。围绕" in text  # run into its first sentence, as the seed prints it
    assert "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |" in text
    assert "\n| （六）其他处理 |\n" in text  # a merged group label: a short row with no values


def test_html_is_a_complete_article_with_the_official_spans(seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["003_b7caf00a3cd44191.txt"], "html")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert "<article>" in text and '<meta charset="utf-8">' in text
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert f'<td colspan="3" rowspan="3">{note}</td>' in text
    assert '<td colspan="7">申请人情况</td>' in text
    assert '<td rowspan="20">三、本年度办理结果</td>' in text  # 2019: 20 result rows
    assert '<td rowspan="8">（三）不予公开</td>' in text
    assert '<td colspan="5">行政复议</td><td colspan="10">行政诉讼</td>' in text


def test_html_rowspan_of_results_in_the_2021_format(seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["004_e66a2b34805dc888.txt"], "html")
    assert '<td rowspan="22">三、本年度办理结果</td>' in text  # 22 result rows in 2021
    assert '<td rowspan="3">（六）其他处理</td>' in text


def test_html_blank_cells_are_nbsp_and_text_is_escaped() -> None:
    report = govinfo_parse.parse("一、总体情况\n<b>粗体</b> & 其他。\n")
    html = render(report, "html")
    assert "<p>&lt;b&gt;粗体&lt;/b&gt; &amp; 其他。</p>" in html


def test_grid_spans_cover_every_column_of_every_row(seed_reports: dict[str, Report]) -> None:
    for name in ("000_0a0c8e52524dd181.txt", "004_e66a2b34805dc888.txt"):
        for table in seed_reports[name].tables():
            grid = table_grid(table)
            assert all(len(slots) == grid.width for slots in grid.slots()), (name, type(table).__name__)


def test_text_layout_aligns_columns_and_indents_merged_groups(seed_reports: dict[str, Report]) -> None:
    text = render(seed_reports["003_b7caf00a3cd44191.txt"], "text")
    lines = text.split("\n")
    assert "三、本年度办理结果" in lines
    assert "  （三）不予公开" in lines
    row = next(x for x in lines if x.startswith("    1.属于国家秘密"))
    head = next(x for x in lines if x.startswith("申请人情况"))
    assert _display_index(row, "|") == _display_index(head, "|")


def _display_index(line: str, ch: str) -> int:
    import unicodedata

    i = line.index(ch)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])


def test_unknown_layout_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown layout 'pdf'"):
        render(govinfo_parse.parse(""), "pdf")


def test_every_kind_of_block_is_rendered() -> None:
    """Title, date line, headings, paragraph, chrome and unrecognised text all come back."""
    text = ("某局2020年政府信息公开工作年度报告\n发布时间：2021-01-15\n一、总体情况\n（一）主动公开\n1.互联网\n"
            "全年发布信息12条。\n信息内容\n我局坚持公开。\n分享到：\n")
    report = govinfo_parse.parse(text)
    kinds = {type(b).__name__ for b in report.preamble} | {type(b).__name__ for s in report.sections
                                                            for b in s.blocks}
    assert kinds == {"Title", "DateLine", "Heading", "Paragraph", "Unrecognised", "Chrome"}
    for layout in TEXT_LAYOUTS:
        assert govinfo_parse.parse(render(report, layout)) == report, layout


def test_a_title_known_only_from_metadata_is_printed() -> None:
    report = Report(govinfo_parse.ReportFormat.LEGACY,
                    govinfo_parse.Metadata(title="某局2012年政府信息公开工作年度报告"))
    assert render(report).startswith("某局2012年政府信息公开工作年度报告\n")


# ---- the command line ---------------------------------------------------------------------------


def test_cli_render_a_report_file(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = seeds_dir / "004_e66a2b34805dc888.txt"
    assert main(["render", str(seed), "--layout", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out == render(govinfo_parse.parse_file(seed), "markdown")


def test_cli_render_json_from_parse(seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = seeds_dir / "002_3b71651eefda0d57.txt"
    assert main(["parse", str(seed), "--format", "json"]) == 0
    ast = tmp_path / "report.txt"  # JSON is recognised by content, not by name
    ast.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["render", str(ast), "--layout", "tabs"]) == 0
    assert capsys.readouterr().out == render(govinfo_parse.parse_file(seed), "tabs")


def test_cli_render_to_a_file(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["render", str(seeds_dir / "000_0a0c8e52524dd181.txt"), "--layout", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("content", "message"), [
    ('{"a": 1}', "not a report written by"),
    ("{not json", "not valid JSON"),
    ('{"schema_version": 99, "format": "2019"}', "schema_version 99"),
])
def test_cli_render_rejects_json_that_is_not_a_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    f = tmp_path / "x.json"
    f.write_text(content, encoding="utf-8")
    assert main(["render", str(f)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_render_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.slow
def test_console_script_renders_stdin(seeds_dir: Path) -> None:
    data = (seeds_dir / "001_b1863d7a49c54e5a.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "govinfo_parse.cli", "render", "-", "--layout", "lines"],
                          input=data, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert re.search(r"^一、政府信息公开工作概述和政府信息主动公开情况$", text, re.M)
    assert json.loads(json.dumps(text))  # valid UTF-8 text
