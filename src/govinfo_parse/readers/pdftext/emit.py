"""The chunk stream of the application table, from its fragments and their alignment.

Header lines become one chunk per header cell; each placed run becomes its row's official label
and one chunk per value.  The label is the one printed beside the run that names its row; for a
run placed by position, one printed beside it that names the row when that row is the one
expected there (the shared position rule of :func:`~govinfo_parse.tables.labels.match_label`);
else an empty label at the run (``P106``).  An approximate label is ``P101``; a run no row takes
keeps its nearest label behind the unplaced marker (``P102``); a label that named no run is
``P106``.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ...nodes import Diagnostic, Severity, Span
from ...normalise import Normalised, SourceMap
from ...stream import UNPLACED, Chunk, squeeze
from ...tables.labels import (
    OfficialLabel,
    approximate_label_diagnostic,
    canonical_chunk_text,
    is_group_label,
    unplaced_label_diagnostic,
)
from .align import align, match_at, match_fragments, row_sets
from .fragments import Frag, fragments, runs_of, window_labels
from .headers import header_cells
from .lines import Line, Tok, label_text, spaced_text

__all__ = ["Out", "application_table"]


@attrs.define
class Out:
    """The chunks and diagnostics of a text being read, with what positions need."""

    norm: Normalised
    smap: SourceMap
    chunks: list[Chunk] = attrs.field(factory=list)
    diags: list[Diagnostic] = attrs.field(factory=list)

    def span(self, start: int, end: int) -> Span:
        """Span in the user's file of the normalised ``[start, end)``."""
        return self.smap.span_of_normalised(self.norm, start, end)

    def tok(self, t: Tok, text: str | None = None) -> None:
        """One chunk of one word (``text``: what the lexer must see instead)."""
        self.chunks.append(Chunk(squeeze(t.text) if text is None else text, t.start, t.end))

    def toks(self, toks: Sequence[Tok], text: str | None = None) -> None:
        """One chunk of the words joined (``text``: what the lexer must see instead); none for no words."""
        if toks:
            joined = squeeze("".join(t.text for t in toks))
            self.chunks.append(Chunk(joined if text is None else text, toks[0].start, toks[-1].end))

    def diag(self, code: str, sev: Severity, msg: str, span: Span | None) -> None:
        """Add a diagnostic."""
        self.diags.append(Diagnostic(code, sev, msg, span))


def application_table(lines: Sequence[Line], out: Out) -> None:
    """Emit the application table's lines: runs aligned to the official rows of the format that
    fits best (2021 or 2019), in the official order, then the labels left over."""
    frags = fragments(lines)
    match_fragments(frags)
    runs = runs_of(frags)
    windows = window_labels(frags, runs)
    near = window_labels(frags, runs, unmatched=True)
    best: tuple[float, int, str, tuple[OfficialLabel, ...], list[int | None]] | None = None
    for fmt, rows in row_sets():
        sc, assign = align(runs, windows, rows)
        cand = (sc, -abs(len(rows) - len(runs)), fmt, rows, assign)
        if best is None or cand[:2] > best[:2]:
            best = cand
    assert best is not None
    _, _, fmt, rows, assign = best

    for f in frags:
        if f.kind == "header":
            cells = header_cells(f.toks) or [(i, i + 1) for i in range(len(f.toks))]
            for a, b in cells:
                out.toks(f.toks[a:b])
    by_row: dict[int, Frag] = {}
    for r, j in zip(runs, assign, strict=True):
        if j is not None:
            by_row[j] = r
    used_labels: set[int] = set()
    run_index = {id(r): i for i, r in enumerate(runs)}
    emitted: set[int] = set()
    for j, row in enumerate(rows):
        placed = by_row.get(j)
        if placed is None:
            continue
        r = placed
        i = run_index[id(r)]
        # emit unplaced runs that come before this one, in text order
        for k in range(i):
            if assign[k] is None and k not in emitted:
                _emit_unplaced(runs[k], windows[k], out)
                emitted.add(k)
        emitted.add(i)
        # the label beside the run that names its row; else one that names it as the row
        # expected here (the shared position rule: a run placed by position)
        label, m = next(((lb, lb.match) for lb in windows[i] if lb.match is not None
                         and lb.match.official.key == row.key and lb.order not in used_labels), (None, None))
        if label is None:
            label, m = next(((lb, m) for lb in near[i] if lb.order not in used_labels
                             and (m := match_at(lb, row.key)) is not None), (None, None))
        first = r.toks[0]
        if label is not None and m is not None:
            used_labels.add(label.order)
            out.toks(label.toks, canonical_chunk_text(row))
            if not m.exact:
                out.diags.append(approximate_label_diagnostic(
                    m, out.span(label.toks[0].start, label.toks[-1].end)))
        else:
            out.chunks.append(Chunk(canonical_chunk_text(row), first.start, first.start))
            others = [lb.match.official.label for lb in windows[i] if lb.match is not None]
            why = (f"the labels printed beside them name {', '.join(repr(o) for o in others)}" if others
                   else "no label is printed beside them")
            out.diag("P106", Severity.WARNING,
                     f"数值行按位置归属 (row placed by position): the numbers {spaced_text(r.toks)!r} "
                     f"were taken for {row.label!r} by their place in the table; {why}",
                     out.span(first.start, r.toks[-1].end))
        for t in r.toks:
            out.tok(t)
    for k, r in enumerate(runs):
        if k not in emitted:
            _emit_unplaced(r, windows[k], out)
    # labels that neither named a row nor continued one: keep their text
    for f in frags:
        if f.kind == "label" and f.continuation_of is None and f.order not in used_labels:
            if f.match is not None and is_group_label(f.match.official, fmt):
                continue  # a merged group label (（六）其他处理 is one in 2021): no values of its own
            if f.match is not None:
                out.diag("P106", Severity.WARNING,
                         f"行标签没有数值 (label without values): {label_text(f.toks)!r} "
                         f"({f.match.official.label}) has no run of numbers beside it",
                         out.span(f.toks[0].start, f.toks[-1].end))
                continue
            out.toks(f.toks)
        elif f.kind == "page":
            out.toks(f.toks)


def _emit_unplaced(r: Frag, window: Sequence[Frag], out: Out) -> None:
    """A run no row takes: a row with no key, labelled by the first label beside it (``P102``)."""
    first = r.toks[0]
    near = next((lb for lb in window), None)
    if near is not None:
        text = label_text(near.toks)
        out.chunks.append(Chunk(UNPLACED + text, near.toks[0].start, near.toks[-1].end))
        span = out.span(near.toks[0].start, near.toks[-1].end)
    else:
        out.chunks.append(Chunk(UNPLACED, first.start, first.start))
        span = out.span(first.start, r.toks[-1].end)
        text = spaced_text(r.toks)
    out.diags.append(unplaced_label_diagnostic(text, span))
    for t in r.toks:
        out.tok(t)
