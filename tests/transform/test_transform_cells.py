"""The transformer's fast paths give exactly what the plain per-cell code gives, positions included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse.render import LAYOUTS, render
from govinfo_parse.transform import cells as transformer
from govinfo_parse.transform.context import ParseContext
from strategies import reports


def _one_by_one(pieces: list[tuple[int, str]], ctx: ParseContext) -> list[govinfo_parse.Cell]:
    return [transformer.make_cell(i, p, ctx) for i, p in pieces]


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    fast = govinfo_parse.dumps(govinfo_parse.parse(text))
    with monkeypatch.context() as m:
        m.setattr(transformer, "make_cells", _one_by_one)
        slow = govinfo_parse.dumps(govinfo_parse.parse(text))
    return fast, slow


def test_cells_of_a_run_equal_one_cell_at_a_time_on_the_corpus(shared_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((shared_dir / "corpus").rglob("*"))
    texts = [p.read_text(encoding="utf-8") for p in files if p.suffix in (".txt", ".md", ".html")]
    assert texts
    for text in texts:
        fast, slow = _both(text, monkeypatch)
        assert fast == slow  # the JSON carries every span and diagnostic


@given(reports(), st.sampled_from(LAYOUTS), st.sampled_from(["", "\u3000", "\t", "\u200b"]))
def test_cells_of_a_run_equal_one_cell_at_a_time_on_generated_reports(
        report: govinfo_parse.Report, layout: str, pad: str) -> None:
    text = render(report, layout=layout)
    if pad:  # padding that normalises to white space (or, for U+200B, to a space that is not stripped)
        text = text.replace(" | ", f" |{pad}").replace("\n", f"{pad}\n")
    with pytest.MonkeyPatch.context() as m:
        fast = govinfo_parse.dumps(govinfo_parse.parse(text))
        m.setattr(transformer, "make_cells", _one_by_one)
        slow = govinfo_parse.dumps(govinfo_parse.parse(text))
    assert fast == slow
