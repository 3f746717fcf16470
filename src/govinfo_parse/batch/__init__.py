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

import os
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TypeVar

from ..nodes import Report
from .inputs import DEFAULT_SUFFIXES, default_jobs, find_reports, walk_inputs
from .pool import WorkerStartError, _mp_context, _pooled
from .work import BatchResult, _identity, _one
from .work import warm_up as warm_up

__all__ = ["DEFAULT_SUFFIXES", "BatchResult", "WorkerStartError", "default_jobs", "find_reports", "map_reports",
           "parse_many", "walk_inputs"]

T = TypeVar("T")


def _chunks(paths: Iterator[str], size: int) -> Iterator[list[str]]:
    """The paths in lists of ``size`` (the last one shorter): the tasks sent to the workers."""
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
                chunksize: int = 1, window: int | None = None,
                start_method: str | None = None) -> Generator[BatchResult[T], None, None]:
    """Parse each file and apply ``func`` to its report (in the worker); yield one
    :class:`BatchResult` per path, in input order.

    ``func`` must be picklable when ``jobs`` > 1 (a module-level function, or a
    :func:`functools.partial` of one).  An exception it raises fails that file only.

    ``jobs``: worker processes (``None`` or 0: one per CPU; 1: no pool, parse here).
    ``chunksize``: files per task sent to a worker (raise it for very small files).
    ``window``: tasks in flight at most (default ``4 * jobs``) — the bound on memory held for
    results not yet consumed.
    ``start_method``: ``fork``, ``forkserver`` or ``spawn``; by default ``fork`` on Linux when
    the calling process runs no other thread, else ``forkserver`` (``spawn`` where there is
    none) — which need the calling script's ``if __name__ == "__main__":`` guard: without it,
    :class:`WorkerStartError` says so before any process starts.
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
    ctx = _mp_context(start_method)
    return _pooled(func, _chunks(it, chunksize), n, strict, validate, limit, ctx)


def parse_many(paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = 1, strict: bool = False,
               validate: bool = True, chunksize: int = 1, window: int | None = None,
               start_method: str | None = None) -> Generator[BatchResult[Report], None, None]:
    """Parse many report files; yield a :class:`BatchResult` per path, in input order.

    ``result.report`` is the :class:`~govinfo_parse.nodes.Report` (as
    :func:`govinfo_parse.parse_file` returns it), or ``None`` with ``result.error`` saying why
    the file failed.  See :func:`map_reports` for ``jobs``, ``chunksize``, ``window`` and
    ``start_method``."""
    return map_reports(_identity, paths, jobs=jobs, strict=strict, validate=validate,
                       chunksize=chunksize, window=window, start_method=start_method)
