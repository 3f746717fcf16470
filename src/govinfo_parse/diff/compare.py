"""The comparison: two reports matched part by part — metadata, sections and their text blocks,
tables by name, items, rows and cells by key — into the change records of
:mod:`govinfo_parse.diff.changes`."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..formats.labels import APPLICATION_COLUMNS, PROACTIVE_ITEMS, REVIEW_COLUMNS, ColumnSpec
from ..nodes import (
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
from ..query import heading_text
from .changes import (
    CellChange,
    Change,
    ChangeKind,
    ReportChange,
    RowChange,
    SectionChange,
    TableChange,
    TextChange,
)

__all__ = ["diff"]


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
