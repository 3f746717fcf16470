"""Batch parsing: ``parse_many``/``map_reports`` (order, failures, bounded work, worker death) and
the ``govinfo-parse batch`` command (outputs, diagnostics file, summary, progress, Ctrl-C)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import govinfo_parse
from conftest import SEEDS
from govinfo_parse.batch import BatchResult, find_reports, map_reports, parse_many
from govinfo_parse.commands.batch import Progress, diagnostics_path
from govinfo_parse.nodes import Report
from govinfo_parse.records import record_values

SEED_NAMES = sorted(SEEDS)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "govinfo_parse.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300, cwd=cwd)


@pytest.fixture()
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    """A small tree: the seeds in two directories, a hidden file, a file of another suffix."""
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "b" / "deeper").mkdir(parents=True)
    for i, name in enumerate(SEED_NAMES):
        target = root / ("a" if i % 2 else "b/deeper") / name
        target.write_bytes((seeds_dir / name).read_bytes())
    (root / "a" / ".hidden.txt").write_text("一、总体情况\n", encoding="utf-8")
    (root / "a" / "notes.json").write_text("{}", encoding="utf-8")
    return root


# ------------------------------------------------------------------------------------------
# find_reports
# ------------------------------------------------------------------------------------------


def test_find_reports_walks_directories_in_sorted_order(corpus: Path, tmp_path: Path) -> None:
    found = list(find_reports([corpus]))
    assert [Path(p).name for p in found] == [SEED_NAMES[1], SEED_NAMES[3], SEED_NAMES[0], SEED_NAMES[2],
                                             SEED_NAMES[4]]
    assert all(Path(p).is_file() for p in found)
    # explicit files are taken whatever their suffix; missing paths are kept (they fail later)
    explicit = [str(corpus / "a" / "notes.json"), str(tmp_path / "missing.txt")]
    assert list(find_reports(explicit)) == explicit
    assert list(find_reports([corpus], suffixes=(".JSON",))) == [str(corpus / "a" / "notes.json")]


# ------------------------------------------------------------------------------------------
# parse_many / map_reports
# ------------------------------------------------------------------------------------------


def test_parse_many_in_process_matches_parse_file(seeds_dir: Path, tmp_path: Path) -> None:
    paths = [seeds_dir / n for n in SEED_NAMES] + [tmp_path / "missing.txt"]
    results = list(parse_many(paths, jobs=1))
    assert [r.path for r in results] == [os.fspath(p) for p in paths]
    for r, p in zip(results[:-1], paths[:-1], strict=True):
        assert r.ok and r.error is None and r.seconds > 0
        assert r.report == govinfo_parse.parse_file(p)
        assert isinstance(r.report, Report) and r.report.source.path == os.fspath(p)
    bad = results[-1]
    assert not bad.ok and bad.report is None
    assert bad.error is not None and bad.error.startswith("FileNotFoundError:") and "missing.txt" in bad.error


def _cells(report: Report) -> int:
    return len(govinfo_parse.to_records(report))


def _explode(report: Report) -> int:
    if report.source.path and "003_" in report.source.path:
        raise RuntimeError("this one is bad")
    return _cells(report)


def _die(report: Report) -> int:
    if report.source.path and "002_" in report.source.path:
        os._exit(3)  # a worker killed mid-file (out of memory, a crash in native code …)
    return _cells(report)


def test_pool_keeps_input_order_and_equals_in_process(seeds_dir: Path, tmp_path: Path) -> None:
    # files of very different sizes, repeated, so workers finish out of order
    paths = [seeds_dir / n for n in SEED_NAMES] * 3 + [tmp_path / "missing.txt"]
    here = list(parse_many(paths, jobs=1))
    pooled = list(parse_many(paths, jobs=2, chunksize=2, window=3))
    assert [r.path for r in pooled] == [os.fspath(p) for p in paths]
    assert [r.report for r in pooled] == [r.report for r in here]
    assert [r.error for r in pooled] == [r.error for r in here]
    # diagnostics survive the trip between processes (they are not part of report equality)
    assert [r.report.diagnostics for r in pooled if r.report] == [r.report.diagnostics for r in here if r.report]


def test_map_reports_failures_stay_with_their_file(seeds_dir: Path) -> None:
    paths = [seeds_dir / n for n in SEED_NAMES]
    out = list(map_reports(_explode, paths, jobs=2))
    assert [r.ok for r in out] == ["003_" not in p.name for p in paths]
    failed = next(r for r in out if not r.ok)
    assert failed.error == "RuntimeError: this one is bad"
    assert [r.value for r in out if r.ok] == [_cells(govinfo_parse.parse_file(p)) for p in paths
                                              if "003_" not in p.name]


def test_a_dead_worker_fails_only_its_file(seeds_dir: Path) -> None:
    paths = [seeds_dir / n for n in SEED_NAMES] * 2
    out = list(map_reports(_die, paths, jobs=2))
    assert [r.path for r in out] == [os.fspath(p) for p in paths]
    for r in out:
        if "002_" in r.path:
            assert not r.ok and r.error is not None and r.error.startswith("WorkerDied:")
        else:
            assert r.ok and r.value == _cells(govinfo_parse.parse_file(r.path))


def test_strict_parse_errors_are_failed_results(tmp_path: Path, seeds_dir: Path) -> None:
    # a 2019-format report cut before its section 四: the review table is missing (S101, an error)
    text = (seeds_dir / "000_0a0c8e52524dd181.txt").read_text(encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(text[: text.index("四、政府信息公开行政复议")], encoding="utf-8")
    lenient = next(parse_many([broken]))
    assert lenient.ok and lenient.report is not None
    assert "S101" in {d.code for d in lenient.report.diagnostics}
    for jobs in (1, 2):
        strict = next(parse_many([broken], strict=True, jobs=jobs))
        assert not strict.ok and strict.report is None
        assert strict.error is not None and strict.error.startswith("ParseError: [S101]")


def test_work_in_flight_is_bounded(seeds_dir: Path) -> None:
    """The input is read lazily: after the first result, at most window × chunksize paths (plus
    the one being asked for) have been taken from it — the memory bound does not grow with the
    corpus."""
    pulled = 0

    def paths() -> Iterator[Path]:
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield seeds_dir / SEED_NAMES[1]

    for jobs, window, chunk in ((1, None, 1), (2, 3, 2)):
        pulled = 0
        gen = parse_many(paths(), jobs=jobs, window=window, chunksize=chunk)
        first = next(gen)
        assert first.ok
        bound = 1 if jobs == 1 else (window or 0) * chunk + chunk
        assert pulled <= bound
        gen.close()  # stops the pool; the rest of the input is never read
        assert pulled <= bound


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="jobs"):
        list(parse_many(["x"], jobs=-1))
    with pytest.raises(ValueError, match="chunksize"):
        list(parse_many(["x"], chunksize=0))


def test_result_type() -> None:
    r: BatchResult[int] = BatchResult("p", 3)
    assert r.ok and r.report == 3 and r.value == 3
    assert not BatchResult("p", None, "OSError: x").ok


# ------------------------------------------------------------------------------------------
# the command
# ------------------------------------------------------------------------------------------


def _expected_records(paths: list[str]) -> list[dict[str, object]]:
    out = []
    for p in paths:
        for rec in govinfo_parse.to_records(govinfo_parse.parse_file(p)):
            out.append({"file": p, **record_values(rec)})
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_jsonl(corpus: Path, tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    p = cli("batch", str(corpus), "--out", str(out), "--jobs", jobs)
    assert p.returncode in (0, 1), p.stderr
    files = list(find_reports([corpus]))
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert recs == _expected_records(files)
    assert list(recs[0]) == ["file", "agency", "year", "format", "reader", "table", "item", "row", "column", "key",
                             "raw", "value", "unit", "state", "inferred", "note", "line", "indicator",
                             "diagnostics"]
    # the diagnostics file beside it: every diagnostic of every report, with its file
    diags = [json.loads(line) for line in diagnostics_path(out).read_text(encoding="utf-8").splitlines()]
    want = [(f, d.code, d.severity.value) for f in files for d in govinfo_parse.parse_file(f).diagnostics]
    assert [(d["file"], d["code"], d["severity"]) for d in diags] == want
    errors = sum(1 for d in diags if d["severity"] == "error")
    assert p.returncode == (1 if errors else 0)
    # the summary (not a TTY: no progress bar)
    assert "\r" not in p.stderr
    summary = p.stderr.strip().splitlines()[-1]
    # every input is counted, the skipped notes.json too (the hidden file is left out silently)
    assert f"{len(files) + 1} files, {len(recs)} cells, {errors} error{'' if errors == 1 else 's'}," in summary
    assert "0 failures" in summary and " s (" in summary and "skipped_kind 1" in summary


def test_batch_csv_and_failures(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    missing = tmp_path / "missing.txt"
    p = cli("batch", str(corpus / "a"), str(missing), "--out", str(out), "--jobs", "1")
    assert p.returncode == 2, p.stderr  # a file could not be parsed
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    files = list(find_reports([corpus / "a"]))
    expected = _expected_records(files)
    assert len(rows) == len(expected)
    for row, rec in zip(rows, expected, strict=True):
        assert row["file"] == rec["file"] and row["row"] == rec["row"] and row["raw"] == rec["raw"]
        assert row["value"] == ("" if rec["value"] is None else row["value"])
        if rec["value"] is not None:
            assert float(row["value"]) == rec["value"]
    amounts = [r for r in rows if r["raw"].endswith("万元")]
    assert all(r["value"] and "e" not in r["value"] for r in amounts)
    diags = [json.loads(line) for line in diagnostics_path(out).read_text(encoding="utf-8").splitlines()]
    failures = [d for d in diags if d["severity"] == "failure"]
    assert [d["file"] for d in failures] == [str(missing)]
    assert failures[0]["message"].startswith("FileNotFoundError:")
    assert "1 failure in" in p.stderr


def test_batch_parquet(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'export' extra)")
    out = tmp_path / "records.parquet"
    p = cli("batch", str(corpus), "--out", str(out), "-j", "2", "--quiet")
    assert p.returncode in (0, 1), p.stderr
    assert p.stderr == ""
    assert not Path(str(out) + ".parts").exists()
    table = pq.read_table(out)
    files = list(find_reports([corpus]))
    expected = _expected_records(files)
    assert table.num_rows == len(expected)
    assert table.column_names == [c for c in expected[0] if c != "diagnostics"]  # the tabular files: no list column
    got = table.to_pylist()
    assert [(g["file"], g["row"], g["column"], g["raw"], g["value"]) for g in got] == [
        (e["file"], e["row"], e["column"], e["raw"], e["value"]) for e in expected]


def test_batch_argument_errors(corpus: Path, tmp_path: Path) -> None:
    p = cli("batch", str(corpus), "--out", str(tmp_path / "x.xlsx"))
    assert p.returncode == 2 and "cannot tell the output format" in p.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    p = cli("batch", str(empty), "--out", str(tmp_path / "x.jsonl"))
    assert p.returncode == 2 and "no report files found" in p.stderr
    p = cli("batch", str(corpus), "--out", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert p.returncode == 2 and "cannot write" in p.stderr
    assert "Traceback" not in p.stderr


def test_progress_line() -> None:
    import io

    prog = Progress(io.StringIO(), total=200)
    line = prog.line(50, 2, prog.start + 10)
    assert "50/200 files" in line and "25.0%" in line and "5.0 files/s" in line
    assert "ETA 0:00:30" in line and "2 failed" in line
    assert "[######" in line
    unknown = Progress(io.StringIO(), total=None).line(7, 0, time.monotonic())
    assert "7 files" in unknown and "files/s" in unknown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_progress_bar_on_a_terminal(corpus: Path, tmp_path: Path) -> None:
    import pty

    out = tmp_path / "r.jsonl"
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execv(sys.executable, [sys.executable, "-m", "govinfo_parse.cli", "batch", str(corpus),
                                  "--out", str(out), "-j", "1"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    screen = b"".join(chunks).decode("utf-8", "replace")
    # six inputs: the five seeds and notes.json (skipped, and counted)
    assert "\r" in screen and "files/s" in screen and "ETA" in screen and "/6 files" in screen
    assert "6 files," in screen  # the summary


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_ctrl_c_keeps_the_output_valid(seeds_dir: Path, tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'export' extra)")
    # one file in six has diagnostics, so the diagnostics file grows as the run goes on
    text = (seeds_dir / "000_0a0c8e52524dd181.txt").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("四、政府信息公开行政复议")], encoding="utf-8")
    sources = [seeds_dir / n for n in SEED_NAMES] + [cut]
    many = tmp_path / "many"
    many.mkdir()
    for i in range(3000):  # far more than can be parsed before the signal arrives
        (many / f"{i:05d}.txt").symlink_to(sources[i % len(sources)])
    out = tmp_path / f"out{suffix}"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "govinfo_parse.cli", "batch", str(many), "--out", str(out),
                             "-j", "2"], stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    diag = diagnostics_path(out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # wait for some output, not for a time
        if diag.exists() and diag.stat().st_size > 0:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    written = int(err.split("interrupted: ")[1].split(" file")[0])
    assert 0 < written < 3000
    if suffix == ".jsonl":
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        files = {r["file"] for r in recs}
    elif suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as f:
            recs = list(csv.DictReader(f))
        files = {r["file"] for r in recs}
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        files = set(table.column("file").to_pylist())
        recs = table.to_pylist()
    # every file in the summary is complete in the output, and nothing else is there
    per_file = [_cells(govinfo_parse.parse_file(p)) for p in sources]
    assert len(files) == sum(1 for i in range(written) if per_file[i % len(sources)])
    assert len(recs) == sum(per_file[i % len(sources)] for i in range(written))
    for line in diag.read_text(encoding="utf-8").splitlines():
        json.loads(line)
