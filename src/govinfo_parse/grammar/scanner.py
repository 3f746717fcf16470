"""A faster scanner for Lark's lexer: at each position, only the terminals that can start with
the next characters are tried — the same terminals, in the same priority order, as Lark's.

Lark's ``Scanner`` matches one alternation of every terminal a parser state accepts; Python's
``re`` tries the alternatives one after the other, so the commonest token (a run of cells) first
fails some thirty alternatives.  :class:`FirstCharScanner` keeps Lark's order but, for the next
:data:`LOOKAHEAD` characters, tries only the terminals whose regular expression can begin with
them, found from the expression's parsed form (:func:`first_set`: conservative — a construct it
does not analyse, or case-insensitive matching, admits every character).  As Lark forbids
zero-width terminals, a terminal that matches at ``pos`` begins with ``text[pos]`` (and with as
many of the next characters as the match is long), so it is among the candidates, and the first
candidate that matches is the first terminal of Lark's alternation that matches: the token is
the same (``tests/grammar/test_scanner.py`` checks it against Lark's own scanner on random
strings and on the corpus).

:func:`install` puts it into every lexer of a contextual-lexer LALR parser (the parser factory
calls it); Lark's callbacks, newline counting and error reporting are left as they are.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from lark.lexer import BasicLexer, Scanner, TerminalDef, _create_unless

try:  # Python 3.11+
    _sre: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _sre = importlib.import_module("sre_parse")

__all__ = ["FirstCharScanner", "first_set", "install"]

Pred = Callable[[str], bool]
"""A test on the next characters at a position."""

_ANY = r"[\s\S]"
"""The one-character pattern that admits every character."""


def _ALWAYS(s: str) -> bool:
    """The test that admits everything (an expression this analysis does not narrow)."""
    return True


_OP = {name: getattr(_sre, name, None) for name in (
    "LITERAL", "NOT_LITERAL", "ANY", "IN", "BRANCH", "SUBPATTERN", "MAX_REPEAT", "MIN_REPEAT",
    "POSSESSIVE_REPEAT", "ATOMIC_GROUP", "AT", "ASSERT", "ASSERT_NOT", "RANGE", "CATEGORY", "NEGATE",
)}
_CATEGORY_CLASS = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
"""Categories inside a class, written with their Unicode meaning (under ``re.ASCII`` a superset)."""


def _char(code: int) -> str:
    """A character written for use inside a character class."""
    return f"\\U{code:08x}"


def _class_pattern(items: Sequence[tuple[Any, Any]]) -> str:
    """A character class (``[…]``) as ``sre_parse`` gives it, written back as a pattern."""
    parts: list[str] = []
    for op, av in items:
        if op is _OP["NEGATE"]:
            parts.insert(0, "^")
        elif op is _OP["LITERAL"]:
            parts.append(_char(av))
        elif op is _OP["RANGE"]:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _OP["CATEGORY"] and str(av) in _CATEGORY_CLASS:
            parts.append(_CATEGORY_CLASS[str(av)])
        else:
            return _ANY  # something this analysis does not know: admit everything
    return "[" + "".join(parts) + "]"


_Node = tuple[Any, Any, int]
"""One item of a parsed expression with the flags in force at it: (opcode, argument, flags)."""

_MAX_PREFIXES = 512
"""Past this many distinct prefixes an expression is not analysed (every pair is admitted)."""


class _Unknown(Exception):
    """A construct :func:`_prefixes` does not analyse: the caller admits every character."""


def _atom(op: Any, av: Any, flags: int) -> str | None:
    """A one-character item (a literal, a class, any character) as the literal character itself
    or a one-character pattern (longer than one character), or None if ``op`` is not one;
    case-insensitive items admit every character (conservative)."""
    if op not in (_OP["LITERAL"], _OP["NOT_LITERAL"], _OP["IN"], _OP["ANY"]):
        return None
    if op is _OP["ANY"] or flags & re.IGNORECASE:
        return _ANY
    if op is _OP["LITERAL"]:
        return chr(av)  # a one-character string: the literal itself
    if op is _OP["NOT_LITERAL"]:
        return f"[^{_char(av)}]"
    return _class_pattern(av)


def _annotate(items: Any, flags: int) -> list[_Node]:
    """The items of a parsed (sub)expression with their flags."""
    return [(op, av, flags) for op, av in items]


def _prefixes(seq: list[_Node], k: int, depth: int = 0) -> set[tuple[str, ...]]:
    """Every prefix of length ``k`` of a match of ``seq``, and every whole match shorter than
    ``k``, as tuples of one-character patterns (a superset: asserts are ignored)."""
    if k == 0 or not seq:
        return {()}
    if depth > 60:
        raise _Unknown
    op, av, flags = seq[0]
    rest = seq[1:]
    atom = _atom(op, av, flags)
    if atom is not None:
        return {(atom, *p) for p in _prefixes(rest, k - 1, depth + 1)}
    out: set[tuple[str, ...]] = set()
    if op is _OP["BRANCH"]:
        for alt in av[1]:
            out |= _prefixes(_annotate(alt, flags) + rest, k, depth + 1)
    elif op is _OP["SUBPATTERN"]:
        _group, add, remove, sub = av
        out = _prefixes(_annotate(sub, (flags | add) & ~remove) + rest, k, depth + 1)
    elif op is _OP["ATOMIC_GROUP"]:
        out = _prefixes(_annotate(av, flags) + rest, k, depth + 1)
    elif op in (_OP["MAX_REPEAT"], _OP["MIN_REPEAT"], _OP["POSSESSIVE_REPEAT"]):
        low, high, sub = av
        if low == 0:
            out |= _prefixes(rest, k, depth + 1)
        if high != 0:
            once = _annotate(sub, flags)
            again: list[_Node] = [(op, (max(low - 1, 0), high if high == _MAXREPEAT else high - 1, sub), flags)]
            out |= _prefixes(once + again + rest, k, depth + 1)
    elif op in (_OP["AT"], _OP["ASSERT"], _OP["ASSERT_NOT"]):
        out = _prefixes(rest, k, depth + 1)  # zero-width: ignoring the condition admits more
    else:  # back references, conditionals …
        raise _Unknown
    if len(out) > _MAX_PREFIXES:
        raise _Unknown
    return out


_MAXREPEAT = getattr(_sre, "MAXREPEAT", None)


LOOKAHEAD = 3
"""How many characters at a position choose the terminals tried there."""


def first_set(regexp: str, flags: int = 0, k: int = LOOKAHEAD) -> Callable[[str], bool]:
    """A test on the first ``k`` characters at a position (a string of length ``k``, shorter at
    the end of the text) that is true whenever ``regexp`` can match a non-empty string there;
    conservative (it may be true where no match exists, never the other way round)."""
    parsed = _sre.parse(regexp, flags)
    try:
        prefixes = _prefixes(_annotate(parsed, parsed.state.flags | flags), k)
    except (_Unknown, RecursionError):
        return _ALWAYS
    if () in prefixes:
        return _ALWAYS  # can match the empty string
    # One set per position, the union over the prefixes (looser than the prefixes themselves,
    # still a superset of what can match); a prefix shorter than k admits anything after it.
    columns: list[set[str]] = [set() for _ in range(k)]
    for p in prefixes:
        for n in range(k):
            columns[n].add(p[n] if n < len(p) else _ANY)
    if all(_ANY in col for col in columns):
        return _ALWAYS
    tests = [None if _ANY in col else (frozenset(a for a in col if len(a) == 1),
                                       tuple(re.compile(a) for a in sorted(col) if len(a) > 1))
             for col in columns]

    def test(s: str) -> bool:
        """Whether every one of the next characters is admitted at its position."""
        for col, ch in zip(tests, s, strict=False):
            if col is None or ch in col[0] or any(r.match(ch) for r in col[1]):
                continue
            return False
        return True

    return test


class FirstCharScanner(Scanner):
    """Lark's :class:`~lark.lexer.Scanner` with the same terminals and order, trying at each
    position only those that can begin with the characters there (see the module docstring).
    The big alternation Lark compiles is built only if ``fullmatch`` is called."""

    def __init__(self, terminals: list[TerminalDef], g_regex_flags: int, re_: Any, use_bytes: bool) -> None:
        """Keep what Lark's scanner keeps; compile each terminal once, lazily."""
        self.terminals = terminals
        self.g_regex_flags = g_regex_flags
        self.re_ = re_
        self.use_bytes = use_bytes
        self.allowed_types = {t.name for t in terminals}
        self._compiled: list[tuple[Pred, Any, str]] | None = None
        self._by_char: dict[str, tuple[tuple[Any, str], ...]] = {}

    @property
    def _mres(self) -> list[Any]:
        """Lark's alternations, for :meth:`fullmatch`, built on first use."""
        got: list[Any] | None = self.__dict__.get("_mres_built")
        if got is None:
            got = self.__dict__["_mres_built"] = self._build_mres(self.terminals, len(self.terminals))  # type: ignore[no-untyped-call]
        return got

    def _terms(self) -> list[tuple[Pred, Any, str]]:
        """(next-characters test, compiled pattern, name) of every terminal, in Lark's order."""
        if self._compiled is None:
            self._compiled = [(_first_set_cached(t.pattern.to_regexp(), self.g_regex_flags),
                               self.re_.compile(t.pattern.to_regexp(), self.g_regex_flags), t.name)
                              for t in self.terminals]
        return self._compiled

    def _candidates(self, c: str) -> tuple[tuple[Any, str], ...]:
        """The terminals that can begin with ``c`` (the next :data:`LOOKAHEAD` characters), in
        Lark's order (memoised)."""
        got = tuple((r, name) for test, r, name in self._terms() if test(c))
        self._by_char[c] = got
        return got

    def match(self, text: Any, pos: int) -> tuple[str, str] | None:
        """The first terminal, in Lark's order, that matches at ``pos`` (as Lark's scanner)."""
        s = text.text
        end = text.end
        c = s[pos:pos + LOOKAHEAD] if pos + LOOKAHEAD <= end else s[pos:end]
        cands = self._by_char.get(c)
        if cands is None:
            cands = self._candidates(c)
        for r, name in cands:
            m = r.match(s, pos, end)
            if m:
                return m.group(0), name
        return None


