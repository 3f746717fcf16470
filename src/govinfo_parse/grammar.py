"""Loading the Lark grammar and building the parser, once per process.

The ``.lark`` files live in the repository's top-level ``grammars/`` (the reference for what a
report is).  A built wheel carries them inside the package (``govinfo_parse/grammars``, via
hatchling ``force-include``); an editable install or a plain checkout has no such copy, so the
loader falls back to ``<repo>/grammars`` next to ``src/``.  Both paths are tested.

No ``cache=True``: Lark's cache unpickles a file from a predictable path in the shared temp
directory.  Building the LALR tables takes a few tens of milliseconds and happens once.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Transformer

__all__ = ["grammar_path", "grammar_text", "lark_parser"]

GRAMMAR_FILE = "report.lark"
_lock = threading.Lock()


def grammar_path(name: str = GRAMMAR_FILE) -> Path:
    """Where the grammar file is read from (inside the installed package, else the checkout)."""
    try:
        packaged = resources.files("govinfo_parse").joinpath("grammars").joinpath(name)
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):  # pragma: no cover
        pass
    checkout = Path(__file__).resolve().parents[2] / "grammars" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(
        f"govinfo_parse grammar {name!r} not found in the package or at {checkout}; "
        "the installation is incomplete"
    )


@lru_cache(maxsize=4)
def grammar_text(name: str = GRAMMAR_FILE) -> str:
    return grammar_path(name).read_text(encoding="utf-8")


def _build(transformer: Transformer[Any, Any] | None, *, strict: bool, parser: str) -> Lark:
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
    from .transformer import ReportTransformer

    with _lock:
        return _build(ReportTransformer() if with_transformer else None, strict=strict, parser="lalr")
