"""What loads on first use, not on import: regular expressions, and names a package re-exports.

Regular expressions.  ``re.compile`` is pure Python and costs 0.1–2 ms a pattern; compiled
at import, every process paid for the patterns of every input family and every check, used or
not.  :func:`lazy_compile` is ``re.compile`` deferred: it returns a :class:`LazyPattern`, which
compiles the pattern (through ``re.compile``, sharing its cache) the first time one of its
methods is called and then puts the compiled pattern's own bound methods on the instance, so
every later call is the C method itself, with no wrapper in between.  The pattern and the
flags are ``re.compile``'s, and so is every match.

Use it for module-level patterns::

    _YEAR = lazy_compile(r"(\\d{4})年")
    _YEAR.search(text)            # compiled here, the first time

Re-exported names.  A package that re-exports names from heavy submodules (a reader's whole
implementation) gets them through :func:`lazy_attributes`, a PEP 562 module ``__getattr__``
that imports the submodule the first time one of its names is asked for::

    __getattr__ = lazy_attributes(__name__, {"GridSlot": "emit"})   # .emit loads on first use
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LazyPattern", "lazy_attributes", "lazy_compile"]

_METHODS = ("search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split")
"""The ``re.Pattern`` methods a :class:`LazyPattern` forwards (and replaces by the compiled
pattern's own on first use)."""


class LazyPattern:
    """A regular expression compiled on first use, with the methods of ``re.Pattern[str]``.

    ``pattern`` is the source, as on ``re.Pattern``; :meth:`compiled` is the compiled pattern
    (for code that needs a real ``re.Pattern``)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern.  The first call compiles it and installs its bound methods on
        this instance (instance attributes shadow the forwarding methods below)."""
        p = re.compile(self.pattern, self._flags)
        d = self.__dict__
        for name in _METHODS:
            d[name] = getattr(p, name)
        d["compiled"] = lambda: p
        return p

    @property
    def flags(self) -> int:
        """The compiled pattern's flags (as ``re.Pattern.flags``: ``re.UNICODE`` included)."""
        return self.compiled().flags

    @property
    def groupindex(self) -> Any:
        """The compiled pattern's named groups (as ``re.Pattern.groupindex``)."""
        return self.compiled().groupindex

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and copied) as its source, compiled or not: the installed methods are not state."""
        return (LazyPattern, (self.pattern, self._flags))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.search``."""
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.match``."""
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.fullmatch``."""
        return self.compiled().fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """``re.Pattern.findall``."""
        return self.compiled().findall(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``."""
        return self.compiled().finditer(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """``re.Pattern.sub``."""
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        """``re.Pattern.subn``."""
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        """``re.Pattern.split``."""
        return self.compiled().split(string, maxsplit)


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, compiled the first time the pattern is used."""
    return LazyPattern(pattern, flags)


def lazy_attributes(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for ``package``: ``names`` maps each lazily exported name
    to the submodule (relative to ``package``) that defines it; a name mapped to itself is the
    submodule.  The value is stored in the package's namespace, so it is looked up once."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = importlib.import_module(f".{module}", package)
        value = loaded if module == name else getattr(loaded, name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
