"""The application table's lines cut into fragments: labels, runs of numbers, headers, pages.

The characters of a vertical label (三、本年度办理结果 printed one per line in a narrow merged
column, or glued in front of other labels) are set aside first.  What is left of each line is a
header line, a page number, or a label and/or a run of numbers; the runs are then made runs of
seven (a row of the table): short runs with nothing between them are one wrapped row, a run of
fourteen is two rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ...formats import labels as L
from ...normalise import lexer_view
from ...stream import squeeze
from ...tables.labels import LabelMatch
from .headers import header_cells
from .lines import PAGE_MARK, PAGE_NUMBER, Line, Tok, is_value, split_values

__all__ = ["NCOLS", "Frag", "fragments", "runs_of", "strip_vertical", "window_labels"]

NCOLS = len(L.APPLICATION_COLUMNS)
"""The number of values in a row of the application table."""

_VERTICAL_TARGETS = tuple(lexer_view(label)
                          for label in (L.APPLICATION_GROUPS["results"], "申请人情况", "法人或其他组织"))


@attrs.define
class Frag:
    """A piece of the application table in text order."""

    kind: str  # "label" | "run" | "header" | "page" | "text"
    toks: list[Tok]
    order: int
    match: LabelMatch | None = None
    continuation_of: int | None = None  # label fragments: index of the label this one continues


def strip_vertical(lines: Sequence[Line]) -> tuple[list[list[Tok]], list[Tok]]:
    """Each line's tokens without the characters of a vertical label, and those characters."""
    out: list[list[Tok]] = []
    vertical: list[Tok] = []
    progress = {t: 0 for t in _VERTICAL_TARGETS}
    for ln in lines:
        toks = list(ln.toks)
        if toks and len(toks[0].text) == 1 and not toks[0].text.isascii():
            ch = toks[0].text
            for target, k in progress.items():
                # the next character of a vertical label in progress (or the one after it, where
                # a character went astray), or the first of a new one the following lines continue
                if k > 0 and ch in target[k : k + 2]:
                    progress[target] = target.index(ch, k) + 1
                elif k == 0 and target[0] == ch and _continues(lines, ln.index, target):
                    progress[target] = 1
                else:
                    continue
                vertical.append(toks.pop(0))
                break
        out.append(toks)
    return out, vertical


def _continues(lines: Sequence[Line], index: int, target: str) -> bool:
    """Whether the next single character leading a line goes on with ``target`` (its second
    character, or its third where one went astray)."""
    if len(target) < 2:
        return False
    first = lines[0].index
    for ln in lines[index - first + 1 : index - first + 5]:
        if ln.toks and len(ln.toks[0].text) == 1 and not ln.toks[0].text.isascii():
            return ln.toks[0].text in target[1:3]
    return False


def fragments(lines: Sequence[Line]) -> list[Frag]:
    """The fragments of the table's lines in text order, vertical-label characters set aside: a
    page number, a header line (above the first run; below it only a line of several header
    words), else the line's label and its run of trailing numbers."""
    token_lines, _ = strip_vertical(lines)
    frags: list[Frag] = []
    seen_run = False
    for ln, toks in zip(lines, token_lines, strict=True):
        if not toks:
            continue
        if (PAGE_NUMBER.match(ln.text) and not is_value(squeeze(ln.text))) or PAGE_MARK.match(ln.text):
            frags.append(Frag("page", toks, len(frags)))
            continue
        label, values = split_values(toks)
        cells = header_cells(label) if label and not values else None
        # a header line: any above the first row; below it (a header repeated on a new page)
        # only one of several words — a lone "其他" or "总计" there is a piece of a row label
        if cells is not None and (not seen_run or len(cells) > 1):
            frags.append(Frag("header", label, len(frags)))
            continue
        seen_run = seen_run or bool(values)
        if label:
            frags.append(Frag("label", label, len(frags)))
        if values:
            frags.append(Frag("run", values, len(frags)))
    return frags


def runs_of(frags: list[Frag]) -> list[Frag]:
    """Value runs of seven: short runs with nothing between them are one wrapped row, a run of
    fourteen is two rows."""
    out: list[Frag] = []
    pending: Frag | None = None
    for f in frags:
        if f.kind != "run":
            if f.kind in ("label", "header") and f.continuation_of is None and pending is not None:
                out.append(pending)
                pending = None
            continue
        if pending is not None and len(pending.toks) < NCOLS and len(pending.toks) + len(f.toks) <= NCOLS:
            pending = Frag("run", pending.toks + f.toks, pending.order)
            continue
        if pending is not None:
            out.append(pending)
        pending = f
    if pending is not None:
        out.append(pending)
    split: list[Frag] = []
    for r in out:
        if len(r.toks) > NCOLS and len(r.toks) % NCOLS == 0:
            for k in range(0, len(r.toks), NCOLS):
                split.append(Frag("run", r.toks[k : k + NCOLS], r.order))
        else:
            split.append(r)
    return split


def window_labels(frags: Sequence[Frag], runs: Sequence[Frag], *, unmatched: bool = False) -> list[list[Frag]]:
    """For each run, the matched labels printed between the run before it and the run after it
    (``unmatched``: every label that is no continuation of another, matched or not)."""
    orders = [r.order for r in runs]
    out: list[list[Frag]] = []
    labels = [f for f in frags if f.kind == "label"
              and (f.match is not None or (unmatched and f.continuation_of is None))]
    for i in range(len(runs)):
        lo = orders[i - 1] if i > 0 else -1
        hi = orders[i + 1] if i + 1 < len(runs) else 10**9
        out.append([lb for lb in labels if lo < lb.order < hi])
    return out
