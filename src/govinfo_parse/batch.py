"""Parse many reports: a pool of worker processes, results in input order, failures as results.

    >>> from govinfo_parse.batch import parse_many
    >>> for result in parse_many(paths, jobs=2):
    ...     if result.ok:
    ...         use(result.report)
    ...     else:
    ...         print(result.path, result.error)

* Results come back **in input order**, one per path, whatever order the workers finish in.
* Each worker process builds the parser **once** (in its initializer) and parses many files.
* One bad file never stops the batch: it yields a result with ``ok`` False and its ``error``
  (an unreadable file, a strict-mode :class:`~govinfo_parse.ParseError`, an exception raised by
  the ``func`` of :func:`map_reports`, a worker process that died on the file).
* Memory stays flat: ``paths`` is read lazily and at most ``window`` tasks are in flight, so a
  corpus of a million files costs no more memory than one of a thousand — as long as the caller
  consumes the results as they come rather than collecting them.

``jobs=1`` parses in the calling process (no pool, no pickling).  With ``jobs`` > 1 a process
pool started with the ``forkserver`` method (``spawn`` where there is none) does the work, so the
calling script must guard its entry point with ``if __name__ == "__main__":`` as usual for
:mod:`multiprocessing`.  :func:`map_reports` runs a function on each report inside the worker
and sends back only its result — much less to pickle than a whole report when all you need is
its records.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

import attrs

from .nodes import Report

__all__ = ["DEFAULT_SUFFIXES", "BatchResult", "default_jobs", "find_reports", "map_reports", "parse_many"]

T = TypeVar("T")

DEFAULT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".pdf",
                                     ".docx", ".doc", ".wps")
"""File name suffixes :func:`find_reports` picks up inside directories (files named explicitly
are always taken).  PDFs need the ``pdf`` extra; without it each one gives a report holding
only the diagnostic that says so."""


@attrs.frozen
class BatchResult(Generic[T]):
    """The outcome for one input path."""

    path: str
    """The path as it was given (``os.fspath`` of the input)."""
    value: T | None = None
    """The parsed :class:`~govinfo_parse.nodes.Report` (:func:`parse_many`) or what ``func``
    returned for it (:func:`map_reports`); ``None`` when the file failed."""
    error: str | None = None
    """Why the file failed, as ``"ExceptionType: message"``; ``None`` on success."""
    seconds: float = 0.0
    """Time spent on this file in the worker (reading, parsing, validating, ``func``)."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def report(self) -> T | None:
        """Alias of :attr:`value` (reads naturally for :func:`parse_many`)."""
        return self.value


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def find_reports(paths: Iterable[str | os.PathLike[str]], *,
                 suffixes: Sequence[str] = DEFAULT_SUFFIXES) -> Iterator[str]:
    """Expand files and directories into report files, lazily.

    A file is yielded as given (whatever its suffix); a directory is walked recursively, in
    sorted order, yielding files whose suffix (case-insensitive) is in ``suffixes`` and skipping
    hidden files and directories (names starting with "."). A path that does not exist is
    yielded as it is, so that it comes back as a failed result rather than vanishing."""
    wanted = tuple(s.lower() for s in suffixes)
    for p in paths:
        path = os.fspath(p)
        if not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(wanted):
                    yield os.path.join(root, name)


# ------------------------------------------------------------------------------------------
# the work done for one file (in a worker process, or in the caller for jobs=1)
# ------------------------------------------------------------------------------------------


def _identity(report: Report) -> Report:
    return report


def _one(path: str, func: Callable[[Report], T], strict: bool, validate: bool) -> BatchResult[T]:
    from .source import parse_file

    t0 = time.perf_counter()
    try:
        report = parse_file(path, strict=strict, validate=validate)
        value = func(report)
    except Exception as e:  # one bad file is a failed result, never the end of the batch
        return BatchResult(path, None, _describe(e), time.perf_counter() - t0)
    return BatchResult(path, value, None, time.perf_counter() - t0)


