"""Records at scale: a pandas DataFrame, streaming writers for JSON Lines, CSV and Parquet, the
batch manifest, and the wide table (one row per report, one column per official cell).

The shape is the records contract of ``docs/records.md`` — one row per value cell, the report's
identity (``file``, ``agency``, ``year``, ``format``, ``reader``) in front and the cell's ASCII
``key`` beside its Chinese labels.  Columns, in order (:data:`COLUMNS`)::

    file, agency, year, format, reader, table, item, row, column, key, raw, value, unit, state, line

* :func:`to_dataframe` needs pandas (the ``export`` extra).  ``value`` is a nullable ``Float64``
  (``<NA>`` for blanks and placeholders), ``year`` and ``line`` nullable ``Int64``, the rest
  ``string``.  Amounts such as ``6716.7630万元`` keep their printed digits in ``raw``.
* The writers stream: memory does not grow with the number of records.  ``.jsonl`` writes each
  record as :func:`govinfo_parse.parse` ``--format records`` does (amounts as JSON numbers);
  ``.csv`` writes a header row and the numbers exactly as printed (``6716.7630``), with empty
  fields for nulls; ``.parquet`` (pyarrow, the ``export`` extra) writes ``value`` as ``double``
  and ``year``/``line`` as ``int32``, in row groups of :data:`PARQUET_ROW_GROUP` rows.
* Every file is valid at every moment.  JSON Lines and CSV only grow by complete rows (a write
  cut short by Ctrl-C is cut off again at close).  A Parquet file is written as complete parts,
  one per row group, in ``<name>.parts/`` (each part written under a temporary name and renamed),
  joined into ``<name>`` at close; a run killed outright leaves the parts, which are a Parquet
  dataset as they are (``pandas.read_parquet("<name>.parts")``) and which ``batch --resume`` joins.
* :func:`to_wide` / :func:`write_wide`: one row per report with the identity columns and one
  column per official cell (:data:`WIDE_KEYS`, ASCII), for pandas.
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

from .formats import labels as L
from .nodes import Report
from .records import IDENTITY_FIELDS, RECORD_FIELDS, record_values, to_records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "FORMATS",
    "IDENTITY_FIELDS",
    "MANIFEST_COLUMNS",
    "MANIFEST_DTYPES",
    "PARQUET_ROW_GROUP",
    "RECORD_FIELDS",
    "WIDE_KEYS",
    "CsvWriter",
    "JsonlWriter",
    "ManifestWriter",
    "ParquetWriter",
    "RecordWriter",
    "file_records",
    "format_of",
    "open_writer",
    "read_manifest",
    "to_dataframe",
    "to_wide",
    "wide_rows",
    "write_records",
    "write_wide",
]

COLUMNS: tuple[str, ...] = RECORD_FIELDS
"""The columns of batch output and of :func:`to_dataframe`: the record fields (``file`` first)."""
_INT_COLUMNS = frozenset({"year", "line"})
FORMATS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""Output file suffixes and the format each one selects."""
PARQUET_ROW_GROUP = 65_536
"""Rows buffered before a Parquet row group is written."""


def file_records(report: Report, file: str | None = None) -> list[dict[str, Any]]:
    """:func:`~govinfo_parse.to_records`, with ``file`` set to ``file`` when it is given (by
    default it is the path the report was read from)."""
    recs = to_records(report)
    if file is not None:
        for r in recs:
            r["file"] = file
    return recs


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
        c: pd.array(cols[c], dtype="Float64" if c == "value" else "Int64" if c in _INT_COLUMNS
                    else "boolean" if c == "inferred" else "string")
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

    @property
    def pending(self) -> int:
        """Rows written but not yet on disk (what a crash now would lose)."""
        ...

    def encode(self, records: Iterable[Mapping[str, Any]]) -> Any: ...

    def write_encoded(self, payload: Any) -> None: ...

    def write(self, records: Iterable[Mapping[str, Any]]) -> None: ...

    def close(self) -> None: ...


