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
import contextlib
import multiprocessing
import multiprocessing.context
import multiprocessing.process
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

import attrs

from .nodes import Report
from .status import REPORT_SUFFIXES, skip_reason, special_kind

__all__ = ["DEFAULT_SUFFIXES", "BatchResult", "WorkerStartError", "default_jobs", "find_reports", "map_reports",
           "parse_many", "walk_inputs"]

T = TypeVar("T")

DEFAULT_SUFFIXES: tuple[str, ...] = REPORT_SUFFIXES
"""File name suffixes :func:`find_reports` picks up inside directories, besides files with no
suffix (files named explicitly are always taken).  PDFs need the ``pdf`` extra; without it each
one gives a report holding only the diagnostic that says so."""


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


def walk_inputs(paths: Iterable[str | os.PathLike[str]], *,
                suffixes: Sequence[str] = DEFAULT_SUFFIXES) -> Iterator[tuple[str, str | None]]:
    """Every input under ``paths`` with ``None`` (to be parsed) or the reason it is skipped (it is
    not opened; its status is ``skipped_kind``), lazily and in order.

    A path named explicitly is taken whatever its name (a FIFO, socket or device is skipped);
    a path that does not exist is taken, so that it comes back as a failed result rather than
    vanishing.  A directory is walked recursively in sorted order, hidden files and directories
    (names starting with ".") left out silently; of its files, those with a suffix in
    ``suffixes`` (case-insensitive) or none are taken, except documentation names such as
    ``README.md`` or ``LICENSE`` (:data:`govinfo_parse.status.SKIPPED_NAMES`); the others,
    and special files, are yielded as skipped."""
    wanted = tuple(s.lower() for s in suffixes)
    for p in paths:
        path = os.fspath(p)
        if not os.path.isdir(path):
            yield path, skip_reason(path, named=True)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    full = os.path.join(root, name)
                    yield full, skip_reason(full, suffixes=wanted)


def find_reports(paths: Iterable[str | os.PathLike[str]], *,
                 suffixes: Sequence[str] = DEFAULT_SUFFIXES) -> Iterator[str]:
    """The inputs of :func:`walk_inputs` that are to be parsed (the skipped ones left out)."""
    for path, skipped in walk_inputs(paths, suffixes=suffixes):
        if skipped is None:
            yield path


# ------------------------------------------------------------------------------------------
# the work done for one file (in a worker process, or in the caller for jobs=1)
# ------------------------------------------------------------------------------------------


def _identity(report: Report) -> Report:
    return report


def _one(path: str, func: Callable[[Report], T], strict: bool, validate: bool) -> BatchResult[T]:
    from .api import parse_file

    t0 = time.perf_counter()
    special = special_kind(path)
    if special is not None:  # never open a FIFO (it would block) or a device
        return BatchResult(path, None, f"SkippedKind: a {special}, not a report file")
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
# the pool: worker processes of our own, one pipe each
# ------------------------------------------------------------------------------------------


class WorkerStartError(RuntimeError):
    """The worker processes could not be started (most often: the calling script has no
    ``if __name__ == "__main__":`` guard and a start method that re-imports it is in use)."""


_PRELOAD = ["govinfo_parse.api", "govinfo_parse.validate", "govinfo_parse.batch"]

_GUARD_HELP = (
    "parse_many/map_reports with jobs > 1 start worker processes with the {method!r} method, which "
    "imports the calling script {script!r} again in every worker; that script has no "
    "'if __name__ == \"__main__\":' guard, so each worker would start the batch again.  Put the code "
    "that calls parse_many under such a guard, or pass jobs=1.")


def _main_script() -> str | None:
    main = sys.modules.get("__main__")
    f = getattr(main, "__file__", None)
    if not f or not str(f).endswith(".py") or getattr(main, "__spec__", None) is not None:
        return None  # interactive, python -c, python -m module, a frozen program
    return str(f)


