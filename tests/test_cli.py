"""The installed console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS


def cli() -> list[str]:
    exe = shutil.which("govinfo-parse", path=str(Path(sys.executable).parent)) or shutil.which("govinfo-parse")
    if exe is None:
        pytest.fail("the govinfo-parse console script is not installed (pip install -e .)")
    return [exe]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*cli(), *args], input=stdin.decode("utf-8") if stdin else None,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_summary_of_each_seed(seeds_dir: Path, name: str) -> None:
    p = run("parse", str(seeds_dir / name), "--format", "summary")
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    fmt, year = SEEDS[name]
    assert (s["format"], s["year"]) == (fmt, year)
    assert set(s) == {"format", "year", "agency", "title", "published", "sections", "cells", "diagnostics"}
    if fmt != "legacy":
        assert s["sections"][0] == "一、总体情况" and len(s["sections"]) == 6


def test_json_output_loads_back(seeds_dir: Path) -> None:
    import govinfo_parse

    p = run("parse", str(seeds_dir / "004_e66a2b34805dc888.txt"), "--format", "json")
    assert p.returncode == 0, p.stderr
    report = govinfo_parse.loads(p.stdout)
    assert report == govinfo_parse.parse_file(seeds_dir / "004_e66a2b34805dc888.txt")


def test_records_are_json_lines(seeds_dir: Path) -> None:
    p = run("parse", str(seeds_dir / "000_0a0c8e52524dd181.txt"), "--format", "records")
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(recs) == 198
    amount = next(r for r in recs if r["column"] == "采购总金额")
    assert amount["raw"] == "6716.7630万元" and amount["unit"] == "万元" and amount["value"] == 6716.763


def test_reads_standard_input(seeds_dir: Path) -> None:
    data = (seeds_dir / "003_b7caf00a3cd44191.txt").read_bytes()
    p = run("parse", "-", "--format", "summary", stdin=data)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["year"] == 2019


def test_missing_file_is_a_clear_error_without_traceback() -> None:
    p = run("parse", "/no/such/report.txt")
    assert p.returncode == 2
    assert "cannot read /no/such/report.txt" in p.stderr
    assert "Traceback" not in p.stderr


def test_strict_failure_is_compiler_style(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("三、收到和处理政府信息公开申请情况\n申请人情况\n说明\n", encoding="utf-8")
    p = run("parse", str(f), "--strict")
    assert p.returncode == 2
    assert p.stderr.startswith(f"{f}:2:1: error[P002]")
    assert "Traceback" not in p.stderr


def test_bad_arguments_exit_2() -> None:
    p = run("parse")
    assert p.returncode == 2
    assert "usage" in p.stderr
