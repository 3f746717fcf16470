"""``govinfo-parse batch PATH... --out FILE [--jobs N]``: parse a whole corpus into one records file.

Files and directories (walked recursively, :func:`govinfo_parse.batch.walk_inputs`), parsed by a
pool of worker processes (:func:`govinfo_parse.batch.map_reports`), written in input order to
``FILE`` as JSON Lines, CSV or Parquet (by its suffix), with every diagnostic — and every file
that could not be parsed — in ``<FILE stem>.diagnostics.jsonl`` and one row per input (its
:class:`~govinfo_parse.status.Status`, counts and time) in ``<FILE stem>.manifest.csv`` beside
it; ``--wide`` adds the wide table (one row per report).  A progress bar with rate and ETA is
drawn on standard error when it is a terminal; a summary line ends the run.

Every output is valid at every moment (see :mod:`govinfo_parse.export`); a manifest row is
written only once its file's records are on disk, so the manifest says what is done.  Ctrl-C
stops after the files already parsed are written (exit 130); a second Ctrl-C aborts at once
(workers stopped, outputs closed).  ``--resume`` reads the manifest of an earlier run, keeps what
it lists, and parses the rest.

Exit status: 0 every file parsed and no report has errors; 1 some report has errors;
2 some file could not be parsed (unreadable or failed), or unusable arguments; 130 interrupted.
"""

from __future__ import annotations

import argparse
import collections
import csv
import functools
import io
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import attrs

from ..batch import DEFAULT_SUFFIXES, WorkerStartError, default_jobs, map_reports, walk_inputs
from ..export import (
    WIDE_COLUMNS,
    CsvWriter,
    JsonlWriter,
    ManifestWriter,
    RecordWriter,
    encode_columns,
    encode_csv,
    file_records,
    format_of,
    manifest_row,
    open_writer,
    parts_dir,
    read_manifest,
    wide_row,
)
from ..nodes import Diagnostic, Report, Severity
from ..status import NOTES, Status, status_of, status_of_error

