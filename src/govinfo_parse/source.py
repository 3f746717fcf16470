"""Input families: bytes → text (encoding), the kind of input, and text → the chunk stream.

Every input family arrives at the same chunk stream (:mod:`govinfo_parse.layout`), so one
grammar reads them all:

- **text** (plain text, pipe tables, OCR'd Markdown): :func:`layout_text` — flattened scrapes
  (:mod:`govinfo_parse.flattened`), PDF-extracted text (:mod:`govinfo_parse.pdftext`), else the
  line layouts of :mod:`govinfo_parse.layout`, then label placement
  (:mod:`govinfo_parse.labelmatch`);
- **html**: :mod:`govinfo_parse.html` (article body, paragraphs, table grids);
- **pdf** (extra ``govinfo-parse[pdf]``) and **docx** (extra ``govinfo-parse[docx]``):
  :mod:`govinfo_parse.readers.pdf` reads the page geometry (or, as a fallback, the text layer
  through the PDF-text reader), :mod:`govinfo_parse.readers.docx` the Word body; both give text
  in the pipe-table layout plus a location map, parsed by :func:`parse_read_text`.

Encoding (:func:`decode_bytes`): a byte-order mark; else the charset an HTML page declares
(``<meta charset>`` / ``http-equiv``) — unless the bytes are valid UTF-8 with non-ASCII text,
which a page saved by a browser often is while keeping its old declaration; else UTF-8; else
GB18030 (a superset of GBK and GB2312), with Big5 as the alternative when both decode and
charset-normalizer (installed with ``govinfo-parse[html]``) prefers it; as a last resort
GB18030 with replacement characters (diagnostic ``P104``).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Sequence

import attrs

from . import layout
from .api import _failed_report, parse_chunks
from .nodes import Diagnostic, Report, Severity, SourceInfo
from .normalise import Normalised, normalise

__all__ = ["Decoded", "decode_bytes", "detect_kind", "layout_text", "parse_bytes", "parse_file",
           "parse_read_text", "parse_text", "pdf_text"]


# ------------------------------------------------------------------------------------------
# text layouts
# ------------------------------------------------------------------------------------------


def layout_text(source: str, norm: Normalised) -> tuple[list[layout.Chunk], list[Diagnostic]]:
    """The chunk stream of a plain-text report, whichever text layout it uses."""
    from . import flattened, labelmatch, pdftext

    flat = flattened.chunks(source, norm)
    if flat is not None:
        return flat
    pdf = pdftext.chunks(source, norm)
    if pdf is not None:
        return pdf
    chunks = layout.chunks_from_text(norm.text)
    return labelmatch.place_labels(chunks, source, norm)


# ------------------------------------------------------------------------------------------
# bytes → text
# ------------------------------------------------------------------------------------------


@attrs.frozen
class Decoded:
    """Decoded report text and how the encoding was found."""

    text: str
    encoding: str
    """Python codec name of the encoding used (``utf-8``, ``gb18030``, ``big5``, ``utf-16-le``…)."""
    how: str
    """``bom``, ``declared`` (HTML meta charset), ``utf-8``, ``detected`` or ``fallback``."""
    diagnostics: tuple[Diagnostic, ...] = ()


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "hz-gb-2312": "hz", "utf8": "utf-8", "utf-8": "utf-8", "unicode": "utf-8",
    "big5": "big5", "big5-hkscs": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252",
}


def _codec(name: str) -> str | None:
    import codecs

    n = name.strip().lower()
    n = _ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes (see the module docstring for the order of the rules).  Never raises."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, errors="replace"), enc, "bom")
    utf8 = _strict(data, "utf-8")
    declared = _declared_charset(data)
    declared_codec = _codec(declared) if declared else None
    if declared_codec is not None:
        if declared_codec != "utf-8" and utf8 is not None and not utf8.isascii():
            return Decoded(utf8, "utf-8", "utf-8", (Diagnostic(
                "P104", Severity.INFO,
                f"the page declares charset {declared!r} but its bytes are UTF-8; read as UTF-8 "
                "(声明的编码与实际不符)"),))
        declared_text = _strict(data, declared_codec)
        if declared_text is not None:
            return Decoded(declared_text, declared_codec, "declared")
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5")
    if gb is not None and big5 is None:
        return Decoded(gb, "gb18030", "detected")
    if gb is not None or big5 is not None:
        best = _detector_choice(data, ["gb18030", "big5"])
        if best == "big5" and big5 is not None:
            return Decoded(big5, "big5", "detected")
        if gb is not None:
            return Decoded(gb, "gb18030", "detected")
        assert big5 is not None
        return Decoded(big5, "big5", "detected")
    guess = _detector_choice(data, None)
    if guess is not None:
        text = _strict(data, guess)
        if text is not None:
            return Decoded(text, guess, "detected")
    text = data.decode("gb18030", errors="replace")
    return Decoded(text, "gb18030", "fallback", (Diagnostic(
        "P104", Severity.WARNING,
        "the bytes are neither UTF-8 nor GB18030; decoded as GB18030 with replacement characters "
        "(�), so some text may be lost (编码无法识别)"),))


def _detector_choice(data: bytes, candidates: Sequence[str] | None) -> str | None:
    """charset-normalizer's best guess (None when it is not installed or has none)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    try:
        res = from_bytes(data, cp_isolation=list(candidates) if candidates else None).best()
    except Exception:  # pragma: no cover - the detector must not break parsing
        return None
    if res is None:
        return None
    return _codec(str(res.encoding))


