"""Build PDF and Word files from generated reports, inside the test run.

Both builders take a report's pieces as :mod:`govinfo_parse.render` lays them out (lines, and
tables as the official grids with their colspan/rowspan) and print them:

- :func:`build_docx` with python-docx: one paragraph per line, one Word table per grid, merged
  cells made with ``cell.merge`` (``w:gridSpan`` and ``w:vMerge``);
- :func:`build_pdf` with reportlab and its built-in CJK font STSong-Light (a CID font that
  pdfminer maps back to Unicode, so no font file is needed): A4 pages, labels wrapped inside
  their cells, blank cells printing nothing, a table that does not fit continuing on the next
  page, page numbers ``- n -`` at the foot, with or without ruling lines.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from govinfo_parse.nodes import Report
from govinfo_parse.render import Grid, GridCell, _Line, _pieces, table_grid

Placed = tuple[int, int, GridCell]


def placed(grid: Grid) -> list[Placed]:
    """(row, column, cell) of every cell of a grid, where it starts."""
    out: list[Placed] = []
    for r, slots in enumerate(grid.slots()):
        for col, (kind, cell) in enumerate(slots):
            if kind == "cell":
                out.append((r, col, cell))
    return out


def pieces(report: Report) -> list[_Line | Grid]:
    """The report's lines and table grids, in order."""
    return [p if isinstance(p, _Line) else table_grid(p) for p in _pieces(report)]


# ------------------------------------------------------------------------------------------
# Word
# ------------------------------------------------------------------------------------------


def build_docx(report: Report, *, merge: bool = True) -> bytes:
    """The report as a .docx (``merge``: merged cells as Word merges; else spans left as
    separate empty cells)."""
    import docx

    document = docx.Document()
    for p in pieces(report):
        if isinstance(p, _Line):
            if p.kind in ("title", "section"):
                document.add_heading(p.text, level=1 if p.kind == "title" else 2)
            else:
                for line in p.text.split("\n"):
                    document.add_paragraph(line)
            continue
        table = document.add_table(rows=len(p.rows), cols=p.width)
        for r, c, cell in placed(p):
            target = table.cell(r, c)
            if merge and (cell.rowspan > 1 or cell.colspan > 1):
                target = target.merge(table.cell(min(r + cell.rowspan, len(p.rows)) - 1,
                                                 min(c + cell.colspan, p.width) - 1))
            target.text = cell.text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------
# PDF
# ------------------------------------------------------------------------------------------

FONT = "STSong-Light"
_PAGE_W, _PAGE_H = 595.0, 842.0
_MARGIN = 40.0
_PAD = 3.0


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (character by character, as CJK text
    wraps; an explicit line break is kept)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and stringWidth(line + ch, FONT, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out or [""]


class _Pdf:
    """A reportlab canvas with a cursor, page breaks and page numbers."""

    def __init__(self) -> None:
        from reportlab.pdfgen import canvas

        _font()
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(_PAGE_W, _PAGE_H))
        self.page = 1
        self.y = _PAGE_H - _MARGIN  # reportlab's y grows upwards

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = _PAGE_H - _MARGIN

    def footer(self) -> None:
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(_PAGE_W / 2, _MARGIN / 2, f"- {self.page} -")

    def text_line(self, text: str, size: float) -> None:
        width = _PAGE_W - 2 * _MARGIN
        first = True
        for line in _wrap(text, width - (2 * size if first else 0), size):
            if self.y - size * 1.5 < _MARGIN:
                self.new_page()
            self.c.setFont(FONT, size)
            self.y -= size * 1.5
            self.c.drawString(_MARGIN + (2 * size if first else 0), self.y, line)
            first = False

    def done(self) -> bytes:
        self.footer()
        self.c.save()
        return self.buf.getvalue()


def _text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max((stringWidth(x, FONT, size) for x in text.split("\n")), default=0.0)


