"""What a worker sends back for one file: its records encoded for the output writer, its lines
of the diagnostics file, its manifest row and wide row, and its counts."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ...export import JsonlWriter, encode_columns, encode_csv, file_records, manifest_row, wide_row
from ...nodes import Diagnostic, Report, Severity
from ...status import NOTES, Status, status_of


@attrs.frozen
class _Payload:
    records: Any
    """The file's records, encoded for the output writer."""
    diagnostics: bytes
    manifest: dict[str, Any]
    """The file's manifest row (``seconds`` filled in by the parent)."""
    wide: dict[str, Any] | None
    cells: int
    errors: int
    warnings: int
    infos: int


def _json_value(v: object) -> object:
    if isinstance(v, Decimal):
        return float(v)
    return v


def diagnostic_dict(file: str | None, d: Diagnostic) -> dict[str, Any]:
    """One line of the diagnostics file."""
    s = d.span
    return {
        "file": file, "code": d.code, "severity": d.severity.value, "message": d.message,
        "line": s.line if s else None, "column": s.column if s else None,
        "end_line": s.end_line if s else None, "end_column": s.end_column if s else None,
        "expected": _json_value(d.expected), "actual": _json_value(d.actual), "suggestion": d.suggestion,
    }


def failure_dict(file: str, error: str) -> dict[str, Any]:
    """The line of the diagnostics file for a file that gave no report."""
    return {"file": file, "code": None, "severity": "failure", "message": error, "line": None,
            "column": None, "end_line": None, "end_column": None, "expected": None, "actual": None,
            "suggestion": None}


_ENCODERS: dict[str, Callable[[Iterable[Mapping[str, Any]]], Any]] = {
    "jsonl": JsonlWriter.encode, "csv": encode_csv, "parquet": encode_columns,
}


def _encode(report: Report, fmt: str, wide: bool = False) -> _Payload:
    """Runs in the worker: everything the parent needs, ready to write."""
    file = report.source.path
    recs = file_records(report, file)
    diags = report.diagnostics
    dlines = "".join(json.dumps(diagnostic_dict(file, d), ensure_ascii=False) + "\n" for d in diags)
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    status = status_of(report, file)
    message = None
    if status is not Status.OK:
        message = next((d.message for d in diags if d.severity is Severity.ERROR), NOTES.get(status))
    row = manifest_row(file or "", status.value, report=report, cells=len(recs), errors=errors, warnings=warnings,
                       message=message)
    return _Payload(
        _ENCODERS[fmt](recs), dlines.encode(), row, wide_row(recs) if wide and recs else None, len(recs),
        errors, warnings, sum(d.severity is Severity.INFO for d in diags),
    )
