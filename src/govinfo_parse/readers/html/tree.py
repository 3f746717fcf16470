"""The element tree of a page: from Lexbor (selectolax) with positions aligned to the scan, or
built from the scan itself when selectolax is missing or gives up."""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from typing import Any

import attrs

from .scan import _SKIP_CONTENT, _VOID, _Scanner


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
    clipped: int = 0
    """(On the root only) elements nested deeper than :data:`MAX_DEPTH`, read as part of their
    ancestor at that depth."""

    def elements(self) -> Iterator[_El]:
        """The child elements (not text), in order."""
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
        """All text below this element, concatenated (see :meth:`texts`)."""
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


MAX_DEPTH = 100
"""Elements nested deeper than this are not elements of the tree: their content (text, and the
elements below them) belongs to their ancestor at this depth.  Real pages nest 10–40 levels; the
bound keeps every walk over the tree within Python's recursion limit on any markup (1,000 or
100,000 nested ``<div>``s), and the builders iterative."""


def have_dom_parser() -> bool:
    """True when selectolax (the ``govinfo-parse[html]`` extra) is installed."""
    try:
        import selectolax.lexbor  # noqa: F401
    except ImportError:
        return False
    return True


def _tree_from_lexbor(source: str, sc: _Scanner) -> _El:
    """The Lexbor (selectolax) tree of ``source`` as :class:`_El`/:class:`_Txt` nodes, every text
    node aligned with the scan's visible text for its offsets and every element given the position
    of the same-numbered start tag of its name in the scan.  Skipped elements are kept without
    children; comments and the doctype are dropped."""
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser(source)
    vis_text = sc.visible()
    vis_starts, vis_ends = sc.vis_starts, sc.vis_ends
    n_vis = len(vis_starts)
    tag_positions = sc.tag_positions
    tag_seen: dict[str, int] = {}
    cursor = 0
    ws = " \t\n\r\f"

    def text_of(node: Any) -> _Txt:
        """One Lexbor text node as a :class:`_Txt`: its text is found in the visible text from the
        cursor on; text it cannot find (or layout white space) gets the cursor's position for every
        character."""
        nonlocal cursor
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

    root = _El("html")
    clipped = 0
    # depth-first in document order with an explicit stack (no recursion: any nesting depth);
    # each entry is (node, the element its content goes to, depth of that element)
    stack: list[tuple[Any, _El | None, int]] = [(doc.root, None, 0)] if doc.root is not None else []
    while stack:
        node, parent, depth = stack.pop()
        tag = node.tag
        if tag == "-text":
            if parent is not None:
                parent.children.append(text_of(node))
            continue
        if not isinstance(tag, str) or tag.startswith("-"):
            continue  # comments, doctype
        k = tag_seen.get(tag, 0)
        tag_seen[tag] = k + 1
        if parent is not None and depth >= MAX_DEPTH:
            if tag in _SKIP_CONTENT:
                continue
            target, tdepth = parent, depth  # too deep: its content goes to the ancestor
            clipped += 1
        else:
            plist = tag_positions.get(tag)
            attributes = node.attributes
            el = _El(tag, {a: v or "" for a, v in attributes.items()} if attributes else {},
                     [], plist[k] if plist is not None and k < len(plist) else -1)
            if parent is None:
                root = el
            else:
                parent.children.append(el)
            target, tdepth = el, depth + 1
            if tag in _SKIP_CONTENT:
                continue  # not descended: its text is not report text
        kids = []
        child = node.child
        while child is not None:
            kids.append(child)
            child = child.next
        for c in reversed(kids):
            stack.append((c, target, tdepth))
    root.clipped = clipped
    return root



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


_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})


def _tree_from_scan(sc: _Scanner) -> _El:
    """A forgiving tree builder on the scanner's events (used without selectolax)."""
    root = _El("html", {}, [], 0)
    stack: list[_El] = [root]

    def close(tag: str, stop: frozenset[str] = frozenset()) -> None:
        """Close the innermost open ``tag`` (and everything opened inside it), unless an element in
        ``stop`` is open inside it first; the root is never closed."""
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].tag == tag:
                del stack[i:]
                return
            if stack[i].tag in stop:
                return

    vis_text = sc.visible()
    for kind, tag, pos, attributes, first, count in sc.events:
        if kind == "text":
            txt = _Txt(vis_text[first : first + count], sc.vis_starts[first : first + count],
                       sc.vis_ends[first : first + count])
            i = len(stack) - 1
            while i > 0 and stack[i].tag in _TABLE_PARTS:
                i -= 1
            if i == len(stack) - 1:
                stack[-1].children.append(txt)
            else:  # text in a table but in no cell: "foster-parented" before the table, as HTML does
                outer = stack[i + 1]
                kids = stack[i].children
                at = next((j for j in range(len(kids) - 1, -1, -1) if kids[j] is outer), len(kids))
                kids.insert(at, txt)
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
            if len(stack) > MAX_DEPTH:  # too deep: its content goes to the ancestor (see MAX_DEPTH)
                root.clipped += 1
                continue
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
