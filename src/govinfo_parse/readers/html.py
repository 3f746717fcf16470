"""Reading reports published as web pages.

A government page wraps the report in navigation, headers, footers and share bars; the report
itself is paragraphs and tables (often Word-pasted: ``<o:p>``, ``<span>`` soup, ``<font>``).
This module finds the article body, turns block elements into lines and tables into grids
(``colspan``/``rowspan`` expanded), and emits the same :class:`~govinfo_parse.readers._lines.Chunk`
stream as the text layouts, so one grammar reads them all:

- a paragraph (or a ``<br>``-separated line of one) is one chunk;
- a table cell is one chunk, in row order; ``<br>`` and nested markup inside a cell are joined;
  an empty or ``&nbsp;`` cell is the blank marker; a ``<th>`` carries the header marker;
- a cell spanning several rows or columns is emitted once, in the row where it starts.

The DOM comes from selectolax (Lexbor), the optional extra ``govinfo-parse[html]``.  Without it
a small tree builder on Python's own tokenizer (:mod:`html.parser`) is used instead (diagnostic
``P105``, info): good enough for clean markup, less forgiving of broken pages.

Positions: Lexbor does not report where a node sits in the file, so the text of every node is
aligned with a scan of the source made by :mod:`html.parser`, which does.  Chunks therefore
point into the HTML source and diagnostics give the HTML source line and column.  The
normalised text handed to the grammar is the page's *visible* text (one chunk per line), with
an offset map back into the HTML (:class:`MarkupNormalised`), and the text a node reports as
"printed" is the visible text between its offsets, markup removed.
"""

from __future__ import annotations

import bisect
import html as _html
import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from typing import Any

import attrs

from ..nodes import Diagnostic, Severity
from ..normalise import Normalised, normalise
from ..stream import BLANK, HEADER, Chunk, Stream, squeeze
from .base import Input, Reader

__all__ = ["READER", "HtmlDocument", "MarkupNormalised", "chunks", "have_dom_parser", "looks_like_html",
           "read_html", "table_grids"]

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

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], pos: int) -> None:
        self.events.append(("start", tag, pos, attrs, 0, 0))
        positions = self.tag_positions.get(tag)
        if positions is None:
            self.tag_positions[tag] = [pos]
        else:
            positions.append(pos)
        if tag == "title" and self.title_start < 0:
            self.title_start = pos

    def _end(self, tag: str, pos: int) -> None:
        self.events.append(("end", tag, pos, [], 0, 0))
        if tag == "title" and self.title_end < 0:
            self.title_end = pos

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self._pos())
        if tag in _SKIP_CONTENT and tag not in _VOID:
            if self.skip_tag is None:
                self.skip_tag = tag
                self.skip_depth = 1
            elif tag == self.skip_tag:
                self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        self._start(tag, attrs, pos)
        self._end(tag, pos)

    def handle_endtag(self, tag: str) -> None:
        self._end(tag, self._pos())
        if self.skip_tag is not None and tag == self.skip_tag:
            self.skip_depth -= 1
            if self.skip_depth <= 0:
                self.skip_tag = None

    def _text(self, text: str, starts: list[int], ends: list[int]) -> None:
        if self.skip_tag is not None or not text:
            return
        first = len(self.vis_starts)
        self.vis_parts.append(text)
        self.vis_starts.extend(starts)
        self.vis_ends.extend(ends)
        self.events.append(("text", "", starts[0], [], first, len(text)))

    def handle_data(self, data: str) -> None:
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
        if self.skip_tag is not None:
            return
        pos = self._pos()
        m = _ENTITY.match(self.source, pos)
        raw = m.group(0) if m else self.source[pos : pos + 1]
        text = _html.unescape(raw)
        n = len(text)
        self._text(text, [pos] * n, [pos + len(raw)] * n)

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def visible(self) -> str:
        return "".join(self.vis_parts)


def _scan(source: str) -> _Scanner:
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


@attrs.define(eq=False)
class _Txt:
    chars: str
    starts: list[int]
    ends: list[int]


