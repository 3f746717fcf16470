"""Loading the Lark grammar and building the parser, once per process.

The ``.lark`` files live in the repository's top-level ``grammars/`` (the reference for what a
report is).  A built wheel carries them inside the package (``govinfo_parse/grammars``, via
hatchling ``force-include``); an editable install or a plain checkout has no such copy, so the
loader falls back to ``<repo>/grammars`` next to ``src/``.  Both paths are tested.

No ``cache=True``: Lark's cache unpickles a file from a predictable path in the shared temp
directory.  Building the LALR tables takes a few tens of milliseconds and happens once.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Transformer

__all__ = ["CELL_KINDS", "CELL_SEPARATOR", "cell_kind", "cell_patterns", "grammar_path", "grammar_text", "is_cell",
           "lark_parser"]

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


CELL_SEPARATOR = "\u241f"
"""Separates the cells of a run on one CELLS line of the chunk stream (␟; never in normalised text)."""
CELL_KINDS = ("VALUE", "PLACEHOLDER", "BLANK")
"""The grammar's three kinds of value cell, of which a CELLS token is a run."""


@cache
def cell_patterns() -> dict[str, str]:
    """Regular expression of each kind of value cell (:data:`CELL_KINDS`), as the grammar defines
    it.  They are parts of the ``CELLS`` terminal, not terminals of the parser; the grammar's
    compiler gives their patterns when asked to keep them."""
    parser = lark_parser()
    terms, _, _ = parser.grammar.compile(parser.options.start, set(CELL_KINDS))
    found = {t.name: t.pattern.to_regexp() for t in terms if t.name in CELL_KINDS}
    missing = set(CELL_KINDS) - set(found)
    if missing:  # pragma: no cover - a grammar edit would have to remove them
        raise RuntimeError(f"grammar defines no {sorted(missing)} cell terminal(s)")
    return found


@cache
def _cell_re() -> re.Pattern[str]:
    pats = cell_patterns()
    return re.compile("|".join(f"(?P<{k}>{pats[k]})" for k in CELL_KINDS))


def cell_kind(text: str) -> str | None:
    """Which kind of value cell a whole chunk is (``VALUE``, ``PLACEHOLDER``, ``BLANK``), or None."""
    m = _cell_re().fullmatch(text)
    return m.lastgroup if m is not None else None


def is_cell(text: str) -> bool:
    """Whether a whole chunk is one value cell (and so joins its neighbours on a CELLS line)."""
    return _cell_re().fullmatch(text) is not None
