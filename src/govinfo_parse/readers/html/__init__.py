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
import re
from typing import TYPE_CHECKING, ClassVar

import attrs

from ..._lazy import lazy_attributes, lazy_compile
from ...nodes import Diagnostic, Severity
from ...normalise import Normalised
from ...stream import Chunk, Stream
from ...tables.labels import place_labels
from ..base import Input, Reader

if TYPE_CHECKING:
    from .emit import GridSlot
    from .scan import _Scanner
    from .tree import _El, have_dom_parser

__all__ = ["READER", "HtmlDocument", "MarkupNormalised", "chunks", "have_dom_parser", "looks_like_html",
           "read_html", "table_grids"]

__getattr__ = lazy_attributes(__name__, {"GridSlot": "emit", "have_dom_parser": "tree"})
"""The submodules (``html.parser``, the tree builders, article detection) load on the first page
read, not with the registry: every plain-text input imports this package for ``looks_like_html``."""

@attrs.frozen(eq=False)
class MarkupNormalised(Normalised):
    """The visible text of a markup source, normalised, one chunk per line, with offsets into
    the markup.  ``printed(a, b)`` is the visible text of ``source[a:b]`` (markup removed),
    which is what the parser reports as printed for a node spanning those offsets."""

    markup: ClassVar[bool] = True
    visible_text: str = ""
    visible_starts: tuple[int, ...] = ()

    def printed(self, a: int, b: int) -> str:
        """The visible text of ``source[a:b]``, white space collapsed as a browser would."""
        from .scan import _collapse_text

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


DOM_MAX_DEPTH = 2000
"""Pages nesting elements deeper than this are built by the scan's own tree builder: Lexbor takes
time quadratic in the depth (30,000 nested ``<div>``s: 8 s), the builder linear time."""


def _root(source: str, sc: _Scanner, use_dom: bool | None) -> tuple[_El, list[_El], str]:
    """The element tree of ``source``: (root, its elements in document order with their counts set,
    the parser used — ``"lexbor"`` or ``"html.parser"``).  Lexbor unless ``use_dom`` is ``False`` or
    selectolax is missing; an error in the Lexbor path falls back to the tree built from the scan.
    """
    from .article import _number
    from .tree import _attach_title_text, _tree_from_lexbor, _tree_from_scan, have_dom_parser

    root: _El | None = None
    dom = "html.parser"
    if use_dom is not False and have_dom_parser() and sc.max_depth <= DOM_MAX_DEPTH:
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
    from .article import _DATE_WORDS, _TITLE_WORDS, _article, _outside_date, _outside_title
    from .emit import _Builder, _walk
    from .scan import _collapse_text, _Run, _scan
    from .tree import MAX_DEPTH, have_dom_parser

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
    if dom != "lexbor" and use_dom is not False and have_dom_parser():
        why = (f"the page nests elements {sc.max_depth} deep" if sc.max_depth > DOM_MAX_DEPTH
               else "the DOM parser (selectolax) could not read this page")
        diags.append(Diagnostic(
            "P105", Severity.INFO, f"{why}; read with the built-in tree builder (HTML 解析器未使用)"))
    elif dom != "lexbor":
        diags.append(Diagnostic(
            "P105", Severity.INFO,
            "HTML read without a DOM parser (selectolax not installed): install govinfo-parse[html] "
            "for pages with broken markup (未安装 HTML 解析器)"))
    if root.clipped:
        diags.append(Diagnostic(
            "P111", Severity.INFO,
            f"markup nested more than {MAX_DEPTH} elements deep: {root.clipped} element(s) below that depth "
            "are read as part of their ancestor (their text is kept) (HTML 嵌套过深)"))
    return HtmlDocument(tuple(b.chunks), norm, tuple(diags), dom)


def chunks(source: str) -> tuple[list[Chunk], MarkupNormalised, list[Diagnostic]]:
    """The chunk stream of a web page, its visible text (as the ``norm`` of
    :func:`govinfo_parse.api.parse_chunks`) and the reader's diagnostics."""
    doc = read_html(source)
    return list(doc.chunks), doc.norm, list(doc.diagnostics)


def table_grids(source: str, *, use_dom: bool | None = None) -> list[list[list[GridSlot | None]]]:
    """Every data table of the page as a grid with ``colspan``/``rowspan`` expanded: one list
    per row, one :class:`GridSlot` per column (None where no cell covers the slot)."""
    from .article import _is_layout_table
    from .emit import GridSlot, _cell_chars, _grid
    from .scan import _collapse_text, _scan

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


_HTML_SNIFF = lazy_compile(r"<\s*(!doctype\s+html|html|head|body|meta|p|div|table|span|br|td|tr|h[1-6])\b",
                           re.IGNORECASE)
_CLOSING = lazy_compile(r"</\s*(p|div|td|tr|table|span|body|html|h[1-6]|li|font)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: it opens with an HTML tag and closes a few, or is mostly tags."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<") and _HTML_SNIFF.match(head):
        return len(_CLOSING.findall(text[:20000])) >= 2
    return len(_CLOSING.findall(text[:50000])) >= 20


def _read(inp: Input) -> Stream:
    """The reader's entry point: the page's chunk stream over its visible text, row labels
    placed as in the plain-text layouts (:func:`~govinfo_parse.tables.labels.place_labels`: an
    approximately printed label is taken for its official row, ``P101``)."""
    found, markup, diags = chunks(inp.text)
    found, placed = place_labels(found, inp.text, markup)
    return Stream(found, markup, [*diags, *placed], "html")


READER = Reader("html", frozenset({"html"}), lambda inp: looks_like_html(inp.text), _read,
                forced=frozenset({"html"}))
