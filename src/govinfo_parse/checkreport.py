"""The visual check report: self-contained HTML pages showing what :func:`govinfo_parse.validate`
found, on the tables as a person knows them.

- :func:`report_page` — one report: its three statistics tables drawn as the official format
  draws them (merged headers, row groups), every cell of a failing sum highlighted (``fail``,
  the likeliest culprit also ``culprit``), cells other diagnostics name marked (``flag``),
  cells the reader inferred (decoded by the sums, placed by position: ``inferred``), left
  undecided (``undecided``) or whose row label matched only approximately (``approx``) marked;
  each diagnostic in words beside its table, linked to and from its cells; each cell linked to
  its line in a listing of the source text where there is one;
- :func:`overview_page` — one row per report (agency, year, status, errors, warnings) linking
  to the per-report pages;
- :func:`batch_page` — the overview and every report on one page;
- :func:`write_check_report` — an overview ``index.html`` and one page per report in a folder.

Everything printed is escaped; the pages carry their own CSS and load nothing (no scripts, no
external assets), so they open from a file, an e-mail attachment or a CI artefact alike.
``govinfo-parse check --format html [--output DIR]`` is the command-line way to them.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .formats.cellrefs import table_cells
from .formats.glosses import TABLE_NAMES
from .nodes import (
    ApplicationTable,
    Cell,
    CellRef,
    CellState,
    Diagnostic,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    Severity,
    Span,
)
from .render import table_grid

__all__ = ["batch_page", "overview_page", "read_source_text", "report_page", "write_check_report"]

SeriesItem = tuple[str | None, Diagnostic]
"""A series diagnostic with the name of the file it points into (as ``check --series`` has them)."""

_SUM_CODES = ("A1", "A2", "A3", "A4", "R104", "R105")
_INFERRED_CODES = ("F102", "F103", "F104", "F106", "P106")
_UNDECIDED_CODES = ("F105", "F107", "F108")

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1.05em}
table.grid{border-collapse:collapse;margin:.5em 0;font-size:.85em}
table.grid td,table.grid th{border:1px solid #999;padding:2px 5px;vertical-align:middle}
table.grid th{background:#f1f1f1;font-weight:normal}
td.v{text-align:right;min-width:2.2em;font-variant-numeric:tabular-nums}
td.v a.src{color:inherit;text-decoration:none}
td.fail{background:#ffd0d0;outline:2px solid #d00}
td.culprit{background:#ff9a9a;font-weight:bold}
td.flag{background:#fff2b3}
td.inferred{background-image:repeating-linear-gradient(45deg,transparent 0 4px,#cfe3ff 4px 6px)}
td.undecided{background:#e3d4ff;font-style:italic}
th.approx,td.approx{text-decoration:underline wavy #c60}
td.blank{color:#999}
sup.codes a{color:#a00;font-size:.75em;text-decoration:none;margin-left:2px}
ul.diags{list-style:none;padding-left:0}
ul.diags li{margin:.3em 0;padding:.2em .4em;border-left:4px solid #999}
ul.diags li.error{border-color:#d00}ul.diags li.warning{border-color:#e90}ul.diags li.info{border-color:#39c}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}
.code{font-family:monospace;font-weight:bold}
.help{color:#555;font-size:.9em}
.cells a{font-family:monospace;font-size:.85em;margin-right:.4em}
table.overview{border-collapse:collapse}table.overview td,table.overview th{border:1px solid #bbb;padding:3px 8px}
.status-error{color:#b00;font-weight:bold}.status-warning{color:#a60}.status-ok{color:#080}
pre.source{font-size:.8em;background:#fafafa;border:1px solid #ddd;padding:.5em;max-height:40em;overflow:auto}
pre.source span.ln{color:#999;user-select:none;display:inline-block;width:4em}
pre.source .hit{background:#ffe3e3}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border:1px solid #999}
"""

