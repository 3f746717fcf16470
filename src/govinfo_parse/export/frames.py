"""Records as pandas DataFrames, and the wide table: one row per report, one column per
official cell (in memory, or written to CSV or Parquet)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats import labels as L
from ..nodes import Report
from ..records import IDENTITY_FIELDS, to_records
from ._base import _INT_COLUMNS, COLUMNS, _batched, _float, _need, file_records, format_of
from .writers import CsvWriter

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

def to_dataframe(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """One row per value cell of every report, in the tidy records shape (:data:`COLUMNS`).

    Needs pandas (``pip install 'govinfo-parse[export]'``).  Reports are consumed one at a
    time, so a generator of reports (``r.report for r in parse_many(paths) if r.ok``) works."""
    pd = _need("pandas")
    if isinstance(reports, Report):
        reports = (reports,)
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for report in reports:
        for rec in file_records(report):
            for c in COLUMNS:
                cols[c].append(_float(rec[c]) if c == "value" else rec[c])
    data = {
        c: pd.array(cols[c], dtype="Float64" if c == "value" else "Int64" if c in _INT_COLUMNS
                    else "boolean" if c == "inferred" else "string")
        for c in COLUMNS
    }
    return pd.DataFrame(data, columns=list(COLUMNS))


def _wide_keys() -> tuple[str, ...]:
    """Every official cell key of the 2019 and the 2021 format, in table order, without repeats:
    section 二's cells, then section 三's, then section 四's."""
    keys: list[str] = []
    for fmt in ("2019", "2021"):
        for item in L.proactive_items(fmt):
            for row in item.rows:
                keys.extend(f"proactive/{item.key}/{row.key}/{c.key}" for c in item.columns)
    for row in L.APPLICATION_ROWS:
        keys.extend(f"applications/{row.key}/{c.key}" for c in L.APPLICATION_COLUMNS)
    keys.extend(f"reviews/{c.key}" for c in L.REVIEW_COLUMNS)
    return tuple(dict.fromkeys(keys))


WIDE_KEYS: tuple[str, ...] = _wide_keys()
"""The cell columns of the wide table, in table order: every official cell of the 2019 and the
2021 format (a report leaves the other format's columns empty)."""
WIDE_COLUMNS: tuple[str, ...] = (*IDENTITY_FIELDS, "cells", *WIDE_KEYS)
"""The columns of the wide table: the identity, the number of cells read, then :data:`WIDE_KEYS`."""


def wide_row(records: Iterable[Mapping[str, Any]], ident: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The wide row of one report's records: identity, ``cells``, and ``value`` by ``key``
    (the first cell of a key wins when a row is printed twice)."""
    row: dict[str, Any] = dict(ident) if ident is not None else {}
    n = 0
    for r in records:
        if not row:
            row = {c: r.get(c) for c in IDENTITY_FIELDS}
        n += 1
        k = r.get("key")
        if k and k not in row:
            row[k] = r.get("value")
    row["cells"] = n
    return row


def wide_rows(records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Wide rows from a stream of records (e.g. batch output read back), one per run of
    consecutive records of the same ``file``."""
    group: list[Mapping[str, Any]] = []
    for r in records:
        if group and r.get("file") != group[0].get("file"):
            yield wide_row(group)
            group = []
        group.append(r)
    if group:
        yield wide_row(group)


def to_wide(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """One row per report: the identity columns (``file``, ``agency``, ``year``, ``format``,
    ``reader``), ``cells``, and one ``Float64`` column per official cell (:data:`WIDE_KEYS`,
    ASCII).  Needs pandas.  Group or index by ``agency`` and ``year`` for agency-years."""
    from ..records import identity

    if isinstance(reports, Report):
        reports = (reports,)
    rows = [wide_row(to_records(r), identity(r)) for r in reports]
    return wide_frame(rows)


def wide_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A DataFrame of wide rows with the dtypes of :func:`to_wide`."""
    pd = _need("pandas")
    rows = list(rows)
    data = {}
    for c in WIDE_COLUMNS:
        vals = [r.get(c) for r in rows]
        if c in ("year", "cells"):
            data[c] = pd.array(vals, dtype="Int64")
        elif c in IDENTITY_FIELDS:
            data[c] = pd.array(vals, dtype="string")
        else:
            data[c] = pd.array([_float(v) if not isinstance(v, float) else v for v in vals], dtype="Float64")
    return pd.DataFrame(data, columns=list(WIDE_COLUMNS))


def write_wide(rows: Iterable[Mapping[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write wide rows to ``.csv`` (numbers as printed) or ``.parquet`` (``double`` cells),
    atomically (a temporary file renamed); returns how many rows."""
    p = Path(path)
    kind = format_of(p)
    tmp = p.with_name(p.name + ".tmp")
    n = 0
    if kind == "parquet":
        pa = _need("pyarrow")
        pq = _need("pyarrow.parquet")
        schema = pa.schema([(c, pa.int32() if c in ("year", "cells") else pa.string() if c in IDENTITY_FIELDS
                             else pa.float64()) for c in WIDE_COLUMNS])
        cols: dict[str, list[Any]] = {c: [] for c in WIDE_COLUMNS}
        for r in rows:
            n += 1
            for c in WIDE_COLUMNS:
                v = r.get(c)
                cols[c].append(_num(v) if c not in IDENTITY_FIELDS and c not in ("year", "cells") else v)
        pq.write_table(pa.Table.from_pydict(cols, schema=schema), str(tmp))
    elif kind == "csv":
        w = CsvWriter(tmp, WIDE_COLUMNS)
        try:
            for chunk in _batched(rows, 512):
                w.write(chunk)
                n += len(chunk)
        finally:
            w.close()
    else:
        raise ValueError(f"the wide table is written as .csv or .parquet, not {p.suffix!r}")
    os.replace(tmp, p)
    return n


def _num(v: object) -> float | None:
    """A wide-table cell as a Parquet ``double``: ``None`` or empty → ``None``, a number or a numeric
    string → ``float``."""
    if v is None or v == "":
        return None
    if isinstance(v, float):
        return v
    if isinstance(v, (int, Decimal)):
        return float(v)
    if isinstance(v, str):
        return float(v)
    return None
