"""Traversal of the AST: ``walk``, ``find``/``find_all``, a ``Visitor`` and a ``Transformer``.

Nothing here knows the node classes.  Children are discovered from the attrs field definitions
of whatever node is visited: a field whose value is an attrs instance is a child, and so is
every attrs instance inside a field holding a tuple.  Fields are visited in declaration order,
which for :mod:`govinfo_parse.nodes` is document order (metadata, preamble, sections; inside a
section its blocks; inside a table its rows; inside a row its cells).

*Annotations* -- fields declared with ``eq=False``: source spans, a report's diagnostics and its
source information -- are not content and are skipped unless ``annotations=True`` is passed.
That is the same line :mod:`govinfo_parse.nodes` draws for equality, so a new node class or
field is picked up without touching this module.

Example::

    from govinfo_parse.nodes import Cell, CellState
    from govinfo_parse.visit import find_all

    placeholders = find_all(report, Cell, lambda c: c.state is CellState.PLACEHOLDER)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Final, TypeVar, overload

import attrs

__all__ = [
    "REMOVE",
    "Transformer",
    "Visitor",
    "children",
    "find",
    "find_all",
    "walk",
]

T = TypeVar("T")
N = TypeVar("N")


class _RemoveSentinel:
    """Return :data:`REMOVE` from a ``leave_*`` method to drop the node from its tuple."""

    _instance: ClassVar[_RemoveSentinel | None] = None

    def __new__(cls) -> _RemoveSentinel:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = _RemoveSentinel()
"""Returned by a :class:`Transformer` ``leave_*`` method: remove this node from the tuple that
holds it (a node held directly by a field cannot be removed; that raises ``TypeError``)."""


_FIELDS: dict[tuple[type[Any], bool], tuple[attrs.Attribute[Any], ...]] = {}


def _child_fields(cls: type[Any], annotations: bool) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``cls`` that may hold children (all fields, or only the eq ones)."""
    key = (cls, annotations)
    fields = _FIELDS.get(key)
    if fields is None:
        fields = _FIELDS[key] = tuple(f for f in attrs.fields(cls) if annotations or f.eq)
    return fields


def _check_node(node: object) -> None:
    """Raise ``TypeError`` unless ``node`` is an attrs instance (an AST node)."""
    if not attrs.has(type(node)):
        raise TypeError(f"not an AST node (an attrs instance): {type(node).__name__}")


def children(node: object, *, annotations: bool = False) -> Iterator[Any]:
    """The direct child nodes of ``node``, in field order.

    A child is an attrs instance held by a field, or held inside a tuple held by a field.
    Fields declared with ``eq=False`` (spans, diagnostics, source information) are skipped
    unless ``annotations`` is true.
    """
    _check_node(node)
    for f in _child_fields(type(node), annotations):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)):
                    yield item
        elif attrs.has(type(value)):
            yield value


def walk(node: object, *, annotations: bool = False) -> Iterator[Any]:
    """Every node under ``node`` (``node`` first), depth first in document order."""
    _check_node(node)
    stack: list[Any] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(tuple(children(current, annotations=annotations))))


@overload
def find(
    node: object,
    node_type: type[N],
    predicate: Callable[[N], bool] | None = None,
    *,
    annotations: bool = False,
) -> N | None: ...


@overload
def find(
    node: object,
    node_type: tuple[type[Any], ...],
    predicate: Callable[[Any], bool] | None = None,
    *,
    annotations: bool = False,
) -> Any | None: ...


def find(
    node: object,
    node_type: type[Any] | tuple[type[Any], ...],
    predicate: Callable[[Any], bool] | None = None,
    *,
    annotations: bool = False,
) -> Any | None:
    """The first node (in :func:`walk` order) that is an instance of ``node_type`` (a class or a
    tuple of classes, as for ``isinstance``) and satisfies ``predicate``; None if there is none."""
    for n in walk(node, annotations=annotations):
        if isinstance(n, node_type) and (predicate is None or predicate(n)):
            return n
    return None


@overload
def find_all(
    node: object,
    node_type: type[N],
    predicate: Callable[[N], bool] | None = None,
    *,
    annotations: bool = False,
) -> list[N]: ...


@overload
def find_all(
    node: object,
    node_type: tuple[type[Any], ...],
    predicate: Callable[[Any], bool] | None = None,
    *,
    annotations: bool = False,
) -> list[Any]: ...


def find_all(
    node: object,
    node_type: type[Any] | tuple[type[Any], ...],
    predicate: Callable[[Any], bool] | None = None,
    *,
    annotations: bool = False,
) -> list[Any]:
    """All nodes (in :func:`walk` order) that are instances of ``node_type`` and satisfy
    ``predicate``."""
    return [
        n
        for n in walk(node, annotations=annotations)
        if isinstance(n, node_type) and (predicate is None or predicate(n))
    ]


