"""Input families: bytes → text (encoding detection), and text → the canonical chunk stream.

Every input family arrives at the same chunk stream (:mod:`govinfo_parse.layout`), so one
grammar reads them all.  ``layout_text`` is where the text families plug in: flattened scrapes
(:mod:`govinfo_parse.flattened`), PDF text (:mod:`govinfo_parse.pdftext`), and label placement
for printed labels that differ from the official ones (:mod:`govinfo_parse.labelmatch`).
"""

from __future__ import annotations

import os

from . import layout
from .api import parse_text_with_info
from .nodes import Diagnostic, Report, SourceInfo
from .normalise import Normalised

__all__ = ["decode_bytes", "layout_text", "parse_bytes", "parse_file"]


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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes: BOMs, then UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc.replace("-sig", ""), errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8 (with replacement characters)"


def parse_bytes(data: bytes, *, filename: str | None = None, strict: bool = False,
                validate: bool = True) -> Report:
    """Parse report bytes: the encoding is detected (BOM, UTF-8, else GB18030)."""
    text, enc = decode_bytes(data)
    return parse_text_with_info(text, SourceInfo(filename, "text", enc), strict=strict, validate=validate)


def parse_file(path: str | os.PathLike[str], *, strict: bool = False, validate: bool = True) -> Report:
    """Parse a report file.  Raises ``OSError`` if the file cannot be read."""
    p = os.fspath(path)
    with open(p, "rb") as f:
        data = f.read()
    return parse_bytes(data, filename=p, strict=strict, validate=validate)
