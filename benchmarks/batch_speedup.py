"""Batch speed-up and memory: 1 job against 2 on a generated corpus of ≥ 2,000 files.

    python benchmarks/batch_speedup.py [--files 2400] [--repeat 2] [--dir DIR] [--json FILE]

Generates the corpus with ``gencorpus.py`` (rendered reports in varied layouts, a few bad
files), then runs, alternating 1 job and 2 jobs so that both see the same machine load:

* ``cli``: ``govinfo-parse batch DIR --out records.jsonl --jobs N --quiet`` in a fresh process
  (parse, validate, records and diagnostics written) — the end-to-end figure;
* ``api``: a fresh process iterating ``parse_many(paths, jobs=N)`` (whole reports sent back from
  the workers) and counting cells;
* ``ceiling``: one process (``jobs=1``) on all files against two such processes on half the
  files each, started together — the best two cores can do at the moment, with no pool.

While each run goes, the resident memory (RSS) and the CPU time of its whole process tree (the
command and its workers) are sampled every 0.1 s.  On a shared machine the wall-clock speed-up
says more about the other load than about the batch, so two more figures are printed: the
``ceiling`` mode (two independent processes on half the files each, no pool) shows what 2 cores
give right now, and the CPU estimate (:func:`cpu_speedup`) what two free cores would give.
Memory: "flat" means the RSS of the last quarter of the run is no
higher than that of the first quarter (after start-up) by more than a few MB, whatever the
number of files.  Linux only (reads ``/proc``).  Quote the ratio, not the times: the machine
may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gencorpus import write_corpus  # noqa: E402
from ratios import machine  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

API_SCRIPT = """
import sys
from govinfo_parse.batch import parse_many
from govinfo_parse import to_records
if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        paths = f.read().splitlines()
    n = cells = failed = 0
    for r in parse_many(paths, jobs=int(sys.argv[2])):
        n += 1
        if r.ok:
            cells += len(to_records(r.report))
        else:
            failed += 1
    print(n, cells, failed)
"""


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def tree_rss(pids: Sequence[int], cpu: dict[int, float]) -> tuple[int, int]:
    """(bytes of RSS of ``pids`` and all their descendants, number of processes); records the
    CPU seconds (user + system) seen so far for each process in ``cpu``."""
    kids = _children()
    todo, total, count = list(pids), 0, 0
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu[p] = max(cpu.get(p, 0.0), (int(fields[11]) + int(fields[12])) / TICKS)
            count += 1
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(kids.get(p, []))
    return total, count


def idle_fraction(seconds: float = 2.0) -> float:
    """Fraction of all CPUs' time spent idle over the next ``seconds`` (from /proc/stat)."""
    def read() -> tuple[int, int]:
        with open("/proc/stat") as f:
            vals = [int(x) for x in f.readline().split()[1:]]
        return vals[3] + vals[4], sum(vals)  # idle + iowait, total

    i0, t0 = read()
    time.sleep(seconds)
    i1, t1 = read()
    return (i1 - i0) / max(1, t1 - t0)


def wait_for_idle(threshold: float, max_wait: float) -> float:
    """Wait (up to ``max_wait`` seconds) until the machine is at least ``threshold`` idle;
    returns the idle fraction last seen."""
    deadline = time.monotonic() + max_wait
    idle = idle_fraction()
    while idle < threshold and time.monotonic() < deadline:
        idle = idle_fraction()
    return idle


