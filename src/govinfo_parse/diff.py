"""Compare two reports: what changed in the tables, the sections and the prose.

``diff(a, b)`` lists the differences that make ``a != b``, as typed change records in document
order: the report's format and metadata, then section by section (titles, paragraphs and
headings, by section number), then the tables cell by cell (by table / item / row / column
key).  It is meant for the same agency's two years, or a draft against what was published.

* Cells are matched by their canonical address, not their position in the file, so a table
  printed in another layout compares equal; a cell changes when its printed text, state, value
  or unit does.  Rows the parser could not place are matched by their printed label; cells
  beyond a table's columns by their position (``#8``).
* Prose is compared block by block inside each section (and the preamble) with
  :class:`difflib.SequenceMatcher`, so an inserted paragraph is one ``added`` change, not a cascade.
* Spans, diagnostics and the source information are not compared (as for ``==``).  Nor is
  order where keys already say what is what: rows, items and tables printed in another order,
  or a table placed elsewhere among its section's paragraphs, list no change (``==`` does
  compare order, so such reports differ without a listed change).

Every change has a one-line ``str()`` (what ``govinfo-parse diff`` prints) and ``to_dict()``.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from .formats.labels import APPLICATION_COLUMNS, PROACTIVE_ITEMS, REVIEW_COLUMNS, ColumnSpec
from .nodes import (
    ApplicationTable,
    Block,
    Cell,
    Heading,
    ItemTable,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReviewTable,
    Row,
    Section,
    Table,
    Unrecognised,
)
from .query import heading_text

__all__ = [
    "CellChange",
    "Change",
    "ChangeKind",
    "ReportChange",
    "RowChange",
    "SectionChange",
    "TableChange",
    "TextChange",
    "diff",
]

ChangeKind = Literal["added", "removed", "changed"]
_SIGN = {"added": "+", "removed": "-", "changed": "~"}
_SNIPPET = 70
"""Longest text shown in a one-line change (the record keeps the full text)."""


def _cell_text(c: Cell | None) -> str:
    """A cell as shown in a one-line change: its printed text with its value and unit, or its state
    if it has no value; ``(absent)`` for no cell."""
    if c is None:
        return "(absent)"
    if c.value is None:
        return f'"{c.raw}" ({c.state.value})'
    unit = f" {c.unit}" if c.unit else ""
    return f'"{c.raw}" ({c.value}{unit})'


def _cell_dict(c: Cell | None) -> dict[str, Any] | None:
    """A cell as a JSON-compatible dict (raw, state, value — a Decimal as a string — and unit);
    ``None`` for no cell."""
    if c is None:
        return None
    value: int | str | None = str(c.value) if isinstance(c.value, Decimal) else c.value
    return {"raw": c.raw, "state": c.state.value, "value": value, "unit": c.unit}


def _short(text: str, limit: int = _SNIPPET) -> str:
    """``text`` with white space collapsed, cut to ``limit`` characters with ``…`` if longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _snippets(old: str, new: str, context: int = 12) -> tuple[str, str]:
    """The two texts cut down to where they differ, with a little context on each side."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= _SNIPPET and len(new) <= _SNIPPET:
        return old, new
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    start = max(0, p - context)

    def cut(t: str) -> str:
        """One text cut to the differing part plus ``context`` characters on each side, with ``…``
        where text was dropped."""
        end = min(len(t), len(t) - s + context)
        body = t[start:end]
        return ("…" if start > 0 else "") + _short(body) + ("…" if end < len(t) else "")

    return cut(old), cut(new)


@attrs.frozen
class Change:
    """Base of all change records."""

    kind: ChangeKind
    """``added`` (only in b), ``removed`` (only in a) or ``changed``."""

    @property
    def path(self) -> str:
        """Where the change is, as a ``/``-separated key path."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible form: the change class as ``"change"``, its fields and ``path``."""
        out: dict[str, Any] = {"change": type(self).__name__, "path": self.path}
        for f in attrs.fields(type(self)):
            v = getattr(self, f.name)
            if isinstance(v, Cell):
                out[f.name] = _cell_dict(v)
            elif isinstance(v, tuple):
                out[f.name] = [_cell_dict(c) if isinstance(c, Cell) else c for c in v]
            elif isinstance(v, Decimal):
                out[f.name] = str(v)
            else:
                out[f.name] = v if v is None or isinstance(v, (int, str)) else str(v)
        return out


