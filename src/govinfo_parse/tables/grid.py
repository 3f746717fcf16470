"""The table grid: cells with row and column spans placed on rows × columns, as HTML lays them out.

One placement serves the readers that receive grids (web pages' ``<table>``: ``rowspan`` and
``colspan`` expanded) and the renderer that draws them (:mod:`govinfo_parse.render`): a cell
takes the first free column of its row, covers ``rowspan × colspan`` slots, and never overwrites
a slot a cell from above already covers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["Slot", "place"]

T = TypeVar("T")

Slot = tuple[T, int, int]
"""A covered slot: (the cell, the row it starts in, the column it starts in)."""


def place(rows: Sequence[Sequence[T]], spans: Callable[[T], tuple[int, int]]) -> list[list[Slot[T] | None]]:
    """The grid of ``rows`` (each the cells that start in that row, in order): one list per row,
    one slot per column (None where no cell covers it), every row as wide as the widest.
    ``spans(cell)`` gives its (rowspan, colspan), each at least 1."""
    grid: list[list[Slot[T] | None]] = []
    for r, cells in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        col = 0
        for cell in cells:
            row = grid[r]
            while col < len(row) and row[col] is not None:
                col += 1
            rs, cs = spans(cell)
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < col + cs:
                    target.append(None)
                for dc in range(cs):
                    if target[col + dc] is None:
                        target[col + dc] = (cell, r, col)
            col += cs
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return grid
