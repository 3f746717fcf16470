"""D101: where a sum fails and reading two adjacent single-digit cells as one number and/or one
cell as two numbers would make every identity the row takes part in hold, say so (the values
stay as printed)."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..formats import identities as ids
from ..formats.glosses import TABLE_APPLICATIONS, TABLE_REVIEWS, fmt, row_name
from ..formats.labels import REVIEW_GROUPS
from ..nodes import Cell, CellRef, CellState, Diagnostic, ReviewTable, Row, Value
from ._common import (
    APP_COLUMN_INDEX,
    APP_COLUMN_KEYS,
    INFO,
    N_APP,
    N_REVIEW,
    REVIEW_COLUMN_KEYS,
    AppView,
    aligned,
    app_ref,
    review_ref,
    spans,
)

__all__ = ["app_split_digits", "resegmentations", "review_split_digits"]

Reading = tuple[list[Value | None], list[int], str]
"""A re-reading of a row: its values, the indices of the source cells involved, a description."""


def _digits(c: Cell) -> str | None:
    """A cell's printed digits, if it is a plain ASCII whole number."""
    raw = c.raw.strip()
    if c.state is CellState.NUMBER and isinstance(c.value, int) and raw.isascii() and raw.isdigit():
        return raw
    return None


def resegmentations(cells: Sequence[Cell], n: int) -> Iterator[Reading]:
    """Ways to read the row's printed digits as ``n`` cells by joining two adjacent single-digit
    cells and/or splitting one multi-digit cell.  Yields (values, indices of source cells
    involved, description)."""

    def joins(seq: Sequence[Cell]) -> Iterator[tuple[int, list[tuple[int, ...]]]]:
        """Adjacent single-digit cells that could be one number."""
        for i in range(len(seq) - 1):
            a, b = _digits(seq[i]), _digits(seq[i + 1])
            if a is not None and b is not None and len(a) == 1 and len(b) == 1 and a != "0":
                yield i, [(i,), (i + 1,)]

    def splits(seq: Sequence[Cell]) -> Iterator[tuple[int, int]]:
        """Multi-digit cells and the places they could be cut into two numbers."""
        for i, c in enumerate(seq):
            d = _digits(c)
            if d is None or len(d) < 2:
                continue
            for cut in range(1, len(d)):
                right = d[cut:]
                if len(right) > 1 and right[0] == "0":
                    continue
                yield i, cut

    def value(c: Cell) -> Value | None:
        """The cell's value for arithmetic (:attr:`Cell.number`: a blank or a placeholder is 0)."""
        return c.number if c.state is not CellState.BLANK or c.value is not None else 0

    base: list[Value | None] = [value(c) for c in cells]
    m = len(cells)
    if m == n + 1:
        for i, _ in joins(cells):
            vals = [*base[:i], int(cells[i].raw.strip() + cells[i + 1].raw.strip()), *base[i + 2:]]
            yield vals, [i, i + 1], f"“{cells[i].raw}” and “{cells[i + 1].raw}” read as one number"
    elif m == n - 1:
        for i, cut in splits(cells):
            d = cells[i].raw.strip()
            vals = [*base[:i], int(d[:cut]), int(d[cut:]), *base[i + 1:]]
            yield vals, [i], f"“{d}” read as two numbers {d[:cut]} and {d[cut:]}"
    elif m == n:
        for (i, _), (k, cut) in itertools.product(list(joins(cells)), list(splits(cells))):
            if k in (i, i + 1):
                continue
            d = cells[k].raw.strip()
            joined = int(cells[i].raw.strip() + cells[i + 1].raw.strip())
            parts = [int(d[:cut]), int(d[cut:])]
            if k < i:
                vals = base[:k] + parts + base[k + 1:i] + [joined] + base[i + 2:]
            else:
                vals = [*base[:i], joined, *base[i + 2:k], *parts, *base[k + 1:]]
            yield vals, [i, i + 1, k], (
                f"“{cells[i].raw}” and “{cells[i + 1].raw}” read as one number {joined}, and “{d}” as two "
                f"numbers {d[:cut]} and {d[cut:]}"
            )


