"""The grammar's compiled forms, prebuilt or cached, are exactly what compiling it gives, and are
never used for another grammar text or Lark version."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lark import Lark
from lark.load_grammar import load_grammar

from govinfo_parse.formats import grammar_file as G
from govinfo_parse.formats.cells import CELL_KINDS
from govinfo_parse.grammar import lark_parser
from govinfo_parse.readers import Input, read
from govinfo_parse.stream import stream


def _direct_terminals(text: str, keep: frozenset[str]) -> tuple[G.Terminal, ...]:
    grammar, _ = load_grammar(text, "<report.lark>", None, False)
    terms, _, _ = grammar.compile(["start"], set(keep))
    return tuple(G.Terminal(t.name, t.pattern.to_regexp(), t.priority) for t in terms)


def test_terminals_from_the_table_equal_the_compilers_for_any_keep() -> None:
    text = G.grammar_text()
    for keep in (frozenset(), frozenset(CELL_KINDS), frozenset({"VALUE"})):
        G.terminals.cache_clear()
        assert G.terminals(keep) == _direct_terminals(text, keep)


def test_loaded_tables_parse_like_a_freshly_compiled_parser(seeds_dir: Path) -> None:
    text = G.grammar_text()
    fresh = Lark(text, **G.LALR_OPTIONS)
    loaded = G.load_tables(G.build_tables(text))
    assert [t.name for t in loaded.terminals] == [t.name for t in fresh.terminals]
    for seed in sorted(seeds_dir.glob("*.txt")):
        s = stream(read(Input(seed.read_text(encoding="utf-8"), "text")).chunks)
        assert loaded.parse(s) == fresh.parse(s), seed.name


def test_the_factory_uses_the_cached_tables_with_the_transformer() -> None:
    parser = lark_parser()
    assert parser.options.transformer is not None
    assert lark_parser(with_transformer=False).options.transformer is None


def test_the_key_follows_the_grammar_text_and_the_kind() -> None:
    text = G.grammar_text()
    assert G.grammar_key("lalr", text=text) == G.grammar_key("lalr", text=text)
    assert G.grammar_key("lalr", text=text) != G.grammar_key("lalr", text=text + "\n// edited\n")
    assert G.grammar_key("lalr", text=text) != G.grammar_key("terminals", text=text)


def test_a_cache_entry_for_another_key_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVINFO_PARSE_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.delenv("GOVINFO_PARSE_NO_CACHE", raising=False)
    made: list[str] = []

    def make(text: str) -> bytes:
        made.append(text)
        return b"payload"

    assert G.cached("test-kind", make) == b"payload"
    assert G.cached("test-kind", make) == b"payload"
    assert len(made) == 1  # the second call read the cache
    (entry,) = (tmp_path / "c").iterdir()
    entry.write_bytes(b"0" * 64 + b"\nstale")  # an entry written for another grammar or Lark
    assert G.cached("test-kind", make) == b"payload"
    assert len(made) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_others_can_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "c"
    monkeypatch.setenv("GOVINFO_PARSE_CACHE_DIR", str(cache))
    monkeypatch.delenv("GOVINFO_PARSE_NO_CACHE", raising=False)
    made: list[str] = []

    def make(text: str) -> bytes:
        made.append(text)
        return b"payload"

    G.cached("test-kind", make)
    cache.chmod(0o777)
    G.cached("test-kind", make)
    assert len(made) == 2


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVINFO_PARSE_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("GOVINFO_PARSE_NO_CACHE", "1")
    assert G.cached("test-kind", lambda text: b"x") == b"x"
    assert not (tmp_path / "c").exists()


def test_prebuilt_files_are_read_when_their_key_matches(tmp_path: Path) -> None:
    written = G.write_prebuilt(tmp_path)
    assert sorted(p.name for p in written) == ["report.lark.lalr", "report.lark.terminals"]
    text = G.grammar_text()
    lalr = tmp_path / "report.lark.lalr"
    key = G.grammar_key("lalr", text=text)
    payload = G._read_entry(lalr, key, check_owner=False)
    assert payload is not None
    factory = lark_parser(with_transformer=False)
    assert [t.name for t in G.load_tables(payload).terminals] == [t.name for t in factory.terminals]
    assert G._read_entry(lalr, G.grammar_key("lalr", text=text + " "), check_owner=False) is None
