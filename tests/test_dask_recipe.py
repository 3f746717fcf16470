"""The Dask recipe of docs/batch.md, run as printed there: parse_file mapped over a Dask bag with
a local scheduler, records written as Parquet partitions.

Needs dask and pyarrow (the ``dask`` extra); skipped with that reason where they are absent."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import govinfo_parse
from conftest import SEEDS
from govinfo_parse.export import COLUMNS, file_records

dask = pytest.importorskip("dask", reason="dask is not installed (the 'dask' extra: dask + pyarrow)")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'dask' extra: dask + pyarrow)")

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "batch.md"


def recipe() -> dict[str, Any]:
    """Execute the ``# dask-recipe`` block of docs/batch.md; return its namespace."""
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"```python\n(# dask-recipe\n.*?)```", text, re.S)
    assert m, "docs/batch.md has no ```python block starting with '# dask-recipe'"
    ns: dict[str, Any] = {"__name__": "dask_recipe"}
    exec(compile(m.group(1), str(DOC), "exec"), ns)
    return ns


@pytest.fixture()
def corpus(tmp_path: Path, seeds_dir: Path) -> list[str]:
    root = tmp_path / "corpus"
    root.mkdir()
    paths = []
    for i in range(23):
        name = sorted(SEEDS)[i % len(SEEDS)]
        p = root / f"{i:03d}_{name}"
        p.write_bytes((seeds_dir / name).read_bytes())
        paths.append(str(p))
    paths.insert(7, str(root / "missing.txt"))  # fails alone
    return paths


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_recipe_writes_parquet_partitions(corpus: list[str], tmp_path: Path, scheduler: str) -> None:
    ns = recipe()
    out = tmp_path / "records.parquet.d"
    with dask.config.set(num_workers=2):
        summaries = ns["corpus_to_parquet"](corpus, str(out), npartitions=4, scheduler=scheduler)
    assert [s["partition"] for s in summaries] == [str(out / f"part-{i:05d}.parquet") for i in range(4)]
    assert sum(s["files"] for s in summaries) == len(corpus)
    failures = [f for s in summaries for f in s["failures"]]
    assert [p for p, _ in failures] == [corpus[7]]
    assert failures[0][1].startswith("FileNotFoundError")

    expected = [rec for p in corpus if Path(p).exists() for rec in file_records(govinfo_parse.parse_file(p), p)]
    assert sum(s["cells"] for s in summaries) == len(expected)
    table = pq.read_table(out)  # the directory of partitions is one dataset, in partition order
    assert table.column_names == list(COLUMNS)
    rows = table.to_pylist()
    assert rows == [{**{c: r[c] for c in COLUMNS}, "value": None if r["value"] is None else float(r["value"])}
                    for r in expected]  # the Parquet files keep COLUMNS (records also carry "diagnostics")


def test_empty_partition_is_a_valid_file(tmp_path: Path, seeds_dir: Path) -> None:
    ns = recipe()
    out = tmp_path / "d"
    out.mkdir()
    prose = tmp_path / "legacy.txt"  # a legacy report without a table or figures: no cells
    prose.write_text("一、概述\n本年度我厅认真贯彻落实《条例》，不断提升公开质量。\n", encoding="utf-8")
    summary = ns["parse_partition"]([str(prose)], str(out), 0)
    assert summary["cells"] == 0 and summary["failures"] == []
    assert pq.read_table(summary["partition"]).num_rows == 0
