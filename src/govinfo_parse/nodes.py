"""The typed AST: frozen, slotted attrs classes, pure data.

Equality is *semantic*: source positions (``span``), diagnostics and source information are
kept on the nodes but left out of ``==`` (the tomlkit approach), so a report parsed from two
layouts of the same content compares equal while every node still knows where it came from.
Conversion to dicts/JSON lives in :mod:`govinfo_parse.serde`, not here.
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import ClassVar, Literal, Union

import attrs

__all__ = [
    "ApplicationTable",
    "Block",
    "Cell",
    "CellRef",
    "CellState",
    "Chrome",
    "DateLine",
    "Diagnostic",
    "Heading",
    "ItemTable",
    "LegacyColumn",
    "LegacyGroup",
    "LegacyRow",
    "LegacyTable",
    "Metadata",
    "Paragraph",
    "ProactiveTable2019",
    "ProactiveTable2021",
    "ProseFact",
    "ProseFacts",
    "Report",
    "ReportFormat",
    "ReviewTable",
    "Row",
    "Section",
    "Severity",
    "SourceInfo",
    "SourceLocation",
    "Span",
    "Table",
    "Title",
    "Unrecognised",
    "Value",
]

Value = Union[int, Decimal]  # noqa: UP007 - a runtime alias that cattrs and Python 3.10 both take
"""A parsed number: ``int`` for counts, ``Decimal`` for amounts and anything with a decimal point."""


class ReportFormat(str, enum.Enum):
    """The layout generation a report actually uses (not necessarily the one its year calls for)."""

    LEGACY = "legacy"
    F2019 = "2019"
    F2021 = "2021"

    def __str__(self) -> str:
        return self.value


class CellState(str, enum.Enum):
    """What a value cell held: a number, nothing, or a placeholder such as "/" or "—"."""

    NUMBER = "number"
    BLANK = "blank"
    PLACEHOLDER = "placeholder"
    UNDECIDED = "undecided"
    """The source prints digits for the cell but the reader could not tell which (a flattened
    scrape whose digits split several ways): ``value`` None, ``raw`` the digits it lies in, and an
    error diagnostic covers the row."""

    def __str__(self) -> str:
        return self.value


class Severity(str, enum.Enum):
    """How serious a diagnostic is: ``error`` (the report contradicts its format), ``warning``
    (something a reader should look at), ``info`` (worth knowing, nothing wrong)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Span:
    """A region of the user's source file.  Lines and columns are 1-based; columns count
    characters (not bytes, not display cells); ``start``/``end`` are character offsets into the
    decoded source text, ``end`` exclusive."""

    start: int
    """Character offset of the first character in the decoded source text."""
    end: int
    """Character offset just after the last character (exclusive)."""
    line: int
    """1-based line of the first character."""
    column: int
    """1-based column (in characters) of the first character."""
    end_line: int
    """1-based line of the end offset."""
    end_column: int
    """1-based column of the end offset (one past the last character)."""

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


_span = attrs.field(default=None, eq=False, repr=False)

OMITTED_WHEN_NONE = "govinfo_parse.omitted_when_none"
"""Field metadata key of a field added to a node after schema version 1 was first written: the
JSON (:mod:`govinfo_parse.serde`) leaves its key out while it is None, and the JSON Schema does
not require it, so documents written before the field existed read and validate unchanged and a
report that does not use it is written exactly as before (no ``schema_version`` change)."""


@attrs.frozen
class CellRef:
    """A value cell of a statistics table named by its canonical keys (those of
    :mod:`govinfo_parse.formats.labels`), independent of where the report printed it."""

    table: str
    """``"proactive"`` (section 二), ``"applications"`` (section 三) or ``"reviews"`` (section 四)."""
    row: str | None
    """Row key: ``"new"``, ``"withheld.state_secret"`` …; in section 二 the item and the row,
    ``"item1.rules"``; ``""`` for section 四's one row; None for a row whose label could not be
    placed."""
    column: str | None
    """Column key: ``"natural_person"``, ``"review.total"``, ``"issued"`` …; None for a cell beyond
    the table's columns."""

    @property
    def key(self) -> str:
        """The ASCII record key, e.g. ``"applications/new/natural_person"`` (``"?"`` for an unplaced
        row or column; section 四 has no row part: ``"reviews/review.total"``)."""
        parts = [self.table]
        if self.row != "":
            parts.append(self.row if self.row is not None else "?")
        parts.append(self.column if self.column is not None else "?")
        return "/".join(parts)

    def __str__(self) -> str:
        return self.key


