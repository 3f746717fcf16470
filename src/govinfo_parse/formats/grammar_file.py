"""The grammar file, the reference for what a report is, and the terminals it defines.

The ``.lark`` files live in the repository's top-level ``grammars/``.  A built wheel carries them
inside the package (``govinfo_parse/grammars``, via hatchling ``force-include``); an editable
install or a plain checkout has no such copy, so the loader falls back to ``<repo>/grammars``
next to ``src/``.  Both paths are tested.

The readers and the table recovery need to know what the grammar would make of a chunk (is it
a value cell, which row label is it) without building the parser: :func:`terminals` compiles
the grammar's terminal definitions only, so the parser factory (:mod:`govinfo_parse.grammar`) is
the one module that builds a parser with the transformer.

Compiled forms of the grammar (the LALR tables, the terminal table) are expensive to make —
most of a command-line call's first parse — and are kept, keyed by :func:`grammar_key` (a hash
of the grammar text, the Lark version and the option set), in two places:

- **prebuilt** next to the grammar file: the wheel's build hook (``hatch_build.py``) writes
  ``report.lark.lalr`` and ``report.lark.terminals`` into ``govinfo_parse/grammars/``;
- **a per-user cache** (``$GOVINFO_PARSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/govinfo_parse``,
  else ``~/.cache/govinfo_parse``), written on first use; ``GOVINFO_PARSE_NO_CACHE=1`` turns it
  off.  Not Lark's ``cache=True``, which unpickles a file from a predictable path in the shared
  temp directory: this cache is only read from a directory owned by the user and writable by
  nobody else.

Every entry carries its key and is used only when the key matches the grammar text read now, so
an edited grammar, an editable install or another Lark version never reads stale tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

__all__ = ["GRAMMAR_FILE", "LALR_OPTIONS", "Terminal", "build_tables", "cached", "grammar_key", "grammar_path",
           "grammar_text", "load_tables", "terminal_table", "terminals"]

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


LALR_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "propagate_positions": False,
    "maybe_placeholders": False,
}
"""How the grammar is compiled for parsing (the parser factory adds the transformer)."""

CACHE_FORMAT = 1
"""Bumped whenever what is cached, or how, changes (part of every key)."""


def grammar_key(kind: str, name: str = GRAMMAR_FILE, text: str | None = None) -> str:
    """The key of one compiled form of a grammar: a hash of the grammar text, the Lark version,
    :data:`CACHE_FORMAT`, :data:`LALR_OPTIONS` and ``kind`` (``"lalr"``, ``"terminals"``)."""
    import lark

    text = grammar_text(name) if text is None else text
    h = hashlib.sha256()
    for part in (str(CACHE_FORMAT), lark.__version__, kind, repr(sorted(LALR_OPTIONS.items())), text):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _without_collision_check() -> Any:
    """A context in which Lark skips its interegular terminal-collision check (seconds with the dev
    extra installed; it belongs to the test suite, which builds with ``strict=True``)."""
    import contextlib

    import lark.lexer

    @contextlib.contextmanager
    def ctx() -> Any:
        """Turn the check off for the ``with`` block, then restore Lark's own setting."""
        saved = lark.lexer.has_interegular
        lark.lexer.has_interegular = False
        try:
            yield
        finally:
            lark.lexer.has_interegular = saved

    return ctx()


def build_tables(text: str) -> bytes:
    """The LALR tables of a grammar text, serialised with ``Lark.save`` (without the options a
    loader supplies: the transformer, callbacks …), for :func:`load_tables`."""
    import io

    from lark import Lark
    from lark.lark import _LOAD_ALLOWED_OPTIONS

    with _without_collision_check():
        parser = Lark(text, **LALR_OPTIONS)
    buf = io.BytesIO()
    parser.save(buf, exclude_options=_LOAD_ALLOWED_OPTIONS)
    return buf.getvalue()


def load_tables(data: bytes, **options: Any) -> Any:
    """A ``Lark`` parser from :func:`build_tables`'s bytes, with ``options`` (``transformer=``)
    attached as ``Lark(…, transformer=…)`` would."""
    import io

    from lark import Lark

    return Lark.__new__(Lark)._load(io.BytesIO(data), **options)


