"""Text extracted from PDFs (pdfplumber ``extract_text``) (to be built, issue 5)."""

from __future__ import annotations

from .layout import Chunk
from .normalise import Normalised
from .nodes import Diagnostic

__all__ = ["chunks"]


def chunks(source: str, norm: Normalised) -> tuple[list[Chunk], list[Diagnostic]] | None:
    """The chunk stream of PDF-extracted text, or None when the text does not look like one."""
    return None
