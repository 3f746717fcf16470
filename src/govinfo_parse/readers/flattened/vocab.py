"""The squeezed text and the vocabulary of the three tables: section titles, row labels, header cells.

:class:`_Text` is the normalised text without white space, with the way back to normalised
offsets; the regular expressions below find section headings, sub-headings, table anchors, row
labels (official labels with punctuation and quotes optional) and header cells in it.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from ...formats import labels as L
from ...normalise import normalise
from ...stream import Chunk, squeeze

UNDECIDED: Final = "*"
"""Chunk text of a cell the decoder could not decide (lexed as a placeholder; its ``raw`` is the
source digits it lies in)."""

# --------------------------------------------------------------------------------------------
# the squeezed text: white space removed, with the way back to normalised offsets
# --------------------------------------------------------------------------------------------


class _Text:
    """The normalised text without white space.  ``pos[i]`` is the normalised offset of ``s[i]``;
    ``gap[i]`` says white space stood before ``s[i]``, ``nl[i]`` that it held a line break."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        pos: list[int] = []
        gap: list[bool] = []
        nl: list[bool] = []
        prev = 0
        for m in re.finditer(r"\S+", text):
            ws = text[prev : m.start()]
            parts.append(m.group(0))
            pos.extend(range(m.start(), m.end()))
            gap.append(bool(ws))
            nl.append("\n" in ws)
            k = m.end() - m.start() - 1
            gap.extend([False] * k)
            nl.extend([False] * k)
            prev = m.end()
        self.s = "".join(parts)
        self.pos = pos
        self.gap = gap
        self.nl = nl

    def chunk(self, a: int, b: int, text: str | None = None, mark: str = "") -> Chunk:
        """The chunk of squeezed ``s[a:b]`` (its text, or ``text``; ``mark`` for undecided/inferred cells)."""
        return Chunk(self.s[a:b] if text is None else text, self.pos[a], self.pos[b - 1] + 1, mark)


# --------------------------------------------------------------------------------------------
# vocabulary: section titles, row labels, header cells
# --------------------------------------------------------------------------------------------


def _canon(label: str) -> str:
    return squeeze(normalise(label).text)


_CN = "[一二三四五六七八九十]"
_NUM_PREFIX = re.compile(rf"^(?:{_CN}{{1,2}}[、.,]|\({_CN}{{1,2}}\)|\d{{1,2}}[.、])")
_ANY_PREFIX = rf"(?:{_CN}{{1,2}}[、.,]?|\({_CN}{{1,2}}\)|\d{{1,2}}[.、,]|\(\d{{1,2}}\))"


def _flex(literal: str) -> str:
    """A label as a pattern: punctuation optional and interchangeable, quotes optional."""
    out: list[str] = []
    for ch in literal:
        if ch in "、,.:;":
            out.append("[、,.:;]?")
        elif ch in "\"'":
            out.append("[\"']?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_CORE_OVERRIDES: Final[dict[str, str]] = {
    "new": r"本年新收[^\d()]{0,12}?申请(?:数量|数)?",
    "carried_over": r"上年结转[^\d()]{0,12}?申请(?:数量|数)?",
    "g:results": r"本年度?办理结果",
    "partly_granted": r"部分公开(?:\([^()\d]{0,30}\)?)?",
    "carried_forward": r"结转下年度?继续办理",
    "other.no_correction": r"申请人无正当理由逾期不补正(?:[、,]?行政机关不再处理其政府信息公开申请)?",
    "other.unpaid_fee": r"申请人逾期未按收费通知要求缴纳费用(?:[、,]?行政机关不再处理其政府信息公开申请)?",
}

_NEEDS_PREFIX: Final[dict[str, str]] = {
    "other.other": r"\d{1,2}[.、,]|\(\d{1,2}\)",
    "total": r"\(七\)|七[、.,]",
}
"""Labels too generic to take without their number (其他, 总计) — unless they follow the row
they follow in the official table."""


@attrs.frozen
class _Label:
    key: str
    """Row key of labels.py, or ``g:<group>`` for a merged group label."""
    canonical: str
    """The official label, normalised and squeezed: the chunk text the grammar reads."""
    number: str
    """The official numbering (``4`` for 4.保护第三方合法权益; "" for 一、/（一）)."""
    core: re.Pattern[str]
    full: re.Pattern[str]
    needs: re.Pattern[str] | None
    after: tuple[str, ...]