def _has_main_guard(script: str) -> bool:
    """Whether a script has a top-level ``if __name__ == "__main__":`` (either way round)."""
    import ast

    try:
        with open(script, "rb") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError, ValueError):
        return True  # cannot tell: do not stand in the way
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            parts = [node.test.left, *node.test.comparators]
            names = {p.id for p in parts if isinstance(p, ast.Name)}
            consts = {p.value for p in parts if isinstance(p, ast.Constant)}
            if "__name__" in names and "__main__" in consts:
                return True
    return False


def _single_threaded() -> bool:
    """No other thread in this process — Python's, or a native library's (Linux /proc)."""
    if threading.active_count() != 1:
        return False
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1]) == 1
    except (OSError, ValueError):  # pragma: no cover - no /proc
        pass
    return True


def _mp_context(method: str | None = None) -> multiprocessing.context.BaseContext:
    """The start method: ``fork`` on Linux when the caller runs no other thread (safe there, fast,
    and no main-module guard needed); else ``forkserver`` (``spawn`` where there is none), which
    re-imports the calling script — checked first for its ``__main__`` guard."""
    methods = multiprocessing.get_all_start_methods()
    if method is None:
        if sys.platform.startswith("linux") and "fork" in methods and _single_threaded():
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
    script = _main_script()
    guarded = script is None or _has_main_guard(script)
    if method != "fork" and not guarded:
        raise WorkerStartError(_GUARD_HELP.format(method=method, script=script))
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        # the server imports the package once, so a worker starts in milliseconds; the script
        # itself only where it is guarded
        ctx.set_forkserver_preload([*(["__main__"] if script else []), *_PRELOAD])
    return ctx


def _die_with_parent() -> None:
    """Linux: have the kernel kill this process when its parent dies (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # pragma: no cover - alive, not ours to signal
        return True
    return True


def _worker_main(conn: Connection, parent: int) -> None:
    """A worker: take tasks from the pipe until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _die_with_parent()
    ppid = os.getppid()
    if ppid == 1 or (parent != ppid and not _alive(parent)):  # the parent died before the line above
        os._exit(0)
    try:
        _serve(conn, ppid)
    except (OSError, EOFError):  # the parent closed the pipe (it is stopping): nothing to report
        os._exit(0)


def _serve(conn: Connection, ppid: int) -> None:
    with contextlib.suppress(Exception):  # the first file will say what is wrong
        warm_up()
    conn.send(("ready", os.getpid()))
    while True:
        while not conn.poll(1.0):
            if os.getppid() != ppid:  # the parent (or the fork server) is gone
                os._exit(0)
        msg = conn.recv()
        if msg is None:
            return
        tid, paths, func, strict, validate = msg
        results = _task(paths, func, strict, validate)
        try:
            conn.send((tid, results))
        except (OSError, EOFError):
            raise
        except Exception as e:  # a result that cannot be pickled: fail the task's files
            conn.send((tid, [BatchResult(r.path, None, _describe(e), r.seconds) for r in results]))


@attrs.define
class _Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[int, int | None, list[str]] | None = None
    """(task id, position of a file retried alone or None, paths) of the task it is on."""


_DIED = "WorkerDied: the worker process parsing this file died (killed, out of memory, or a crash in native code)"


class _Pool:
    """``n`` worker processes, each with its own pipe, so that a dead worker is known with its
    task and the parent can stop them at any moment (no threads, nothing left behind)."""

    def __init__(self, n: int, ctx: multiprocessing.context.BaseContext) -> None:
        self.ctx = ctx
        self.workers: list[_Worker] = []
        for _ in range(n):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(theirs, os.getpid()), daemon=True,  # type: ignore[attr-defined]
                                name="govinfo-parse-worker")
        proc.start()
        theirs.close()
        return _Worker(proc, ours)

    def idle(self) -> list[_Worker]:
        return [w for w in self.workers if w.ready and w.task is None]

    def replace(self, w: _Worker) -> None:
        w.conn.close()
        w.proc.join(timeout=1)
        self.workers[self.workers.index(w)] = self._start()

    def close(self) -> None:
        """Stop every worker now: a polite word, then SIGTERM, then SIGKILL."""
        for w in self.workers:
            try:
                if w.task is None:
                    w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 0.5
        for w in self.workers:
            if w.task is not None:
                w.proc.terminate()
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
        for w in self.workers:
            if w.proc.is_alive():
                w.proc.terminate()
                w.proc.join(timeout=1)
            if w.proc.is_alive():  # pragma: no cover - ignores SIGTERM
                w.proc.kill()
                w.proc.join(timeout=1)
            w.conn.close()


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


