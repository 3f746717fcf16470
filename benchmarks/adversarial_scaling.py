"""Scaling of the adversarial input families (issue 19): 10× the input must take ≤ 11× the time.

    python benchmarks/adversarial_scaling.py [--rounds 5] [--family NAME] [--scale 1] [--calls]

For each family an input of size n and one of size 10·n are parsed (lenient ``parse``, or
``parse_bytes`` with an ``.html`` name for the HTML families).  The time is the process's CPU
time (``time.process_time``: other processes on a shared machine do not count), with the
garbage collector run before and off during each call, the best of ``--rounds`` runs,
interleaved.  Where 10n takes more than 11× n, the next decade decides: 100n is timed too, and
the family passes when the 10n → 100n ratio is ≤ 11 (a superlinear cost grows at every decade;
noise and a constant start-up cost do not).  ``--scale`` multiplies every n.

``--calls`` prints a deterministic measure instead: the function calls a parse makes (cProfile)
at n, 10n and 100n, whose ratios are exactly 10 for a linear algorithm, whatever the machine
does.  (Work inside one C call, a slice or a ``join``, is not counted: the CPU time is.)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from collections.abc import Callable

import govinfo_parse

SEC3 = "三、收到和处理政府信息公开申请情况\n"
APP_ROW = "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"


def _text(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def sized(n: int) -> Callable[[], object]:
        s = make(n)
        return lambda: govinfo_parse.parse(s)

    return sized


def _html(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def sized(n: int) -> Callable[[], object]:
        b = make(n).encode("utf-8")
        return lambda: govinfo_parse.parse_bytes(b, filename="r.html")

    return sized


FAMILIES: dict[str, tuple[int, Callable[[int], Callable[[], object]]]] = {
    # name: (n, input of size n)
    "long table (pipe rows)": (1000, _text(lambda n: SEC3 + APP_ROW * n)),
    "long table (one cell per line)": (500, _text(lambda n: SEC3 + APP_ROW.replace(" | ", "\n").replace(" |", "") * n)),
    "long table (HTML rows)": (500, _html(lambda n: "<html><body><p>" + SEC3 + "</p><table>"
                                                + ("<tr><td>（一）予以公开</td>" + "<td>1</td>" * 7 + "</tr>") * n
                                                + "</table></body></html>")),
    "wide table (one row, many cells)": (2000, _text(lambda n: SEC3 + "（一）予以公开 | " + "1 | " * n + "\n")),
    "many diagnostics (bad values)": (500, _text(lambda n: SEC3 + "（一）予以公开 | 1件 | x | 0 |\n" * n)),
    "many sections": (500, _text(lambda n: "一、总体情况\n本年新收申请4件。\n" * n)),
    "deep HTML (nested div)": (1000, _html(lambda n: "<html><body>" + "<div>" * n + "一、总体情况" + "</div>" * n)),
    "deep HTML (nested table)": (1000, _html(lambda n: "<html><body>" + "<table><tr><td>" * n + "一、总体情况"
                                                   + "</td></tr></table>" * n)),
    "huge line (CJK)": (100000, _text(lambda n: "一、总体情况" + "政府信息" * (n // 4))),
    "huge line (digits beside a table)": (20000, _text(lambda n: SEC3 + APP_ROW + "1" * n)),
    "huge line (pipes)": (10000, _text(lambda n: "|" * n)),
    "blank lines": (20000, _text(lambda n: "\n" * n)),
    "tab-only lines": (1000, _text(lambda n: "\t\n" * n)),
    "row label then tab-only lines": (1000, _text(lambda n: SEC3 + "（一）予以公开\n" + "\t\n" * n)),
}


def best(fn: Callable[[], object], rounds: int) -> float:
    """The least CPU time of ``rounds`` calls of ``fn``, each after a collection, with the
    collector off (a collection that falls into one call and not another is noise)."""
    times = []
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            fn()
            times.append(time.process_time() - t)
        finally:
            gc.enable()
    return min(times)


def calls(fn: Callable[[], object]) -> int:
    """The function calls one call of ``fn`` makes (cProfile's count: deterministic)."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    return int(pstats.Stats(prof).total_calls)  # type: ignore[attr-defined]


def timed(n: int, make: Callable[[int], Callable[[], object]], rounds: int) -> tuple[list[float], float]:
    """Times at n and 10n (and 100n when the first ratio is over 11) and the deciding ratio."""
    small, large = make(n), make(10 * n)
    t1s, t10s = [], []
    for _ in range(rounds):  # interleaved, so a busy spell slows both alike
        t1s.append(best(small, 1))
        t10s.append(best(large, 1))
    times = [min(t1s), min(t10s)]
    ratio = times[1] / times[0] if times[0] else float("inf")
    if ratio > 11:
        times.append(best(make(100 * n), max(2, rounds // 2)))
        ratio = times[2] / times[1] if times[1] else float("inf")
    return times, ratio


def main(argv: list[str] | None = None) -> int:
    """Print the table of the families' times and ratios (or call counts); exit 1 if a family
    is superlinear."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--family", action="append")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--calls", action="store_true")
    args = ap.parse_args(argv)
    govinfo_parse.parse("一、总体情况")  # build the parser
    if args.calls:
        print("| family | n | calls(n) | calls(10n) | calls(100n) | ratios |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print("| family | n | t(n) s | t(10n) s | t(100n) s | ratio |")
        print("|---|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name, (n, make) in FAMILIES.items():
        if args.family and not any(f in name for f in args.family):
            continue
        n *= args.scale
        if args.calls:
            counts = []
            for k in (1, 10, 100):
                fn = make(k * n)
                fn()  # warm
                counts.append(calls(fn))
            ratios = [counts[i + 1] / counts[i] for i in range(2)]
            worst = max(worst, ratios[1])  # the asymptotic decade decides (see the docstring)
            print(f"| {name} | {n:,} | " + " | ".join(f"{c:,}" for c in counts)
                  + f" | {ratios[0]:.2f}, {ratios[1]:.2f} |", flush=True)
            continue
        times, ratio = timed(n, make, args.rounds)
        worst = max(worst, ratio)
        t100 = f"{times[2]:.3f}" if len(times) > 2 else "—"
        print(f"| {name} | {n:,} | {times[0]:.3f} | {times[1]:.3f} | {t100} | {ratio:.1f} |", flush=True)
    print(f"\nworst ratio {worst:.1f} (linear: ≤ 11)")
    return 0 if worst <= 11 else 1


if __name__ == "__main__":
    sys.exit(main())
