"""``govinfo-parse check``'s text output against the number of diagnostics.

One seed concatenated 1×, 25× and 100× (and 200× on demand) is parsed once; what is timed is
printing its diagnostics grouped by table (``commands.check._print_file``), the step that used to
be quadratic (every diagnostic recomputed every table's spans: 4 s at 25×, 41 s at 100×, 158 s at
200×).  Linear means time per diagnostic stays flat: quote the ratio of the per-diagnostic times
(100× against 25× ≈ 1), never the times.  ``python benchmarks/bench_check_scaling.py`` prints the
ratios; no test asserts a time.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from ratios import SCALE_SEED

from conftest import SHARED, pedantic
from govinfo_parse import parse
from govinfo_parse.commands.check import _print_file
from govinfo_parse.nodes import Report


def _report(times: int) -> Report:
    text = "\n".join([(SHARED / "corpus" / "seeds" / SCALE_SEED).read_text(encoding="utf-8")] * times)
    return parse(text)


def _print(report: Report) -> int:
    out = io.StringIO()
    _print_file(out, "r.txt", report, report.diagnostics)
    return len(out.getvalue())


@pytest.mark.parametrize("times", [1, 25, 100])
def test_check_output_scaling(benchmark: Any, corpus: Path, times: int, quick: bool) -> None:
    if quick and times == 100:
        pytest.skip("the 100× input is timed only on demand")
    report = _report(times)
    assert len(report.diagnostics) >= times - 1  # the seed itself is consistent
    assert pedantic(benchmark, _print, report, rounds=max(3, 50 // times), quick=quick) >= 0


def main() -> int:
    """Print the time per diagnostic at each size and its ratio to the 25× one."""
    rows = []
    for times in (1, 25, 100, 200):
        report = _report(times)
        best = min(_timed(report) for _ in range(3))
        rows.append((times, len(report.diagnostics), best))
    base = next(t / n for k, n, t in rows if k == 25)
    for times, n, t in rows:
        if not n:
            print(f"{times:>4}×  no diagnostics")
            continue
        print(f"{times:>4}×  {n:>6} diagnostics  per diagnostic {t / n * 1e6:8.1f} µs  "
              f"ratio to 25× {t / n / base:5.2f}")
    return 0


def _timed(report: Report) -> float:
    start = time.perf_counter()
    _print(report)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
