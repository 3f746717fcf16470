"""The ``govinfo-parse`` command line.

Exit codes: 0 success (for ``check``: no errors), 1 the report has errors, 2 unusable input or
arguments.  Messages go to stderr; no traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ._version import __version__
from .commands import COMMANDS

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The ``govinfo-parse`` argument parser with one subcommand per module of ``COMMANDS`` that
    can be imported (a missing command module is skipped)."""
    p = argparse.ArgumentParser(
        prog="govinfo-parse",
        description="Read Chinese government information disclosure annual reports "
        "(政府信息公开工作年度报告) into data, and check their arithmetic.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"govinfo_parse.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"govinfo_parse.commands.{name}":
                continue
            raise
        mod.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv``, default ``sys.argv[1:]``) and return the exit code: the
    subcommand's, 130 on Ctrl-C, 0 on a broken pipe, and 2 with a message on stderr (never a
    traceback) on any internal error."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print("govinfo-parse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # last line of defence: never a traceback for the user
        print(f"govinfo-parse: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        print("please report this with the input file", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
