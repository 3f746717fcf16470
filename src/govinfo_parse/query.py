"""Questions users ask of a report, answered without knowing the tree's layout.

Rows and columns are named by their canonical key from :mod:`govinfo_parse.formats.labels`
(``"new"``, ``"withheld.state_secret"``, ``"total"``) or by their official label, with full- or
half-width punctuation and with or without the merged labels above it
(``"一、本年新收政府信息公开申请数量"``, ``"（三）不予公开/1.属于国家秘密"``, ``"1.属于国家秘密"``,
``"总计"``).  A name that no official row or column has raises :class:`UnknownLabelError`; a name
that fits several raises :class:`AmbiguousLabelError` listing them.  A well-named cell that this
report does not have (no such table, a row of the other format, a damaged row) is ``None``.

Section 四 is one printed row of 15 cells; here it is addressed as three rows (the groups
``review`` 行政复议, ``suit_direct`` 未经复议直接起诉, ``suit_after_review`` 复议后起诉) by five
columns (``upheld`` 结果维持, ``corrected`` 结果纠正, ``other`` 其他结果, ``pending`` 尚未审结,
``total`` 总计), or by the full column key of :data:`govinfo_parse.formats.labels.REVIEW_COLUMNS` with no
row (``cell(report, None, "review.total")``, ``cell(report, None, "行政复议/总计")``).

Example::

    from govinfo_parse import query

    query.cell(report, "一、本年新收政府信息公开申请数量", "总计")   # Cell(raw='212', ...)
    query.column(report, "natural_person")                           # {'new': Cell, ...}
    query.totals(report).answered                                    # Cell or None
    query.section_text(report, 5)                                    # the prose of 五、
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from .formats.labels import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_ITEMS,
    REVIEW_COLUMNS,
    ColumnSpec,
    numeral_text,
)
from .nodes import (
    Cell,
    Heading,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    Row,
    Value,
)
from .normalise import lexer_view

__all__ = [
    "AmbiguousLabelError",
    "CellAddress",
    "TableName",
    "Totals",
    "UnknownLabelError",
    "cell",
    "column",
    "fold_label",
    "heading_text",
    "resolve",
    "row",
    "section_text",
    "totals",
]

TableName = Literal["proactive", "applications", "reviews"]
"""Section 二 (``proactive``), section 三 (``applications``), section 四 (``reviews``)."""

_TABLES: tuple[TableName, ...] = ("proactive", "applications", "reviews")


class UnknownLabelError(LookupError):
    """No official row or column has this key or label."""


class AmbiguousLabelError(LookupError):
    """Several official rows or columns fit this label; the message lists them."""


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "，": ","})


def fold_label(text: str) -> str:
    """A label reduced to what does not vary in print: the lexer's view
    (:func:`govinfo_parse.normalise.lexer_view`: full-width → half-width, white space removed),
    curly quotes made straight, 、 and ， made ","."""
    return lexer_view(text).translate(_QUOTES)


@attrs.frozen
class _Name:
    """One official row or column in the vocabulary: its identity and how it may be named."""

    table: TableName
    item: str | None
    key: str
    label: str
    path: tuple[str, ...]
    """Official labels from the outermost merged header down (folded)."""
    formats: tuple[str, ...]
    index: int
    """Column position (columns only)."""


def _path(text: str) -> tuple[str, ...]:
    """A ``/``-separated label path as a tuple of folded labels (:func:`fold_label`), empty parts
    dropped."""
    return tuple(fold_label(p) for p in text.split("/") if p.strip())


def _match_level(query: str, name: _Name) -> int | None:
    """0: the key; 1: the full official path; 2: a tail of the path (the label at least)."""
    if query == name.key:
        return 0
    q = _path(query)
    if not q:
        return None
    if q == name.path:
        return 1
    if len(q) < len(name.path) and name.path[-len(q):] == q:
        return 2
    return None


_REVIEW_GROUP_LABELS: dict[str, str] = {}
_REVIEW_RESULT_LABELS: dict[str, str] = {}
for _spec in REVIEW_COLUMNS:
    _group, _result = _spec.key.split(".", 1)
    _REVIEW_GROUP_LABELS.setdefault(_group, _spec.path.rsplit("/", 1)[0])
    _REVIEW_RESULT_LABELS.setdefault(_result, _spec.label)
_REVIEW_GROUPS = tuple(_REVIEW_GROUP_LABELS)
_REVIEW_RESULTS = tuple(_REVIEW_RESULT_LABELS)


def _row_names() -> tuple[_Name, ...]:
    """Every official row of the vocabulary: section 二's rows (per format and item), the
    application rows, and section 四's three groups (``review``, ``suit_direct``,
    ``suit_after_review``)."""
    names: list[_Name] = []
    for fmt, items in PROACTIVE_ITEMS.items():
        for item in items:
            for r in item.rows:
                names.append(_Name("proactive", item.key, r.key, r.label,
                                   _path(f"{item.label}/{r.path}"), (fmt,), -1))
    for r in APPLICATION_ROWS:
        names.append(_Name("applications", None, r.key, r.label, _path(r.path), r.formats, -1))
    for g, gpath in _REVIEW_GROUP_LABELS.items():
        names.append(_Name("reviews", None, g, gpath.rsplit("/", 1)[-1], _path(gpath), ("2019", "2021"), -1))
    return tuple(names)


def _column_names() -> tuple[_Name, ...]:
    """Every official column of the vocabulary: section 二's per format and item, the application
    columns, and section 四's results (each once, without its group)."""
    names: list[_Name] = []
    for fmt, items in PROACTIVE_ITEMS.items():
        for item in items:
            for i, c in enumerate(item.columns):
                names.append(_Name("proactive", item.key, c.key, c.label, _path(c.path), (fmt,), i))
    for i, c in enumerate(APPLICATION_COLUMNS):
        names.append(_Name("applications", None, c.key, c.label, _path(c.path), ("2019", "2021"), i))
    for i, res in enumerate(_REVIEW_RESULTS):
        label = _REVIEW_RESULT_LABELS[res]
        names.append(_Name("reviews", None, res, label, _path(label), ("2019", "2021"), i))
    return tuple(names)