class Visitor:
    """Read-only traversal with per-class hooks.

    Subclass and define ``visit_<ClassName>(self, node)`` and/or ``leave_<ClassName>(self, node)``
    for the node classes you care about (``visit_Cell``, ``leave_Section`` …).  ``visit_*`` runs
    before the node's children are visited; return ``False`` from it to skip them.  ``leave_*``
    runs after the children.  Classes without a hook are passed through.  Set the class
    attribute ``annotations = True`` to also visit spans, diagnostics and source information.

    Example::

        class CountPlaceholders(Visitor):
            def __init__(self) -> None:
                self.count = 0

            def visit_Cell(self, cell: Cell) -> None:
                self.count += cell.state is CellState.PLACEHOLDER

        v = CountPlaceholders()
        v.visit(report)
    """

    annotations: ClassVar[bool] = False

    def visit(self, node: object) -> None:
        """Visit ``node`` and everything under it."""
        _check_node(node)
        name = type(node).__name__
        hook = getattr(self, f"visit_{name}", None)
        descend = True if hook is None else hook(node) is not False
        if descend:
            for child in children(node, annotations=self.annotations):
                self.visit(child)
        leave = getattr(self, f"leave_{name}", None)
        if leave is not None:
            leave(node)


class Transformer:
    """Build a new tree with some nodes replaced (nodes are frozen; the tree is rebuilt with
    ``attrs.evolve`` along the paths that changed, everything else is shared).

    Subclass and define ``leave_<ClassName>(self, original, updated)`` returning the node to put
    in its place.  ``original`` is the node as it was; ``updated`` is the same node with its
    children already transformed.  For a node held in a tuple, return :data:`REMOVE` to drop it,
    or a tuple/list of nodes to put several in its place.  ``visit_<ClassName>(self, node)`` may
    return ``False`` to leave the node's children untouched.  A node no hook changes is returned
    as the very same object, so ``Transformer().transform(r) is r``.

    Example (blank out every amount)::

        class HideAmounts(Transformer):
            def leave_Cell(self, original: Cell, updated: Cell) -> Cell:
                if isinstance(updated.value, Decimal):
                    return attrs.evolve(updated, raw="", state=CellState.BLANK, value=None, unit=None)
                return updated

        redacted = HideAmounts().transform(report)
    """

    annotations: ClassVar[bool] = False

    def transform(self, node: T) -> T:
        """The transformed tree (the root's ``leave_*`` result, which should be a node)."""
        result = self._transform(node)
        if result is REMOVE or isinstance(result, (tuple, list)):
            raise TypeError("the root node cannot be removed or replaced by several nodes")
        return result  # type: ignore[no-any-return]

    def _transform(self, node: Any) -> Any:
        """One node transformed: ``visit_<Class>`` (unless it returns ``False``, the children are
        transformed), then ``leave_<Class>(original, updated)`` if defined; may return
        :data:`REMOVE` or several nodes."""
        _check_node(node)
        name = type(node).__name__
        hook = getattr(self, f"visit_{name}", None)
        updated = node
        if hook is None or hook(node) is not False:
            updated = self._transform_children(node)
        leave = getattr(self, f"leave_{name}", None)
        return updated if leave is None else leave(node, updated)

    def _transform_children(self, node: Any) -> Any:
        """``node`` with its child fields transformed, rebuilt with ``attrs.evolve`` only where a
        child changed (else the same object); ``TypeError`` if a single-node field's child is
        removed or replaced by several."""
        changes: dict[str, Any] = {}
        for f in _child_fields(type(node), self.annotations):
            value = getattr(node, f.name)
            if isinstance(value, tuple):
                new_value = self._transform_tuple(value)
                if new_value is not value:
                    changes[f.alias or f.name] = new_value
            elif attrs.has(type(value)):
                new = self._transform(value)
                if new is REMOVE or isinstance(new, (tuple, list)):
                    raise TypeError(
                        f"{type(node).__name__}.{f.name} holds one node; it cannot be removed "
                        "or replaced by several"
                    )
                if new is not value:
                    changes[f.alias or f.name] = new
        return attrs.evolve(node, **changes) if changes else node

    def _transform_tuple(self, value: tuple[Any, ...]) -> tuple[Any, ...]:
        """A tuple of children transformed: removed nodes dropped, several nodes spliced in,
        non-node items kept; the same tuple object if nothing changed."""
        out: list[Any] = []
        changed = False
        for item in value:
            if not attrs.has(type(item)):
                out.append(item)
                continue
            new = self._transform(item)
            if new is REMOVE:
                changed = True
            elif isinstance(new, (tuple, list)):
                changed = True
                out.extend(new)
            else:
                changed = changed or new is not item
                out.append(new)
        return tuple(out) if changed else value
