"""The visible text of an HTML source, with positions: a scan by :mod:`html.parser`."""

from __future__ import annotations

import html as _html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

# ------------------------------------------------------------------------------------------
# the visible text of the source, with positions (html.parser)
# ------------------------------------------------------------------------------------------

_SKIP_CONTENT = frozenset({"script", "style", "noscript", "template", "textarea", "select", "xml",
                           "svg", "math", "object", "iframe", "title"})
"""Elements whose content is never report text (the ``<title>`` is looked at separately)."""

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "basefont", "frame", "keygen"})

_Run = tuple[str, list[int], list[int]]
"""Characters with the source offsets where each starts and ends (one entry per character)."""

_NO_RUN: _Run = ("", [], [])

_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?")


class _Scanner(HTMLParser):
    """Tokenises the source and records every character of text with its source offsets.

    The visible text is kept as pieces (``vis_parts``) with one start and one end offset per
    character (``vis_starts``, ``vis_ends``); ``events`` are ``(kind, tag, pos, attrs, first,
    count)`` in source order, kind ``"start"``, ``"end"`` or ``"text"`` (``first``/``count``:
    the text's characters in the visible text)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.vis_parts: list[str] = []
        self.vis_starts: list[int] = []
        self.vis_ends: list[int] = []
        self.events: list[tuple[str, str, int, list[tuple[str, str | None]], int, int]] = []
        self.tag_positions: dict[str, list[int]] = {}
        self.title_start = -1
        self.title_end = -1
        self.skip_depth = 0
        self.skip_tag: str | None = None
        self.depth = 0
        self.max_depth = 0
        """Nesting depth of the elements whose end tag closes them (an estimate: elements a parser
        closes by implication — p, li, td … — are not counted)."""

    def _pos(self) -> int:
        """Source offset of the tokeniser's current position."""
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], pos: int) -> None:
        """Record a start tag at ``pos``: its event, its position among the tags of its name, and
        where the first ``<title>`` starts."""
        self.events.append(("start", tag, pos, attrs, 0, 0))
        positions = self.tag_positions.get(tag)
        if positions is None:
            self.tag_positions[tag] = [pos]
        else:
            positions.append(pos)
        if tag == "title" and self.title_start < 0:
            self.title_start = pos

    def _end(self, tag: str, pos: int) -> None:
        """Record an end tag at ``pos`` (and where the first ``<title>`` ends)."""
        self.events.append(("end", tag, pos, [], 0, 0))
        if tag == "title" and self.title_end < 0:
            self.title_end = pos

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag; entering a skipped element (script, style, title …) stops text
        collection until it closes."""
        self._start(tag, attrs, self._pos())
        if tag not in _VOID and tag not in _IMPLIED_END:
            self.depth += 1
            if self.depth > self.max_depth:
                self.max_depth = self.depth
        if tag in _SKIP_CONTENT and tag not in _VOID:
            if self.skip_tag is None:
                self.skip_tag = tag
                self.skip_depth = 1
            elif tag == self.skip_tag:
                self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a self-closing tag as a start and an end at the same position."""
        pos = self._pos()
        self._start(tag, attrs, pos)
        self._end(tag, pos)

    def handle_endtag(self, tag: str) -> None:
        """Record an end tag; closing the outermost skipped element resumes text collection."""
        self._end(tag, self._pos())
        if tag not in _VOID and tag not in _IMPLIED_END and self.depth:
            self.depth -= 1
        if self.skip_tag is not None and tag == self.skip_tag:
            self.skip_depth -= 1
            if self.skip_depth <= 0:
                self.skip_tag = None

    def _text(self, text: str, starts: list[int], ends: list[int]) -> None:
        """Append visible text with per-character start and end offsets and its text event; nothing
        inside a skipped element or for empty text."""
        if self.skip_tag is not None or not text:
            return
        first = len(self.vis_starts)
        self.vis_parts.append(text)
        self.vis_starts.extend(starts)
        self.vis_ends.extend(ends)
        self.events.append(("text", "", starts[0], [], first, len(text)))

    def handle_data(self, data: str) -> None:
        """Record text with the offset of each character; CRLF and CR become one LF each, as in the
        HTML input stream (CRLF's LF spans both source characters)."""
        if self.skip_tag is not None or not data:
            return
        pos = self._pos()
        n = len(data)
        if "\r" not in data:
            self._text(data, list(range(pos, pos + n)), list(range(pos + 1, pos + n + 1)))
            return
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        while i < n:  # the HTML input stream turns CRLF and CR into LF
            ch = data[i]
            if ch == "\r":
                chars.append("\n")
                if i + 1 < n and data[i + 1] == "\n":
                    i += 1
                    starts.append(pos + i - 1)
                else:
                    starts.append(pos + i)
            else:
                chars.append(ch)
                starts.append(pos + i)
            ends.append(pos + i + 1)
            i += 1
        self._text("".join(chars), starts, ends)

    def _ref(self) -> None:
        """Record a character or entity reference at the current position as its unescaped text,
        every character spanning the whole reference (a lone ``&`` if it is no reference)."""
        if self.skip_tag is not None:
            return
        pos = self._pos()
        m = _ENTITY.match(self.source, pos)
        raw = m.group(0) if m else self.source[pos : pos + 1]
        text = _html.unescape(raw)
        n = len(text)
        self._text(text, [pos] * n, [pos + len(raw)] * n)

    def handle_entityref(self, name: str) -> None:
        """A named reference (``&amp;``): see :meth:`_ref`."""
        self._ref()

    def handle_charref(self, name: str) -> None:
        """A numeric reference (``&#20013;``): see :meth:`_ref`."""
        self._ref()

    def visible(self) -> str:
        """The visible text collected so far, as one string."""
        return "".join(self.vis_parts)