_LEGEND = (
    '<p class="legend">'
    '<span style="background:#ffd0d0;outline:2px solid #d00">failing sum</span>'
    '<span style="background:#ff9a9a;font-weight:bold">likeliest culprit</span>'
    '<span style="background:#fff2b3">other diagnostic</span>'
    '<span style="background-image:repeating-linear-gradient(45deg,transparent 0 4px,#cfe3ff 4px 6px)">'
    "inferred by the reader</span>"
    '<span style="background:#e3d4ff;font-style:italic">undecided</span>'
    '<span style="text-decoration:underline wavy #c60">label matched approximately</span></p>'
)


def _e(text: object) -> str:
    """Escape any text for HTML element content and quoted attributes."""
    return html.escape(str(text), quote=True)


def _slug(text: str) -> str:
    """A string safe in an id or a file name (ASCII letters, digits, ``-``, ``_`` and ``.``)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "x"


def _page(title: str, body: str) -> str:
    """A complete, self-contained HTML document."""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _status(diags: Sequence[Diagnostic]) -> tuple[str, int, int]:
    """(status word, errors, warnings) of a list of diagnostics."""
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    return ("error" if errors else "warning" if warnings else "ok"), errors, warnings


# --------------------------------------------------------------------------------------------
# Which cell is which: table cells in grid order with their keys
# --------------------------------------------------------------------------------------------


_table_cells = table_cells  # the cells of a table with their keys (formats.cellrefs)


def _table_rows(t: object) -> list[Span | None]:
    """The spans of a table's rows in grid order (for marking approximately matched labels)."""
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        return [r.span for item in t.items for r in item.rows]
    if isinstance(t, ApplicationTable):
        return [r.span for r in t.rows]
    return []


def _table_key(t: object) -> str:
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        return "proactive"
    return "applications" if isinstance(t, ApplicationTable) else "reviews"


class _Marks:
    """Which diagnostics concern which cell, by key (``Diagnostic.cells``) and by position (the
    span and related spans of parse-time diagnostics); built once per report."""

    def __init__(self, diags: Sequence[Diagnostic]) -> None:
        self.by_ref: dict[CellRef, list[int]] = {}
        self.by_span: dict[Span, list[int]] = {}
        self.by_start: dict[int, list[int]] = {}
        self.culprits: set[Span] = set()
        for i, d in enumerate(diags):
            for ref in d.cells:
                self.by_ref.setdefault(ref, []).append(i)
            for sp in (d.span, *d.related):
                if sp is not None:
                    self.by_span.setdefault(sp, []).append(i)
            if d.span is not None:
                self.by_start.setdefault(d.span.start, []).append(i)
            if d.code in _SUM_CODES and d.span is not None:
                self.culprits.add(d.span)

    def of_cell(self, cell: Cell, ref: CellRef) -> list[int]:
        """Indices of the diagnostics about a cell, in report order."""
        found = set(self.by_ref.get(ref, ()))
        if cell.span is not None:
            found.update(self.by_span.get(cell.span, ()))
        return sorted(found)


# --------------------------------------------------------------------------------------------
# One report
# --------------------------------------------------------------------------------------------