def _describe(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        where = f": {e.filename}" if e.filename else ""
        return f"{type(e).__name__}: {e.strerror}{where}"
    text = str(e).split("\n", 1)[0]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _task(paths: Sequence[str], func: Callable[[Report], T], strict: bool,
          validate: bool) -> list[BatchResult[T]]:
    return [_one(p, func, strict, validate) for p in paths]


def _init_worker() -> None:
    """Worker start-up: leave Ctrl-C to the parent, and build the parser once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def warm_up() -> None:
    """Build everything a parse needs that is built lazily (the LALR parser and the tables of
    the stages), so that the first real file is not charged for it."""
    from .api import parse

    parse("2020年度政府信息公开工作年度报告\n一、总体情况\n本机关全年收到申请1件。\n")


# ------------------------------------------------------------------------------------------
# the pool
# ------------------------------------------------------------------------------------------


_PRELOAD = ["govinfo_parse.api", "govinfo_parse.source", "govinfo_parse.validate", "govinfo_parse.batch"]


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork is unsafe in a multi-threaded caller; forkserver forks clean workers from a server
    # that has imported the package already (so a worker starts in milliseconds)
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["__main__", *_PRELOAD])
        return ctx
    return multiprocessing.get_context("spawn")


def _chunks(paths: Iterator[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for p in paths:
        batch.append(p)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def map_reports(func: Callable[[Report], T], paths: Iterable[str | os.PathLike[str]], *,
                jobs: int | None = 1, strict: bool = False, validate: bool = True,
                chunksize: int = 1, window: int | None = None) -> Generator[BatchResult[T], None, None]:
    """Parse each file and apply ``func`` to its report (in the worker); yield one
    :class:`BatchResult` per path, in input order.

    ``func`` must be picklable when ``jobs`` > 1 (a module-level function, or a
    :func:`functools.partial` of one).  An exception it raises fails that file only.

    ``jobs``: worker processes (``None`` or 0: one per CPU; 1: no pool, parse here).
    ``chunksize``: files per task sent to a worker (raise it for very small files).
    ``window``: tasks in flight at most (default ``4 * jobs``) — the bound on memory held for
    results not yet consumed.
    """
    n = jobs if jobs else default_jobs()
    if n < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    it = (os.fspath(p) for p in paths)
    if n == 1:
        return (_one(p, func, strict, validate) for p in it)
    limit = window if window is not None else 4 * n
    if limit < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    return _pooled(func, _chunks(it, chunksize), n, strict, validate, limit)


def parse_many(paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = 1, strict: bool = False,
               validate: bool = True, chunksize: int = 1,
               window: int | None = None) -> Generator[BatchResult[Report], None, None]:
    """Parse many report files; yield a :class:`BatchResult` per path, in input order.

    ``result.report`` is the :class:`~govinfo_parse.nodes.Report` (as
    :func:`govinfo_parse.parse_file` returns it), or ``None`` with ``result.error`` saying why
    the file failed.  See :func:`map_reports` for ``jobs``, ``chunksize`` and ``window``."""
    return map_reports(_identity, paths, jobs=jobs, strict=strict, validate=validate,
                       chunksize=chunksize, window=window)


def _new_pool(n: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n, mp_context=_mp_context(), initializer=_init_worker)


def _pooled(func: Callable[[Report], T], tasks: Iterator[list[str]], n: int, strict: bool,
            validate: bool, limit: int) -> Generator[BatchResult[T], None, None]:
    pool = _new_pool(n)
    pending: collections.deque[tuple[list[str], Future[list[BatchResult[T]]]]] = collections.deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                try:
                    pending.append((task, pool.submit(_task, task, func, strict, validate)))
                except BrokenProcessPool:
                    pending.append((task, _broken_future()))
            if not pending:
                return
            task, fut = pending.popleft()
            try:
                results = fut.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in C code).  Every task in flight
                # failed with it; we cannot tell which file did it, so each one is retried alone
                # in a fresh pool, and a file that kills that pool too is a failed result.
                pool.shutdown(wait=True, cancel_futures=True)
                suspects = [task] + [t for t, _ in pending]
                pending.clear()
                yield from _isolated(func, suspects, strict, validate)
                pool = _new_pool(n)
                continue
            except Exception as e:  # e.g. a result that could not be pickled: fail the task's files
                results = [BatchResult(p, None, _describe(e)) for p in task]
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _broken_future() -> Future[list[BatchResult[T]]]:
    f: Future[list[BatchResult[T]]] = Future()
    f.set_exception(BrokenProcessPool("the worker pool is broken"))
    return f


def _isolated(func: Callable[[Report], T], tasks: list[list[str]], strict: bool,
              validate: bool) -> Iterator[BatchResult[T]]:
    """Run each file alone in a one-worker pool; a file that kills its worker fails, and the
    pool is replaced for the next one."""
    pool: ProcessPoolExecutor | None = None
    try:
        for path in (p for t in tasks for p in t):
            if pool is None:
                pool = _new_pool(1)
            try:
                yield pool.submit(_task, [path], func, strict, validate).result()[0]
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                yield BatchResult(path, None, "WorkerDied: the worker process parsing this file died "
                                  "(killed, out of memory, or a crash in native code)")
            except Exception as e:
                yield BatchResult(path, None, _describe(e))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
