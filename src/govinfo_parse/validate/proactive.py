"""Section 二, proactive disclosure: the Article 20 sub-tables of the report's format and their
rows (S112, S103), cell counts (S104, S105) and values."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats.glosses import TABLE_PROACTIVE, section_name
from ..formats.labels import ItemSpec, proactive_items
from ..nodes import Diagnostic, ItemTable, ProactiveTable2019, Report
from ._common import W, aligned, cell_count, first_span, spans
from .values import ValueRow, check_values

__all__ = ["check_proactive", "proactive_row_key"]


def proactive_row_key(item: str, row: str | None) -> str | None:
    """The row key a section 二 cell is referred to by: item and row, e.g. ``"item1.rules"``."""
    return f"{item}.{row}" if row is not None else None


def check_proactive(report: Report) -> Iterator[Diagnostic]:
    """The sub-tables against the format, each one's rows, then the values of all of them."""
    pro = report.proactive
    if pro is None:
        return
    fmt = "2019" if isinstance(pro, ProactiveTable2019) else "2021"
    specs = {s.key: s for s in proactive_items(fmt)}
    seen: set[str] = set()
    rows_for_values: list[ValueRow] = []
    for item in pro.items:
        spec = specs.get(item.item)
        if spec is None:
            yield Diagnostic(
                "S112", W,
                f"子表不属于此格式 (sub-table not in this format): {item.item} is not one of the "
                f"{fmt}-format sub-tables of {section_name(2)}",
                span=item.span,
            )
            continue
        if item.item in seen:
            yield Diagnostic("S112", W, f"子表重复 (sub-table repeated): {spec.label}", span=item.span)
            continue
        seen.add(item.item)
        yield from _item_shape(item, spec)
        for r in item.rows:
            rows_for_values.append((r, aligned(r.cells, len(spec.columns)), spec.columns,
                                    proactive_row_key(item.item, r.key)))
    for key, spec in specs.items():
        if key not in seen:
            yield Diagnostic(
                "S112", W,
                f"缺少子表 (sub-table missing): {spec.label} (Article 20 item) is not in {section_name(2)}",
                span=pro.span,
            )
    yield from check_values(TABLE_PROACTIVE, "proactive", rows_for_values)


def _item_shape(item: ItemTable, spec: ItemSpec) -> Iterator[Diagnostic]:
    """One sub-table's rows: foreign, repeated and missing rows, and each row's cell count."""
    keys = [r.key for r in spec.rows]
    names = {r.key: r.label for r in spec.rows}
    present: set[str] = set()
    for r in item.rows:
        name = f"{spec.label}/{names.get(r.key or '', r.label)}"
        if r.key is not None:
            if r.key not in keys:
                yield Diagnostic("S112", W, f"行不属于此子表 (row not in this sub-table): “{r.label}” in "
                                 f"{spec.label}", span=first_span(r.span, *spans(r.cells)))
            elif r.key in present:
                yield Diagnostic("S103", W, f"行重复 (row repeated): {name}",
                                 span=first_span(r.span, *spans(r.cells)))
            present.add(r.key)
        yield from cell_count(TABLE_PROACTIVE, r, len(spec.columns), name)
    for k in keys:
        if k not in present:
            yield Diagnostic("S112", W, f"缺少一行 (row missing): {spec.label}/{names[k]}", span=item.span)
