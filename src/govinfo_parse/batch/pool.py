"""The worker pool: worker processes of our own, one pipe each, the start method chosen (and the
calling script's ``__main__`` guard checked), tasks sent, results gathered in input order, and
a dead worker's files retried alone or failed."""

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
from collections.abc import Callable, Generator, Iterator
from multiprocessing.connection import Connection, wait
from typing import TypeVar

import attrs

from ..nodes import Report
from .work import BatchResult, _describe, _task, warm_up

T = TypeVar("T")

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
    """Whether a process with this pid exists (signal 0; one we may not signal counts as alive)."""
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
    """The worker's loop: warm up, send ``("ready", pid)``, then run each task the parent sends and
    send back its results, until told to stop (``None``) or the parent is gone (checked every
    second).  Results that cannot be pickled come back as failures of the task's files."""
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
        """Start one worker process with a pipe of its own; the parent keeps its end."""
        ours, theirs = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(theirs, os.getpid()), daemon=True,  # type: ignore[attr-defined]
                                name="govinfo-parse-worker")
        proc.start()
        theirs.close()
        return _Worker(proc, ours)

    def idle(self) -> list[_Worker]:
        """The workers that are ready and have no task."""
        return [w for w in self.workers if w.ready and w.task is None]

    def replace(self, w: _Worker) -> None:
        """Put a new worker in the place of ``w`` (one that died): its pipe closed, its process reaped."""
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


def _pooled(func: Callable[[Report], T], tasks: Iterator[list[str]], n: int, strict: bool,
            validate: bool, limit: int,
            ctx: multiprocessing.context.BaseContext) -> Generator[BatchResult[T], None, None]:
    """The results of :func:`map_reports` with a pool: at most ``limit`` tasks in flight, queued
    tasks sent to idle workers, each task's results yielded once they and those of every task
    before it are in (input order); the workers are stopped when it ends, is closed or fails."""
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
