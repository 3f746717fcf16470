"""Markdown (GFM tables, ``#`` headings), as converters and OCR tools write it."""

from __future__ import annotations

from ..stream import Stream
from ..tables.labels import place_labels
from ._lines import chunks_from_text, has_gfm_table
from .base import Input, Reader

__all__ = ["READER", "read", "sniff"]


def sniff(inp: Input) -> bool:
    """Markdown is told by its table delimiter rows ("|---|---|")."""
    return has_gfm_table(inp.norm.text)


def read(inp: Input) -> Stream:
    """The stream of a Markdown report: GFM tables (a leading pipe is a border), then row labels
    placed."""
    chunks, diags = place_labels(chunks_from_text(inp.norm.text, markdown=True), inp.text, inp.norm)
    return Stream(chunks, inp.norm, diags, "markdown")


READER = Reader("markdown", frozenset({"text", "markdown"}), sniff, read)
