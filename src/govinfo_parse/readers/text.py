"""Plain text: one cell per line, tab-indented cells, pipe rows (the last reader tried)."""

from __future__ import annotations

from ..stream import Stream
from ..tables.labels import place_labels
from ._lines import chunks_from_text
from .base import Input, Reader

__all__ = ["READER", "read"]


def read(inp: Input) -> Stream:
    """The stream of a plain-text report: its line layout, then row labels placed."""
    chunks, diags = place_labels(chunks_from_text(inp.norm.text, markdown=False), inp.text, inp.norm)
    return Stream(chunks, inp.norm, diags, "text")


READER = Reader("text", frozenset({"text", "markdown"}), lambda inp: True, read)