@attrs.frozen
class ReportChange(Change):
    """The report's format or a metadata field (``metadata.year`` …) differs."""

    field: str
    old: str | None
    new: str | None

    @property
    def path(self) -> str:
        """The field name (``format``, ``metadata.year`` …)."""
        return self.field

    def __str__(self) -> str:
        return f"~ {self.field}: {self.old} → {self.new}"


def _where(section: int | None, occurrence: int) -> str:
    """A section as named in a one-line change: ``section 3``, ``section (unnumbered)``, with
    ``#2`` … for a repeated number."""
    if section is None:
        return "section (unnumbered)" + (f" #{occurrence + 1}" if occurrence else "")
    return f"section {section}" + (f" #{occurrence + 1}" if occurrence else "")


@attrs.frozen
class SectionChange(Change):
    """A section only one report has, or whose title differs."""

    number: int | None
    """The section number (1 for 一、); None for an unnumbered section."""
    occurrence: int
    """0 for the first section with this number, 1 for a second one …"""
    old_title: str | None
    new_title: str | None

    @property
    def path(self) -> str:
        """``sections/<number>`` (``-`` if unnumbered), with ``#2`` … for a repeated number."""
        return f"sections/{self.number if self.number is not None else '-'}" + (
            f"#{self.occurrence + 1}" if self.occurrence else "")

    def __str__(self) -> str:
        where = _where(self.number, self.occurrence)
        if self.kind == "changed":
            return f"~ {where} title: {self.old_title} → {self.new_title}"
        title = self.new_title if self.kind == "added" else self.old_title
        return f"{_SIGN[self.kind]} {where}: {title}"


@attrs.frozen
class TextChange(Change):
    """A block that is not a table (paragraph, heading, title or date line, chrome, unplaced
    text) added, removed or changed, inside a section or the preamble."""

    section: int | None
    """Section number; None in the preamble or an unnumbered section (see ``preamble``)."""
    preamble: bool
    occurrence: int
    """Which section with this number (0 for the first)."""
    block: str
    """The block's class name, ``Paragraph``, ``Heading`` … (the new block's class when a change
    also changes the class)."""
    old_index: int | None
    """1-based position among the text blocks of the section in a (None if added)."""
    new_index: int | None
    """1-based position in b (None if removed)."""
    old: str | None
    new: str | None

    @property
    def path(self) -> str:
        """``preamble/<index>`` or the section's path and ``/<index>``: the block's 1-based
        position among the text blocks in b (in a if removed)."""
        base = "preamble" if self.preamble else SectionChange("changed", self.section, self.occurrence,
                                                              None, None).path
        index = self.new_index if self.new_index is not None else self.old_index
        return f"{base}/{index}"

    def __str__(self) -> str:
        where = "preamble" if self.preamble else _where(self.section, self.occurrence)
        what = "" if self.block == "Paragraph" else f" {self.block.lower()}"
        if self.kind == "changed":
            old, new = _snippets(self.old or "", self.new or "")
            return f"~ {where} ¶{self.old_index}→{self.new_index}{what}: {old} → {new}"
        index = self.new_index if self.kind == "added" else self.old_index
        text = self.new if self.kind == "added" else self.old
        return f"{_SIGN[self.kind]} {where} ¶{index}{what}: {_short(text or '')}"


@attrs.frozen
class TableChange(Change):
    """A table (or a section-二 item table) only one report has, or whose format differs (or,
    for a table class not compared cell by cell, whose content differs)."""

    table: str
    """``proactive``, ``applications`` or ``reviews`` (``#2`` appended for a second one)."""
    item: str | None
    old_format: str | None
    new_format: str | None

    @property
    def path(self) -> str:
        """``<table>`` or ``<table>/<item>``."""
        return "/".join(p for p in (self.table, self.item) if p)

    def __str__(self) -> str:
        if self.kind == "changed" and self.old_format != self.new_format:
            return f"~ table {self.path}: format {self.old_format} → {self.new_format}"
        if self.kind == "changed":
            return f"~ table {self.path}: content differs"
        return f"{_SIGN[self.kind]} table {self.path}"


