"""Trust: can the result be relied on at all?  Two errors that say so instead of handing back a
silently empty report:

- **T101** the text is not an annual report at all: no report title words (政府信息公开 …
  年度报告/年报), no official section heading (2019/2021 or legacy), no statistics vocabulary —
  a README, an unrelated web page, a file of something else;
- **T102** a report on 2019 or later (by its year, or — where it states none — by the labels of
  the 2019/2021 tables such as 第二十条第（一）项, 本年制发件数) from which no statistics table
  could be read, so every figure of sections 二, 三 and 四 is missing ("never silently empty").

A legacy report (2008–2018, prose only, like seed 001 of 2013) is a report: its title and its
headings say so, and it has no tables to miss."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .._lazy import lazy_compile
from ..formats.labels import SECTION_TITLES
from ..nodes import Diagnostic, Report
from ._common import E
from .document import title_span

__all__ = ["check_trust", "report_text"]

_TITLE_WORDS = lazy_compile(r"政府信息公开[^\n]{0,12}?(?:年度报告|年报|工作报告)|信息公开(?:工作)?年度报告")
"""The words of a report's title (政府信息公开工作年度报告 and its variants)."""

_HEADINGS = lazy_compile(
    "|".join(re.escape(t) for t in SECTION_TITLES.values())
    + r"|主动公开政府信息(?:的)?情况|依申请公开政府信息(?:的)?情况|政府信息公开的收费及减免情况"
    r"|因政府信息公开申请(?:提起)?行政复议|存在的主要问题(?:及|和)改进(?:措施|情况)|政府信息公开工作概述"
)
"""Official section headings of the 2019/2021 formats and the legacy reports (spec §7)."""

_STATISTICS = lazy_compile(
    r"本年新收|上年结转|予以公开|部分公开|不予公开|无法提供|不予处理|结转下年度|第二十条第|本年制发件数"
    r"|现行有效件数|处理决定数量|主动公开政府信息数|收到申请数|依申请公开|行政复议|行政诉讼|统计指标"
)
"""Words of the statistics tables of any generation."""

_MODERN = lazy_compile(
    r"第二十条第[（(][一二三四五六七八九十]+[)）]项|本年新收政府信息公开申请数量|本年制发件数|本年废止件数"
    r"|现行有效件数|上年结转政府信息公开申请数量|结转下年度继续办理"
)
"""Labels only the 2019 and 2021 tables print (the legacy statistics tables have none of them);
evidence of the format where the report states no year."""


def _fold(text: str) -> str:
    """Full-width forms folded and white space removed, so 政府信息公开 年度报告 still matches."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("(", "（").replace(")", "）")


def report_text(report: Report) -> str:
    """All the text a report's blocks hold (title, headings, paragraphs, chrome, unrecognised),
    one block per line — what the trust checks look for words in."""
    parts: list[str] = []
    if report.metadata.title:
        parts.append(report.metadata.title)
    for b in report.preamble:
        parts.append(str(getattr(b, "text", "") or getattr(b, "title", "")))
    for s in report.sections:
        parts.append(s.title)
        for b in s.blocks:
            parts.append(str(getattr(b, "text", "") or getattr(b, "title", "")))
    return "\n".join(p for p in parts if p)


def check_trust(report: Report) -> Iterator[Diagnostic]:
    """T101 for a text that is no report, else T102 for a 2019+ report with no table read."""
    text = _fold(report_text(report))
    titled = bool(_TITLE_WORDS.search(text))
    headed = bool(_HEADINGS.search(text)) or any(s.number is not None for s in report.sections)
    statistics = bool(report.tables()) or bool(_STATISTICS.search(text))
    where = title_span(report) or (report.sections[0].span if report.sections else None)
    if not (titled or headed or statistics):
        yield Diagnostic(
            "T101", E,
            "不是政府信息公开年度报告 (not an annual report): the text has no report title words "
            "(政府信息公开…年度报告), no official section heading (一、总体情况 …, or the legacy "
            "主动公开政府信息情况 …) and no statistics vocabulary (本年新收, 予以公开, 第二十条 …); "
            "nothing was read from it",
            span=where,
            suggestion="check that this is the file you meant: a README, a web page on another subject "
            "or an empty download is not a report",
        )
        return
    if report.tables():
        return
    year = report.metadata.year
    modern = _MODERN.search(text) if year is None else None
    if (year is not None and year >= 2019) or modern is not None:
        why = (f"it reports on {year}, when the 2019/2021 formats require three statistics tables"
               if year is not None and year >= 2019 else
               f"its text uses the vocabulary of the 2019/2021 tables (“{modern.group(0)}”)"  # type: ignore[union-attr]
               )
        yield Diagnostic(
            "T102", E,
            "未能读出统计表 (no statistics table could be read): " + why + ", but none of the tables of "
            "二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况 or "
            "四、政府信息公开行政复议、行政诉讼情况 was found, so every figure of them is missing — the "
            "result is empty, not a report of zeros",
            span=where,
            suggestion="the tables may be images, an attachment, or markup the reader could not follow; "
            "compare with the source document",
        )
