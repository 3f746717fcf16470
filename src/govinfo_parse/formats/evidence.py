"""Which format a report uses, from the words it prints: the 2019-vs-2021 evidence.

The two formats share the application and review tables; they differ in section 二.  The words
below are what the columns, rows and items of each format print (in the lexer's normalised,
white-space-free form, half-width brackets) — truncated forms included, because real headers
are cut ("本年新", "制作数量").  Every module that must tell the formats apart (table assembly,
the readers, format detection) asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .._lazy import lazy_compile
from .labels import PROACTIVE_ITEMS, SECTION_TITLES

__all__ = ["FORMAT_2019_RE", "FORMAT_2021_RE", "SECTION_TITLE_VARIANTS", "STATISTICS_VOCABULARY_RE", "WORDS_2019",
           "WORDS_2021", "proactive_row_item"]

WORDS_2021: Final[tuple[str, ...]] = (
    "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "行政规范性文件")
"""Words only the 2021 format's section 二 prints (column headings, the 2021 row label)."""

WORDS_2019: Final[tuple[str, ...]] = (
    "本年新", "制作数量", "公开数量", "对外公开总数", "上一年项目数量", "上年项目数量", "增/减", "增减",
    "采购项目数量", "采购总金额", "政府集中采购", "其他对外管理服务事项")
"""Words only the 2019 format's section 二 prints, with the truncated forms real headers show."""

FORMAT_2021_RE: Final = lazy_compile(
    r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|申请人无正当理由逾期不补正")
"""Evidence of the 2021 format in running (flattened) text."""
FORMAT_2019_RE: Final = lazy_compile(r"本年新制作|上一年项目数量|第二十条第\(九\)项|采购总金额|采购项目数量")
"""Evidence of the 2019 format in running (flattened) text."""

STATISTICS_VOCABULARY_RE: Final = lazy_compile(
    r"第二十条第\([一二三四五六七八九十]{1,2}\)项|本年新收政府信息公开申请|上年结转政府信息公开申请|"
    r"本年制发件数|本年新制作数量|未经复议直接起诉|复议后起诉")
"""Words only the 2019/2021 statistics tables print: a report that prints them is not legacy."""

SECTION_TITLE_VARIANTS: Final[tuple[str, ...]] = (
    *SECTION_TITLES.values(),
    "政府信息公开工作存在的主要问题及改进情况",
    "存在问题及改进情况",
    "政府信息公开行政复议和行政诉讼情况",
    "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
)
"""The official section titles and the variants seen in the wild (a heading run into its first
sentence is split after the longest of these)."""


def _row_items() -> Mapping[str, str]:
    """Section 二 row label → the item (sub-table) key it belongs to, over both formats."""
    out: dict[str, str] = {}
    for items in PROACTIVE_ITEMS.values():
        for item in items:
            for row in item.rows:
                out.setdefault(row.label, item.key)
    return out


_ROW_ITEMS: Final = _row_items()


def proactive_row_item(label: str) -> str | None:
    """The section 二 item key (``item1`` …) of an official row label, or None."""
    return _ROW_ITEMS.get(label)
