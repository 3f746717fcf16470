"""The output files of a batch run: opened together (and, for ``--resume``, first cut back to the
inputs the earlier run's manifest lists), manifest rows held until their records are on disk,
and closed together (the Parquet wide table made from its CSV rows)."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ...export import WIDE_COLUMNS, CsvWriter, JsonlWriter, ManifestWriter, RecordWriter, open_writer, parts_dir


@attrs.define
class _Outputs:
    """The open output files of a run, and the manifest rows waiting for their records."""

    records: RecordWriter
    diagnostics: JsonlWriter
    manifest: ManifestWriter
    wide: CsvWriter | None = None
    wide_final: Path | None = None
    held: list[dict[str, Any]] = attrs.field(factory=list)

    def commit(self, row: dict[str, Any], *, force: bool = False) -> None:
        """Hold a manifest row; write every held row once the records writer has nothing pending
        (at once with ``force``)."""
        self.held.append(row)
        if force or not self.records.pending:
            for r in self.held:
                self.manifest.row(r)
            self.held.clear()

    def close(self) -> None:
        """Close the records file, then write the held manifest rows, then close the other outputs
        (a Parquet wide table is made from its CSV rows here)."""
        try:
            self.records.close()
            for r in self.held:
                self.manifest.row(r)
            self.held.clear()
        finally:
            self.diagnostics.close()
            self.manifest.close()
            if self.wide is not None:
                self.wide.close()
                if self.wide_final is not None:
                    _csv_to_parquet_wide(self.wide.path, self.wide_final)


def _wide_csv(wide: Path) -> Path:
    return wide if wide.suffix.lower() == ".csv" else wide.with_name(wide.name + ".rows.csv")


def _csv_to_parquet_wide(src: Path, dest: Path) -> None:
    """Write the wide rows of the CSV file ``src`` to the Parquet file ``dest``, and remove ``src``."""
    from ...export import IDENTITY_FIELDS, write_wide

    def rows() -> Iterator[dict[str, Any]]:
        """The rows of ``src`` with their types back: empty fields ``None``, ``year`` and ``cells``
        ``int``, the identity strings, the cells ``float``."""
        with open(src, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                yield {k: (None if v == "" else int(v) if k in ("year", "cells") else v if k in IDENTITY_FIELDS
                           else float(v)) for k, v in r.items()}

    write_wide(rows(), dest)
    src.unlink()


# --- resume: keep what the manifest lists --------------------------------------------------


def _filter_lines(path: Path, done: set[str]) -> None:
    """Keep the JSON lines whose ``file`` is done (a line cut short is dropped)."""
    if not path.exists():
        return
    tmp = path.with_name(path.name + ".tmp")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        for line in src:
            if not line.endswith(b"\n"):
                break
            try:
                file = json.loads(line).get("file")
            except ValueError:
                continue
            if file in done:
                dst.write(line)
    os.replace(tmp, path)


def _filter_csv(path: Path, done: set[str], key: str = "file") -> None:
    """Keep the CSV rows whose ``key`` column names a done input, and the header (a row cut
    short, or with the wrong number of fields, is dropped); rewritten through a temporary file."""
    if not path.exists():
        return
    data = path.read_bytes()
    data = data[: data.rfind(b"\n") + 1]
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, None)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        if header is not None:
            w.writerow(header)
            at = header.index(key)
            for row in reader:
                if len(row) == len(header) and row[at] in done:
                    w.writerow(row)
    os.replace(tmp, path)


def _filter_parquet(out: Path, done: set[str]) -> Any:
    """The records of ``done`` files from the earlier run's Parquet file or parts, as a table."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from ...export.parquet import _parquet_schema, _part_files

    schema = _parquet_schema()
    tables = []
    if out.exists():
        tables.append(pq.read_table(str(out)))
    else:
        for f in _part_files(parts_dir(out)):
            try:
                tables.append(pq.read_table(str(f)))
            except (OSError, pa.ArrowException):  # pragma: no cover - parts are written whole
                continue
    if not tables:
        return pa.Table.from_pylist([], schema=schema)
    table = pa.concat_tables([t.cast(schema) for t in tables])
    return table.filter(pc.is_in(table.column("file"), value_set=pa.array(sorted(done), pa.string())))


def _open_outputs(out: Path, fmt: str, diag_path: Path, man_path: Path, wide: Path | None,
                  done: set[str] | None) -> _Outputs:
    """Open every output; with ``done`` (resume) keep the rows of those inputs and append."""
    resume = done is not None
    kept = None
    if resume:
        assert done is not None
        if fmt == "jsonl":
            _filter_lines(out, done)
        elif fmt == "csv":
            _filter_csv(out, done)
        else:
            kept = _filter_parquet(out, done)
        _filter_lines(diag_path, done)
        if wide is not None:
            _filter_csv(_wide_csv(wide), done)
    if fmt == "parquet" and out.exists():
        out.unlink()  # an older file must not stand beside the parts of this run
    records = open_writer(out, fmt, append=resume and fmt != "parquet")
    if kept is not None:
        records.write_table(kept)  # type: ignore[attr-defined]
    try:
        diagnostics = JsonlWriter(diag_path, append=resume)
        manifest = ManifestWriter(man_path, append=resume)
        wide_writer = CsvWriter(_wide_csv(wide), WIDE_COLUMNS, append=resume) if wide is not None else None
    except BaseException:
        records.close()
        raise
    final = wide if wide is not None and wide.suffix.lower() == ".parquet" else None
    return _Outputs(records, diagnostics, manifest, wide_writer, final)
