"""The arithmetic the statistics tables must satisfy (spec §6), as data.

Each identity is an :class:`Equation`: the sum of the cells on its ``left`` must equal the sum of
the cells on its ``right``, every cell named by a :class:`~govinfo_parse.nodes.CellRef` (table,
row key, column key — the canonical keys of :mod:`govinfo_parse.formats.labels`):

- **A1** (stated by the format, an error when it fails), per column of the application table::

      new + carried_over = total + carried_forward

- **A2** (implied, a warning), per column: the result rows （一）…（六） (2021: the three （六） rows)
  add up to （七）总计: ``Σ results = total``;
- **A3** (implied, a warning), per row of the application table: the six applicant columns add up
  to the row's 总计: ``natural_person + business + … + other_org = total``;
- **A4** (implied, a warning), per group of section 四 (行政复议, 未经复议直接起诉, 复议后起诉):
  ``upheld + corrected + other + pending = total``.

By convention ``left`` holds the parts and ``right`` the printed total(s), so a diagnostic's
``expected`` is the left side and ``actual`` the right.  The evaluator takes the cell values as a
mapping or a function from :class:`CellRef` to a number; blank cells and placeholders count as 0,
which is the caller's business (pass 0).  Validation uses these equations for its A-checks; a
reader that must choose between readings of a row can ask which readings let every equation the
row takes part in hold (:func:`touching`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeAlias

import attrs

from ..nodes import CellRef, Value
from .labels import (
    APPLICATION_COLUMNS,
    RESULT_ROW_KEYS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_rows,
)

__all__ = [
    "A1_LEFT",
    "A1_RIGHT",
    "A1_ROWS",
    "APPLICANT_COLUMNS",
    "APPLICATIONS",
    "REVIEWS",
    "Equation",
    "Values",
    "a1",
    "a2",
    "a3",
    "a4",
    "equations",
    "result_rows",
    "touching",
]

APPLICATIONS: Final = "applications"
REVIEWS: Final = "reviews"

A1_LEFT: Final[tuple[str, ...]] = ("new", "carried_over")
A1_RIGHT: Final[tuple[str, ...]] = ("total", "carried_forward")
A1_ROWS: Final[tuple[str, ...]] = A1_LEFT + A1_RIGHT
"""The four rows A1 relates, left side first."""
APPLICANT_COLUMNS: Final[tuple[str, ...]] = tuple(c.key for c in APPLICATION_COLUMNS[:-1])
"""The six applicant columns that add up to 总计 (A3)."""
_RESULTS: Final = ("upheld", "corrected", "other", "pending")

Values: TypeAlias = Mapping[CellRef, Value] | Callable[[CellRef], Value | None]
"""Cell values for the evaluator: a mapping, or a function returning None for a missing cell."""


def _sum(values: Iterable[Value]) -> Value:
    """Σ of the values (0 for none)."""
    total: Value = 0
    for v in values:
        total = total + v
    return total


@attrs.frozen
class Equation:
    """One identity: Σ ``left`` = Σ ``right``."""

    code: str
    """``"A1"`` … ``"A4"``."""
    along: str | None
    """What the identity runs along: the column key (A1, A2), the row key (A3, None for a row
    whose label could not be placed) or the section 四 group key (A4)."""
    left: tuple[CellRef, ...]
    """The parts."""
    right: tuple[CellRef, ...]
    """The printed total(s)."""

    @property
    def cells(self) -> tuple[CellRef, ...]:
        """Every cell that takes part, left side first."""
        return self.left + self.right

    def evaluate(self, values: Values) -> tuple[Value, Value] | None:
        """The two sides' sums, or None when a cell has no value in ``values``."""
        get = values if callable(values) else values.get
        got = [get(c) for c in self.cells]
        if any(v is None for v in got):
            return None
        nums = [v for v in got if v is not None]
        n = len(self.left)
        return _sum(nums[:n]), _sum(nums[n:])

    def holds(self, values: Values) -> bool:
        """Whether the two sides are equal.  Raises ``KeyError`` naming a cell that has no value
        (use :meth:`evaluate` to treat a missing cell otherwise)."""
        sides = self.evaluate(values)
        if sides is None:
            get = values if callable(values) else values.get
            missing = next(c for c in self.cells if get(c) is None)
            raise KeyError(missing.key)
        return sides[0] == sides[1]


def _app(row: str | None, column: str) -> CellRef:
    return CellRef(APPLICATIONS, row, column)


def a1(column: str) -> Equation:
    """A1 in one column of the application table: new + carried_over = total + carried_forward."""
    return Equation("A1", column, tuple(_app(r, column) for r in A1_LEFT),
                    tuple(_app(r, column) for r in A1_RIGHT))


def result_rows(fmt: str | None = None, present: Iterable[str] | None = None) -> tuple[str, ...]:
    """The rows that add up to （七）总计 (A2), in table order: those of the format ("2019" or
    "2021"), or — given the rows a table actually has — every result row of either format among
    them (a table that mixes the formats is checked as printed)."""
    if present is not None:
        have = set(present)
        return tuple(k for k in RESULT_ROW_KEYS if k in have)
    assert fmt is not None
    return tuple(r.key for r in application_rows(fmt) if r.group is not None and r.key != "total")


def a2(column: str, rows: Iterable[str]) -> Equation:
    """A2 in one column: the given result rows add up to （七）总计."""
    return Equation("A2", column, tuple(_app(r, column) for r in rows), (_app("total", column),))


def a3(row: str | None) -> Equation:
    """A3 in one row of the application table: the applicant columns add up to 总计."""
    return Equation("A3", row, tuple(_app(row, c) for c in APPLICANT_COLUMNS), (_app(row, "total"),))


def a4(group: str) -> Equation:
    """A4 in one section 四 group: upheld + corrected + other + pending = total."""
    return Equation("A4", group, tuple(CellRef(REVIEWS, "", f"{group}.{r}") for r in _RESULTS),
                    (CellRef(REVIEWS, "", f"{group}.total"),))


def equations(fmt: str, *, rows: Iterable[str] | None = None) -> tuple[Equation, ...]:
    """Every identity of a report in the given format ("2019" or "2021"): A1 and A2 per column,
    A3 per row, A4 per section 四 group, in that order.  ``rows``, the row keys a table actually
    has, narrows A2 and A3 to them (see :func:`result_rows`)."""
    row_keys = [r.key for r in application_rows(fmt)]
    if rows is not None:
        have = list(dict.fromkeys(rows))
        results = result_rows(present=have)
        row_keys = have
    else:
        results = result_rows(fmt)
    columns = [c.key for c in APPLICATION_COLUMNS]
    return (
        *(a1(c) for c in columns),
        *(a2(c, results) for c in columns),
        *(a3(r) for r in row_keys),
        *(a4(g) for g in REVIEW_GROUPS),
    )


def touching(cell: CellRef, eqs: Iterable[Equation]) -> tuple[Equation, ...]:
    """The equations among ``eqs`` that a cell takes part in."""
    return tuple(e for e in eqs if cell in e.cells)


REVIEW_COLUMN_KEYS: Final[tuple[str, ...]] = tuple(c.key for c in REVIEW_COLUMNS)
"""Section 四's 15 column keys in printed order (for turning a cell's position into its key)."""
