"""Golden files: every seed's AST and value cells as reviewed by a person.

Regenerate with ``python tests/golden/make_golden.py`` and review the diff against the source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import govinfo_parse
from conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))
import make_golden  # noqa: E402


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_matches_golden_ast(seeds_dir: Path, name: str) -> None:
    report = make_golden.parse_seed(seeds_dir / name)
    expected = json.loads((GOLDEN / "seeds" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    assert govinfo_parse.to_dict(report) == expected  # positions included


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_cells_match_reviewed_table(seeds_dir: Path, name: str) -> None:
    report = make_golden.parse_seed(seeds_dir / name)
    expected = (GOLDEN / "seeds" / f"{Path(name).stem}.cells.tsv").read_text(encoding="utf-8")
    assert make_golden.cells_tsv(report) == expected


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_golden_json_loads_back_to_the_same_report(seeds_dir: Path, name: str) -> None:
    text = (GOLDEN / "seeds" / f"{Path(name).stem}.json").read_text(encoding="utf-8")
    loaded = govinfo_parse.loads(text)
    assert loaded == make_golden.parse_seed(seeds_dir / name)
    assert govinfo_parse.to_dict(loaded) == json.loads(text)