_IMPLIED_END = frozenset({"p", "li", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup",
                          "dt", "dd", "rb", "rt", "rp", "rtc", "colgroup", "caption"})
"""Elements whose end tag may be left out (HTML's implied end tags): not counted in the depth."""


def _scan(source: str) -> _Scanner:
    """The scanner after feeding it all of ``source``; an error in :mod:`html.parser` keeps what
    was scanned up to it."""
    sc = _Scanner(source)
    try:
        sc.feed(source)
        sc.close()
    except Exception:  # pragma: no cover - html.parser is lenient; keep what was scanned
        pass
    return sc


# ------------------------------------------------------------------------------------------
# one small tree, built from Lexbor or from the scanner
# ------------------------------------------------------------------------------------------


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_WHITE = re.compile(r"[^\S\u00a0]+")
"""A run of white space (``\\s`` is :meth:`str.isspace`); a no-break space is content."""


def _cat(runs: Sequence[_Run]) -> _Run:
    """One run of the characters of ``runs``."""
    if len(runs) == 1:
        return runs[0]
    if not runs:
        return _NO_RUN
    starts: list[int] = []
    ends: list[int] = []
    for _, a, b in runs:
        starts.extend(a)
        ends.extend(b)
    return "".join(r[0] for r in runs), starts, ends


def _collapse(run: _Run) -> _Run:
    """HTML white-space rules for display: runs become one space, none at the ends, and none
    between two CJK characters (Chinese text has no spaces: a line break or an indent in the
    source there is not one).  A no-break space (``&nbsp;``) is content, not white space.
    A space kept for a run of white space takes the offsets of the run's first character."""
    s, a, b = run
    n = len(s)
    pos = 0
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WHITE.finditer(s):
        i, j = m.span()
        if pos == 0 and not chars and i == 0:  # white space at the start
            pos = j
            continue
        chars.append(s[pos:i])
        starts.extend(a[pos:i])
        ends.extend(b[pos:i])
        if j < n and not (_CJK.match(s[i - 1]) and _CJK.match(s[j])):
            chars.append(" ")
            starts.append(a[i])
            ends.append(b[i])
        pos = j
    if pos == 0:
        return run
    chars.append(s[pos:])
    starts.extend(a[pos:])
    ends.extend(b[pos:])
    return "".join(chars), starts, ends


def _collapse_text(s: str) -> str:
    """The text of :func:`_collapse`."""
    if not _WHITE.search(s):
        return s
    n = len(s)
    pos = 0
    chars: list[str] = []
    for m in _WHITE.finditer(s):
        i, j = m.span()
        if i == 0:
            pos = j
            continue
        chars.append(s[pos:i])
        if j < n and not (_CJK.match(s[i - 1]) and _CJK.match(s[j])):
            chars.append(" ")
        pos = j
    chars.append(s[pos:])
    return "".join(chars)
