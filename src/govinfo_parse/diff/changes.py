"""The change records :func:`govinfo_parse.diff.diff` returns, and how each is shown: its one-line
``str()`` (what ``govinfo-parse diff`` prints), its ``path`` and its ``to_dict()``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

import attrs

from ..nodes import Cell

__all__ = [
    "CellChange",
    "Change",
    "ChangeKind",
    "ReportChange",
    "RowChange",
    "SectionChange",
    "TableChange",
    "TextChange",
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

