"""CLI subcommands.  Each module defines ``register(subparsers)``, which adds one subcommand
whose ``func`` attribute takes the parsed arguments and returns the exit code."""

COMMANDS: tuple[str, ...] = ("parse", "check", "render", "schema", "diff", "batch")
"""Subcommand modules, in the order ``--help`` lists them; a module that is not present is skipped."""
