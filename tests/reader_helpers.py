"""Helpers that run one reader on a text, shared by the tests and the benchmarks.

Plain Python (no pytest, no Hypothesis): ``benchmarks/bench_flattened.py`` imports it too.
"""

from __future__ import annotations

from govinfo_parse.nodes import Diagnostic
from govinfo_parse.normalise import Normalised
from govinfo_parse.readers import flattened
from govinfo_parse.readers.base import Input
from govinfo_parse.stream import Chunk


def flat_chunks(text: str, norm: Normalised | None = None) -> tuple[list[Chunk], list[Diagnostic]] | None:
    """The flattened reader's (chunks, diagnostics), or None when it does not take the text.
    ``norm``: the text already normalised (a benchmark keeps normalising out of its timing)."""
    inp = Input(text, "text")
    if norm is not None:
        inp.norm = norm
    if not flattened.READER.sniff(inp):
        return None
    got = flattened.READER.read(inp)
    return list(got.chunks), list(got.diagnostics)
