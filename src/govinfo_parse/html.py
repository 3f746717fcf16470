"""Reading reports published as web pages.

A government page wraps the report in navigation, headers, footers and share bars; the report
itself is paragraphs and tables (often Word-pasted: ``<o:p>``, ``<span>`` soup, ``<font>``).
This module finds the article body, turns block elements into lines and tables into grids
(``colspan``/``rowspan`` expanded), and emits the same :class:`~govinfo_parse.layout.Chunk`
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

from .layout import BLANK, HEADER, Chunk, squeeze
from .nodes import Diagnostic, Severity
from .normalise import Normalised, normalise

__all__ = ["HtmlDocument", "MarkupNormalised", "chunks", "have_dom_parser", "looks_like_html",
           "read_html", "table_grids"]

# ------------------------------------------------------------------------------------------
# the visible text of the source, with positions (html.parser)
# ------------------------------------------------------------------------------------------

_SKIP_CONTENT = frozenset({"script", "style", "noscript", "template", "textarea", "select", "xml",
                           "svg", "math", "object", "iframe", "title"})
"""Elements whose content is never report text (the ``<title>`` is looked at separately)."""

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "basefont", "frame", "keygen"})


@attrs.define
class _Visible:
    """Decoded character data of the source in source order, one entry per character."""

    text: list[str] = attrs.field(factory=list)
    starts: list[int] = attrs.field(factory=list)
    ends: list[int] = attrs.field(factory=list)

    def add(self, ch: str, start: int, end: int) -> None:
        self.text.append(ch)
        self.starts.append(start)
        self.ends.append(end)


@attrs.define
class _Event:
    kind: str  # "start" | "end" | "text"
    tag: str
    pos: int
    attrs: dict[str, str] = attrs.field(factory=dict)
    first: int = 0  # text: index of its first character in _Visible
    count: int = 0


_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?")


class _Scanner(HTMLParser):
    """Tokenises the source and records every character of text with its source offsets."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.vis = _Visible()
        self.events: list[_Event] = []
        self.skip_depth = 0
        self.skip_tag: str | None = None

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        self.events.append(_Event("start", tag, pos, {k: v or "" for k, v in attrs}))
        if tag in _SKIP_CONTENT and tag not in _VOID:
            if self.skip_tag is None:
                self.skip_tag = tag
                self.skip_depth = 1
            elif tag == self.skip_tag:
                self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        self.events.append(_Event("start", tag, pos, {k: v or "" for k, v in attrs}))
        self.events.append(_Event("end", tag, pos))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(_Event("end", tag, self._pos()))
        if self.skip_tag is not None and tag == self.skip_tag:
            self.skip_depth -= 1
            if self.skip_depth <= 0:
                self.skip_tag = None

    def _text(self, pieces: Sequence[tuple[str, int, int]]) -> None:
        if self.skip_tag is not None or not pieces:
            return
        first = len(self.vis.text)
        for ch, a, b in pieces:
            self.vis.add(ch, a, b)
        self.events.append(_Event("text", "", pieces[0][1], first=first, count=len(pieces)))

    def handle_data(self, data: str) -> None:
        pos = self._pos()
        pieces: list[tuple[str, int, int]] = []
        i = 0
        while i < len(data):
            ch = data[i]
            if ch == "\r":  # the HTML input stream turns CRLF and CR into LF
                if i + 1 < len(data) and data[i + 1] == "\n":
                    i += 1
                    pieces.append(("\n", pos + i - 1, pos + i + 1))
                else:
                    pieces.append(("\n", pos + i, pos + i + 1))
            else:
                pieces.append((ch, pos + i, pos + i + 1))
            i += 1
        self._text(pieces)

    def _ref(self) -> None:
        pos = self._pos()
        m = _ENTITY.match(self.source, pos)
        raw = m.group(0) if m else self.source[pos : pos + 1]
        text = _html.unescape(raw)
        self._text([(ch, pos, pos + len(raw)) for ch in text])

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()


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
            stack.extend(reversed([c for c in el.children if isinstance(c, _El)]))

    def text(self) -> str:
        return "".join(t.chars for t in self.texts())

    def texts(self) -> Iterator[_Txt]:
        for c in self.children:
            if isinstance(c, _Txt):
                yield c
            elif c.tag not in _SKIP_CONTENT:
                yield from c.texts()


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
    vis_text = "".join(sc.vis.text)
    tag_positions: dict[str, list[int]] = {}
    for ev in sc.events:
        if ev.kind == "start":
            tag_positions.setdefault(ev.tag, []).append(ev.pos)
    tag_seen: dict[str, int] = {}
    cursor = 0

    def convert(node: Any) -> _El | _Txt | None:
        nonlocal cursor
        tag = node.tag
        if tag == "-text":
            data: str = node.text_content or ""
            if not data.strip(" \t\n\r\f"):  # layout white space: not worth aligning
                here = sc.vis.starts[cursor] if cursor < len(sc.vis.starts) else len(source)
                return _Txt(data, [here] * len(data), [here] * len(data))
            at = vis_text.find(data, cursor)
            if at < 0:
                stripped = data.strip()
                at = vis_text.find(stripped, cursor)
                if at >= 0:
                    data = stripped
            if at < 0:  # text the tokenizer did not see as such: keep it, without a position
                pos = sc.vis.starts[cursor] if cursor < len(sc.vis.starts) else len(source)
                return _Txt(data, [pos] * len(data), [pos] * len(data))
            cursor = at + len(data)
            return _Txt(data, sc.vis.starts[at:cursor], sc.vis.ends[at:cursor])
        if not isinstance(tag, str) or tag.startswith("-"):
            return None  # comments, doctype
        k = tag_seen.get(tag, 0)
        tag_seen[tag] = k + 1
        plist = tag_positions.get(tag, [])
        el = _El(tag, {str(a): str(v or "") for a, v in (node.attributes or {}).items()},
                 [], plist[k] if k < len(plist) else -1)
        if tag in _SKIP_CONTENT:
            return el  # not descended: its text is not report text
        child = node.child
        while child is not None:
            c = convert(child)
            if c is not None:
                el.children.append(c)
            child = child.next
        return el

    root = convert(doc.root) if doc.root is not None else None
    return root if isinstance(root, _El) else _El("html")


