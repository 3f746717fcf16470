"""The downstream examples in docs/examples run as scripts on the corpus seeds, and say what
the library says when asked directly."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ast_samples import REPO, corpus_dir, parse_file_or_skip
from govinfo_parse import query
from govinfo_parse.nodes import Cell, CellState, Report
from govinfo_parse.visit import find_all

EXAMPLES = REPO / "docs" / "examples"
SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}

pytestmark = pytest.mark.slow


def run_example(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def seed_reports() -> tuple[Path, dict[str, Report]]:
    seeds = corpus_dir() / "seeds"
    parse_file = parse_file_or_skip()
    files = sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    assert files, f"no seeds in {seeds}"
    return seeds, {p.name: parse_file(p) for p in files}


def text(v: object) -> str:
    return "" if v is None else str(v)


def test_request_outcomes_table() -> None:
    seeds, reports = seed_reports()
    run = run_example("request_outcomes.py", str(seeds))
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [r["file"] for r in rows] == sorted(reports)
    for row in rows:
        report = reports[row["file"]]
        totals = query.totals(report)
        assert row["format"] == report.format.value
        assert row["year"] == text(report.metadata.year)
        assert row["received"] == text(totals.received and totals.received.value)
        assert row["answered"] == text(totals.answered and totals.answered.value)
        assert row["carried_forward"] == text(totals.carried_forward and totals.carried_forward.value)
        # the outcome groups add up to （七）总计 exactly when the report's own arithmetic does
        column = query.column(report, "总计")
        if totals.answered is None:
            assert all(row[k] == "" for k in ("granted", "withheld", "unavailable", "not_processed"))
            continue
        results = [c.number for key, c in column.items()
                   if key not in ("new", "carried_over", "total", "carried_forward")]
        outcomes = ["granted", "partly_granted", "withheld", "unavailable", "not_processed", "other"]
        assert sum(int(row[k] or 0) for k in outcomes) == sum(results)


def test_request_outcomes_as_text_lines_up() -> None:
    seeds, reports = seed_reports()
    run = run_example("request_outcomes.py", str(seeds), "--format", "text")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1 + len(reports)
    assert lines[0].split()[:4] == ["file", "agency", "year", "format"]


def test_prose_vs_table_lists_the_x_diagnostics() -> None:
    seeds, reports = seed_reports()
    run = run_example("prose_vs_table.py", str(seeds))
    flagged = {name: [d for d in r.diagnostics if d.code.startswith("X")] for name, r in reports.items()}
    flagged = {k: v for k, v in flagged.items() if v}
    assert run.returncode == (1 if flagged else 0), run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == f"{len(flagged)} of {len(reports)} reports have prose that disagrees with their tables"
    body = lines[:-1]
    assert len(body) == sum(len(v) for v in flagged.values())
    for name, found in flagged.items():
        mine = [line for line in body if line.startswith(name)]
        assert [line.split(": ")[1].split()[0] for line in mine] == [d.code for d in found]


def test_prose_vs_table_finds_a_report_whose_prose_was_changed(tmp_path: Path) -> None:
    """Seed 004 says "全年共受理政府信息公开申请212件" and its table agrees; a copy saying 215 must
    be the one report listed (the copy is made in a temporary folder, never in the repository)."""
    seeds = corpus_dir() / "seeds"
    parse_file_or_skip()
    seed = next(seeds.glob("004_*.txt"))
    source = seed.read_text(encoding="utf-8")
    sentence = "全年共受理政府信息公开申请212件"
    assert source.count(sentence) == 1
    (tmp_path / "a_published.txt").write_text(source, encoding="utf-8")
    (tmp_path / "b_edited.txt").write_text(source.replace(sentence, "全年共受理政府信息公开申请215件"),
                                           encoding="utf-8")
    run = run_example("prose_vs_table.py", str(tmp_path))
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == "1 of 2 reports have prose that disagrees with their tables"
    assert len(lines) == 2 and lines[0].startswith("b_edited.txt:")
    assert " X101 warning: " in lines[0] and "215" in lines[0] and "(table 212, prose 215)" in lines[0]


def test_cell_states_count_every_cell() -> None:
    seeds, reports = seed_reports()
    run = run_example("cell_states.py", str(seeds))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "file\tnumber\tblank\tplaceholder\tundecided\tunplaced_rows"
    for line in lines[1:]:
        name, number, blank, placeholder, undecided, unplaced = line.split("\t")
        cells: list[Cell] = find_all(reports[name], Cell)
        assert int(number) == sum(c.state is CellState.NUMBER for c in cells)
        assert int(blank) == sum(c.state is CellState.BLANK for c in cells)
        assert int(placeholder) == sum(c.state is CellState.PLACEHOLDER for c in cells)
        assert int(undecided) == sum(c.state is CellState.UNDECIDED for c in cells)
        assert int(unplaced) >= 0
    assert len(lines) == 1 + len(reports)


@pytest.mark.parametrize("name", ["request_outcomes.py", "prose_vs_table.py", "cell_states.py"])
def test_examples_refuse_a_missing_folder(tmp_path: Path, name: str) -> None:
    parse_file_or_skip()  # the scripts import the parser at start-up
    run = run_example(name, str(tmp_path / "nowhere"))
    assert run.returncode == 2
    assert "not a folder" in run.stderr and "Traceback" not in run.stderr
