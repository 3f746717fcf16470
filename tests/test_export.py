"""Records at scale: ``file_records``, ``to_dataframe`` and the JSON Lines / CSV / Parquet writers."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_parse
from govinfo_parse.export import (
    COLUMNS,
    CsvWriter,
    JsonlWriter,
    file_records,
    format_of,
    open_writer,
    to_dataframe,
    write_records,
)
from govinfo_parse.records import record_values

SEED_2019 = "000_0a0c8e52524dd181.txt"  # has the amount 6716.7630万元
SEED_2021 = "004_e66a2b34805dc888.txt"


@pytest.fixture(scope="module")
def reports(seeds_dir: Path) -> list[govinfo_parse.Report]:
    return [govinfo_parse.parse_file(seeds_dir / n) for n in (SEED_2019, SEED_2021)]


def test_file_records_are_records_with_a_file(reports: list[govinfo_parse.Report]) -> None:
    r = reports[0]
    recs = file_records(r)
    assert recs == [{"file": r.source.path, **x} for x in govinfo_parse.to_records(r)]
    assert list(recs[0]) == [*COLUMNS, "diagnostics"]  # the tabular exports keep COLUMNS only
    assert file_records(r, "elsewhere.txt")[0]["file"] == "elsewhere.txt"
    assert file_records(govinfo_parse.parse("no tables here")) == []


def test_format_of() -> None:
    assert [format_of(p) for p in ("a.jsonl", "b.NDJSON", "c.csv", "d.parquet")] == ["jsonl", "jsonl", "csv", "parquet"]
    with pytest.raises(ValueError, match="cannot tell the output format"):
        format_of("e.xlsx")
    with pytest.raises(ValueError, match="unknown records format"):
        open_writer("x.csv", "xml")


def test_to_dataframe_is_the_tidy_records_shape(reports: list[govinfo_parse.Report]) -> None:
    pytest.importorskip("pandas", reason="pandas is not installed (the 'export' extra)")
    df = to_dataframe(iter(reports))  # a generator is fine
    recs = [rec for r in reports for rec in file_records(r)]
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == len(recs) == 398
    assert str(df["value"].dtype) == "Float64" and str(df["line"].dtype) == "Int64"
    assert str(df["year"].dtype) == "Int64"
    assert all(str(df[c].dtype).startswith("string") for c in COLUMNS if c not in ("value", "line", "year", "inferred"))
    assert str(df["inferred"].dtype) == "boolean"
    for i in (0, 57, 200, 397):
        rec, row = recs[i], df.iloc[i]
        for c in COLUMNS:
            got, want = row[c], rec[c]
            if want is None:
                assert got is govinfo_parse_na(), (c, got)
            elif c == "value":
                assert got == float(want)
            else:
                assert got == want
    # blanks and placeholders are <NA>, never 0
    blank = df[df["state"] != "number"]
    assert blank["value"].isna().all()
    amount = df[df["raw"] == "6716.7630万元"]
    assert len(amount) == 1 and amount["value"].iloc[0] == pytest.approx(6716.763) and amount["unit"].iloc[0] == "万元"
    # per-file totals come straight out of it
    totals = df[df["table"] == "三"].groupby("file")["value"].count()
    assert set(totals.index) == {r.source.path for r in reports}
    # one report, and no report at all
    assert len(to_dataframe(reports[1])) == 200
    empty = to_dataframe([])
    assert list(empty.columns) == list(COLUMNS) and len(empty) == 0


def govinfo_parse_na() -> Any:
    import pandas as pd

    return pd.NA


def test_jsonl_writer_matches_parse_records(reports: list[govinfo_parse.Report], tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    recs = [rec for r in reports for rec in file_records(r)]
    assert write_records(recs, out, batch=100) == len(recs)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [record_values(r) for r in recs]


def test_csv_writer_keeps_printed_numbers(reports: list[govinfo_parse.Report], tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    recs = [rec for r in reports for rec in file_records(r)]
    write_records(recs, out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(recs)
    assert list(rows[0]) == list(COLUMNS)
    for row, rec in zip(rows, recs, strict=True):
        for c in COLUMNS:
            want = rec[c]
            assert row[c] == ("" if want is None else format(want, "f") if isinstance(want, Decimal) else str(want))
    assert any(r["value"] == "6716.7630" for r in rows)  # the printed digits, not a float


def test_parquet_writer(reports: list[govinfo_parse.Report], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (the 'export' extra)")
    from govinfo_parse.export import ParquetWriter

    out = tmp_path / "r.parquet"
    recs = [rec for r in reports for rec in file_records(r)]
    with ParquetWriter(out, row_group=150) as w:
        w.write(recs[:100])
        w.write(recs[100:])
        # the rows so far are on disk as complete parts, each a Parquet file by itself
        parts = sorted(Path(str(out) + ".parts").glob("part-*.parquet"))
        assert len(parts) == 1 and pq.read_table(parts[0]).num_rows == len(recs) and not out.exists()
        assert w.pending == 0
    assert out.exists() and not Path(str(out) + ".parts").exists()
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == len(recs) and meta.num_row_groups == 3  # 150 + 150 + 98
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert str(table.schema.field("value").type) == "double" and str(table.schema.field("line").type) == "int32"
    assert table.to_pylist() == [
        {**{c: r[c] for c in COLUMNS}, "value": None if r["value"] is None else float(r["value"])} for r in recs]


def test_an_interrupted_write_is_cut_back(tmp_path: Path, reports: list[govinfo_parse.Report]) -> None:
    """Ctrl-C in the middle of a write leaves the file ending after the last complete batch."""
    out = tmp_path / "r.jsonl"
    recs = file_records(reports[0])
    w = JsonlWriter(out)
    w.write(recs[:10])
    good = out.stat().st_size

    class Flaky:
        def __init__(self, f: Any) -> None:
            self.f = f

        def write(self, data: bytes) -> int:
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            raise KeyboardInterrupt

        def __getattr__(self, name: str) -> Any:
            return getattr(self.f, name)

    real = w._f
    w._f = Flaky(real)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        w.write(recs[10:])
    w._f = real
    assert out.stat().st_size > good
    w.close()
    assert out.stat().st_size == good
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [record_values(r) for r in recs[:10]]


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@given(st.lists(st.fixed_dictionaries({
    "file": st.one_of(st.none(), _text), "table": st.sampled_from(["二", "三", "四"]),
    "item": st.one_of(st.none(), _text), "row": _text, "column": st.one_of(st.none(), _text), "raw": _text,
    "value": st.one_of(st.none(), st.integers(-10**12, 10**12),
                       st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9, max_value=10**9)),
    "unit": st.one_of(st.none(), st.sampled_from(["元", "万元"])), "state": st.sampled_from(["number", "blank"]),
    "line": st.one_of(st.none(), st.integers(1, 10**6)),
}), max_size=8))
def test_csv_round_trips_any_text(tmp_path_factory: pytest.TempPathFactory, recs: list[dict[str, Any]]) -> None:
    out = tmp_path_factory.mktemp("csv") / "r.csv"
    w = CsvWriter(out)
    w.write(recs)
    w.close()
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(recs)
    for row, rec in zip(rows, recs, strict=True):
        for c in ("file", "item", "row", "column", "raw"):
            # the csv module reads a lone "\r" back as "\n" inside a quoted field only when
            # universal newlines are on; with newline="" it is exact
            assert row[c] == (rec[c] or "")
        v = rec["value"]
        if v is None:
            assert row["value"] == ""
        else:
            assert Decimal(row["value"]) == v


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            reports: list[govinfo_parse.Report]) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"pip install 'govinfo-parse\[export\]'"):
        to_dataframe(reports)
    with pytest.raises(ImportError, match=r"govinfo-parse\[export\]"):
        open_writer(tmp_path / "x.parquet")
