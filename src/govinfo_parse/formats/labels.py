"""The one table of canonical keys and official labels.

Every row and column of the three statistics tables has a short, stable ASCII *key* (what code
uses), the *official label* exactly as the format documents print it (full-width punctuation),
and a *path*: the official labels from the outermost merged header down, joined by "/" (what
the records format uses).  The grammar (``grammars/report.lark``) names one terminal per row
label; ``terminal`` links a row to it.

The 2019 and 2021 formats are kept apart: section 二 has different items and columns, and the
application table's （六）其他处理 is one value row in 2019 and a group of three in 2021.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

__all__ = [
    "APPLICATION_COLUMNS",
    "APPLICATION_GROUPS",
    "APPLICATION_ROWS",
    "PROACTIVE_ITEMS",
    "REVIEW_COLUMNS",
    "ColumnSpec",
    "ItemSpec",
    "RowSpec",
    "application_rows",
    "proactive_items",
]


@attrs.frozen
class ColumnSpec:
    """One official column."""

    key: str
    """Stable ASCII key, e.g. ``"natural_person"``."""
    label: str
    """Official label as printed in the format, e.g. ``"商业企业"``."""
    path: str
    """Official labels from the outermost merged header down, joined by "/"."""
    signed: bool = False
    """True where the format allows negative values (only 本年增/减)."""
    amount: bool = False
    """True for money columns (value is a Decimal, a unit may be printed)."""
    unit: str | None = None
    """Unit fixed by the column header (本年收费金额（单位：万元）), if any."""


@attrs.frozen
class RowSpec:
    """One official row (a value row of a table)."""

    key: str
    label: str
    path: str
    group: str | None = None
    """Key of the merged group label above the row (``"withheld"`` for （三）不予公开/1.…)."""
    terminal: str | None = None
    """Name of the grammar terminal that recognises the printed label."""
    formats: tuple[str, ...] = ("2019", "2021")


@attrs.frozen
class ItemSpec:
    """One section-二 sub-table: an Article 20 item with its rows and columns."""

    key: str
    """``"item1"``, ``"item5"``, … (the Article 20 item number)."""
    label: str
    """``"第二十条第（一）项"``."""
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]


# --------------------------------------------------------------------------------------------
# Section 三: the application table
# --------------------------------------------------------------------------------------------

_APPLICANT = "申请人情况"
_LEGAL = "法人或其他组织"

APPLICATION_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec("natural_person", "自然人", "自然人"),
    ColumnSpec("business", "商业企业", f"{_LEGAL}/商业企业"),
    ColumnSpec("research", "科研机构", f"{_LEGAL}/科研机构"),
    ColumnSpec("nonprofit", "社会公益组织", f"{_LEGAL}/社会公益组织"),
    ColumnSpec("legal_service", "法律服务机构", f"{_LEGAL}/法律服务机构"),
    ColumnSpec("other_org", "其他", f"{_LEGAL}/其他"),
    ColumnSpec("total", "总计", "总计"),
)

_R3 = "三、本年度办理结果"

APPLICATION_GROUPS: Final[Mapping[str, str]] = {
    "results": _R3,
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
"""Merged label cells that head a group of rows and carry no values of their own.
（六）其他处理 is a group only in the 2021 format; in 2019 it is the value row ``other``."""


def _g(group: str, key: str, label: str, terminal: str, formats: tuple[str, ...] = ("2019", "2021")) -> RowSpec:
    parent = APPLICATION_GROUPS[group]
    return RowSpec(key, label, f"{_R3}/{parent}/{label}", group, terminal, formats)


APPLICATION_ROWS: Final[tuple[RowSpec, ...]] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", None, "APP_NEW"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量", None,
            "APP_CARRIED_OVER"),
    RowSpec("granted", "（一）予以公开", f"{_R3}/（一）予以公开", "results", "APP_GRANTED"),
    RowSpec("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            f"{_R3}/（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "results", "APP_PARTLY"),
    _g("withheld", "withheld.state_secret", "1.属于国家秘密", "APP_W_SECRET"),
    _g("withheld", "withheld.prohibited", "2.其他法律行政法规禁止公开", "APP_W_PROHIBITED"),
    _g("withheld", "withheld.three_safeties", "3.危及“三安全一稳定”", "APP_W_SAFETY"),
    _g("withheld", "withheld.third_party", "4.保护第三方合法权益", "APP_W_THIRD_PARTY"),
    _g("withheld", "withheld.internal", "5.属于三类内部事务信息", "APP_W_INTERNAL"),
    _g("withheld", "withheld.process", "6.属于四类过程性信息", "APP_W_PROCESS"),
    _g("withheld", "withheld.enforcement_file", "7.属于行政执法案卷", "APP_W_CASE_FILE"),
    _g("withheld", "withheld.query", "8.属于行政查询事项", "APP_W_QUERY"),
    _g("unavailable", "unavailable.not_held", "1.本机关不掌握相关政府信息", "APP_U_NOT_HELD"),
    _g("unavailable", "unavailable.needs_creation", "2.没有现成信息需要另行制作", "APP_U_CREATE"),
    _g("unavailable", "unavailable.unclear", "3.补正后申请内容仍不明确", "APP_U_UNCLEAR"),
    _g("not_processed", "not_processed.petition", "1.信访举报投诉类申请", "APP_N_PETITION"),
    _g("not_processed", "not_processed.repeated", "2.重复申请", "APP_N_REPEATED"),
    _g("not_processed", "not_processed.publication", "3.要求提供公开出版物", "APP_N_PUBLICATION"),
    _g("not_processed", "not_processed.excessive", "4.无正当理由大量反复申请", "APP_N_EXCESSIVE"),
    _g("not_processed", "not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息",
       "APP_N_CONFIRM"),
    RowSpec("other", "（六）其他处理", f"{_R3}/（六）其他处理", "results", "APP_OTHER", ("2019",)),
    _g("other", "other.no_correction",
       "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "APP_O_NO_CORRECTION", ("2021",)),
    _g("other", "other.unpaid_fee",
       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "APP_O_UNPAID", ("2021",)),
    _g("other", "other.other", "3.其他", "APP_O_OTHER", ("2021",)),
    RowSpec("total", "（七）总计", f"{_R3}/（七）总计", "results", "APP_TOTAL"),
    RowSpec("carried_forward", "四、结转下年度继续办理", "四、结转下年度继续办理", None, "APP_CARRIED_FORWARD"),
)
"""All value rows of the application table, in table order.  The 2019 format has 23 of them
(``other`` as one row), the 2021 format 25 (``other.*`` instead of ``other``)."""

APPLICATION_ROW_BY_KEY: Final[Mapping[str, RowSpec]] = {r.key: r for r in APPLICATION_ROWS}
APPLICATION_ROW_BY_TERMINAL: Final[Mapping[str, RowSpec]] = {
    r.terminal: r for r in APPLICATION_ROWS if r.terminal
}

RESULT_ROW_KEYS: Final[tuple[str, ...]] = tuple(
    r.key for r in APPLICATION_ROWS if r.group is not None and r.key != "total"
)
"""Rows that add up to （七）总计 (check A2): every result row of either format."""


def application_rows(fmt: str) -> tuple[RowSpec, ...]:
    """The value rows of the application table in the given format ("2019" or "2021")."""
    return tuple(r for r in APPLICATION_ROWS if fmt in r.formats)


# --------------------------------------------------------------------------------------------
# Section 四: administrative review and litigation
# --------------------------------------------------------------------------------------------

_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
            ("pending", "尚未审结"), ("total", "总计"))
_GROUPS = (("review", "行政复议"), ("suit_direct", "行政诉讼/未经复议直接起诉"),
           ("suit_after_review", "行政诉讼/复议后起诉"))

REVIEW_COLUMNS: Final[tuple[ColumnSpec, ...]] = tuple(
    ColumnSpec(f"{g}.{k}", label, f"{gpath}/{label}") for g, gpath in _GROUPS for k, label in _RESULTS
)
"""The 15 value cells of section 四 in printed order: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5."""

REVIEW_GROUPS: Final[tuple[str, ...]] = tuple(g for g, _ in _GROUPS)

# --------------------------------------------------------------------------------------------
# Section 二: proactive disclosure (Article 20 items)
# --------------------------------------------------------------------------------------------


def _c(key: str, label: str, **kw: object) -> ColumnSpec:
    return ColumnSpec(key, label, label, **kw)  # type: ignore[arg-type]


def _r(key: str, label: str, formats: tuple[str, ...]) -> RowSpec:
    return RowSpec(key, label, label, None, "PRO_ROW", formats)


_Y19 = ("2019",)
_Y21 = ("2021",)

_CHANGE_COLS_2019 = (
    _c("previous_count", "上一年项目数量"),
    _c("change", "本年增/减", signed=True),
    _c("decisions", "处理决定数量"),
)

PROACTIVE_ITEMS: Final[Mapping[str, tuple[ItemSpec, ...]]] = {
    "2019": (
        ItemSpec("item1", "第二十条第（一）项",
                 (_r("rules", "规章", _Y19), _r("normative_documents", "规范性文件", _Y19)),
                 (_c("new_made", "本年新制作数量"), _c("new_published", "本年新公开数量"),
                  _c("total_published", "对外公开总数量"))),
        ItemSpec("item5", "第二十条第（五）项",
                 (_r("licensing", "行政许可", _Y19), _r("other_services", "其他对外管理服务事项", _Y19)),
                 _CHANGE_COLS_2019),
        ItemSpec("item6", "第二十条第（六）项",
                 (_r("penalty", "行政处罚", _Y19), _r("coercion", "行政强制", _Y19)),
                 _CHANGE_COLS_2019),
        ItemSpec("item8", "第二十条第（八）项",
                 (_r("fees", "行政事业性收费", _Y19),),
                 _CHANGE_COLS_2019[:2]),
        ItemSpec("item9", "第二十条第（九）项",
                 (_r("procurement", "政府集中采购", _Y19),),
                 (_c("procurement_count", "采购项目数量"), _c("procurement_amount", "采购总金额", amount=True))),
    ),
    "2021": (
        ItemSpec("item1", "第二十条第（一）项",
                 (_r("rules", "规章", _Y21), _r("normative_documents", "行政规范性文件", _Y21)),
                 (_c("issued", "本年制发件数"), _c("repealed", "本年废止件数"), _c("in_force", "现行有效件数"))),
        ItemSpec("item5", "第二十条第（五）项",
                 (_r("licensing", "行政许可", _Y21),),
                 (_c("decisions_this_year", "本年处理决定数量"),)),
        ItemSpec("item6", "第二十条第（六）项",
                 (_r("penalty", "行政处罚", _Y21), _r("coercion", "行政强制", _Y21)),
                 (_c("decisions_this_year", "本年处理决定数量"),)),
        ItemSpec("item8", "第二十条第（八）项",
                 (_r("fees", "行政事业性收费", _Y21),),
                 (_c("fee_amount", "本年收费金额（单位：万元）", amount=True, unit="万元"),)),
    ),
}
"""Section 二 sub-tables per format.  The 2019 columns (新制作/新公开/对外公开总数) and the 2021
columns (制发/废止/现行有效) are different fields with different keys, never aliases."""

CHINESE_NUMERALS: Final[Mapping[str, int]] = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}


def chinese_numeral(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九), or None."""
    if not text or any(ch not in CHINESE_NUMERALS for ch in text):
        return None
    if text == "十":
        return 10
    if len(text) == 1:
        return CHINESE_NUMERALS[text]
    if text.startswith("十") and len(text) == 2:
        return 10 + CHINESE_NUMERALS[text[1]]
    if len(text) == 2 and text[1] == "十":
        return CHINESE_NUMERALS[text[0]] * 10
    if len(text) == 3 and text[1] == "十":
        return CHINESE_NUMERALS[text[0]] * 10 + CHINESE_NUMERALS[text[2]]
    return None


_NUMERAL_TEXT = {v: k for k, v in CHINESE_NUMERALS.items()}


def numeral_text(n: int) -> str:
    """Inverse of :func:`chinese_numeral` for 1 … 99."""
    if n <= 10:
        return _NUMERAL_TEXT[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERAL_TEXT[tens]
    return head + "十" + (_NUMERAL_TEXT[ones] if ones else "")


def proactive_items(fmt: str) -> tuple[ItemSpec, ...]:
    """Section 二 sub-tables of a format ("2019" or "2021")."""
    return PROACTIVE_ITEMS[fmt]


SECTION_TITLES: Final[Mapping[int, str]] = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
"""Official titles of the six sections of the 2019 and 2021 formats."""
