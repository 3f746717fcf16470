"""Finding the report in a page: dropped chrome, hidden elements, the article body, table rows
and cells, the title and date printed outside the article."""

from __future__ import annotations

import re

from .scan import _SKIP_CONTENT, _cat, _collapse, _collapse_text, _Run
from .tree import _El, _Txt

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
    """Whether an element is page furniture to drop (:func:`_dropped`, memoised on the element)."""
    if el.dropped is None:
        el.dropped = _dropped(el)
    return el.dropped


def _dropped(el: _El) -> bool:
    """Whether an element is page furniture: a navigation, header, footer, form … or
    skipped-content tag, an Office-namespace tag (``w:``, ``m:``, ``v:``), a landmark role, hidden
    by style or the ``hidden`` attribute, or an id/class naming boilerplate (nav, footer, share,
    sidebar …)."""
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


_SECTION_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")


def _is_section_heading(el: _El) -> bool:
    """A heading element (``<h1>``–``<h6>``) printing a numbered section heading ("一、总体情况")."""
    return el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and bool(_SECTION_HEADING.match(el.text()))


def _article(root: _El, order: list[_El]) -> tuple[_El, frozenset[int]]:
    """The element holding the report: descend from ``<body>`` while one child holds almost all
    the text that is not navigation (link text does not count).  Also returns the ids of the
    elements inside it that hold half its text or more (never dropped as furniture)."""
    body = next((e for e in order if e.tag == "body"), root)

    def weight(e: _El) -> int:
        """An element's visible characters outside links."""
        return e.total - e.links

    whole = max(1, weight(body))
    cur = body
    while True:
        kids = [k for k in cur.elements()
                if not (_is_dropped(k) and weight(k) < 0.5 * whole) and k.tag not in _SKIP_CONTENT]
        best = max(kids, key=weight) if kids else None
        if (best is None or (best.tag == "table" and not _is_layout_table(best))
                or weight(best) < 0.8 * max(1, weight(cur)) or best.tag in ("p", "span", "a", "font")
                or any(k is not best and _is_section_heading(k) for k in kids)):
            break  # (a numbered section heading beside the text is part of the report: stay)
        cur = best
    half = 0.5 * max(1, weight(cur))
    return cur, frozenset(id(e) for e in order[cur.idx : cur.last + 1] if e.total - e.links >= half)


# ------------------------------------------------------------------------------------------
# tables
# ------------------------------------------------------------------------------------------


def _rows(table: _El) -> list[_El]:
    """The ``<tr>`` rows of a table: its own, and those of its ``<tbody>``, ``<thead>`` and
    ``<tfoot>`` (not those of nested tables)."""
    out: list[_El] = []
    for c in table.elements():
        if c.tag == "tr":
            out.append(c)
        elif c.tag in ("tbody", "thead", "tfoot"):
            out.extend(r for r in c.elements() if r.tag == "tr")
    return out


def _cells(tr: _El) -> list[_El]:
    """The ``<td>`` and ``<th>`` cells of a row."""
    return [c for c in tr.elements() if c.tag in ("td", "th")]


def _span(el: _El, name: str) -> int:
    """A cell's ``rowspan`` or ``colspan`` (``name``) as an integer clamped to 1–200; the digits of
    a malformed value (``"2px"``), 1 if missing or without digits."""
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



_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开)[^\n]{0,16}(年度报告|年报)")
_DATE_WORDS = re.compile(r"(发布(时间|日期)|成文日期)\s*[:：]?\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?")
_TITLE_SEP = re.compile(r"[_|｜]|\s-\s|--")


def _text_chars(el: _El) -> _Run:
    """The text below an element as one run with per-character offsets."""
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
    """The publication date printed outside the article (``发布时间：2021-01-20``): the
    white-space-collapsed run of the first match of the date words in an element outside it that
    holds text directly; ``None`` if there is none."""
    for e in order:
        if (article.idx <= e.idx <= article.last or e.tag in _SKIP_CONTENT
                or not any(type(c) is _Txt for c in e.children)):
            continue
        if e.idx < article.idx and e.last >= article.last:
            # an ancestor of the article (<body>, <html>): only the text it holds itself is
            # outside the article, not its descendants' (the article's own date line is in it)
            chars = _collapse(_cat([(c.chars, c.starts, c.ends) for c in e.children if type(c) is _Txt and c.chars]))
        else:
            chars = _collapse(_text_chars(e))
        m = _DATE_WORDS.search(chars[0])
        if m:
            return chars[0][m.start() : m.end()], chars[1][m.start() : m.end()], chars[2][m.start() : m.end()]
    return None


# ------------------------------------------------------------------------------------------
# the public entry points
# ------------------------------------------------------------------------------------------
