"""``govinfo-parse parse FILE|-|--sample [--format json|records|summary]``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..api import ParseError, parse_bytes, parse_file
from ..formats.labels import numeral_text
from ..nodes import Report
from ..records import record_values, to_records
from ..serde import dumps


def register(sub: Any) -> None:
    """Add the ``parse`` subcommand (``FILE``, ``--format json|records|summary``, ``--strict``,
    ``--indent``) to the subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "parse", help="parse a report and print it as JSON, records or a summary",
        description="Parse one report (text, web page, PDF text …; '-' reads standard input; "
        "--sample the fictional sample report shipped with the package).",
    )
    p.add_argument("file", metavar="FILE", nargs="?", default=None,
                   help="the report file, or - for standard input")
    p.add_argument("--sample", action="store_true",
                   help="parse the sample report shipped with the package (instead of FILE)")
    p.add_argument("--format", choices=("json", "records", "summary"), default="json",
                   help="json: the full AST; records: JSON Lines, one record per value cell; "
                        "summary: one JSON object (default: json)")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit 2) at the first structural problem instead of reporting it")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    p.set_defaults(func=run, parser=p)


_UNREADABLE = frozenset({"P107", "P113", "P114"})
"""Diagnostics of a file that could not be read at all (PDF, old Word, Word without its extra)."""


def read_report(path: str, *, strict: bool = False) -> Report:
    """Parse a path or '-' (stdin bytes).  Raises OSError / ParseError for the caller to report."""
    if path == "-":
        return parse_bytes(sys.stdin.buffer.read(), filename=None, strict=strict)
    return parse_file(path, strict=strict)


def summary(report: Report) -> dict[str, Any]:
    """The ``--format summary`` object: format, year, agency, title, published date (ISO), section
    headings, and the counts of value cells (records) and diagnostics."""
    m = report.metadata
    headings = [f"{numeral_text(s.number)}、{s.title}" if s.number else s.title for s in report.sections]
    return {
        "format": report.format.value,
        "year": m.year,
        "agency": m.agency,
        "title": m.title,
        "published": m.published.isoformat() if m.published else None,
        "sections": headings,
        "cells": len(to_records(report)),
        "diagnostics": len(report.diagnostics),
    }


def run(args: argparse.Namespace) -> int:
    """Run ``govinfo-parse parse``: print the report (FILE, standard input or ``--sample``) as JSON,
    JSON Lines records or a summary; exit 0, or 2 with a message on stderr if the file cannot be
    read or strict parsing fails (position, expected, caret context)."""
    if args.sample == (args.file is not None):
        args.parser.error("give one FILE (or -), or --sample")  # usage, and exit status 2
    if args.sample:
        from ..data import sample_path

        args.file = str(sample_path())
    try:
        report = read_report(args.file, strict=args.strict)
    except OSError as e:
        print(f"govinfo-parse: cannot read {args.file}: {e.strerror or e}", file=sys.stderr)
        return 2
    except ParseError as e:
        name = "<stdin>" if args.file == "-" else args.file
        print(f"{name}:{e.line}:{e.column}: error[{e.code}]: {e.message}", file=sys.stderr)
        if e.expected:
            print("  expected: " + ", or ".join(e.expected), file=sys.stderr)
        if e.context:
            print("  " + e.context.replace("\n", "\n  "), file=sys.stderr)
        return 2
    unread = [d for d in report.diagnostics if d.code in _UNREADABLE]
    if unread and not report.sections and not report.preamble:
        # a file that could not be read at all (an old .doc, a scan, a missing extra)
        name = "<stdin>" if args.file == "-" else args.file
        print(f"govinfo-parse: {name}: error[{unread[0].code}]: {unread[0].message}", file=sys.stderr)
        return 2
    out = sys.stdout
    if args.format == "json":
        out.write(dumps(report, indent=args.indent) + "\n")
    elif args.format == "records":
        for rec in to_records(report):
            out.write(json.dumps(record_values(rec), ensure_ascii=False) + "\n")
    else:
        out.write(json.dumps(summary(report), ensure_ascii=False, indent=args.indent) + "\n")
    return 0
