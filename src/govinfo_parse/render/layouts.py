"""The writers of the six layouts (text, lines, tabs, pipes, markdown, html): a report's pieces
(:mod:`govinfo_parse.render.pieces`) and the tables' grids (:mod:`govinfo_parse.render.grid`)
printed as one layout's text."""

from __future__ import annotations

import html as _html
import unicodedata
from collections.abc import Callable, Sequence
from typing import Final

from ..formats import labels as L
from ..nodes import ApplicationTable, LegacyTable, ProactiveTable2019, ProactiveTable2021
from .grid import (
    APP_NOTE,
    _app_path,
    _cell_text,
    _item_columns,
    _item_label,
    _legacy_head,
    _legacy_rows,
    _review_grid,
    _Table,
    table_grid,
)
from .pieces import _Line, _Piece

NBSP = "\u00a0"

def _width(s: str) -> int:
    """The display width of ``s``: wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    """``s`` padded with spaces to display width ``w``."""
    return s + " " * max(0, w - _width(s))


def _aligned(rows: Sequence[Sequence[str]], *, trailing: bool = True) -> list[str]:
    """Rows of cells as ``a | b | c |`` lines with the columns aligned (display width)."""
    n = max((len(r) for r in rows), default=0)
    widths = [max((_width(r[i]) for r in rows if i < len(r)), default=0) for i in range(n)]
    out = []
    for r in rows:
        parts = [_pad(c, widths[i]) for i, c in enumerate(r)]
        line = " | ".join(parts) + (" |" if trailing else "")
        out.append(line.rstrip() if not trailing else line)
    return out


def _lines_of(text: str) -> list[str]:
    """A text piece's lines (one empty line for an empty text)."""
    return text.split("\n") if text else [""]


# ---- text ---------------------------------------------------------------------------------


def _legacy_text_table(t: LegacyTable) -> list[str]:
    """A legacy table in the plain form: aligned pipe rows, group headings on lines of their own."""
    grid = [_legacy_head(t)]
    lone: dict[int, list[str]] = {}
    for title, cells in _legacy_rows(t):
        if title is not None:
            lone.setdefault(len(grid), []).append(title)
        else:
            grid.append([c.text for c in cells])
    out: list[str] = []
    for i, line in enumerate(_aligned(grid)):
        out.extend(lone.get(i, []))
        out.append(line)
    out.extend(lone.get(len(grid), []))
    return out


def _text_table(t: _Table) -> list[str]:
    """A table in the plain ``text`` form: section 二 item by item (the item label, then the
    aligned rows under the 信息内容 header, a blank line between items); section 三 as aligned rows
    under 申请人情况 and the column labels, row labels indented two spaces per group level and each
    group label on a line of its own before its first row; section 四 as the aligned rows of its
    grid (continued cells empty); a legacy table by :func:`_legacy_text_table`."""
    if isinstance(t, LegacyTable):
        return _legacy_text_table(t)
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        out: list[str] = []
        for it in t.items:
            cols = _item_columns(t.FORMAT, it)
            if out:
                out.append("")
            out.append(_item_label(it.item))
            rows = [["信息内容", *cols]] + [[r.label, *(_cell_text(c) for c in r.cells)] for r in it.rows]
            out.extend(_aligned(rows))
        return out
    if isinstance(t, ApplicationTable):
        grid: list[list[str]] = [["申请人情况", *(c.label for c in L.APPLICATION_COLUMNS)]]
        lone: dict[int, list[str]] = {}
        prev: tuple[str, ...] = ()
        for r in t.rows:
            path = _app_path(r.key)
            for level, group in enumerate(path):
                if prev[: level + 1] != path[: level + 1]:
                    lone.setdefault(len(grid), []).append("  " * level + group)
            prev = path
            grid.append(["  " * len(path) + r.label, *(_cell_text(c) for c in r.cells)])
        lines = _aligned(grid)
        out = []
        for i, line in enumerate(lines):
            out.extend(lone.get(i, []))
            out.append(line)
        return out
    g = _review_grid(t)
    rows = []
    for slots in g.slots():
        rows.append([c.text if k == "cell" else "" for k, c in slots])
    return _aligned(rows)