def _cell_html(cell: Cell, ref: CellRef, colspan: int, diag_ids: list[int], diags: Sequence[Diagnostic],
               marks: _Marks, prefix: str, has_source: bool) -> str:
    """One value cell: its printed text, its classes, its codes linking to the diagnostics, and
    a link to its line in the source listing."""
    classes = ["v"]
    codes = [diags[i].code for i in diag_ids]
    if any(c in _SUM_CODES for c in codes):
        classes.append("fail")
        if cell.span is not None and cell.span in marks.culprits:
            classes.append("culprit")
    elif any(diags[i].severity is not Severity.INFO or diags[i].code == "D101" for i in diag_ids):
        classes.append("flag")
    if any(c in _INFERRED_CODES for c in codes):
        classes.append("inferred")
    if any(c in _UNDECIDED_CODES for c in codes) or (
            cell.state is CellState.PLACEHOLDER and cell.raw.strip().isdigit()):
        classes.append("undecided")
    if cell.state is CellState.BLANK:
        classes.append("blank")
    text = _e(cell.raw) if cell.raw else "&#160;"
    if has_source and cell.span is not None:
        text = f'<a class="src" href="#{prefix}L{cell.span.line}" title="line {cell.span.line}">{text}</a>'
    sup = ""
    if diag_ids:
        links = "".join(f'<a href="#{prefix}d{i}">{_e(diags[i].code)}</a>' for i in dict.fromkeys(diag_ids))
        sup = f'<sup class="codes">{links}</sup>'
    tip = " | ".join(f"{diags[i].code}: {diags[i].message}" for i in dict.fromkeys(diag_ids))
    attrs_ = [f'class="{" ".join(classes)}"', f'id="{prefix}c-{_slug(ref.key)}"', f'data-cell="{_e(ref.key)}"']
    if diag_ids:
        attrs_.append(f'data-codes="{_e(" ".join(dict.fromkeys(codes)))}"')
    if tip:
        attrs_.append(f'title="{_e(tip)}"')
    if colspan > 1:
        attrs_.append(f'colspan="{colspan}"')
    return f"<td {' '.join(attrs_)}>{text}{sup}</td>"


