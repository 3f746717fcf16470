"""Data at corpus scale, from the user's side: the installed ``govinfo-parse`` script on trees built
from the shipped sample report (no corpus needed) — report identity in every record, the
manifest and its statuses, the wide table, skipped inputs counted, interruption (Ctrl-C twice,
SIGKILL of the group or of the parent alone), ``--resume``, FIFOs, and the main-module guard of
``parse_many``.  Every subprocess runs with a timeout and its process group is killed at the end."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import govinfo_parse
from govinfo_parse.data import sample_path
from govinfo_parse.export import MANIFEST_COLUMNS, MANIFEST_DTYPES, WIDE_KEYS
from govinfo_parse.status import Status, status_of

REPO = Path(__file__).resolve().parents[1]
SAMPLE = sample_path()


def exe() -> str:
    found = shutil.which("govinfo-parse", path=str(Path(sys.executable).parent)) or shutil.which("govinfo-parse")
    if found is None:
        pytest.fail("the govinfo-parse console script is not installed (pip install -e .)")
    return found


ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe(), *args], capture_output=True, text=True, encoding="utf-8", env=ENV,
                          timeout=timeout, cwd=cwd)


@contextlib.contextmanager
def started(*args: str, cwd: Path | None = None) -> Iterator[subprocess.Popen[str]]:
    """The script in a process group of its own, killed (the whole group) on the way out."""
    proc = subprocess.Popen([exe(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=ENV, cwd=cwd, start_new_session=True)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)


def children(pid: int) -> set[int]:
    """The live descendants of ``pid`` (Linux /proc)."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for k in map(int, kids):
            out.add(k)
            todo.append(k)
    return out


def alive(pids: set[int]) -> set[int]:
    live = set()
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            live.add(p)
    return live