def run_sampled(*argvs: list[str]) -> dict[str, Any]:
    """Run the commands at the same time; wall time until all are done, memory and CPU sampled."""
    t0 = time.perf_counter()
    procs = [subprocess.Popen(a, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in argvs]
    samples: list[tuple[float, int, int]] = []
    cpu: dict[int, float] = {}
    while any(p.poll() is None for p in procs):
        rss, n = tree_rss([p.pid for p in procs if p.poll() is None], cpu)
        samples.append((time.perf_counter() - t0, rss, n))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    outs = [p.communicate() for p in procs]
    out, err = "\n".join(o for o, _ in outs), "\n".join(e for _, e in outs)
    for p, a in zip(procs, argvs, strict=True):
        if p.returncode not in (0, 1, 2):
            raise RuntimeError(f"{a} exited {p.returncode}: {err}")
    rss = [s[1] for s in samples if s[1] > 0]
    q = max(1, len(rss) // 4)
    return {
        "seconds": seconds, "stdout": out.strip(), "stderr": err.strip()[-300:],
        "peak_rss": max(rss) if rss else 0,
        "first_quarter_max": max(rss[q : 2 * q]) if len(rss) >= 4 else None,
        "last_quarter_max": max(rss[-q:]) if rss else None,
        "processes": max((s[2] for s in samples), default=0),
        "cpu_seconds": sum(cpu.values()),
        "cpu_by_process": sorted(cpu.values(), reverse=True),
        "samples": len(samples),
    }


def cpu_speedup(one: dict[str, Any], two: dict[str, Any]) -> float:
    """The speed-up two free cores would give, from CPU time alone (robust to other load).

    The work is CPU-bound, so with a core to itself a process finishes in its CPU time: the
    1-job run takes its CPU seconds; the 2-job run at least its busiest process's CPU seconds,
    and at least half the CPU seconds of all its processes (parent, workers, forkserver)."""
    t1 = one["cpu_seconds"]
    t2 = max(max(two["cpu_by_process"], default=0.0), two["cpu_seconds"] / 2)
    return t1 / t2 if t2 else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Batch speed-up (1 vs 2 jobs) and memory on a generated corpus.")
    ap.add_argument("--files", type=int, default=2400)
    ap.add_argument("--repeat", type=int, default=2, help="runs per (mode, jobs) (default 2)")
    ap.add_argument("--dir", help="use (or create) the corpus here instead of a temporary directory")
    ap.add_argument("--modes", default="ceiling,cli,api",
                    help="ceiling: two independent processes on half the corpus each (the best 2 cores "
                    "can do under the current load); cli: the batch command; api: parse_many")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="FRACTION",
                    help="before each run, wait until the CPUs are at least this idle (e.g. 0.9) — on a "
                    "shared machine; the idle fraction seen is recorded with the run")
    ap.add_argument("--max-wait", type=float, default=600.0, metavar="SECONDS")
    args = ap.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("this script reads /proc: Linux only", file=sys.stderr)
        return 2
    tmp = tempfile.TemporaryDirectory(prefix="govinfo-batch-")
    root = Path(args.dir) if args.dir else Path(tmp.name) / "corpus"
    if not root.exists() or not any(root.rglob("*.txt")):
        t = time.perf_counter()
        paths = write_corpus(root, args.files, seed=0)
        print(f"generated {len(paths)} files in {time.perf_counter() - t:.1f} s under {root}", file=sys.stderr)
    n_files = sum(1 for p in root.rglob("*") if p.is_file() or p.is_symlink())
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    before = machine()
    out = Path(tmp.name) / "records.jsonl"
    exe = [sys.executable, "-m", "govinfo_parse.cli"]
    from govinfo_parse.batch import find_reports

    paths = list(find_reports([root]))
    lists = {}
    for name, part in (("all", paths), ("even", paths[0::2]), ("odd", paths[1::2])):
        lists[name] = Path(tmp.name) / f"{name}.lst"
        lists[name].write_text("\n".join(part) + "\n", encoding="utf-8")
    results: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for mode in args.modes.split(","):
        results[mode] = {1: [], 2: []}
        for rep in range(args.repeat):
            for jobs in (1, 2):
                idle = wait_for_idle(args.wait_idle, args.max_wait) if args.wait_idle else None
                if mode == "cli":
                    r = run_sampled([*exe, "batch", str(root), "--out", str(out), "--jobs", str(jobs), "--quiet"])
                    r["records_bytes"] = out.stat().st_size
                elif mode == "api":
                    r = run_sampled([sys.executable, "-c", API_SCRIPT, str(lists["all"]), str(jobs)])
                else:  # ceiling: two independent processes on half the files each, no pool at all
                    halves = [[sys.executable, "-c", API_SCRIPT, str(lists[h]), "1"] for h in ("even", "odd")]
                    r = run_sampled(*halves) if jobs == 2 else run_sampled(
                        [sys.executable, "-c", API_SCRIPT, str(lists["all"]), "1"])
                r["idle_before"] = idle
                results[mode][jobs].append(r)
                print(f"{mode} jobs={jobs} run {rep + 1}: {r['seconds']:.1f} s, {r['cpu_seconds']:.1f} CPU s, "
                      f"idle before {idle if idle is None else round(idle, 2)}, "
                      f"peak RSS {r['peak_rss'] / 2**20:.0f} MiB over {r['processes']} processes", file=sys.stderr)
    after = machine()
    print(f"machine: {before['cpu']}, {before['cores']} cores, shared with other work; Python {before['python']}; "
          f"govinfo_parse at {before['commit']}")
    print(f"load average (1 min) {before['load'][0]:.2f} before, {after['load'][0]:.2f} after")
    print(f"corpus: {n_files} files, {size / 1e6:.1f} MB (generated by gencorpus.py)")
    print()
    print("| mode | 1 job | 2 jobs | speed-up (wall clock) | CPU s 1 job → 2 jobs | speed-up on free cores "
          "(CPU estimate) | files/s (2 jobs) | peak RSS 1 job | peak RSS 2 jobs "
          "| RSS 2nd quarter → last quarter (2 jobs) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mode, by_jobs in results.items():
        one = min(by_jobs[1], key=lambda r: r["seconds"])
        two = min(by_jobs[2], key=lambda r: r["seconds"])
        mb = 2**20
        flat = (f"{two['first_quarter_max'] / mb:.0f} → {two['last_quarter_max'] / mb:.0f} MiB"
                if two["first_quarter_max"] else "—")
        speedup = one["seconds"] / two["seconds"]
        print(f"| {mode} | {one['seconds']:.1f} s | {two['seconds']:.1f} s | **{speedup:.2f}×** "
              f"| {one['cpu_seconds']:.0f} → {two['cpu_seconds']:.0f} | {cpu_speedup(one, two):.2f}× "
              f"| {n_files / two['seconds']:.0f} | {one['peak_rss'] / mb:.0f} MiB | {two['peak_rss'] / mb:.0f} MiB "
              f"| {flat} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": before, "machine_after": after, "files": n_files,
                                               "results": results}, indent=2, default=str), encoding="utf-8")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
