"""Batch parsing: ``map_reports`` with the batch command's encoder, 1 job against 2, on a
generated corpus (``gencorpus.py``).  The full ≥ 2,000-file measurement with memory is
``benchmarks/batch_speedup.py``; this keeps the code path benchmarked and working."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from gencorpus import write_corpus

from conftest import pedantic
from govinfo_parse.batch import find_reports, map_reports
from govinfo_parse.commands.batch import _encode


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, corpus: Path, quick: bool) -> list[str]:
    root = tmp_path_factory.mktemp("generated")
    write_corpus(root, 24 if quick else 400, seed=1, shared=corpus.parent)
    return list(find_reports([root]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_jsonl_encode(benchmark: Any, generated: list[str], jobs: int, quick: bool) -> None:
    encode = functools.partial(_encode, fmt="jsonl")

    def run() -> int:
        return sum(1 for r in map_reports(encode, generated, jobs=jobs) if r.ok)

    ok = pedantic(benchmark, run, rounds=3, quick=quick)
    assert ok >= len(generated) * 0.99 - 1
