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

__all__ = ["application_score", "review_groups_hold"]

Numbers = Sequence[float | int | None]

_A2_PARTS = ("granted", "partly_granted", "withheld.", "unavailable.", "not_processed.", "other")


def _n(v: float | int | None) -> float:
    return 0 if v is None else v


def application_score(rows: Mapping[str, Numbers]) -> tuple[int, int]:
    """(identities that hold, identities that fail) among A1 and A2 per column, for the rows
    given by key (7 numbers each); an identity is counted only when all its rows are given."""
    held = failed = 0
    ncols = max((len(v) for v in rows.values()), default=0)
    for col in range(ncols):
        def cell(key: str, col: int = col) -> float:
            v = rows[key]
            return _n(v[col]) if col < len(v) else 0
        if all(k in rows for k in ("new", "carried_over", "total", "carried_forward")):
            ok = cell("new") + cell("carried_over") == cell("total") + cell("carried_forward")
            held, failed = held + ok, failed + (not ok)
        parts = [k for k in rows if k != "total" and (k in _A2_PARTS or k.startswith(_A2_PARTS[2:5])
                                                       or k.startswith("other."))]
        if "total" in rows and parts:
            ok = sum(cell(k) for k in parts) == cell("total")
            held, failed = held + ok, failed + (not ok)
    return held, failed


def review_groups_hold(values: Numbers) -> int:
    """How many of section 四's three groups of five satisfy A4 (总计 = the sum of the other four)."""
    out = 0
    for g in range(0, min(len(values), 15) - 4, 5):
        five = [_n(v) for v in values[g : g + 5]]
        out += sum(five[:4]) == five[4]
    return out