def _diagnostic(table_name: str, name: str, cells: Sequence[Cell], hits: list[Reading], sums: str,
                ref: Callable[[int], CellRef]) -> Diagnostic:
    """D101 naming each re-reading that would make the sums hold."""
    involved = sorted({i for _, idx, _ in hits for i in idx})
    first = cells[involved[0]] if involved else cells[0]
    alts = "; or ".join(f"{desc} (the row would read {' | '.join(fmt(v) for v in vals)})"
                        for vals, _, desc in hits)
    return Diagnostic(
        "D101", INFO,
        f"疑似数字拆分或合并 (digits possibly split or joined): in {name} of {table_name}, {alts} — {sums} "
        "would then hold",
        span=first.span, related=spans(cells[i] for i in involved[1:]),
        suggestion="compare these cells with the source document; the values are kept as printed",
        cells=tuple(ref(i) for i in involved),
    )


def app_split_digits(view: AppView, a3_fail_ids: Iterable[int],
                     col_fail: Iterable[int]) -> Iterator[Diagnostic]:
    """D101 for application-table rows that fail A3, cannot be aligned, or take part in a failing
    column identity: readings whose row sum and column identities (A1/A2) all hold."""
    failing_rows = set(a3_fail_ids)
    failing_cols = set(col_fail)
    result_keys = view.result_keys()

    def lookup(override: Row, vals: Sequence[Value | None]) -> Callable[[CellRef], Value | None]:
        """Cell values with one row read as ``vals`` (for the column identities)."""
        def get(ref: CellRef) -> Value | None:
            """The value of the cell ``ref`` names: from ``vals`` in the overridden row, else the
            aligned cell's number; None for a reference outside the table's rows."""
            if ref.row is None or ref.column is None:
                return None
            r = view.first.get(ref.row)
            if r is None:
                return None
            j = APP_COLUMN_INDEX[ref.column]
            if r is override:
                return vals[j]
            cells = view.aligned(r)
            return cells[j].number if cells is not None else None
        return get

    for r in view.table.rows:
        row_cells = view.aligned(r)
        involved = (id(r) in failing_rows or row_cells is None
                    or (r.key in ids.A1_ROWS + result_keys + ("total",) and bool(failing_cols)))
        if not involved:
            continue
        is_first = r is view.first.get(r.key) if r.key is not None else False
        hits = []
        for vals, idx, desc in resegmentations(r.cells, N_APP):
            if any(v is None for v in vals):
                continue
            row = {app_ref(r.key, j): v for j, v in enumerate(vals) if v is not None}
            if not ids.a3(r.key).holds(row):
                continue
            changed = [j for j in range(N_APP)
                       if row_cells is None or row_cells[j].number != vals[j]]
            get = lookup(r, vals)
            ok = True
            for j in changed:
                col = APP_COLUMN_KEYS[j]
                if r.key in ids.A1_ROWS and is_first:
                    sides = ids.a1(col).evaluate(get)
                    if sides is not None and sides[0] != sides[1]:
                        ok = False
                if (r.key in result_keys or r.key == "total") and is_first:
                    sides = ids.a2(col, result_keys).evaluate(get)
                    if sides is not None and sides[0] != sides[1]:
                        ok = False
            if ok:
                hits.append((vals, idx, desc))
        if 1 <= len(hits) <= 2:
            sums = "the row's 总计" + (" and the column identities (A1/A2)" if r.key is not None else "")
            yield _diagnostic(TABLE_APPLICATIONS, row_name(r.key, r.label), r.cells, hits, sums,
                              functools.partial(app_ref, r.key))


def review_split_digits(table: ReviewTable) -> Iterator[Diagnostic]:
    """D101 for section 四 when a re-reading of its value row makes all three A4 groups hold."""
    cells = table.cells
    row_cells = aligned(cells, N_REVIEW)
    equations = [ids.a4(g) for g in REVIEW_GROUPS]

    def holds(vals: Sequence[Value | None]) -> bool:
        """Whether all three A4 groups hold for a reading of the value row."""
        if len(vals) != N_REVIEW:
            return False
        values = {CellRef(ids.REVIEWS, "", k): v for k, v in zip(REVIEW_COLUMN_KEYS, vals, strict=True)}
        for eq in equations:
            sides = eq.evaluate(values.get)
            if sides is None or sides[0] != sides[1]:
                return False
        return True

    if row_cells is not None and holds([c.number for c in row_cells]):
        return
    hits = [h for h in resegmentations(cells, N_REVIEW) if holds(h[0])]
    if 1 <= len(hits) <= 2:
        yield _diagnostic(TABLE_REVIEWS, "the value row", cells, hits, "the three 总计 (A4)", review_ref)
