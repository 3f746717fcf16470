"""Table assembly: the rows the grammar reads, gathered into the three table nodes of a section,
in the format's terms (:mod:`govinfo_parse.formats.labels`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..formats import labels as L
from ..formats.evidence import WORDS_2019, WORDS_2021, proactive_row_item
from ..nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Heading,
    ItemTable,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    ReportFormat,
    ReviewTable,
    Row,
    Severity,
    Span,
)
from ..stream import HEADER
from .context import ParseContext, RowIR, is_markup, join_spans

__all__ = ["assemble"]



# ------------------------------------------------------------------------------------------
# assembling the rows of one section into tables
# ------------------------------------------------------------------------------------------

@attrs.define
class _Group:
    kind: str  # "pro" | "app" | "review"
    position: int
    rows: list[RowIR] = attrs.field(factory=list)


def _join_split_lines(blocks: Sequence[Block], ctx: ParseContext) -> list[Block]:
    """A prose line that the layout split into cells (a line with pipes outside any table) is
    one block again: adjacent paragraphs and unrecognised pieces from the same source line are
    joined, with the line's text as printed between them (unrecognised if any piece was)."""
    from ..nodes import Unrecognised

    out: list[Block] = []
    for it in blocks:
        prev = out[-1] if out else None
        if (isinstance(it, (Paragraph, Unrecognised)) and isinstance(prev, (Paragraph, Unrecognised))
                and it.span is not None and prev.span is not None
                and prev.span.end_line == it.span.line and prev.span.end <= it.span.start):
            span = ctx.smap.span(prev.span.start, it.span.end)
            text = ctx.source[prev.span.start:it.span.end].strip()
            if isinstance(prev, Unrecognised):
                out[-1] = Unrecognised(text, prev.reason, span)
            elif isinstance(it, Unrecognised):
                out[-1] = Unrecognised(text, it.reason, span)
            else:
                out[-1] = Paragraph(text, span)
        else:
            psp: Span | None = getattr(prev, "span", None)
            isp: Span | None = getattr(it, "span", None)
            if (prev is not None and psp is not None and isp is not None
                    and psp.end_line == isp.line and psp.end < isp.start
                    and all(is_markup(ch) for ch in ctx.source[psp.end:isp.start])):
                # the pipes between two blocks that share a line belong to the first one
                out[-1] = attrs.evolve(prev, span=ctx.smap.span(psp.start, isp.start))
            out.append(it)
    return out


def assemble(items: Sequence[Any], ctx: ParseContext) -> list[Block]:
    """Gather rows into one table per kind per section, placed where its first row was."""
    out: list[Any] = []
    groups: dict[str, _Group] = {}
    pending_heads: list[RowIR] = []
    last_kind: str | None = None

    def group(kind: str) -> _Group:
        """The group of ``kind`` in this section, created (and placed in ``out`` at the current
        position) on first use."""
        g = groups.get(kind)
        if g is None:
            g = _Group(kind, len(out))
            groups[kind] = g
            out.append(g)
        return g

    first_app = next((i for i, x in enumerate(items) if isinstance(x, RowIR) and x.kind == "app"), None)
    for index, it in enumerate(items):
        if not isinstance(it, RowIR):
            if isinstance(it, (Paragraph, Heading)):
                if pending_heads and _blank_review(pending_heads):
                    group("review").rows.extend(pending_heads)
                elif pending_heads:
                    _orphan_heads(pending_heads, out, ctx)
                pending_heads = []
                last_kind = None
            out.append(it)
            continue
        if it.kind in ("item", "pro"):
            g = group("pro")
            g.rows.extend(pending_heads)
            pending_heads = []
            g.rows.append(it)
            last_kind = "pro"
        elif it.kind == "app":
            g = group("app")
            g.rows.extend(pending_heads)
            pending_heads = []
            g.rows.append(it)
            last_kind = "app"
        else:  # a header cell, possibly with values
            if last_kind == "pro" and not it.cells:
                groups["pro"].rows.append(it)
                continue
            if (it.cells and first_app is not None and index < first_app and "review" not in groups
                    and all(c.state is not CellState.NUMBER for c in it.cells)):
                # header cells over placeholder filler before the application table (an OCR'd
                # header split into little tables): part of that table's header, not section 四
                pending_heads.append(it)
            elif it.cells or (last_kind == "review"):
                g = group("review")
                g.rows.extend(pending_heads)
                pending_heads = []
                g.rows.append(it)
                last_kind = "review"
            else:
                pending_heads.append(it)
    if pending_heads and _blank_review(pending_heads):
        group("review").rows.extend(pending_heads)
    elif pending_heads:
        # a header with no rows after it: the header of a table the text lost, or of the next
        # section's table; keep it visible
        _orphan_heads(pending_heads, out, ctx)

    fmt_hint = _proactive_format(groups["pro"].rows) if "pro" in groups else None
    blocks: list[Block] = []
    for x in out:
        if not isinstance(x, _Group):
            blocks.append(x)
        elif x.kind == "pro":
            blocks.append(_build_proactive(x.rows, ctx))
        elif x.kind == "app":
            blocks.append(_build_application(x.rows, ctx, fmt_hint))
        else:
            blocks.append(_build_review(x.rows, ctx))
    return _join_split_lines(blocks, ctx)