@attrs.frozen
class SourceLocation:
    """Where a stretch of a report's text sits in a PDF or Word file: the text offsets
    ``start``–``end`` (those of :class:`Span`) came from this page box or this paragraph / cell."""

    start: int
    """Offset of the first character in the report's text."""
    end: int
    """Offset just after the last character (exclusive)."""
    page: int | None = None
    """PDF: 1-based page number."""
    bbox: tuple[float, float, float, float] | None = None
    """PDF: the box on the page, in points from the top-left corner: (x0, top, x1, bottom)."""
    paragraph: int | None = None
    """Word: 0-based index of the paragraph among the document body's paragraphs."""
    table: int | None = None
    """Word: 0-based index of the table in the document body."""
    row: int | None = None
    """Word: 0-based row of the cell in its table."""
    column: int | None = None
    """Word: 0-based column (grid column) of the cell in its table."""

    def __str__(self) -> str:
        if self.page is not None:
            where = f"page {self.page}"
            if self.bbox is not None:
                x0, top, x1, bottom = self.bbox
                where += f" at x {x0:.0f}–{x1:.0f}, y {top:.0f}–{bottom:.0f} pt"
            return where
        if self.table is not None:
            return f"table {self.table + 1}, row {(self.row or 0) + 1}, column {(self.column or 0) + 1}"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph + 1}"
        return f"offsets {self.start}–{self.end}"


@attrs.frozen
class Diagnostic:
    """A problem found while reading or checking a report."""

    code: str
    """Stable code, e.g. ``"A1"`` or ``"P101"`` (see docs/diagnostics.md)."""
    severity: Severity
    """``error``, ``warning`` or ``info``."""
    message: str
    """Names the official labels involved (Chinese) with a short English gloss."""
    span: Span | None = None
    """Where the problem is (the first cell involved), in the user's file."""
    related: tuple[Span, ...] = ()
    """Spans of the other cells involved."""
    expected: Value | None = None
    """The number the format's arithmetic expects, where there is one."""
    actual: Value | None = None
    """The number the report prints, where there is one."""
    suggestion: str | None = None
    """What the user might check or do (never applied: the report is the user's evidence)."""
    cells: tuple[CellRef, ...] = ()
    """The table cells the diagnostic is about, by their keys (for a sum: the total and every
    part); empty for a diagnostic about no particular cell."""
    location: SourceLocation | None = None
    """Where ``span`` lies in a PDF or Word file (page and box, or paragraph / table cell);
    None for text and web pages, whose spans are positions in the file itself."""


@attrs.frozen
class Cell:
    """One value cell of a statistics table."""

    raw: str
    """The cell as printed (stripped of surrounding white space), e.g. ``"6716.7630万元"``; a
    cell printed with a note keeps it: ``"14（其中修订3件）"`` (``raw`` alone reproduces the
    printed cell; ``value`` and ``unit`` come from the number before the note)."""
    state: CellState
    value: Value | None = None
    """The number, ``None`` for a blank or a placeholder."""
    unit: str | None = None
    """``"元"`` or ``"万元"`` where the cell prints its own unit."""
    span: Span | None = _span
    inferred: bool = False
    """The value is the best-ranked of several readings of glued digits, not read for certain; a
    diagnostic (F109) names the other readings.  False for every cell read as printed."""
    note: str | None = attrs.field(default=None, metadata={OMITTED_WHEN_NONE: True})
    """The bracketed note printed after the value (and its unit), as printed, brackets included:
    ``"（其中修订3件）"`` of ``"14（其中修订3件）"``, ``"（含退费）"`` of ``"216.5万元（含退费）"``;
    it is the end of ``raw``.  The value is the number; the note is text, never read as a figure
    (an info diagnostic, P115, points at the cell).  None for a cell printed without a note; the
    JSON then leaves the key out (:data:`OMITTED_WHEN_NONE`)."""

    @property
    def number(self) -> Value:
        """The value for arithmetic: a blank or a placeholder counts as 0."""
        return self.value if self.value is not None else 0