class _ByteWriter:
    """Append-only bytes, flushed after every payload; a payload cut short by an exception
    (Ctrl-C) is cut off again when the file is closed, so the file ends after the last
    complete payload."""

    pending = 0
    """Rows written but not yet on disk: always 0 (every payload is flushed)."""

    def __init__(self, path: str | os.PathLike[str], *, append: bool = False) -> None:
        self.path = Path(path)
        self._f: Any
        if append and self.path.exists():
            self._f = open(self.path, "r+b")  # noqa: SIM115 - closed by close()
            self._f.truncate(_complete_lines(self._f))
            self._f.seek(0, os.SEEK_END)
        else:
            self._f = open(self.path, "wb")  # noqa: SIM115 - closed by close()
        self._good = self._f.tell()
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


def _complete_lines(f: Any) -> int:
    """The length of the file up to the end of its last complete line."""
    f.seek(0, os.SEEK_END)
    end = f.tell()
    pos = end
    while pos > 0:
        step = min(65536, pos)
        f.seek(pos - step)
        block = f.read(step)
        i = block.rfind(b"\n")
        if i >= 0:
            return int(pos - step + i + 1)
        pos -= step
    return 0


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

    def __init__(self, path: str | os.PathLike[str], columns: Iterable[str] = COLUMNS, *,
                 append: bool = False) -> None:
        super().__init__(path, append=append)
        self.columns = tuple(columns)
        if self._good == 0:
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
    types = {"value": pa.float64(), "line": pa.int32(), "year": pa.int32(), "inferred": pa.bool_()}
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
    """Parquet (pyarrow).  Rows are buffered and written as complete part files, one row group
    each, in ``<path>.parts/``; :meth:`close` joins the parts into ``path`` (through a temporary
    file, renamed) and removes them.  At every moment each part on disk is a complete Parquet
    file, so a run killed outright loses only the rows still buffered (:attr:`pending`).

    ``resume=True`` keeps the parts already in ``<path>.parts/`` (they are joined in front)."""

    def __init__(self, path: str | os.PathLike[str], *, row_group: int = PARQUET_ROW_GROUP,
                 resume: bool = False) -> None:
        _need("pyarrow.parquet")
        self.path = Path(path)
        self.parts = parts_dir(self.path)
        self._schema = _parquet_schema()
        self._row_group = row_group
        self._buf: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        self._n = 0
        self._closed = False
        if self.parts.exists() and not resume:
            _remove_parts(self.parts)
        self.parts.mkdir(exist_ok=True)
        self._index = len(_part_files(self.parts))

    @property
    def pending(self) -> int:
        """Rows written but not yet on disk."""
        return self._n

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

    def write_table(self, table: Any) -> None:
        """Append a pyarrow table of the :data:`COLUMNS` schema as one part (used by resume)."""
        self._flush()
        if table.num_rows:
            self._write_part(table.cast(self._schema))

    def _write_part(self, table: Any) -> None:
        pq = _need("pyarrow.parquet")
        final = self.parts / f"part-{self._index:06d}.parquet"
        tmp = final.with_name(final.name + ".tmp")
        pq.write_table(table, str(tmp), row_group_size=self._row_group)
        os.replace(tmp, final)
        self._index += 1

    def _flush(self) -> None:
        if not self._n:
            return
        pa = _need("pyarrow")
        self._write_part(pa.Table.from_pydict(self._buf, schema=self._schema))
        self._buf = {c: [] for c in COLUMNS}
        self._n = 0

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._flush()
        join_parts(self.parts, self.path, self._schema)

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parts_dir(path: str | os.PathLike[str]) -> Path:
    """Where :class:`ParquetWriter` keeps the parts of ``path``: ``<path>.parts``."""
    p = Path(path)
    return p.with_name(p.name + ".parts")


def _part_files(parts: Path) -> list[Path]:
    return sorted(parts.glob("part-*.parquet")) if parts.is_dir() else []


