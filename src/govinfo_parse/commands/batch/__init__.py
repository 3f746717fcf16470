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
import functools
import json
import os
import signal
import sys
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from ...batch import DEFAULT_SUFFIXES, WorkerStartError, default_jobs, map_reports, walk_inputs
from ...export import format_of, manifest_row, read_manifest
from ...status import Status, status_of_error
from .outputs import _open_outputs
from .payload import _encode as _encode
from .payload import diagnostic_dict as diagnostic_dict
from .payload import failure_dict
from .progress import Progress as Progress
from .progress import Totals as Totals

__all__ = ["diagnostics_path", "manifest_path", "register", "run"]


def register(sub: Any) -> None:
    """Add the ``batch`` subcommand and its options to the subparsers ``sub``."""
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


def run(args: argparse.Namespace) -> int:
    """Run ``govinfo-parse batch`` with the parsed arguments; returns the exit status (0, 1, 2 or
    130, see the module docstring)."""
    if args.sample:
        from ...data import sample_path

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
        """The inputs still to do (with ``--resume``, those the earlier manifest does not list), each
        with ``None`` or the reason it is skipped."""
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
        """The paths to parse, in order; every input, parsed or skipped, is queued in ``line`` for
        its turn in the manifest."""
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