_FIRST_SETS: dict[tuple[str, int], Pred] = {}


def _first_set_cached(regexp: str, flags: int) -> Pred:
    """:func:`first_set`, once per pattern (the contextual lexer's states share terminals)."""
    key = (regexp, flags)
    got = _FIRST_SETS.get(key)
    if got is None:
        got = _FIRST_SETS[key] = first_set(regexp, flags)
    return got


class _FirstCharLexer(BasicLexer):
    """Lark's :class:`~lark.lexer.BasicLexer` building a :class:`FirstCharScanner`."""

    def _build_scanner(self) -> Scanner:
        """As Lark's ``BasicLexer._build_scanner`` (string terminals that a regular expression
        also matches folded into it as callbacks), with the faster scanner.  :func:`install`
        only uses this class for lexers without user callbacks."""
        terminals, self.callback = _create_unless(  # type: ignore[no-untyped-call]
            self.terminals, self.g_regex_flags, self.re, self.use_bytes)
        return FirstCharScanner(terminals, self.g_regex_flags, self.re, self.use_bytes)


def install(parser: Any) -> Any:
    """Give every lexer of a contextual-lexer Lark parser the :class:`FirstCharScanner`; returns
    the parser.  Lexers whose scanner is already built, that have user callbacks
    (``lexer_callbacks``), read bytes or are of another class are left alone."""
    lexer = parser.parser.lexer
    for basic in {id(x): x for x in (*lexer.lexers.values(), lexer.root_lexer)}.values():
        if type(basic) is BasicLexer and basic._scanner is None and not basic.user_callbacks \
                and not basic.use_bytes:
            basic.__class__ = _FirstCharLexer
    return parser