def _full_review_names() -> tuple[_Name, ...]:
    """Section 四's cells as columns named by their full group/result path."""
    return tuple(
        _Name("reviews", None, c.key, c.label, _path(c.path), ("2019", "2021"), i)
        for i, c in enumerate(REVIEW_COLUMNS)
    )


_ROWS = _row_names()
_COLUMNS = _column_names()
_REVIEW_FULL = _full_review_names()


def _best(query: str, names: Iterable[_Name], what: str) -> list[_Name]:
    """The names matching ``query`` at the best level (all formats), or raise if none."""
    if not isinstance(query, str):
        raise TypeError(f"{what} must be a key or label (str), not {type(query).__name__}")
    scored = [(lvl, n) for n in names if (lvl := _match_level(query, n)) is not None]
    if not scored:
        raise UnknownLabelError(f"no official {what} is named {query!r}")
    top = min(lvl for lvl, _ in scored)
    return [n for lvl, n in scored if lvl == top]


def _one_identity(query: str, found: list[_Name], what: str) -> list[_Name]:
    """Check that ``found`` names one row/column (possibly in both formats)."""
    ids = {(n.table, n.item, n.key) for n in found}
    if len({(t, k) for t, _, k in ids}) > 1:
        choices = ", ".join(sorted({f"{n.table}:{n.key} ({'/'.join(n.path)})" for n in found}))
        raise AmbiguousLabelError(f"{what} {query!r} fits several: {choices}")
    return found


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------


@attrs.frozen
class CellAddress:
    """Where an official cell is: table, section-二 item, row key and column key."""

    table: TableName
    item: str | None
    """Item key (``"item1"`` …) for section 二, else None."""
    row: str
    """Canonical row key (for section 四: the group, ``review``/``suit_direct``/``suit_after_review``)."""
    column: str
    """Canonical column key (for section 四: the result, ``upheld`` … ``total``)."""
    formats: tuple[str, ...]
    """The formats ("2019", "2021") that have this cell."""

    def __str__(self) -> str:
        return "/".join(p for p in (self.table, self.item, self.row, self.column) if p)


def resolve(row: str | None, column: str) -> CellAddress:
    """The official cell a (row, column) pair names, in whichever format has it.

    Raises :class:`UnknownLabelError` or :class:`AmbiguousLabelError` for a bad name."""
    if row is None:
        found = _one_identity(column, _best(column, _REVIEW_FULL, "section-四 column"), "column")
        group, result = found[0].key.split(".", 1)
        return CellAddress("reviews", None, group, result, ("2019", "2021"))
    rows = _one_identity(row, _best(row, _ROWS, "row"), "row")
    table = rows[0].table
    # A row may exist in both formats (with its own items/columns there): look for the column
    # in each and keep the formats where both fit.
    columns = [
        c for c in _COLUMNS
        if c.table == table and any(c.item == r.item and set(c.formats) & set(r.formats) for r in rows)
    ]
    found = _one_identity(column, _best(column, columns, f"column of the {table} row {rows[0].key!r}"),
                          "column")
    formats = tuple(
        f for f in ("2019", "2021")
        if any(f in r.formats for r in rows) and any(f in c.formats for c in found)
    )
    return CellAddress(table, rows[0].item, rows[0].key, found[0].key, formats)