@attrs.define(eq=False)
class _El:
    tag: str
    attr: dict[str, str] = attrs.field(factory=dict)
    children: list[_El | _Txt] = attrs.field(factory=list)
    pos: int = -1
    """Source offset of the start tag (-1 where the parser implied the element)."""
    dropped: bool | None = None
    """Memo of :func:`_is_dropped`."""
    # set by _number: the place in document order, and what the element holds
    idx: int = 0
    last: int = 0
    """``idx`` of the last element below this one (``idx`` itself when there is none)."""
    total: int = 0
    """Visible non-space characters (the content of script, style etc. does not count)."""
    links: int = 0
    """Of ``total``, those inside links."""
    has_table: bool = False
    """Some element below this one is a ``<table>``."""

    def elements(self) -> Iterator[_El]:
        for c in self.children:
            if isinstance(c, _El):
                yield c

    def iter(self) -> Iterator[_El]:
        """This element and all below it, in document order."""
        stack: list[_El] = [self]
        while stack:
            el = stack.pop()
            yield el
            kids = [c for c in el.children if isinstance(c, _El)]
            if kids:
                kids.reverse()
                stack.extend(kids)

    def text(self) -> str:
        return "".join(t.chars for t in self.texts())

    def texts(self, out: list[_Txt] | None = None) -> list[_Txt]:
        """The text below this element in document order (not that of script, style etc.)."""
        if out is None:
            out = []
        for c in self.children:
            if isinstance(c, _Txt):
                out.append(c)
            elif c.tag not in _SKIP_CONTENT:
                c.texts(out)
        return out


def have_dom_parser() -> bool:
    """True when selectolax (the ``govinfo-parse[html]`` extra) is installed."""
    try:
        import selectolax.lexbor  # noqa: F401
    except ImportError:
        return False
    return True


def _tree_from_lexbor(source: str, sc: _Scanner) -> _El:
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser(source)
    vis_text = sc.visible()
    vis_starts, vis_ends = sc.vis_starts, sc.vis_ends
    n_vis = len(vis_starts)
    tag_positions = sc.tag_positions
    tag_seen: dict[str, int] = {}
    cursor = 0
    ws = " \t\n\r\f"

    def convert(node: Any) -> _El | _Txt | None:
        nonlocal cursor
        tag = node.tag
        if tag == "-text":
            data: str = node.text_content or ""
            if not data.strip(ws):  # layout white space: not worth aligning
                here = vis_starts[cursor] if cursor < n_vis else len(source)
                return _Txt(data, [here] * len(data), [here] * len(data))
            at = vis_text.find(data, cursor)
            if at < 0:
                stripped = data.strip()
                at = vis_text.find(stripped, cursor)
                if at >= 0:
                    data = stripped
            if at < 0:  # text the tokenizer did not see as such: keep it, without a position
                pos = vis_starts[cursor] if cursor < n_vis else len(source)
                return _Txt(data, [pos] * len(data), [pos] * len(data))
            cursor = at + len(data)
            return _Txt(data, vis_starts[at:cursor], vis_ends[at:cursor])
        if not isinstance(tag, str) or tag.startswith("-"):
            return None  # comments, doctype
        k = tag_seen.get(tag, 0)
        tag_seen[tag] = k + 1
        plist = tag_positions.get(tag)
        attributes = node.attributes
        el = _El(tag, {a: v or "" for a, v in attributes.items()} if attributes else {},
                 [], plist[k] if plist is not None and k < len(plist) else -1)
        if tag in _SKIP_CONTENT:
            return el  # not descended: its text is not report text
        children = el.children
        child = node.child
        while child is not None:
            c = convert(child)
            if c is not None:
                children.append(c)
            child = child.next
        return el

    root = convert(doc.root) if doc.root is not None else None
    return root if isinstance(root, _El) else _El("html")


_TITLE_CHAR = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?|[\s\S]")


def _attach_title_text(order: list[_El], sc: _Scanner) -> None:
    """Give the ``<title>`` element its text (with positions): the scan skips it as content."""
    title_el = next((e for e in order if e.tag == "title"), None)
    if title_el is None:
        return
    # the scanner skips the title's text; read it from the source directly
    start, end = sc.title_start, sc.title_end
    if start < 0 or end < 0:
        return
    gt = sc.source.find(">", start)
    if gt < 0 or gt >= end:
        return
    a = gt + 1
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TITLE_CHAR.finditer(sc.source, a, end):
        raw = m.group(0)
        text = _html.unescape(raw) if len(raw) > 1 else raw
        for ch in text:
            chars.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    title_el.children = [_Txt("".join(chars), starts, ends)]