# ------------------------------------------------------------------------------------------
# the kind of input
# ------------------------------------------------------------------------------------------

_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php")
_MD_SUFFIXES = (".md", ".markdown")
_MD_HINTS = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*\|", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def detect_kind(text_or_data: str | bytes, filename: str | None = None) -> str:
    """``"pdf"``, ``"docx"``, ``"doc"`` (an old binary Word / WPS file), ``"html"``,
    ``"markdown"`` or ``"text"``, from the content, then the name.

    Content decides where it is clear (a PDF header, markup); the file name decides between
    markup-free kinds (``.md``) and where content is ambiguous."""
    from .html import looks_like_html

    name = (filename or "").lower()
    if isinstance(text_or_data, bytes):
        if text_or_data.lstrip()[:5] == b"%PDF-":
            return "pdf"
        from .readers.docx import is_docx, is_ole2

        if is_docx(text_or_data):
            return "docx"
        if is_ole2(text_or_data) or (name.endswith((".doc", ".wps")) and b"\x00" in text_or_data[:4096]):
            return "doc"
        head = text_or_data[:50000].decode("utf-8", errors="replace")
    else:
        head = text_or_data[:50000]
        if head.lstrip()[:5] == "%PDF-":
            return "pdf"
    if looks_like_html(head):
        return "html"
    if name.endswith(_HTML_SUFFIXES) and "<" in head and ">" in head:
        return "html"
    if name.endswith(_MD_SUFFIXES) or _MD_HINTS.search(head) or len(_MD_HEADING.findall(head)) >= 2:
        return "markdown"
    return "text"


# ------------------------------------------------------------------------------------------
# parsing
# ------------------------------------------------------------------------------------------


def _guarded(text: str, info: SourceInfo, strict: bool, run: Callable[[], Report]) -> Report:
    if strict:
        return run()
    try:
        return run()
    except Exception as e:  # the promise: lenient parsing never raises
        return _failed_report(text, e, info)


def parse_text(text: str, *, kind: str | None = None, filename: str | None = None,
               encoding: str | None = None, strict: bool = False, validate: bool = True,
               extra_diagnostics: Sequence[Diagnostic] = ()) -> Report:
    """Parse report text of any kind (``kind`` detected when None): HTML markup, PDF-extracted
    text, Markdown or plain text.  Lenient mode never raises."""
    k = kind or detect_kind(text, filename)
    info = SourceInfo(filename, k, encoding)

    def run() -> Report:
        if k == "html":
            from . import html

            html_chunks, markup, html_diags = html.chunks(text)
            return parse_chunks(text, html_chunks, strict=strict, source_info=info, norm=markup,
                                extra_diagnostics=[*extra_diagnostics, *html_diags], validate=validate)
        norm = normalise(text)
        if k == "pdf":
            from . import pdftext

            found = pdftext.chunks(text, norm, force=True)
            assert found is not None
            chunks, diags = found
        else:
            chunks, diags = layout_text(text, norm)
        return parse_chunks(text, chunks, strict=strict, source_info=info, norm=norm,
                            extra_diagnostics=[*extra_diagnostics, *diags], validate=validate)

    return _guarded(text, info, strict, run)


