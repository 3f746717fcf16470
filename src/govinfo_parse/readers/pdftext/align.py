"""Which official row each run of numbers is: label fragments matched, runs aligned to the rows.

Every label fragment is matched against the official labels; the pieces of a wrapped label are
joined back.  The runs of seven are then aligned with the official rows of a format by a
monotone alignment that rewards every printed label agreeing with the row its neighbouring
values are given to, so labels anchor and confirm rows rather than being the only way to find
them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ...formats import labels as L
from ...tables.labels import LabelMatch, OfficialLabel, app_labels, join_pieces, match_label
from .fragments import Frag
from .lines import label_text

__all__ = ["align", "match_at", "match_fragments", "row_sets"]

_STARTS_LABEL = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}([)）、.，,]|$)|^[(（]?\d{1,2}[)）.、．]")


def match_fragments(frags: list[Frag]) -> None:
    """Match every label fragment (:func:`~govinfo_parse.tables.labels.match_label`); join a
    wrapped label's pieces back together (the pieces of one label are consecutive label
    fragments, possibly with its values between them): a piece that matches no label exactly
    joins the piece after it when it starts with a row number ("（七", "3."), else the piece
    before it, whichever :func:`~govinfo_parse.tables.labels.join_pieces` accepts first."""
    labels = [f for f in frags if f.kind == "label"]
    for f in labels:
        f.match = match_label(label_text(f.toks))

    def join(head: Frag | None, tail: Frag | None, anchor: Literal["head", "tail"]) -> bool:
        """Join label piece ``tail`` to ``head`` (:func:`join_pieces`, ``anchor`` the piece that
        keeps its place): ``head`` takes the joined match, ``tail`` becomes its continuation."""
        if head is None or tail is None:
            return False
        m = join_pieces(label_text(head.toks), label_text(tail.toks), anchor=anchor)
        if m is None:
            return False
        head.match = m
        tail.match = None
        tail.continuation_of = head.order
        return True

    def join_prev(i: int, f: Frag) -> bool:
        """Join label ``i`` to the label before it (the earlier one anchored)."""
        prev = labels[i - 1] if i > 0 and labels[i - 1].continuation_of is None else None
        return join(prev, f, "head")

    def join_next(i: int, f: Frag) -> bool:
        """Join the label after label ``i`` to it (the later one anchored)."""
        return join(f, labels[i + 1] if i + 1 < len(labels) else None, "tail")

    for i, f in enumerate(labels):
        if f.continuation_of is not None or (f.match is not None and f.match.exact):
            continue
        # a piece that starts with a row number ("（七", "3.") starts a label; any other piece
        # more likely ends the one before it
        if _STARTS_LABEL.match(label_text(f.toks)):
            join_next(i, f) or join_prev(i, f)
        else:
            join_prev(i, f) or join_next(i, f)


def match_at(lb: Frag, key: str) -> LabelMatch | None:
    """The match of a label fragment for the row ``key`` when that row is the one expected at its
    place, or None when the label does not name it: its own match, or — a label matching no row
    exactly — :func:`~govinfo_parse.tables.labels.match_label` with the row expected (the shared
    position rule: the expected row may differ more, and settles a tie)."""
    if lb.continuation_of is not None:
        return None
    if lb.match is not None and (lb.match.exact or lb.match.official.key == key):
        return lb.match if lb.match.official.key == key else None
    m = match_label(label_text(lb.toks), expected=(key,))
    return m if m is not None and m.official.key == key else None


def align(runs: Sequence[Frag], windows: Sequence[Sequence[Frag]],
          rows: Sequence[OfficialLabel]) -> tuple[float, list[int | None]]:
    """Monotone alignment of runs to rows: +3 for a run whose window of labels
    (:func:`~govinfo_parse.readers.pdftext.fragments.window_labels`) names its row, -1 for a row
    left without values, -2 for a run left without a row.  The score and, for each run, the index
    of its row (None: no row takes it)."""
    n, m = len(runs), len(rows)
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int | None] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    keys = [r.key for r in rows]
    named = [frozenset(lb.match.official.key for lb in w if lb.match is not None) for w in windows]

    def agree(i: int, j: int) -> float:
        """The reward for run ``i`` taking row ``j``."""
        return 3.0 if keys[j] in named[i] else 0.0

    for i in range(n + 1):
        for j in range(m + 1):
            s = score[i][j]
            if s == neg:
                continue
            if i < n and j < m:  # run i takes row j
                v = s + agree(i, j)
                if v > score[i + 1][j + 1]:
                    score[i + 1][j + 1] = v
                    back[i + 1][j + 1] = (i, j, j)
            if j < m and s - 1 > score[i][j + 1]:  # row j gets no run
                score[i][j + 1] = s - 1
                back[i][j + 1] = (i, j, None)
            if i < n and s - 2 > score[i + 1][j]:  # run i gets no row
                score[i + 1][j] = s - 2
                back[i + 1][j] = (i, j, -1)
    assign: list[int | None] = [None] * n
    i, j = n, m
    while (i, j) != (0, 0):
        b = back[i][j]
        assert b is not None
        pi, pj, what = b
        if what is not None and what >= 0:
            assign[pi] = what
        i, j = pi, pj
    return score[n][m], assign


def row_sets() -> list[tuple[str, tuple[OfficialLabel, ...]]]:
    """(format, its value rows in table order) for the formats a table may be aligned with."""
    rows = {lb.key: lb for lb in app_labels()}
    return [(fmt, tuple(rows[r.key] for r in L.application_rows(fmt))) for fmt in ("2021", "2019")]
