"""How each report in a folder fills its tables: numbers, blanks, placeholders and undecided cells
(digits a flattened scrape prints that could not be split), counted with
a ``Visitor`` (no knowledge of where the tables sit in the tree).

    python docs/examples/cell_states.py FOLDER

A blank is not a zero: reports that leave most cells empty (and those that write "/" or "—")
show up here, which matters before summing anything.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from govinfo_parse import parse_file
from govinfo_parse.nodes import Cell, CellState, Row
from govinfo_parse.visit import Visitor

SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


class CellStates(Visitor):
    """Counts cells by state, and rows the parser could not place."""

    def __init__(self) -> None:
        self.states: Counter[CellState] = Counter()
        self.unplaced_rows = 0

    def visit_Row(self, row: Row) -> None:
        self.unplaced_rows += row.key is None

    def visit_Cell(self, cell: Cell) -> bool:
        self.states[cell.state] += 1
        return False  # nothing below a cell worth visiting


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    args = p.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    print("file\t" + "\t".join(s.value for s in CellState) + "\tunplaced_rows")
    for path in sorted(args.folder.iterdir()):
        if not (path.is_file() and path.suffix.lower() in SUFFIXES):
            continue
        v = CellStates()
        v.visit(parse_file(path))
        counts = "\t".join(str(v.states[s]) for s in CellState)
        print(f"{path.name}\t{counts}\t{v.unplaced_rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