@attrs.frozen
class Row:
    """A value row: its canonical key, the label as printed, and its cells in column order."""

    key: str | None
    """Canonical row key from :mod:`govinfo_parse.formats.labels`; ``None`` for a label that could not be
    placed (its cells are kept, and a diagnostic says why)."""
    label: str
    """The label as printed (the last label cell before the values)."""
    cells: tuple[Cell, ...]
    """Cells in the table's column order.  Normally exactly one per column; a damaged row keeps
    what it had (a diagnostic reports the count)."""
    span: Span | None = _span


@attrs.frozen
class ItemTable:
    """A section-二 sub-table for one Article 20 item (e.g. 第二十条第（一）项)."""

    item: str
    """Item key: ``"item1"``, ``"item5"``, ``"item6"``, ``"item8"``, ``"item9"``."""
    rows: tuple[Row, ...]
    span: Span | None = _span


@attrs.frozen
class ProactiveTable2019:
    """Section 二 in the 2019 format (five sub-tables incl. 第二十条第（九）项)."""

    FORMAT: ClassVar[str] = "2019"
    items: tuple[ItemTable, ...]
    span: Span | None = _span


@attrs.frozen
class ProactiveTable2021:
    """Section 二 in the 2021 format (four sub-tables; 制发/废止/现行有效 columns)."""

    FORMAT: ClassVar[str] = "2021"
    items: tuple[ItemTable, ...]
    span: Span | None = _span


@attrs.frozen
class ApplicationTable:
    """Section 三: applications received and how they ended (7 columns)."""

    format: ReportFormat
    """``2019`` (23 value rows, one （六） row) or ``2021`` (25, （六） split in three)."""
    rows: tuple[Row, ...]
    """Value rows in printed order; keys from :data:`govinfo_parse.formats.labels.APPLICATION_ROWS`."""
    span: Span | None = _span

    def row(self, key: str) -> Row | None:
        """The first row with this canonical key, or None."""
        for r in self.rows:
            if r.key == key:
                return r
        return None


@attrs.frozen
class ReviewTable:
    """Section 四: administrative review and litigation, one row of 15 cells."""

    cells: tuple[Cell, ...]
    """In the order of :data:`govinfo_parse.formats.labels.REVIEW_COLUMNS`."""
    span: Span | None = _span


@attrs.frozen
class Heading:
    """A numbered heading inside a section: level 2 is （一）, level 3 is 1."""

    level: int
    """2 for a （一） heading, 3 for a 1. heading (level 1 is the section itself)."""
    number: int | None
    """The heading's number (（三） → 3), None where it has none."""
    title: str
    """The heading text after its number, as printed (without a run-in sentence)."""
    span: Span | None = _span


@attrs.frozen
class Title:
    """A title line before the first section (a title split over two lines is one node)."""

    text: str
    """The title as printed (Markdown heading marks removed; two lines joined)."""
    span: Span | None = _span


@attrs.frozen
class DateLine:
    """A 发布时间/发布日期 line or a dated signature line."""

    text: str
    """The line as printed."""
    date: _dt.date | None = None
    """The date it gives, if it could be read."""
    span: Span | None = _span


@attrs.frozen
class Paragraph:
    """A line of prose (a paragraph of the source, or the run-in text after a heading)."""

    text: str
    """The text as printed, surrounding white space stripped."""
    span: Span | None = _span


@attrs.frozen
class Chrome:
    """Web-page furniture that is not content ("分享到", "上一篇", "打印本页", crawler headers)."""

    text: str
    """The line as printed."""
    span: Span | None = _span


@attrs.frozen
class Unrecognised:
    """Text the parser could not place; kept so that nothing is lost (with a diagnostic)."""

    text: str
    """The text as printed."""
    reason: str
    """Why it could not be placed (in English)."""
    span: Span | None = _span


