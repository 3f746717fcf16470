"""Regenerate the golden files of the seed reports.

    python tests/golden/make_golden.py

For each seed in ../shared/corpus/seeds/ it writes, next to this script:

- ``seeds/<name>.json``: the whole AST (``govinfo_parse.dumps``, positions included);
- ``seeds/<name>.cells.tsv``: every value cell, one per line (table, item, row, column, raw,
  value, unit, state, line) — the file a reviewer reads against the source.

Review the diff by hand before committing: the golden files are the expectations.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
COLUMNS = ("table", "item", "row", "column", "raw", "value", "unit", "state", "line")


def cells_tsv(report: object) -> str:
    import govinfo_parse

    lines = ["\t".join(COLUMNS)]
    for rec in govinfo_parse.to_records(report):  # type: ignore[arg-type]
        lines.append("\t".join("" if rec[c] is None else str(rec[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def golden_json(report: object) -> str:
    import govinfo_parse

    data = govinfo_parse.to_dict(report)  # type: ignore[arg-type]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def parse_seed(path: Path) -> object:
    import govinfo_parse

    return govinfo_parse.parse_bytes(path.read_bytes(), filename=path.name)


def main() -> int:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        print(f"no corpus at {seeds}", file=sys.stderr)
        return 2
    out = HERE / "seeds"
    out.mkdir(exist_ok=True)
    for p in sorted(seeds.glob("*.txt")):
        r = parse_seed(p)
        (out / f"{p.stem}.json").write_text(golden_json(r), encoding="utf-8")
        (out / f"{p.stem}.cells.tsv").write_text(cells_tsv(r), encoding="utf-8")
        print("wrote", p.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
