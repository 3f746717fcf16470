"""The package's layering rule, enforced on its import graph.

Layers, bottom to top (docs/architecture.md): nodes → formats → stream/normalise → tables →
readers → transform → grammar → validate → api → the edges (serde, render, records, export,
query, diff, batch, cli).  A module may import its own layer and the layers below it, never one
above; a reader never imports another reader; the package has no import cycle (module-level
imports and function-level ones alike).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "govinfo_parse"

LAYERS: list[tuple[str, ...]] = [
    ("_version", "_lazy", "nodes"),
    ("formats",),
    ("normalise", "stream"),
    ("tables",),
    ("readers",),
    ("transform",),
    ("grammar",),
    ("validate",),
    ("decode", "api"),
]
"""Packages/modules of the core, bottom first; anything not listed is an edge module."""


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Package-internal modules a file imports (absolute names relative to the package)."""
    name = _module_name(path)
    pkg_parts = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("govinfo_parse"):
                    base = node.module.split(".")[1:]
                else:
                    continue
            else:
                keep = len(pkg_parts) - (node.level - 1)
                if keep < 0:
                    continue
                base = pkg_parts[:keep] + (node.module.split(".") if node.module else [])
            for alias in node.names:
                out.add(".".join([*base, alias.name]))
                out.add(".".join(base))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("govinfo_parse."):
                    out.add(alias.name.split(".", 1)[1])
    return {m for m in out if m and _resolve(m) is not None}


def _resolve(name: str) -> str | None:
    """The module a dotted name refers to (a name imported from a module resolves to it)."""
    parts = name.split(".")
    while parts:
        p = PKG.joinpath(*parts)
        if p.with_suffix(".py").is_file() or (p / "__init__.py").is_file():
            return ".".join(parts)
        parts = parts[:-1]
    return None


def _graph() -> dict[str, set[str]]:
    g: dict[str, set[str]] = {}
    for path in PKG.rglob("*.py"):
        name = _module_name(path)
        deps = {r for m in _imports(path) if (r := _resolve(m)) is not None and r != name}
        g[name] = deps
    return g


def _layer(module: str) -> int | None:
    top = module.split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return None


def test_no_layer_imports_a_layer_above_it() -> None:
    bad = []
    for mod, deps in _graph().items():
        lm = _layer(mod)
        if lm is None:
            continue  # an edge module may use the whole core
        for d in deps:
            ld = _layer(d)
            if ld is None:
                bad.append(f"{mod} imports the edge module {d}")
            elif ld > lm:
                bad.append(f"{mod} (layer {lm}) imports {d} (layer {ld})")
    assert not bad, "\n".join(sorted(bad))


def test_a_reader_never_imports_another_reader() -> None:
    def shared(m: str) -> bool:
        """The registry, the interface and the private helper modules (``readers._lines``,
        ``readers._grid`` …) and ``readers.locations`` are shared by readers, not readers."""
        return m in ("readers", "readers.base", "readers.locations") or m.split(".")[1].startswith("_")

    bad = []
    for mod, deps in _graph().items():
        if not mod.startswith("readers.") or shared(mod):
            continue
        family = mod.split(".")[1]
        for d in deps:
            if d.startswith("readers.") and not shared(d) and d.split(".")[1] != family:
                bad.append(f"{mod} imports {d}")
    assert not bad, "\n".join(sorted(bad))


def test_the_package_has_no_import_cycle() -> None:
    g = _graph()
    # a package's __init__ importing its own submodules is how packages are built, not a cycle
    def edges(m: str) -> set[str]:
        return {d for d in g.get(m, set()) if not (m and d.startswith(m + "."))}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(edges(m)):
            if state.get(d) == 1:
                cycle = [*stack[stack.index(d):], d]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)


def test_every_module_is_in_the_module_map() -> None:
    doc = (PKG.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [m for m in _graph() if m and f"`{m}`" not in doc]
    assert not missing, f"docs/architecture.md's module map lacks: {sorted(missing)}"
