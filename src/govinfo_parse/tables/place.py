"""Blocks put back among a report's sections where they stood in the text, by source offset.

Two stages take blocks out of the grammar's way and return them after parsing: the legacy
statistics tables (:func:`govinfo_parse.tables.legacy.place_tables`) and the blocks the grammar
skipped (:func:`govinfo_parse.transform.metadata.insert_unrecognised`).  Both place them here.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..nodes import Block, Section

__all__ = ["place_blocks"]


def place_blocks(sections: list[Section], preamble: list[Block], blocks: Sequence[Block]) -> None:
    """Put each block into the section (or the preamble) where it stood in the text: the last
    section that starts at or before the block, before the first of its blocks that starts after
    it.  ``sections`` and ``preamble`` are changed in place, the blocks placed in the given order
    (a block without a span goes to the start of the text)."""
    for block in blocks:
        pos = block.span.start if block.span else 0
        sec = None
        for k, s in enumerate(sections):
            if s.span is not None and s.span.start <= pos:
                sec = k
        target = list(sections[sec].blocks) if sec is not None else preamble
        idx = len(target)
        for j, b in enumerate(target):
            sp = getattr(b, "span", None)
            if sp is not None and sp.start > pos:
                idx = j
                break
        target.insert(idx, block)
        if sec is not None:
            sections[sec] = attrs.evolve(sections[sec], blocks=tuple(target))