_IMPLIED_P_CLOSERS = frozenset({"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5",
                                "h6", "pre", "blockquote", "section", "article", "header", "footer",
                                "nav", "aside", "form", "hr", "address", "figure", "center", "li"})


def _tree_from_scan(sc: _Scanner) -> _El:
    """A forgiving tree builder on the scanner's events (used without selectolax)."""
    root = _El("html", {}, [], 0)
    stack: list[_El] = [root]

    def close(tag: str, stop: frozenset[str] = frozenset()) -> None:
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].tag == tag:
                del stack[i:]
                return
            if stack[i].tag in stop:
                return

    vis_text = sc.visible()
    for kind, tag, pos, attributes, first, count in sc.events:
        if kind == "text":
            stack[-1].children.append(_Txt(vis_text[first : first + count], sc.vis_starts[first : first + count],
                                           sc.vis_ends[first : first + count]))
        elif kind == "start":
            if tag in _IMPLIED_P_CLOSERS:
                close("p", frozenset({"td", "th", "table", "li", "div"}))
            if tag == "li":
                close("li", frozenset({"ul", "ol"}))
            if tag in ("td", "th"):
                close("td", frozenset({"tr", "table"}))
                close("th", frozenset({"tr", "table"}))
            if tag == "tr":
                close("tr", frozenset({"table"}))
            el = _El(tag, {k: v or "" for k, v in attributes}, [], pos)
            stack[-1].children.append(el)
            if tag not in _VOID:
                stack.append(el)
        else:
            if tag in _VOID:
                continue
            stop = frozenset({"table"}) if tag in ("td", "th", "tr", "tbody", "thead", "tfoot") else frozenset()
            close(tag, stop)
    return root


# ------------------------------------------------------------------------------------------
# the article body
# ------------------------------------------------------------------------------------------

_DROP_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "button", "menu", "input",
                        "label", "map", "video", "audio", "canvas", "dialog"}) | _SKIP_CONTENT
_BOILERPLATE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|footer|foot|"
    r"header|topbar|share|bdshare|sharebar|social|sidebar|side|copyright|banner|toolbar|pagination|"
    r"pager|page-?nav|related|relevant|comments?|print|search|login|friendlinks?|weixin|wechat|"
    r"qrcode|ewm|skip)(?:[-_\s\d]|$)",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "blockquote", "section", "article", "main", "center", "pre", "address", "figure",
                    "figcaption", "hr", "tr", "table", "tbody", "thead", "tfoot", "caption", "body",
                    "html", "title", "details", "summary", "fieldset", "legend"})


def _is_dropped(el: _El) -> bool:
    if el.dropped is None:
        el.dropped = _dropped(el)
    return el.dropped


def _dropped(el: _El) -> bool:
    if el.tag in _DROP_TAGS or el.tag.startswith(("w:", "m:", "v:")):
        return True
    if el.attr.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _HIDDEN.search(el.attr.get("style", "")) or "hidden" in el.attr:
        return True
    names = " ".join((el.attr.get("id", ""), el.attr.get("class", "")))
    return bool(names.strip()) and bool(_BOILERPLATE.search(names))


def _number(root: _El) -> list[_El]:
    """The elements of ``root`` in document order; sets their ``idx``, ``last``, ``total``,
    ``links`` and ``has_table``."""
    order: list[_El] = []

    def visit(el: _El, counted: bool) -> bool:
        """Returns whether ``el`` is or holds a table."""
        el.idx = len(order)
        order.append(el)
        total = links = 0
        has_table = False
        for c in el.children:
            if isinstance(c, _Txt):
                if counted:
                    total += sum(map(len, c.chars.split()))  # str.split() splits at str.isspace()
            else:
                inner = counted and c.tag not in _SKIP_CONTENT
                has_table = visit(c, inner) or has_table
                if inner:
                    total += c.total
                    links += c.total if c.tag == "a" else c.links
        el.last = len(order) - 1
        el.has_table = has_table
        if counted:
            el.total, el.links = total, links
        return has_table or el.tag == "table"

    visit(root, True)
    return order


