"""Render a report back to text: the layouts reports are published in, and our own plain form.

``render(report, layout)`` writes the report's content — title and date line, section and
numbered headings, paragraphs, page chrome, unrecognised text, the three statistics tables in
either format, legacy prose — in one of these layouts:

``text``
    The canonical plain form: one block per line, blank lines between blocks, tables as aligned
    pipe grids with the application table's labels indented by their merged group.
``lines``
    One cell per line with a blank line between cells (seed 000).  An empty value cell is a
    line holding a single tab (the convention the layout reader shares with ``tabs``).
``tabs``
    Tab-indented cells, one per line, no-break spaces around values, a blank line after each
    table row and a bare tab line for each slot of a merged (row-spanned) cell (seed 002).
``pipes``
    ``a | b | c |`` rows padded with empty cells to the width of the table grid, as scrapes of
    the official tables print them (seeds 003/004).
``markdown``
    ``#`` headings and GFM tables.
``html``
    A complete HTML article whose tables are the official grids, with the colspan/rowspan the
    format draws.

The tables are built once as grids of cells with their spans (:class:`GridCell`); each layout
decides how to print a span.  Everything is printed as it was printed in the source (row labels,
cell text): ``parse(render(r, layout)) == r`` for a report ``r`` read from any layout.

The package: :mod:`~govinfo_parse.render.grid` builds the official grid of each table,
:mod:`~govinfo_parse.render.pieces` turns a report into the lines and tables to print, and
:mod:`~govinfo_parse.render.layouts` holds the six layouts' writers.
"""

from __future__ import annotations

from typing import Final, Literal

from ..nodes import Report
from .grid import APP_NOTE as APP_NOTE
from .grid import Grid as Grid
from .grid import GridCell, table_grid
from .layouts import _RENDERERS, _render_html
from .layouts import NBSP as NBSP
from .pieces import _Line as _Line
from .pieces import _Piece as _Piece
from .pieces import _pieces

__all__ = ["LAYOUTS", "GridCell", "Layout", "render", "table_grid"]

Layout = Literal["text", "lines", "tabs", "pipes", "markdown", "html"]
LAYOUTS: Final[tuple[str, ...]] = ("text", "lines", "tabs", "pipes", "markdown", "html")
"""The layout names :func:`render` accepts (``text`` is the default)."""


def render(report: Report, layout: str = "text") -> str:
    """The report as text in one of :data:`LAYOUTS`.

    Raises ``ValueError`` for an unknown layout name.  Rendering is total: every report renders,
    including ones built by hand; a report read by :func:`govinfo_parse.parse` renders to text
    that parses back to an equal report.
    """
    pieces = list(_pieces(report))
    if layout == "html":
        return _render_html(pieces, report.metadata.title)
    fn = _RENDERERS.get(layout)
    if fn is None:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    return fn(pieces)
