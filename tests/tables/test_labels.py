"""Printed row labels against the official ones: bounded edit distance, expected position,
never a silent guess."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse.formats import labels as L
from govinfo_parse.nodes import Severity
from govinfo_parse.stream import UNPLACED
from govinfo_parse.tables.labels import (
    OfficialLabel,
    app_labels,
    canonical_chunk_text,
    edit_distance,
    label_body,
    match_label,
)

ROWS_2021 = L.application_rows("2021")


def _key(printed: str, **kw: object) -> str | None:
    m = match_label(printed, **kw)  # type: ignore[arg-type]
    return m.official.key if m is not None else None


# ------------------------------------------------------------------------------------------
# the matcher
# ------------------------------------------------------------------------------------------


def test_edit_distance_is_levenshtein_within_the_bound() -> None:
    assert edit_distance("其他法律行政止公开", "其他法律行政法规禁止公开", 5) == 3
    assert edit_distance("abc", "abc", 0) == 0
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("kitten", "sitting", 2) == 3  # bound + 1 as soon as it is exceeded
    assert edit_distance("", "abcd", 1) == 2


@pytest.mark.parametrize("label", [lb.label for lb in app_labels()])
def test_every_official_label_matches_itself_exactly(label: str) -> None:
    m = match_label(label)
    assert m is not None and m.exact
    assert m.official.label == label


@pytest.mark.parametrize("spec", [r for r in L.APPLICATION_ROWS if r.terminal], ids=lambda r: r.key)
def test_the_canonical_text_is_what_the_grammar_recognises(spec: L.RowSpec) -> None:
    from govinfo_parse.tables.labels import terminal_of

    official = next(lb for lb in app_labels() if lb.key == spec.key)
    assert terminal_of(canonical_chunk_text(official)) == spec.terminal


def test_numbering_style_white_space_and_notes_are_not_differences() -> None:
    assert label_body("1、属于国家秘密") == ("属于国家秘密", 1)
    assert label_body("（1）属于国家秘密") == ("属于国家秘密", 1)
    assert label_body("１．属 于 国 家 秘 密") == ("属于国家秘密", 1)
    assert label_body("（三）不予公开") == ("不予公开", 3)
    assert label_body("三、本年度办理结果") == ("本年度办理结果", 3)
    for printed in ("1、属于国家秘密", "(1)属于国家秘密", "1 . 属于国家秘密", "一、本年新收政府信息公开申请数量（件）"):
        m = match_label(printed)
        assert m is not None and m.exact, printed


def test_the_misprinted_hongze_label_is_taken_for_the_official_one() -> None:
    m = match_label("2.其他法律行政止公开")
    assert m is not None
    assert m.official.key == "withheld.prohibited"
    assert m.distance == 3 and not m.exact


@pytest.mark.parametrize(("printed", "key"), [
    ("属千国家秘密", "withheld.state_secret"),  # OCR: 千 for 于
    ("重夏申请", "not_processed.repeated"),  # OCR: 夏 for 复
    ("本机关不掌握相关政府信忌", "unavailable.not_held"),
    ("（二）部分公开（区分处理的，只计这一情", "partly_granted"),  # a note cut off by the cell
    ("5.要求行政机关确认或重新出具", "not_processed.confirmation"),  # a label cut off by a line break
])
def test_ocr_noise_and_cut_labels(printed: str, key: str) -> None:
    assert _key(printed) == key


@pytest.mark.parametrize("printed", ["已获取信息", "自然人", "规章", "总体情况", "本报告由区政府办公室编制", "x", ""])
def test_text_that_is_no_row_label_matches_nothing(printed: str) -> None:
    assert match_label(printed) is None


def test_two_equally_close_labels_are_never_guessed_between() -> None:
    a = OfficialLabel("a", "甲乙丙丁", "甲乙丙丁", None, ("2021",))
    b = OfficialLabel("b", "甲乙丙戊", "甲乙丙戊", None, ("2021",))
    assert match_label("甲乙丙己", candidates=[a, b]) is None
    # the row expected at this position settles the tie
    m = match_label("甲乙丙己", candidates=[a, b], expected=("b",))
    assert m is not None and m.official.key == "b"
    # and so does a printed number that only one of them has
    c = attrs_evolve(a, number=1)
    m = match_label("1.甲乙丙己", candidates=[c, b])
    assert m is not None and m.official.key == "a"


def attrs_evolve(lb: OfficialLabel, **kw: object) -> OfficialLabel:
    import attrs

    return attrs.evolve(lb, **kw)  # type: ignore[arg-type]


def test_the_expected_row_may_differ_more_than_others() -> None:
    official = "要求行政机关确认或重新出具已获取信息"  # 18 characters: 4 edits strict, 7 expected
    noisy = "要求XX机关确认或XX出具已获取信息"  # 4 substitutions... and one more:
    noisy = noisy.replace("获", "X")
    assert edit_distance(label_body(noisy)[0], official, 10) == 5
    assert match_label(noisy) is None
    assert _key(noisy, expected=("not_processed.confirmation",)) == "not_processed.confirmation"


_BODIES = [lb for lb in app_labels() if len(lb.body) >= 4]


@given(st.sampled_from(_BODIES), st.data())
def test_one_wrong_character_never_gives_another_label(official: OfficialLabel, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(official.body) - 1))
    ch = data.draw(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5))
    noisy = official.body[:i] + ch + official.body[i + 1 :]
    style = data.draw(st.sampled_from(["{n}.", "{n}、", "({n})", ""]))
    prefix = style.format(n=official.number) if official.number else ""
    spaces = data.draw(st.sampled_from(["", " ", "\u3000"]))
    printed = prefix + spaces.join(noisy)
    m = match_label(printed)
    # the label it was, or none when the damage made it as close to another: never a third one
    assert m is None or m.official.key == official.key


# ------------------------------------------------------------------------------------------
# through the parser: the plain-text layouts
# ------------------------------------------------------------------------------------------

HEAD = "三、收到和处理政府信息公开申请情况\n"


def _table(labels: list[str], n: int = 7) -> str:
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
             "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"]
    for i, label in enumerate(labels):
        if label in L.APPLICATION_GROUPS.values():
            lines.append(label)  # a merged group label has no values
            continue
        cells = [str((i * 7 + j) % 10) for j in range(n)]
        lines.append(label + " | " + " | ".join(cells) + " |")
    return HEAD + "\n".join(lines) + "\n四、政府信息公开行政复议、行政诉讼情况\n"


def _official_labels() -> list[str]:
    out: list[str] = []
    for spec in ROWS_2021:
        if spec.group == "results" and spec.key == "granted":
            out.append(L.APPLICATION_GROUPS["results"])
        out.append(spec.label)
    return out


def test_a_misprinted_label_in_a_pipe_table_is_placed_with_a_diagnostic() -> None:
    labels = _official_labels()
    i = labels.index("2.其他法律行政法规禁止公开")
    labels[i] = "2.其他法律行政止公开"
    report = govinfo_parse.parse(_table(labels), validate=False)
    assert report.applications is not None
    keys = [r.key for r in report.applications.rows]
    assert keys == [r.key for r in ROWS_2021]
    row = report.applications.row("withheld.prohibited")
    assert row is not None and row.label == "2.其他法律行政止公开"  # the label as printed
    p101 = [d for d in report.diagnostics if d.code == "P101"]
    assert len(p101) == 1 and p101[0].severity is Severity.WARNING
    assert "2.其他法律行政止公开" in p101[0].message and "2.其他法律行政法规禁止公开" in p101[0].message
    assert p101[0].span is not None and p101[0].span.line == 4 + i  # title, two header lines, then rows


def test_an_unplaceable_value_row_is_kept_without_a_key_and_reported() -> None:
    labels = _official_labels()
    i = labels.index("3.危及“三安全一稳定”")
    labels[i] = "3.某种完全不同的情形"
    report = govinfo_parse.parse(_table(labels), validate=False)
    assert report.applications is not None
    unplaced = [r for r in report.applications.rows if r.key is None]
    assert len(unplaced) == 1
    assert unplaced[0].label == "3.某种完全不同的情形"
    assert [c.raw for c in unplaced[0].cells] == [str((i * 7 + j) % 10) for j in range(7)]
    assert any(d.code == "P102" and "3.某种完全不同的情形" in d.message for d in report.diagnostics)
    assert report.applications.row("withheld.three_safeties") is None  # never a silent guess


def test_strict_mode_stops_at_an_approximate_label() -> None:
    labels = _official_labels()
    labels[labels.index("2.重复申请")] = "2.重夏申请"
    with pytest.raises(govinfo_parse.ParseError) as err:
        govinfo_parse.parse(_table(labels), strict=True, validate=False)
    assert err.value.code == "P101"


def test_labels_outside_the_table_are_left_alone() -> None:
    text = "一、总体情况\n本年度重夏申请 | 1 | 2 | 3 |\n" + _table(_official_labels())
    report = govinfo_parse.parse(text, validate=False)
    assert not [d for d in report.diagnostics if d.code in ("P101", "P102")]
    assert UNPLACED not in "".join(str(b) for b in report.sections[0].blocks)


def test_seed_labels_are_all_official() -> None:
    # the seeds print official labels (or variants the grammar knows): nothing to rewrite
    from conftest import SEEDS, require_shared

    seeds = require_shared() / "corpus" / "seeds"
    for name in SEEDS:
        report = govinfo_parse.parse_file(seeds / name)
        assert not [d for d in report.diagnostics if d.code in ("P101", "P102")
                    and re.search("近似|无法识别", d.message)], name


def test_a_misprinted_section_2_row_label() -> None:
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "规章 | 0 | 0 | 0 |\n行政规范牲文件 | 3 | 1 | 12 |\n第二十条第（五）项\n信息内容 | 本年处理决定数量 |\n"
            "行政许可 | 550 |\n")
    report = govinfo_parse.parse(text, validate=False)
    assert report.proactive is not None
    rows = {r.key: (r.label, [c.raw for c in r.cells]) for t in report.proactive.items for r in t.rows}
    assert rows["normative_documents"] == ("行政规范牲文件", ["3", "1", "12"])
    (d,) = [d for d in report.diagnostics if d.code == "P101"]
    assert "行政规范牲文件" in d.message and "行政规范性文件" in d.message