def _article(root: _El, order: list[_El]) -> tuple[_El, frozenset[int]]:
    """The element holding the report: descend from ``<body>`` while one child holds almost all
    the text that is not navigation (link text does not count).  Also returns the ids of the
    elements inside it that hold half its text or more (never dropped as furniture)."""
    body = next((e for e in order if e.tag == "body"), root)

    def weight(e: _El) -> int:
        return e.total - e.links

    whole = max(1, weight(body))
    cur = body
    while True:
        kids = [k for k in cur.elements()
                if not (_is_dropped(k) and weight(k) < 0.5 * whole) and k.tag not in _SKIP_CONTENT]
        best = max(kids, key=weight) if kids else None
        if (best is None or (best.tag == "table" and not _is_layout_table(best))
                or weight(best) < 0.8 * max(1, weight(cur)) or best.tag in ("p", "span", "a", "font")):
            break
        cur = best
    half = 0.5 * max(1, weight(cur))
    return cur, frozenset(id(e) for e in order[cur.idx : cur.last + 1] if e.total - e.links >= half)


# ------------------------------------------------------------------------------------------
# tables
# ------------------------------------------------------------------------------------------


def _rows(table: _El) -> list[_El]:
    out: list[_El] = []
    for c in table.elements():
        if c.tag == "tr":
            out.append(c)
        elif c.tag in ("tbody", "thead", "tfoot"):
            out.extend(r for r in c.elements() if r.tag == "tr")
    return out


def _cells(tr: _El) -> list[_El]:
    return [c for c in tr.elements() if c.tag in ("td", "th")]


def _span(el: _El, name: str) -> int:
    value = el.attr.get(name)
    if value is None:
        return 1
    if value.isdecimal():
        return max(1, min(int(value), 200))
    try:
        return max(1, min(int(re.sub(r"\D", "", el.attr.get(name, "1")) or "1"), 200))
    except ValueError:  # pragma: no cover - the regex leaves digits only
        return 1


def _is_layout_table(table: _El) -> bool:
    """A table used for page layout (its cells hold paragraphs or tables), not a data grid."""
    rows = _rows(table)
    for tr in rows:
        for td in _cells(tr):
            if td.has_table or td.total > 300:  # total: len(squeeze(td.text()))
                return True
    return not rows


@attrs.frozen
class GridSlot:
    """One slot of an expanded table grid: the cell covering it and where that cell starts."""

    text: str
    """The cell's visible text, white space collapsed."""
    row: int
    col: int
    origin: bool
    """True in the slot where the cell starts (top-left), False in the slots it spans into."""
    header: bool


def _grid(table: _El) -> list[list[tuple[_El, int, int] | None]]:
    """The table as a grid: every slot holds (cell, its row, its column), spans expanded."""
    grid: list[list[tuple[_El, int, int] | None]] = []
    for r, tr in enumerate(_rows(table)):
        while len(grid) <= r:
            grid.append([])
        col = 0
        for td in _cells(tr):
            row = grid[r]
            while col < len(row) and row[col] is not None:
                col += 1
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < col + cs:
                    target.append(None)
                for dc in range(cs):
                    if target[col + dc] is None:
                        target[col + dc] = (td, r, col)
            col += cs
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        row.extend([None] * (width - len(row)))
    return grid


# ------------------------------------------------------------------------------------------
# lines and cells → chunks
# ------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?(亿元|万元|元|件|条|个|次|项|起|人次|人)?$")
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


