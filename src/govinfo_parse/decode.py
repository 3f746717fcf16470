"""Bytes → text: the encoding of a report file (a PDF or Word file is read by its reader,
:mod:`govinfo_parse.readers.pdf`, :mod:`govinfo_parse.readers.docx`).

Encoding (:func:`decode_bytes`): a byte-order mark; else the charset an HTML page declares
(``<meta charset>`` / ``http-equiv``) — unless the bytes are valid UTF-8 with non-ASCII text,
which a page saved by a browser often is while keeping its old declaration; else UTF-8; else
GB18030 (a superset of GBK and GB2312), with Big5 as the alternative when both decode and
charset-normalizer (installed with ``govinfo-parse[html]``) prefers it; as a last resort
GB18030 with replacement characters (diagnostic ``P104``).

Bytes that are UTF-8 but for an incomplete final sequence (a file cut in the middle of a
character) are UTF-8: the cut character becomes U+FFFD and diagnostic ``P110`` says so; they are
never switched to another encoding.  Empty input is ``P108``, binary data (NULs and control
bytes, an executable) ``P109`` (see :func:`what_is_not_text`).
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
    error_offset: int | None = None
    """Byte offset of the first byte that could not be decoded (replaced by U+FFFD), if any:
    strict parsing raises :class:`~govinfo_parse.api.ParseError` there."""


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


_NOT_TEXT_CODECS = frozenset({"undefined", "punycode", "idna", "raw_unicode_escape", "unicode_escape",
                              "mbcs", "oem", "charmap"})


def _codec(name: str) -> str | None:
    """The Python codec name for a declared charset (GBK and GB2312 read as GB18030, Latin-1 as
    cp1252 …); ``None`` if Python has no such codec."""
    import codecs

    n = name.strip().lower()
    n = _ALIASES.get(n, n)
    try:
        info = codecs.lookup(n)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_TEXT_CODECS:
        return None  # rot13, base64, "undefined", punycode, idna: names Python knows, not page charsets
    return info.name


def _declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first 8 KiB, or ``None``."""
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _strict(data: bytes, enc: str) -> str | None:
    """``data`` decoded with ``enc``, or ``None`` if it does not decode cleanly (or the codec is
    unknown)."""
    try:
        return data.decode(enc)
    except Exception:  # UnicodeError, LookupError, and whatever an exotic codec raises
        return None


def _first_bad(data: bytes, enc: str) -> int | None:
    """Offset of the first byte ``enc`` cannot decode (None when it decodes)."""
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        return e.start
    except Exception:
        return 0
    return None


def _truncated_utf8(data: bytes) -> int | None:
    """Where the bytes are UTF-8 except for an incomplete sequence at the very end, the offset of
    that sequence; else None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.end == len(data) and e.start >= len(data) - 3 and "end of data" in e.reason:
            try:
                data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
            return e.start
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes (see the module docstring for the order of the rules).  Never raises."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            bad = _first_bad(body, enc)
            text = body.decode(enc, errors="replace")
            if bad is None:
                return Decoded(text, enc, "bom")
            return Decoded(text, enc, "bom", (Diagnostic(
                "P104", Severity.WARNING,
                f"the bytes start with a {enc} byte-order mark but byte {bad + len(bom)} is not {enc}; "
                "undecodable bytes were replaced by U+FFFD (编码错误)"),), bad + len(bom))
    cut = _truncated_utf8(data)
    if cut is not None:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf-8", (Diagnostic(
            "P110", Severity.WARNING,
            f"the file ends in the middle of a UTF-8 character (byte {cut} of {len(data)}): the text was "
            "cut off; the incomplete character is replaced by U+FFFD (文件在字符中间被截断)"),), cut)
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
        guessed = _strict(data, guess)
        if guessed is not None:
            return Decoded(guessed, guess, "detected")
    text = data.decode("gb18030", errors="replace")
    bad = _first_bad(data, "gb18030")
    return Decoded(text, "gb18030", "fallback", (Diagnostic(
        "P104", Severity.WARNING,
        f"the bytes are neither UTF-8 nor GB18030 (byte {bad} is neither); decoded as GB18030 with "
        "replacement characters (�), so some text may be lost (编码无法识别)"),), bad)


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
