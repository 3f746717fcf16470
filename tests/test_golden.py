"""Golden directories, one per input family and source (``tests/golden/<reader>/<name>/``): the
reader's chunk stream, the AST and the value cells, as reviewed by a person.

Regenerate with ``python tests/golden/make_golden.py`` and review the diff against the source.
Corpus sources are read in place from ``../shared/corpus`` (skipped where it is absent, a failure
under ``CI=true``); synthetic sources live in the golden directory itself.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import govinfo_parse

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))
import make_golden  # noqa: E402

DIRS = sorted(d for d in GOLDEN.glob("*/*") if d.is_dir() and (d / "cells.tsv").is_file())


def _source(d: Path) -> tuple[bytes, str]:
    got = make_golden.source_of(d)
    if got is None:
        reason = f"corpus file of {d.name} not found under {make_golden.CORPUS}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    return got


def test_every_family_has_golden_sources() -> None:
    families = {d.parent.name for d in DIRS}
    assert {"text", "markdown", "html", "pdf-text", "flattened", "pdf-geometry"} <= families
    assert all(any(d.name.startswith("synthetic-") for d in DIRS if d.parent.name == f)
               for f in ("text", "markdown", "html"))


@pytest.mark.parametrize("d", DIRS, ids=lambda d: f"{d.parent.name}/{d.name}")
def test_reader_and_stream_match_golden(d: Path) -> None:
    data, name = _source(d)
    stream = make_golden.read_stream(data, name)
    assert stream.reader == d.parent.name or d.parent.name in ("pdf-geometry", "docx")
    assert make_golden.stream_tsv(stream) == (d / "stream.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("d", DIRS, ids=lambda d: f"{d.parent.name}/{d.name}")
def test_ast_and_cells_match_golden(d: Path) -> None:
    data, name = _source(d)
    report = make_golden.parse_source(data, name)
    assert report.source.reader == d.parent.name
    assert json.loads(make_golden.golden_json(report)) == json.loads((d / "ast.json").read_text(encoding="utf-8"))
    assert make_golden.cells_tsv(report) == (d / "cells.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("d", DIRS, ids=lambda d: f"{d.parent.name}/{d.name}")
def test_golden_json_loads_back_to_the_same_report(d: Path) -> None:
    text = (d / "ast.json").read_text(encoding="utf-8")
    loaded = govinfo_parse.loads(text)
    assert json.loads(make_golden.golden_json(loaded)) == json.loads(text)
    data, name = _source(d)
    assert loaded == make_golden.parse_source(data, name)
