"""The candidate readings of an undecided cell, recomputed from the report itself.

A row the decoder could not settle keeps, in each undecided cell, the digits the cell lies in
(``Cell.raw``, as printed, white space included; consecutive undecided cells share the same
digits and span).  The readings are a pure function of those digits and of the columns' cell
rules, so they need not be stored beside the report: a report loaded back from JSON has them
too.  :func:`readings` enumerates them with the decoder's own search (:mod:`.splits`);
:func:`row_columns` gives the cell rules of a table's columns, the same ones the cutter hands the
decoder.  Used by :mod:`govinfo_parse.validate.series_readings` to settle undecided cells with
the agency's previous or next report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ...formats import labels as L
from ...nodes import Value
from ...normalise import normalise
from .splits import _LIST_CAP, _all_splits, _Budget, _BudgetExceeded, _Col, _count_splits, _Run

__all__ = ["READINGS_CAP", "Reading", "pro_columns", "readings", "row_columns"]

READINGS_CAP: Final = _LIST_CAP
"""Most readings enumerated for one run of digits (the decoder's own cap)."""
_BUDGET: Final = 50_000

Reading = tuple[tuple[str, Value | None], ...]
"""One reading of a run of digits: per cell, its text (normalised, white space removed) and its
value (None for a placeholder)."""


def pro_columns(fmt: str, item: str) -> tuple[_Col, ...]:
    """The cell rules of the columns of section 二's sub-table ``item`` (``"item1"`` …) in format
    ``fmt``: a sign where the column is signed, a decimal point anywhere, a unit in amounts."""
    spec = next((it for it in L.proactive_items(fmt) if it.key == item), None)
    if spec is None:
        return ()
    return tuple(_Col(c.signed, True, c.amount) for c in spec.columns)


def row_columns(table: str, fmt: str, item: str | None = None) -> tuple[_Col, ...]:
    """The cell rules of a table's columns: ``"applications"`` (section 三, counts),
    ``"reviews"`` (section 四, counts) or ``"proactive"`` with its ``item``."""
    if table == "applications":
        return tuple(_Col() for _ in L.APPLICATION_COLUMNS)
    if table == "reviews":
        return tuple(_Col() for _ in L.REVIEW_COLUMNS)
    return pro_columns(fmt, item or "")


def readings(raw: str, cols: Sequence[_Col], cap: int = READINGS_CAP) -> list[Reading] | None:
    """Every reading of the digits ``raw`` as ``len(cols)`` cells under the cell rules (white
    space a boundary no cell crosses), or None when there are more than ``cap`` or the search
    budget runs out.  An empty list: the digits cannot be read as that many cells."""
    text = normalise(raw).text
    parts: list[str] = []
    forced: list[bool] = []
    for m in re.finditer(r"\S+", text):
        parts.append(m.group(0))
        forced += [bool(parts[:-1])] + [False] * (len(m.group(0)) - 1)
    run = _Run("".join(parts), forced)
    if not run.r or not cols:
        return []
    budget = _Budget(_BUDGET)
    try:
        count = _count_splits(run, cols, budget)
        if count > cap:
            return None
        return [tuple((run.r[a:b], v) for a, b, v in split) for split in _all_splits(run, cols, count, budget)]
    except _BudgetExceeded:
        return None
