"""After the parse: JSON dump/load, records, the batch encoders, render, to_dataframe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import govinfo_parse
from govinfo_parse.export import JsonlWriter, encode_columns, encode_csv, file_records

SEED = "000_0a0c8e52524dd181.txt"


@pytest.fixture(scope="module")
def report(corpus: Path) -> govinfo_parse.Report:
    return govinfo_parse.parse_file(corpus / "seeds" / SEED)


def test_dumps(benchmark: Any, report: govinfo_parse.Report) -> None:
    text = benchmark(govinfo_parse.dumps, report)
    assert text.startswith("{")


def test_loads(benchmark: Any, report: govinfo_parse.Report) -> None:
    text = govinfo_parse.dumps(report)
    back = benchmark(govinfo_parse.loads, text)
    assert back == report


def test_to_records(benchmark: Any, report: govinfo_parse.Report) -> None:
    recs = benchmark(govinfo_parse.to_records, report)
    assert len(recs) == 198


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "columns"])
def test_batch_encoders(benchmark: Any, report: govinfo_parse.Report, fmt: str) -> None:
    encode = {"jsonl": JsonlWriter.encode, "csv": encode_csv, "columns": encode_columns}[fmt]
    out = benchmark(lambda: encode(file_records(report)))
    assert out


def _layouts() -> list[str]:
    try:
        from govinfo_parse.render import LAYOUTS
    except ImportError:
        return ["text"]
    return list(LAYOUTS)


@pytest.mark.parametrize("layout", _layouts())
def test_render(benchmark: Any, report: govinfo_parse.Report, layout: str) -> None:
    render = pytest.importorskip("govinfo_parse.render", reason="govinfo_parse.render has not landed").render
    text = benchmark(render, report, layout)
    assert text


def test_to_dataframe(benchmark: Any, report: govinfo_parse.Report) -> None:
    pytest.importorskip("pandas", reason="pandas is not installed (the 'export' extra)")
    from govinfo_parse.export import to_dataframe

    df = benchmark(to_dataframe, [report] * 10)
    assert len(df) == 1980
