"""``govinfo-parse schema``: print the JSON Schema (Draft 2020-12) of ``parse --format json``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..schema import json_schema


def register(subparsers: Any) -> None:
    """Add the ``schema`` subcommand (``--indent N``) to the subparsers."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the JSON output",
        description="Print the JSON Schema (Draft 2020-12) that every 'govinfo-parse parse --format json' "
        "output validates against, for the schema_version this version writes.",
    )
    p.add_argument("--indent", type=int, default=2, metavar="N",
                   help="indent by N spaces (default 2; 0 for one line)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``govinfo-parse schema``: print the JSON Schema of the JSON output (``--indent 0``: on
    one line); exit 0."""
    indent = args.indent if args.indent > 0 else None
    print(json.dumps(json_schema(), ensure_ascii=False, indent=indent))
    return 0