def _remove_parts(parts: Path) -> None:
    for f in parts.iterdir():
        if f.name.startswith("part-"):
            f.unlink()
    parts.rmdir()


def join_parts(parts: Path, path: Path, schema: Any = None) -> None:
    """Join the part files of ``parts`` into one Parquet file ``path`` (atomically) and remove them."""
    pq = _need("pyarrow.parquet")
    schema = schema if schema is not None else _parquet_schema()
    tmp = path.with_name(path.name + ".tmp")
    with pq.ParquetWriter(str(tmp), schema) as w:
        for f in _part_files(parts):
            pf = pq.ParquetFile(str(f))
            for i in range(pf.num_row_groups):
                w.write_table(pf.read_row_group(i).cast(schema))
    os.replace(tmp, path)
    if parts.is_dir():
        _remove_parts(parts)


def open_writer(path: str | os.PathLike[str], fmt: str | None = None, *, append: bool = False) -> RecordWriter:
    """A streaming records writer for ``path``; the format comes from its suffix unless
    ``fmt`` (``jsonl``, ``csv``, ``parquet``) is given.  ``append`` continues an existing file
    (JSON Lines, CSV: after its last complete row; Parquet: after its complete parts)."""
    kind = fmt or format_of(path)
    if kind == "jsonl":
        return JsonlWriter(path, append=append)
    if kind == "csv":
        return CsvWriter(path, append=append)
    if kind == "parquet":
        return ParquetWriter(path, resume=append)
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


# ------------------------------------------------------------------------------------------
# the batch manifest: one row per input
# ------------------------------------------------------------------------------------------

MANIFEST_COLUMNS: tuple[str, ...] = ("path", "status", "agency", "year", "format", "reader", "cells", "errors",
                                     "warnings", "seconds", "message")
"""The columns of the batch manifest (``<out stem>.manifest.csv``), in order."""
MANIFEST_DTYPES: dict[str, str] = {
    "path": "string", "status": "string", "agency": "string", "year": "Int64", "format": "string",
    "reader": "string", "cells": "int64", "errors": "int64", "warnings": "int64", "seconds": "float64",
    "message": "string",
}
"""The pandas dtypes of the manifest: ``pd.read_csv(path, dtype=MANIFEST_DTYPES)``."""


class ManifestWriter(CsvWriter):
    """The batch manifest, CSV: a header row of :data:`MANIFEST_COLUMNS`, one row per input.
    A row is written only once everything of its file is on disk in the other outputs."""

    def __init__(self, path: str | os.PathLike[str], *, append: bool = False) -> None:
        super().__init__(path, MANIFEST_COLUMNS, append=append)

    def row(self, row: Mapping[str, Any]) -> None:
        self.write([row])


def manifest_row(path: str, status: str, *, report: Report | None = None, cells: int = 0, errors: int = 0,
                 warnings: int = 0, seconds: float = 0.0, message: str | None = None) -> dict[str, Any]:
    """One manifest row (``report`` gives agency, year, format and reader)."""
    from .records import identity

    ident = identity(report) if report is not None else {}
    return {"path": path, "status": status, "agency": ident.get("agency"), "year": ident.get("year"),
            "format": ident.get("format"), "reader": ident.get("reader"), "cells": cells, "errors": errors,
            "warnings": warnings, "seconds": f"{seconds:.4f}", "message": message}


def read_manifest(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a manifest file as dicts of strings (no pandas needed); a last row cut short
    is dropped."""
    with open(path, "rb") as f:
        data = f.read()
    data = data[: data.rfind(b"\n") + 1]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


# ------------------------------------------------------------------------------------------
# the wide table: one row per report, one column per official cell
# ------------------------------------------------------------------------------------------


def _wide_keys() -> tuple[str, ...]:
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
    from .records import identity

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
    if v is None or v == "":
        return None
    if isinstance(v, float):
        return v
    if isinstance(v, (int, Decimal)):
        return float(v)
    if isinstance(v, str):
        return float(v)
    return None