def parse_read_text(text: str, info: SourceInfo, *, strict: bool = False, validate: bool = True,
                    extra_diagnostics: Sequence[Diagnostic] = ()) -> Report:
    """Parse the text a binary reader made of a PDF or Word file (:mod:`govinfo_parse.readers`):
    the pipe-table layout of the plain-text reader, read without guessing the layout, then every
    diagnostic located in the file (``info.locations``).  Lenient mode never raises; strict mode
    raises ``ParseError`` naming the page or cell."""
    from . import labelmatch
    from .api import ParseError
    from .readers.locations import locate_offset, with_locations

    def run() -> Report:
        norm = normalise(text)
        chunks, diags = labelmatch.place_labels(layout.chunks_from_text(norm.text), text, norm)
        return parse_chunks(text, chunks, strict=strict, source_info=info, norm=norm,
                            extra_diagnostics=[*extra_diagnostics, *diags], validate=validate)

    try:
        report = _guarded(text, info, strict, run)
    except ParseError as e:
        from .normalise import SourceMap

        starts = SourceMap.of(text).line_starts
        offset = (starts[e.line - 1] if 0 < e.line <= len(starts) else 0) + e.column - 1
        loc = locate_offset(info.locations, offset)
        if loc is None:
            raise
        kind = {"pdf": "PDF", "docx": "Word"}.get(info.kind, info.kind)
        raise ParseError(f"{e.message} [{kind} {loc}]", line=e.line, column=e.column,
                         expected=e.expected, context=e.context, code=e.code) from None
    return with_locations(report)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF as pdfplumber's ``extract_text()`` gives it, pages joined by form
    feeds.  Raises ``ImportError`` without the ``govinfo-parse[pdf]`` extra, ``ValueError`` for a
    file pdfplumber cannot open."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\f".join((page.extract_text() or "") for page in pdf.pages)
    except Exception as e:  # pdfminer raises many types for damaged or encrypted files
        raise ValueError(f"cannot read the PDF: {type(e).__name__}: {e}") from e


def parse_bytes(data: bytes, *, filename: str | None = None, strict: bool = False,
                validate: bool = True) -> Report:
    """Parse report bytes: a PDF (with the ``[pdf]`` extra), a Word ``.docx`` (with the ``[docx]``
    extra; an old ``.doc``/``.wps`` is refused, ``P109``), a web page or text in any of the
    encodings Chinese government sites use.  The kind is detected from the content and the
    name; lenient mode never raises."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}; use parse() for str")
    data = bytes(data)
    kind = detect_kind(data, filename)
    if kind == "pdf":
        from .readers.pdf import parse_pdf

        return parse_pdf(data, filename=filename, strict=strict, validate=validate)
    if kind == "docx":
        from .readers.docx import parse_docx

        return parse_docx(data, filename=filename, strict=strict, validate=validate)
    if kind == "doc":
        from .readers.docx import refuse_binary_word

        return refuse_binary_word(filename, strict)
    dec = decode_bytes(data)
    if kind == "text" or kind == "markdown":
        kind = detect_kind(dec.text, filename)
    return parse_text(dec.text, kind=kind, filename=filename, encoding=dec.encoding, strict=strict,
                      validate=validate, extra_diagnostics=dec.diagnostics)


def parse_file(path: str | os.PathLike[str], *, strict: bool = False, validate: bool = True) -> Report:
    """Parse a report file (text, Markdown, HTML or PDF).  Raises ``OSError`` if the file cannot
    be read."""
    p = os.fspath(path)
    with open(p, "rb") as f:
        data = f.read()
    return parse_bytes(data, filename=p, strict=strict, validate=validate)
