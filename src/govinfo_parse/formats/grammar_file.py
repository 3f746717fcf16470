"""The grammar file, the reference for what a report is, and the terminals it defines.

The ``.lark`` files live in the repository's top-level ``grammars/``.  A built wheel carries them
inside the package (``govinfo_parse/grammars``, via hatchling ``force-include``); an editable
install or a plain checkout has no such copy, so the loader falls back to ``<repo>/grammars``
next to ``src/``.  Both paths are tested.

The readers and the table recovery need to know what the grammar would make of a chunk (is it
a value cell, which row label is it) without building the parser: :func:`terminals` compiles
the grammar's terminal definitions only, so the parser factory (:mod:`govinfo_parse.grammar`) is
the one module that builds a parser.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import attrs

__all__ = ["GRAMMAR_FILE", "Terminal", "grammar_path", "grammar_text", "terminals"]

GRAMMAR_FILE = "report.lark"


def grammar_path(name: str = GRAMMAR_FILE) -> Path:
    """Where the grammar file is read from (inside the installed package, else the checkout)."""
    try:
        packaged = resources.files("govinfo_parse").joinpath("grammars").joinpath(name)
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):  # pragma: no cover
        pass
    checkout = Path(__file__).resolve().parents[3] / "grammars" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(
        f"govinfo_parse grammar {name!r} not found in the package or at {checkout}; "
        "the installation is incomplete"
    )


@cache
def grammar_text(name: str = GRAMMAR_FILE) -> str:
    """The text of a grammar file (read once per process)."""
    return grammar_path(name).read_text(encoding="utf-8")


@attrs.frozen
class Terminal:
    """One terminal of the grammar: its name, regular expression and lexer priority."""

    name: str
    pattern: str
    priority: int


@cache
def terminals(keep: frozenset[str] = frozenset()) -> tuple[Terminal, ...]:
    """The grammar's terminals as the parser's lexer sees them, in the order Lark gives them.

    ``keep`` names terminals that are only parts of other terminals (the three kinds of value
    cell inside ``CELLS``), which the compiler would otherwise inline and drop."""
    from lark.load_grammar import load_grammar

    grammar, _ = load_grammar(grammar_text(), "<report.lark>", None, False)  # type: ignore[no-untyped-call]
    terms, _, _ = grammar.compile(["start"], set(keep))
    return tuple(Terminal(t.name, t.pattern.to_regexp(), t.priority) for t in terms)