_REVIEW_HEADS = frozenset(("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
                           "其他结果", "尚未审结", "结果", "尚未"))


def _blank_review(heads: Sequence[RowIR]) -> bool:
    """Section 四's header followed by nothing but its row of empty cells: every value blank
    (property test: a review table left all blank, as web pages leave zeros)."""
    return (any(h.norm_label.lstrip(HEADER) in _REVIEW_HEADS for h in heads)
            and len(heads[-1].filler) >= len(L.REVIEW_COLUMNS))


def _orphan_heads(heads: list[RowIR], out: list[Any], ctx: ParseContext) -> None:
    """Keep header cells that no table follows as :class:`Unrecognised` blocks in ``out``, each
    with a P002 warning."""
    from ..nodes import Unrecognised

    for h in heads:
        out.append(Unrecognised(h.label, "table header cell without a table", h.span))
        ctx.diag("P002", Severity.WARNING,
                 f"header cell {h.label!r} is not followed by table rows; kept as unrecognised text "
                 "(表头单元格后没有数据行)", h.span)


def _proactive_format(rows: Sequence[RowIR]) -> str | None:
    """The format (``"2019"`` or ``"2021"``) section 二's rows show, by scoring evidence words, an
    item （九） and the column count of items 5 and 6; ``None`` on a tie."""
    s19 = s21 = 0
    for r in rows:
        t = r.norm_label.lstrip(HEADER)
        if r.kind == "item" and "(九)" in t:
            s19 += 2
        if any(w in t for w in WORDS_2021):
            s21 += 1
        elif any(w in t for w in WORDS_2019):
            s19 += 1
        if r.kind == "pro":
            item = proactive_row_item(t)
            if item in ("item5", "item6") and len(r.cells) >= 3:
                s19 += 1
            elif item in ("item5", "item6") and len(r.cells) == 1:
                s21 += 1
    if s19 == s21:
        return None
    return "2019" if s19 > s21 else "2021"


def _item_key(norm: str) -> str | None:
    """The item key (``"item3"``) of a section 二 item header naming ``第（三）项``; ``None`` if it names
    none."""
    m = re.search(r"第\(([一二三四五六七八九十]{1,2})\)项", norm)
    n = L.chinese_numeral(m.group(1)) if m else None
    return f"item{n}" if n else None


def _settle(filler: tuple[Cell, ...], cells: tuple[Cell, ...], n: int) -> tuple[Cell, ...]:
    """The cells of a value row of ``n`` columns from the blanks the grammar set aside as filler
    (right after the label) and the cells after them.

    Blanks right after a label are the row's empty leading cells, unless the row has more than
    ``n`` cells: then blanks at its end go first (a pipe row's padding, the merged-cell slots a
    tab layout prints before the next label), then blanks right after the label (a label cell
    spanning several columns)."""
    out = list(filler) + list(cells)
    while len(out) > n and out[-1].state is CellState.BLANK:
        out.pop()
    while len(out) > n and out[0].state is CellState.BLANK:
        out.pop(0)
    return tuple(out)