def _item_specs(fmt: str, item: str) -> tuple[tuple[str, ...], tuple[ColumnSpec, ...]] | None:
    """(row keys, columns) of section 二 item ``item`` in format ``fmt``; ``None`` if the format has
    no such item."""
    for spec in PROACTIVE_ITEMS.get(fmt, ()):
        if spec.key == item:
            return tuple(r.key for r in spec.rows), spec.columns
    return None


def _find_row(rows: Sequence[Row], key: str) -> Row | None:
    """The first row with key ``key``, or ``None``."""
    for r in rows:
        if r.key == key:
            return r
    return None


def _proactive_row(report: Report, key: str) -> tuple[Row, tuple[ColumnSpec, ...]] | None:
    """The section 二 row with key ``key`` and its item's columns, from the first item of the
    table's format that defines the key and holds the row; ``None`` without section 二 or such a
    row."""
    table = report.proactive
    if table is None:
        return None
    for item in table.items:
        specs = _item_specs(table.FORMAT, item.item)
        if specs is None or key not in specs[0]:
            continue
        r = _find_row(item.rows, key)
        if r is not None:
            return r, specs[1]
    return None


def _review_cell(report: Report, group: str, result: str) -> Cell | None:
    """Section 四's cell of ``group`` (``review``, ``suit_direct`` or ``suit_after_review``) and
    ``result``; ``None`` without the table or if it does not hold exactly its official number of
    cells."""
    table = report.reviews
    if table is None or len(table.cells) != len(REVIEW_COLUMNS):
        return None
    index = _REVIEW_GROUPS.index(group) * len(_REVIEW_RESULTS) + _REVIEW_RESULTS.index(result)
    return table.cells[index]


def _positional(r: Row, columns: Sequence[ColumnSpec], key: str) -> Cell | None:
    """The cell of column ``key`` by position; ``None`` if the row's cell count differs from its
    columns (a damaged row) or no column has the key."""
    if len(r.cells) != len(columns):
        return None  # a damaged row: positions do not say which column a value belongs to
    for i, c in enumerate(columns):
        if c.key == key:
            return r.cells[i]
    return None


def _cell_at(report: Report, address: CellAddress) -> Cell | None:
    """The cell at a resolved address in ``report``, or ``None`` if the report lacks the table, the
    row, or a row of the right width (no format check: a row of the other format is still found).
    """
    if address.table == "reviews":
        return _review_cell(report, address.row, address.column)
    # No format check: a report that prints a row of the other format (a 2021 table with one
    # （六） row) still has that row, and the columns of section 二 come from the table's format.
    if address.table == "applications":
        apps = report.applications
        r = None if apps is None else apps.row(address.row)
        return None if r is None else _positional(r, APPLICATION_COLUMNS, address.column)
    found = _proactive_row(report, address.row)
    return None if found is None else _positional(found[0], found[1], address.column)


# --------------------------------------------------------------------------------------------
# Public queries
# --------------------------------------------------------------------------------------------


def cell(report: Report, row: str | None, column: str) -> Cell | None:
    """The cell at an official row and column of any of the three tables.

    ``row`` and ``column`` are canonical keys or official labels (see the module docstring);
    ``row=None`` addresses section 四 by its full column key or path.  None when this report
    does not have the cell (no such table, the other format's row or column, a damaged row)."""
    return _cell_at(report, resolve(row, column))


def row(report: Report, row: str) -> Row | None:
    """The row (with its printed label and all its cells) of section 二 or 三 named by a
    canonical key or official label; None when the report has no such row."""
    rows = _one_identity(row, _best(row, [n for n in _ROWS if n.table != "reviews"], "row"), "row")
    name = rows[0]
    if name.table == "applications":
        apps = report.applications
        return None if apps is None else apps.row(name.key)
    found = _proactive_row(report, name.key)
    return None if found is None else found[0]