def _render_text(pieces: Sequence[_Piece]) -> str:
    """The ``text`` layout: each piece's lines followed by a blank line, one newline at the end."""
    out: list[str] = []
    for p in pieces:
        out.extend(_text_table(p) if not isinstance(p, _Line) else _lines_of(p.text))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- lines ----------------------------------------------------------------------------------


def _render_lines(pieces: Sequence[_Piece]) -> str:
    """The ``lines`` layout: each text piece's lines then a blank line; each grid cell on a line of
    its own followed by a blank line (an empty value cell as a single tab)."""
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            out.append("")
            continue
        for row in table_grid(p).rows:
            for c in row:
                out.append(c.text if c.text or c.kind != "value" else "\t")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- tabs -----------------------------------------------------------------------------------


def _render_tabs(pieces: Sequence[_Piece]) -> str:
    """The ``tabs`` layout: each text piece's lines then a blank line; per grid row one tab-indented
    line per slot (a value with a no-break space alternately before and after it; a bare tab for
    an empty cell or a slot a cell from above continues into; nothing for the further columns a
    cell spans; any other cell as a tab and its text) and a blank line; one more blank line after each table."""
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            out.append("")
            continue
        n = 0
        for slots in table_grid(p).slots():
            for kind, c in slots:
                if kind == "right":
                    continue
                if kind == "down" or not c.text:
                    out.append("\t")
                elif c.kind == "value":
                    # the no-break space sits before or after the value, as the seed prints it
                    out.append("\t" + (NBSP + c.text if n % 2 == 0 else c.text + NBSP))
                    n += 1
                else:
                    out.append("\t" + c.text)
            out.append("")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- pipes ----------------------------------------------------------------------------------


def _pipe_row(cells: Sequence[str], pad: int) -> str:
    """One ``a | b |`` row (an empty cell as ``| ``) followed by ``pad`` bare ``|`` fillers; without
    fillers, trailing white space is stripped."""
    line = "".join(f"{c} | " if c else "| " for c in cells)
    if pad:
        return line + "|" * pad
    return line.rstrip()


def _render_pipes(pieces: Sequence[_Piece]) -> str:
    """The ``pipes`` layout: text pieces line by line (no blank lines); each grid row as a pipe row,
    with ``|`` fillers up to the grid's width when its slots (own and continued cells) fill it."""
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            out.extend(_lines_of(p.text))
            continue
        g = table_grid(p)
        for row, slots in zip(g.rows, g.slots(), strict=True):
            texts = [c.text for c in row]
            # the merged-cell filler of a full row ("||||", read back as filler and dropped); a row
            # shorter than the grid gets none: within the row's columns it would read as empty cells
            out.append(_pipe_row(texts, g.width - len(texts) if len(slots) >= g.width else 0))
    return "\n".join(out) + "\n"


# ---- markdown -------------------------------------------------------------------------------


def _md_escape(s: str) -> str:
    """``s`` with ``|`` escaped for a GFM table cell."""
    return s.replace("|", "\\|")


def _md_row(cells: Sequence[str]) -> str:
    """One GFM table row."""
    return "| " + " | ".join(_md_escape(c) for c in cells) + " |"


