"""Scaling of the adversarial input families (issue 19): 10× the input must take ≤ 11× the time.

    python benchmarks/adversarial_scaling.py [--rounds 3] [--family NAME] [--scale 1]

For each family an input of size n and one of size 10·n are parsed (lenient ``parse``, or
``parse_bytes`` with an ``.html`` name for the HTML families), each the best of ``--rounds``
runs, interleaved, so a busy machine slows both alike; the ratio is what counts, not the times.
``--scale`` multiplies every n (``--scale 10`` checks the next decade).
"""

from __future__ import annotations

import argparse
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
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--family", action="append")
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args(argv)
    govinfo_parse.parse("一、总体情况")  # build the parser
    print("| family | n | t(n) s | t(10n) s | ratio |")
    print("|---|---:|---:|---:|---:|")
    worst = 0.0
    for name, (n, make) in FAMILIES.items():
        if args.family and not any(f in name for f in args.family):
            continue
        n *= args.scale
        small, large = make(n), make(10 * n)
        t1 = t10 = 0.0
        t1s, t10s = [], []
        for _ in range(args.rounds):  # interleaved
            t1s.append(best(small, 1))
            t10s.append(best(large, 1))
        t1, t10 = min(t1s), min(t10s)
        ratio = t10 / t1 if t1 else float("inf")
        worst = max(worst, ratio)
        print(f"| {name} | {n:,} | {t1:.3f} | {t10:.3f} | {ratio:.1f} |", flush=True)
    print(f"\nworst ratio {worst:.1f} (linear: ≤ 11)")
    return 0 if worst <= 11 else 1


if __name__ == "__main__":
    sys.exit(main())
