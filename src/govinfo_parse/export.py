"""Records at scale: a pandas DataFrame, and streaming writers for JSON Lines, CSV and Parquet.

The shape is the records contract of ``docs/records.md`` — one row per value cell — with one
more column in front, ``file``: the path the report was read from (``report.source.path``;
``None`` for text parsed from memory).  Columns, in order::

    file, table, item, row, column, raw, value, unit, state, line

* :func:`to_dataframe` needs pandas (the ``export`` extra).  ``value`` is a nullable ``Float64``
  (``<NA>`` for blanks and placeholders), ``line`` a nullable ``Int64``, the rest ``string``.
  Amounts such as ``6716.7630万元`` keep their printed digits in ``raw``.
* The writers stream: memory does not grow with the number of records.  ``.jsonl`` writes each
  record as :func:`govinfo_parse.parse` ``--format records`` does (amounts as JSON numbers);
  ``.csv`` writes a header row and the numbers exactly as printed (``6716.7630``), with empty
  fields for nulls; ``.parquet`` (pyarrow, the ``export`` extra) writes ``value`` as ``double``
  and ``line`` as ``int32``, in row groups of :data:`PARQUET_ROW_GROUP` rows.
* Interrupted runs leave valid files: JSON Lines and CSV are cut back to the last complete
  batch of rows if a write was interrupted, and a Parquet file is written under
  ``<name>.partial`` and renamed when it is closed (so its footer is always there).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .nodes import Report
from .records import record_values, to_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "FORMATS",
    "PARQUET_ROW_GROUP",
    "RECORD_FIELDS",
    "CsvWriter",
    "JsonlWriter",
    "ParquetWriter",
    "RecordWriter",
    "file_records",
    "format_of",
    "open_writer",
    "to_dataframe",
    "write_records",
]

RECORD_FIELDS: tuple[str, ...] = ("table", "item", "row", "column", "raw", "value", "unit", "state", "line")
"""The fields of a record (docs/records.md), in order."""
COLUMNS: tuple[str, ...] = ("file", *RECORD_FIELDS)
"""The columns of batch output and of :func:`to_dataframe`: ``file`` and the record fields."""
FORMATS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""Output file suffixes and the format each one selects."""
PARQUET_ROW_GROUP = 65_536
"""Rows buffered before a Parquet row group is written."""


def file_records(report: Report, file: str | None = None) -> list[dict[str, Any]]:
    """:func:`~govinfo_parse.to_records` with a ``file`` key in front (default: the path the
    report was read from)."""
    name = file if file is not None else report.source.path
    return [{"file": name, **r} for r in to_records(report)]


def format_of(path: str | os.PathLike[str]) -> str:
    """The output format a file name asks for (``jsonl``, ``csv`` or ``parquet``).
    Raises ``ValueError`` for any other suffix."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"cannot tell the output format from {os.fspath(path)!r}: use one of {known}") from None


# ------------------------------------------------------------------------------------------
# pandas
# ------------------------------------------------------------------------------------------


def _need(module: str, extra: str = "export") -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"{module} is needed for this; install it with: pip install 'govinfo-parse[{extra}]'") from e


def _float(v: object) -> float | None:
    if v is None:
        return None
    if isinstance(v, (int, Decimal)):
        return float(v)
    return None


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
        c: pd.array(cols[c], dtype="Float64" if c == "value" else "Int64" if c == "line" else "string")
        for c in COLUMNS
    }
    return pd.DataFrame(data, columns=list(COLUMNS))


# ------------------------------------------------------------------------------------------
# writers
# ------------------------------------------------------------------------------------------


class RecordWriter(Protocol):
    """A streaming writer of records (dicts with the :data:`COLUMNS` keys).

    ``encode`` turns records into a payload and may run in another process (the batch command
    encodes in its workers); ``write_encoded`` appends a payload; ``write`` does both."""

    path: Path

    def encode(self, records: Iterable[Mapping[str, Any]]) -> Any: ...

    def write_encoded(self, payload: Any) -> None: ...

    def write(self, records: Iterable[Mapping[str, Any]]) -> None: ...

    def close(self) -> None: ...


class _ByteWriter:
    """Append-only bytes, flushed after every payload; a payload cut short by an exception
    (Ctrl-C) is cut off again when the file is closed, so the file ends after the last
    complete payload."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._f = open(self.path, "wb")  # noqa: SIM115 - closed by close()
        self._good = 0
        self._dirty = False

    def _append(self, data: bytes) -> None:
        if not data:
            return
        self._dirty = True
        self._f.write(data)
        self._f.flush()
        self._good = self._f.tell()
        self._dirty = False

    def close(self) -> None:
        if self._f.closed:
            return
        try:
            if self._dirty:
                self._f.flush()
                self._f.truncate(self._good)
        finally:
            self._f.close()

    def __enter__(self) -> _ByteWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JsonlWriter(_ByteWriter):
    """JSON Lines: one record per line, numbers as JSON numbers (amounts as floats)."""

    @staticmethod
    def encode(records: Iterable[Mapping[str, Any]]) -> bytes:
        return "".join(json.dumps(record_values(dict(r)), ensure_ascii=False) + "\n" for r in records).encode()

    def write_encoded(self, payload: bytes) -> None:
        self._append(payload)

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        self._append(self.encode(records))