def _md_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table: the header row, the ``---`` delimiter row, the body rows."""
    out = [_md_row(header), "|" + "|".join("---" for _ in header) + "|"]
    out.extend(_md_row(r) for r in body)
    return out


def _markdown_table(t: _Table) -> list[str]:
    """A table as GFM: section 二 as one table per item after its label line and a blank line;
    section 三 under a header of the corner note and the column labels, each group label as a
    one-cell row before its first row; section 四 as its grid's rows (the first is the header,
    continued cells empty); a legacy table with its group headings as one-cell rows."""
    if isinstance(t, LegacyTable):
        return _md_table(_legacy_head(t), [[title] if title is not None else [c.text for c in cells]
                                           for title, cells in _legacy_rows(t)])
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        out: list[str] = []
        for it in t.items:
            cols = _item_columns(t.FORMAT, it)
            out += [_item_label(it.item), ""]
            out += _md_table(["信息内容", *cols], [[r.label, *(_cell_text(c) for c in r.cells)] for r in it.rows])
            out.append("")
        return out[:-1]
    if isinstance(t, ApplicationTable):
        body: list[list[str]] = []
        prev: tuple[str, ...] = ()
        for r in t.rows:
            path = _app_path(r.key)
            for level, group in enumerate(path):
                if prev[: level + 1] != path[: level + 1]:
                    body.append([group])  # a merged group label: a short row, no value cells
            prev = path
            body.append([r.label, *(_cell_text(c) for c in r.cells)])
        return _md_table([APP_NOTE, *(c.label for c in L.APPLICATION_COLUMNS)], body)
    g = _review_grid(t)
    rows = [[c.text if k == "cell" else "" for k, c in slots] for slots in g.slots()]
    return _md_table(rows[0], rows[1:])


_MD_PREFIX = {"title": "# ", "section": "## ", "h2": "### ", "h3": "#### "}


def _render_markdown(pieces: Sequence[_Piece]) -> str:
    """The ``markdown`` layout: title, section and heading lines as ``#`` … ``####`` headings, other
    text as it is, tables as GFM, each piece followed by a blank line."""
    out: list[str] = []
    for p in pieces:
        if isinstance(p, _Line):
            prefix = _MD_PREFIX.get(p.kind, "")
            out.extend(prefix + line for line in _lines_of(p.text))
        else:
            out.extend(_markdown_table(p))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---- html -----------------------------------------------------------------------------------


_HTML_TAG = {"title": "h1", "section": "h2", "h2": "h3", "h3": "h4"}


def _html_text(s: str) -> str:
    """Text escaped for HTML, its line breaks as ``<br>``."""
    return "<br>".join(_html.escape(x, quote=False) for x in s.split("\n"))


def _html_table(t: _Table) -> list[str]:
    """A table's grid as an HTML ``<table>`` with its colspan/rowspan; an empty cell holds
    ``&nbsp;``."""
    out = ["<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">", "<tbody>"]
    for row in table_grid(t).rows:
        tds = []
        for c in row:
            attrs_ = ""
            if c.colspan > 1:
                attrs_ += f' colspan="{c.colspan}"'
            if c.rowspan > 1:
                attrs_ += f' rowspan="{c.rowspan}"'
            tds.append(f"<td{attrs_}>{_html_text(c.text) if c.text else '&nbsp;'}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _render_html(pieces: Sequence[_Piece], title: str | None) -> str:
    # a report without a title gets a neutral page title (a made-up report title would be read
    # back as the report's headline)
    """The ``html`` layout: a complete page whose ``<article>`` holds the pieces (title, section
    and headings as ``<h1>`` … ``<h4>``, other text as ``<p>``, tables as their grids); the page
    title is the report's title, or 年度报告 when it has none."""
    head = _html.escape(title or "年度报告", quote=False)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{head}</title>", "</head>", "<body>", "<article>"]
    for p in pieces:
        if isinstance(p, _Line):
            tag = _HTML_TAG.get(p.kind, "p")
            out.append(f"<{tag}>{_html_text(p.text)}</{tag}>")
        else:
            out.extend(_html_table(p))
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


_RENDERERS: Final[dict[str, Callable[[Sequence[_Piece]], str]]] = {
    "text": _render_text,
    "lines": _render_lines,
    "tabs": _render_tabs,
    "pipes": _render_pipes,
    "markdown": _render_markdown,
}

