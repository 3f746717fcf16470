"""What the table recovery carries while it rewrites one stream: the stream, the source text,
and the diagnostics it reports with spans into the source."""

from __future__ import annotations

from ..nodes import Diagnostic, Severity, Span
from ..normalise import SourceMap
from ..stream import Stream

__all__ = ["RecoveryContext"]


class RecoveryContext:
    """The stream being recovered: chunks, the text, spans for diagnostics."""

    def __init__(self, st: Stream, source: str) -> None:
        self.st = st
        self.source = source
        self.smap: SourceMap | None = None
        self.diags: list[Diagnostic] = []

    def span(self, a: int, b: int) -> Span | None:
        """The source span of normalised offsets ``a``..``b`` (the source map built on first use)."""
        if self.smap is None:
            self.smap = SourceMap.of(self.source)
        norm = self.st.norm
        return self.smap.span(norm.source_offset(a), norm.source_offset(b))

    def diag(self, code: str, message: str, a: int, b: int, severity: Severity = Severity.WARNING) -> None:
        """Report a diagnostic over normalised offsets ``a``..``b``."""
        self.diags.append(Diagnostic(code, severity, message, self.span(a, b)))