def _csv_field(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


class CsvWriter(_ByteWriter):
    """CSV (RFC 4180, UTF-8, ``\\r\\n``): a header row of :data:`COLUMNS`, numbers as printed."""

    def __init__(self, path: str | os.PathLike[str], columns: Iterable[str] = COLUMNS) -> None:
        super().__init__(path)
        self.columns = tuple(columns)
        self._append(self._rows([{c: c for c in self.columns}], self.columns))

    @staticmethod
    def _rows(records: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf)
        for r in records:
            w.writerow([_csv_field(r.get(c)) for c in columns])
        return buf.getvalue().encode()

    def encode(self, records: Iterable[Mapping[str, Any]]) -> bytes:
        return self._rows(records, self.columns)

    def write_encoded(self, payload: bytes) -> None:
        self._append(payload)

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        self._append(self.encode(records))


def encode_csv(records: Iterable[Mapping[str, Any]], columns: tuple[str, ...] = COLUMNS) -> bytes:
    """CSV rows (no header) of records — what :meth:`CsvWriter.encode` gives."""
    return CsvWriter._rows(records, columns)


def _parquet_schema() -> Any:
    pa = _need("pyarrow")
    types = {"value": pa.float64(), "line": pa.int32()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])


def encode_columns(records: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Records as columns (``value`` as float) — the Parquet payload; needs no pyarrow."""
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for r in records:
        for c in COLUMNS:
            v = r.get(c)
            cols[c].append(_float(v) if c == "value" else v)
    return cols


class ParquetWriter:
    """Parquet (pyarrow): written to ``<path>.partial``, renamed to ``path`` on close."""

    def __init__(self, path: str | os.PathLike[str], *, row_group: int = PARQUET_ROW_GROUP) -> None:
        pq = _need("pyarrow.parquet")
        self.path = Path(path)
        self._partial = self.path.with_name(self.path.name + ".partial")
        self._schema = _parquet_schema()
        self._writer = pq.ParquetWriter(str(self._partial), self._schema)
        self._row_group = row_group
        self._buf: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        self._n = 0
        self._closed = False

    @staticmethod
    def encode(records: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
        return encode_columns(records)

    def write_encoded(self, payload: Mapping[str, list[Any]]) -> None:
        for c in COLUMNS:
            self._buf[c].extend(payload[c])
        self._n += len(payload[COLUMNS[0]])
        if self._n >= self._row_group:
            self._flush()

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        self.write_encoded(self.encode(records))

    def _flush(self) -> None:
        if not self._n:
            return
        pa = _need("pyarrow")
        table = pa.Table.from_pydict(self._buf, schema=self._schema)
        self._writer.write_table(table, row_group_size=self._row_group)
        self._buf = {c: [] for c in COLUMNS}
        self._n = 0

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._flush()
        finally:
            self._writer.close()
            os.replace(self._partial, self.path)

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_writer(path: str | os.PathLike[str], fmt: str | None = None) -> RecordWriter:
    """A streaming records writer for ``path``; the format comes from its suffix unless
    ``fmt`` (``jsonl``, ``csv``, ``parquet``) is given."""
    kind = fmt or format_of(path)
    if kind == "jsonl":
        return JsonlWriter(path)
    if kind == "csv":
        return CsvWriter(path)
    if kind == "parquet":
        return ParquetWriter(path)
    raise ValueError(f"unknown records format {kind!r} (jsonl, csv or parquet)")


def write_records(records: Iterable[Mapping[str, Any]], path: str | os.PathLike[str],
                  fmt: str | None = None, *, batch: int = 4096) -> int:
    """Write records (e.g. :func:`file_records` of many reports) to ``path``; returns how many."""
    w = open_writer(path, fmt)
    n = 0
    try:
        for chunk in _batched(records, batch):
            w.write(chunk)
            n += len(chunk)
    finally:
        w.close()
    return n


def _batched(items: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    buf: list[Mapping[str, Any]] = []
    for x in items:
        buf.append(x)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf
