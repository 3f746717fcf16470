"""The ``govinfo-parse check`` command, from the user's side: real seed files (and copies with
one number changed), JSON output, --series over synthetic consecutive years, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_parse.cli import main
from govinfo_parse.commands.check import GROUP_DOCUMENT, GROUP_PROSE, diagnostic_group
from govinfo_parse.nodes import Diagnostic, Severity, Span
from govinfo_parse.serde import _converter
from govinfo_parse.validate import validate
from test_validate import app_table, build_report, consistent_matrix, review_table, with_cell

REPO = Path(__file__).resolve().parents[1]
SEED_003 = "003_b7caf00a3cd44191.txt"
SEED_004 = "004_e66a2b34805dc888.txt"
CONSISTENT = ["000_0a0c8e52524dd181.txt", "002_3b71651eefda0d57.txt", SEED_003, SEED_004]


def run_check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["check", *argv])
    except SystemExit as e:  # argparse rejects bad arguments with exit status 2
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def changed_copy(src: Path, dst: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    dst.write_text(text.replace(old, new), encoding="utf-8")
    return dst


# --------------------------------------------------------------------------------------------
# Single files
# --------------------------------------------------------------------------------------------


def test_consistent_seeds_exit_0(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    code, out, err = run_check(capsys, *(str(seeds_dir / s) for s in CONSISTENT))
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("checked 4 files: 0 errors")
    assert "error[" not in out


def test_one_number_changed_is_an_a1_error_at_its_line(capsys: pytest.CaptureFixture[str], seeds_dir: Path,
                                                       tmp_path: Path) -> None:
    src = seeds_dir / SEED_003
    line_no = next(i for i, ln in enumerate(src.read_text(encoding="utf-8").split("\n"), 1)
                   if ln.startswith("二、上年结转政府信息公开申请数量"))
    bad = changed_copy(src, tmp_path / "003-changed.txt",
                       "二、上年结转政府信息公开申请数量 | 10 |", "二、上年结转政府信息公开申请数量 | 11 |")
    code, out, _ = run_check(capsys, str(bad))
    assert code == 1
    lines = out.splitlines()
    a1 = [ln for ln in lines if "error[A1]" in ln]
    assert len(a1) == 1
    assert a1[0].startswith(f"{bad}:{line_no}:")
    assert "自然人" in a1[0] and "（七）总计" in a1[0]
    # listed under the application table's heading, after it
    heading = lines.index(f"{bad}: in 三、收到和处理政府信息公开申请情况:")
    assert heading < lines.index(a1[0])
    assert lines[-1].startswith("checked 1 file: 1 error")
    # the A3 warning on the same row, and a help line for the A1 suggestion
    assert any(f"{bad}:{line_no}:" in ln and "warning[A3]" in ln for ln in lines)
    assert any(ln.startswith("    help: ") for ln in lines)


def test_json_output(capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path) -> None:
    bad = changed_copy(seeds_dir / SEED_003, tmp_path / "bad.txt",
                       "(七)总计 | 132 |", "(七)总计 | 133 |")
    good = seeds_dir / SEED_004
    code, out, _ = run_check(capsys, "--format", "json", str(bad), str(good))
    assert code == 1
    doc = json.loads(out)
    assert [f["path"] for f in doc["files"]] == [str(bad), str(good)]
    assert doc["files"][0]["format"] == "2019" and doc["files"][1]["year"] == 2022
    diags = [_converter().structure(d, Diagnostic) for d in doc["files"][0]["diagnostics"]]
    a1 = [d for d in diags if d.code == "A1"]
    assert len(a1) == 1 and a1[0].expected == 137 and a1[0].actual == 138
    assert a1[0].span is not None and a1[0].related
    assert doc["summary"]["errors"] == 1 and doc["summary"]["files"] == 2
    assert "series" not in doc
    assert [d for d in doc["files"][1]["diagnostics"] if d["severity"] == "error"] == []


def test_min_severity_filters_but_summary_counts_all(capsys: pytest.CaptureFixture[str], seeds_dir: Path,
                                                     tmp_path: Path) -> None:
    bad = changed_copy(seeds_dir / SEED_003, tmp_path / "bad.txt", "(七)总计 | 132 |", "(七)总计 | 133 |")
    code, out, _ = run_check(capsys, "--min-severity", "error", str(bad))
    assert code == 1
    assert "warning[" not in out and "error[A1]" in out
    assert "1 error, " in out.splitlines()[-1] and "0 warnings" not in out.splitlines()[-1]


# --------------------------------------------------------------------------------------------
# Series
# --------------------------------------------------------------------------------------------


def year_copy(seeds_dir: Path, tmp_path: Path, year: int, carried: int | None = None) -> Path:
    """Seed 004 (2022; carries 6 forward) retitled as another year (for 2023 with its documents in
    force carried on from 2022's); with ``carried``, its 上年结转
    row (and, to keep its own arithmetic, 新收 and the prose) changed to that figure."""
    text = (seeds_dir / SEED_004).read_text(encoding="utf-8")
    text = text.replace("2022年政府信息公开工作年度报告", f"{year}年政府信息公开工作年度报告")
    if year == 2023:  # documents in force: 2022's 67 + 12 issued − 3 repealed
        text = text.replace("行政规范性文件 | 12 | 3 | 67 |", "行政规范性文件 | 12 | 3 | 76 |")
    if carried is not None:
        new = 200 + 7 - carried
        text = text.replace("二、上年结转政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |",
                            f"二、上年结转政府信息公开申请数量 | {carried} | 0 | 0 | 0 | 0 | 0 | {carried} |")
        text = text.replace("一、本年新收政府信息公开申请数量 | 200 | 12 | 0 | 0 | 0 | 0 | 212 |",
                            f"一、本年新收政府信息公开申请数量 | {new} | 12 | 0 | 0 | 0 | 0 | {new + 12} |")
        text = text.replace("受理政府信息公开申请212件", f"受理政府信息公开申请{new + 12}件")
        text = text.replace("已办理206件", f"已办理{new + 12 - 6}件")
    path = tmp_path / f"{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_series_chain_holds(capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path) -> None:
    y22 = year_copy(seeds_dir, tmp_path, 2022)
    y23 = year_copy(seeds_dir, tmp_path, 2023, carried=6)
    code, out, err = run_check(capsys, "--series", str(y23), str(y22))
    assert code == 0, out + err
    assert "[R1" not in out and "error[" not in out and "warning[" not in out


def test_series_broken_chain(capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path) -> None:
    y22 = year_copy(seeds_dir, tmp_path, 2022)
    y23 = year_copy(seeds_dir, tmp_path, 2023)  # still says 7 carried over; 2022 carried 6 forward
    code, out, _ = run_check(capsys, "--series", str(y22), str(y23))
    assert code == 0  # a broken chain is a warning (docs/diagnostics.md)
    r104 = [ln for ln in out.splitlines() if "warning[R104]" in ln]
    assert len(r104) == 2  # 自然人 and 总计 columns
    line_no = next(i for i, ln in enumerate(y23.read_text(encoding="utf-8").split("\n"), 1)
                   if ln.startswith("二、上年结转"))
    assert all(ln.startswith(f"{y23}:{line_no}:") for ln in r104)
    assert "in series (across years):" in out
    # JSON carries the series diagnostics with the file they point into
    code, out, _ = run_check(capsys, "--series", "--format", "json", str(y22), str(y23))
    doc = json.loads(out)
    assert [s["path"] for s in doc["series"]] == [str(y23), str(y23)]
    assert {s["diagnostic"]["code"] for s in doc["series"]} == {"R104"}
    assert doc["series"][0]["diagnostic"]["expected"] == 6 and doc["series"][0]["diagnostic"]["actual"] == 7


def test_series_of_one_file_and_missing_year(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    code, out, _ = run_check(capsys, "--series", str(seeds_dir / SEED_004))
    assert code == 0 and "[R1" not in out


# --------------------------------------------------------------------------------------------
# Unusable input and arguments
# --------------------------------------------------------------------------------------------


def test_unreadable_file_exit_2(capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    code, out, err = run_check(capsys, str(missing), str(seeds_dir / SEED_004))
    assert code == 2
    assert f"cannot read {missing}" in err and "Traceback" not in err
    assert "checked 1 file" in out and "1 file could not be read" in out
    code, _, err = run_check(capsys, str(tmp_path))  # a directory
    assert code == 2 and "cannot read" in err


@pytest.mark.parametrize("argv", [[], ["--format", "xml", "x.txt"], ["--bogus", "x.txt"], ["-", "-"]])
def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run_check(capsys, *argv)
    assert code == 2 and err and "Traceback" not in err


def test_binary_garbage_is_checked_not_crashed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    code, out, err = run_check(capsys, str(junk))
    assert code in (0, 1) and "Traceback" not in err
    assert out.splitlines()[-1].startswith("checked 1 file")


@pytest.mark.slow
def test_console_entry_point(seeds_dir: Path, tmp_path: Path) -> None:
    bad = changed_copy(seeds_dir / SEED_003, tmp_path / "bad.txt", "(七)总计 | 132 |", "(七)总计 | 133 |")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "govinfo_parse.cli", "check", str(bad)],
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert f"{bad}:" in proc.stdout and "error[A1]" in proc.stdout


# --------------------------------------------------------------------------------------------
# Grouping (constructed reports)
# --------------------------------------------------------------------------------------------


def test_diagnostics_grouped_by_table() -> None:
    table = with_cell(app_table(consistent_matrix()), "new", 0, 128)
    review = review_table([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])
    r = build_report(app=table, review=review, sections=(1, 2, 3, 4, 6),
                     paragraphs=["全年共收到政府信息公开申请200件。"])
    groups = {d.code: diagnostic_group(r, d) for d in validate(r)}
    assert groups["A1"] == groups["A3"] == "三、收到和处理政府信息公开申请情况"
    assert groups["A4"] == "四、政府信息公开行政复议、行政诉讼情况"
    assert groups["S108"] == GROUP_DOCUMENT
    assert groups["X101"] == GROUP_PROSE


def test_grouping_by_table_extent() -> None:
    # a parse-time diagnostic on a line inside the table, on no particular cell
    r = build_report()
    table = r.applications
    assert table is not None and table.span is not None
    s = table.span
    inside = Span(s.start + 1, s.start + 2, s.line, s.column + 1, s.line, s.column + 2)
    assert diagnostic_group(r, Diagnostic("P103", Severity.WARNING, "x", span=inside)) == \
        "三、收到和处理政府信息公开申请情况"
    assert diagnostic_group(r, Diagnostic("P001", Severity.ERROR, "x", span=None)) == GROUP_DOCUMENT


# --------------------------------------------------------------------------------------------
# --fail-on, trust checks, series by agency, output scaling (the installed console script)
# --------------------------------------------------------------------------------------------

CORPUS = REPO.parent / "shared" / "corpus"
HONGZE = CORPUS / "real" / "hongze-gov-2023.pdf.txt"


def console(*argv: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "govinfo-parse"
    if not script.exists():
        pytest.skip("the govinfo-parse console script is not installed in this environment")
    return subprocess.run([str(script), *argv], capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.slow
def test_fail_on_warning_fails_on_a4() -> None:
    """hongze's section 四 totals do not add up: A4 warnings, no error — exit 0 by default, 1 with
    --fail-on warning; the A2/A3/A4 severity stays what docs/diagnostics.md and spec §6 say."""
    default = console("check", str(HONGZE))
    assert default.returncode == 0, default.stdout + default.stderr
    assert "warning[A4]" in default.stdout and "error[" not in default.stdout
    strict = console("check", "--fail-on", "warning", str(HONGZE))
    assert strict.returncode == 1
    assert console("check", "--fail-on", "error", str(HONGZE)).returncode == 0


@pytest.mark.slow
def test_trust_errors_fail_check(tmp_path: Path, seeds_dir: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# A tool\n\nThis README explains how to install the software.\n", encoding="utf-8")
    p = console("check", str(readme))
    assert p.returncode == 1 and "error[T101]" in p.stdout
    # a 2021 report whose tables were lost (an image on the page): the vocabulary, no table
    lost = tmp_path / "lost-tables.txt"
    lost.write_text("某某局2021年政府信息公开工作年度报告\n一、总体情况\n2021年，我局认真贯彻《条例》。\n"
                    "二、主动公开政府信息情况\n第二十条第（一）项的情况见附图。\n"
                    "三、收到和处理政府信息公开申请情况\n详见附表。\n", encoding="utf-8")
    empty = console("check", str(lost))
    assert empty.returncode == 1 and "error[T102]" in empty.stdout and "no statistics table" in empty.stdout
    legacy = console("check", str(seeds_dir / "001_b1863d7a49c54e5a.txt"))
    assert "[T10" not in legacy.stdout and legacy.returncode == 0


def test_series_groups_by_agency(capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path) -> None:
    """Four seeds of four agencies: no carry-over or agency diagnostics between them."""
    files = [str(seeds_dir / n) for n in CONSISTENT]
    code, out, _ = run_check(capsys, "--series", "--format", "json", *files)
    doc = json.loads(out)
    assert not [s for s in doc["series"] if s["diagnostic"]["code"] in ("R104", "R105", "R106")]
    assert len(doc["series_groups"]) == 4
    # one agency printed two ways is one series: the chain is checked across them
    y22 = year_copy(seeds_dir, tmp_path, 2022)
    y23 = year_copy(seeds_dir, tmp_path, 2023)
    text = y23.read_text(encoding="utf-8")
    spaced = text.replace("天津市人力资源和社会保障局", "天津市 人力资源和社会保障局", 1)
    assert spaced != text
    y23.write_text(spaced, encoding="utf-8")
    others = [f for f in files if not f.endswith(SEED_004)]  # seed 004 is that agency's 2022 too (R102)
    code, out, _ = run_check(capsys, "--series", "--format", "json", str(y22), str(y23), *others)
    doc = json.loads(out)
    assert code == 0  # R104 is a warning
    assert {s["diagnostic"]["code"] for s in doc["series"]} == {"R104"}
    assert any(g["files"] == [str(y22), str(y23)] for g in doc["series_groups"])


def test_series_key_without_agency() -> None:
    from govinfo_parse.nodes import Metadata, Report, ReportFormat
    from govinfo_parse.validate import group_series, normalise_agency, series_key

    bare = Report(ReportFormat.F2021, Metadata(year=2021))
    assert series_key(bare, "x/nanjing-2021.txt") == series_key(bare, "x/nanjing-2022.txt") == "file:x/nanjing"
    assert series_key(bare, "y/nanjing-2021.txt") != series_key(bare, "x/nanjing-2021.txt")
    assert normalise_agency("平潭综合实验区（财政金融局）") == normalise_agency("平潭综合实验区 (财政金融局)")
    named = Report(ReportFormat.F2021, Metadata(agency="Ａ局", year=2021))
    assert group_series([named, bare, named], ["a.txt", "b-2021.txt", "c.txt"]) == [[0, 2], [1]]


def test_text_output_is_linear_in_diagnostics() -> None:
    """Grouping indexes each report's table spans once (the quadratic version recomputed them per
    diagnostic): the index is built once however many diagnostics are grouped."""
    from govinfo_parse.commands import check as check_cmd

    r = build_report()
    calls = 0
    real = check_cmd._table_spans

    def counting(t: object) -> set[Span]:
        nonlocal calls
        calls += 1
        return real(t)

    diags = [Diagnostic("P103", Severity.WARNING, "x", span=c.span) for row in r.applications.rows  # type: ignore[union-attr]
             for c in row.cells]
    import io
    check_cmd._table_spans = counting  # type: ignore[assignment]
    try:
        check_cmd._print_file(io.StringIO(), "r.txt", r, diags)
    finally:
        check_cmd._table_spans = real  # type: ignore[assignment]
    assert len(diags) > 100 and calls == len(r.tables())