def _attach_title_text(root: _El, sc: _Scanner) -> None:
    """Give the ``<title>`` element its text (with positions): the scan skips it as content."""
    title_el = next((e for e in root.iter() if e.tag == "title"), None)
    if title_el is None:
        return
    # the scanner skips the title's text; read it from the source directly
    start = next((ev.pos for ev in sc.events if ev.kind == "start" and ev.tag == "title"), -1)
    end = next((ev.pos for ev in sc.events if ev.kind == "end" and ev.tag == "title"), -1)
    if start < 0 or end < 0:
        return
    gt = sc.source.find(">", start)
    if gt < 0 or gt >= end:
        return
    a = gt + 1
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in re.finditer(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?|[\s\S]", sc.source[a:end]):
        raw = m.group(0)
        text = _html.unescape(raw) if len(raw) > 1 else raw
        for ch in text:
            chars.append(ch)
            starts.append(a + m.start())
            ends.append(a + m.end())
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

    for ev in sc.events:
        if ev.kind == "text":
            sl = slice(ev.first, ev.first + ev.count)
            stack[-1].children.append(_Txt("".join(sc.vis.text[sl]), sc.vis.starts[sl], sc.vis.ends[sl]))
        elif ev.kind == "start":
            tag = ev.tag
            if tag in _IMPLIED_P_CLOSERS:
                close("p", frozenset({"td", "th", "table", "li", "div"}))
            if tag == "li":
                close("li", frozenset({"ul", "ol"}))
            if tag in ("td", "th"):
                close("td", frozenset({"tr", "table"}))
                close("th", frozenset({"tr", "table"}))
            if tag == "tr":
                close("tr", frozenset({"table"}))
            el = _El(tag, ev.attrs, [], ev.pos)
            stack[-1].children.append(el)
            if tag not in _VOID:
                stack.append(el)
        else:
            if ev.tag in _VOID:
                continue
            stop = frozenset({"table"}) if ev.tag in ("td", "th", "tr", "tbody", "thead", "tfoot") else frozenset()
            close(ev.tag, stop)
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
    if el.tag in _DROP_TAGS or el.tag.startswith(("w:", "m:", "v:")):
        return True
    if el.attr.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _HIDDEN.search(el.attr.get("style", "")) or "hidden" in el.attr:
        return True
    names = " ".join((el.attr.get("id", ""), el.attr.get("class", "")))
    return bool(names.strip()) and bool(_BOILERPLATE.search(names))


def _measure(el: _El, sizes: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(visible non-space characters, of which inside links) of ``el``, memoised by id."""
    total = links = 0
    for c in el.children:
        if isinstance(c, _Txt):
            total += sum(1 for ch in c.chars if not ch.isspace())
        elif c.tag not in _SKIP_CONTENT:
            t, lk = _measure(c, sizes)
            total += t
            links += t if c.tag == "a" else lk
    sizes[id(el)] = (total, links)
    return total, links


def _article(root: _El) -> tuple[_El, frozenset[int]]:
    """The element holding the report: descend from ``<body>`` while one child holds almost all
    the text that is not navigation (link text does not count).  Also returns the ids of the
    elements inside it that hold half its text or more (never dropped as furniture)."""
    sizes: dict[int, tuple[int, int]] = {}
    _measure(root, sizes)
    body = next((e for e in root.iter() if e.tag == "body"), root)

    def weight(e: _El) -> int:
        t, lk = sizes.get(id(e), (0, 0))
        return t - lk

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
    return cur, frozenset(id(e) for e in cur.iter() if weight(e) >= half)


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
    try:
        return max(1, min(int(re.sub(r"\D", "", el.attr.get(name, "1")) or "1"), 200))
    except ValueError:  # pragma: no cover - the regex leaves digits only
        return 1


def _is_layout_table(table: _El) -> bool:
    """A table used for page layout (its cells hold paragraphs or tables), not a data grid."""
    rows = _rows(table)
    for tr in rows:
        for td in _cells(tr):
            if any(e.tag == "table" for e in td.iter() if e is not td):
                return True
            if len(squeeze(td.text())) > 300:
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


def _collapse(chars: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """HTML white-space rules for display: runs become one space, none at the ends, and none
    between two CJK characters (Chinese text has no spaces: a line break or an indent in the
    source there is not one).  A no-break space (``&nbsp;``) is content, not white space."""
    out: list[tuple[str, int, int]] = []
    pending: tuple[str, int, int] | None = None
    for ch, a, b in chars:
        if ch.isspace() and ch != "\u00a0":
            if out and pending is None:
                pending = (" ", a, b)
            continue
        if pending is not None:
            if not (_CJK.match(out[-1][0]) and _CJK.match(ch)):
                out.append(pending)
            pending = None
        out.append((ch, a, b))
    return out


@attrs.define
class _Builder:
    """Accumulates the normalised visible text (one chunk per line) and its offset map."""

    text: list[str] = attrs.field(factory=list)
    offsets: list[int] = attrs.field(factory=list)
    chunks: list[Chunk] = attrs.field(factory=list)
    line: list[tuple[str, int, int]] = attrs.field(factory=list)

    def _emit(self, chars: Sequence[tuple[str, int, int]], *, cell: bool, header: bool = False,
              at: int = 0) -> None:
        shown = _collapse(chars)  # no white space at either end (a no-break space is kept)
        core = list(shown)
        while core and core[-1][0].isspace():
            core.pop()
        while core and core[0][0].isspace():
            core.pop(0)
        if core:  # "&nbsp;5&nbsp;": the span is the 5; a cell of &nbsp; alone keeps its span
            shown = core
        start = len(self.text)
        if shown:
            raw = "".join(c for c, _, _ in shown)
            norm = normalise(raw)
            for i, ch in enumerate(norm.text):
                self.text.append(ch)
                self.offsets.append(shown[norm.source_offset(i)][1] if norm.offsets else shown[i][1])
            end_src = shown[-1][2]
            squeezed = squeeze(norm.text)
        else:
            end_src = at
            squeezed = ""
        end = len(self.text)
        if not squeezed:
            if cell:
                first = chars[0][1] if chars else at
                self.chunks.append(Chunk(BLANK, start, end))
                if not shown:
                    self.offsets.append(first)
                    self.text.append("\n")
                    return
            elif not shown:
                return
        else:
            self.chunks.append(Chunk((HEADER if header else "") + squeezed, start, end))
        self.text.append("\n")
        self.offsets.append(end_src)

    def add_text(self, t: _Txt) -> None:
        self.line.extend(zip(t.chars, t.starts, t.ends, strict=True))

    def newline(self) -> None:
        if self.line:
            self._emit(self.line, cell=False)
            self.line = []

    def cell(self, chars: Sequence[tuple[str, int, int]], *, header: bool, at: int) -> None:
        self._emit(chars, cell=True, header=header, at=at)

    def line_chunk(self, chars: Sequence[tuple[str, int, int]]) -> None:
        self._emit(chars, cell=False)


def _cell_chars(el: _El) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for c in el.children:
        if isinstance(c, _Txt):
            out.extend(zip(c.chars, c.starts, c.ends, strict=True))
        elif not _is_dropped(c):
            out.extend(_cell_chars(c))
    return out


def _is_row_label(text: str) -> bool:
    """A ``<th>`` holding a row label (some pages mark the first column so) is no header cell."""
    from .labelmatch import app_label_terminals, terminal_of

    return bool(text) and terminal_of(text, app_label_terminals() | {"PRO_ROW", "ITEM"}) is not None


def _unknown(text: str) -> bool:
    """Text the grammar reads as nothing but a paragraph."""
    from .labelmatch import terminal_of

    return bool(text) and terminal_of(text) in (None, "TEXT")


def _emit_table(table: _El, b: _Builder) -> None:
    grid = _grid(table)
    width = len(grid[0]) if grid else 0
    seen_values = False
    for r, row in enumerate(grid):
        starts = [(slot[0], c) for c, slot in enumerate(row) if slot is not None and slot[1] == r and slot[2] == c]
        cells = [(td, c, _cell_chars(td)) for td, c in starts]
        texts = [squeeze(normalise("".join(ch for ch, _, _ in chars)).text) for _, _, chars in cells]
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
                    b.cell([], header=False, at=at)


def _walk(el: _El, b: _Builder, keep: frozenset[int] = frozenset()) -> None:
    """Lines and tables of ``el`` in document order.  ``keep``: ids of elements never dropped
    as page furniture (they hold the report, whatever their class names say)."""
    for c in el.children:
        if isinstance(c, _Txt):
            b.add_text(c)
            continue
        if _is_dropped(c) and id(c) not in keep:
            continue
        if c.tag == "br":
            b.newline()
        elif c.tag == "table":
            b.newline()
            if _is_layout_table(c):
                for tr in _rows(c):
                    for td in _cells(tr):
                        _walk(td, b, keep)
                        b.newline()
            else:
                _emit_table(c, b)
        elif c.tag in _BLOCK or c.tag in ("td", "th"):
            b.newline()
            _walk(c, b, keep)
            b.newline()
        else:
            _walk(c, b, keep)
    # the caller closes the last line


_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开)[^\n]{0,16}(年度报告|年报)")
_DATE_WORDS = re.compile(r"(发布(时间|日期)|成文日期)\s*[:：]?\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?")


def _text_chars(el: _El) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for t in el.texts():
        out.extend(zip(t.chars, t.starts, t.ends, strict=True))
    return out


def _outside_title(root: _El, article: _El) -> list[tuple[str, int, int]] | None:
    """The page's headline when the article body does not start with the report's title."""
    inside = {id(e) for e in article.iter()}
    cands: list[_El] = []
    for e in root.iter():
        if id(e) in inside or e.tag in ("script", "style"):
            continue
        names = (e.attr.get("class", "") + " " + e.attr.get("id", "")).lower()
        if e.tag in ("h1", "h2", "h3") or "title" in names or e.tag == "title":
            cands.append(e)
    cands.sort(key=lambda e: e.tag == "title")  # the <title> element only as the last resort
    for e in cands:
        chars = _collapse(_text_chars(e))
        text = "".join(c for c, _, _ in chars)
        m = _TITLE_WORDS.search(text)
        if not m or len(text) > 120:
            continue
        # a <title> often adds the site name: keep the segment that names the report
        lo, hi = 0, len(chars)
        for sep in re.finditer(r"[_|｜]|\s-\s|--", text):
            if sep.end() <= m.start():
                lo = sep.end()
            elif sep.start() >= m.end():
                hi = min(hi, sep.start())
        return chars[lo:hi]
    return None


def _outside_date(root: _El, article: _El) -> list[tuple[str, int, int]] | None:
    inside = {id(e) for e in article.iter()}
    for e in root.iter():
        if id(e) in inside or e.tag in _SKIP_CONTENT or not any(isinstance(c, _Txt) for c in e.children):
            continue
        chars = _collapse(_text_chars(e))
        text = "".join(c for c, _, _ in chars)
        m = _DATE_WORDS.search(text)
        if m:
            return chars[m.start() : m.end()]
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
        chars = [(self.visible_text[k], self.visible_starts[k], self.visible_starts[k]) for k in range(i, j)]
        return "".join(c for c, _, _ in _collapse(chars)).strip()


@attrs.frozen
class HtmlDocument:
    """What :func:`read_html` found in a page."""

    chunks: tuple[Chunk, ...]
    norm: MarkupNormalised
    diagnostics: tuple[Diagnostic, ...]
    dom: str
    """``"lexbor"`` (selectolax) or ``"html.parser"`` (the fallback)."""


def _root(source: str, sc: _Scanner, use_dom: bool | None) -> tuple[_El, str]:
    root: _El | None = None
    dom = "html.parser"
    if use_dom is not False and have_dom_parser():
        try:
            root, dom = _tree_from_lexbor(source, sc), "lexbor"
        except Exception:  # pragma: no cover - fall back rather than fail
            root = None
    if root is None:
        root, dom = _tree_from_scan(sc), "html.parser"
    _attach_title_text(root, sc)
    return root, dom


def read_html(source: str, *, use_dom: bool | None = None) -> HtmlDocument:
    """Read a web page (decoded text) into the chunk stream of its report.

    ``use_dom=False`` forces the fallback tree builder (for tests and comparison)."""
    sc = _scan(source)
    root, dom = _root(source, sc, use_dom)
    article, keep = _article(root)
    b = _Builder()
    title = _outside_title(root, article)
    head_lines: list[list[tuple[str, int, int]]] = []
    body_start = "".join(c for c, _, _ in _collapse(_text_chars(article)))[:200]
    if title is not None and not _TITLE_WORDS.search(body_start):
        head_lines.append(title)
    date = _outside_date(root, article)
    if date is not None and not _DATE_WORDS.search(body_start):
        head_lines.append(date)
    for line in head_lines:
        b.line_chunk(line)
    _walk(article, b, keep)
    b.newline()
    offsets = [*b.offsets, b.offsets[-1] if b.offsets else 0]
    # the offset map must not go backwards within a chunk; between chunks it may (a title found
    # outside the article is put first)
    norm = MarkupNormalised("".join(b.text), tuple(offsets), "".join(sc.vis.text), tuple(sc.vis.starts))
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
    root, _ = _root(source, sc, use_dom)
    out: list[list[list[GridSlot | None]]] = []
    for t in root.iter():
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
                text = "".join(ch for ch, _, _ in _collapse(_cell_chars(td))).strip()
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
