"""Finding a batch's inputs: files and directories walked lazily, in order, with the files that
are not to be read and why; and how many worker processes to start by default."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from ..status import REPORT_SUFFIXES, skip_reason

DEFAULT_SUFFIXES: tuple[str, ...] = REPORT_SUFFIXES
"""File name suffixes :func:`find_reports` picks up inside directories, besides files with no
suffix (files named explicitly are always taken).  PDFs need the ``pdf`` extra; without it each
one gives a report holding only the diagnostic that says so."""


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
