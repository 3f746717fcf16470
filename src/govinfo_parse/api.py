"""The public entry points: ``parse`` (a ``str``), ``parse_bytes`` and ``parse_file``.

Lenient mode (the default) never raises on any text: what could not be read becomes
:class:`~govinfo_parse.nodes.Unrecognised` blocks plus diagnostics on ``report.diagnostics``.
Strict mode raises one :class:`ParseError` (a ``ValueError``) at the first structural problem.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from . import readers
from ._lazy import lazy_compile
from .decode import Decoded, decode_bytes
from .formats.cellrefs import attach_cells
from .grammar import lark_parser
from .nodes import (
    Block,
    Diagnostic,
    Metadata,
    Report,
    ReportFormat,
    Section,
    Severity,
    SourceInfo,
    Unrecognised,
)
from .normalise import SourceMap, normalise
from .readers.locations import locate_offset, with_locations
from .stream import Chunk, Stream, stream_lines
from .tables import legacy as _legacy
from .tables.legacy_prose import with_prose_facts
from .transform.context import ParseContext, Preamble, reset_context, set_context
from .transform.metadata import detect_format, document_metadata, insert_unrecognised, join_split_title
from .validate import validate as run_validation

__all__ = ["ParseError", "parse", "parse_bytes", "parse_chunks", "parse_docx", "parse_file", "parse_pdf", "parse_text"]


class ParseError(ValueError):
    """Raised by strict parsing: the first place the text does not fit the report format.

    Strict parsing fails on every parse-time diagnostic (codes ``P…``: text the grammar could
    not place, a header without its table, a row label that could not be matched, …) and on
    structural errors found by validation (codes ``S…`` of severity error).  Arithmetic
    disagreements (``A…``) never make strict parsing fail: they are the report's content.

    Attributes: ``line`` and ``column`` (1-based, in the user's file), ``expected`` (what would
    have fitted, in words), ``context`` (the source line with a caret under the column, aligned
    for wide CJK characters), ``code`` (the diagnostic code, see docs/diagnostics.md) and, for
    a decoding failure of :func:`parse_bytes` (codes ``P104``, ``P110``), ``offset``: the byte
    offset of the first byte that could not be decoded (None otherwise).
    """

    def __init__(self, message: str, *, line: int, column: int, expected: Sequence[str] = (),
                 context: str = "", code: str = "P001", offset: int | None = None) -> None:
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.expected = tuple(expected)
        self.context = context
        self.code = code
        text = f"{message} at line {line}, column {column}"
        if self.expected:
            text += "; expected " + ", or ".join(self.expected)
        if offset is not None:
            text += f" (byte {offset})"
        if context:
            text += "\n" + context
        super().__init__(text)


def display_width(s: str) -> int:
    """Terminal cells taken by ``s`` (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def caret_context(smap: SourceMap, line: int, column: int, width: int = 1, *, max_cells: int = 100) -> str:
    """The source line and a caret line whose caret sits under ``column`` even under CJK text.
    A long line (an HTML page on one line) is cut to a window around the column."""
    text = smap.line_text(line).replace("\t", " ")
    start = 0
    if display_width(text) > max_cells:
        # a window of about max_cells display cells around the column
        start = max(0, column - 1 - max_cells // 4)
        end = start
        while end < len(text) and display_width(text[start:end + 1]) <= max_cells:
            end += 1
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        if start:
            start -= 1  # the ellipsis takes the place of one character
    pad = display_width(text[: column - 1 - start])
    mark = max(1, min(display_width(text[column - 1 - start : column - 1 - start + width]), 60))
    return f"{text}\n{' ' * pad}{'^' * mark}"


_TERMINAL_WORDS = {
    "TEXT": "a paragraph", "VALUE": "a number", "PLACEHOLDER": "a placeholder such as / or —",
    "BLANK": "an empty cell", "SECTION_HEADING": "a section heading (一、…)",
    "HEADING2": "a heading （一）…", "HEADING3": "a heading 1. …", "ITEM": "a 第二十条第（X）项 sub-table",
    "PRO_ROW": "a section 二 row label", "HEAD": "a table header cell", "$END": "the end of the report",
}


def _words(names: Sequence[str]) -> list[str]:
    """Lark terminal names as the words a parse error shows (any ``APP_*`` as an application-table
    row label, unknown names as they are), sorted by name, each word once."""
    out: list[str] = []
    for n in sorted(names):
        w = _TERMINAL_WORDS.get(n)
        if w is None and n.startswith("APP_"):
            w = "an application-table row label"
        w = w or n
        if w not in out:
            out.append(w)
    return out


_VOCAB_2021 = lazy_compile(r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|申请人无正当理由逾期不补正")
_VOCAB_2019 = lazy_compile(r"本年新制作数量|本年新公开数量|上一年项目数量|第二十条第\s*[(（]\s*九\s*[)）]\s*项")
_VOCAB_ANY = lazy_compile(r"第二十条第\s*[(（]\s*[一二三四五六七八九]\s*[)）]\s*项|本年新收政府信息公开申请数量"
                        r"|上年结转政府信息公开申请数量")
"""Table labels both formats print and prose does not ("本年新收政府信息公开申请0件" is prose)."""


def _vocabulary_format(fmt: ReportFormat, text: str, year: int | None) -> ReportFormat:
    """Never *legacy* for a report on 2019 or later (or of no stated year) that prints the 2019/2021
    table vocabulary: a report whose tables could not be read is still of its format (validation's
    T102 says no table was read)."""
    if fmt is not ReportFormat.LEGACY or (year is not None and year < 2019):
        return fmt  # a report on 2018 or before that names the labels in prose stays legacy
    if _VOCAB_2021.search(text):
        return ReportFormat.F2021
    if _VOCAB_2019.search(text):
        return ReportFormat.F2019
    if _VOCAB_ANY.search(text):
        return ReportFormat.F2021 if (year or 0) >= 2021 else ReportFormat.F2019
    return fmt


def parse_chunks(source: str, chunks: Sequence[Chunk], *, strict: bool = False,
                 source_info: SourceInfo | None = None, norm: Any = None,
                 extra_diagnostics: Sequence[Diagnostic] = (), validate: bool = True) -> Report:
    """Parse an already laid-out chunk stream (what every input family arrives at)."""
    norm = norm if norm is not None else normalise(source)
    smap = SourceMap.of(source)
    chunks, legacy_tables, legacy_diags = _legacy.find_tables(source, norm, chunks)
    extra_diagnostics = [*extra_diagnostics, *legacy_diags]
    stream, lines = stream_lines(chunks)
    ctx = ParseContext(source, norm, smap, chunks, list(extra_diagnostics), lines)
    skipped: list[Unrecognised] = []

    def on_error(e: UnexpectedInput) -> bool:
        """Lenient error callback: keep a token that fits nowhere as :class:`Unrecognised` with a
        P001 error and resume (``True``); give up on anything else, such as the end of input
        (``False``)."""
        if isinstance(e, UnexpectedToken) and isinstance(e.token, Token) and e.token.type != "$END":
            span = ctx.span_of(e.token)
            text = ctx.text_of(e.token)
            skipped.append(Unrecognised(text, "line does not fit the report structure here", span))
            ctx.diag("P001", Severity.ERROR,
                     f"{text[:40]!r} does not fit here (此处无法解析); expected "
                     + ", or ".join(_words(sorted(e.accepts or e.expected))), span)
            return True
        return False

    token = set_context(ctx)
    try:
        parser = lark_parser()
        try:
            result: Any = parser.parse(stream) if strict else parser.parse(stream, on_error=on_error)
        except UnexpectedInput as e:
            raise _to_parse_error(e, ctx) from None
        pre: Preamble = result[0]  # start() returns (Preamble, sections)
        sections: tuple[Section, ...] = result[1]
    finally:
        reset_context(token)

    preamble = list(join_split_title(pre.blocks))
    secs = list(sections)
    if skipped:
        insert_unrecognised(secs, preamble, skipped)
    _legacy.place_tables(secs, preamble, legacy_tables)
    meta = document_metadata(preamble, norm.text)
    fmt = detect_format(secs, preamble)
    fmt = _vocabulary_format(fmt, norm.text, meta.year)
    report = with_prose_facts(Report(fmt, meta, tuple(preamble), tuple(secs), tuple(ctx.diagnostics),
                                     source_info or SourceInfo()))
    report = attrs.evolve(report, diagnostics=attach_cells(report))
    if validate:
        report = _with_validation(report)
    if strict:
        _raise_first_structural(report, smap)
    return report


def _with_validation(report: Report) -> Report:
    """The report with the validation diagnostics appended to its own."""
    found = run_validation(report)
    return attrs.evolve(report, diagnostics=report.diagnostics + tuple(found))


def _raise_first_structural(report: Report, smap: SourceMap) -> None:
    """Strict mode: raise :class:`ParseError` for the first parse-time diagnostic (``P…``, warning
    or error) or structural error (``S…``), with its position, suggestion and a caret context;
    return if there is none."""
    for d in report.diagnostics:
        parse_time = d.code[:1] == "P" and d.severity is not Severity.INFO
        if parse_time or (d.severity is Severity.ERROR and d.code[:1] == "S"):
            line, col = (d.span.line, d.span.column) if d.span else (1, 1)
            raise ParseError(f"[{d.code}] {d.message}", line=line, column=col,
                             expected=(d.suggestion,) if d.suggestion else (),
                             context=caret_context(smap, line, col), code=d.code)


def _to_parse_error(e: UnexpectedInput, ctx: ParseContext) -> ParseError:
    """A Lark parse error as a :class:`ParseError`: an unexpected line with its position and what
    would have fit, or the unexpected end of the report at its last line."""
    if isinstance(e, UnexpectedToken) and isinstance(e.token, Token) and e.token.type != "$END":
        span = ctx.span_of(e.token)
        expected = _words(sorted(e.accepts or e.expected))
        return ParseError(f"unexpected {ctx.text_of(e.token)[:40]!r}", line=span.line, column=span.column,
                          expected=expected, context=caret_context(ctx.smap, span.line, span.column))
    if isinstance(e, UnexpectedToken):
        line = len(ctx.smap.line_starts)
        return ParseError("unexpected end of the report", line=line, column=1,
                          expected=_words(sorted(e.expected)), context=caret_context(ctx.smap, line, 1))
    if isinstance(e, UnexpectedCharacters):  # pragma: no cover - TEXT matches every line
        k = max(0, min(e.line - 1, len(ctx.lines) - 2))
        i = max(0, min(ctx.lines[k] if ctx.lines else k, len(ctx.chunks) - 1))
        a, _ = ctx.src_range(ctx.chunks[i]) if ctx.chunks else (0, 0)
        line, col = ctx.smap.position(a)
        return ParseError("unreadable text", line=line, column=col, context=caret_context(ctx.smap, line, col))
    return ParseError(str(e), line=1, column=1)  # pragma: no cover


def parse(text: str, *, strict: bool = False, validate: bool = True) -> Report:
    """Parse the text of a report: plain text in any of the text layouts, Markdown, PDF-extracted
    text, or the HTML of a web page (the kind is detected from the content).

    Lenient (default): never raises; problems are diagnostics on ``report.diagnostics``.
    ``strict=True``: raises :class:`ParseError` at the first structural problem.
    ``validate=False`` skips the arithmetic checks of :func:`govinfo_parse.validate`.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the report text as str, not {type(text).__name__}; "
                        "use parse_bytes() or parse_file() for bytes and files")
    return parse_text(text, strict=strict, validate=validate)


def _failed_report(text: str, e: BaseException, info: SourceInfo) -> Report:
    """The lenient result of an internal error: a legacy-format report holding the whole text as
    one :class:`Unrecognised` block (none for blank text) and a P000 error."""
    smap = SourceMap.of(text)
    span = smap.span(0, len(text)) if text else None
    diag = Diagnostic("P000", Severity.ERROR,
                      f"internal error while parsing ({type(e).__name__}: {e}); the whole text is kept "
                      "as unrecognised — please report this input", span)
    blocks: tuple[Block, ...] = (Unrecognised(text, "internal error", span),) if text.strip() else ()
    return Report(ReportFormat.LEGACY, Metadata(), blocks, (), (diag,), info)


def _guarded(text: str, info: SourceInfo, strict: bool, run: Callable[[], Report]) -> Report:
    """Run a parse; in lenient mode an internal error becomes a report that keeps the text."""
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
    text, Markdown or plain text, read by the first reader of :data:`govinfo_parse.readers.READERS`
    that takes it.  Lenient mode never raises."""
    text, lone = _without_lone_surrogates(text)
    if lone:
        extra_diagnostics = [*extra_diagnostics, Diagnostic(
            "P104", Severity.WARNING,
            f"the text holds {lone} lone surrogate(s) (U+D800–U+DFFF: not characters; text decoded with "
            "surrogateescape?); each is kept as U+FFFD (无效字符)")]
    k = kind or readers.detect_kind(text, filename)
    what = not_a_report(text)
    if what is not None and not any(d.code in ("P108", "P109") for d in extra_diagnostics):
        extra_diagnostics = [*extra_diagnostics, what]

    def run() -> Report:
        """Read the text into a chunk stream with the first reader that takes it, and parse that."""
        got: Stream = readers.read(readers.Input(text, k, filename))
        info = SourceInfo(filename, k, encoding, got.reader)
        return parse_chunks(text, got.chunks, strict=strict, source_info=info, norm=got.norm,
                            extra_diagnostics=[*extra_diagnostics, *got.diagnostics], validate=validate)

    return _guarded(text, SourceInfo(filename, k, encoding), strict, run)


_SURROGATE = lazy_compile("[\ud800-\udfff]")


def _without_lone_surrogates(text: str) -> tuple[str, int]:
    """The text with each lone surrogate replaced by U+FFFD (one for one: offsets are kept), and
    how many there were.  A Python ``str`` may hold them; no file can, and no JSON written as UTF-8."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


_CONTROL = frozenset(chr(c) for c in (*range(0, 9), 11, *range(14, 32), 127)) | {"\ufffd"}


def not_a_report(text: str) -> Diagnostic | None:
    """Diagnostic ``P108`` for empty (or white-space-only) input, ``P109`` for binary data (NULs,
    control characters and undecodable bytes making up more than a tenth of the text); else None."""
    if not text.strip():
        what = "empty" if not text else f"only white space ({len(text)} characters)"
        return Diagnostic("P108", Severity.ERROR, f"the input is {what}: there is no report to read (输入为空)")
    head = text[:65536]
    bad = sum(map(head.count, _CONTROL))  # one C-level count per character, not a Python loop
    if bad * 10 > len(head) and bad >= 4:
        smap = SourceMap.of(text)
        return Diagnostic("P109", Severity.ERROR,
                          f"binary data, not a report: {bad} of the first {len(head)} characters are NULs, "
                          "control characters or undecodable bytes (二进制文件，不是报告)",
                          smap.span(0, len(text)))
    return None


_MAGIC = ((b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"), (b"PK\x03\x04", "a ZIP archive "
          "(a .docx or .xlsx file?)"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "an OLE file (a .doc or .xls file?)"),
          (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"))


def _binary_bytes(data: bytes) -> Diagnostic | None:
    """``P109`` when the bytes are a known binary format or mostly control bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:512]):
            return Diagnostic("P109", Severity.ERROR, f"binary data, not a report: the file is {what} "
                              "(二进制文件，不是报告)")
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # UTF-16/32 text has NULs
    head = data[:65536]
    bad = sum(1 for b in head if b < 9 or b == 11 or 14 <= b < 32 or b == 127)
    if bad * 10 > len(head) and bad >= 4:
        return Diagnostic("P109", Severity.ERROR, f"binary data, not a report: {bad} of the first {len(head)} "
                          "bytes are NULs or control bytes (二进制文件，不是报告)")
    return None


def _problem(code: str, message: str, filename: str | None, strict: bool, kind: str) -> Report:
    """A file that cannot be read at all (no reader installed, damaged, no text layer, an old
    binary Word file): raise a :class:`ParseError` with ``code`` in strict mode, else an empty
    report holding that one error."""
    if strict:
        raise ParseError(message, line=1, column=1, code=code)
    diag = Diagnostic(code, Severity.ERROR, message)
    return Report(ReportFormat.LEGACY, Metadata(), (), (), (diag,), SourceInfo(filename, kind, None))


def _parse_read_text(text: str, info: SourceInfo, *, strict: bool, validate: bool,
                     extra_diagnostics: Sequence[Diagnostic] = ()) -> Report:
    """Parse the text a binary reader (PDF geometry, Word) made of its file: the pipe-table layout
    of the plain-text reader, read by that reader without guessing the layout, then every
    diagnostic located in the file (``info.locations``).  Lenient mode never raises; strict mode
    raises ``ParseError`` naming the page or cell."""
    def run() -> Report:
        """Read the text with the text reader and parse its stream."""
        got = readers.read(readers.Input(text, "text", info.path), reader="text")
        return parse_chunks(text, got.chunks, strict=strict, source_info=info, norm=got.norm,
                            extra_diagnostics=[*extra_diagnostics, *got.diagnostics], validate=validate)

    try:
        report = _guarded(text, info, strict, run)
    except ParseError as e:
        starts = SourceMap.of(text).line_starts
        offset = (starts[e.line - 1] if 0 < e.line <= len(starts) else 0) + e.column - 1
        loc = locate_offset(info.locations, offset)
        if loc is None:
            raise
        kind = {"pdf": "PDF", "docx": "Word"}.get(info.kind, info.kind)
        raise ParseError(f"{e.message} [{kind} {loc}]", line=e.line, column=e.column,
                         expected=e.expected, context=e.context, code=e.code) from None
    return with_locations(report)


_NEEDS_PDFPLUMBER = "reading a PDF needs pdfplumber: pip install 'govinfo-parse[pdf]' (读取 PDF 需要安装 pdfplumber)"


def parse_pdf(data: bytes, *, filename: str | None = None, strict: bool = False, validate: bool = True,
              method: str = "auto") -> Report:
    """Parse a PDF.  ``method``: ``auto`` (by its geometry, else its text layer with info
    diagnostic ``P112``), ``geometry`` or ``text``.  Lenient mode never raises; a file that cannot
    be read, a scan without a text layer or a missing ``pdf`` extra give an empty report with
    error ``P107``.  In ``auto`` mode any failure of the geometry reading falls back to the text
    layer."""
    from .readers import pdf  # the binary readers load on first use

    extra: list[Diagnostic] = []
    if method in ("auto", "geometry"):
        try:
            got = pdf.read_geometry(data)
        except ImportError:
            return _problem("P107", _NEEDS_PDFPLUMBER, filename, strict, "pdf")
        except ValueError as e:  # GeometryUnusable, or a file or page the geometry cannot read
            if method == "geometry":
                return _problem("P107", f"{e} (无法按版面读取 PDF)", filename, strict, "pdf")
            extra.append(Diagnostic("P112", Severity.INFO,
                                    f"the PDF was read through its text layer (extract_text), not by its "
                                    f"geometry: {e} (按文字层读取 PDF)"))
        else:
            info = SourceInfo(filename, "pdf", None, reader=got.reader, locations=got.locations)
            return _parse_read_text(got.text, info, strict=strict, validate=validate)
    try:
        text = pdf.pdf_text(data)
    except ImportError:
        return _problem("P107", _NEEDS_PDFPLUMBER, filename, strict, "pdf")
    except ValueError as e:
        return _problem("P107", f"{e} (无法读取 PDF 文件)", filename, strict, "pdf")
    if not text.replace("\f", "").strip():
        return _problem("P107", "the PDF has no text layer (a scanned image?); OCR it first (PDF 没有文字层)",
                        filename, strict, "pdf")
    return parse_text(text, kind="pdf", filename=filename, encoding=None, strict=strict,
                      validate=validate, extra_diagnostics=extra)


def parse_docx(data: bytes, *, filename: str | None = None, strict: bool = False,
               validate: bool = True) -> Report:
    """Parse a Word ``.docx``.  Lenient mode never raises; without python-docx, or for a damaged
    file, the report is empty with error ``P114``."""
    from .readers import docx

    try:
        text, locations = docx.read_docx(data)
    except ImportError:
        return _problem("P114", "reading a Word document needs python-docx: pip install "
                        "'govinfo-parse[docx]' (读取 Word 文档需要安装 python-docx)", filename, strict, "docx")
    except ValueError as e:
        return _problem("P114", f"{e} (无法读取 Word 文档)", filename, strict, "docx")
    info = SourceInfo(filename, "docx", None, reader="docx", locations=locations)
    return _parse_read_text(text, info, strict=strict, validate=validate)


def _refuse_binary_word(filename: str | None, strict: bool) -> Report:
    """The report for an old binary ``.doc`` / ``.wps``: error ``P113`` naming the conversion."""
    name = filename or "the file"
    return _problem(
        "P113",
        f"{name} is an old binary Word or WPS document (.doc/.wps), which is not read: convert it "
        "with 'libreoffice --headless --convert-to docx FILE' (or save it as .docx or PDF) and parse "
        "the result (旧版 Word/WPS 文档请先转换为 docx)", filename, strict, "doc")


def parse_bytes(data: bytes, *, filename: str | None = None, strict: bool = False,
                validate: bool = True) -> Report:
    """Parse report bytes: a PDF (with the ``[pdf]`` extra), a Word ``.docx`` (with the ``[docx]``
    extra; an old ``.doc``/``.wps`` is refused, ``P113``), a web page or text in any of the
    encodings Chinese government sites use.  The kind is detected from the content and the
    name; lenient mode never raises."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}; use parse() for str")
    data = bytes(data)
    kind = readers.detect_kind(data, filename)
    if kind == "pdf":
        return parse_pdf(data, filename=filename, strict=strict, validate=validate)
    if kind == "docx":
        return parse_docx(data, filename=filename, strict=strict, validate=validate)
    if kind == "doc":
        return _refuse_binary_word(filename, strict)
    binary = _binary_bytes(data)
    if strict and binary is not None:
        raise ParseError(f"[P109] {binary.message}", line=1, column=1, code="P109", offset=0)
    dec = decode_bytes(data)
    if strict and dec.error_offset is not None:
        _raise_decoding_error(data, dec)
    if kind == "text" or kind == "markdown":
        kind = readers.detect_kind(dec.text, filename)
    extra = [binary, *dec.diagnostics] if binary is not None else list(dec.diagnostics)
    return parse_text(dec.text, kind=kind, filename=filename, encoding=dec.encoding, strict=strict,
                      validate=validate, extra_diagnostics=extra)


def _raise_decoding_error(data: bytes, dec: Decoded) -> None:
    """Strict ``parse_bytes``: the decoding problem as a :class:`ParseError` with the byte
    ``offset`` of the first undecodable byte and the line and column of its replacement."""
    off = dec.error_offset or 0
    d = next((d for d in dec.diagnostics if d.severity is not Severity.INFO), None)
    prefix = data[:off].decode(dec.encoding, errors="replace") if off else ""
    smap = SourceMap.of(dec.text)
    line, col = smap.position(min(len(prefix), len(dec.text)))
    raise ParseError(f"[{d.code if d else 'P104'}] {d.message if d else 'undecodable bytes'}",
                     line=line, column=col, context=caret_context(smap, line, col),
                     code=d.code if d else "P104", offset=off)


def parse_file(path: str | os.PathLike[str], *, strict: bool = False, validate: bool = True) -> Report:
    """Parse a report file (text, Markdown, HTML, PDF or Word).  Raises ``OSError`` if the file cannot
    be read."""
    p = os.fspath(path)
    with open(p, "rb") as f:
        data = f.read()
    return parse_bytes(data, filename=p, strict=strict, validate=validate)