@attrs.frozen
class LegacyColumn:
    """A value column of a legacy statistics table (本年, 累计, 上年 …)."""

    heading: str
    """The column heading as printed (``"2018年度"``, ``"历年累计"``, ``"本年"``)."""
    key: str | None
    """``"current"``, ``"cumulative"`` or ``"previous"``
    (:data:`govinfo_parse.formats.legacy.COLUMNS`); None for a heading not recognised."""
    span: Span | None = _span


@attrs.frozen
class LegacyRow:
    """One indicator row of a legacy statistics table: label, unit, one cell per column."""

    label: str
    """The indicator label as printed (with its numbering and 其中, e.g. ``"其中：1.政府网站公开数"``)."""
    key: str | None
    """Canonical indicator key (:data:`govinfo_parse.formats.legacy.INDICATORS`, e.g.
    ``"application.total"``); None for an indicator outside the common vocabulary (kept as printed)."""
    unit: str | None
    """The unit as printed in the 计量单位 column (``"条"``, ``"万元"``); None where none is printed."""
    cells: tuple[Cell, ...]
    """One cell per column of the table, in column order (a damaged row keeps what it had)."""
    span: Span | None = _span


@attrs.frozen
class LegacyGroup:
    """The rows under one group heading of a legacy table (一、主动公开情况 …)."""

    title: str | None
    """The group heading as printed; None for rows printed before any heading."""
    key: str | None
    """Group key (:data:`govinfo_parse.formats.legacy.GROUPS`: ``"proactive"``, ``"application"`` …);
    None for a heading not recognised or no heading."""
    rows: tuple[LegacyRow, ...]
    """The group's indicator rows in printed order."""
    span: Span | None = _span


@attrs.frozen
class LegacyTable:
    """A 《政府信息公开情况统计表》 of a legacy (2008–2018) report: indicator rows under group
    headings, each with a unit and one value per column."""

    label_heading: str
    """The heading of the label column as printed (``"指标名称"``, ``"统计指标"``)."""
    unit_heading: str | None
    """The heading of the unit column as printed (``"计量单位"``); None when there is no unit column."""
    columns: tuple[LegacyColumn, ...]
    """The value columns in printed order."""
    groups: tuple[LegacyGroup, ...]
    """The rows, grouped under their headings, in printed order."""
    span: Span | None = _span

    def rows(self) -> tuple[LegacyRow, ...]:
        """Every row of every group, in printed order."""
        return tuple(r for g in self.groups for r in g.rows)

    def row(self, key: str) -> LegacyRow | None:
        """The first row with this indicator key, or None."""
        for r in self.rows():
            if r.key == key:
                return r
        return None


@attrs.frozen
class ProseFact:
    """A figure the prose of a legacy report gives for a common indicator."""

    key: str
    """Indicator key (:data:`govinfo_parse.formats.legacy.INDICATORS`)."""
    text: str
    """The phrase that gives it, as printed (``"2013年共受理政府信息公开申请10件"``)."""
    value: Value
    """The figure (0 for a phrase such as "未收到…申请")."""
    unit: str | None
    """The unit printed with the figure, if any."""
    span: Span | None = _span


@attrs.frozen
class ProseFacts:
    """The figures one paragraph of a legacy report gives, as a labelled list (placed right after
    the paragraph; derived from its text, so a renderer prints nothing for it)."""

    facts: tuple[ProseFact, ...]
    """The figures in the order the paragraph gives them."""
    span: Span | None = _span


Table = Union[  # noqa: UP007
    ProactiveTable2019, ProactiveTable2021, ApplicationTable, ReviewTable, LegacyTable]
Block = Union[  # noqa: UP007
    Title, DateLine, Heading, Paragraph, Chrome, Unrecognised, ProactiveTable2019,
              ProactiveTable2021, ApplicationTable, ReviewTable, LegacyTable, ProseFacts]


@attrs.frozen
class Section:
    """A top-level section (一、 … 六、 in the 2019/2021 formats; any numbered heading in legacy)."""

    number: int | None
    """1 for 一、, … ; None for an unnumbered section."""
    title: str
    """Heading text after the number, as printed."""
    blocks: tuple[Block, ...] = ()
    """The section's content in document order: sub-headings, paragraphs, tables, chrome."""
    span: Span | None = _span


