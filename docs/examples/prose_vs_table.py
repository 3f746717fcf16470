"""Find every report whose prose disagrees with its table.

    python docs/examples/prose_vs_table.py FOLDER

The narrative of a report often repeats figures of its tables ("全年共受理政府信息公开申请212件").
``parse`` checks them and records each figure that disagrees with its table cell as a
diagnostic whose code starts with "X" (X101 applications received, X103 answered, …).  This
script lists those diagnostics per report, with the place in the file, and a summary line.
Exit status 0 when no report disagrees, 1 when some do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govinfo_parse import parse_file
from govinfo_parse.nodes import Diagnostic, Report

SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}
PROSE_VS_TABLE = "X"
"""Code prefix of the prose-against-table checks (see docs/diagnostics.md)."""


def disagreements(report: Report) -> list[Diagnostic]:
    return [d for d in report.diagnostics if d.code.startswith(PROSE_VS_TABLE)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path)
    args = p.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    files = [f for f in sorted(args.folder.iterdir()) if f.is_file() and f.suffix.lower() in SUFFIXES]
    flagged = 0
    for path in files:
        found = disagreements(parse_file(path))
        if not found:
            continue
        flagged += 1
        for d in found:
            where = f"{path.name}:{d.span}" if d.span is not None else path.name
            figures = ""
            if d.expected is not None or d.actual is not None:
                figures = f" (table {d.expected}, prose {d.actual})"
            print(f"{where}: {d.code} {d.severity.value}: {d.message}{figures}")
    print(f"{flagged} of {len(files)} reports have prose that disagrees with their tables")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
