"""A small local evaluator of the identities A1–A4 (spec §6) for the recovery.

The recovery (:mod:`govinfo_parse.tables.recover`) asks one question: how many of the
identities hold for a candidate assignment of value rows to official rows?  It asks it through
:func:`application_score` and :func:`review_groups_hold` only, so that the evaluator can be
swapped for the identities stated as data in ``formats/identities.py`` when that lands.

Values are plain numbers per cell (``None`` for a blank or a placeholder, which counts as 0 in
the sums, as :attr:`govinfo_parse.nodes.Cell.number` does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..formats import labels as L

__all__ = ["application_score", "review_groups_hold"]

Numbers = Sequence[float | int | None]

_ENDS = ("new", "carried_over", "total", "carried_forward")


def _n(v: float | int | None) -> float:
    return 0 if v is None else v


def _parts(fmt: str) -> tuple[str, ...]:
    return tuple(r.key for r in L.application_rows(fmt) if r.key not in _ENDS)


def application_score(rows: Mapping[str, Numbers]) -> tuple[int, int]:
    """(identities that hold with a figure other than 0, identities that fail) among A1 and A2
    per column, for the rows given by key (7 numbers each).  An identity is counted only when
    all its rows are given (A2: every row of one format), and one that holds only because all
    its figures are 0 says nothing about an assignment, so it is not counted as held."""
    held = failed = 0
    ncols = max((len(v) for v in rows.values()), default=0)
    parts = next((p for p in (_parts("2019"), _parts("2021")) if all(k in rows for k in p)), None)
    for col in range(ncols):
        def cell(key: str, col: int = col) -> float:
            v = rows[key]
            return _n(v[col]) if col < len(v) else 0

        checks: list[tuple[float, float]] = []
        if all(k in rows for k in _ENDS):
            checks.append((cell("new") + cell("carried_over"), cell("total") + cell("carried_forward")))
        if "total" in rows and parts is not None:
            checks.append((sum(cell(k) for k in parts), cell("total")))
        for left, right in checks:
            if left != right:
                failed += 1
            elif left != 0:
                held += 1
    return held, failed


def review_groups_hold(values: Numbers) -> int:
    """How many of section 四's three groups of five satisfy A4 (总计 = the sum of the other four)."""
    out = 0
    for g in range(0, min(len(values), 15) - 4, 5):
        five = [_n(v) for v in values[g : g + 5]]
        out += sum(five[:4]) == five[4]
    return out
