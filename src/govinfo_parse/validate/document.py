"""Document shape: the format against the year (S106), the six sections (S108, S109), the three
statistics tables (S101) and section 二's format against the report's (S113)."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats.glosses import (
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEWS,
    format_name,
    numeral,
    section_name,
)
from ..formats.labels import numeral_text
from ..nodes import Diagnostic, ProactiveTable2019, Report, ReportFormat, Span
from ._common import E, W, first_span

__all__ = ["check_document", "title_span"]


def title_span(report: Report) -> Span | None:
    """The span of the report's first preamble block that has one (its title, usually)."""
    for b in report.preamble:
        s = getattr(b, "span", None)
        if s is not None:
            return s  # type: ignore[no-any-return]
    return None


def check_document(report: Report) -> Iterator[Diagnostic]:
    """The report as a whole: format against year, sections present and in order, tables present."""
    fmt = report.format
    year = report.metadata.year
    title = title_span(report)
    if year is not None:
        wanted: ReportFormat | None
        if year >= 2021:
            wanted = ReportFormat.F2021
        elif year >= 2019:
            wanted = ReportFormat.F2019
        else:
            wanted = ReportFormat.LEGACY
        if fmt is not wanted:
            why = {
                ReportFormat.F2021: "reports on 2021 onward use the 2021 format (国办公开办函〔2021〕30号)",
                ReportFormat.F2019: "reports on 2019 and 2020 use the 2019 format (国办公开办函〔2019〕60号)",
                ReportFormat.LEGACY: "reports on 2018 and earlier predate the 2019 format",
            }[wanted]
            yield Diagnostic(
                "S106", W,
                f"报告年度 {year} 与表格格式不符 (format does not match the year): the report uses the "
                f"{format_name(fmt)} but {why}",
                span=title, expected=None, actual=None,
                suggestion=f"expected the {format_name(wanted)}",
            )
    if fmt is ReportFormat.LEGACY:
        return
    yield from _sections(report)
    first = report.sections[0].span if report.sections else None
    for name, present_table, section in (
        (TABLE_PROACTIVE, report.proactive, 2),
        (TABLE_APPLICATIONS, report.applications, 3),
        (TABLE_REVIEWS, report.reviews, 4),
    ):
        if present_table is None:
            sec = report.section(section)
            yield Diagnostic(
                "S101", E,
                f"缺少统计表 (table missing): {name}; the {format_name(fmt)} requires it",
                span=first_span(sec.span if sec is not None else None, first),
            )
    pro = report.proactive
    if pro is not None:
        pro_fmt = ReportFormat.F2019 if isinstance(pro, ProactiveTable2019) else ReportFormat.F2021
        if pro_fmt is not fmt:
            yield Diagnostic(
                "S113", W,
                f"主动公开表格式与报告格式不符 (section 二 table format differs from the report's): "
                f"the tables of {section_name(2)} follow the {format_name(pro_fmt)}, "
                f"the report the {format_name(fmt)}",
                span=pro.span,
            )


def _sections(report: Report) -> Iterator[Diagnostic]:
    """S108 for each of sections 一 … 六 that is missing, S109 for one repeated or out of order."""
    numbered = [s for s in report.sections if s.number is not None]
    present = {s.number for s in numbered}
    first = report.sections[0].span if report.sections else None
    for n in range(1, 7):
        if n not in present:
            yield Diagnostic(
                "S108", W,
                f"缺少第{numeral_text(n)}部分 (section missing): {section_name(n)}",
                span=first,
            )
    seen: set[int] = set()
    last = 0
    for s in numbered:
        assert s.number is not None
        if s.number in seen:
            yield Diagnostic("S109", W,
                             f"第{numeral(s.number)}部分重复 (section repeated): "
                             f"{numeral(s.number)}、{s.title}", span=s.span)
        elif s.number < last:
            yield Diagnostic("S109", W,
                             f"第{numeral(s.number)}部分顺序错误 (section out of order): "
                             f"{numeral(s.number)}、{s.title} comes after section {numeral(last)}",
                             span=s.span)
        seen.add(s.number)
        last = max(last, s.number)
