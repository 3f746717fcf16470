"""What became of one input of a batch: the manifest's ``status`` column, decided in one place.

=====================  ==========================================================================
``ok``                 a report whose statistics tables were read (it may still have errors)
``no_tables``          a report of 2019 or later (or of unknown year) with no statistics table read
``legacy_not_decoded`` a report of 2018 or earlier whose (pre-2019, free-form) tables are not decoded
``not_a_report``       readable text with nothing of an annual report in it (a README, a web page …)
``empty``              0 bytes, or nothing but white space
``unreadable``         could not be read: an OS error, a PDF that cannot be opened (P107), binary data
``failed``             no report came back: a strict-mode ``ParseError``, a worker that died on it
``skipped_kind``       not a report file by its kind, never opened: a FIFO, socket or device, a
                       ``README``/``LICENSE``-like file, or a suffix batch does not read
=====================  ==========================================================================

:func:`status_of` decides from a parsed report; :func:`kind_status` decides, before anything is
opened, whether batch takes a file at all (:func:`govinfo_parse.batch.walk_inputs`).

The validation diagnostics decide first: :data:`CODE_STATUS` maps an error diagnostic's code to
the status it implies.  Where none decides, the same conditions are detected from the report
itself (tables, year, title, sections) in :func:`_from_shape`.
"""

from __future__ import annotations

import enum
import os
import stat
from collections.abc import Mapping
from typing import Final

from .nodes import Block, Report, Section, Severity
from .records import reader_of  # the one helper that reads SourceInfo.reader (re-exported here)

__all__ = [
    "CODE_STATUS",
    "NOTES",
    "REPORT_SUFFIXES",
    "SKIPPED_NAMES",
    "Status",
    "kind_status",
    "reader_of",
    "skip_reason",
    "special_kind",
    "status_of",
    "status_of_error",
]


class Status(str, enum.Enum):
    """The status of one batch input (the manifest's ``status`` column)."""

    OK = "ok"
    NO_TABLES = "no_tables"
    LEGACY_NOT_DECODED = "legacy_not_decoded"
    NOT_A_REPORT = "not_a_report"
    EMPTY = "empty"
    UNREADABLE = "unreadable"
    FAILED = "failed"
    SKIPPED_KIND = "skipped_kind"

    def __str__(self) -> str:
        return self.value


REPORT_SUFFIXES: Final[tuple[str, ...]] = (
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".doc", ".wps",
)
"""Suffixes batch reads inside directories; a file with no suffix is read too (and comes out
``not_a_report`` when it is not one).  An old binary ``.doc``/``.wps`` is read only to be refused
with error ``P113`` (status ``unreadable``), so it is counted and its row says how to convert it."""

SKIPPED_NAMES: Final[frozenset[str]] = frozenset({
    "readme", "license", "licence", "copying", "notice", "changelog", "changes", "authors",
    "contributing", "manifest", "makefile",
})
"""File names (without suffix, case-insensitive) that are a corpus's documentation, not reports."""

CODE_STATUS: Final[Mapping[str, Status]] = {
    "P108": Status.EMPTY,  # empty input (no characters, or only white space)
    "P109": Status.UNREADABLE,  # binary data, not a report (an executable, an archive, control bytes)
    "P107": Status.UNREADABLE,  # a PDF that cannot be read (damaged, encrypted, no text layer, no extra)
    "P113": Status.UNREADABLE,  # an old binary Word / WPS document (.doc, .wps): convert it first
    "P114": Status.UNREADABLE,  # a .docx that cannot be read (damaged, or the docx extra missing)
    "T101": Status.NOT_A_REPORT,  # validation: the text is not a report at all
    "T102": Status.NO_TABLES,  # validation: a 2019+ report from which no statistics table was read
}
"""Error diagnostic codes that decide the status by themselves (checked in this order)."""