def column(report: Report, column: str, *, table: TableName | None = None) -> dict[str, Cell]:
    """A table's column as a mapping row key → cell, in table order.

    Searches section 三 and section 二 (and section 四 only when nothing else fits, or when
    ``table="reviews"``, where the row keys are the groups ``review``/``suit_direct``/
    ``suit_after_review``).  Rows the report lacks, rows the parser could not place and damaged
    rows are left out; an absent table gives an empty mapping."""
    if table is not None and table not in _TABLES:
        raise ValueError(f"table must be one of {', '.join(_TABLES)}, not {table!r}")
    tables = (table,) if table else ("applications", "proactive")
    try:
        found = _best(column, [c for c in _COLUMNS if c.table in tables], "column")
    except UnknownLabelError:
        if table is not None:
            raise
        found = _best(column, [c for c in _COLUMNS if c.table == "reviews"], "column")
    found = _one_identity(column, found, "column")
    name = found[0]
    out: dict[str, Cell] = {}
    if name.table == "reviews":
        for g in _REVIEW_GROUPS:
            c = _review_cell(report, g, name.key)
            if c is not None:
                out[g] = c
    elif name.table == "applications":
        apps = report.applications
        for r in apps.rows if apps is not None else ():
            if r.key is not None and r.key not in out:
                c = _positional(r, APPLICATION_COLUMNS, name.key)
                if c is not None:
                    out[r.key] = c
    else:
        pro = report.proactive
        if pro is not None:
            _proactive_column(pro, name.key, out)
    return out


def _proactive_column(pro: ProactiveTable2019 | ProactiveTable2021, key: str, out: dict[str, Cell]) -> None:
    """Add to ``out`` each section 二 row's cell of column ``key``, by row key (the first row with a
    key wins; rows of the wrong width are skipped)."""
    for item in pro.items:
        specs = _item_specs(pro.FORMAT, item.item)
        if specs is None:
            continue
        for r in item.rows:
            if r.key is not None and r.key in specs[0] and r.key not in out:
                c = _positional(r, specs[1], key)
                if c is not None:
                    out[r.key] = c


@attrs.frozen
class Totals:
    """The year's headline figures, as cells (so that ``raw`` and ``state`` stay visible:
    a blank 总计 is not a zero).  A field is None when the report has no such cell."""

    received: Cell | None
    """一、本年新收政府信息公开申请数量 × 总计."""
    carried_over: Cell | None
    """二、上年结转政府信息公开申请数量 × 总计."""
    answered: Cell | None
    """（七）总计 × 总计: applications dealt with this year."""
    carried_forward: Cell | None
    """四、结转下年度继续办理 × 总计."""
    reviews: Cell | None
    """行政复议 × 总计."""
    lawsuits_direct: Cell | None
    """行政诉讼 › 未经复议直接起诉 × 总计."""
    lawsuits_after_review: Cell | None
    """行政诉讼 › 复议后起诉 × 总计."""

    @property
    def lawsuits(self) -> tuple[Cell | None, Cell | None]:
        """The two 行政诉讼 totals: (未经复议直接起诉, 复议后起诉)."""
        return (self.lawsuits_direct, self.lawsuits_after_review)

    def values(self) -> dict[str, Value | None]:
        """Field name → the cell's value (None for a missing, blank or placeholder cell)."""
        return {
            f.name: (None if (c := getattr(self, f.name)) is None else c.value)
            for f in attrs.fields(Totals)
        }


def totals(report: Report) -> Totals:
    """The year's totals from sections 三 and 四."""
    def app(key: str) -> Cell | None:
        """The 总计 cell of application row ``key``, or ``None``."""
        return _cell_at(report, CellAddress("applications", None, key, "total", ("2019", "2021")))

    return Totals(
        received=app("new"),
        carried_over=app("carried_over"),
        answered=app("total"),
        carried_forward=app("carried_forward"),
        reviews=_review_cell(report, "review", "total"),
        lawsuits_direct=_review_cell(report, "suit_direct", "total"),
        lawsuits_after_review=_review_cell(report, "suit_after_review", "total"),
    )


def heading_text(heading: Heading) -> str:
    """A heading as it reads: its number in the official style, then its title
    (level 2: ``（一）title``; level 3: ``1.title``)."""
    n = heading.number
    if n is None or n < 1:
        return heading.title
    if heading.level > 2:
        return f"{n}.{heading.title}"
    return f"（{numeral_text(n) if n < 100 else n}）{heading.title}"


def section_text(report: Report, number: int, *, headings: bool = True) -> str | None:
    """The prose of the section with this number (1 for 一、 …): its paragraphs (and its
    sub-headings, unless ``headings=False``), one per line, in order.  Tables, web-page chrome
    and unplaced text are left out.  None when the report has no such section; several
    sections with the same number are joined."""
    found = [s for s in report.sections if s.number == number]
    if not found:
        return None
    lines: list[str] = []
    for s in found:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                lines.append(b.text)
            elif isinstance(b, Heading) and headings:
                lines.append(heading_text(b))
    return "\n".join(lines)
