"""Hand-built reports for the traversal, query, schema and diff tests.

Built from the label table (every official row and column of a format), so the samples follow
:mod:`govinfo_parse.formats.labels` rather than a copy of it.  Values are chosen so that every cell of a
table is distinguishable (row index * 100 + column index), except where a test needs a state.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
import types
import typing
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import strategies as st

from govinfo_parse.formats.labels import APPLICATION_COLUMNS, REVIEW_COLUMNS, application_rows, proactive_items
from govinfo_parse.nodes import (
    ApplicationTable,
    Cell,
    CellState,
    Chrome,
    Diagnostic,
    Heading,
    ItemTable,
    Metadata,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Severity,
    SourceInfo,
    Span,
    Unrecognised,
)


def span(n: int) -> Span:
    return Span(start=n, end=n + 1, line=n + 1, column=1, end_line=n + 1, end_column=2)


def num(v: int | Decimal, raw: str | None = None, unit: str | None = None, at: int = 0) -> Cell:
    return Cell(raw=raw if raw is not None else str(v), state=CellState.NUMBER, value=v, unit=unit,
                span=span(at))


def blank() -> Cell:
    return Cell(raw="", state=CellState.BLANK)


def dash() -> Cell:
    return Cell(raw="/", state=CellState.PLACEHOLDER)


def proactive(fmt: str) -> ProactiveTable2019 | ProactiveTable2021:
    items = []
    for i, spec in enumerate(proactive_items(fmt)):
        rows = []
        for j, r in enumerate(spec.rows):
            cells = []
            for k, c in enumerate(spec.columns):
                v = 1000 * (i + 1) + 10 * j + k
                if c.amount:
                    cells.append(num(Decimal(f"{v}.50"), raw=f"{v}.50万元", unit="万元"))
                else:
                    cells.append(num(v))
            rows.append(Row(key=r.key, label=r.label, cells=tuple(cells), span=span(i)))
        items.append(ItemTable(item=spec.key, rows=tuple(rows)))
    cls = ProactiveTable2019 if fmt == "2019" else ProactiveTable2021
    return cls(items=tuple(items))


def applications(fmt: str) -> ApplicationTable:
    rows = []
    for i, r in enumerate(application_rows(fmt)):
        cells = tuple(num(100 * i + k, at=i) for k in range(len(APPLICATION_COLUMNS)))
        rows.append(Row(key=r.key, label=r.label, cells=cells, span=span(i)))
    return ApplicationTable(format=ReportFormat(fmt), rows=tuple(rows))


def reviews() -> ReviewTable:
    cells = [num(k) for k in range(len(REVIEW_COLUMNS))]
    cells[2] = blank()
    cells[3] = dash()
    return ReviewTable(cells=tuple(cells))


def sample_report(fmt: str = "2021") -> Report:
    """A complete report of the 2019 or 2021 format with all six sections."""
    return Report(
        format=ReportFormat(fmt),
        metadata=Metadata(title="某某局2021年政府信息公开工作年度报告", agency="某某局", year=2021,
                          published=dt.date(2022, 1, 20), period_start=dt.date(2021, 1, 1),
                          period_end=dt.date(2021, 12, 31)),
        preamble=(Paragraph("本报告由某某局编制。", span=span(0)), Chrome("发布时间：2022-01-20")),
        sections=(
            Section(1, "总体情况", (
                Paragraph("2021年，本局认真贯彻《条例》。"),
                Heading(2, 1, "主动公开"),
                Paragraph("全年主动公开信息120条。"),
                Heading(2, 2, "依申请公开"),
                Paragraph("全年共受理政府信息公开申请212件。"),
                Heading(3, 1, "办理情况"),
            )),
            Section(2, "主动公开政府信息情况", (proactive(fmt),)),
            Section(3, "收到和处理政府信息公开申请情况", (applications(fmt),)),
            Section(4, "政府信息公开行政复议、行政诉讼情况", (reviews(),)),
            Section(5, "存在的主要问题及改进情况", (
                Paragraph("一是公开内容不够全面。"),
                Paragraph("二是解读形式较为单一。"),
                Unrecognised("| 1 | 2 |", "table debris"),
            )),
            Section(6, "其他需要报告的事项", (Paragraph("本年度未收取信息处理费。"), Chrome("打印本页"))),
        ),
        diagnostics=(
            Diagnostic("A1", Severity.ERROR, "一 + 二 ≠ （七）总计 + 四", span=span(3), related=(span(4),),
                       expected=Decimal("1.5"), actual=2, suggestion="check the row"),
        ),
        source=SourceInfo(path="sample.txt", kind="text", encoding="utf-8"),
    )


def legacy_report() -> Report:
    """A legacy report: prose only, one unnumbered section."""
    return Report(
        format=ReportFormat.LEGACY,
        metadata=Metadata(title="2013年政府信息公开工作年度报告", year=2013),
        sections=(
            Section(1, "概述", (Paragraph("2013年，我厅……"),)),
            Section(None, "附表", (Paragraph("无"),)),
        ),
    )


# --------------------------------------------------------------------------------------------
# Hypothesis: any report the node classes allow, built from their type annotations (so a new
# node class or field is covered without touching this file)
# --------------------------------------------------------------------------------------------


def strategy_for(tp: typing.Any, max_size: int = 3) -> st.SearchStrategy[typing.Any]:
    """A strategy for values of an annotated type of the node classes."""
    if tp is type(None):
        return st.none()
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of([strategy_for(a, max_size) for a in typing.get_args(tp)])
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0], max_size), max_size=max_size).map(tuple)
        return st.tuples(*(strategy_for(a, max_size) for a in args))
    if tp is str:
        return st.text(max_size=8)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.one_of(st.integers(-5, 300), st.integers())
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is Decimal:
        return st.decimals(allow_nan=False, allow_infinity=False)
    if tp is dt.date:
        return st.dates()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if isinstance(tp, type) and attrs.has(tp):
        hints = typing.get_type_hints(tp, vars(sys.modules[tp.__module__]))
        fields = {f.alias or f.name: strategy_for(hints[f.name], max_size) for f in attrs.fields(tp)}
        return st.fixed_dictionaries(fields).map(lambda kw: tp(**kw))
    raise TypeError(f"no strategy for {tp!r}")


def any_report(max_size: int = 3) -> st.SearchStrategy[Report]:
    """Arbitrary reports: every field of every node class with arbitrary values of its type."""
    return strategy_for(Report, max_size)


# --------------------------------------------------------------------------------------------
# The shared corpus (../shared next to the repository)
# --------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


def skip_or_fail(reason: str) -> None:
    """Skip the test with ``reason``, or fail it when ``CI=true`` (CI must run everything)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test may not skip)")
    pytest.skip(reason)


def corpus_dir() -> Path:
    """The corpus directory; skips (fails under CI=true) when ../shared is absent."""
    if not CORPUS.is_dir():
        skip_or_fail(f"the shared corpus is absent ({CORPUS})")
    return CORPUS


def corpus_files() -> list[Path]:
    """Every report file of the corpus (seeds and real), not the truth JSON."""
    root = corpus_dir()
    return sorted(
        p for sub in ("seeds", "real") for p in (root / sub).iterdir()
        if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES
    )


def parse_file_or_skip() -> typing.Callable[..., Report]:
    """``govinfo_parse.parse_file``; skips (fails under CI) while the parser is not there."""
    try:
        from govinfo_parse import parse_file
    except ImportError as e:
        skip_or_fail(f"govinfo_parse.parse_file is not available: {e}")
    return parse_file
