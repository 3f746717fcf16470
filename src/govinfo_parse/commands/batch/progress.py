"""The batch command's progress bar on a terminal and its running totals (the summary line)."""

from __future__ import annotations

import collections
import time
from collections.abc import Mapping
from typing import Any, TextIO

import attrs

from ...status import Status


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
        """The progress line at ``now``: with a known total a bar, count, percentage, rate and ETA;
        without one the count, rate and elapsed time; then the failures, if any."""
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
        """Redraw the line (at most once every ``every`` seconds unless ``force``), padded over the
        previous one."""
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
        """Blank the progress line."""
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
        """Count one manifest row: its file, status, failure, cells, errors and warnings."""
        self.files += 1
        status = str(row["status"])
        self.statuses[status] += 1
        if status in _FAILING:
            self.failed += 1
        self.cells += int(row.get("cells") or 0)
        self.errors += int(row.get("errors") or 0)
        self.warnings += int(row.get("warnings") or 0)

    def summary(self, seconds: float) -> str:
        """The summary line of a run that took ``seconds``: the counts, the rate of this run's files,
        the statuses in :class:`~govinfo_parse.status.Status` order, how many came from the earlier run."""
        rate = (self.files - self.earlier) / seconds if seconds > 0 else 0.0
        order = [s.value for s in Status]
        counts = ", ".join(f"{k} {self.statuses[k]}" for k in sorted(self.statuses, key=order.index))
        resumed = f", {self.earlier} of them from the earlier run" if self.earlier else ""
        tail = f"; {counts}{resumed}" if counts else ""
        return (f"{_n(self.files, 'file')}, {_n(self.cells, 'cell')}, {_n(self.errors, 'error')}, "
                f"{_n(self.warnings, 'warning')}, {_n(self.failed, 'failure')} in {seconds:.1f} s "
                f"({rate:.1f} files/s){tail}")
