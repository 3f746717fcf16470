"""Properties: the parser reads the *format*, not five files.

Reports are drawn from the AST side (``tests/strategies.py``), rendered in every layout, and read
back.  The number of examples comes from the Hypothesis profile (``GOVINFO_HYPOTHESIS_PROFILE``,
see ``tests/conftest.py`` and ``docs/testing.md``): ``ci`` by default, ``thorough`` for ≥ 2,000
examples per property.  Failing examples are kept in ``.hypothesis/`` and replayed first; the
minimal ones the properties found are kept as plain tests in ``tests/regressions/``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import govinfo_parse
from govinfo_parse import ParseError, Report, dumps, from_dict, loads, to_dict
from govinfo_parse.api import parse_chunks
from govinfo_parse.normalise import Normalised
from govinfo_parse.render import render
from govinfo_parse.stream import BLANK, HEADER, UNPLACED, Chunk
from span_coverage import uncovered
from strategies import NOISE_LAYOUTS, first_difference, noisy, reports, table_values, without_cjk_spaces

TEXT_LAYOUTS = ("text", "lines", "tabs", "pipes", "markdown")

# ------------------------------------------------------------------------------------------
# serde
# ------------------------------------------------------------------------------------------


@given(reports())
def test_dict_and_json_round_trip_of_generated_reports(report: Report) -> None:
    assert from_dict(to_dict(report)) == report
    assert loads(dumps(report)) == report


@given(reports(), st.sampled_from(TEXT_LAYOUTS))
def test_json_round_trip_keeps_positions_and_diagnostics(report: Report, layout: str) -> None:
    """A parsed report (spans, diagnostics, source info) survives JSON exactly, not only ==."""
    parsed = govinfo_parse.parse(render(report, layout))
    again = loads(dumps(parsed))
    assert to_dict(again) == to_dict(parsed)
    assert again.diagnostics == parsed.diagnostics


# ------------------------------------------------------------------------------------------
# render → parse
# ------------------------------------------------------------------------------------------


def _parse_back(text: str, layout: str) -> Report:
    if layout != "html":
        return govinfo_parse.parse(text, validate=False)
    try:
        importlib.import_module("govinfo_parse.readers.html")
    except ModuleNotFoundError:
        pytest.skip("the HTML reader (govinfo_parse.readers.html, issue 5) is not there yet")
    report = govinfo_parse.parse_bytes(text.encode("utf-8"), filename="report.html", validate=False)
    if report.source.kind != "html":
        pytest.skip("parse_bytes does not hand HTML to govinfo_parse.readers.html yet")
    return report


@pytest.mark.parametrize("layout", (*TEXT_LAYOUTS, "html"))
@given(report=reports())
def test_render_then_parse_gives_the_same_report(report: Report, layout: str) -> None:
    """``parse(render(r, layout)) == r``; and (text layouts) every printed character of the
    rendered text lies in the span of some node of what was parsed."""
    text = render(report, layout)
    note(text)
    back = _parse_back(text, layout)
    if layout == "html":  # modulo the HTML reader's white-space rule (see strategies.without_cjk_spaces)
        report, back = without_cjk_spaces(report), without_cjk_spaces(back)
    else:
        missing = uncovered(text, back)
        assert not missing, [(i, ch, text[max(0, i - 20) : i + 5]) for i, ch in missing[:10]]
    assert back == report, first_difference(report, back)


@pytest.mark.parametrize("layout", NOISE_LAYOUTS)
@given(data=st.data())
def test_values_do_not_change_under_real_world_noise(layout: str, data: st.DataObject) -> None:
    report = data.draw(reports(("2019", "2021")), label="report")
    text = data.draw(noisy(render(report, layout), layout), label="noisy text")
    back = govinfo_parse.parse(text, validate=False)
    assert table_values(back) == table_values(report)


# ------------------------------------------------------------------------------------------
# lenient and strict parsing of anything
# ------------------------------------------------------------------------------------------

_LINES = (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "（一）予以公开", "(二)部分公开", "（三）不予公开", "1.属于国家秘密", "3.危及“三安全一稳定”", "（六）其他处理",
    "3.其他", "（七）总计", "四、结转下年度继续办理", "一、本年新收政府信息公开申请数量", "第二十条第（一）项",
    "第二十条第（九）项", "信息内容", "本年新", "制作数量", "规章", "行政规范性文件", "政府集中采购", "申请人情况",
    "自然人", "商业 企业", "总计", "行政复议", "结果", "尚未", "0", "12", "-3", "6716.7630万元", "/", "—", "无",
    "", "\t", " ", "\u00a0", "\u3000", "|", "| |", "a | b |", "| 信息内容 | 本年制发件数 |", "|---|---|",
    "# 标题", "## 二、主动公开政府信息情况", "发布时间：2021-01-15", "2021年1月23日", "分享到：", "- 2 -",
    "XX局2020年政府信息公开工作年度报告", "本年新收政府信息公开申请4件。",
    "（本列数据的勾稽关系为：第一项加第二项之和）",
    BLANK, HEADER, UNPLACED, HEADER + "总计", UNPLACED + "某行",
)

line_texts = st.one_of(st.sampled_from(_LINES), st.text(max_size=30))
arbitrary_texts = st.one_of(
    st.text(),
    st.lists(line_texts, max_size=60).flatmap(
        lambda ls: st.sampled_from(("\n", "\r\n", "\r", "\n\n")).map(lambda sep: sep.join(ls))),
)


def _corpus_texts() -> list[str]:
    from conftest import require_shared

    return list(_read_corpus(require_shared()))


@lru_cache(maxsize=1)
def _read_corpus(shared: Path) -> tuple[str, ...]:
    corpus = shared / "corpus"
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("*.txt"))
    return tuple(p.read_text(encoding="utf-8", errors="replace") for p in files)


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    """A real report with lines deleted, swapped or repeated, or cut off anywhere."""
    lines = draw(st.sampled_from(texts)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(("delete", "swap", "repeat", "cut")))
        if op == "delete":
            del lines[i]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "repeat":
            lines.insert(j, lines[i])
        else:
            k = draw(st.integers(0, len(lines[i])))
            lines = [*lines[:i], lines[i][:k]]
    return "\n".join(lines)


@given(arbitrary_texts)
def test_lenient_parse_never_raises_on_arbitrary_text(text: str) -> None:
    report = govinfo_parse.parse(text)
    assert isinstance(report, Report)
    assert not any(d.code == "P000" for d in report.diagnostics), [d.message for d in report.diagnostics]


@given(arbitrary_texts)
def test_strict_parse_raises_only_parse_error_on_arbitrary_text(text: str) -> None:
    try:
        govinfo_parse.parse(text, strict=True)
    except ParseError as e:
        assert e.line >= 1 and e.column >= 1


@pytest.mark.parametrize("strict", (False, True), ids=("lenient", "strict"))
@given(data=st.data())
def test_mutated_real_reports(strict: bool, data: st.DataObject) -> None:
    text = data.draw(mutated(_corpus_texts()), label="mutated report")
    try:
        report = govinfo_parse.parse(text, strict=strict)
    except ParseError:
        assert strict
        return
    assert not any(d.code == "P000" for d in report.diagnostics), [d.message for d in report.diagnostics]


# ------------------------------------------------------------------------------------------
# every printed character belongs to some node
# ------------------------------------------------------------------------------------------


def _assert_covered(text: str) -> None:
    report = govinfo_parse.parse(text)
    missing = uncovered(text, report)
    assert not missing, [(i, ch, text[max(0, i - 20) : i + 5]) for i, ch in missing[:10]]


@given(data=st.data())
def test_spans_cover_every_printed_character_of_noisy_and_mutated_reports(data: st.DataObject) -> None:
    layout = data.draw(st.sampled_from(NOISE_LAYOUTS), label="layout")
    report = data.draw(reports(), label="report")
    text = data.draw(st.one_of(noisy(render(report, layout), layout), mutated(_corpus_texts())), label="text")
    _assert_covered(text)


@given(arbitrary_texts)
def test_spans_cover_every_printed_character_of_arbitrary_text(text: str) -> None:
    _assert_covered(text)


# ------------------------------------------------------------------------------------------
# the grammar itself: whatever it generates parses, or fails with ParseError
# ------------------------------------------------------------------------------------------
#
# The grammar's input is not report text but the canonical chunk stream the layout module makes
# of it (one chunk per line, with the ␀/␁/␂ markers).  Feeding ``from_lark`` strings to ``parse()``
# would test the layout module's view of random lines, not the grammar: it normalises and
# squeezes each line and never lets a marker through.  So the generated stream is handed to
# ``parse_chunks`` as chunks, one per line, with the stream itself as the "source" — the same
# entry the layout module uses.  That runs the LALR parser, the inline transformer, the table
# assembly and validation on every token sequence the grammar admits, markers included.


@lru_cache(maxsize=1)
def _grammar_strings() -> st.SearchStrategy[str]:
    return from_lark(_lark_grammar())  # type: ignore[arg-type]


def _lark_grammar() -> object:
    import lark.lexer
    from lark import Lark

    from govinfo_parse.grammar import grammar_text

    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = False  # the collision check belongs to test_grammar (strict)
    try:
        return Lark(grammar_text(), parser="lalr", lexer="contextual")
    finally:
        lark.lexer.has_interegular = saved


def _chunks_of_stream(stream: str) -> list[Chunk]:
    chunks = []
    pos = 0
    for line in stream.split("\n")[:-1] if stream.endswith("\n") else stream.split("\n"):
        chunks.append(Chunk(line, pos, pos + len(line)))
        pos += len(line) + 1
    return chunks


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(data=st.data())
def test_strings_of_the_grammar_parse_or_raise_parse_error(data: st.DataObject) -> None:
    stream = data.draw(_grammar_strings(), label="chunk stream")
    chunks = _chunks_of_stream(stream)
    assume(all(c.text for c in chunks))  # the layout module never makes an empty chunk
    report = parse_chunks(stream, chunks, norm=Normalised(stream))
    assert isinstance(report, Report)
    try:
        parse_chunks(stream, chunks, norm=Normalised(stream), strict=True)
    except ParseError as e:
        assert e.line >= 1


def test_corpus_is_found(shared_dir: Path) -> None:
    """The mutation properties read the corpus; make its absence visible (skip, or fail on CI)."""
    assert _corpus_texts()
