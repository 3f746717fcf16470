"""The flattened scrapes of the corpus (issue 14): every official cell each file prints comes out.

``flattened_wild.json`` holds, per file of ``../shared/corpus/wild/`` (and the flattened real
report), the format, the number of official cells, the identities that fail after decoding and
the warning/error diagnostics of the reader and the structure, each with the verdict reached by
reading the source (``SOURCE``: the report itself is inconsistent or incomplete).  The test
checks that the parser still reaches exactly those results, that no report of 2019 or later is
read as legacy, and that every cell is either read as printed, or undecided under an error, or
inferred under its F109 diagnostic.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import govinfo_parse
from conftest import require_shared
from govinfo_parse.nodes import Cell, CellState, Diagnostic, Report, Severity

VERDICTS = json.loads((Path(__file__).with_name("flattened_wild.json")).read_text(encoding="utf-8"))["files"]
UNDECIDED_CODES = {"F105", "F107", "F108"}


def _cells(report: Report) -> list[Cell]:
    out: list[Cell] = []
    for t in report.tables():
        if hasattr(t, "items"):
            out += [c for it in t.items for r in it.rows for c in r.cells]
        elif hasattr(t, "rows"):
            out += [c for r in t.rows for c in r.cells]
        else:
            out += list(t.cells)
    return out


def _covered(cell: Cell, diags: list[Diagnostic], codes: set[str], severity: Severity) -> bool:
    sp = cell.span
    assert sp is not None
    return any(d.code in codes and d.severity is severity and any(
        s is not None and s.start <= sp.start and sp.end <= s.end for s in (d.span, *d.related)) for d in diags)


@pytest.mark.parametrize("case", VERDICTS, ids=[v["file"] for v in VERDICTS])
def test_flattened_corpus_file(case: dict[str, Any]) -> None:
    path = require_shared() / "corpus" / case["file"]
    report = govinfo_parse.parse_file(path)
    year = report.metadata.year
    assert year is not None and year >= 2019
    assert report.format.value == case["format"] != "legacy"
    assert report.format.value == ("2019" if year < 2021 else "2021")
    cells = _cells(report)
    assert len(cells) == case["cells"]
    diags = list(report.diagnostics)
    assert sorted({d.code for d in diags if re.fullmatch("A[1-4]", d.code)}) == case["failing"], case["verdict"]
    assert sorted({d.code for d in diags if d.code[0] in "FS" and d.severity is not Severity.INFO}) == \
        case["diagnostics"], case["verdict"]
    for c in cells:
        if c.state is CellState.UNDECIDED:
            assert c.value is None and _covered(c, diags, UNDECIDED_CODES, Severity.ERROR)
        elif c.inferred:
            assert c.state is CellState.NUMBER and _covered(c, diags, {"F109"}, Severity.WARNING)
        else:
            assert c.state in (CellState.NUMBER, CellState.PLACEHOLDER)


def test_every_flattened_corpus_file_has_a_verdict() -> None:
    shared = require_shared()
    files = {f"wild/{p.name}" for p in (shared / "corpus" / "wild").glob("*.txt")}
    assert files <= {v["file"] for v in VERDICTS}


def test_undecided_share_of_section_two() -> None:
    """The share of section 二 cells left undecided on the corpus (stated in docs/flattened.md)."""
    shared = require_shared()
    total = undecided = inferred = 0
    for v in VERDICTS:
        report = govinfo_parse.parse_file(shared / "corpus" / v["file"])
        assert report.proactive is not None
        cells = [c for it in report.proactive.items for r in it.rows for c in r.cells]
        total += len(cells)
        undecided += sum(c.state is CellState.UNDECIDED for c in cells)
        inferred += sum(c.inferred for c in cells)
    assert (total, undecided, inferred) == (292, 25, 24)
