"""The request outcomes of every report in a folder, as a table.

    python docs/examples/request_outcomes.py FOLDER [--format csv|text]

One line per report file: agency, year, format, then the 总计 column of section 三 -- applications
received, carried over, how they ended (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理,
each group summed over its rows), （七）总计 and carried forward.  A report without an application
table (a legacy report) gets empty cells; so does a group whose cells are all blank.  Uses only
the public API: ``parse_file``, ``govinfo_parse.query`` and ``govinfo_parse.formats.labels``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from govinfo_parse import parse_file, query
from govinfo_parse.formats.labels import APPLICATION_ROWS
from govinfo_parse.nodes import Cell, Report

SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}

# How each result row of either format is grouped: （三）/（四）/（五） and, in 2021, （六） are merged
# labels over several rows; the other result rows stand alone.  Read from the label table.
OUTCOMES: dict[str, str] = {}
for spec in APPLICATION_ROWS:
    if spec.group is not None and spec.key != "total":
        OUTCOMES.setdefault(spec.key if spec.group == "results" else spec.group, spec.key)

COLUMNS = ["file", "agency", "year", "format", "received", "carried_over", *OUTCOMES, "answered",
           "carried_forward"]


def width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def outcome(column: dict[str, Cell], name: str) -> int | Decimal | None:
    """The sum of the rows that make up one outcome; None if none of them holds a number."""
    cells = [c for key, c in column.items() if key == name or key.startswith(name + ".")]
    values = [c.value for c in cells if c.value is not None]
    return sum(values) if values else None


def record(path: Path, report: Report) -> dict[str, object]:
    totals = query.totals(report)
    column = query.column(report, "总计")  # section 三's 总计 column: row key -> Cell

    def value(c: Cell | None) -> object:
        return None if c is None else c.value

    row: dict[str, object] = {
        "file": path.name,
        "agency": report.metadata.agency,
        "year": report.metadata.year,
        "format": report.format.value,
        "received": value(totals.received),
        "carried_over": value(totals.carried_over),
        "answered": value(totals.answered),
        "carried_forward": value(totals.carried_forward),
    }
    for name in OUTCOMES:
        row[name] = outcome(column, name)
    return row


def reports(folder: Path) -> Iterator[tuple[Path, Report]]:
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path, parse_file(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--format", choices=("csv", "text"), default="csv")
    args = p.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    rows = [record(path, report) for path, report in reports(args.folder)]
    cells = [["" if r[c] is None else str(r[c]) for c in COLUMNS] for r in rows]
    if args.format == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(cells)
    else:
        widths = [max(width(c), *(width(r[i]) for r in cells)) for i, c in enumerate(COLUMNS)]
        for line in [COLUMNS, *cells]:
            print("  ".join(v + " " * (w - width(v)) for v, w in zip(line, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
