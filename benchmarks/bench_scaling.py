"""Scaling with input size (1×, 10×, 100× one report concatenated) and cold start.

Linear means the 10× input takes at most 11× the time of the 1× input.  The 100× input runs only
when timing (not under ``--benchmark-disable``, where it would take most of the CI budget for no
information: the code path is the 10× one's).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ratios import SCALE_SEED, ours

from conftest import pedantic


@pytest.mark.parametrize("times", [1, 10, 100])
def test_scaling(benchmark: Any, corpus: Path, times: int, quick: bool) -> None:
    if quick and times == 100:
        pytest.skip("the 100× input is timed only on demand (it takes seconds)")
    text = "\n".join([(corpus / "seeds" / SCALE_SEED).read_text(encoding="utf-8")] * times)
    report = pedantic(benchmark, ours, SCALE_SEED, text, rounds=max(3, 30 // times), quick=quick)
    assert len(report.sections) >= 6 * times


def _cold(argv: list[str]) -> None:
    subprocess.run(argv, check=True, capture_output=True)


def test_cold_start_parse(benchmark: Any, corpus: Path, quick: bool) -> None:
    seed = corpus / "seeds" / SCALE_SEED
    code = f"import govinfo_parse; govinfo_parse.parse(open({str(seed)!r}, encoding='utf-8').read())"
    pedantic(benchmark, _cold, [sys.executable, "-c", code], rounds=7, quick=quick)


def test_cold_start_lark_attrs(benchmark: Any, quick: bool) -> None:
    pedantic(benchmark, _cold, [sys.executable, "-c", "import lark, attrs"], rounds=7, quick=quick)
