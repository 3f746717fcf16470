"""Validation of a parsed report: the format's arithmetic and structure (spec §6).

:func:`validate` checks one report, :func:`validate_series` checks the reports of one agency
in consecutive years against each other.  Both are pure functions over the AST in
:mod:`govinfo_parse.nodes`: they never change a value (the report is the user's evidence) and
never raise, whatever the report holds — a missing table, a row with too few or too many
cells, a row whose label could not be placed.  Every diagnostic carries a stable code, listed
with an example in ``docs/diagnostics.md``:

- ``A1``–``A4`` the arithmetic the format states or implies (§6), evaluated from the equations
  of :mod:`govinfo_parse.formats.identities`;
- ``T1xx`` trust: a text that is no report, a 2019+ report with no table read;
- ``S1xx`` shape: tables, rows, cells, sections, format against year;
- ``V1xx`` values: blanks, placeholders, negative counts, units;
- ``X1xx`` the prose against the tables;
- ``D1xx`` suggestions where a split or joined number would explain a failed sum;
- ``R1xx`` across the reports of a series;
- ``I001`` a check that failed internally (reported, never raised).

One module per check family; :data:`RULES` lists the checks of one report in the order they
run (and so the order of their diagnostics).  Where a diagnostic involves cells, ``span`` is the
cell most likely at fault (where a failing row meets a failing column, else the printed total),
``related`` the other cells involved and ``cells`` every cell involved by its keys.  For a sum,
``expected`` is what the parts add up to and ``actual`` what is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..nodes import Diagnostic, Report
from ._common import internal
from .applications import check_applications
from .document import check_document
from .legacy import check_legacy
from .proactive import check_proactive
from .prose import check_prose
from .reviews import check_reviews
from .series import group_series, normalise_agency, series, series_by_agency, series_key
from .trust import check_trust

__all__ = [
    "RULES",
    "Rule",
    "group_series",
    "normalise_agency",
    "series_key",
    "validate",
    "validate_series",
    "validate_series_by_agency",
    "validate_series_indexed",
]

Rule = Callable[[Report], Iterable[Diagnostic]]
"""A check of one report: a pure function from the report to its diagnostics."""

RULES: tuple[Rule, ...] = (
    check_trust,
    check_document,
    check_proactive,
    check_applications,
    check_reviews,
    check_prose,
    check_legacy,
)
"""The checks :func:`validate` runs, in order."""


def validate(report: Report) -> tuple[Diagnostic, ...]:
    """Check one report against its format (spec §6).  Pure; never raises.

    Returns the diagnostics in a stable order: document-level shape first, then each table's
    shape, values and arithmetic, then prose against the tables.
    """
    out: list[Diagnostic] = []
    for check in RULES:
        try:
            out.extend(check(report))
        except Exception as e:  # a validator must never take the parse down with it
            out.append(internal(check.__name__, e))
    return tuple(out)


def validate_series(reports: Sequence[Report]) -> tuple[Diagnostic, ...]:
    """Check the reports of one agency in consecutive years against each other.  Never raises.

    The reports are sorted by ``metadata.year``; a report without a year is reported (R101)
    and left out.  Checks: 四、结转下年度继续办理 (N) = 二、上年结转 (N+1) per column (R104), and in
    the 2021 format 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N) (R105).
    """
    return tuple(d for _, d in validate_series_indexed(reports))


def validate_series_indexed(reports: Sequence[Report]) -> tuple[tuple[int | None, Diagnostic], ...]:
    """:func:`validate_series`, each diagnostic paired with the index (into ``reports``) of the
    report its ``span`` points into (None when it points nowhere), so a caller holding several
    files can say which file a line number belongs to."""
    try:
        return tuple(series(reports))
    except Exception as e:
        return ((None, internal("validate_series", e)),)


def validate_series_by_agency(reports: Sequence[Report], paths: Sequence[str | None] | None = None
                              ) -> tuple[tuple[int | None, Diagnostic], ...]:
    """:func:`validate_series_indexed` within each agency only: the reports are grouped by their
    normalised agency name (reports naming none by directory and file name without the year,
    ``paths`` giving the names where the reports' own source paths do not), and the cross-year
    checks run within each group, so reports of different agencies are never compared.  Indices
    are into ``reports``.  Never raises."""
    try:
        return tuple(series_by_agency(reports, paths))
    except Exception as e:
        return ((None, internal("validate_series_by_agency", e)),)
