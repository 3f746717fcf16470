"""Section 四, review and litigation: the value row's cell count (S104, S105), its values, and
A4 per group (行政复议, 未经复议直接起诉, 复议后起诉) from :mod:`govinfo_parse.formats.identities`."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats import identities as ids
from ..formats.glosses import REVIEW_GROUP_LABEL, TABLE_REVIEWS, fmt, printed
from ..formats.labels import REVIEW_COLUMNS, REVIEW_GROUPS
from ..nodes import Cell, CellRef, Diagnostic, Report, Value
from ._common import N_REVIEW, REVIEW_COLUMN_KEYS, W, aligned, cell_count, spans
from .split_digits import review_split_digits
from .values import check_values

__all__ = ["check_reviews", "review_values"]


def review_values(cells: tuple[Cell, ...]) -> dict[CellRef, Value]:
    """Section 四's aligned cells as values by cell reference (blank and placeholder as 0)."""
    return {CellRef(ids.REVIEWS, "", k): c.number for k, c in zip(REVIEW_COLUMN_KEYS, cells, strict=True)}


def check_reviews(report: Report) -> Iterator[Diagnostic]:
    """Shape, values and A4 of section 四, then D101 where a re-reading would make A4 hold."""
    table = report.reviews
    if table is None:
        return
    yield from cell_count(TABLE_REVIEWS, None, N_REVIEW, "the value row", cells=table.cells, span=table.span)
    cells = aligned(table.cells, N_REVIEW)
    yield from check_values(TABLE_REVIEWS, ids.REVIEWS, [(None, cells, REVIEW_COLUMNS, "")],
                            raw_cells=table.cells)
    if cells is not None:
        values = review_values(cells)
        for g, group_key in enumerate(REVIEW_GROUPS):
            eq = ids.a4(group_key)
            sides = eq.evaluate(values)
            assert sides is not None
            s, total = sides
            if s != total:
                group = cells[g * 5:(g + 1) * 5]
                label, gloss = REVIEW_GROUP_LABEL[group_key]
                yield Diagnostic(
                    "A4", W,
                    f"{label}总计不符 ({gloss}: total does not add up): 总计 is {printed(group[4])}, but "
                    f"结果维持 + 结果纠正 + 其他结果 + 尚未审结 = "
                    f"{' + '.join(fmt(c.number) for c in group[:4])} = {fmt(s)} "
                    "(upheld + corrected + other + pending should equal the total)",
                    span=group[4].span, related=spans(group[:4]), expected=s, actual=group[4].number,
                    cells=eq.cells,
                )
    yield from review_split_digits(table)
