"""Parse + validate per input family, against the floor, Earley and ``pandas.read_html``.

    pytest benchmarks/bench_parse.py --benchmark-only --benchmark-group-by=param:name

Each text file of the corpus is timed three ways in the same run — our parse + validate, the
floor (NFKC + splitlines of the same text) — and the whole text corpus as one round; the
HTML page against ``pandas.read_html``; one seed's chunk stream under LALR and Earley.  The
ratio table itself comes from ``benchmarks/ratios.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ratios import (
    HTML_PAGE,
    chunk_stream,
    earley_parser,
    floor,
    have_read_html,
    lalr_tree_parser,
    ours,
    read_html_tables,
    text_corpus,
)

import govinfo_parse
from conftest import corpus_dir, pedantic


def _names() -> list[str]:
    try:
        return [n for n, _ in text_corpus(corpus_dir())]
    except BaseException:  # collected without the corpus: one id that skips
        return ["<corpus>"]


def _text(corpus: Path, name: str) -> str:
    for n, t in text_corpus(corpus):
        if n == name:
            return t
    pytest.skip(f"{name} is not in the corpus")


@pytest.mark.parametrize("name", _names())
def test_parse_text(benchmark: Any, corpus: Path, name: str) -> None:
    text = _text(corpus, name)
    report = benchmark(ours, name, text)
    assert isinstance(report, govinfo_parse.Report)


@pytest.mark.parametrize("name", _names())
def test_floor_text(benchmark: Any, corpus: Path, name: str) -> None:
    text = _text(corpus, name)
    lines = benchmark(floor, text)
    assert len(lines) >= text.count("\n")


def test_parse_whole_text_corpus(benchmark: Any, corpus: Path) -> None:
    texts = text_corpus(corpus)
    reports = benchmark(lambda: [ours(n, t) for n, t in texts])
    assert len(reports) == len(texts)


def test_floor_whole_text_corpus(benchmark: Any, corpus: Path) -> None:
    texts = text_corpus(corpus)
    out = benchmark(lambda: [floor(t) for _, t in texts])
    assert len(out) == len(texts)


def test_parse_html(benchmark: Any, corpus: Path) -> None:
    html = (corpus / "real" / HTML_PAGE).read_text(encoding="utf-8")
    report = benchmark(ours, HTML_PAGE, html)
    assert isinstance(report, govinfo_parse.Report)


def test_read_html(benchmark: Any, corpus: Path) -> None:
    why = have_read_html()
    if why:
        pytest.skip(f"pandas.read_html cannot run: {why}")
    html = (corpus / "real" / HTML_PAGE).read_text(encoding="utf-8")
    tables = benchmark(read_html_tables, html)
    assert len(tables) >= 1


def test_parse_pdf(benchmark: Any, corpus: Path, quick: bool) -> None:
    pytest.importorskip("pdfplumber", reason="pdfplumber is not installed (the 'pdf' extra)")
    path = corpus / "real" / "hongze-gov-2023.pdf"
    data = path.read_bytes()
    report = pedantic(benchmark, lambda: govinfo_parse.parse_bytes(data, filename=path.name), rounds=5, quick=quick)
    assert report.source.kind == "pdf"


SEED = "003_b7caf00a3cd44191.txt"


def test_lalr_tree_on_chunk_stream(benchmark: Any, corpus: Path) -> None:
    stream = chunk_stream((corpus / "seeds" / SEED).read_text(encoding="utf-8"))
    parser = lalr_tree_parser()
    tree = benchmark(parser.parse, stream)
    assert tree.data == "start"


def test_earley_tree_on_chunk_stream(benchmark: Any, corpus: Path, quick: bool) -> None:
    stream = chunk_stream((corpus / "seeds" / SEED).read_text(encoding="utf-8"))
    parser = earley_parser()
    tree = pedantic(benchmark, parser.parse, stream, rounds=3, quick=quick)
    assert tree == lalr_tree_parser().parse(stream)  # the same grammar, the same tree
