"""Values: blank cells (V101) and placeholders (V102) once per table, negative counts (V103),
amounts without a unit or with another unit than the header's (V104, V106), counts that are not
whole numbers (V105)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..formats.glosses import review_col_name, row_name
from ..formats.labels import APPLICATION_COLUMNS, REVIEW_COLUMNS, ColumnSpec
from ..nodes import Cell, CellRef, CellState, Diagnostic, Row, Severity
from ._common import INFO, E, W, spans

__all__ = ["ValueRow", "check_values"]

ValueRow = tuple[Row | None, tuple[Cell, ...] | None, Sequence[ColumnSpec], str | None]
"""A row to check: the row (None for section 四's value row), its cells aligned with the columns
(None when they cannot be placed), the columns, and the row key its cells are referred to by."""


def check_values(table_name: str, table_key: str, rows: Sequence[ValueRow],
                 raw_cells: Sequence[Cell] | None = None) -> Iterator[Diagnostic]:
    """The value checks over the rows of one table (``table_key`` as in :class:`CellRef`)."""
    blanks: list[tuple[str, Cell, CellRef]] = []
    placeholders: list[tuple[str, Cell, CellRef]] = []
    for row, cells, columns, ref_row in rows:
        row_label = row_name(row.key, row.label) if row is not None and columns is APPLICATION_COLUMNS else (
            row.label if row is not None else "")
        if cells is None:
            # unaligned row: only column-independent checks
            for c in (row.cells if row is not None else (raw_cells or ())):
                ref = CellRef(table_key, ref_row, None)
                if c.state is CellState.BLANK:
                    blanks.append((row_label, c, ref))
                elif c.state is CellState.PLACEHOLDER:
                    placeholders.append((row_label, c, ref))
            continue
        for col, c in zip(columns, cells, strict=False):
            ref = CellRef(table_key, ref_row, col.key)
            where = f"{row_label}/{col.label}".strip("/") if row is not None else (
                review_col_name(REVIEW_COLUMNS.index(col)) if col in REVIEW_COLUMNS else col.label)
            if c.state is CellState.BLANK:
                blanks.append((where, c, ref))
                continue
            if c.state is CellState.PLACEHOLDER:
                placeholders.append((where, c, ref))
                continue
            if c.value is None:
                continue
            yield from _value(where, col, c, ref)
    if placeholders:
        yield _grouped(
            "V102", W, placeholders,
            f"占位符 (placeholder in a numeric cell): {len(placeholders)} cell(s) of {table_name} hold a "
            "placeholder such as “/”, “—” or “无” instead of a number; they count as 0 in the arithmetic",
        )
    if blanks:
        yield _grouped(
            "V101", INFO, blanks,
            f"空白单元格 (blank cells): {len(blanks)} cell(s) of {table_name} are blank; they count as 0 "
            "in the arithmetic",
        )


def _value(where: str, col: ColumnSpec, c: Cell, ref: CellRef) -> Iterator[Diagnostic]:
    """V103–V106 for one numeric cell."""
    assert c.value is not None
    if c.value < 0 and not col.signed:
        yield Diagnostic(
            "V103", E,
            f"负数 (negative count): {where} is {c.raw}; only 本年增/减 (change this year) may be "
            "negative",
            span=c.span, actual=c.value, cells=(ref,),
        )
    if col.amount:
        if col.unit is None and c.unit is None and c.value != 0:  # 0 is 0 in any unit
            yield Diagnostic(
                "V104", W,
                f"金额缺少单位 (amount without a unit): {where} is printed “{c.raw}” without 元 or "
                "万元, and the column header does not fix the unit",
                span=c.span, actual=c.value,
                suggestion="the amount's unit (元 or 万元) cannot be told from the report", cells=(ref,),
            )
        elif col.unit is not None and c.unit is not None and c.unit != col.unit:
            yield Diagnostic(
                "V106", W,
                f"金额单位与表头不符 (unit differs from the header): {where} is printed “{c.raw}” "
                f"but the column header says 单位：{col.unit}",
                span=c.span, actual=c.value, cells=(ref,),
            )
    elif isinstance(c.value, Decimal) and c.value != c.value.to_integral_value():
        yield Diagnostic(
            "V105", W,
            f"件数不是整数 (count is not a whole number): {where} is {c.raw}",
            span=c.span, actual=c.value, cells=(ref,),
        )


def _grouped(code: str, sev: Severity, items: Sequence[tuple[str, Cell, CellRef]], msg: str) -> Diagnostic:
    """One diagnostic for many cells: the first three named, the count in ``actual``."""
    shown = ", ".join(f"{w} “{c.raw}”" if c.raw else w for w, c, _ in items[:3] if w)
    more = f" and {len(items) - 3} more" if len(items) > 3 else ""
    return Diagnostic(
        code, sev, msg + (f" — {shown}{more}" if shown else ""),
        span=items[0][1].span, related=spans(c for _, c, _ in items[1:]), actual=len(items),
        cells=tuple(dict.fromkeys(ref for _, _, ref in items)),
    )
