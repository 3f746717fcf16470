"""The damage property (issue 14): tables broken as PDF converters, OCR and scrapers break them.

A report is drawn from the AST side (or read from the corpus), rendered in a pipe layout, and
damaged by the operators of :func:`strategies.damaged`.  The property: the cells come back equal
to the report's, or the parse says that something was recovered or lost (a parser diagnostic,
``P…``); never a wrong value without a diagnostic.  ``tests/measure_damage.py`` counts, per
operator, how many cases are decoded exactly, flagged, or silently wrong (docs/testing.md).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse import Report
from govinfo_parse.nodes import Severity
from strategies import DAMAGE_LAYOUTS, DAMAGE_OPERATORS, damaged, reports, table_values


def outcome(report: Report, text: str, layout: str) -> str:
    """``exact`` (same cells), ``flagged`` (different, with a parser warning) or ``silent``.

    The cells expected are those of the undamaged rendering read back: for a generated report
    they are the report's own (the render round trip), for a corpus report what the reader
    makes of its re-rendering, so that only the damage is measured."""
    from govinfo_parse.render import render

    expected = table_values(govinfo_parse.parse(render(report, layout), validate=False))
    back = govinfo_parse.parse(text, validate=False)
    if table_values(back) == expected:
        return "exact"
    if any(d.code.startswith("P") and d.severity is not Severity.INFO for d in back.diagnostics):
        return "flagged"
    return "silent"


@lru_cache(maxsize=1)
def corpus_reports() -> tuple[Report, ...]:
    """The corpus reports that have an application table, as parsed (their cells are the
    expectation: the corpus tests keep them exact)."""
    from conftest import SHARED

    files = sorted((SHARED / "corpus" / "seeds").glob("*.txt")) + sorted((SHARED / "corpus" / "real").glob("*.txt"))
    out = []
    for p in files:
        r = govinfo_parse.parse_file(Path(p))
        if r.applications is not None and r.applications.rows:
            out.append(r)
    return tuple(out)


def damage_reports() -> st.SearchStrategy[Report]:
    """Generated reports of both formats, and the corpus reports."""
    gen = reports(("2019", "2021")).filter(lambda r: r.applications is not None)
    corpus = corpus_reports()
    return st.one_of(gen, st.sampled_from(corpus)) if corpus else gen


@pytest.mark.parametrize("op", DAMAGE_OPERATORS)
@given(data=st.data())
def test_damage_gives_the_same_cells_or_a_diagnostic(op: str, data: st.DataObject) -> None:
    report = data.draw(damage_reports(), label="report")
    layout = data.draw(st.sampled_from(DAMAGE_LAYOUTS), label="layout")
    text = data.draw(damaged(report, layout, (op,)), label="damaged text")
    note(text)
    assert outcome(report, text, layout) != "silent"


@given(data=st.data())
def test_combined_damage_gives_the_same_cells_or_a_diagnostic(data: st.DataObject) -> None:
    report = data.draw(damage_reports(), label="report")
    layout = data.draw(st.sampled_from(DAMAGE_LAYOUTS), label="layout")
    text = data.draw(damaged(report, layout), label="damaged text")
    note(text)
    assert outcome(report, text, layout) != "silent"


def test_every_module_of_the_package_is_imported_before_the_properties_draw() -> None:
    """Hypothesis draws constants harvested from the project's imported modules: with the whole
    package imported up front (tests/conftest.py) a derandomized property draws the same examples
    alone and in the full suite (issue 14: drop_label failed only in the suite's order)."""
    import pkgutil
    import sys

    missing = [m.name for m in pkgutil.walk_packages(govinfo_parse.__path__, "govinfo_parse.")
               if m.name not in sys.modules]
    assert not missing
