"""The legacy statistics table (2008–2018) as data: its common indicators, groups, units and columns.

Reports for 2008–2018 follow no national template, but most carry a 《政府信息公开情况统计表》:
rows of 指标名称 | 计量单位 | one value per column (本年, often 累计, sometimes 上年), grouped
under headings such as 一、主动公开情况 (spec ``formats.md`` §7).  The labels vary from agency to
agency, so a table is a label–unit–value list, and an indicator that is one of the common ones
gets a canonical *key* (``application.total``) by matching its printed label against the
printed *variants* listed here (:mod:`govinfo_parse.tables.labels` does the matching).  An
indicator not listed is kept with its printed label and no key — never dropped.

Everything the legacy reader, the validation and the records need to know about the shape lives
here: :data:`INDICATORS`, :data:`GROUPS`, :data:`COLUMNS`, :data:`UNITS`, the header words
(:data:`LABEL_HEADINGS`, :data:`UNIT_HEADINGS`) and the prose figures (:data:`PROSE_PATTERNS`).
"""

from __future__ import annotations

from typing import Final

import attrs

from .._lazy import LazyPattern, lazy_compile

__all__ = [
    "COLUMNS",
    "EXHAUSTIVE_PARENTS",
    "GROUPS",
    "INDICATORS",
    "INDICATOR_BY_KEY",
    "LABEL_HEADINGS",
    "PROSE_PATTERNS",
    "UNITS",
    "UNIT_HEADINGS",
    "ColumnKind",
    "GroupSpec",
    "Indicator",
    "ProsePattern",
    "column_key",
    "column_label",
    "is_year_heading",
]


@attrs.frozen
class Indicator:
    """One common indicator of the legacy statistics table."""

    key: str
    """Stable ASCII key, ``<group>.<name>`` (``"application.total"``)."""
    label: str
    """The canonical label (what records print for the row)."""
    variants: tuple[str, ...]
    """Printed labels known to mean this indicator (numbering and 其中 set aside)."""
    unit: str
    """The usual unit (条, 件, 万元 …)."""
    group: str
    """Key of the group the indicator belongs to (:data:`GROUPS`)."""
    parent: str | None = None
    """Key of the indicator this one is a 其中 (part) of, if it usually is one."""


@attrs.frozen
class GroupSpec:
    """A group heading of the legacy table (一、主动公开情况 …)."""

    key: str
    label: str
    """Canonical label."""
    variants: tuple[str, ...]
    """Printed headings known to name this group."""


def _i(key: str, label: str, unit: str, *variants: str, parent: str | None = None) -> Indicator:
    return Indicator(key, label, (label, *variants), unit, key.split(".")[0], parent)


