"""The identities as the recovery asks about them: how many hold for a candidate assignment.

The recovery (:mod:`govinfo_parse.tables.recover_assign`,
:mod:`govinfo_parse.tables.recover_reviews`) asks one question: how many of the identities
A1–A4 hold for a candidate assignment of value rows to official rows?  The identities themselves
are the equations of :mod:`govinfo_parse.formats.identities`; this module only evaluates them
over the recovery's candidates.

Values are plain numbers per cell (``None`` for a blank or a placeholder, which counts as 0 in
the sums, as :attr:`govinfo_parse.nodes.Cell.number` does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..formats import identities as ident
from ..formats import labels as L
from ..nodes import CellRef, Value

__all__ = ["application_score", "review_groups_hold"]

Numbers = Sequence[Value | None]

_COLUMNS = tuple(c.key for c in L.APPLICATION_COLUMNS)


def _n(v: Value | None) -> Value:
    """A cell's number in a sum: 0 for a blank or a placeholder."""
    return 0 if v is None else v


def application_score(rows: Mapping[str, Numbers]) -> tuple[int, int]:
    """(identities that hold with a figure other than 0, identities that fail) among A1 and A2
    per column, for the rows given by key (7 numbers each).  An identity is counted only when
    all its rows are given (A2: every result row of one format), and one that holds only because
    all its figures are 0 says nothing about an assignment, so it is not counted as held."""
    held = failed = 0
    ncols = min(max((len(v) for v in rows.values()), default=0), len(_COLUMNS))
    results = next((r for r in (ident.result_rows("2019"), ident.result_rows("2021")) if all(k in rows for k in r)),
                   None)

    def value(ref: CellRef) -> Value:
        """The candidate's number in a cell (0 where the row is short)."""
        v = rows[str(ref.row)]
        j = _COLUMNS.index(str(ref.column))
        return _n(v[j]) if j < len(v) else 0

    for col in range(ncols):
        eqs: list[ident.Equation] = []
        if all(k in rows for k in ident.A1_ROWS):
            eqs.append(ident.a1(_COLUMNS[col]))
        if "total" in rows and results is not None:
            eqs.append(ident.a2(_COLUMNS[col], results))
        for eq in eqs:
            sides = eq.evaluate(value)
            assert sides is not None  # value() answers for every cell
            left, right = sides
            if left != right:
                failed += 1
            elif left != 0:
                held += 1
    return held, failed


def review_groups_hold(values: Numbers) -> int:
    """How many of section 四's three groups of five satisfy A4 (总计 = the sum of the other four)."""
    keys = ident.REVIEW_COLUMN_KEYS
    got = {CellRef(ident.REVIEWS, "", k): _n(v) for k, v in zip(keys, values[: len(keys)], strict=False)}
    out = 0
    for group in L.REVIEW_GROUPS:
        sides = ident.a4(group).evaluate(got)
        out += sides is not None and sides[0] == sides[1]
    return out
