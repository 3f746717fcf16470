"""``govinfo-parse diff A B``: list what changed between two reports.

A and B are report files (parsed as ``govinfo-parse parse`` would) or JSON written by
``govinfo-parse parse --format json`` (recognised by content).  One line per change on stdout;
exit 0 when the reports are equal, 1 when they differ, 2 when an input cannot be used.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from pathlib import Path
from typing import Any

from ..api import ParseError, parse_bytes, parse_file
from ..diff import diff
from ..nodes import Report
from ..serde import from_dict


class UnusableInput(Exception):
    """An input that is not a readable report or report JSON (the message says why)."""


def register(subparsers: Any) -> None:
    """Add the ``diff`` subcommand (``A``, ``B``, ``--format text|json``) to the subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "diff",
        help="compare two reports (cells, sections, paragraphs)",
        description="Compare two reports -- the same agency's two years, or a draft against what was "
        "published -- and print one line per change: '~' changed, '+' only in B, '-' only in A. "
        "A and B are report files or JSON from 'govinfo-parse parse --format json'. "
        "Exit status: 0 equal, 1 different, 2 unusable input.",
    )
    p.add_argument("a", metavar="A", help="the old report (file or JSON; - for standard input)")
    p.add_argument("b", metavar="B", help="the new report (file or JSON; - for standard input)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: one line per change (default); json: a list of change records")
    p.set_defaults(func=run)


def _looks_like_json(data: bytes) -> bool:
    """Whether the bytes look like JSON: the first non-space byte (after a UTF-8 BOM) is ``{``."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data.lstrip()[:1] == b"{"


def load_report(path: str) -> Report:
    """A report from a file (or ``-``, standard input): report JSON (recognised by content) or a
    report in any input form the parser reads.  Raises :class:`UnusableInput` with a message for
    the user."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as e:
        raise UnusableInput(f"{path}: cannot read: {e.strerror or e}") from e
    if _looks_like_json(data):
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise UnusableInput(f"{path}: looks like JSON but is not valid JSON: {e}") from e
        if not isinstance(obj, dict) or "schema_version" not in obj:
            raise UnusableInput(
                f"{path}: JSON, but not a report written by 'govinfo-parse parse --format json'"
            )
        try:
            return from_dict(obj)
        except ValueError as e:  # SchemaVersionError included: its message says what to do
            raise UnusableInput(f"{path}: {e}") from e
    try:
        return parse_bytes(data) if path == "-" else parse_file(path)
    except OSError as e:
        raise UnusableInput(f"{path}: cannot read: {e.strerror or e}") from e
    except ParseError as e:  # only in strict mode, which diff does not use; kept for safety
        raise UnusableInput(f"{path}: {e}") from e


def run(args: argparse.Namespace) -> int:
    """Run ``govinfo-parse diff``: print the changes from A to B, one line each or as a JSON list;
    exit 0 if there are none, 1 if there are, 2 if an input is unusable or both are standard input.
    """
    if args.a == "-" and args.b == "-":
        print("govinfo-parse diff: only one of A and B can be standard input", file=sys.stderr)
        return 2
    try:
        a = load_report(args.a)
        b = load_report(args.b)
    except UnusableInput as e:
        print(f"govinfo-parse diff: {e}", file=sys.stderr)
        return 2
    changes = diff(a, b)
    if args.format == "json":
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
    else:
        for c in changes:
            print(c)
    return 1 if changes else 0
