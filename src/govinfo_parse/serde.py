"""Conversion at the edges: AST ⇄ plain dicts ⇄ JSON (the cattrs view).

``to_dict``/``from_dict`` and ``dumps``/``loads`` round-trip every report exactly, positions
included.  Polymorphic blocks carry a ``"type"`` field naming their class.  Counts are JSON
integers; amounts (``Decimal``) are JSON strings so that "6716.7630" keeps its printed digits.
The top-level dict carries ``schema_version``.  A field added after version 1 was first written
(``Cell.note``) is left out while it is None, so such a report is written exactly as before and
older documents still read (``nodes.OMITTED_WHEN_NONE``).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from . import nodes
from .nodes import OMITTED_WHEN_NONE, Block, Report, Value

__all__ = ["SchemaVersionError", "dumps", "from_dict", "loads", "to_dict"]

SCHEMA_VERSION = Report.SCHEMA_VERSION


class SchemaVersionError(ValueError):
    """The JSON was written by a schema version this library cannot read."""


def _unstructure_value(v: Value | None) -> int | str | None:
    """A cell value for JSON: an int as is, a Decimal as its string (so no precision is lost)."""
    if v is None or isinstance(v, int):
        return v
    return str(v)


def _structure_value(v: Any, _: Any) -> Value | None:
    """A cell value from JSON: an int as is, a string or float as a Decimal; ``ValueError`` for a
    bool or anything else."""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, int):
        return v
    if isinstance(v, (str, float)):
        return Decimal(str(v))
    raise ValueError(f"not a number: {v!r}")


@lru_cache(maxsize=1)
def _converter() -> cattrs.Converter:
    """The cattrs converter of the AST (built once): ISO dates, Decimals as strings, cell values as
    int or decimal string, blocks tagged by ``"type"``, unknown keys rejected."""
    c = cattrs.Converter(omit_if_default=False, forbid_extra_keys=True)
    c.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    c.register_structure_hook(_dt.date, lambda v, _: _dt.date.fromisoformat(v))
    c.register_unstructure_hook(Decimal, str)
    c.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    value_opt = Value | None
    c.register_unstructure_hook(value_opt, _unstructure_value)
    c.register_structure_hook(value_opt, _structure_value)
    c.register_unstructure_hook(Value, _unstructure_value)  # a ProseFact's figure is never None
    c.register_structure_hook(Value, _structure_value)
    for cls in _classes_with_optional_keys():
        omitted: dict[str, Any] = {f.name: override(omit_if_default=True)
                                   for f in attrs.fields(cls) if f.metadata.get(OMITTED_WHEN_NONE)}
        c.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, c, **omitted))
    configure_tagged_union(Block, c, tag_name="type")
    return c


def _classes_with_optional_keys() -> list[type]:
    """The node classes with a field whose key the JSON leaves out while it is None
    (:data:`govinfo_parse.nodes.OMITTED_WHEN_NONE`: ``Cell.note``)."""
    out: list[type] = []
    for name in nodes.__all__:
        cls = getattr(nodes, name)
        if isinstance(cls, type) and attrs.has(cls) and any(f.metadata.get(OMITTED_WHEN_NONE)
                                                             for f in attrs.fields(cls)):
            out.append(cls)
    return out


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-compatible data (with ``schema_version``)."""
    d: dict[str, Any] = _converter().unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **d}


def from_dict(data: dict[str, Any]) -> Report:
    """Inverse of :func:`to_dict`.  Raises :class:`SchemaVersionError` for an unknown version."""
    data = dict(data)
    version = data.pop("schema_version", None)
    if version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"this JSON has schema_version {version!r}; govinfo_parse reads version {SCHEMA_VERSION} "
            "(re-create it with 'govinfo-parse parse --format json' from the source report)"
        )
    try:
        return _converter().structure(data, Report)
    except Exception as e:  # cattrs raises ClassValidationError groups
        raise ValueError(f"not a govinfo_parse report: {e}") from e


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(report: Report, *, indent: int | None = None) -> str:
    """JSON text of :func:`to_dict` (characters kept as they are, except lone surrogates — text
    decoded with ``surrogateescape`` or cut from UTF-16 — which are written as ``\\udXXX``
    escapes, so the JSON can always be written as UTF-8 and :func:`loads` gives them back)."""
    text = json.dumps(to_dict(report), ensure_ascii=False, indent=indent)
    if _LONE_SURROGATE.search(text):  # only inside JSON strings: escaping keeps it valid JSON
        text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def loads(text: str) -> Report:
    """Inverse of :func:`dumps`."""
    return from_dict(json.loads(text))
