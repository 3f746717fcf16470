"""Benchmark configuration: collect ``bench_*.py``, locate the corpus, size the inputs.

``pytest benchmarks`` (the project's pytest settings collect only ``test_*.py`` under
``tests/``) collects the ``bench_*.py`` files of this directory through the hook below; the
benchmark functions are named ``test_*`` as usual.

With ``--benchmark-disable`` (what CI runs) every benchmark body runs once, untimed, on small
inputs — so the benchmarks keep working and the run stays well under a minute.  Without it
the inputs have their full size.

The corpus is read in place from ``../shared/corpus`` next to the checkout; a missing corpus
skips the benchmarks that need it, except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))  # gencorpus, ratios


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if file_path.suffix == ".py" and file_path.name.startswith("bench_") and file_path.parent == HERE:
        return pytest.Module.from_parent(parent, path=file_path)
    return None


def corpus_dir() -> Path:
    """``../shared/corpus``, or skip (fail under ``CI=true``)."""
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        return corpus
    reason = f"the shared corpus is not at {corpus}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return corpus_dir()


@pytest.fixture(scope="session")
def quick(request: pytest.FixtureRequest) -> bool:
    """True when benchmarks only run once to check they work (``--benchmark-disable``)."""
    return bool(request.config.getoption("benchmark_disable", default=False))


def pedantic(benchmark: Any, fn: Any, *args: Any, rounds: int = 20, quick: bool = False) -> Any:
    """Run ``fn`` under the benchmark with a fixed number of rounds (one when disabled)."""
    return benchmark.pedantic(fn, args=args, rounds=1 if quick else rounds, iterations=1,
                              warmup_rounds=0 if quick else 1)