def wait_until(cond: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def manifest(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def lines_of(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """Every kind of input batch meets in a corpus folder."""
    root = tmp_path / "corpus"
    (root / "2021").mkdir(parents=True)
    (root / "odd").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (root / "2021" / "a.txt").write_text(text, encoding="utf-8")
    html = govinfo_parse.render(govinfo_parse.parse(text), layout="html")
    (root / "2021" / "b.shtml").write_text(html, encoding="utf-8")
    (root / "2021" / "c").write_text(text, encoding="utf-8")  # no suffix: read, and it is a report
    (root / "README.md").write_text("# 语料说明\n\n这些是抓取的年度报告。\n", encoding="utf-8")
    (root / "odd" / "notes.json").write_text("{}", encoding="utf-8")
    (root / "odd" / "empty.txt").write_bytes(b"")
    (root / "odd" / "blank.txt").write_text("  \n\u3000\n", encoding="utf-8")
    (root / "odd" / "binary").write_bytes(bytes(range(256)) * 64)
    (root / "odd" / "bad.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (root / "odd" / "hello.txt").write_text("Hello.\n\nThis folder holds scraped pages.\n", encoding="utf-8")
    title = text.split("\n", 1)[0]
    no_tables = title + "\n\n一、总体情况\n\n本年度工作平稳。\n\n五、存在的主要问题及改进情况\n\n无。\n"
    (root / "odd" / "no-tables.txt").write_text(no_tables, encoding="utf-8")
    legacy = "示例县2017年政府信息公开工作年度报告\n\n2017年，本县依法公开政府信息，全年受理申请12件。\n"
    (root / "odd" / "legacy.txt").write_text(legacy, encoding="utf-8")
    os.mkfifo(root / "odd" / "pipe.txt")
    (root / ".hidden.txt").write_text(text, encoding="utf-8")  # hidden: left out silently
    return root


EXPECTED = {
    "2021/a.txt": "ok", "2021/b.shtml": "ok", "2021/c": "ok", "README.md": "skipped_kind",
    "odd/bad.pdf": "unreadable", "odd/binary": "unreadable", "odd/blank.txt": "empty", "odd/empty.txt": "empty",
    "odd/hello.txt": "not_a_report", "odd/legacy.txt": "legacy_not_decoded", "odd/no-tables.txt": "no_tables",
    "odd/notes.json": "skipped_kind", "odd/pipe.txt": "skipped_kind",
}


def test_every_input_has_a_manifest_row_with_its_status(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    missing = tmp_path / "missing.txt"
    p = run("batch", str(mixed), str(missing), "--out", str(out), "--jobs", "1")
    assert p.returncode == 2, p.stderr  # unreadable files
    assert "Traceback" not in p.stderr
    rows = manifest(out.parent / "records.manifest.csv")
    assert list(rows[0]) == list(MANIFEST_COLUMNS)
    got = {str(Path(r["path"]).relative_to(mixed)) if r["path"] != str(missing) else "missing": r["status"]
           for r in rows}
    assert got == {**EXPECTED, "missing": "unreadable"}
    # in input order: the walk's sorted order, then the named path
    assert [r["path"] for r in rows][-1] == str(missing)
    by = {Path(r["path"]).name: r for r in rows}
    assert by["a.txt"]["agency"] == "示例市数据资源局" and by["a.txt"]["year"] == "2021"
    assert by["a.txt"]["format"] == "2021" and by["a.txt"]["reader"] == "text" and by["a.txt"]["cells"] == "200"
    assert by["b.shtml"]["reader"] == "html"
    assert "FIFO" in by["pipe.txt"]["message"] and "FileNotFoundError" in by["missing.txt"]["message"]
    assert all(float(r["seconds"]) >= 0 for r in rows)
    # the summary counts every status, the skipped inputs too
    summary = p.stderr.strip().splitlines()[-1]
    assert f"{len(rows)} files, 601 cells" in summary  # 600 table cells + the legacy prose figure
    for status in set(EXPECTED.values()):
        n = sum(1 for r in rows if r["status"] == status)
        assert f"{status} {n}" in summary
    # every record carries its report's identity and ASCII key
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 601
    assert [(r["table"], r["indicator"], r["value"]) for r in recs if r["format"] == "legacy"] == [
        ("legacy-prose", "application.total", 12)]  # odd/legacy.txt: 全年受理申请12件
    recs = [r for r in recs if r["format"] != "legacy"]
    assert {r["file"] for r in recs} == {str(mixed / "2021" / n) for n in ("a.txt", "b.shtml", "c")}
    assert all(r["agency"] == "示例市数据资源局" and r["year"] == 2021 and r["format"] == "2021" for r in recs)
    assert {r["reader"] for r in recs} == {"text", "html"}
    keyed = {r["key"]: r["value"] for r in recs if r["file"].endswith("a.txt")}
    assert keyed["applications/new/natural_person"] == 78 and keyed["applications/new/total"] == 94


def test_the_manifest_loads_in_pandas_in_one_line(mixed: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (the 'export' extra)")
    out = tmp_path / "records.csv"
    run("batch", str(mixed), "--out", str(out), "-j", "1", "-q")
    df = pd.read_csv(tmp_path / "records.manifest.csv", dtype=MANIFEST_DTYPES)
    assert list(df.columns) == list(MANIFEST_COLUMNS) and len(df) == len(EXPECTED)
    assert all(str(df[c].dtype).startswith("string") for c, t in MANIFEST_DTYPES.items() if t == "string")
    assert str(df["year"].dtype) == "Int64" and str(df["cells"].dtype) == "int64"
    assert str(df["seconds"].dtype) == "float64"
    assert df.loc[df.status == "ok", "cells"].sum() == 600
    # and the dtypes are the ones docs/records.md states
    doc = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `(\w+)` \| `([\w]+)` \|", doc.split("## The batch manifest")[1].split("##")[0],
                             re.MULTILINE))
    assert stated == MANIFEST_DTYPES


def test_the_wide_table_has_one_row_per_report(mixed: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (the 'export' extra)")
    out = tmp_path / "records.jsonl"
    for name in ("wide.csv", "wide.parquet"):
        if name.endswith(".parquet"):
            pytest.importorskip("pyarrow", reason="pyarrow is not installed (the 'export' extra)")
        p = run("batch", str(mixed), "--out", str(out), "-j", "1", "--wide", str(tmp_path / name), "-q")
        assert p.returncode == 2, p.stderr
        df = pd.read_csv(tmp_path / name) if name.endswith(".csv") else pd.read_parquet(tmp_path / name)
        assert len(df) == 4  # the reports with cells (the legacy one: its prose figure); the manifest has every input
        assert list(df.columns[:6]) == ["file", "agency", "year", "format", "reader", "cells"]
        assert list(df.columns[6:]) == list(WIDE_KEYS)
        assert all(re.fullmatch(r"[a-z0-9_./]+", k) for k in WIDE_KEYS)
        row = df.iloc[0]
        assert row["applications/new/total"] == 94 and row["reviews/review.total"] == 3
        assert row["agency"] == "示例市数据资源局" and row["year"] == 2021 and row["cells"] == 200
        assert pd.isna(row["proactive/item6/coercion/decisions_this_year"])  # a blank cell, not 0
        assert pd.isna(row["proactive/item1/rules/new_made"])  # a 2019-format column
    doc = (REPO / "docs" / "records.md").read_text(encoding="utf-8")
    assert "## The wide table" in doc


def _tree(tmp_path: Path, n: int) -> Path:
    many = tmp_path / "many"
    many.mkdir()
    for i in range(n):
        (many / f"{i:05d}.txt").symlink_to(SAMPLE)
    (many / "README.md").write_text("not a report\n", encoding="utf-8")
    return many


def _records(out: Path) -> list[tuple[str, str | None, object]]:
    if out.suffix == ".jsonl":
        recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    elif out.suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as f:
            recs = list(csv.DictReader(f))
    else:
        import pyarrow.parquet as pq

        recs = pq.read_table(out).to_pylist()
    return [(r["file"], r["key"], str(r["value"])) for r in recs]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_sigkill_of_the_group_then_resume_finishes_the_run(tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'export' extra)")
    many = _tree(tmp_path, 120)
    out = tmp_path / f"out{suffix}"
    man = tmp_path / "out.manifest.csv"
    with started("batch", str(many), "--out", str(out), "-j", "2", "-q") as proc:
        if suffix == ".jsonl":  # kill once some files are done
            assert wait_until(lambda: lines_of(man) >= 3 or proc.poll() is not None, 120)
        else:  # its rows stay buffered until a part of 65,536 rows is full: kill in the middle
            assert wait_until(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 60)
            time.sleep(1.0)
        kids = children(proc.pid)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert wait_until(lambda: not alive(kids), 10), "workers outlived the group"
    # what is on disk is valid: a prefix of complete rows, a manifest of complete rows
    done = manifest(man)
    if suffix == ".jsonl":
        # every complete line is a record; the kernel may cut the write it was in the middle of
        # when SIGKILL came (a write of several pages), leaving a last line without its newline,
        # which --resume cuts off below
        *lines, _partial = out.read_bytes().split(b"\n")
        for line in lines:
            json.loads(line)
    else:  # killed outright, a Parquet run leaves complete parts only (and no older file to mistake)
        import pyarrow.parquet as pq

        parts = sorted(Path(str(out) + ".parts").glob("part-*.parquet"))
        rows = sum(pq.read_table(f).num_rows for f in parts)
        if out.exists():  # it had finished
            rows = pq.read_table(out).num_rows
        assert rows == 200 * sum(1 for r in done if r["status"] == "ok")
    p = run("batch", str(many), "--out", str(out), "-j", "2", "--resume")
    assert p.returncode == 0, p.stderr
    if done:
        assert f"{len(done)} of them from the earlier run" in p.stderr
    ref = tmp_path / f"ref{suffix}"
    q = run("batch", str(many), "--out", str(ref), "-j", "2", "-q")
    assert q.returncode == 0, q.stderr
    assert _records(out) == _records(ref)
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(man)]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(tmp_path / "ref.manifest.csv")]
    assert len(strip) == 121 and strip[-1]["status"] == "skipped_kind"  # README.md sorts after the digits
    assert not Path(str(out) + ".parts").exists()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
def test_killing_the_parent_alone_takes_the_workers_with_it(tmp_path: Path) -> None:
    many = _tree(tmp_path, 200)
    out = tmp_path / "out.csv"
    with started("batch", str(many), "--out", str(out), "-j", "2", "-q") as proc:
        assert wait_until(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 60)
        kids = children(proc.pid)
        assert kids
        os.kill(proc.pid, signal.SIGKILL)  # the parent only
        proc.wait(timeout=30)
        assert wait_until(lambda: not alive(kids), 10), f"orphaned workers: {alive(kids)}"
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "file" and all(len(r) == len(rows[0]) for r in rows)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
@pytest.mark.parametrize("attempt", range(3))
def test_two_ctrl_c_close_the_run_at_once(tmp_path: Path, attempt: int) -> None:
    pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'export' extra)")
    import pyarrow.parquet as pq

    many = _tree(tmp_path, 400)
    out = tmp_path / "out.parquet"
    man = tmp_path / "out.manifest.csv"
    with started("batch", str(many), "--out", str(out), "-j", "2") as proc:
        assert wait_until(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 60)
        time.sleep(0.2 * attempt)
        kids = children(proc.pid)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)  # a hang fails here
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "interrupted" in err
    assert wait_until(lambda: not alive(kids), 10), f"orphaned workers: {alive(kids)}"
    table = pq.read_table(out)  # closed properly: footer and all
    done = manifest(man)
    assert table.num_rows == 200 * sum(1 for r in done if r["status"] == "ok")
    assert "--resume" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_blocks_a_worker(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code = textwrap.dedent(f"""
        from govinfo_parse.batch import parse_many
        if __name__ == "__main__":
            rs = list(parse_many([{str(fifo)!r}, {str(SAMPLE)!r}] * 3, jobs=2))
            print([r.error.split(":")[0] if r.error else "ok" for r in rs])
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=ENV)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == str(["SkippedKind", "ok"] * 3)


def _script(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=ENV,
                          cwd=tmp_path)


def test_parse_many_without_a_main_guard(tmp_path: Path) -> None:
    # single-threaded on Linux: fork, which needs no guard
    p = _script(tmp_path, f"""
        from govinfo_parse.batch import parse_many
        print(sum(r.ok for r in parse_many([{str(SAMPLE)!r}] * 4, jobs=2)))
    """)
    if sys.platform.startswith("linux"):
        assert p.returncode == 0 and p.stdout.strip() == "4", p.stderr
        assert "Traceback" not in p.stderr
    # a start method that re-imports the script: one clear error, before any worker starts
    p = _script(tmp_path, f"""
        from govinfo_parse.batch import parse_many
        print(sum(r.ok for r in parse_many([{str(SAMPLE)!r}] * 4, jobs=2, start_method="spawn")))
    """)
    assert p.returncode == 1
    assert p.stderr.count("Traceback") == 1, p.stderr
    assert "WorkerStartError" in p.stderr and "if __name__ == \"__main__\":" in p.stderr
    assert "WorkerDied" not in p.stderr
    # with the guard, spawn works
    p = _script(tmp_path, f"""
        from govinfo_parse.batch import parse_many
        if __name__ == "__main__":
            print(sum(r.ok for r in parse_many([{str(SAMPLE)!r}] * 4, jobs=2, start_method="spawn")))
    """)
    assert p.returncode == 0 and p.stdout.strip() == "4", p.stderr


# ------------------------------------------------------------------------------------------
# the shipped sample and the README's quick start
# ------------------------------------------------------------------------------------------


def test_the_sample_ships_and_reads_cleanly(tmp_path: Path) -> None:
    report = govinfo_parse.parse_file(SAMPLE)
    assert status_of(report, str(SAMPLE)) is Status.OK
    assert not report.errors and len(govinfo_parse.to_records(report)) == 200
    p = run("parse", "--sample", "--format", "summary", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["agency"] == "示例市数据资源局"
    # made by tools/make_sample.py (rendered from a constructed report), and up to date with it
    if (REPO / "tools" / "make_sample.py").exists():
        q = subprocess.run([sys.executable, str(REPO / "tools" / "make_sample.py"), "--check"], capture_output=True,
                           text=True, timeout=120, env=ENV)
        assert q.returncode == 0, q.stderr


def test_the_readme_quick_start_runs_without_the_corpus(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start")[1].split("\n## ")[0]
    commands = [ln.strip() for ln in quick.splitlines() if ln.startswith("    ")]
    assert len(commands) == 2, commands
    first, second = commands
    assert "../shared" not in quick and "[dev]" not in first and ".[html,pdf,export]" in first
    assert "pytest" in second
    # the part of the first command after the install, run with this environment's script
    job = first.split("&&")[-1].strip()
    assert job.startswith(".venv/bin/govinfo-parse ")
    args = job.split()[1:]
    p = run(*args, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "1 file, 200 cells, 0 errors" in p.stderr
