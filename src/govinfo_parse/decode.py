"""Bytes → text: the encoding of a report file (a PDF or Word file is read by its reader,
:mod:`govinfo_parse.readers.pdf`, :mod:`govinfo_parse.readers.docx`).

Encoding (:func:`decode_bytes`): a byte-order mark; else the charset an HTML page declares
(``<meta charset>`` / ``http-equiv``) — unless the bytes are valid UTF-8 with non-ASCII text,
which a page saved by a browser often is while keeping its old declaration; else UTF-8; else
GB18030 (a superset of GBK and GB2312), with Big5 as the alternative when both decode and
charset-normalizer (installed with ``govinfo-parse[html]``) prefers it; as a last resort
GB18030 with replacement characters (diagnostic ``P104``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from .nodes import Diagnostic, Severity

__all__ = ["Decoded", "decode_bytes"]


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
    """The Python codec name for a declared charset (GBK and GB2312 read as GB18030, Latin-1 as
    cp1252 …); ``None`` if Python has no such codec."""
    import codecs

    n = name.strip().lower()
    n = _ALIASES.get(n, n)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def _declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first 8 KiB, or ``None``."""
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _strict(data: bytes, enc: str) -> str | None:
    """``data`` decoded with ``enc``, or ``None`` if it does not decode cleanly (or the codec is
    unknown)."""
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
