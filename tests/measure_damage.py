"""Count, per damage operator, how many generated cases decode exactly, are flagged, or are
silently wrong (the table in docs/testing.md).  Run: ``python tests/measure_damage.py [N]``."""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import DAMAGE_LAYOUTS, DAMAGE_OPERATORS, damaged
from test_damage import damage_reports, outcome


def measure(op: str | None, n: int) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()

    @settings(max_examples=n, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck), phases=("generate",))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        report = data.draw(damage_reports())
        layout = data.draw(st.sampled_from(DAMAGE_LAYOUTS))
        text = data.draw(damaged(report, layout, (op,) if op else None))
        got = outcome(report, text, layout)
        counts[got] += 1
        if got == "silent" and os.environ.get("DAMAGE_DUMP"):  # keep the text of a silent case
            path = Path(os.environ["DAMAGE_DUMP"]) / f"{op or 'combined'}-{counts[got]}-{layout}.txt"
            path.write_text(text, encoding="utf-8")
            from govinfo_parse import parse
            from govinfo_parse.render import render
            from strategies import table_values
            want = table_values(parse(render(report, layout), validate=False))
            path.with_suffix(".want").write_text(repr(want), encoding="utf-8")

    run()
    return counts


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print("| operator | cases | exact | flagged | silently wrong |")
    print("|---|---|---|---|---|")
    for op in (*DAMAGE_OPERATORS, None):
        c = measure(op, n)
        name = op or "combined (1–3 operators)"
        print(f"| {name} | {sum(c.values())} | {c['exact']} | {c['flagged']} | {c['silent']} |")
