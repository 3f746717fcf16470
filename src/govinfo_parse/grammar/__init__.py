"""The parser factory: the grammar file and the transformer, built into one LALR parser once
per process.  This is the one module that imports both the grammar and the transformer.

The LALR tables are not rebuilt on every run: they come from the prebuilt file the wheel ships
or the per-user cache (:func:`govinfo_parse.formats.grammar_file.cached`, keyed by a hash of the
grammar text and the Lark version, so a changed grammar is never read with stale tables), and
the transformer is attached as they are loaded.  ``strict=True`` (the tests) always compiles the
grammar afresh, with Lark's conflict and terminal-collision checks.  Every parser gets the
first-characters scanner (:mod:`govinfo_parse.grammar.scanner`: Lark's tokens, found faster).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from lark import Lark, Transformer

from ..formats.grammar_file import (
    LALR_OPTIONS,
    build_tables,
    cached,
    grammar_path,
    grammar_text,
    load_tables,
)
from ..transform.transformer import ReportTransformer
from . import scanner

__all__ = ["grammar_path", "grammar_text", "lark_parser"]

_lock = threading.Lock()


def _build(transformer: Transformer[Any, Any] | None, *, strict: bool) -> Lark:
    """The LALR parser with ``transformer`` inline: from the cached tables, or (``strict``)
    compiled now with every check Lark has."""
    if not strict:
        parser: Lark = load_tables(cached("lalr", build_tables), transformer=transformer)
    else:
        parser = Lark(grammar_text(), **LALR_OPTIONS, transformer=transformer, strict=True)
    scanner.install(parser)
    return parser


@cache
def lark_parser(*, with_transformer: bool = True, strict: bool = False) -> Lark:
    """The LALR parser, built once per process (thread-safe).  With ``with_transformer`` the
    AST is built inline while parsing (≈1.7× faster than building a tree first)."""
    with _lock:
        return _build(ReportTransformer() if with_transformer else None, strict=strict)
