"""Placing printed row labels that differ from the official ones (to be built, issue 5)."""

from __future__ import annotations

from .layout import Chunk
from .normalise import Normalised
from .nodes import Diagnostic

__all__ = ["place_labels"]


def place_labels(chunks: list[Chunk], source: str, norm: Normalised) -> tuple[list[Chunk], list[Diagnostic]]:
    """Rewrite approximately-matching row labels to their official form (with a diagnostic)."""
    return chunks, []