def _fit(cells: tuple[Cell, ...], n: int) -> tuple[Cell, ...]:
    """Drop blank merged-cell filler beyond the ``n`` columns of the row."""
    if len(cells) <= n:
        return cells
    extra = cells[n:]
    if all(c.state is CellState.BLANK for c in extra):
        return cells[:n]
    return cells


def _build_proactive(rows: Sequence[RowIR], ctx: ParseContext) -> ProactiveTable2019 | ProactiveTable2021:
    """Section 二's rows as a :class:`ProactiveTable2019` or :class:`ProactiveTable2021`: one
    :class:`ItemTable` per item header, rows keyed by the format's labels and cut to its columns.

    The format comes from the rows (:func:`_proactive_format`), else from the year the text names
    most.  A row without its item header, or under the wrong one, is filed under the item its label
    belongs to; an unknown item or a label that belongs to no item gets a P102 warning (the row is
    kept, with no key)."""
    fmt = _proactive_format(rows) or ("2021" if _year_hint(ctx) >= 2021 else "2019")
    specs = {i.key: i for i in L.proactive_items(fmt)}
    items: list[tuple[str, list[Row], list[Span | None]]] = []
    current: tuple[str, list[Row], list[Span | None]] | None = None
    for r in rows:
        if r.kind == "item":
            key = _item_key(r.norm_label) or "item?"
            if key not in specs:
                ctx.diag("P102", Severity.WARNING,
                         f"{r.label!r} is not a sub-table of section 二 in the {fmt} format "
                         "(该格式第二部分没有此项)", r.span)
            current = (key, [], [r.span])
            items.append(current)
            continue
        if r.kind == "head":
            if current is not None:
                current[2].append(r.span)
            continue
        label = r.norm_label
        inferred = proactive_row_item(label) or "item?"
        if current is None or (current[0] != inferred and inferred != "item?"
                               and not any(x[0] == inferred for x in items[-1:])):
            # a row without its item header (or under the wrong one): file it under its own item
            current = (inferred, [], [])
            items.append(current)
        spec = specs.get(current[0])
        row_key: str | None = None
        ncols = 3
        if spec is not None:
            ncols = len(spec.columns)
            for rs in spec.rows:
                if rs.label == label or (label == "规范性文件" and rs.key == "normative_documents") or (
                        label == "行政规范性文件" and rs.key == "normative_documents"):
                    row_key = rs.key
                    break
        if row_key is None:
            ctx.diag("P102", Severity.WARNING,
                     f"row {r.label!r} does not belong to {current[0]} of section 二 "
                     f"(行标签不属于该子表); kept with no key", r.span)
        cells = _fit(_settle(r.filler, r.cells, ncols), ncols)
        if spec is not None:
            cells = tuple(_as_amount(c) if i < len(spec.columns) and spec.columns[i].amount else c
                          for i, c in enumerate(cells))
        current[1].append(Row(row_key, r.label, cells, r.span))
        current[2].append(r.span)
    tables = tuple(ItemTable(k, tuple(rs), join_spans(sp)) for k, rs, sp in items)
    span = join_spans([r.span for r in rows])
    if fmt == "2021":
        return ProactiveTable2021(tables, span)
    return ProactiveTable2019(tables, span)


def _as_amount(c: Cell) -> Cell:
    """The cell with an integer value turned into a ``Decimal`` (an amount column); other cells
    unchanged."""
    if isinstance(c.value, int):
        return attrs.evolve(c, value=Decimal(c.value))
    return c


_GROUP_TERMINALS = {
    "APP_G_RESULTS": "results", "APP_G_WITHHELD": "withheld", "APP_G_UNAVAILABLE": "unavailable",
    "APP_G_NOT_PROCESSED": "not_processed",
}