@attrs.define
class _Builder:
    """Accumulates the normalised visible text (one chunk per line) and its offset map."""

    text: list[str] = attrs.field(factory=list)
    """Pieces of the normalised text."""
    size: int = 0
    """Characters in ``text``."""
    offsets: list[int] = attrs.field(factory=list)
    chunks: list[Chunk] = attrs.field(factory=list)
    line: list[_Run] = attrs.field(factory=list)
    memo: dict[str, tuple[Normalised, str]] = attrs.field(factory=dict)
    """Normalised and squeezed text of the strings seen (table cells repeat: "0", "/")."""

    def normalised(self, s: str) -> tuple[Normalised, str]:
        """``normalise(s)`` and its text squeezed (white space removed)."""
        found = self.memo.get(s)
        if found is None:
            norm = normalise(s)
            found = self.memo[s] = (norm, squeeze(norm.text))
        return found

    def _emit(self, chars: _Run, *, cell: bool, header: bool = False, at: int = 0) -> None:
        shown = _collapse(chars)  # no white space at either end (a no-break space is kept)
        s = shown[0]
        lo = len(s) - len(s.lstrip())
        hi = len(s.rstrip())
        if lo < hi and (lo or hi < len(s)):  # "&nbsp;5&nbsp;": the span is the 5; a cell of
            shown = (s[lo:hi], shown[1][lo:hi], shown[2][lo:hi])  # &nbsp; alone keeps its span
        s, starts, ends = shown
        start = self.size
        if s:
            norm, squeezed = self.normalised(s)
            self.text.append(norm.text)
            self.size += len(norm.text)
            if norm.offsets:
                self.offsets.extend([starts[o] for o in norm.offsets[: len(norm.text)]])
            else:
                self.offsets.extend(starts)
            end_src = ends[-1]
        else:
            end_src = at
            squeezed = ""
        end = self.size
        if not squeezed:
            if cell:
                first = chars[1][0] if chars[0] else at
                self.chunks.append(Chunk(BLANK, start, end))
                if not s:
                    self.offsets.append(first)
                    self.text.append("\n")
                    self.size += 1
                    return
            elif not s:
                return
        else:
            self.chunks.append(Chunk((HEADER if header else "") + squeezed, start, end))
        self.text.append("\n")
        self.size += 1
        self.offsets.append(end_src)

    def add_text(self, t: _Txt) -> None:
        if t.chars:
            self.line.append((t.chars, t.starts, t.ends))

    def newline(self) -> None:
        if self.line:
            self._emit(_cat(self.line), cell=False)
            self.line = []

    def cell(self, chars: _Run, *, header: bool, at: int) -> None:
        self._emit(chars, cell=True, header=header, at=at)

    def line_chunk(self, chars: _Run) -> None:
        self._emit(chars, cell=False)


def _cell_runs(el: _El, out: list[_Run]) -> list[_Run]:
    for c in el.children:
        if isinstance(c, _Txt):
            if c.chars:
                out.append((c.chars, c.starts, c.ends))
        elif not _is_dropped(c):
            _cell_runs(c, out)
    return out


def _cell_chars(el: _El) -> _Run:
    return _cat(_cell_runs(el, []))


def _is_row_label(text: str) -> bool:
    """A ``<th>`` holding a row label (some pages mark the first column so) is no header cell."""
    from ..tables.labels import app_label_terminals, terminal_of

    return bool(text) and terminal_of(text, app_label_terminals() | {"PRO_ROW", "ITEM"}) is not None


def _unknown(text: str) -> bool:
    """Text the grammar reads as nothing but a paragraph."""
    from ..tables.labels import terminal_of

    return bool(text) and terminal_of(text) in (None, "TEXT")


def _emit_table(table: _El, b: _Builder) -> None:
    grid = _grid(table)
    width = len(grid[0]) if grid else 0
    seen_values = False
    for r, row in enumerate(grid):
        starts = [(slot[0], c) for c, slot in enumerate(row) if slot is not None and slot[1] == r and slot[2] == c]
        cells = [(td, c, _cell_chars(td)) for td, c in starts]
        texts = [b.normalised(chars[0])[1] for _, _, chars in cells]
        has_value = any(_NUMBER.match(t) for t in texts)
        # the rows above the first row of values are the table's header: a cell there that the
        # grammar knows as nothing else ("项目", "类别") is a header cell, as a <th> is
        in_header = not seen_values and not has_value
        seen_values = seen_values or has_value
        last_col = -1
        for (td, c, chars), text in zip(cells, texts, strict=True):
            header = (td.tag == "th" and not _is_row_label(text)) or (in_header and _unknown(text))
            b.cell(chars, header=header, at=max(td.pos, 0))
            last_col = c + _span(td, "colspan") - 1
        # a row with values whose trailing cells are missing from the markup: they print empty
        if has_value and starts:
            at = b.offsets[-1] if b.offsets else 0
            for c in range(last_col + 1, width):
                if row[c] is None:
                    b.cell(_NO_RUN, header=False, at=at)


