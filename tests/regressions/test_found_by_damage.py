"""Minimal examples the damage property (tests/test_damage.py) found, kept as plain tests.

Each was a parser bug, fixed in the parser; the test names say what was wrong.  The inputs are
the shrunk examples, written out in the layout that exposed them (``pipes``: two label columns,
the merged group label in the first).
"""

from __future__ import annotations

import govinfo_parse
from govinfo_parse.nodes import Report, Severity

_HEAD = (
    "北京市人民政府2021年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||\n"
    "自然人 | 法人或其他组织 | 总计 | |||||||\n"
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n"
    "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
    "三、本年度办理结果 | 予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n"
    "（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n"
)
_REVIEW = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 | 行政诉讼 | |||||||||||||\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n"
    "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
)


def _flagged(report: Report) -> bool:
    """Whether the parse says that something was recovered or lost (a parser warning)."""
    return any(d.code.startswith("P") and d.severity is not Severity.INFO for d in report.diagnostics)


def test_a_2021_other_row_whose_label_was_lost_under_its_group_label_is_not_taken_for_the_2019_row() -> None:
    # （六）其他处理 is the 2021 group label; its row's own label (1.申请人无正当理由…) was lost,
    # its label cell left empty.  The recovery cut the line into a row of the empty label cell
    # and six values plus a row of one value, gave up, and the grammar read the values as the
    # 2019 row （六）其他处理 — silently.  Now the row is one without its label: unplaced (P124),
    # since it could be any of the three rows of （六）.
    text = (_HEAD
            + "（六）其他处理 |   | 0 | 0 | 200000 | 3 | 0 | 5124 | 0 |   |\n"
            + "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" + _REVIEW)
    report = govinfo_parse.parse(text, validate=False)
    t = report.applications
    assert t is not None
    assert t.row("other") is None
    row = next(r for r in t.rows if [c.raw for c in r.cells] == ["0", "0", "200000", "3", "0", "5124", "0"])
    assert row.key is None or row.key.startswith("other.")
    assert _flagged(report)
    fwd = t.row("carried_forward")
    assert fwd is not None and [c.raw for c in fwd.cells] == ["0"] * 7


def test_rows_without_labels_after_a_labelled_row_are_not_glued_to_it() -> None:
    # the shrunk example itself: two rows after 1.信访举报投诉类申请 and the row under （六）其他处理
    # printed without their labels, and 四、结转下年度继续办理's label lost too.  The failed cut of
    # the （六） line made the recovery give up on the whole table, and the grammar glued the
    # label-less rows to the row before them (26 and 16 cells), without a diagnostic.
    text = (_HEAD
            + "  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |   |   |\n"
            + "  | 0 | 0 | 0 | 479 | 657 | 8203 | 0 |   |   |\n"
            + "（六）其他处理 |   | 0 | 0 | 200000 | 3 | 0 | 5124 | 0 |   |\n"
            + "  | 0 | 120 | 13000210 | 183 | 0 | 0 | 1665 |   |   |\n" + _REVIEW)
    report = govinfo_parse.parse(text, validate=False)
    t = report.applications
    assert t is not None
    assert all(len(r.cells) == 7 for r in t.rows), [(r.key, len(r.cells)) for r in t.rows]
    petition = t.row("not_processed.petition")
    assert petition is not None and [c.raw for c in petition.cells] == ["0"] * 7
    assert t.row("other") is None
    assert _flagged(report)


def test_a_markdown_table_with_two_single_spaced_rows_is_not_read_as_a_flattened_scrape() -> None:
    text = ("# 某某局2023年政府信息公开工作年度报告\n## 三、收到和处理政府信息公开申请情况\n"
            "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | "
            "社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "|---|---|---|---|---|---|---|---|\n"
            "一、本年新收政府信息公开申请数量 36466681\n二、上年结转政府信息公开申请数量 1531293\n"
            "| 三、本年度办理结果 |\n| （一）予以公开 |  |  | 283 | 200 |  |  |  |\n"
            "| （七）总计 |  |  | 283 | 200 |  |  | 483 |\n| 四、结转下年度继续办理 |  |  |  | 100 |  |  | 100 |\n")
    report = govinfo_parse.parse(text, validate=False)
    assert report.source.reader != "flattened"
    t = report.applications
    assert t is not None
    granted, total = t.row("granted"), t.row("total")
    assert granted is not None and [c.raw for c in granted.cells][2:4] == ["283", "200"]
    assert total is not None and total.cells[-1].raw == "483"