INDICATORS: Final[tuple[Indicator, ...]] = (
    _i("proactive.total", "主动公开政府信息数", "条", "主动公开信息数", "主动公开文件数", "主动公开政府信息总数",
       "主动公开信息总数", "主动公开数", "主动公开政府信息条数"),
    _i("proactive.fulltext", "其中：全文电子化的政府信息数", "条", "全文电子化的政府信息数",
       "全文电子化政府信息数", "全文电子化数", "全文电子化", "主动公开全文电子化数", parent="proactive.total"),
    _i("proactive.normative", "主动公开规范性文件数", "条", "规范性文件数", "公开规范性文件数",
       parent="proactive.total"),
    _i("proactive.website", "政府网站公开数", "条", "通过政府网站公开数", "网站公开数", "门户网站公开数",
       "政府网站公开政府信息数", parent="proactive.total"),
    _i("proactive.gazette", "政府公报公开数", "条", "公报公开数", "政府公报公开政府信息数", parent="proactive.total"),
    _i("proactive.press", "新闻发布会次数", "次", "召开新闻发布会次数", "举办新闻发布会次数", "新闻发布会"),
    _i("application.total", "受理申请总数", "件", "收到申请数", "受理依申请公开信息总数", "受理政府信息公开申请总数",
       "受理申请数", "依申请公开申请总数", "申请总数", "收到申请总数", "受理政府信息公开申请数",
       "收到政府信息公开申请数", "依申请公开信息总数"),
    _i("application.in_person", "当面申请数", "件", "当面申请", "现场申请数", parent="application.total"),
    _i("application.fax", "传真申请数", "件", "传真申请", parent="application.total"),
    _i("application.online", "网络申请数", "件", "网上申请数", "网络申请", "网上申请", "互联网申请数",
       "电子邮件申请数", parent="application.total"),
    _i("application.letter", "信函申请数", "件", "信函申请", parent="application.total"),
    _i("application.letter_fax", "信函、传真申请数", "件", "信函传真申请数", "信函/传真申请数",
       parent="application.total"),
    _i("answer.total", "对申请的答复总数", "件", "答复总数", "已答复数", "对申请的答复数", "申请答复总数", "办结数",
       "已办结数"),
    _i("answer.granted", "同意公开", "件", "同意公开答复数", "同意公开数", "予以公开数", parent="answer.total"),
    _i("answer.partial", "同意部分公开", "件", "同意部分公开答复数", "同意部分公开数", "部分公开数", "部分公开",
       parent="answer.total"),
    _i("answer.refused", "不予公开", "件", "不予公开答复数", "不同意公开答复数", "不予公开数", "不同意公开",
       parent="answer.total"),
    _i("answer.not_exist", "信息不存在", "件", "信息不存在数", "信息不存在答复数", parent="answer.total"),
    _i("answer.not_competent", "非本机关职责范围", "件", "非本机关职责范围数", "不属于本行政机关公开",
       "不属于本机关公开范围", "非本机关政府信息", "不属于本机关职责范围", parent="answer.total"),
    _i("answer.unclear", "申请内容不明确", "件", "申请内容不明确数", parent="answer.total"),
    _i("answer.other", "其他类型答复数", "件", "其他答复数", "其他类型答复", parent="answer.total"),
    _i("review.count", "行政复议数", "件", "行政复议数量", "因政府信息公开申请行政复议数", "申请行政复议数",
       "政府信息公开行政复议数", "行政复议"),
    _i("litigation.count", "行政诉讼数", "件", "行政诉讼数量", "提起行政诉讼数", "因政府信息公开提起行政诉讼数",
       "政府信息公开行政诉讼数", "行政诉讼"),
    _i("complaint.count", "申诉数", "件", "申诉", "举报数", "申诉举报数", "申诉、举报数", "行政申诉数",
       "因政府信息公开申诉数"),
    _i("fees.amount", "收费金额", "万元", "依申请公开信息收取的费用", "收取费用", "收费总额", "依申请公开收取的费用",
       "收取费用总额", "收费数额"),
    _i("fees.waived", "减免金额", "万元", "减免费用", "减免费用金额"),
    _i("inquiry.count", "接受咨询数", "人次", "政府信息公开咨询数", "咨询数", "接受政府信息公开咨询数"),
)
"""The common indicators, in the order tables usually print them."""

INDICATOR_BY_KEY: Final[dict[str, Indicator]] = {i.key: i for i in INDICATORS}

GROUPS: Final[tuple[GroupSpec, ...]] = (
    GroupSpec("proactive", "主动公开情况", ("主动公开情况", "主动公开政府信息情况", "主动公开")),
    GroupSpec("application", "依申请公开情况", ("依申请公开情况", "依申请公开政府信息情况", "受理申请情况",
                                          "依申请公开")),
    GroupSpec("answer", "申请处理情况", ("申请处理情况", "对申请的答复情况", "答复情况", "申请办理情况")),
    GroupSpec("review", "行政复议和诉讼情况", ("行政复议和诉讼情况", "行政复议和行政诉讼情况", "复议诉讼情况",
                                         "行政复议、行政诉讼情况")),
    GroupSpec("fees", "收费情况", ("收费情况", "收费及减免情况", "依申请公开收费情况", "收费和减免情况")),
)
"""The usual group headings."""

EXHAUSTIVE_PARENTS: Final[tuple[str, ...]] = ("answer.total",)
"""Indicators whose 其中 rows, where all printed, add up to them (the outcomes of the answers).
Other 其中 rows may overlap (a document on the website and in the gazette) and are only
bounded by their parent."""

UNITS: Final[tuple[str, ...]] = ("人次", "万元", "亿元", "元", "条", "件", "次", "篇", "个", "人", "项", "份",
                                 "起", "期", "场", "天", "批", "处", "台", "家")
"""Units a legacy table prints in its 计量单位 column (longest first where one ends another)."""

LABEL_HEADINGS: Final[tuple[str, ...]] = ("指标名称", "统计指标", "指标", "项目", "统计项目", "项目名称", "指标项目")
"""What the header prints above the indicator labels."""

UNIT_HEADINGS: Final[tuple[str, ...]] = ("计量单位", "单位", "统计单位")
"""What the header prints above the units."""


