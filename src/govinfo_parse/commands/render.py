"""``govinfo-parse render FILE|- [--layout L] [-o OUT]``: print a report in another layout.

FILE is a report in any input form the parser reads, or the JSON AST written by
``govinfo-parse parse --format json`` (recognised by its content, not its name).  Exit 0 on
success, 2 when the input cannot be used (unreadable file, JSON that is not a report, a JSON
schema version this library cannot read).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from typing import Any

from ..api import parse_bytes
from ..nodes import Report
from ..render import LAYOUTS, render
from ..serde import SchemaVersionError, from_dict


class _Unusable(Exception):
    """The input is not a report or a report's JSON; the message says why."""


def register(sub: Any) -> None:
    """Add the ``render`` subcommand (``FILE``, ``--layout``, ``-o/--output``) to the subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "render", help="print a report in another layout (text, Markdown, HTML, …)",
        description="Render a report (any input the parser reads, or the JSON of "
                    "'govinfo-parse parse --format json') in one of the layouts: "
                    + ", ".join(LAYOUTS) + ".  '-' reads standard input.",
    )
    p.add_argument("file", metavar="FILE", help="the report file or its JSON AST, or - for standard input")
    p.add_argument("--layout", choices=LAYOUTS, default="text",
                   help="text: the canonical plain form (default); lines: one cell per line; tabs: "
                        "tab-indented cells; pipes: 'a | b |' rows; markdown: GFM tables; html: a "
                        "complete article with the official tables")
    p.add_argument("-o", "--output", metavar="OUT", default=None,
                   help="write to OUT (UTF-8) instead of standard output")
    p.set_defaults(func=run)


def _is_json(data: bytes) -> bool:
    """Whether the bytes look like JSON: the first non-space byte (after a UTF-8 BOM) is ``{``."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return data.lstrip()[:1] == b"{"


def load(data: bytes, name: str | None) -> Report:
    """A report from bytes: the JSON AST (by content) or a report in any readable form."""
    if not _is_json(data):
        return parse_bytes(data, filename=name)
    label = name or "<stdin>"
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _Unusable(f"{label}: looks like JSON but is not valid JSON: {e}") from e
    if not isinstance(obj, dict) or "schema_version" not in obj:
        raise _Unusable(f"{label}: JSON, but not a report written by 'govinfo-parse parse --format json'")
    try:
        return from_dict(obj)
    except SchemaVersionError as e:
        raise _Unusable(f"{label}: {e}") from e
    except ValueError as e:
        raise _Unusable(f"{label}: {e}") from e


def run(args: argparse.Namespace) -> int:
    """Run ``govinfo-parse render``: the report (or its JSON) in the chosen layout, as UTF-8 on
    stdout or in ``--output``; exit 0, or 2 with a message if the input cannot be read or used or
    the output cannot be written."""
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
            name = None
        else:
            with open(args.file, "rb") as f:
                data = f.read()
            name = args.file
        report = load(data, name)
    except OSError as e:
        print(f"govinfo-parse render: cannot read {args.file}: {e.strerror or e}", file=sys.stderr)
        return 2
    except _Unusable as e:
        print(f"govinfo-parse render: {e}", file=sys.stderr)
        return 2
    text = render(report, args.layout)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as e:
            print(f"govinfo-parse render: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
            return 2
        return 0
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0