_TERMINALS_OF: dict[int, tuple[str, ...]] = {}
for _t, _spec in L.APPLICATION_ROW_BY_TERMINAL.items():
    _TERMINALS_OF[id(_spec)] = (*_TERMINALS_OF.get(id(_spec), ()), _t)


def _build_application(rows: Sequence[RowIR], ctx: ParseContext, fmt_hint: str | None) -> ApplicationTable:
    """The application rows as an :class:`ApplicationTable` keyed by their label terminals, cells
    settled and cut to the table's columns.

    Merged group labels are dropped (kept with no key and a P102 warning if they carry values), and
    so is an empty （六）其他处理 (the 2021 group label); unplaced rows are kept with no key; a label
    printed twice, first without values, keeps only the row with values.  The format is 2021 if any
    ``other.*`` row is present, else ``fmt_hint`` (section 二's), else from the year the text names
    most."""
    out: list[Row] = []
    ncols = len(L.APPLICATION_COLUMNS)
    app_rows = [r for r in rows if r.kind == "app"]
    # what the rows after each one hold, computed once (a look-ahead per row was quadratic)
    last_other = max((i for i, n in enumerate(app_rows) if n.terminal.startswith("APP_O_")), default=-1)
    last_with_cells: dict[str, int] = {}
    for i, n in enumerate(app_rows):
        if n.cells:
            last_with_cells[n.terminal] = i
    for i, r in enumerate(app_rows):
        if r.terminal in _GROUP_TERMINALS:
            if any(c.state is not CellState.BLANK for c in r.cells):
                ctx.diag("P102", Severity.WARNING,
                         f"merged group label {r.label!r} carries values; a group label has none "
                         "(合并标签不应有数值); kept with no key", r.span)
                out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        if r.terminal == "UNPLACED":
            out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        spec = L.APPLICATION_ROW_BY_TERMINAL.get(r.terminal)
        if spec is None:  # pragma: no cover - every label terminal is in the table
            out.append(Row(None, r.label, _fit(r.cells, ncols), r.span))
            continue
        cells = r.cells
        later_other = last_other > i
        if not (spec.key == "other" and later_other):
            cells = _settle(r.filler, cells, ncols)
        if spec.key == "other" and not cells:
            continue  # （六）其他处理 as the 2021 group label
        if not cells and any(
            last_with_cells.get(t, -1) > i for t in _TERMINALS_OF.get(id(spec), (r.terminal,))
        ):
            continue  # a label printed twice (as a heading, then as the row): keep the row
        out.append(Row(spec.key, r.label, _fit(cells, ncols), r.span))
    keys = {r.key for r in out}
    if any(k and k.startswith("other.") for k in keys):
        fmt = "2021"
    elif fmt_hint:
        fmt = fmt_hint
    else:
        fmt = "2021" if _year_hint(ctx) >= 2021 else "2019"
    return ApplicationTable(ReportFormat(fmt), tuple(out), join_spans([r.span for r in rows]))


def _build_review(rows: Sequence[RowIR], ctx: ParseContext) -> ReviewTable:
    """Section 四's cells as a :class:`ReviewTable` of its columns; if the row is short, blank
    filler before the first value is taken back as empty value cells."""
    n = len(L.REVIEW_COLUMNS)
    cells = [c for r in rows for c in r.cells]
    short = n - len(cells)
    first = next((r for r in rows if r.cells), rows[-1] if rows else None)
    if short > 0 and first is not None and first.filler:
        # blanks right before the first printed value were taken for merged-cell filler; the row
        # is short, so they were empty value cells after all
        cells = list(first.filler[-short:]) + cells
    return ReviewTable(_fit(tuple(cells), n), join_spans([r.span for r in rows]))


def _year_hint(ctx: ParseContext) -> int:
    """The year the text mentions most (0 if none); computed once per parse."""
    if ctx.year_hint is None:
        years = [int(y) for y in re.findall(r"(20[0-3]\d)\s*年", ctx.norm.text)]
        ctx.year_hint = max(set(years), key=years.count) if years else 0
    return ctx.year_hint