def _widths(grid: Grid, cells: Sequence[Placed], size: float) -> list[float] | None:
    """Column widths: value columns as wide as their widest value (values never wrap), merged
    group-label columns as wide as their labels, the other label columns share the rest (their
    labels wrap).  None when the values do not fit at this font size."""
    value_cols = {c for _, c, cell in cells if cell.kind == "value" and cell.colspan == 1}
    value_cols |= {c for _, c, cell in cells if cell.kind == "head" and cell.colspan == 1
                   and not any(c == cc for _, cc, x in cells if x.kind == "label")} - {0}
    total = _PAGE_W - 2 * _MARGIN
    vw = max([_text_width(cell.text, size) + 2 * _PAD + 2 for _, c, cell in cells
              if cell.kind == "value"] + [30.0])
    fixed: dict[int, float] = {c: vw for c in value_cols}
    for _, c, cell in cells:
        if cell.kind == "group" and c not in value_cols:
            fixed[c] = max(fixed.get(c, 0.0), _text_width(cell.text, size) + 2 * _PAD + 2)
    labels = [c for c in range(grid.width) if c not in fixed]
    rest = total - sum(fixed.values())
    if rest < 60 * len(labels) or (not labels and rest < 0):
        return None
    lw = rest / len(labels) if labels else 0.0
    return [fixed.get(c, lw) for c in range(grid.width)]


def _draw_table(pdf: _Pdf, grid: Grid, *, ruled: bool, size: float) -> None:
    """A table grid at the cursor, row by row, continuing on a new page where a row does not fit."""
    cells = placed(grid)
    widths = _widths(grid, cells, size)
    while widths is None and size > 4:
        size -= 0.5
        widths = _widths(grid, cells, size)
    assert widths is not None, "the values do not fit on the page"
    xs = [_MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    lead = size * 1.2
    nrows = len(grid.rows)
    wrapped: dict[tuple[int, int], list[str]] = {}
    heights = [lead + 2 * _PAD] * nrows
    for r, c, cell in cells:
        w = xs[min(c + cell.colspan, grid.width)] - xs[c] - 2 * _PAD
        lines = _wrap(cell.text, w, size)
        wrapped[(r, c)] = lines
        need = len(lines) * lead + 2 * _PAD
        last = min(r + cell.rowspan, nrows) - 1
        have = sum(heights[r:last + 1])
        if need > have:
            heights[last] += need - have
    for r in range(nrows):
        if pdf.y - heights[r] < _MARGIN:
            pdf.new_page()
        top = pdf.y
        for rr, c, cell in cells:
            if rr != r:
                continue
            last = min(r + cell.rowspan, nrows) - 1
            h = sum(heights[r:last + 1])
            x0, x1 = xs[c], xs[min(c + cell.colspan, grid.width)]
            if ruled:
                # a merged cell cut by the page break is drawn to the page's bottom margin
                pdf.c.rect(x0, max(top - h, _MARGIN), x1 - x0, min(h, top - _MARGIN))
            pdf.c.setFont(FONT, size)
            for k, line in enumerate(wrapped[(r, c)]):
                y = top - _PAD - (k + 1) * lead + (lead - size) / 2
                if y < _MARGIN:
                    break
                if cell.kind == "value" or (cell.kind == "head" and c > 0):  # values, value headers centred
                    pdf.c.drawCentredString((x0 + x1) / 2, y, line)
                else:
                    pdf.c.drawString(x0 + _PAD, y, line)
        if ruled:  # the slots of cells from rows above that continue here on a new page
            for rr, c, cell in cells:
                if rr < r <= rr + cell.rowspan - 1 and top == _PAGE_H - _MARGIN:
                    x0, x1 = xs[c], xs[min(c + cell.colspan, grid.width)]
                    h = sum(heights[r:min(rr + cell.rowspan, nrows)])
                    pdf.c.rect(x0, top - h, x1 - x0, h)
        pdf.y -= heights[r]


def build_pdf(report: Report, *, ruled: bool = True, size: float = 9.0) -> bytes:
    """The report as an A4 PDF (module docstring); ``ruled``: tables drawn with ruling lines."""
    pdf = _Pdf()
    for p in pieces(report):
        if isinstance(p, _Line):
            for line in p.text.split("\n"):
                pdf.text_line(line, 12.0 if p.kind in ("title", "section") else 10.5)
            pdf.y -= 4
            continue
        _draw_table(pdf, p, ruled=ruled, size=size)
        pdf.y -= 8
    return pdf.done()


def read_back(data: bytes, filename: str, **kw: Any) -> Report:
    """``parse_bytes`` of a built file, without validation."""
    import govinfo_parse

    return govinfo_parse.parse_bytes(data, filename=filename, validate=False, **kw)
