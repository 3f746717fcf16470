"""A legacy report whose prose uses the 2019/2021 tables' words stays legacy.

Found by ``test_render_then_parse_gives_the_same_report[html]`` once the strategies drew cell
notes (a shifted draw): the damage recovery's legacy guard searched the whole text for the
statistics vocabulary, so a 2008 report saying 本年新收政府信息公开申请0件 in a paragraph had its
legacy table rewritten as a 2019 application table (format 2019, the group heading a section)."""

from __future__ import annotations

import pytest

import govinfo_parse as g
from govinfo_parse.nodes import LegacyTable, ReportFormat
from govinfo_parse.render import render

TEXT = """示例局2008年政府信息公开工作年度报告

一、概述

全年共主动公开政府信息0条。

二、政府信息公开工作概述

我局全年共主动公开政府信息0条。我局本年新收政府信息公开申请0件。

三、政府信息公开情况统计表

指标名称 | 本年 |
一、主动公开情况
主动公开政府信息数 | 1 |
"""


def test_prose_vocabulary_does_not_make_a_legacy_table_official() -> None:
    r = g.parse(TEXT)
    assert r.format is ReportFormat.LEGACY
    (table,) = [b for s in r.sections for b in s.blocks if isinstance(b, LegacyTable)]
    assert [(row.key, [c.value for c in row.cells]) for grp in table.groups for row in grp.rows] == [
        ("proactive.total", [1])]


@pytest.mark.parametrize("layout", ["text", "pipes", "tabs", "html"])
def test_round_trip(layout: str) -> None:
    r = g.parse(TEXT)
    out = render(r, layout)
    back = g.parse_bytes(out.encode(), filename="r.html") if layout == "html" else g.parse(out)
    assert back == r