def _table_html(t: object, diags: Sequence[Diagnostic], marks: _Marks, prefix: str, has_source: bool,
                approx_rows: set[int]) -> tuple[str, set[int]]:
    """A table as the format draws it, and the indices of the diagnostics its cells show."""
    grid = table_grid(t)  # type: ignore[arg-type]
    cells = iter(_table_cells(t))
    row_spans = _table_rows(t)
    label_no = 0
    shown: set[int] = set()
    out = [f'<table class="grid t-{_table_key(t)}">']
    for row in grid.rows:
        out.append("<tr>")
        for g in row:
            span_attr = (f' colspan="{g.colspan}"' if g.colspan > 1 else "") + (
                f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "")
            if g.kind == "value":
                pair = next(cells, None)
                if pair is None:
                    out.append(f'<td class="v"{span_attr}>{_e(g.text)}</td>')
                    continue
                cell, ref = pair
                ids = marks.of_cell(cell, ref)
                shown.update(ids)
                out.append(_cell_html(cell, ref, g.colspan, ids, diags, marks, prefix, has_source))
            elif g.kind == "label":
                approx = label_no < len(row_spans) and label_no in approx_rows
                label_no += 1
                cls = ' class="label approx"' if approx else ' class="label"'
                out.append(f"<th{cls}{span_attr}>{_e(g.text)}</th>")
            else:
                out.append(f'<th class="{_e(g.kind)}"{span_attr}>{_e(g.text)}</th>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out), shown


def _approx_rows(t: object, diags: Sequence[Diagnostic]) -> set[int]:
    """Rows (grid order) whose label a P101 diagnostic says was matched only approximately."""
    starts = [d.span.start for d in diags if d.code == "P101" and d.span is not None]
    out: set[int] = set()
    for i, sp in enumerate(_table_rows(t)):
        if sp is not None and any(sp.start <= s < max(sp.end, sp.start + 1) for s in starts):
            out.add(i)
    return out


def _diag_html(i: int, d: Diagnostic, path: str, prefix: str, has_source: bool) -> str:
    """One diagnostic in words, with its position and the cells it names."""
    where = ""
    if d.span is not None:
        loc = f"{path}:{d.span.line}:{d.span.column}"
        where = (f'<a href="#{prefix}L{d.span.line}">{_e(loc)}</a> ' if has_source else f"{_e(loc)} ")
    cells = ""
    if d.cells:
        cells = '<div class="cells">cells: ' + "".join(
            f'<a href="#{prefix}c-{_slug(c.key)}">{_e(c.key)}</a>' for c in d.cells) + "</div>"
    help_ = f'<div class="help">help: {_e(d.suggestion)}</div>' if d.suggestion else ""
    return (f'<li id="{prefix}d{i}" class="{d.severity.value}" data-code="{_e(d.code)}">{where}'
            f'<span class="sev">{_e(d.severity.value)}</span> <span class="code">[{_e(d.code)}]</span> '
            f"{_e(d.message)}{help_}{cells}</li>")


def _source_html(text: str, hit_lines: set[int], prefix: str) -> str:
    """The source text, one anchor per line (``#L<n>``), the lines diagnostics point at marked."""
    out = ['<pre class="source">']
    for n, line in enumerate(text.split("\n"), 1):
        cls = ' class="hit"' if n in hit_lines else ""
        out.append(f'<span id="{prefix}L{n}"{cls}><span class="ln">{n}</span>{_e(line.rstrip(chr(13)))}</span>')
    out.append("</pre>")
    return "\n".join(out)


def read_source_text(report: Report, path: str | os.PathLike[str] | None = None) -> str | None:
    """The decoded source text a report's spans point into (the PDF's extracted text for a PDF),
    or None when there is no readable file."""
    where = path if path is not None else report.source.path
    if not where or not os.path.isfile(where):
        return None
    from .decode import decode_bytes
    from .readers.pdf import pdf_text

    try:
        data = Path(where).read_bytes()
        if report.source.kind == "pdf":
            return pdf_text(data)
        return decode_bytes(data).text
    except Exception:  # a listing is a convenience; the page stands without it
        return None


def _report_body(name: str, report: Report, series: Sequence[SeriesItem], prefix: str,
                 source_text: str | None, heading: str = "h1") -> str:
    """The body of one report's section: summary, tables with their diagnostics, the rest, source."""
    diags = list(report.diagnostics) + [d for where, d in series if where == name]
    status, errors, warnings = _status(diags)
    marks = _Marks(diags)
    has_source = source_text is not None
    md = report.metadata
    parts = [
        f'<{heading} id="{prefix}top">{_e(md.title or name)}</{heading}>',
        f'<p class="summary" data-status="{status}"><b>{_e(name)}</b> — agency {_e(md.agency or "—")}, '
        f"year {_e(md.year if md.year is not None else '—')}, {_e(report.format.value)} format — "
        f'<span class="status-{status}">{_e(status)}</span>: {errors} error(s), {warnings} warning(s), '
        f"{len(diags) - errors - warnings} info(s)</p>",
        _LEGEND,
    ]
    shown: set[int] = set()
    for t in report.tables():
        key = _table_key(t)
        table, on_cells = _table_html(t, diags, marks, prefix, has_source, _approx_rows(t, diags))
        tspan = getattr(t, "span", None)
        in_table = {i for i, d in enumerate(diags)
                    if d.span is not None and tspan is not None and tspan.start <= d.span.start < tspan.end}
        mine = sorted(on_cells | in_table)
        shown.update(mine)
        parts.append(f'<h2 id="{prefix}t-{key}">{_e(TABLE_NAMES[key])}</h2>')
        parts.append(table)
        if mine:
            parts.append('<ul class="diags">' + "".join(_diag_html(i, diags[i], name, prefix, has_source)
                                                       for i in mine) + "</ul>")
    rest = [i for i in range(len(diags)) if i not in shown]
    if not report.tables():
        parts.append('<p class="empty"><b>No statistics table was read from this report.</b></p>')
    if rest:
        parts.append(f'<h2 id="{prefix}other">Document, prose and series</h2>')
        parts.append('<ul class="diags">' + "".join(_diag_html(i, diags[i], name, prefix, has_source)
                                                   for i in rest) + "</ul>")
    if source_text is not None:
        hits = {sp.line for d in diags for sp in (d.span, *d.related) if sp is not None}
        parts.append(f'<h2 id="{prefix}source">Source text</h2>')
        parts.append(_source_html(source_text, hits, prefix))
    return "\n".join(parts)


def report_page(name: str, report: Report, *, series: Sequence[SeriesItem] = (),
                source_text: str | None = None, back: str | None = None) -> str:
    """One self-contained page for one report (``name``: what the page calls it, usually its
    path).  ``series``: series diagnostics, those pointing into ``name`` are shown too;
    ``source_text``: the decoded text the spans point into (see :func:`read_source_text`), for
    the per-line links; ``back``: a link to an overview page."""
    nav = f'<p><a href="{_e(back)}">← all reports</a></p>' if back else ""
    return _page(f"check: {name}", nav + _report_body(name, report, series, "", source_text))


def _overview_table(rows: Iterable[tuple[str, Report, str, Sequence[Diagnostic]]]) -> str:
    """The overview table: one row per report, linking to its page (or anchor)."""
    out = ['<table class="overview"><tr><th>report</th><th>agency</th><th>year</th><th>format</th>'
           "<th>status</th><th>errors</th><th>warnings</th></tr>"]
    for name, r, href, diags in rows:
        status, errors, warnings = _status(diags)
        out.append(
            f'<tr data-status="{status}"><td><a href="{_e(href)}">{_e(name)}</a></td>'
            f"<td>{_e(r.metadata.agency or '—')}</td><td>{_e(r.metadata.year if r.metadata.year else '—')}</td>"
            f'<td>{_e(r.format.value)}</td><td class="status-{status}">{_e(status)}</td>'
            f"<td>{errors}</td><td>{warnings}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def _with_series(name: str, r: Report, series: Sequence[SeriesItem]) -> list[Diagnostic]:
    return list(r.diagnostics) + [d for where, d in series if where == name]


def _loose_series_html(series: Sequence[SeriesItem]) -> str:
    """The series diagnostics tied to no report, as a list of their own (empty where there are none)."""
    loose = [d for where, d in series if where is None]
    if not loose:
        return ""
    return '<h2>Series</h2><ul class="diags">' + "".join(
        _diag_html(i, d, "series", "s-", False) for i, d in enumerate(loose)) + "</ul>"


def overview_page(entries: Sequence[tuple[str, Report, str]], *, series: Sequence[SeriesItem] = ()) -> str:
    """A page with one row per report — agency, year, status, errors, warnings — each linking to
    the ``href`` given with it (a per-report page)."""
    rows = [(n, r, h, _with_series(n, r, series)) for n, r, h in entries]
    extra = _loose_series_html(series)
    return _page("govinfo-parse check", f"<h1>Checked {len(entries)} report(s)</h1>\n"
                 + _overview_table(rows) + extra)


def batch_page(reports: Sequence[tuple[str, Report]], *, series: Sequence[SeriesItem] = (),
               with_source: bool = True) -> str:
    """One page for a batch: the overview, then every report (anchors ``#r<n>-top``)."""
    rows = [(n, r, f"#r{k}-top", _with_series(n, r, series)) for k, (n, r) in enumerate(reports)]
    bodies = []
    for k, (n, r) in enumerate(reports):
        text = read_source_text(r, None if n == "<stdin>" else n) if with_source else None
        bodies.append(f'<section class="report" id="r{k}">'
                      + _report_body(n, r, series, f"r{k}-", text, heading="h1") + "</section>")
    extra = _loose_series_html(series)
    return _page("govinfo-parse check", f"<h1>Checked {len(reports)} report(s)</h1>\n"
                 + _overview_table(rows) + extra + "\n<hr>\n" + "\n<hr>\n".join(bodies))


def write_check_report(reports: Sequence[tuple[str, Report]], out_dir: str | os.PathLike[str], *,
                       series: Sequence[SeriesItem] = ()) -> list[Path]:
    """Write ``index.html`` (the overview) and one page per report into ``out_dir`` (created if
    missing); returns the paths written, the overview first."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pages: list[Path] = []
    entries: list[tuple[str, Report, str]] = []
    for k, (name, r) in enumerate(reports):
        stem = _slug(Path(name).name) if name != "<stdin>" else "stdin"
        page = out / f"{k + 1:03d}-{stem}.html"
        text = read_source_text(r, None if name == "<stdin>" else name)
        page.write_text(report_page(name, r, series=series, source_text=text, back="index.html"),
                        encoding="utf-8")
        pages.append(page)
        entries.append((name, r, page.name))
    index = out / "index.html"
    index.write_text(overview_page(entries, series=series), encoding="utf-8")
    return [index, *pages]
