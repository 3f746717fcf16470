"""Choosing among readings with the column identities: a branch-and-bound solver over the rows
that can be read several ways.  The identities themselves (A1, A2) come from
:mod:`govinfo_parse.formats.identities`; the decoder turns them into the equations solved here."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .splits import _Budget, _BudgetExceeded

# --------------------------------------------------------------------------------------------
# choosing among rows with the column identities (A1, A2)
# --------------------------------------------------------------------------------------------


@attrs.define
class _Solution:
    best: int
    neqs: int
    winners: list[set[int]]
    example: list[int]
    exhausted: bool = False


def _solve(cands: Sequence[Sequence[tuple[int, ...]]], eqs: Sequence[tuple[Sequence[tuple[int, int]], int]],
           base: Sequence[int], budget: _Budget) -> _Solution:
    """Branch and bound over the rows with several candidates (``cands[v]``, value vectors).
    ``eqs[e]`` = (terms (variable, coefficient), column); an equation holds when
    ``base[e] + Σ coefficient × value[column]`` is 0.  Finds the largest number of equations
    that can hold together and, per variable, every candidate that takes part in such a choice."""
    nv, ne = len(cands), len(eqs)
    delta: list[list[list[tuple[int, int]]]] = [[[] for _ in cands[v]] for v in range(nv)]
    for e, (terms, col) in enumerate(eqs):
        for v, coef in terms:
            for c, vec in enumerate(cands[v]):
                delta[v][c].append((e, coef * vec[col]))
    lo = [[0] * (nv + 1) for _ in range(ne)]
    hi = [[0] * (nv + 1) for _ in range(ne)]
    for v in range(nv - 1, -1, -1):
        mins: dict[int, int] = {}
        maxs: dict[int, int] = {}
        for c in range(len(cands[v])):
            for e, d in delta[v][c]:
                mins[e] = min(mins.get(e, d), d)
                maxs[e] = max(maxs.get(e, d), d)
        for e in range(ne):
            lo[e][v] = lo[e][v + 1] + mins.get(e, 0)
            hi[e][v] = hi[e][v + 1] + maxs.get(e, 0)
    cur = list(base)
    sol = _Solution(-1, ne, [set() for _ in range(nv)], [])
    assign = [0] * nv

    def bound(idx: int) -> int:
        """How many equations can still hold once rows ``idx…`` are chosen (an upper bound)."""
        return sum(1 for e in range(ne) if cur[e] + lo[e][idx] <= 0 <= cur[e] + hi[e][idx])

    def rec(idx: int) -> None:
        """Choose a reading for row ``idx`` and recurse, keeping the best choices found."""
        budget.spend()
        ub = bound(idx)
        if ub < sol.best:
            return
        if idx == nv:
            if ub > sol.best:
                sol.best = ub
                sol.winners = [set() for _ in range(nv)]
                sol.example = list(assign)
            for v in range(nv):
                sol.winners[v].add(assign[v])
            return
        for c in range(len(cands[idx])):
            for e, d in delta[idx][c]:
                cur[e] += d
            assign[idx] = c
            rec(idx + 1)
            for e, d in delta[idx][c]:
                cur[e] -= d

    try:
        rec(0)
    except _BudgetExceeded:
        sol.exhausted = True
    return sol
