"""The work done for one file, in a worker process or in the caller (``jobs=1``): its
:class:`BatchResult`, a failure described in one line, and warming up the parser."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

from ..nodes import Report
from ..status import special_kind

T = TypeVar("T")

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
        """Whether the file was parsed (and ``func`` ran) without an error."""
        return self.error is None

    @property
    def report(self) -> T | None:
        """Alias of :attr:`value` (reads naturally for :func:`parse_many`)."""
        return self.value


def _identity(report: Report) -> Report:
    return report


def _one(path: str, func: Callable[[Report], T], strict: bool, validate: bool) -> BatchResult[T]:
    """Parse one file and apply ``func`` to its report, as a :class:`BatchResult` with the time
    spent.  A FIFO, socket or device is not opened (error ``SkippedKind``); any exception fails
    the file."""
    from ..api import parse_file

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
    from ..api import parse

    parse("2020年度政府信息公开工作年度报告\n一、总体情况\n本机关全年收到申请1件。\n")
