"""The JSON Schema (Draft 2020-12) of what :func:`govinfo_parse.serde.to_dict` emits.

Generated from the node classes themselves -- their attrs fields, type annotations and the
docstrings written under each field -- so it cannot drift from :mod:`govinfo_parse.nodes`.
The rules mirror the serde converter:

* every attrs class is a JSON object with all of its fields present (``None`` as ``null``) and
  no others -- except a field added after schema version 1 was first written (``Cell.note``,
  ``nodes.OMITTED_WHEN_NONE``), whose key is left out while it is None and is not required;
* a field typed as a union of node classes (``Block``) holds a tagged object whose ``"type"``
  is the class name;
* counts (``int``) are JSON integers; amounts (``Decimal``) are JSON strings of the decimal as
  printed by Python (``"6716.7630"``, finite values only); a ``Value`` is either;
* dates are ISO strings (``"2021-01-20"``); enums are their values; tuples are arrays;
* the top-level object carries ``schema_version``.

``json_schema()`` returns a fresh dict each time; the CLI prints it with ``govinfo-parse schema``.
"""

from __future__ import annotations

import ast
import datetime as _dt
import enum
import inspect
import itertools
import sys
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union

import attrs

from .nodes import OMITTED_WHEN_NONE, Report

__all__ = ["DECIMAL_PATTERN", "SCHEMA_DIALECT", "class_doc", "field_docs", "json_schema", "type_name"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?(E[+-][0-9]+)?$"
"""``str(Decimal)`` of a finite decimal: ``"12"``, ``"-0.50"``, ``"6716.7630"``, ``"1E+3"``."""
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TAG = "type"
"""The key naming the class of a member of a tagged union (serde's ``configure_tagged_union``)."""


# --------------------------------------------------------------------------------------------
# Documentation written in the class bodies
# --------------------------------------------------------------------------------------------


@cache
def _module_classes(module_name: str) -> dict[str, ast.ClassDef]:
    """The class definitions in a loaded module's source, by name (empty when the module or its
    source is not available); cached."""
    module = sys.modules.get(module_name)
    if module is None:
        return {}
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):  # no source shipped (frozen, zipped without .py): no docs
        return {}
    return {n.name: n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef)}


def field_docs(cls: type) -> dict[str, str]:
    """Field name → the docstring written under the field in the class body (PEP 257
    "attribute docstrings"), for the fields that have one."""
    node = _module_classes(cls.__module__).get(cls.__name__)
    if node is None:
        return {}
    docs: dict[str, str] = {}
    body = node.body
    for stmt, nxt in itertools.pairwise(body):
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[stmt.target.id] = inspect.cleandoc(nxt.value.value)
    return docs


def class_doc(cls: type) -> str:
    """The class docstring, cleaned (empty when there is none)."""
    doc = cls.__doc__
    if not doc or (attrs.has(cls) and doc.startswith(f"{cls.__name__}(")):
        return ""  # attrs/enum fill in a signature-like doc for undocumented classes
    return inspect.cleandoc(doc)


# --------------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------------


def _resolved_fields(cls: type) -> list[tuple[attrs.Attribute[Any], Any]]:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return [(f, hints.get(f.name, f.type)) for f in attrs.fields(cls)]


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


def _is_value(args: tuple[Any, ...]) -> bool:
    return set(args) == {int, Decimal}


def type_name(tp: Any) -> str:
    """A readable name for a field's type (``"tuple[Cell, ...]"``, ``"int | None"``, ``"Block"``)."""
    if tp is type(None):
        return "None"
    args = _union_args(tp)
    if args is not None:
        plain = [a for a in args if a is not type(None)]
        optional = len(plain) < len(args)
        if _is_value(tuple(plain)):
            head = "Value"
        elif len(plain) > 1 and all(attrs.has(a) for a in plain):
            head = "Block" if _is_block(tuple(plain)) else " | ".join(a.__name__ for a in plain)
        else:
            head = " | ".join(type_name(a) for a in plain)
        return f"{head} | None" if optional else head
    origin = typing.get_origin(tp)
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            return f"tuple[{type_name(targs[0])}, ...]"
        return f"tuple[{', '.join(type_name(a) for a in targs)}]"
    if origin is Literal:
        return " | ".join(repr(a) for a in typing.get_args(tp))
    if isinstance(tp, type):
        return "date" if tp is _dt.date else tp.__name__
    return str(tp)