def _walk(el: _El, b: _Builder, keep: frozenset[int] = frozenset()) -> None:
    """Lines and tables of ``el`` in document order.  ``keep``: ids of elements never dropped
    as page furniture (they hold the report, whatever their class names say)."""
    for c in el.children:
        if isinstance(c, _Txt):
            b.add_text(c)
            continue
        if _is_dropped(c) and id(c) not in keep:
            continue
        tag = c.tag
        if tag == "br":
            b.newline()
        elif tag == "table":
            b.newline()
            if _is_layout_table(c):
                for tr in _rows(c):
                    for td in _cells(tr):
                        _walk(td, b, keep)
                        b.newline()
            else:
                _emit_table(c, b)
        elif tag in _BLOCK or tag in ("td", "th"):
            b.newline()
            _walk(c, b, keep)
            b.newline()
        else:
            _walk(c, b, keep)
    # the caller closes the last line


_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开)[^\n]{0,16}(年度报告|年报)")
_DATE_WORDS = re.compile(r"(发布(时间|日期)|成文日期)\s*[:：]?\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?")
_TITLE_SEP = re.compile(r"[_|｜]|\s-\s|--")


def _text_chars(el: _El) -> _Run:
    return _cat([(t.chars, t.starts, t.ends) for t in el.texts() if t.chars])


def _outside_title(order: list[_El], article: _El) -> _Run | None:
    """The page's headline when the article body does not start with the report's title."""
    cands: list[_El] = []
    for e in order:
        if article.idx <= e.idx <= article.last or e.tag in ("script", "style"):
            continue
        names = (e.attr.get("class", "") + " " + e.attr.get("id", "")).lower()
        if e.tag in ("h1", "h2", "h3") or "title" in names or e.tag == "title":
            cands.append(e)
    cands.sort(key=lambda e: e.tag == "title")  # the <title> element only as the last resort
    for e in cands:
        text = _collapse_text(e.text())
        m = _TITLE_WORDS.search(text)
        if not m or len(text) > 120:
            continue
        chars = _collapse(_text_chars(e))
        # a <title> often adds the site name: keep the segment that names the report
        lo, hi = 0, len(text)
        for sep in _TITLE_SEP.finditer(text):
            if sep.end() <= m.start():
                lo = sep.end()
            elif sep.start() >= m.end():
                hi = min(hi, sep.start())
        return chars[0][lo:hi], chars[1][lo:hi], chars[2][lo:hi]
    return None


def _outside_date(order: list[_El], article: _El) -> _Run | None:
    for e in order:
        if (article.idx <= e.idx <= article.last or e.tag in _SKIP_CONTENT
                or not any(type(c) is _Txt for c in e.children)):
            continue
        text = _collapse_text(e.text())
        m = _DATE_WORDS.search(text)
        if m:
            chars = _collapse(_text_chars(e))
            return chars[0][m.start() : m.end()], chars[1][m.start() : m.end()], chars[2][m.start() : m.end()]
    return None


# ------------------------------------------------------------------------------------------
# the public entry points
# ------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class MarkupNormalised(Normalised):
    """The visible text of a markup source, normalised, one chunk per line, with offsets into
    the markup.  ``printed(a, b)`` is the visible text of ``source[a:b]`` (markup removed),
    which is what the parser reports as printed for a node spanning those offsets."""

    visible_text: str = ""
    visible_starts: tuple[int, ...] = ()

    def printed(self, a: int, b: int) -> str:
        i = bisect.bisect_left(self.visible_starts, a)
        j = bisect.bisect_left(self.visible_starts, b)
        return _collapse_text(self.visible_text[i:j]).strip()


@attrs.frozen
class HtmlDocument:
    """What :func:`read_html` found in a page."""

    chunks: tuple[Chunk, ...]
    norm: MarkupNormalised
    diagnostics: tuple[Diagnostic, ...]
    dom: str
    """``"lexbor"`` (selectolax) or ``"html.parser"`` (the fallback)."""


