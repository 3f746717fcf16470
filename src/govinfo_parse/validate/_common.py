"""What the check families share: severities, small helpers over cells, the aligned view of the
application table, cell references, and the cell-count check every table uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..formats.identities import APPLICATIONS, REVIEWS
from ..formats.labels import APPLICATION_COLUMNS, RESULT_ROW_KEYS, REVIEW_COLUMNS
from ..nodes import (
    ApplicationTable,
    Cell,
    CellRef,
    CellState,
    Diagnostic,
    ReportFormat,
    Row,
    Severity,
    Span,
    Value,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

N_APP = len(APPLICATION_COLUMNS)
APP_TOTAL = N_APP - 1
APPLICANTS = range(APP_TOTAL)
N_REVIEW = len(REVIEW_COLUMNS)
APP_COLUMN_KEYS = tuple(c.key for c in APPLICATION_COLUMNS)
APP_COLUMN_INDEX = {k: j for j, k in enumerate(APP_COLUMN_KEYS)}
REVIEW_COLUMN_KEYS = tuple(c.key for c in REVIEW_COLUMNS)
REVIEW_COLUMN_INDEX = {k: j for j, k in enumerate(REVIEW_COLUMN_KEYS)}


def is_num(c: Cell) -> bool:
    """Whether a cell holds a number (not a blank or a placeholder)."""
    return c.state is CellState.NUMBER and c.value is not None


def spans(cells: Iterable[Cell | None]) -> tuple[Span, ...]:
    """The spans of the cells that have one (for ``Diagnostic.related``)."""
    return tuple(c.span for c in cells if c is not None and c.span is not None)


def first_span(*candidates: Span | None) -> Span | None:
    """The first span that is not None."""
    for s in candidates:
        if s is not None:
            return s
    return None


def aligned(cells: Sequence[Cell], n: int) -> tuple[Cell, ...] | None:
    """The cells in column order if the row can be aligned with ``n`` columns: exactly n cells,
    or more whose surplus at the end is blank."""
    if len(cells) == n:
        return tuple(cells)
    if len(cells) > n and all(c.state is CellState.BLANK for c in cells[n:]):
        return tuple(cells[:n])
    return None


def add(values: Iterable[Value]) -> Value:
    """Σ of the values, 0 for none (ints stay ints, a Decimal makes the sum a Decimal)."""
    total: Value = 0
    for v in values:
        total = total + v
    return total


def in_force_next(prev_in_force: Value, issued: Value, repealed: Value) -> Value:
    """The 现行有效件数 a 2021 第二十条第（一）项 row should print, by the chain of spec §6: the
    previous year's 现行有效件数, plus this year's 本年制发件数, less its 本年废止件数."""
    return prev_in_force + issued - repealed


def app_ref(row: str | None, j: int | None) -> CellRef:
    """The application-table cell in row ``row``, column ``j`` (None beyond the columns)."""
    col = APP_COLUMN_KEYS[j] if j is not None and 0 <= j < N_APP else None
    return CellRef(APPLICATIONS, row, col)


def review_ref(j: int) -> CellRef:
    """Section 四's cell ``j`` (0 … 14; None as column beyond them)."""
    return CellRef(REVIEWS, "", REVIEW_COLUMN_KEYS[j] if 0 <= j < N_REVIEW else None)


def internal(where: str, e: Exception) -> Diagnostic:
    """I001: a check that failed internally, reported instead of raised."""
    return Diagnostic(
        "I001", W,
        f"内部错误 (internal error): the check {where} failed ({type(e).__name__}: {e}); "
        "the other checks ran — please report this with the input file",
    )


class AppView:
    """The application table read for checking: first row per key, aligned cells."""

    def __init__(self, table: ApplicationTable) -> None:
        self.table = table
        self.first: dict[str, Row] = {}
        for r in table.rows:
            if r.key is not None and r.key not in self.first:
                self.first[r.key] = r
        self.cells: dict[int, tuple[Cell, ...] | None] = {
            id(r): aligned(r.cells, N_APP) for r in table.rows
        }

    def aligned(self, row: Row) -> tuple[Cell, ...] | None:
        """The row's cells in column order, None when they cannot be placed (S104)."""
        return self.cells.get(id(row))

    def cell(self, key: str, j: int) -> Cell | None:
        """The cell in column ``j`` of the first row with ``key``, if it can be placed."""
        r = self.first.get(key)
        if r is None:
            return None
        cells = self.aligned(r)
        return cells[j] if cells is not None else None

    def value(self, ref: CellRef) -> Value | None:
        """An application-table cell's number (blank and placeholder as 0) by its keys, None when
        the row is missing or cannot be placed: the lookup the identities are evaluated with."""
        if ref.row is None or ref.column is None:
            return None
        c = self.cell(ref.row, APP_COLUMN_INDEX[ref.column])
        return c.number if c is not None else None

    def result_keys(self) -> tuple[str, ...]:
        """The result rows (A2's parts) this table has, in table order."""
        return tuple(k for k in RESULT_ROW_KEYS if k in self.first)

    def shape(self) -> str:
        """Which （六）其他处理 shape the rows show: "2019", "2021", or the table's own."""
        keys = self.first.keys()
        if any(k.startswith("other.") for k in keys):
            return "2021"
        if "other" in keys:
            return "2019"
        return self.table.format.value if self.table.format is not ReportFormat.LEGACY else "2021"


def row_values(cells: Sequence[Cell], key: str | None) -> dict[CellRef, Value]:
    """An aligned application-table row as values by cell reference (for A3 on any row, placed
    or not)."""
    return {app_ref(key, j): c.number for j, c in enumerate(cells)}


def cell_count(table_name: str, r: Row | None, n: int, name: str, cells: Sequence[Cell] | None = None,
               span: Span | None = None) -> Iterator[Diagnostic]:
    """S104/S105: a row with too few or too many cells for the table's ``n`` columns."""
    cells = r.cells if r is not None else (cells or ())
    row_span = r.span if r is not None else span
    if len(cells) == n:
        return
    where = first_span(row_span, *spans(cells))
    if aligned(cells, n) is not None:
        yield Diagnostic(
            "S105", W,
            f"多余的空白单元格 (extra blank cells): {name} in {table_name} has {len(cells)} cells where the "
            f"table has {n} columns; the {len(cells) - n} blank cell(s) at the end are ignored",
            span=where, expected=n, actual=len(cells),
        )
        return
    few = len(cells) < n
    yield Diagnostic(
        "S104", E,
        f"单元格数量不符 (too {'few' if few else 'many'} cells): {name} in {table_name} has {len(cells)} "
        f"value cells, the table has {n} columns; its numbers cannot be placed in columns and are left out "
        "of the arithmetic",
        span=where, related=spans(cells), expected=n, actual=len(cells),
    )