__all__ = ["diagnostics_path", "manifest_path", "register", "run"]


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "batch", help="parse many reports (files and directories) into one records file",
        description="Parse every report under the given files and directories (recursively) with a "
        "pool of worker processes, and write one record per value cell to --out, in input order, "
        "with the report's file, agency, year, format and reader; .jsonl, .csv or .parquet (the "
        "'export' extra) by its suffix.  All diagnostics, and the files that could not be parsed, go "
        "to <out stem>.diagnostics.jsonl; one row per input (status, cells, errors, warnings, time) "
        "to <out stem>.manifest.csv.  Exit status: 0 all parsed without errors, 1 some report has "
        "errors, 2 some file could not be parsed (or bad arguments), 130 interrupted (the output "
        "stays valid; --resume finishes it).",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files, and directories to search")
    p.add_argument("--sample", action="store_true",
                   help="add the sample report shipped with the package to the inputs (try batch without a corpus)")
    p.add_argument("--out", "-o", required=True, metavar="FILE",
                   help="the records file: .jsonl, .csv or .parquet")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes (default: one per CPU; 1 parses in this process)")
    p.add_argument("--diagnostics", metavar="FILE", default=None,
                   help="where to write the diagnostics (default: <out stem>.diagnostics.jsonl)")
    p.add_argument("--manifest", metavar="FILE", default=None,
                   help="where to write the manifest, one CSV row per input (default: <out stem>.manifest.csv)")
    p.add_argument("--wide", metavar="FILE", default=None,
                   help="also write the wide table, one row per report and one column per official "
                        "cell (ASCII keys): .csv, or .parquet (the 'export' extra)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep the inputs its manifest lists, parse the rest")
    p.add_argument("--ext", action="append", metavar="SUFFIX", default=None,
                   help="file suffix to pick up inside directories; repeatable (default: "
                        + " ".join(DEFAULT_SUFFIXES) + ", and files with no suffix)")
    p.add_argument("--strict", action="store_true",
                   help="a file with a structural problem counts as failed (see parse --strict)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=run, parser=p)


def diagnostics_path(out: str | os.PathLike[str]) -> Path:
    """Where the diagnostics of ``--out FILE`` go by default: ``<stem>.diagnostics.jsonl``."""
    p = Path(out)
    return p.with_name(p.stem + ".diagnostics.jsonl")


def manifest_path(out: str | os.PathLike[str]) -> Path:
    """Where the manifest of ``--out FILE`` goes by default: ``<stem>.manifest.csv``."""
    p = Path(out)
    return p.with_name(p.stem + ".manifest.csv")


# ------------------------------------------------------------------------------------------
# what a worker sends back for one file
# ------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------
# progress and summary
# ------------------------------------------------------------------------------------------


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Progress:
    """A one-line progress bar on a terminal: count, percentage, rate and ETA."""

    def __init__(self, stream: TextIO, total: int | None, *, every: float = 0.1) -> None:
        self.stream = stream
        self.total = total
        self.every = every
        self.start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def line(self, done: int, failed: int, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        parts = []
        if self.total:
            frac = min(done / self.total, 1.0)
            filled = int(frac * 24)
            parts.append(f"[{'#' * filled}{'.' * (24 - filled)}] {done}/{self.total} files {frac * 100:5.1f}%")
            eta = (self.total - done) / rate if rate > 0 else 0.0
            parts.append(f"{rate:.1f} files/s ETA {_clock(eta)}")
        else:
            parts.append(f"{done} files  {rate:.1f} files/s  {_clock(elapsed)}")
        if failed:
            parts.append(f"{failed} failed")
        return "  ".join(parts)

    def update(self, done: int, failed: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        text = self.line(done, failed, now)
        pad = max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_FAILING = frozenset({Status.UNREADABLE.value, Status.FAILED.value})


@attrs.define
class Totals:
    files: int = 0
    failed: int = 0
    cells: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    statuses: collections.Counter[str] = attrs.field(factory=collections.Counter)
    earlier: int = 0
    """Inputs done by the run this one resumes (counted in the other figures too)."""

    def add(self, row: Mapping[str, Any]) -> None:
        self.files += 1
        status = str(row["status"])
        self.statuses[status] += 1
        if status in _FAILING:
            self.failed += 1
        self.cells += int(row.get("cells") or 0)
        self.errors += int(row.get("errors") or 0)
        self.warnings += int(row.get("warnings") or 0)

    def summary(self, seconds: float) -> str:
        rate = (self.files - self.earlier) / seconds if seconds > 0 else 0.0
        order = [s.value for s in Status]
        counts = ", ".join(f"{k} {self.statuses[k]}" for k in sorted(self.statuses, key=order.index))
        resumed = f", {self.earlier} of them from the earlier run" if self.earlier else ""
        tail = f"; {counts}{resumed}" if counts else ""
        return (f"{_n(self.files, 'file')}, {_n(self.cells, 'cell')}, {_n(self.errors, 'error')}, "
                f"{_n(self.warnings, 'warning')}, {_n(self.failed, 'failure')} in {seconds:.1f} s "
                f"({rate:.1f} files/s){tail}")


# ------------------------------------------------------------------------------------------
# the command
# ------------------------------------------------------------------------------------------


class _Stop:
    """First Ctrl-C: finish writing what is parsed and stop.  Second: abort at once."""

    def __init__(self) -> None:
        self.requested = False
        self._saved: Any = None

    def __enter__(self) -> _Stop:
        try:
            self._saved = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self._saved = None
        return self

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            signal.signal(signal.SIGINT, self._saved)


def _err(msg: str) -> None:
    print(f"govinfo-parse batch: {msg}", file=sys.stderr)


SMALL = 16
"""Fewer files than this are parsed in this process, whatever ``--jobs`` says."""
CHUNK = 4
"""Files per task sent to a worker: a quarter of the per-task cost in the parent (measured
0.65 ms → 0.2 ms of parent CPU per file), and still small enough to keep the workers even."""


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
        self.held.append(row)
        if force or not self.records.pending:
            for r in self.held:
                self.manifest.row(r)
            self.held.clear()

    def close(self) -> None:
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
    from ..export import IDENTITY_FIELDS, write_wide

    def rows() -> Iterator[dict[str, Any]]:
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

    from ..export import _parquet_schema, _part_files

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


def run(args: argparse.Namespace) -> int:
    if args.sample:
        from ..data import sample_path

        args.paths = [*args.paths, str(sample_path())]
    if not args.paths:
        args.parser.error("give at least one PATH (or --sample)")  # usage, and exit status 2
    out = Path(args.out)
    try:
        fmt = format_of(out)
    except ValueError as e:
        _err(str(e))
        return 2
    diag_path = Path(args.diagnostics) if args.diagnostics else diagnostics_path(out)
    man_path = Path(args.manifest) if args.manifest else manifest_path(out)
    wide = Path(args.wide) if args.wide else None
    names = [out.resolve(), diag_path.resolve(), man_path.resolve(), *([wide.resolve()] if wide else [])]
    if len(set(names)) != len(names):
        _err("the records, diagnostics, manifest and wide files must be different files")
        return 2
    if wide is not None and wide.suffix.lower() not in (".csv", ".parquet"):
        _err(f"the wide table is written as .csv or .parquet, not {wide.name!r}")
        return 2
    if args.jobs < 0:
        _err(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
        return 2
    suffixes = tuple(s if s.startswith(".") else "." + s for s in args.ext) if args.ext else DEFAULT_SUFFIXES
    jobs = args.jobs or default_jobs()
    show = not args.quiet and sys.stderr.isatty()

    totals = Totals()
    done: set[str] | None = None
    if args.resume and man_path.exists():
        earlier = read_manifest(man_path)
        done = {r["path"] for r in earlier}
        for r in earlier:
            totals.add(r)
        totals.earlier = len(earlier)

    def inputs() -> Iterator[tuple[str, str | None]]:
        for path, skipped in walk_inputs(args.paths, suffixes=suffixes):
            if done is None or path not in done:
                yield path, skipped

    head = []
    for item in inputs():
        head.append(item)
        if len(head) >= SMALL:
            break
    if not head and done is None:
        _err("no report files found (looked for " + " ".join(suffixes) + ")")
        return 2
    if sum(1 for _, s in head if s is None) < SMALL:
        jobs = 1  # starting worker processes would take longer than parsing a handful of files
    total = sum(1 for _ in inputs()) if show else None
    try:
        outs = _open_outputs(out, fmt, diag_path, man_path, wide, done)
    except ImportError as e:
        _err(str(e))
        return 2
    except OSError as e:
        _err(f"cannot write {e.filename or out}: {e.strerror or e}")
        return 2

    progress = Progress(sys.stderr, total) if show else None
    start = time.monotonic()
    interrupted = False
    # the inputs in order; the parsed ones go to the workers, the skipped ones wait here for
    # their turn in the manifest
    line: collections.deque[tuple[str, str | None]] = collections.deque()

    def to_parse() -> Iterator[str]:
        for path, skipped in inputs():
            line.append((path, skipped))
            if skipped is None:
                yield path

    def skipped_before(path: str | None) -> None:
        """Commit the skipped inputs that come before ``path`` (all that are left, for None)."""
        while line:
            p, skipped = line[0]
            if skipped is None:
                if p == path:
                    line.popleft()
                return
            line.popleft()
            row = manifest_row(p, Status.SKIPPED_KIND.value, message=f"not read: {skipped}")
            outs.commit(row)
            totals.add(row)

    encode = functools.partial(_encode, fmt=fmt, wide=wide is not None)
    code = 0
    try:
        results = map_reports(encode, to_parse(), jobs=jobs, strict=args.strict, chunksize=CHUNK)
    except WorkerStartError as e:
        outs.close()
        _err(str(e))
        return 2
    try:
        with _Stop() as stop:
            try:
                for r in _until(results, stop):
                    skipped_before(r.path)
                    if r.value is None:
                        error = r.error or "failed"
                        outs.diagnostics.write_encoded(
                            (json.dumps(failure_dict(r.path, error), ensure_ascii=False) + "\n").encode())
                        row = manifest_row(r.path, status_of_error(error).value, seconds=r.seconds, message=error)
                    else:
                        p = r.value
                        outs.records.write_encoded(p.records)
                        outs.diagnostics.write_encoded(p.diagnostics)
                        if outs.wide is not None and p.wide is not None:
                            outs.wide.write([p.wide])
                        row = {**p.manifest, "seconds": f"{r.seconds:.4f}"}
                        totals.infos += p.infos
                    outs.commit(row)
                    totals.add(row)
                    if progress:
                        progress.update(totals.files - totals.earlier, totals.failed)
                interrupted = stop.requested
                if not interrupted:
                    skipped_before(None)
            except KeyboardInterrupt:
                interrupted = True
            finally:
                results.close()  # stops the workers
    except WorkerStartError as e:
        _err(str(e))
        code = 2
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # nothing may cut the closing of the outputs short
        try:
            if progress:
                progress.clear()
            outs.close()
        finally:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    seconds = time.monotonic() - start
    if not args.quiet:
        text = totals.summary(seconds)
        if interrupted:
            text = "interrupted: " + text
        extra = f", manifest → {man_path}" + (f", wide → {wide}" if wide else "")
        print(f"govinfo-parse batch: {text}; records → {out}, diagnostics → {diag_path}{extra}", file=sys.stderr)
        if interrupted:
            print("govinfo-parse batch: run the same command with --resume to finish it", file=sys.stderr)
    if code:
        return code
    if interrupted:
        return 130
    if totals.failed:
        return 2
    return 1 if totals.errors else 0


def _until(results: Generator[Any, None, None], stop: _Stop) -> Iterator[Any]:
    for r in results:
        yield r
        if stop.requested:
            return