def _build_labels() -> tuple[_Label, ...]:
    """The official application-row labels (and merged group labels) as patterns, numbers and the
    rows 其他/总计 must follow."""
    out: list[_Label] = []
    seen: set[str] = set()
    specs: list[tuple[str, str]] = [(f"g:{g}", lab) for g, lab in L.APPLICATION_GROUPS.items() if g != "other"]
    specs += [(r.key, r.label) for r in L.APPLICATION_ROWS]
    keys = [r.key for r in L.APPLICATION_ROWS]
    results = tuple(k for k in L.RESULT_ROW_KEYS)
    for key, label in specs:
        canon = _canon(label)
        if canon in seen:
            continue
        seen.add(canon)
        m = _NUM_PREFIX.match(canon)
        prefix = m.group(0) if m else ""
        number = prefix[:-1] if prefix and prefix[0].isdigit() else ""
        core_text = canon[len(prefix):]
        core = _CORE_OVERRIDES.get(key, _flex(core_text))
        after: tuple[str, ...] = ()
        if key == "other.other":
            after = (keys[keys.index(key) - 1],)
        elif key == "total":
            after = results
        needs = re.compile(_NEEDS_PREFIX[key]) if key in _NEEDS_PREFIX else None
        out.append(_Label(key, canon, number, re.compile(core),
                          re.compile(rf"(?P<prefix>{_ANY_PREFIX})?(?:{core})"), needs, after))
    return tuple(out)


_APP_LABELS: Final = _build_labels()
_APP_CORES: Final = re.compile("|".join(f"(?:{lab.core.pattern})" for lab in _APP_LABELS))

_PRO_LABELS: Final[tuple[str, ...]] = tuple(sorted(
    {_canon(r.label) for items in L.PROACTIVE_ITEMS.values() for i in items for r in i.rows},
    key=len, reverse=True))
_PRO_LABEL_RE: Final = re.compile("|".join(re.escape(x) for x in _PRO_LABELS))
_PRO_ROW_ITEM: Final[dict[str, str]] = {
    _canon(r.label): i.key for items in L.PROACTIVE_ITEMS.values() for i in items for r in i.rows
}
_ITEM_RE: Final = re.compile(rf"第二十条第\(({_CN}{{1,2}})\)项")

HEADER_WORDS: Final[tuple[str, ...]] = tuple(sorted({
    *(_canon(c.label) for items in L.PROACTIVE_ITEMS.values() for i in items for c in i.columns),
    *(_canon(c.label) for c in L.APPLICATION_COLUMNS),
    *(_canon(c.label) for c in L.REVIEW_COLUMNS),
    "信息内容", "申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
    "本年新", "新制作数量", "新公开数量", "对外公开总数", "上年项目数量", "本年增减", "本年收费金额",
    "采购总金额(万元)", "采购总金额(元)", "结果", "尚未", "商业", "企业", "科研", "机构", "社会公益", "组织",
    "法律服务",
}, key=len, reverse=True))
"""Header cells of the three tables as the grammar's HEAD terminal knows them (longest first)."""
_HEADER_RE: Final = re.compile("|".join(re.escape(w) for w in HEADER_WORDS))
_NOTE_RE: Final = re.compile(r"\(?本列数据的?勾稽关系[^()]{0,60}\)?")

_SECTION_TITLES: Final[tuple[str, ...]] = (
    r"总体情况", r"(?:政府信息公开工作)?概述", r"基本情况",
    r"主动公开政府信息(?:的)?情况",
    r"收到和处理政府信息公开申请(?:的)?情况",
    r"(?:因)?政府信息公开(?:工作|申请)?(?:被申请)?行政复议[、,和及与]?(?:提起)?行政诉讼(?:的)?情况",
    r"(?:政府信息公开工作)?存在的?(?:主要)?问题(?:及|和)改进(?:情况|措施)",
    r"其他需要报告的事项",
)
_SECTION_RE: Final = re.compile(rf"(?P<num>{_CN}{{1,2}})[、.,:](?:{'|'.join(_SECTION_TITLES)})")
_GENERIC_SECTION_RE: Final = re.compile(rf"(?P<num>{_CN}{{1,2}})、(?P<title>[^\d。,;:!?()]{{2,30}})")
_SUBHEAD_RE: Final = re.compile(rf"\(({_CN}{{1,2}})\)")
_ANCHOR_RE: Final = re.compile(
    rf"第二十条第\({_CN}{{1,2}}\)项|\(?本列数据的?勾稽关系|申请人情况|(?:{_CN}[、.,]?)?本年新收|行政复议|行政诉讼"
    r"|未经复议直接起诉|结果维持"
)
_REVIEW_START: Final = re.compile(r"行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果维持结果纠正")
"""Where the section 四 header starts, even with its heading lost: it ends the application table."""
_BREAK_BEFORE: Final = set("。;:!?)\"'/—-") | set("0123456789")

_UNKNOWN_LABEL_RE: Final = re.compile(r"(?:\d{1,2}[.、])?[^\d。,;:]{2,40}?(?=\d)")
_RUN_CHARS: Final = frozenset("0123456789.,-+/—*")
_UNITS: Final = ("亿元", "万元", "元")

_FORMAT_2021: Final = re.compile(
    r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|申请人无正当理由逾期不补正")
_FORMAT_2019: Final = re.compile(r"本年新制作|上一年项目数量|第二十条第\(九\)项|采购总金额|采购项目数量")

_APP_TABLE = "三、收到和处理政府信息公开申请情况 (application table)"
_REVIEW_TABLE = "四、政府信息公开行政复议、行政诉讼情况 (review and litigation table)"
