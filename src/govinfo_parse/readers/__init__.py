"""The readers: one module per input family behind one interface, chosen by an ordered registry.

:data:`READERS` is the registry, in the order readers are tried: the first whose ``kinds``
include the input's kind and which either is forced for that kind or sniffs the text as its own
reads it.  Adding an input family is one reader module, one line here and its golden directory
(see docs/architecture.md).
"""

from __future__ import annotations

import re

from .._lazy import lazy_compile
from ..nodes import Diagnostic, Severity
from ..normalise import SourceMap
from ..stream import Stream
from ..tables.recover import recover
from . import flattened, html, markdown, pdftext, text
from .base import Input, Reader

__all__ = ["READERS", "Input", "Reader", "detect_kind", "read", "reader_named"]

READERS: tuple[Reader, ...] = (
    html.READER,
    flattened.READER,
    pdftext.READER,
    markdown.READER,
    text.READER,
)
"""Every reader, in the order they are tried."""


def reader_named(name: str) -> Reader:
    """The registered reader called ``name`` (``KeyError`` when there is none)."""
    for r in READERS:
        if r.name == name:
            return r
    raise KeyError(name)


def read(inp: Input, *, reader: str | None = None) -> Stream:
    """The chunk stream of an input, by the first reader that takes it (or by the reader named
    ``reader``, without sniffing: the text a binary reader made is read by the text reader).

    Never raises: a reader that fails internally is reported (its ``failure_code``) and the next
    reader that takes the input reads it instead; the plain-text reader takes everything.  Every
    reader's stream then passes through the shared table recovery
    (:func:`govinfo_parse.tables.recover.recover`), which leaves intact tables alone — except a
    reader that decodes its tables itself under the same identities (``decodes_tables``: the
    flattened-scrape reader, whose output is already the official grid)."""
    failures: list[Diagnostic] = []
    chosen = reader is not None
    for r in (reader_named(reader),) if reader is not None else READERS:
        if not chosen and (inp.kind not in r.kinds or (inp.kind not in r.forced and not r.sniff(inp))):
            continue
        try:
            got = r.read(inp)
        except Exception as e:  # the promise: lenient reading never raises
            smap = SourceMap.of(inp.text)
            failures.append(Diagnostic(
                r.failure_code, Severity.ERROR,
                f"internal error in the {r.name} reader ({type(e).__name__}: {e}); the text is read "
                "by the next reader instead — please report this input",
                smap.span(0, len(inp.text)) if inp.text else None))
            continue
        if not r.decodes_tables:
            got = recover(got, inp.text)
        if failures:
            got = Stream(got.chunks, got.norm, [*failures, *got.diagnostics], got.reader)
        return got
    inp_text = Input(inp.text, "text", inp.filename)
    got = recover(text.read(inp_text), inp.text)
    return Stream(got.chunks, got.norm, [*failures, *got.diagnostics], got.reader)


_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php")
_MD_SUFFIXES = (".md", ".markdown")
_MD_HINTS = lazy_compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*\|", re.MULTILINE)
"""A GFM delimiter row.  Horizontal white space only: with \\s a run of blank lines took cubic time."""
_MD_HEADING = lazy_compile(r"^#{1,6}\s+\S", re.MULTILINE)


def detect_kind(text_or_data: str | bytes, filename: str | None = None) -> str:
    """``"pdf"``, ``"docx"``, ``"doc"`` (an old binary Word / WPS file), ``"html"``,
    ``"markdown"`` or ``"text"``, from the content, then the name.

    Content decides where it is clear (a PDF header, markup); the file name decides between
    markup-free kinds (``.md``) and where content is ambiguous."""
    name = (filename or "").lower()
    if isinstance(text_or_data, bytes):
        from . import docx  # the Word reader (zipfile) loads for bytes only

        if text_or_data.lstrip()[:5] == b"%PDF-":
            return "pdf"
        if docx.is_docx(text_or_data):
            return "docx"
        if docx.is_ole2(text_or_data) or (name.endswith((".doc", ".wps")) and b"\x00" in text_or_data[:4096]):
            return "doc"
        head = text_or_data[:50000].decode("utf-8", errors="replace")
    else:
        head = text_or_data[:50000]
        if head.lstrip()[:5] == "%PDF-":
            return "pdf"
    if html.looks_like_html(head):
        return "html"
    if name.endswith(_HTML_SUFFIXES) and "<" in head and ">" in head:
        return "html"
    if name.endswith(_MD_SUFFIXES) or _MD_HINTS.search(head) or len(_MD_HEADING.findall(head)) >= 2:
        return "markdown"
    return "text"
