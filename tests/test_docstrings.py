"""Every public function and every non-trivial private one says what it is for.

Walks ``src/govinfo_parse`` with :mod:`ast` and fails, listing them, on every function or method
without a docstring that is public (no leading underscore) or longer than
:data:`MAX_UNDOCUMENTED_LINES` lines.  Dunder methods are exempt, and so are ``@overload``
stubs (the implementation carries the docstring).  Nested functions count like any other.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "govinfo_parse"

MAX_UNDOCUMENTED_LINES = 6
"""A private function of at most this many lines (``def`` line included) may go without one."""

# Modules still to be documented (fnmatch patterns on the path below src/govinfo_parse).
# This set must only shrink: document a module, then remove it here — never add one.
NOT_YET_DOCUMENTED: frozenset[str] = frozenset()


def _rel(path: Path) -> str:
    return path.relative_to(PKG).as_posix()


def _exempt(rel: str) -> bool:
    return any(fnmatch(rel, pattern) for pattern in NOT_YET_DOCUMENTED)


def _is_overload(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for d in fn.decorator_list:
        name = d.attr if isinstance(d, ast.Attribute) else d.id if isinstance(d, ast.Name) else ""
        if name == "overload":
            return True
    return False


def _undocumented(path: Path) -> list[str]:
    """``path:line qualname`` of every function in ``path`` that needs a docstring and has none."""
    out: list[str] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
                qualname = f"{prefix}{name}"
                dunder = name.startswith("__") and name.endswith("__")
                assert child.end_lineno is not None
                length = child.end_lineno - child.lineno + 1
                needs = not name.startswith("_") or length > MAX_UNDOCUMENTED_LINES
                if (needs and not dunder and not _is_overload(child)
                        and ast.get_docstring(child) is None):
                    out.append(f"{_rel(path)}:{child.lineno} {qualname}")
                visit(child, f"{qualname}.")
            else:
                visit(child, prefix)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return out


def _sources() -> list[Path]:
    return sorted(PKG.rglob("*.py"))


def test_functions_have_docstrings() -> None:
    missing = [m for p in _sources() if not _exempt(_rel(p)) for m in _undocumented(p)]
    assert not missing, "functions without a docstring:\n  " + "\n  ".join(missing)


def test_not_yet_documented_only_lists_undocumented_modules() -> None:
    """Every pattern matches a module that still needs docstrings; once none does, remove it."""
    stale = []
    for pattern in sorted(NOT_YET_DOCUMENTED):
        files = [p for p in _sources() if fnmatch(_rel(p), pattern)]
        if not any(_undocumented(p) for p in files):
            stale.append(pattern)
    assert not stale, ("fully documented (or gone): remove from NOT_YET_DOCUMENTED: "
                       + ", ".join(stale))