def skip_reason(path: str, *, named: bool = False, suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> str | None:
    """Why batch does not open ``path`` at all (its status is then ``skipped_kind``), or ``None``.

    Never opens the file (a FIFO would block).  A path that does not exist is ``None`` (it fails
    when read, as ``unreadable``).  Special files (FIFOs, sockets, devices) are always skipped;
    a file ``named`` on the command line is otherwise always taken; inside a directory a file is
    taken when its suffix is in ``suffixes`` or it has none, unless its name is a documentation
    name (:data:`SKIPPED_NAMES`)."""
    special = special_kind(path)
    if special is not None and special != "directory":
        return f"a {special}, not a file"
    if special is not None or named:
        return None
    name = os.path.basename(path)
    stem, suffix = os.path.splitext(name)
    if stem.lower() in SKIPPED_NAMES:
        return f"{name}: documentation, not a report (by its name)"
    if suffix and suffix.lower() not in suffixes:
        return f"{suffix} is not a report suffix (see --ext)"
    return None


def kind_status(path: str, *, named: bool = False, suffixes: tuple[str, ...] = REPORT_SUFFIXES) -> Status | None:
    """``SKIPPED_KIND`` if batch does not open ``path`` at all (:func:`skip_reason`), else ``None``."""
    return Status.SKIPPED_KIND if skip_reason(path, named=named, suffixes=suffixes) else None


def special_kind(path: str) -> str | None:
    """``"FIFO"``, ``"socket"``, ``"device"`` or ``"directory"`` for a path that is not a regular
    file, else ``None`` (also for a path that does not exist)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "directory"
    return "device"


def status_of_error(error: str) -> Status:
    """The status of an input that gave no report, from :attr:`BatchResult.error`."""
    kind = error.split(":", 1)[0]
    if kind == "SkippedKind":
        return Status.SKIPPED_KIND
    if kind in {"ParseError", "WorkerDied"}:
        return Status.FAILED
    return Status.UNREADABLE  # OSError and its kin, UnicodeError, an exception while reading


_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f", "\ufffd"}


def _texts(report: Report) -> list[str]:
    """The text of every block of the report that has some, in document order."""
    out: list[str] = []

    def add(blocks: tuple[Block, ...]) -> None:
        """Append the texts of ``blocks``."""
        for b in blocks:
            text = getattr(b, "text", None)
            if isinstance(text, str):
                out.append(text)

    add(report.preamble)
    for s in report.sections:
        add(s.blocks)
    return out


def _binary(texts: list[str]) -> bool:
    """More than 1% control or replacement characters: binary data decoded as text."""
    sample = "".join(texts)[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch in _CONTROL)
    return bad / len(sample) > 0.01


def _looks_like_report(report: Report, texts: list[str]) -> bool:
    """Anything of an annual report: a numbered section, a year, a report title or its words."""
    m = report.metadata
    if any(isinstance(s, Section) and s.number is not None for s in report.sections):
        return True
    if m.year is not None or (m.title and "政府信息公开" in m.title):
        return True
    head = "".join(t for t in texts[:40])
    return "政府信息公开" in head and "年度报告" in head


def _from_shape(report: Report) -> Status:
    """The status detected from the report itself (the fallback where no diagnostic decides)."""
    texts = _texts(report)
    if not texts and not report.sections:
        return Status.EMPTY
    if _binary(texts):
        return Status.UNREADABLE
    if report.tables():
        return Status.OK
    if not _looks_like_report(report, texts):
        return Status.NOT_A_REPORT
    year = report.metadata.year
    if year is not None and year <= 2018:
        return Status.LEGACY_NOT_DECODED
    return Status.NO_TABLES


NOTES: Final[Mapping[Status, str]] = {
    Status.NO_TABLES: "no statistics table was read (a 2019-or-later report carries three)",
    Status.LEGACY_NOT_DECODED: ("a report of 2018 or earlier in which no statistics table was read (the figures its "
                                "prose gives are still records)"),
    Status.NOT_A_REPORT: "nothing of an annual report in it (no sections, year or report title)",
    Status.EMPTY: "the file is empty or white space only",
    Status.UNREADABLE: "not text: binary data",
}
"""The manifest's ``message`` for a status no diagnostic explains."""


def status_of(report: Report | None, path: str | None = None, error: str | None = None) -> Status:
    """The status of one input: from ``error`` when no report came back, else from the report's
    error diagnostics (:data:`CODE_STATUS`), else from what the report holds.  ``path`` (when
    given and it exists) lets a 0-byte file be ``empty`` whatever the report says.  An input with
    nothing readable (empty, binary) is that before anything validation says of it."""
    if report is None:
        return status_of_error(error or "failed")
    if path is not None:
        try:
            if os.path.getsize(path) == 0:
                return Status.EMPTY
        except OSError:
            pass
    errors = {d.code for d in report.diagnostics if d.severity is Severity.ERROR}
    unreadable = (Status.EMPTY, Status.UNREADABLE)
    decided = [status for code, status in CODE_STATUS.items() if code in errors]  # in the mapping's order
    for status in decided:
        if status in unreadable:
            return status  # the input could not be read: that comes before anything else
    shape = _from_shape(report)
    if shape in unreadable:
        return shape  # nothing readable: what validation then says of the text is beside the point
    return decided[0] if decided else shape

