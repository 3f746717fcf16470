"""Section 四's table recovered by its shape: 15 values (one run, or three runs of five) under any
header damage, read as 行政复议 and the two groups of 行政诉讼 in the official order and confirmed
by A4 (:mod:`govinfo_parse.tables.identities`); diagnostic P122."""

from __future__ import annotations

import attrs

from ..formats import labels as L
from ..nodes import Severity
from ..stream import BLANK, HEADER, Chunk
from .identities import review_groups_hold
from .pieces import cell_value, is_header_cell, pieces, split_spaced
from .recover_context import RecoveryContext
from .recover_rows import stretches

__all__ = ["recover_review"]

_NREV = len(L.REVIEW_COLUMNS)


def recover_review(chunks: list[Chunk], lo: int, hi: int, ctx: RecoveryContext) -> list[Chunk] | None:
    """The chunks ``lo:hi`` (section 四) with its 15 values rewritten under a header the grammar
    reads, or None where the table is intact or has not the shape of section 四."""
    region = split_spaced(chunks, ctx.st.norm.text, lo, hi)
    ps = pieces(region)
    spans = stretches(ps)
    if not spans:
        return None
    # headed: right after a cell the grammar reads as a header (a GFM delimiter row is one)
    unheaded = [(a, b) for a, b in spans if a == 0 or ps[a - 1].kind not in ("header", "furniture")
                or not is_header_cell(region[ps[a - 1].chunks[-1]].text)]
    # a page number or a note inside the values (a GFM delimiter row is part of a table)
    broken = any(p.kind == "note" or (p.kind == "furniture" and not p.text.startswith(HEADER))
                 for a, b in spans for p in ps[a:b])
    if not unheaded and not broken and len(region) == hi - lo:
        return None
    valued = [(a, b) for a, b in spans if any(p.kind == "cell" and p.text != BLANK for p in ps[a:b])]
    cells = [p for a, b in valued for p in ps[a:b] if p.kind == "cell"]
    while len(cells) > _NREV and cells[0].text == BLANK:
        cells.pop(0)
    if len(cells) != _NREV or not (unheaded or broken):
        return None
    nums = [None if c.text == BLANK else cell_value(c.text) for c in cells]
    held = review_groups_hold(nums)
    first = min(a for a, _ in valued)
    members = {i for a, b in valued for i in range(a, b)}
    out: list[Chunk] = []
    for k, p in enumerate(ps):
        if k == first:
            c0 = region[cells[0].chunks[0]]
            if not (k > 0 and ps[k - 1].kind == "header" and is_header_cell(region[ps[k - 1].chunks[-1]].text)):
                out.append(Chunk(HEADER, c0.start, c0.start))
            out.extend(attrs.evolve(region[c.chunks[0]], text=c.text) for c in cells)
            a, b = c0.start, region[cells[-1].chunks[0]].end
            ctx.diag("P122", f"第四部分按形状识别 (section 四 recognised by its shape): 15 values under a damaged "
                     f"header, read as 行政复议 and the two groups of 行政诉讼 in the official order; A4 holds for "
                     f"{held} of 3 groups", a, b, Severity.WARNING if held < 3 else Severity.INFO)
        if k in members:
            if p.kind != "cell":
                out.extend(region[i] for i in p.chunks)
            continue
        if p.kind == "header" and k < first:
            out.extend(attrs.evolve(region[i], text=HEADER + region[i].text.lstrip(HEADER)) for i in p.chunks)
            continue
        out.extend(region[i] for i in p.chunks)
    return out
