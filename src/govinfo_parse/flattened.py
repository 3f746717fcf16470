"""Flattened scrapes: table cells joined with nothing between them (to be built, issue 7)."""

from __future__ import annotations

from .layout import Chunk
from .normalise import Normalised
from .nodes import Diagnostic

__all__ = ["chunks"]


def chunks(source: str, norm: Normalised) -> tuple[list[Chunk], list[Diagnostic]] | None:
    """The chunk stream of a flattened report, or None when the text is not flattened."""
    return None