def _pooled(func: Callable[[Report], T], tasks: Iterator[list[str]], n: int, strict: bool,
            validate: bool, limit: int,
            ctx: multiprocessing.context.BaseContext) -> Generator[BatchResult[T], None, None]:
    pool = _Pool(n, ctx)
    order: collections.deque[int] = collections.deque()        # task ids not yet yielded, in input order
    slots: dict[int, list[BatchResult[T] | None]] = {}          # their results as they arrive
    paths_of: dict[int, list[str]] = {}
    queue: collections.deque[tuple[int, int | None, list[str]]] = collections.deque()  # not yet sent
    exhausted = False
    next_id = 0
    started = time.monotonic()
    try:
        while True:
            while not exhausted and len(order) < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                order.append(next_id)
                slots[next_id] = [None] * len(task)
                paths_of[next_id] = task
                queue.append((next_id, None, task))
                next_id += 1
            while order and all(r is not None for r in slots[order[0]]):
                tid = order.popleft()
                done = slots.pop(tid)
                del paths_of[tid]
                for r in done:
                    assert r is not None
                    yield r
                break
            else:
                if not order:
                    return
                for w in pool.idle():
                    if not queue:
                        break
                    job = queue.popleft()
                    try:
                        w.conn.send((job[0], job[2], func, strict, validate))
                        w.task = job
                    except OSError:  # it just died: its sentinel says so below
                        queue.appendleft(job)
                        break
                _wait(pool, slots, queue, started)
    finally:
        pool.close()


def _take(w: _Worker, msg: tuple[object, ...], slots: dict[int, list[BatchResult[T] | None]]) -> None:
    """Act on a message from a worker: ready, or the results of its task."""
    if msg[0] == "ready":
        w.ready = True
        return
    tid, results = msg
    assert isinstance(tid, int) and isinstance(results, list)
    job, w.task = w.task, None
    if job is None or tid not in slots:
        return
    pos = job[1]
    if pos is None:
        slots[tid][:] = results
    else:
        slots[tid][pos] = results[0]


def _wait(pool: _Pool, slots: dict[int, list[BatchResult[T] | None]],
          queue: collections.deque[tuple[int, int | None, list[str]]], started: float) -> None:
    """Wait for a message or a death among the workers, and act on it."""
    by_conn = {w.conn: w for w in pool.workers}
    by_sentinel = {w.proc.sentinel: w for w in pool.workers}
    ready = wait([*by_conn, *by_sentinel], timeout=5.0)
    for obj in ready:
        w = by_conn.get(obj)  # type: ignore[call-overload]
        if w is not None:
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                continue  # it died: its sentinel will say so
            _take(w, msg, slots)
    for obj in ready:
        w = by_sentinel.get(obj) if isinstance(obj, int) else None
        if w is None or w.proc.is_alive():
            continue
        try:
            while w.conn.poll():  # a last message came before it died: take it first
                _take(w, w.conn.recv(), slots)
        except (EOFError, OSError):
            pass
        if not w.ready:
            code = w.proc.exitcode
            raise WorkerStartError(
                f"a worker process exited with status {code} before it was ready; if the calling "
                "script has no 'if __name__ == \"__main__\":' guard, add one (or pass jobs=1)")
        job, w.task = w.task, None
        if job is not None and job[0] in slots:
            tid, pos, paths = job
            if pos is not None or len(paths) == 1:
                slots[tid][pos or 0] = BatchResult(paths[0], None, _DIED)
            else:
                # which file of the task killed it is unknown: retry each one alone, first in line
                for i in reversed(range(len(paths))):
                    queue.appendleft((tid, i, [paths[i]]))
        pool.replace(w)