def terminal_table(text: str) -> bytes:
    """Every terminal of a grammar text as the compiler gives it when all are kept, and the names
    it keeps when none is asked for (JSON), from which :func:`terminals` answers any ``keep``."""
    from lark.load_grammar import load_grammar

    with _without_collision_check():
        return _terminal_table(text, load_grammar)


def _terminal_table(text: str, load_grammar: Any) -> bytes:
    """:func:`terminal_table` (with the collision check off)."""

    def compiled(keep: set[str]) -> list[Any]:
        """The compiler's terminals with ``keep`` kept (a fresh load: compiling mutates it)."""
        grammar, _ = load_grammar(text, "<report.lark>", None, False)
        return list(grammar.compile(["start"], keep)[0])

    grammar, _ = load_grammar(text, "<report.lark>", None, False)
    every = compiled({name for name, _ in grammar.term_defs})
    used = [t.name for t in compiled(set())]
    return json.dumps({"all": [[t.name, t.pattern.to_regexp(), t.priority] for t in every],
                       "used": used}, ensure_ascii=False).encode("utf-8")


def cache_dir() -> Path | None:
    """The per-user cache directory (see the module docstring), or None when turned off."""
    if os.environ.get("GOVINFO_PARSE_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("GOVINFO_PARSE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(xdg) if xdg else Path.home() / ".cache") / "govinfo_parse"
    except (RuntimeError, KeyError):  # no home directory to be found: no cache
        return None


def _private(path: Path) -> bool:
    """Whether ``path`` belongs to this user and nobody else can write it (POSIX; always true
    where there are no owners)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows
        return True
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _read_entry(path: Path, key: str, *, check_owner: bool) -> bytes | None:
    """The payload of a cache entry at ``path`` if it exists and was made for ``key``."""
    try:
        if check_owner and not (_private(path.parent) and _private(path)):
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    head, sep, payload = raw.partition(b"\n")
    return payload if sep and head == key.encode("ascii") else None


def _write_entry(path: Path, key: str, payload: bytes) -> None:
    """Write a cache entry atomically (a private temp file renamed into place); a cache that
    cannot be written is skipped silently, as a cache miss costs only time."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(key.encode("ascii") + b"\n" + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def cached(kind: str, make: Callable[[str], bytes], name: str = GRAMMAR_FILE) -> bytes:
    """One compiled form of a grammar: the prebuilt file next to the grammar, else the per-user
    cache, else ``make(grammar text)`` (then stored in the cache); only entries whose key matches
    the grammar text read now are used."""
    text = grammar_text(name)
    key = grammar_key(kind, name, text)
    entry = f"{name}.{kind}"
    got = _read_entry(grammar_path(name).with_name(entry), key, check_owner=False)
    if got is not None:
        return got
    where = cache_dir()
    target = where / f"{entry}-{key[:20]}" if where is not None else None
    if target is not None:
        got = _read_entry(target, key, check_owner=True)
        if got is not None:
            return got
    data = make(text)
    if target is not None:
        _write_entry(target, key, data)
    return data


def write_prebuilt(directory: Path, name: str = GRAMMAR_FILE) -> list[Path]:
    """Write the prebuilt compiled forms of a grammar into ``directory`` (the wheel's build hook);
    returns the files written."""
    text = grammar_text(name)
    out = []
    for kind, make in (("lalr", build_tables), ("terminals", terminal_table)):
        path = directory / f"{name}.{kind}"
        path.write_bytes(grammar_key(kind, name, text).encode("ascii") + b"\n" + make(text))
        out.append(path)
    return out


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
    cell inside ``CELLS``), which the compiler would otherwise inline and drop.

    Read from the compiled terminal table (:func:`terminal_table`, prebuilt or cached): the
    compiler's own order, with the terminals the rules use and those in ``keep``."""
    table = json.loads(cached("terminals", terminal_table).decode("utf-8"))
    wanted = set(table["used"]) | set(keep)
    return tuple(Terminal(n, p, pr) for n, p, pr in table["all"] if n in wanted)
