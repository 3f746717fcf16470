"""The span-coverage check: every printed character of a text lies in the span of some node of
the report parsed from it.  Shared by the properties (``tests/test_properties.py``) and the fuzz
harness (``tests/fuzz/harness.py``); plain Python, no pytest, no Hypothesis.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govinfo_parse import Report, Span
from govinfo_parse.normalise import normalise


def node_spans(node: object) -> Iterator[Span]:
    """The spans of every node of an AST (generic over attrs classes and tuples; diagnostics
    and source information are not nodes of the tree)."""
    if isinstance(node, Span):
        yield node
    elif isinstance(node, tuple):
        for x in node:
            yield from node_spans(x)
    elif attrs.has(type(node)):
        for f in attrs.fields(type(node)):
            if f.name not in ("diagnostics", "source"):
                yield from node_spans(getattr(node, f.name))


def is_space(ch: str) -> bool:
    """White space as the format reads it: what the normaliser folds to a space (no-break and
    ideographic spaces, zero-width characters, the byte-order mark, a soft hyphen)."""
    return ch.isspace() or normalise(ch).text.isspace()


def outside(text: str, report: Report) -> list[Span]:
    """The spans of the report's nodes that do not lie inside ``text``."""
    return [sp for sp in node_spans(report) if not 0 <= sp.start <= sp.end <= len(text)]


def uncovered(text: str, report: Report) -> list[tuple[int, str]]:
    """Printed (non-white-space) characters of ``text`` that no node's span covers, with their
    offsets.  A span outside the text fails an assertion (check :func:`outside` first where a
    failure must be counted, not raised)."""
    covered = bytearray(len(text) + 1)
    for sp in node_spans(report):
        assert 0 <= sp.start <= sp.end <= len(text), sp
        covered[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    return [(i, ch) for i, ch in enumerate(text) if not covered[i] and not is_space(ch)]
