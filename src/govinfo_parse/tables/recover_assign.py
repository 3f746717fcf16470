"""Keys for the value rows of a damaged application table: which official row each row is.

The assignment keeps the printed order.  Rows whose label is printed right before them keep it;
the rows in between two such rows are given, in order, the labels printed apart from their rows,
or — when a row has no label at all — the official rows their position leaves open, the
identities A1/A2 (:mod:`govinfo_parse.tables.identities`) choosing between the candidates.
Where no single assignment is best the rows stay unplaced.  The search is bounded (at most
:data:`MAX_CANDIDATES` assignments per gap between two placed rows).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._lazy import lazy_compile
from ..formats import labels as L
from ..formats.evidence import FORMAT_2019_RE, FORMAT_2021_RE
from ..nodes import Value
from .identities import application_score
from .pieces import Piece, cell_value
from .recover_rows import ValueRow

__all__ = ["MAX_CANDIDATES", "assign", "table_format"]

MAX_CANDIDATES = 256
"""Largest number of candidate assignments tried for the unlabelled rows between two placed rows."""

_YEAR = lazy_compile(r"(20[0-3]\d)年")


def table_format(keys: Sequence[str], n_rows: int, text: str) -> str:
    """The format (``2019`` or ``2021``) whose application rows the table has: a 2021-only row
    label or more rows than the 2019 table decide, then the words only one format's section 二
    prints (:mod:`govinfo_parse.formats.evidence`), else the year the text names most often (the
    prose of a 2020 report may well name 2021)."""
    if any(k.startswith("other.") for k in keys) or n_rows > len(L.application_rows("2019")):
        return "2021"
    new, old = FORMAT_2021_RE.search(text) is not None, FORMAT_2019_RE.search(text) is not None
    if new != old:
        return "2021" if new else "2019"
    years = [int(y) for y in _YEAR.findall(text[:3000])]
    return "2021" if years and max(set(years), key=years.count) >= 2021 else "2019"


def _numbers(row: ValueRow) -> list[Value | None]:
    """The numbers of a row's cells (None for a cell that is not a number), for the identities."""
    return [cell_value(c.text) for c in row.cells]


def assign(rows: list[ValueRow], loose: list[Piece], fmt: str) -> set[int]:
    """Give every row a key (or mark it unplaced); the set of loose labels used (their indices
    in ``loose``)."""
    order = [r.key for r in L.application_rows(fmt)]
    pos = {k: i for i, k in enumerate(order)}
    for r in rows:
        if r.label is not None and r.label.key in pos:
            r.key = r.label.key
    used: set[int] = set()
    anchors = [i for i, r in enumerate(rows) if r.key is not None]
    bounds = [-1, *anchors, len(rows)]
    for g in range(len(bounds) - 1):
        a, b = bounds[g], bounds[g + 1]
        # a row under a label the line reader could not place stays unplaced (its P102 says so)
        gap = [r for r in rows[a + 1 : b] if r.label is None or r.label.key is not None]
        if not gap:
            continue
        lo = pos[rows[a].key] if a >= 0 else -1  # type: ignore[index]
        hi = pos[rows[b].key] if b < len(rows) else len(order)  # type: ignore[index]
        keys = order[lo + 1 : hi]
        labs = sorted((i for i, p in enumerate(loose) if i not in used and p.key in keys[: len(keys)]),
                      key=lambda i: pos[loose[i].key])  # type: ignore[index]
        lab_keys = [loose[i].key for i in labs]
        if len(labs) == len(gap) and labs:
            for r, i in zip(gap, labs, strict=True):
                r.key, r.label, r.how = loose[i].key, loose[i], "detached"
            used.update(labs)
            continue
        fixed = {str(k) for k in lab_keys}
        if len(gap) > len(keys) or len(labs) > len(gap):
            for r in gap:
                r.how = "unplaced"
            continue
        choices = _candidates(keys, fixed, len(gap))
        if not choices:
            for r in gap:
                r.how = "unplaced"
            continue
        base = {r.key: _numbers(r) for r in rows if r.key is not None}
        scored = []
        for ch in choices:
            trial = dict(base)
            trial.update({k: _numbers(r) for k, r in zip(ch, gap, strict=True)})
            held, failed = application_score(trial)
            scored.append((held - failed, ch))
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            for r in gap:
                r.how = "unplaced"
            continue
        by_key = {loose[i].key: i for i in labs}
        for k, r in zip(scored[0][1], gap, strict=True):
            r.key = k
            if k in by_key:
                r.label, r.how = loose[by_key[k]], "detached"
                used.add(by_key[k])
            else:
                r.how = "inferred"
    return used


def _candidates(keys: Sequence[str], fixed: set[str], n: int) -> list[tuple[str, ...]]:
    """Ordered choices of ``n`` of ``keys`` that include every key of ``fixed`` (bounded)."""
    free = [k for k in keys if k not in fixed]
    out: list[tuple[str, ...]] = []
    for extra in itertools.combinations(free, n - len(fixed)):
        chosen = set(extra) | fixed
        out.append(tuple(k for k in keys if k in chosen))
        if len(out) >= MAX_CANDIDATES:
            return []
    return out