class ColumnKind:
    """The column keys of a legacy table."""

    CURRENT = "current"
    CUMULATIVE = "cumulative"
    PREVIOUS = "previous"


COLUMNS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    ColumnKind.CURRENT: ("本年", ("本年", "本年度", "本年数", "统计数", "当年", "本期", "数量", "数值", "本年累计",
                                 "本年度数", "年度数")),
    ColumnKind.CUMULATIVE: ("累计", ("累计", "历年累计", "累计数", "总累计", "历年累计数", "合计")),
    ColumnKind.PREVIOUS: ("上年", ("上年", "上年度", "上年数", "去年", "上年同期")),
}
"""Column key → (canonical heading, printed headings).  A heading naming a year (``2018年度``) is
the current year's column, or the previous year's when another heading names a later year."""

_YEAR_HEADING = lazy_compile(r"^(\d{4})年(?:度)?(?:数)?$")


def column_key(heading: str, years: tuple[int, ...] = ()) -> str | None:
    """The column key a printed heading stands for (white space and the ␁ header marker set
    aside), or None.  ``years``: the years named by the table's year headings."""
    h = "".join(heading.split()).lstrip("\u2401")
    for key, (_, variants) in COLUMNS.items():
        if h in variants:
            return key
    m = _YEAR_HEADING.match(h)
    if m:
        y = int(m.group(1))
        return ColumnKind.PREVIOUS if years and y < max(years) else ColumnKind.CURRENT
    return None


def is_year_heading(heading: str) -> bool:
    """A heading naming a year (``2018年度``)."""
    return _YEAR_HEADING.match("".join(heading.split()).lstrip("\u2401")) is not None


def column_label(key: str | None, printed: str) -> str:
    """The canonical heading of a column key (what records print), else the printed heading."""
    if key in COLUMNS:
        return COLUMNS[key][0]
    return printed


# --------------------------------------------------------------------------------------------
# Figures in the prose
# --------------------------------------------------------------------------------------------


@attrs.frozen
class ProsePattern:
    """A sentence pattern giving one indicator's figure.  The regex has a group ``num`` (the
    figure) and optionally ``unit``; a pattern with ``zero`` set states the figure is 0 ("未收到…")."""

    key: str
    regex: LazyPattern
    zero: bool = False


_NUM = r"(?P<num>\d[\d,]*(?:\.\d+)?)"
_GAP = r"[^，,。；;：:\d]{0,12}?"

PROSE_PATTERNS: Final[tuple[ProsePattern, ...]] = (
    ProsePattern("proactive.total", lazy_compile(
        r"主动公开(?:政府)?信息(?:共|总计|合计|达)?\s*" + _NUM + r"\s*(?P<unit>条|件)")),
    ProsePattern("application.total", lazy_compile(
        r"(?:受理|收到|接到)(?:政府信息公开|依申请公开(?:政府信息)?|公开政府信息)?申请(?:共|总计|合计|为)?\s*"
        + _NUM + r"\s*(?P<unit>件|份|个|次)")),
    ProsePattern("application.total", lazy_compile(
        r"(?:未|没有)(?:收到|受理|接到)(?:过)?(?:有关|任何)?(?:政府信息公开|依申请公开)(?:的)?申请"), zero=True),
    ProsePattern("review.count", lazy_compile(
        r"(?:行政复议(?:申请|案件)?)(?:共|总计|合计|为)?\s*" + _NUM + r"\s*(?P<unit>件|起|宗|次)")),
    ProsePattern("review.count", lazy_compile(
        r"(?:未|没有)(?:收到|发生|出现)(?:过)?[^。，,；;]{0,20}?行政复议"), zero=True),
    ProsePattern("litigation.count", lazy_compile(
        r"(?:行政诉讼(?:案件)?)(?:共|总计|合计|为)?\s*" + _NUM + r"\s*(?P<unit>件|起|宗|次)")),
    ProsePattern("litigation.count", lazy_compile(
        r"(?:未|没有)(?:收到|发生|出现)(?:过)?[^。，,；;]{0,30}?行政诉讼"), zero=True),
    ProsePattern("fees.amount", lazy_compile(r"(?:未|没有|不)收取(?:任何)?(?:费用|信息处理费)"), zero=True),
)
"""The sentences whose figures a legacy report's prose gives (and its table should agree with).
Conservative: a figure counts only with its unit, in a sentence about disclosure (see
:mod:`govinfo_parse.tables.legacy_prose`)."""