def _root(source: str, sc: _Scanner, use_dom: bool | None) -> tuple[_El, list[_El], str]:
    root: _El | None = None
    dom = "html.parser"
    if use_dom is not False and have_dom_parser():
        try:
            root, dom = _tree_from_lexbor(source, sc), "lexbor"
        except Exception:  # pragma: no cover - fall back rather than fail
            root = None
    if root is None:
        root, dom = _tree_from_scan(sc), "html.parser"
    order = _number(root)
    _attach_title_text(order, sc)
    return root, order, dom


def read_html(source: str, *, use_dom: bool | None = None) -> HtmlDocument:
    """Read a web page (decoded text) into the chunk stream of its report.

    ``use_dom=False`` forces the fallback tree builder (for tests and comparison)."""
    sc = _scan(source)
    root, order, dom = _root(source, sc, use_dom)
    article, keep = _article(root, order)
    b = _Builder()
    head_lines: list[_Run] = []
    body_start = _collapse_text(article.text())[:200]
    if not _TITLE_WORDS.search(body_start):
        title = _outside_title(order, article)
        if title is not None:
            head_lines.append(title)
    if not _DATE_WORDS.search(body_start):
        date = _outside_date(order, article)
        if date is not None:
            head_lines.append(date)
    for line in head_lines:
        b.line_chunk(line)
    _walk(article, b, keep)
    b.newline()
    offsets = [*b.offsets, b.offsets[-1] if b.offsets else 0]
    # the offset map must not go backwards within a chunk; between chunks it may (a title found
    # outside the article is put first)
    norm = MarkupNormalised("".join(b.text), tuple(offsets), sc.visible(), tuple(sc.vis_starts))
    diags: list[Diagnostic] = []
    if dom != "lexbor":
        diags.append(Diagnostic(
            "P105", Severity.INFO,
            "HTML read without a DOM parser (selectolax not installed): install govinfo-parse[html] "
            "for pages with broken markup (未安装 HTML 解析器)"))
    return HtmlDocument(tuple(b.chunks), norm, tuple(diags), dom)


def chunks(source: str) -> tuple[list[Chunk], MarkupNormalised, list[Diagnostic]]:
    """The chunk stream of a web page, its visible text (as the ``norm`` of
    :func:`govinfo_parse.api.parse_chunks`) and the reader's diagnostics."""
    doc = read_html(source)
    return list(doc.chunks), doc.norm, list(doc.diagnostics)


def table_grids(source: str, *, use_dom: bool | None = None) -> list[list[list[GridSlot | None]]]:
    """Every data table of the page as a grid with ``colspan``/``rowspan`` expanded: one list
    per row, one :class:`GridSlot` per column (None where no cell covers the slot)."""
    sc = _scan(source)
    _, order, _ = _root(source, sc, use_dom)
    out: list[list[list[GridSlot | None]]] = []
    for t in order:
        if t.tag != "table" or _is_layout_table(t):
            continue
        grid = _grid(t)
        rows: list[list[GridSlot | None]] = []
        for r, row in enumerate(grid):
            cells: list[GridSlot | None] = []
            for c, slot in enumerate(row):
                if slot is None:
                    cells.append(None)
                    continue
                td, r0, c0 = slot
                text = _collapse_text(_cell_chars(td)[0]).strip()
                cells.append(GridSlot(text, r0, c0, (r0, c0) == (r, c), td.tag == "th"))
            rows.append(cells)
        out.append(rows)
    return out


_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|meta|p|div|table|span|br|td|tr|h[1-6])\b",
                         re.IGNORECASE)
_CLOSING = re.compile(r"</\s*(p|div|td|tr|table|span|body|html|h[1-6]|li|font)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: it opens with an HTML tag and closes a few, or is mostly tags."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<") and _HTML_SNIFF.match(head):
        return len(_CLOSING.findall(text[:20000])) >= 2
    return len(_CLOSING.findall(text[:50000])) >= 20


def _read(inp: Input) -> Stream:
    """The reader's entry point: the page's chunk stream over its visible text."""
    found, markup, diags = chunks(inp.text)
    return Stream(found, markup, diags, "html")


READER = Reader("html", frozenset({"html"}), lambda inp: looks_like_html(inp.text), _read,
                forced=frozenset({"html"}))