def _is_block(members: tuple[Any, ...]) -> bool:
    from .nodes import Block

    return set(members) == set(typing.get_args(Block))


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.tagged: set[type] = set()
        self.plain: set[type] = set()

    # A class reached through a tagged union gets a definition with the "type" key; reached
    # directly, one without.  If both happen the untagged one is named "<Class>.untagged".
    def ref(self, cls: type, *, tagged: bool) -> dict[str, Any]:
        """A ``$ref`` to the definition of an attrs class, built on first use: with the ``type`` key
        when reached through a tagged union, without when reached directly (``<Class>.untagged``
        when it is reached both ways)."""
        if tagged:
            name = cls.__name__
            if cls not in self.tagged:
                self.tagged.add(cls)
                self.defs[name] = {}  # placeholder against recursion
                self.defs[name] = self.object_schema(cls, tagged=True)
        else:
            name = cls.__name__ if cls not in self.tagged else f"{cls.__name__}.untagged"
            if cls not in self.plain:
                self.plain.add(cls)
                self.defs[name] = {}
                self.defs[name] = self.object_schema(cls, tagged=False)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type, *, tagged: bool) -> dict[str, Any]:
        """The object schema of an attrs class: its fields (their attribute docstrings as
        descriptions), the ``type`` tag when ``tagged``, the class docstring; every field required,
        no other allowed."""
        docs = field_docs(cls)
        props: dict[str, Any] = {}
        optional: set[str] = set()
        for f, tp in _resolved_fields(cls):
            if f.metadata.get(OMITTED_WHEN_NONE):
                optional.add(f.name)
            sch = self.schema(tp)
            doc = docs.get(f.name)
            if doc:
                sch = {"description": doc, **sch}
            props[f.name] = sch
        if tagged:
            props[TAG] = {"const": cls.__name__, "description": "The node class (tagged union)."}
        out: dict[str, Any] = {"type": "object"}
        desc = class_doc(cls)
        if desc:
            out["description"] = desc
        out["properties"] = props
        out["required"] = [p for p in props if p not in optional]
        out["additionalProperties"] = False
        return out

    def schema(self, tp: Any) -> dict[str, Any]:
        """The schema of a field's type: ``None``, unions, tuples, ``Literal``, attrs classes (by
        reference), enums and the scalar types; ``TypeError`` for any other."""
        if tp is type(None):
            return {"type": "null"}
        if tp is Any:
            return {}
        args = _union_args(tp)
        if args is not None:
            return self.union(args)
        origin = typing.get_origin(tp)
        if origin is tuple:
            targs = typing.get_args(tp)
            if len(targs) == 2 and targs[1] is Ellipsis:
                return {"type": "array", "items": self.schema(targs[0])}
            return {"type": "array", "prefixItems": [self.schema(a) for a in targs],
                    "items": False, "minItems": len(targs)}
        if origin is Literal:
            return {"enum": list(typing.get_args(tp))}
        if not isinstance(tp, type):
            raise TypeError(f"json_schema: no JSON form known for type {tp!r}")
        if attrs.has(tp):
            return self.ref(tp, tagged=False)
        if issubclass(tp, enum.Enum):
            return self.ref_enum(tp)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if tp is Decimal:
            return {"type": "string", "pattern": DECIMAL_PATTERN}
        if tp is _dt.date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        raise TypeError(f"json_schema: no JSON form known for type {tp.__name__}")

    def union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        """The schema of a union: the ``Value`` reference for ``int | Decimal``, tagged references for
        attrs classes, else each member's schema; ``null`` added for an optional one; a single
        option as itself, more as ``oneOf``."""
        plain = tuple(a for a in args if a is not type(None))
        options: list[dict[str, Any]]
        if _is_value(plain):
            options = [self.ref_value()]
        elif len(plain) > 1 and all(isinstance(a, type) and attrs.has(a) for a in plain):
            options = [self.ref(a, tagged=True) for a in plain]
        else:
            options = [self.schema(a) for a in plain]
        if len(plain) < len(args):
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"oneOf": options}

    def ref_enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        """A ``$ref`` to an enum's definition (its values, its docstring, ``string`` when every value
        is one), built on first use."""
        if cls.__name__ not in self.defs:
            values = [m.value for m in cls]
            sch: dict[str, Any] = {}
            doc = class_doc(cls)
            if doc:
                sch["description"] = doc
            if all(isinstance(v, str) for v in values):
                sch["type"] = "string"
            sch["enum"] = values
            self.defs[cls.__name__] = sch
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def ref_value(self) -> dict[str, Any]:
        """A ``$ref`` to the ``Value`` definition (an integer, or a decimal string), built on first use."""
        if "Value" not in self.defs:
            self.defs["Value"] = {
                "description": "A parsed number: a JSON integer for a count, a decimal string for an "
                "amount or anything printed with a decimal point (its digits kept: \"6716.7630\").",
                "oneOf": [{"type": "integer"}, {"type": "string", "pattern": DECIMAL_PATTERN}],
            }
        return {"$ref": "#/$defs/Value"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) every :func:`govinfo_parse.serde.dumps` output validates
    against, for the schema version this library writes."""
    b = _Builder()
    root = b.object_schema(Report, tagged=False)
    version = Report.SCHEMA_VERSION
    root["properties"] = {
        "schema_version": {"const": version, "description": "Version of this JSON layout."},
        **root["properties"],
    }
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:govinfo-parse:report:v{version}",
        "title": f"govinfo_parse report (schema_version {version})",
        **root,
        "$defs": dict(sorted(b.defs.items())),
    }
