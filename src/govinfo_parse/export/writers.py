"""The streaming records writers: JSON Lines and CSV (append-only, cut back to the last complete
row at close), the :class:`RecordWriter` protocol they share with the Parquet writer, and
:func:`open_writer` / :func:`write_records`, which pick one by the file's suffix."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from ..records import record_values
from ._base import COLUMNS, _batched, format_of
from .parquet import ParquetWriter


class RecordWriter(Protocol):
    """A streaming writer of records (dicts with the :data:`COLUMNS` keys).

    ``encode`` turns records into a payload and may run in another process (the batch command
    encodes in its workers); ``write_encoded`` appends a payload; ``write`` does both."""

    path: Path

    @property
    def pending(self) -> int:
        """Rows written but not yet on disk (what a crash now would lose)."""
        ...

    def encode(self, records: Iterable[Mapping[str, Any]]) -> Any:
        """Records as this writer's payload (may run in another process)."""
        ...

    def write_encoded(self, payload: Any) -> None:
        """Append a payload made by :meth:`encode`."""
        ...

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Encode records and append them."""
        ...

    def close(self) -> None:
        """Finish and close the file."""
        ...


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
        """Write bytes and flush them; only then does the end of the last complete payload move past
        them, so that :meth:`close` can cut off a write cut short."""
        if not data:
            return
        self._dirty = True
        self._f.write(data)
        self._f.flush()
        self._good = self._f.tell()
        self._dirty = False

    def close(self) -> None:
        """Close the file, first cutting it back to the end of the last complete payload if a write
        was cut short; a second call does nothing."""
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
        """Records as JSON Lines (UTF-8, non-ASCII kept, amounts as floats)."""
        return "".join(json.dumps(record_values(dict(r)), ensure_ascii=False) + "\n" for r in records).encode()

    def write_encoded(self, payload: bytes) -> None:
        """Append a payload made by :meth:`encode`."""
        self._append(payload)

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Encode records and append them."""
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
        """Records as CSV rows (no header) of this writer's columns."""
        return self._rows(records, self.columns)

    def write_encoded(self, payload: bytes) -> None:
        """Append a payload made by :meth:`encode`."""
        self._append(payload)

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Encode records and append them."""
        self._append(self.encode(records))


def encode_csv(records: Iterable[Mapping[str, Any]], columns: tuple[str, ...] = COLUMNS) -> bytes:
    """CSV rows (no header) of records — what :meth:`CsvWriter.encode` gives."""
    return CsvWriter._rows(records, columns)


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
