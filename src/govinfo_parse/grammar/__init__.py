"""The parser factory: the grammar file and the transformer, built into one LALR parser once
per process.  This is the one module that imports both the grammar and the transformer.

No ``cache=True``: Lark's cache unpickles a file from a predictable path in the shared temp
directory.  Building the LALR tables takes a few tens of milliseconds and happens once.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from lark import Lark, Transformer

from ..formats.grammar_file import grammar_path, grammar_text
from ..transform.transformer import ReportTransformer

__all__ = ["grammar_path", "grammar_text", "lark_parser"]

_lock = threading.Lock()


def _build(transformer: Transformer[Any, Any] | None, *, strict: bool, parser: str) -> Lark:
    """Build a parser; the terminal-collision check runs only when ``strict`` (the tests)."""
    import lark.lexer

    # With interegular installed (a dev extra), Lark checks every pair of terminals for
    # collisions on *every* build, which takes seconds.  That check belongs to the test suite
    # (strict=True), not to a user's first parse.
    saved = lark.lexer.has_interegular
    if not strict:
        lark.lexer.has_interegular = False
    try:
        return _make(transformer, strict=strict, parser=parser)
    finally:
        lark.lexer.has_interegular = saved


def _make(transformer: Transformer[Any, Any] | None, *, strict: bool, parser: str) -> Lark:
    """The Lark object for ``report.lark`` (LALR + contextual lexer, or Earley for comparisons)."""
    return Lark(
        grammar_text(),
        parser=parser,
        lexer="contextual" if parser == "lalr" else "basic",
        transformer=transformer,
        propagate_positions=False,
        maybe_placeholders=False,
        strict=strict,
    )


@cache
def lark_parser(*, with_transformer: bool = True, strict: bool = False) -> Lark:
    """The LALR parser, built once per process (thread-safe).  With ``with_transformer`` the
    AST is built inline while parsing (≈1.7× faster than building a tree first)."""
    with _lock:
        return _build(ReportTransformer() if with_transformer else None, strict=strict, parser="lalr")
