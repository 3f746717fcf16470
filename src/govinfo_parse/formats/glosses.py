"""English glosses of the official labels, and the names diagnostics give tables, rows, columns.

Every message that names a part of a report builds the name here, so a row is called the same
thing by every check: the official label (Chinese, as the format prints it) followed by a short
English gloss, e.g. ``（三）不予公开/1.属于国家秘密 (withheld: state secret)``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ..nodes import Cell, CellState, ReportFormat, Value
from .labels import (
    APPLICATION_COLUMNS,
    APPLICATION_GROUPS,
    APPLICATION_ROW_BY_KEY,
    REVIEW_COLUMNS,
    SECTION_TITLES,
    numeral_text,
)

__all__ = [
    "COLUMN_GLOSS",
    "REVIEW_GROUP_LABEL",
    "REVIEW_RESULT_GLOSS",
    "ROW_GLOSS",
    "TABLE_APPLICATIONS",
    "TABLE_NAMES",
    "TABLE_PROACTIVE",
    "TABLE_REVIEWS",
    "app_col_name",
    "fmt",
    "format_name",
    "numeral",
    "printed",
    "review_col_name",
    "row_name",
    "section_name",
    "short_row",
]

ROW_GLOSS: Final[dict[str, str]] = {
    "new": "new applications",
    "carried_over": "carried over from last year",
    "granted": "disclosed",
    "partly_granted": "partly disclosed",
    "withheld.state_secret": "withheld: state secret",
    "withheld.prohibited": "withheld: prohibited by law",
    "withheld.three_safeties": "withheld: security and stability",
    "withheld.third_party": "withheld: third-party rights",
    "withheld.internal": "withheld: internal affairs",
    "withheld.process": "withheld: process information",
    "withheld.enforcement_file": "withheld: enforcement case file",
    "withheld.query": "withheld: administrative query",
    "unavailable.not_held": "unavailable: not held",
    "unavailable.needs_creation": "unavailable: would have to be created",
    "unavailable.unclear": "unavailable: still unclear",
    "not_processed.petition": "not processed: petition or complaint",
    "not_processed.repeated": "not processed: repeated",
    "not_processed.publication": "not processed: publication",
    "not_processed.excessive": "not processed: excessive",
    "not_processed.confirmation": "not processed: confirmation",
    "other": "other handling",
    "other.no_correction": "other: not corrected in time",
    "other.unpaid_fee": "other: fee not paid",
    "other.other": "other: other",
    "total": "total answered",
    "carried_forward": "carried forward to next year",
}
"""English gloss of each application-table row key."""

COLUMN_GLOSS: Final[dict[str, str]] = {
    "natural_person": "natural persons",
    "business": "businesses",
    "research": "research institutions",
    "nonprofit": "non-profits",
    "legal_service": "legal services",
    "other_org": "other organisations",
    "total": "total",
}
"""English gloss of each application-table column key."""

REVIEW_GROUP_LABEL: Final[dict[str, tuple[str, str]]] = {
    "review": ("行政复议", "administrative review"),
    "suit_direct": ("行政诉讼/未经复议直接起诉", "lawsuits without prior review"),
    "suit_after_review": ("行政诉讼/复议后起诉", "lawsuits after review"),
}
"""Section 四 column groups: (official label, English gloss)."""

REVIEW_RESULT_GLOSS: Final[dict[str, str]] = {
    "upheld": "upheld", "corrected": "corrected", "other": "other result", "pending": "pending",
    "total": "total",
}
"""English gloss of the five result columns of each section 四 group."""


def numeral(n: int) -> str:
    """A section number as the format prints it (一 … 九十九), other numbers in digits."""
    return numeral_text(n) if 1 <= n <= 99 else str(n)


def section_name(n: int) -> str:
    """The official heading of section ``n``, e.g. ``三、收到和处理政府信息公开申请情况``."""
    return f"{numeral(n)}、{SECTION_TITLES.get(n, '')}"


TABLE_PROACTIVE: Final[str] = f"{section_name(2)} (proactive disclosure tables)"
TABLE_APPLICATIONS: Final[str] = f"{section_name(3)} (application table)"
TABLE_REVIEWS: Final[str] = f"{section_name(4)} (review and litigation table)"
TABLE_NAMES: Final[dict[str, str]] = {
    "proactive": TABLE_PROACTIVE, "applications": TABLE_APPLICATIONS, "reviews": TABLE_REVIEWS,
}
"""The three statistics tables by their table key (the key of :class:`~govinfo_parse.nodes.CellRef`)."""


def row_name(key: str | None, printed: str = "") -> str:
    """An application-table row for a message: its official label with the group above it and an
    English gloss; a row that could not be placed by what was printed."""
    if key is None:
        return f"“{printed}” (unplaced row)"
    spec = APPLICATION_ROW_BY_KEY.get(key)
    if spec is None:
        return f"“{printed or key}”"
    label = spec.label
    if spec.group is not None and spec.group in APPLICATION_GROUPS and spec.group != "results":
        label = f"{APPLICATION_GROUPS[spec.group]}/{label}"
    return f"{label} ({ROW_GLOSS.get(key, key)})"


def short_row(key: str | None, printed: str = "") -> str:
    """The official label alone (for sums that name many rows)."""
    if key is None:
        return f"“{printed}”"
    spec = APPLICATION_ROW_BY_KEY.get(key)
    return spec.label if spec is not None else key


def app_col_name(j: int) -> str:
    """Application-table column ``j`` (0 = 自然人 … 6 = 总计) with its gloss."""
    c = APPLICATION_COLUMNS[j]
    return f"{c.label} ({COLUMN_GLOSS.get(c.key, c.key)})"


def review_col_name(j: int) -> str:
    """Section 四 column ``j`` (0 … 14) as group/result with its gloss."""
    c = REVIEW_COLUMNS[j]
    group, result = c.key.split(".", 1)
    label, gloss = REVIEW_GROUP_LABEL.get(group, (group, group))
    return f"{label}/{c.label} ({gloss}, {REVIEW_RESULT_GLOSS.get(result, result)})"


def printed(c: Cell | None) -> str:
    """A printed total for a message: its value, or what stands in for one (counted as 0)."""
    if c is None:
        return "—"
    if c.state is CellState.BLANK:
        return "left blank (counted as 0)"
    if c.state is CellState.PLACEHOLDER or c.value is None:
        return f"“{c.raw}” (counted as 0)"
    return fmt(c.value)


def fmt(v: Value | None) -> str:
    """A number for a message: ``Decimal`` without exponent, ``—`` for none."""
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def format_name(f: ReportFormat) -> str:
    """A report format for a message, e.g. ``2019 format``."""
    return {ReportFormat.LEGACY: "legacy format (2008–2018)", ReportFormat.F2019: "2019 format",
            ReportFormat.F2021: "2021 format"}[f]
