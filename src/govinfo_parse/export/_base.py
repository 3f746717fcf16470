"""What the export modules share: the records columns, the output formats by suffix, a
record's file, and the optional dependencies (pandas, pyarrow) loaded on first use."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..nodes import Report
from ..records import RECORD_FIELDS, to_records

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


def _need(module: str, extra: str = "export") -> Any:
    """Import an optional dependency, or raise ``ImportError`` saying which extra installs it."""
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


def _batched(items: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    """The items in lists of ``size`` (the last one shorter)."""
    buf: list[Mapping[str, Any]] = []
    for x in items:
        buf.append(x)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf
