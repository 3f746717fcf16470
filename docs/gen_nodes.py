"""Generate docs/nodes.md, the node reference, from the class definitions in govinfo_parse.nodes.

    python docs/gen_nodes.py           # rewrite docs/nodes.md
    python docs/gen_nodes.py --check   # exit 1 if docs/nodes.md is out of date

Everything comes from the code: the classes reachable from ``Report`` (then any other public
node class), their attrs fields and annotations, the docstring written under each field, the
class docstrings, enum values, class constants and public methods.  A field without its own
docstring gets the first sentence of its type's docstring, marked as such; fields with neither
are listed by ``undocumented()`` (tests/test_schema.py keeps an eye on them).
"""

from __future__ import annotations

import argparse
import enum
import inspect
import re
import sys
import typing
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET = HERE / "nodes.md"

try:
    import govinfo_parse.nodes  # noqa: F401
except ImportError:  # a plain checkout: use the sources next to this file
    sys.path.insert(0, str(HERE.parent / "src"))

import attrs  # noqa: E402

from govinfo_parse import nodes  # noqa: E402
from govinfo_parse.schema import DECIMAL_PATTERN, TAG, class_doc, field_docs, type_name  # noqa: E402

_NONE = type(None)


def _unwrap(tp: Any) -> list[Any]:
    """The classes a field type mentions (through Optional, unions and tuples)."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or (origin is not None and origin.__name__ == "UnionType"):
        return [x for a in typing.get_args(tp) for x in _unwrap(a)]
    if origin is tuple:
        return [x for a in typing.get_args(tp) if a is not Ellipsis for x in _unwrap(a)]
    if origin is typing.ClassVar:
        return []
    return [tp] if isinstance(tp, type) and tp is not _NONE else []


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _block_members() -> tuple[type, ...]:
    return typing.get_args(nodes.Block)


def node_classes() -> list[type]:
    """Node classes in reading order: breadth first from Report through the content fields,
    then the classes only annotations use (diagnostics, source, spans), then the rest by name."""
    order: list[type] = []
    for content in (True, False):
        queue: list[type] = list(order) or [nodes.Report]
        seen = set(queue)
        while queue:
            cls = queue.pop(0)
            if cls not in order:
                order.append(cls)
            hints = _hints(cls)
            for f in attrs.fields(cls):
                if content and not f.eq:
                    continue
                for t in _unwrap(hints.get(f.name)):
                    if attrs.has(t) and t not in seen:
                        seen.add(t)
                        queue.append(t)
    rest = sorted(
        (c for n in nodes.__all__ if isinstance(c := getattr(nodes, n), type) and attrs.has(c)),
        key=lambda c: c.__name__,
    )
    return order + [c for c in rest if c not in order]


def enum_classes() -> list[type[enum.Enum]]:
    return sorted(
        (c for n in nodes.__all__
         if isinstance(c := getattr(nodes, n), type) and issubclass(c, enum.Enum)),
        key=lambda c: c.__name__,
    )


_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.。](?=\s|$)")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = _SENTENCE_END.search(text)
    return text[: m.end()] if m else text


def _anchor(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _linked(tp: Any) -> str:
    text = type_name(tp)
    classes = _unwrap(tp)
    if "Block" in text:  # name the union, not its ten members
        classes = [c for c in classes if c not in _block_members()]
    mentioned = {t.__name__ for t in classes if attrs.has(t) or issubclass(t, enum.Enum)}
    out = f"`{text}`"
    links = [_anchor(n) for n in sorted(mentioned)]
    if "Block" in text:
        links.append(_anchor("Block"))
    return out + (" → " + ", ".join(links) if links else "")


def json_form(tp: Any) -> str:
    """How a value of this type appears in the JSON."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or (origin is not None and origin.__name__ == "UnionType"):
        args = typing.get_args(tp)
        plain = [a for a in args if a is not _NONE]
        null = " or null" if len(plain) < len(args) else ""
        if set(plain) == {int, nodes.Decimal}:
            return "integer or decimal string" + null
        if len(plain) > 1 and all(attrs.has(a) for a in plain):
            return f'object tagged with "{TAG}"' + null
        return " or ".join(json_form(a) for a in plain) + null
    if origin is tuple:
        return f"array of {json_form(typing.get_args(tp)[0])}"
    if tp is int:
        return "integer"
    if tp is str:
        return "string"
    if tp is bool:
        return "boolean"
    if tp is nodes.Decimal:
        return "decimal string"
    if tp is nodes._dt.date:
        return 'date string "YYYY-MM-DD"'
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(f'"{m.value}"' for m in tp)
    if isinstance(tp, type) and attrs.has(tp):
        return "object"
    return str(tp)


def _default(f: attrs.Attribute[Any]) -> str:
    if f.default is attrs.NOTHING:
        return "required"
    if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
        factory = f.default.factory
        return f"`{getattr(factory, '__name__', 'factory')}()`"
    return f"`{f.default!r}`"


def _meaning(cls: type, f: attrs.Attribute[Any], tp: Any) -> str:
    doc = field_docs(cls).get(f.name)
    if doc:
        return " ".join(doc.split())
    mentioned = [t for t in _unwrap(tp) if t.__module__ == nodes.__name__]
    if len(mentioned) == 1:  # builtins' docstrings say nothing about the field; unions are no one type
        tdoc = class_doc(mentioned[0])
        if tdoc:
            return f"*({mentioned[0].__name__})* {_first_sentence(tdoc)}"
    return "—"