@attrs.frozen
class RowChange(Change):
    """A row only one report has, or whose printed label differs."""

    table: str
    item: str | None
    row: str
    """Canonical row key, or ``?`` + the printed label for a row the parser could not place."""
    old_label: str | None
    new_label: str | None
    cells: tuple[Cell, ...]
    """The cells of the added or removed row (empty for ``changed``)."""

    @property
    def path(self) -> str:
        """``<table>/<item>/<row>`` (no item outside section 二)."""
        return "/".join(p for p in (self.table, self.item, self.row) if p)

    def __str__(self) -> str:
        if self.kind == "changed":
            return f"~ row {self.path} label: {self.old_label} → {self.new_label}"
        label = self.new_label if self.kind == "added" else self.old_label
        values = " | ".join(c.raw for c in self.cells)
        return f"{_SIGN[self.kind]} row {self.path} [{label}]: {values}"


@attrs.frozen
class CellChange(Change):
    """A cell whose printed text, state, value or unit differs, or that only one report has."""

    table: str
    item: str | None
    row: str | None
    """Canonical row key (None in section 四, which has one row)."""
    column: str
    """Canonical column key, or ``#n`` for a cell beyond the official columns."""
    row_label: str | None
    column_label: str
    old: Cell | None
    new: Cell | None

    @property
    def path(self) -> str:
        """``<table>/<item>/<row>/<column>`` (no item or row where the table has none)."""
        return "/".join(p for p in (self.table, self.item, self.row, self.column) if p)

    def __str__(self) -> str:
        where = " × ".join(p for p in (self.row_label, self.column_label) if p)
        old, new = _cell_text(self.old), _cell_text(self.new)
        return f"{_SIGN[self.kind]} cell {self.path} [{where}]: {old} → {new}"


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------


def _keyed(items: Iterable[tuple[Any, Any]]) -> dict[tuple[Any, int], Any]:
    """Key each (identity, value) pair by (identity, occurrence), keeping order."""
    seen: dict[Any, int] = {}
    out: dict[tuple[Any, int], Any] = {}
    for ident, value in items:
        n = seen.get(ident, 0)
        seen[ident] = n + 1
        out[(ident, n)] = value
    return out


def _merged(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    """Keys of a in a's order, with b's extra keys after the key they follow in b (keys b
    starts with go after a's leading keys that b lacks: removals before additions)."""
    out = list(a)
    present = set(a)
    in_b = set(b)
    for i, k in enumerate(b):
        if k in present:
            continue
        pos = out.index(b[i - 1]) + 1 if i else next((n for n, x in enumerate(out) if x in in_b), len(out))
        out.insert(pos, k)
        present.add(k)
    return out


def _report_changes(a: Report, b: Report) -> Iterator[Change]:
    """Changes of the report's format and of every compared (``eq``) metadata field."""
    if a.format != b.format:
        yield ReportChange("changed", "format", a.format.value, b.format.value)
    for f in attrs.fields(type(a.metadata)):
        if not f.eq:
            continue
        old, new = getattr(a.metadata, f.name), getattr(b.metadata, f.name)
        if old != new:
            yield ReportChange("changed", f"metadata.{f.name}", _plain(old), _plain(new))


def _plain(v: object) -> str | None:
    """A metadata value as text for a change record: ISO format for dates, ``str`` otherwise;
    ``None`` stays ``None``."""
    if v is None:
        return None
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


_TABLE_CLASSES: tuple[type, ...] = typing.get_args(Table)
_TEXT_BLOCKS: tuple[type, ...] = tuple(t for t in typing.get_args(Block) if t not in _TABLE_CLASSES)
"""Every kind of block that is not a table (headings, paragraphs, title and date lines …)."""


def _text_of(b: Any) -> str:
    """A text block's text as compared and shown: a heading's numbered text, an unrecognised
    block's text with its reason in brackets."""
    if isinstance(b, Heading):
        return heading_text(b)
    text = str(getattr(b, "text", ""))
    if isinstance(b, Unrecognised) and b.reason:
        return f"{text} ({b.reason})"
    return text


def _text_changes(
    a: Sequence[Block], b: Sequence[Block], section: int | None, preamble: bool, occurrence: int
) -> Iterator[TextChange]:
    """Changes between the text blocks (not tables) of two block lists, aligned with
    :class:`difflib.SequenceMatcher`.

    In a replaced run, blocks at the same place that still read alike (:func:`_alike`) are one
    ``changed`` change; the others are a removal and an addition."""
    ta: list[Any] = [x for x in a if isinstance(x, _TEXT_BLOCKS)]
    tb: list[Any] = [x for x in b if isinstance(x, _TEXT_BLOCKS)]
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)

    def make(kind: ChangeKind, i: int | None, j: int | None) -> TextChange:
        """The :class:`TextChange` of block ``i`` of a and/or block ``j`` of b (``None`` for the
        side that lacks it), with 1-based indices."""
        old = ta[i] if i is not None else None
        new = tb[j] if j is not None else None
        block = type(new if new is not None else old).__name__
        return TextChange(
            kind, section, preamble, occurrence, block,
            None if i is None else i + 1, None if j is None else j + 1,
            None if old is None else _text_of(old), None if new is None else _text_of(new),
        )

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A replaced run: blocks at the same place that still read alike are one "changed"
        # block; anything else is a removal and an addition.
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            if _alike(ta[i1 + k], tb[j1 + k]):
                yield make("changed", i1 + k, j1 + k)
            else:
                yield make("removed", i1 + k, None)
                yield make("added", None, j1 + k)
        for i in range(i1 + pairs, i2):
            yield make("removed", i, None)
        for j in range(j1 + pairs, j2):
            yield make("added", None, j)