@attrs.frozen
class Metadata:
    """What the report says about itself; each field is None when the text does not give it."""

    title: str | None = None
    """The report's title, as printed (joined when split over two lines)."""
    agency: str | None = None
    """The publishing agency, from the title or preamble."""
    year: int | None = None
    """The year reported on (from the title, else the statistical period, else the body)."""
    published: _dt.date | None = None
    """The 发布时间/发布日期 line, or a dated signature."""
    period_start: _dt.date | None = None
    """First day of the statistical period (统计期限), where stated."""
    period_end: _dt.date | None = None
    """Last day of the statistical period, where stated."""


@attrs.frozen
class SourceInfo:
    """Where the text came from (not part of equality)."""

    path: str | None = None
    """The file the report was read from, if any."""
    kind: str = "text"
    """``text``, ``html``, ``pdf``, ``docx``, ``markdown``."""
    encoding: str | None = None
    """The detected encoding of the bytes, if the report came as bytes."""
    reader: str | None = None
    """The reader that read the report: the one that made the chunk stream (``text``,
    ``markdown``, ``html``, ``pdf-text``, ``flattened``: :data:`govinfo_parse.readers.READERS`), or
    for a binary file the reader that turned it into text (``pdf-geometry`` — words and ruling
    lines by position —, ``pdf-text`` — pdfplumber's ``extract_text()``, the fallback —,
    ``docx``); None for a report that was not read."""
    locations: tuple[SourceLocation, ...] = ()
    """For a PDF or Word file: where each stretch of the text it was read into sits in the file
    (offsets of that text → page and box, or paragraph / table cell); see
    :func:`govinfo_parse.locate`."""


@attrs.frozen
class Report:
    """A parsed annual report."""

    SCHEMA_VERSION: ClassVar[int] = 1

    format: ReportFormat
    """The layout generation detected from the tables (legacy when there are none)."""
    metadata: Metadata = attrs.field(factory=Metadata)
    """Title, agency, year, publication date and statistical period."""
    preamble: tuple[Block, ...] = ()
    """Title lines, date line, paragraphs and chrome before the first section."""
    sections: tuple[Section, ...] = ()
    """The numbered sections in document order."""
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    """Problems found while parsing and validating (not part of equality)."""
    source: SourceInfo = attrs.field(factory=SourceInfo, eq=False)
    """Where the text came from (not part of equality)."""

    # --- convenience ------------------------------------------------------------------------
    def section(self, number: int) -> Section | None:
        """The first section numbered ``number`` (1 for 一、), or None."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def tables(self) -> tuple[Table, ...]:
        """Every table in the sections (not the preamble), in document order."""
        out: list[Table] = []
        for s in self.sections:
            for b in s.blocks:
                if isinstance(b, (ProactiveTable2019, ProactiveTable2021, ApplicationTable, ReviewTable,
                                  LegacyTable)):
                    out.append(b)
        return tuple(out)

    @property
    def proactive(self) -> ProactiveTable2019 | ProactiveTable2021 | None:
        """The first section 二 table (either format), or None."""
        for t in self.tables():
            if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
                return t
        return None

    @property
    def applications(self) -> ApplicationTable | None:
        """The first application table (section 三), or None."""
        for t in self.tables():
            if isinstance(t, ApplicationTable):
                return t
        return None

    @property
    def reviews(self) -> ReviewTable | None:
        """The first review and litigation table (section 四), or None."""
        for t in self.tables():
            if isinstance(t, ReviewTable):
                return t
        return None

    @property
    def legacy(self) -> LegacyTable | None:
        """The first legacy statistics table, or None."""
        for t in self.tables():
            if isinstance(t, LegacyTable):
                return t
        return None

    def prose_facts(self) -> tuple[ProseFact, ...]:
        """Every figure the prose gives (legacy reports), in document order."""
        blocks = [*self.preamble, *(b for s in self.sections for b in s.blocks)]
        return tuple(f for b in blocks if isinstance(b, ProseFacts) for f in b.facts)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``, in order."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


FormatName = Literal["legacy", "2019", "2021"]
