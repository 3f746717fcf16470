"""The first-characters scanner gives exactly the tokens of Lark's own scanner: compared state by
state at every position of random strings and of the corpus's chunk streams, and as whole
token streams of the corpus."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.utils import TextSlice

from govinfo_parse.formats.grammar_file import build_tables, cached, grammar_text, load_tables
from govinfo_parse.grammar import lark_parser, scanner
from govinfo_parse.readers import Input, read
from govinfo_parse.stream import BLANK, CELL_SEPARATOR, HEADER, UNPLACED, stream


def _lark_reference() -> Lark:
    """The same tables with Lark's own scanner."""
    parser: Lark = load_tables(cached("lalr", build_tables))
    return parser


REF = _lark_reference()
OURS = lark_parser(with_transformer=False)
STATES = sorted(REF.parser.lexer.lexers)


def _pairs() -> list[tuple[Any, Any]]:
    """(Lark's scanner, ours) for every distinct lexer of the contextual lexer, and the root."""
    seen: dict[int, tuple[Any, Any]] = {}
    for s in STATES:
        ref, ours = REF.parser.lexer.lexers[s], OURS.parser.lexer.lexers[s]
        seen.setdefault(id(ref), (ref.scanner, ours.scanner))
    seen[-1] = (REF.parser.lexer.root_lexer.scanner, OURS.parser.lexer.root_lexer.scanner)
    return list(seen.values())


PAIRS = _pairs()

_GRAMMAR_CHARS = sorted({c for c in grammar_text() if not c.isspace() and c.isprintable()} | set("\n0123456789"))
ALPHABET = st.one_of(st.sampled_from(_GRAMMAR_CHARS), st.sampled_from([BLANK, HEADER, UNPLACED, CELL_SEPARATOR]),
                     st.characters())


def _same_everywhere(text: str, positions: Any = None) -> None:
    """Both scanners of every lexer give the same (value, terminal) at every position."""
    ts = TextSlice(text, 0, len(text))
    for ref, ours in PAIRS:
        assert isinstance(ours, scanner.FirstCharScanner)
        assert not isinstance(ref, scanner.FirstCharScanner)
        assert [t.name for t in ours.terminals] == [t.name for t in ref.terminals]
        for pos in range(len(text)) if positions is None else positions:
            assert ours.match(ts, pos) == ref.match(ts, pos), (text[pos:pos + 20], pos)


def test_our_parser_uses_the_first_characters_scanner() -> None:
    assert all(isinstance(ours, scanner.FirstCharScanner) for _, ours in PAIRS)
    assert len(PAIRS) > 3


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(_GRAMMAR_CHARS)), max_size=8))
def test_same_matches_as_lark_on_random_strings(parts: list[str]) -> None:
    _same_everywhere("".join(parts))


def _streams(shared_dir: Path) -> list[str]:
    corpus = shared_dir / "corpus"
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted(
        p for p in (corpus / "real").iterdir() if p.suffix in (".txt", ".md"))
    return [stream(read(Input(p.read_text(encoding="utf-8"), "text")).chunks) for p in files]


def test_same_matches_as_lark_on_the_corpus_streams(shared_dir: Path) -> None:
    for i, s in enumerate(_streams(shared_dir)):
        starts = [0, *(m.end() for m in re.finditer(f"[\n{CELL_SEPARATOR}]", s) if m.end() < len(s))]
        _same_everywhere(s, None if i < 2 else starts)


def test_same_token_streams_as_lark_on_the_corpus(shared_dir: Path) -> None:
    for s in _streams(shared_dir):
        def tokens(parser: Lark, s: str = s) -> list[tuple[str, str, int | None]]:
            return [(t.type, str(t), t.start_pos) for t in parser.parse(s).scan_values(lambda v: True)]
        assert tokens(OURS) == tokens(REF)


@pytest.mark.parametrize(("regexp", "yes", "no"), [
    ("ab", ["ab", "a"], ["b", "ba"]),
    ("(?:x|y)?z", ["z", "xz", "yz"], ["a", "ab"]),
    (r"\d{1,2}[.、]?属", ["1属", "12属", "1.属", "12."], ["属", "1a", "a1"]),
    ("[^\n]+\n", ["a", "ab"], ["\n"]),
    ("(?i:a)b", ["Ab", "ab", "zb"], ["zz"]),  # case-insensitive: admits any first character
])
def test_first_sets_are_conservative(regexp: str, yes: list[str], no: list[str]) -> None:
    test = scanner.first_set(regexp)
    assert all(test(s) for s in yes)
    assert not any(test(s) for s in no)
