"""Document metadata (title, agency, year, dates, statistical period) and the report format, from
the parsed preamble and sections; and putting back blocks the grammar skipped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._lazy import lazy_compile
from ..nodes import (
    ApplicationTable,
    Block,
    Chrome,
    DateLine,
    Metadata,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    ReportFormat,
    Section,
    Span,
    Title,
    Unrecognised,
)
from ..tables.place import place_blocks
from .transformer import parse_date

__all__ = ["detect_format", "document_metadata", "insert_unrecognised", "join_split_title"]


_TITLE_RE = lazy_compile(
    r"^(?P<pre>.*?)(?P<year>\d{4})\s*年\s*度?\s*(?P<post>.*?)(政府信息公开|政务公开|信息公开)(工作)?(年度)?(报告|年报)"
)
_PERIOD_RE = lazy_compile(
    r"统计期限[^\d]{0,8}(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^\d]{0,6}?(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)


def _agency_from_title(title: str) -> tuple[str | None, int | None]:
    """The agency and the year a report title names ("XX局2020年政府信息公开工作年度报告")."""
    squeezed = re.sub(r"\s+", "", title)
    squeezed = re.sub(r"^(标题:|#+)", "", squeezed)
    m = _TITLE_RE.search(squeezed)
    if not m:
        return None, None
    agency = (m.group("pre") or m.group("post") or "").strip(" :,，、")
    agency = re.sub(r"(关于)?$", "", agency)
    return (agency or None), int(m.group("year"))


def document_metadata(preamble: Sequence[Block], norm_text: str) -> Metadata:
    """Title, agency, year, publication date and statistical period, from the preamble blocks and
    the normalised text (a title line, a 标题: crawler line, the opening sentence, 统计期限 …)."""
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published = None
    for b in preamble:
        if isinstance(b, Title) and title is None:
            title = b.text
        elif isinstance(b, DateLine) and published is None:
            published = b.date
        elif isinstance(b, Chrome) and title is None and re.match(r"\s*标题\s*[:：]", b.text):
            title = re.sub(r"^\s*标题\s*[:：]\s*", "", b.text)
    if title:
        agency, year = _agency_from_title(title)
    if agency is None or year is None:
        # a report with no title line often opens with a sentence naming itself
        for b in preamble:
            if isinstance(b, Paragraph):
                a, y = _agency_from_title(b.text[:80])
                agency = agency or a
                year = year or y
                break
    pstart = pend = None
    m = _PERIOD_RE.search(norm_text)
    if m:
        pstart = parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
        pend = parse_date(f"{m.group(4) or m.group(1)}-{m.group(5)}-{m.group(6)}")
    if year is None and pstart is not None:
        year = pstart.year
    if year is None:
        years = [int(y) for y in re.findall(r"(?<!\d)(20[0-3]\d|199\d)\s*年", norm_text)]
        if years:
            year = max(set(years), key=lambda y: (years.count(y), y))
    if published is None:
        # a dated signature at the end ("2026年1月23日")
        tail = norm_text.rstrip()[-40:]
        m2 = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", tail)
        if m2:
            published = parse_date(m2.group(0))
    return Metadata(title, agency, year, published, pstart, pend)


def join_split_title(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """An agency line followed by "2020年度政府信息公开工作年度报告" is one title."""
    out: list[Block] = []
    for b in blocks:
        if (isinstance(b, Title) and out and isinstance(out[-1], Paragraph)
                and re.match(r"^\s*\d{4}\s*年", b.text) and len(out[-1].text) <= 40
                and not re.search(r"[。，,；;：:]", out[-1].text)):
            prev = out.pop()
            assert isinstance(prev, Paragraph)
            span = None
            if prev.span and b.span:
                span = Span(prev.span.start, b.span.end, prev.span.line, prev.span.column,
                            b.span.end_line, b.span.end_column)
            out.append(Title(prev.text + b.text, span))
        else:
            out.append(b)
    return tuple(out)


# ------------------------------------------------------------------------------------------
# parsing
# ------------------------------------------------------------------------------------------


def detect_format(sections: Sequence[Section], preamble: Sequence[Block]) -> ReportFormat:
    """The format of the tables read (2019 or 2021 proactive tables, else the application table's
    format); legacy when there is no table."""
    blocks = [b for s in sections for b in s.blocks] + list(preamble)
    for b in blocks:
        if isinstance(b, ProactiveTable2019):
            return ReportFormat.F2019
        if isinstance(b, ProactiveTable2021):
            return ReportFormat.F2021
    for b in blocks:
        if isinstance(b, ApplicationTable):
            return b.format
    return ReportFormat.LEGACY


def insert_unrecognised(report_sections: list[Section], preamble: list[Block],
                         extra: Sequence[Unrecognised]) -> None:
    """Put blocks the grammar skipped back where they stood in the text
    (:func:`govinfo_parse.tables.place.place_blocks`)."""
    place_blocks(report_sections, preamble, extra)
