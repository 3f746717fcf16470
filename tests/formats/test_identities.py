"""The identities A1–A4 as data (govinfo_parse.formats.identities): the equations each format
has, the cells they take part in, the evaluator, and agreement with validation on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo_parse
from govinfo_parse.formats import identities as ids
from govinfo_parse.formats.labels import APPLICATION_COLUMNS, REVIEW_COLUMNS
from govinfo_parse.nodes import CellRef, Value

SEED_003 = "003_b7caf00a3cd44191.txt"


def test_equations_per_format() -> None:
    e19, e21 = ids.equations("2019"), ids.equations("2021")
    count = {code: sum(e.code == code for e in e19) for code in ("A1", "A2", "A3", "A4")}
    assert count == {"A1": 7, "A2": 7, "A3": 23, "A4": 3}
    assert sum(e.code == "A3" for e in e21) == 25
    a2_19 = next(e for e in e19 if e.code == "A2")
    a2_21 = next(e for e in e21 if e.code == "A2")
    assert CellRef("applications", "other", "natural_person") in a2_19.left
    assert {c.row for c in a2_21.left} >= {"other.no_correction", "other.unpaid_fee", "other.other"}
    assert "other" not in {c.row for c in a2_21.left}


def test_a1_a3_a4_cells() -> None:
    a1 = ids.a1("natural_person")
    assert [c.key for c in a1.left] == ["applications/new/natural_person", "applications/carried_over/natural_person"]
    assert [c.key for c in a1.right] == ["applications/total/natural_person",
                                         "applications/carried_forward/natural_person"]
    a3 = ids.a3("granted")
    assert a3.right == (CellRef("applications", "granted", "total"),) and len(a3.left) == 6
    a4 = ids.a4("review")
    assert [c.key for c in a4.cells] == [f"reviews/review.{k}" for k in
                                         ("upheld", "corrected", "other", "pending", "total")]
    touching = ids.touching(CellRef("applications", "new", "total"), ids.equations("2021"))
    assert {(e.code, e.along) for e in touching} == {("A1", "total"), ("A3", "new")}


def test_evaluator() -> None:
    eq = ids.a1("natural_person")
    values = dict(zip(eq.cells, (127, 10, 132, 5), strict=True))  # seed 003, spec §6's worked example
    assert eq.evaluate(values) == (137, 137) and eq.holds(values)
    assert not eq.holds({**values, eq.cells[0]: 128})
    assert eq.evaluate(lambda c: values.get(c)) == (137, 137)
    missing = dict(list(values.items())[:3])
    assert eq.evaluate(missing) is None
    with pytest.raises(KeyError, match="carried_forward"):
        eq.holds(missing)


def test_every_equation_holds_on_a_consistent_seed(seeds_dir: Path) -> None:
    report = govinfo_parse.parse_file(seeds_dir / SEED_003)
    values: dict[CellRef, Value] = {}
    app, rev = report.applications, report.reviews
    assert app is not None and rev is not None
    for row in app.rows:
        for col, c in zip(APPLICATION_COLUMNS, row.cells, strict=False):
            values[CellRef("applications", row.key, col.key)] = c.number
    for col, c in zip(REVIEW_COLUMNS, rev.cells, strict=True):
        values[CellRef("reviews", "", col.key)] = c.number
    eqs = ids.equations("2019", rows=[r.key for r in app.rows if r.key])
    assert all(e.holds(values) for e in eqs)
    assert not any(d.code.startswith("A") for d in report.diagnostics)



def test_reading_diagnostics_name_the_cells_their_span_covers(shared_dir: Path) -> None:
    """The flattened reader's F105 (an ambiguous split) names the three cells it left undecided,
    by their keys, like validation's diagnostics do."""
    import govinfo_parse

    report = govinfo_parse.parse_file(shared_dir / "corpus" / "real" / "pingtan-gov-2025.txt")
    f105 = next(d for d in report.diagnostics if d.code == "F105")
    assert [c.key for c in f105.cells] == [f"proactive/item1.normative_documents/{k}"
                                           for k in ("issued", "repealed", "in_force")]
    assert all(d.cells for d in report.diagnostics if d.code in ("F102", "F103"))