_ALIKE = 0.5
"""Similarity (difflib ratio) above which two blocks at the same place count as one edited block."""


def _alike(a: Any, b: Any) -> bool:
    """Whether two text blocks are of the same class and their texts at least half alike
    (``SequenceMatcher.ratio() >= 0.5``)."""
    if type(a) is not type(b):
        return False
    m = difflib.SequenceMatcher(None, _text_of(a), _text_of(b), autojunk=False)
    return m.real_quick_ratio() >= _ALIKE and m.quick_ratio() >= _ALIKE and m.ratio() >= _ALIKE


def _section_changes(a: Report, b: Report) -> Iterator[Change]:
    """Text changes of the preamble, then per section (matched by number and occurrence, in merged
    order): the section added or removed, its title changed, and the changes of its text blocks."""
    yield from _text_changes(a.preamble, b.preamble, None, True, 0)
    sa = _keyed((s.number, s) for s in a.sections)
    sb = _keyed((s.number, s) for s in b.sections)
    for key in _merged(list(sa), list(sb)):
        number, occurrence = key
        old: Section | None = sa.get(key)
        new: Section | None = sb.get(key)
        if old is None and new is not None:
            yield SectionChange("added", number, occurrence, None, new.title)
        elif new is None and old is not None:
            yield SectionChange("removed", number, occurrence, old.title, None)
        elif old is not None and new is not None:
            if old.title != new.title:
                yield SectionChange("changed", number, occurrence, old.title, new.title)
            yield from _text_changes(old.blocks, new.blocks, number, False, occurrence)


# --- tables ---------------------------------------------------------------------------------

_Table = Table
_TABLE_NAMES: dict[type, str] = {
    ProactiveTable2019: "proactive", ProactiveTable2021: "proactive",
    ApplicationTable: "applications", ReviewTable: "reviews",
}


def _tables(r: Report) -> dict[str, _Table]:
    """The report's tables by name (``proactive``, ``applications``, ``reviews`` — with ``#2`` …
    for a second table of a kind), from the preamble and every section in document order."""
    blocks = [*r.preamble, *(b for s in r.sections for b in s.blocks)]
    keyed = _keyed((_TABLE_NAMES.get(type(b), type(b).__name__), b)
                   for b in blocks if isinstance(b, _TABLE_CLASSES))
    return {name if n == 0 else f"{name}#{n + 1}": t for (name, n), t in keyed.items()}


def _table_format(t: _Table) -> str | None:
    """A table's format (``"2019"``/``"2021"``); ``None`` for a table without one (section 四)."""
    if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
        return t.FORMAT
    if isinstance(t, ApplicationTable):
        return t.format.value
    return None


def _row_id(r: Row) -> str:
    """A row's identity for matching: its key, or ``?`` and its printed label if it has no key."""
    return r.key if r.key is not None else f"?{r.label}"


def _column(columns: Sequence[ColumnSpec], i: int) -> tuple[str, str]:
    """(key, label) of column ``i``; ``#<i+1>`` for both beyond the known columns."""
    if i < len(columns):
        return columns[i].key, columns[i].label
    return f"#{i + 1}", f"#{i + 1}"


def _item_columns(fmt: str | None, item: str) -> tuple[ColumnSpec, ...]:
    """The columns of section 二 item ``item`` in format ``fmt``; empty if either is unknown."""
    for spec in PROACTIVE_ITEMS.get(fmt or "", ()):
        if spec.key == item:
            return spec.columns
    return ()


