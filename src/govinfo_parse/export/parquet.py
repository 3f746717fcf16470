"""The Parquet records writer (pyarrow): rows buffered, written as complete part files in
``<name>.parts/``, joined into one file at close."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ._base import COLUMNS, PARQUET_ROW_GROUP, _float, _need


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
        """Records as columns (:func:`encode_columns`): the payload of :meth:`write_encoded`."""
        return encode_columns(records)

    def write_encoded(self, payload: Mapping[str, list[Any]]) -> None:
        """Buffer a payload of columns; a part is written once a row group's worth of rows is buffered."""
        for c in COLUMNS:
            self._buf[c].extend(payload[c])
        self._n += len(payload[COLUMNS[0]])
        if self._n >= self._row_group:
            self._flush()

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Encode records and buffer them (:meth:`write_encoded`)."""
        self.write_encoded(self.encode(records))

    def write_table(self, table: Any) -> None:
        """Append a pyarrow table of the :data:`COLUMNS` schema as one part (used by resume)."""
        self._flush()
        if table.num_rows:
            self._write_part(table.cast(self._schema))

    def _write_part(self, table: Any) -> None:
        """Write a table as the next part file (under a temporary name, then renamed)."""
        pq = _need("pyarrow.parquet")
        final = self.parts / f"part-{self._index:06d}.parquet"
        tmp = final.with_name(final.name + ".tmp")
        pq.write_table(table, str(tmp), row_group_size=self._row_group)
        os.replace(tmp, final)
        self._index += 1

    def _flush(self) -> None:
        """Write the buffered rows, if any, as a part, and empty the buffer."""
        if not self._n:
            return
        pa = _need("pyarrow")
        self._write_part(pa.Table.from_pydict(self._buf, schema=self._schema))
        self._buf = {c: [] for c in COLUMNS}
        self._n = 0

    def close(self) -> None:
        """Write what is buffered and join the parts into ``path``; a second call does nothing."""
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
