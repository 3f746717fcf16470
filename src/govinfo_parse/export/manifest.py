"""The batch manifest: one CSV row per input (status, counts, time), written and read back."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from typing import Any

from ..nodes import Report
from .writers import CsvWriter

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
        """Write one manifest row."""
        self.write([row])


def manifest_row(path: str, status: str, *, report: Report | None = None, cells: int = 0, errors: int = 0,
                 warnings: int = 0, seconds: float = 0.0, message: str | None = None) -> dict[str, Any]:
    """One manifest row (``report`` gives agency, year, format and reader)."""
    from ..records import identity

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
