"""What the cutter hands the decoder: a row job per run of digits, among the other chunks."""

from __future__ import annotations

from typing import Union

import attrs

from ...stream import Chunk
from .splits import _Col

__all__ = ["_Piece", "_RowJob"]


@attrs.define(eq=False)
class _RowJob:
    """A row whose digits are to be decoded: label chunk (if any), run in the squeezed text."""

    kind: str  # "app" | "pro" | "review"
    key: str | None
    name: str
    table: str
    label: Chunk | None
    a: int
    b: int
    cols: tuple[_Col, ...]
    table_id: int = 0
    cells: list[Chunk] = attrs.field(factory=list)


_Piece = Union[Chunk, _RowJob]  # noqa: UP007 - a runtime alias on Python 3.10