def _cell_changes(
    table: str, item: str | None, row: str | None, row_label: str | None,
    old: Sequence[Cell], old_cols: Sequence[ColumnSpec],
    new: Sequence[Cell], new_cols: Sequence[ColumnSpec],
) -> Iterator[CellChange]:
    """Changes between two rows' cells, matched by column key (extra cells by position); a cell
    only one side has is added or removed."""
    ca = {_column(old_cols, i): c for i, c in enumerate(old)}
    cb = {_column(new_cols, i): c for i, c in enumerate(new)}
    for col in _merged(list(ca), list(cb)):
        x, y = ca.get(col), cb.get(col)
        if x != y:
            kind: ChangeKind = "added" if x is None else "removed" if y is None else "changed"
            yield CellChange(kind, table, item, row, col[0], row_label, col[1], x, y)


def _row_changes(
    table: str, item: str | None,
    a: Sequence[Row], a_cols: Sequence[ColumnSpec],
    b: Sequence[Row], b_cols: Sequence[ColumnSpec],
) -> Iterator[Change]:
    """Changes between two lists of rows, matched by key (or printed label) and occurrence: rows
    added or removed, labels changed, and cell changes of rows both have."""
    ra = _keyed((_row_id(r), r) for r in a)
    rb = _keyed((_row_id(r), r) for r in b)
    for key in _merged(list(ra), list(rb)):
        rid = key[0] if key[1] == 0 else f"{key[0]}#{key[1] + 1}"
        old: Row | None = ra.get(key)
        new: Row | None = rb.get(key)
        if old is None and new is not None:
            yield RowChange("added", table, item, rid, None, new.label, new.cells)
        elif new is None and old is not None:
            yield RowChange("removed", table, item, rid, old.label, None, old.cells)
        elif old is not None and new is not None:
            if old.label != new.label:
                yield RowChange("changed", table, item, rid, old.label, new.label, ())
            yield from _cell_changes(table, item, rid, new.label, old.cells, a_cols, new.cells, b_cols)


def _table_changes(name: str, a: _Table, b: _Table) -> Iterator[Change]:
    """Changes between two tables of the same name: their format, then cell by cell (section 四),
    row by row (applications) or item by item (section 二, items added or removed); a table kind not
    compared cell by cell is one ``changed`` change if it differs."""
    fa, fb = _table_format(a), _table_format(b)
    if fa != fb:
        yield TableChange("changed", name, None, fa, fb)
    if isinstance(a, ReviewTable) and isinstance(b, ReviewTable):
        yield from _cell_changes(name, None, None, None, a.cells, REVIEW_COLUMNS, b.cells, REVIEW_COLUMNS)
    elif isinstance(a, ApplicationTable) and isinstance(b, ApplicationTable):
        yield from _row_changes(name, None, a.rows, APPLICATION_COLUMNS, b.rows, APPLICATION_COLUMNS)
    elif isinstance(a, (ProactiveTable2019, ProactiveTable2021)) and isinstance(
        b, (ProactiveTable2019, ProactiveTable2021)
    ):
        ia: dict[tuple[Any, int], ItemTable] = _keyed((i.item, i) for i in a.items)
        ib: dict[tuple[Any, int], ItemTable] = _keyed((i.item, i) for i in b.items)
        for key in _merged(list(ia), list(ib)):
            item = key[0] if key[1] == 0 else f"{key[0]}#{key[1] + 1}"
            x, y = ia.get(key), ib.get(key)
            if x is None:
                yield TableChange("added", name, item, None, fb)
            elif y is None:
                yield TableChange("removed", name, item, fa, None)
            else:
                yield from _row_changes(name, item, x.rows, _item_columns(fa, key[0]),
                                        y.rows, _item_columns(fb, key[0]))
    elif a != b:  # a table class this module does not know cell by cell
        yield TableChange("changed", name, None, fa, fb)


def diff(a: Report, b: Report) -> list[Change]:
    """The differences between report ``a`` (old) and report ``b`` (new), in document order.

    Empty when ``a == b``.  Never raises on reports built from the node classes."""
    changes: list[Change] = [*_report_changes(a, b), *_section_changes(a, b)]
    ta, tb = _tables(a), _tables(b)
    for name in _merged(list(ta), list(tb)):
        x, y = ta.get(name), tb.get(name)
        if x is None and y is not None:
            changes.append(TableChange("added", name, None, None, _table_format(y)))
        elif y is None and x is not None:
            changes.append(TableChange("removed", name, None, _table_format(x), None))
        elif x is not None and y is not None:
            changes.extend(_table_changes(name, x, y))
    return changes