def undocumented() -> list[str]:
    """``Class.field`` for every field that has neither its own docstring nor a documented type."""
    out = []
    for cls in node_classes():
        hints = _hints(cls)
        for f in attrs.fields(cls):
            if _meaning(cls, f, hints.get(f.name, f.type)) == "—":
                out.append(f"{cls.__name__}.{f.name}")
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _members(cls: type) -> list[str]:
    lines = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            kind, fn = "property", member.fget
        elif inspect.isfunction(member):
            kind, fn = "method", member
        else:
            continue
        doc = inspect.getdoc(fn) or ""
        sig = "" if kind == "property" else str(inspect.signature(fn)).replace("(self, ", "(").replace(
            "(self)", "()")
        lines.append(f"- `{name}{sig}` ({kind}){': ' + _first_sentence(doc) if doc else ''}")
    return lines


def _constants(cls: type) -> list[str]:
    out = []
    for name, tp in _hints(cls).items():
        if typing.get_origin(tp) is typing.ClassVar and not name.startswith("_"):
            out.append(f"`{name} = {getattr(cls, name)!r}`")
    return out


def render() -> str:
    blocks = set(_block_members())
    tables = set(typing.get_args(nodes.Table))
    lines = [
        "# Node reference",
        "",
        "<!-- GENERATED by docs/gen_nodes.py from src/govinfo_parse/nodes.py; do not edit by hand. -->",
        "",
        "The typed AST of `govinfo_parse.nodes`: frozen attrs classes, compared by content "
        "(fields marked *no* under `==` — source spans, diagnostics, source information — are kept "
        "but not compared).",
        "",
        "**JSON** (`govinfo_parse.serde.to_dict` / `dumps`, "
        f"schema_version **{nodes.Report.SCHEMA_VERSION}**): "
        "every node is an object with all of its fields (absent values as `null`); a member of "
        f"`Block` carries `\"{TAG}\": \"<ClassName>\"`; counts are integers, amounts decimal strings "
        f"(`{DECIMAL_PATTERN}`), dates `\"YYYY-MM-DD\"`, enums their values; the top-level object "
        "has `schema_version`.  The exact JSON Schema (Draft 2020-12) is printed by "
        "`govinfo-parse schema` and returned by `govinfo_parse.schema.json_schema()`.",
        "",
        "Traversal (`govinfo_parse.visit`) follows the fields below in the order listed, which is "
        "document order.",
        "",
        "## Contents",
        "",
    ]
    classes = node_classes()
    lines += [f"- {_anchor(c.__name__)}" for c in classes]
    lines += [f"- {_anchor(e.__name__)} (enum)" for e in enum_classes()]
    lines += [f"- {_anchor(n)} (union)" for n in ("Block", "Table", "Value")]
    lines.append("")
    for cls in classes:
        lines += [f"### {cls.__name__}", ""]
        doc = class_doc(cls)
        if doc:
            lines += [doc, ""]
        notes = []
        if cls in blocks:
            notes.append(f'A [Block](#block), tagged in JSON with `"{TAG}": "{cls.__name__}"`.')
        if cls in tables:
            notes.append("A [Table](#table).")
        consts = _constants(cls)
        if consts:
            notes.append("Class constants (not serialised): " + ", ".join(consts) + ".")
        if notes:
            lines += [" ".join(notes), ""]
        lines += ["| field | type | JSON | default | `==` | meaning |", "|---|---|---|---|---|---|"]
        hints = _hints(cls)
        for f in attrs.fields(cls):
            tp = hints.get(f.name, f.type)
            lines.append(
                f"| `{f.name}` | {_cell(_linked(tp))} | {_cell(json_form(tp))} | {_cell(_default(f))} | "
                f"{'yes' if f.eq else 'no'} | {_cell(_meaning(cls, f, tp))} |"
            )
        members = _members(cls)
        if members:
            lines += ["", "Methods and properties:", "", *members]
        lines.append("")
    for e in enum_classes():
        lines += [f"### {e.__name__}", ""]
        doc = class_doc(e)
        if doc:
            lines += [doc, ""]
        lines += ["| name | value (JSON) |", "|---|---|"]
        lines += [f"| `{m.name}` | `\"{m.value}\"` |" for m in e]
        lines.append("")
    lines += [
        "### Block",
        "",
        "What a section (or the preamble) holds, in printed order; tagged in JSON with "
        f'`"{TAG}"`: ' + ", ".join(_anchor(c.__name__) for c in _block_members()) + ".",
        "",
        "### Table",
        "",
        "The statistics tables: "
        + ", ".join(_anchor(c.__name__) for c in typing.get_args(nodes.Table)) + ".",
        "",
        "### Value",
        "",
        inspect.cleandoc(_value_doc()),
        "",
    ]
    return "\n".join(lines)


def _value_doc() -> str:
    """The docstring written under ``Value = ...`` in nodes.py."""
    source = inspect.getsource(nodes)
    marker = "Value = "
    i = source.find(marker)
    if i == -1:
        return "A number: `int` or `Decimal`."
    rest = source[i:].split("\n", 1)[1].lstrip()
    if rest.startswith('"""'):
        return "`int | Decimal`: " + rest[3:].split('"""', 1)[0]
    return "`int | Decimal`."


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--check", action="store_true", help="exit 1 if docs/nodes.md is out of date")
    args = p.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python docs/gen_nodes.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
