"""Cells and splits: the ways one run of digits can be read as a row's cells.

A split is a tuple of cells ``(start, end, value)`` within the run.  The searches are pruned by
the cell rules (a count has no leading zero; a sign only where the column is signed; a decimal
point or unit only in amounts; white space is a boundary) and, where the format has one, by the
row's sum (A3 for section 三, A4 for each group of section 四), and bounded by a :class:`_Budget`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Union

import attrs

from ...nodes import Value
from .vocab import _UNITS

_LIST_CAP: Final = 400
"""Most candidate splits enumerated for one row without a sum (section 二, or a row that breaks
its sum); beyond it the row is reported with the count only."""
_MAX_DIGITS: Final = 12
"""Longest integer part of one cell (a count or an amount)."""

# --------------------------------------------------------------------------------------------
# cells and splits
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Col:
    """What a column admits: counts only, or signed numbers, or amounts (decimal point, unit)."""

    signed: bool = False
    decimal: bool = False
    unit: bool = False


_COUNT = _Col()
_CellT = tuple[int, int, Union[Value, None]]  # noqa: UP007 - a runtime alias on Python 3.10
"""A cell of a split: (start, end) within the run, and its value (None for a placeholder)."""
_Split = tuple[_CellT, ...]


class _BudgetExceeded(Exception):
    pass


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int = 1) -> None:
        """Take ``n`` steps from the budget; raise when it runs out."""
        self.left -= n
        if self.left < 0:
            raise _BudgetExceeded


class _Run:
    """One run of digits (squeezed), with the positions white space forces as cell boundaries."""

    def __init__(self, r: str, forced: Sequence[bool]) -> None:
        self.r = r
        n = len(r)
        stop = [n] * (n + 1)
        nxt = n
        for k in range(n - 1, -1, -1):
            stop[k] = nxt
            if forced[k] and k > 0:
                nxt = k
        self.stop = stop
        self.digits_only = r.isdigit()
        self._tables: dict[_Col, list[list[tuple[int, Value | None]]]] = {}
        self._numeric: list[list[tuple[int, int, Value | None]]] | None = None
        self._digit_table: list[list[tuple[int, Value | None]]] | None = None
        self._ends: dict[_Col, list[list[int]]] = {}
        self._spans: list[tuple[int, int]] | None = None

    def table(self, col: _Col) -> list[list[tuple[int, Value | None]]]:
        """For every start position, the cells that may start there: (end, value), ends ascending,
        placeholders first."""
        if self.digits_only and self.r.isascii():
            # nothing but ASCII digits: no sign, decimal point, unit, thousands separator or
            # placeholder can occur, so every column type admits the same cells — a count of up
            # to _MAX_DIGITS digits without a leading zero, within the forced boundaries
            if self._digit_table is None:
                self._digit_table = self._digits()
            return self._digit_table
        got = self._tables.get(col)
        if got is None:
            got = [self._options(p, col) for p in range(len(self.r))]
            self._tables[col] = got
        return got

    def _digits(self) -> list[list[tuple[int, Value | None]]]:
        """:meth:`table` of a run of ASCII digits (what :meth:`_options` gives there)."""
        r, stop = self.r, self.stop
        out: list[list[tuple[int, Value | None]]] = []
        for p in range(len(r)):
            if r[p] == "0":
                out.append([(p + 1, 0)])
            else:
                out.append([(e, int(r[p:e])) for e in range(p + 1, min(stop[p], p + _MAX_DIGITS) + 1)])
        return out

    def count_step(self, col: _Col, after: list[int]) -> list[int]:
        """For every start position, the sum of ``after[e]`` over the ends ``e`` of the cells
        that may start there (and 0 at the end of the run)."""
        if self.digits_only and self.r.isascii():
            # the ends of the cells starting at p are p + 1 … spans[p]
            if self._spans is None:
                self._spans = [(p + 1, row[-1][0] + 1) for p, row in enumerate(self.table(col))]
            out = [sum(after[a:b]) for a, b in self._spans]
        else:
            ends = self._ends.get(col)
            if ends is None:
                ends = [[e for e, _ in row] for row in self.table(col)]
                self._ends[col] = ends
            out = [sum([after[e] for e in row]) for row in ends]
        out.append(0)
        return out

    def numeric(self) -> list[list[tuple[int, int, Value | None]]]:
        """The count cells of :meth:`table` with their value for sums (a placeholder counts 0):
        (end, value for sums, value)."""
        if self._numeric is None:
            self._numeric = [[(e, v if isinstance(v, int) else 0, v) for e, v in row] for row in self.table(_COUNT)]
        return self._numeric

    def _options(self, p: int, col: _Col) -> list[tuple[int, Value | None]]:
        """The cells that may start at ``p`` in a column of type ``col``: (end, value), placeholders first."""
        r, stop = self.r, self.stop[p]
        c = r[p]
        out: list[tuple[int, Value | None]] = []
        if c in "/*无空":  # a placeholder of one character ("/", "*", "无", "空"); "**" is two cells
            return [(p + 1, None)]
        if r.startswith("N/A", p) and p + 3 <= stop:
            return [(p + 3, None)]
        if c in "—-":
            e = p
            while e < stop and r[e] == c:
                e += 1
            out.append((p + 1, None))
            if e > p + 1:
                out.append((e, None))
            if not (c == "-" and col.signed and e == p + 1 and p + 1 < stop and r[p + 1].isdigit()):
                return out
        sign = 1
        q = p
        if c in "+-":
            if not (col.signed and p + 1 < stop and r[p + 1].isdigit()):
                return out
            sign = -1 if c == "-" else 1
            q = p + 1
        if not r[q].isdigit():
            return out
        ints: list[tuple[int, int]] = []
        if r[q] == "0":
            ints.append((q + 1, 0))
        else:
            e, v = q + 1, int(r[q])
            while True:
                ints.append((e, v))
                if e >= stop or not r[e].isdigit() or e - q >= _MAX_DIGITS:
                    break
                v = v * 10 + int(r[e])
                e += 1
            m = _THOUSANDS.match(r, q, stop)
            if m:
                e2 = q + len(m.group(1))
                for g in re.finditer(r",\d{3}", m.group(0)[len(m.group(1)):]):
                    e3 = e2 + g.end()
                    ints.append((e3, int(r[q:e3].replace(",", ""))))
        for e, v in ints:
            ends: list[tuple[int, Value]] = [(e, sign * v)]
            if col.decimal and e + 1 < stop and r[e] == "." and r[e + 1].isdigit():
                f = e + 1
                while f < stop and r[f].isdigit() and f - e <= _MAX_DIGITS:
                    f += 1
                    ends.append((f, Decimal(r[p:f].replace(",", ""))))
            for end, val in ends:
                unit = next((u for u in _UNITS if r.startswith(u, end) and end + len(u) <= stop), None) \
                    if col.unit else None
                if unit is not None:
                    out.append((end + len(unit), val))
                else:
                    out.append((end, val))
        out.sort(key=lambda x: (x[0], 0 if x[1] is None else 1))
        return out


_THOUSANDS = re.compile(r"([1-9]\d{0,2})(?:,\d{3})+")


def _count_splits(run: _Run, cols: Sequence[_Col], budget: _Budget) -> int:
    """How many ways the run reads as ``len(cols)`` cells (no sums)."""
    n, m = len(run.r), len(cols)
    budget.spend(n * m)
    after = [0] * (n + 1)  # ways to read run[p:] as the last columns, for the column after this one
    after[n] = 1
    for k in range(m - 1, -1, -1):
        after = run.count_step(cols[k], after)
    return after[0]


def _all_splits(run: _Run, cols: Sequence[_Col], cap: int, budget: _Budget) -> list[_Split]:
    """Up to ``cap`` ways to read the run as ``len(cols)`` cells (no sums)."""
    n = len(run.r)
    out: list[_Split] = []
    feasible: dict[tuple[int, int], bool] = {}
    tables = [run.table(c) for c in cols]

    def ok(p: int, k: int) -> bool:
        """Whether ``k`` cells can still fill the run from ``p``."""
        if k == len(cols):
            return p == n
        if p >= n:
            return False
        key = (p, k)
        got = feasible.get(key)
        if got is None:
            budget.spend()
            got = any(ok(e, k + 1) for e, _ in tables[k][p])
            feasible[key] = got
        return got

    def rec(p: int, k: int, acc: list[_CellT]) -> None:
        """Extend the partial split ``acc`` from position ``p`` with cell ``k``."""
        if len(out) >= cap:
            return
        if k == len(cols):
            out.append(tuple(acc))
            return
        for e, v in tables[k][p]:
            if ok(e, k + 1):
                acc.append((p, e, v))
                rec(e, k + 1, acc)
                acc.pop()

    rec(0, 0, [])
    return out


def _sum_splits(run: _Run, p: int, q: int, k: int, target: int, budget: _Budget) -> list[_Split]:
    """Ways to read ``run[p:q]`` as ``k`` count cells adding up to ``target``.

    Left to right, pruned by the remainder: every cell is at most what is left of the total, so
    (for a run of digits) the ``j`` cells still to place need at most ``j × digits(rem)``
    characters, and the largest of them is at least ``rem / j``, which needs its digits too.
    Elsewhere (placeholders in the run) by the least and greatest sums the rest of the run can
    make.  White space in the run is a boundary no cell crosses (:meth:`_Run.table`)."""
    opts = run.table(_COUNT)
    nopts = run.numeric()
    bounds: dict[tuple[int, int], tuple[int, int] | None] = {}

    def bound(x: int, j: int) -> tuple[int, int] | None:
        """Least and greatest sum cells ``j…`` can make from position ``x`` (None when they cannot fill it)."""
        if j == 0:
            return (0, 0) if x == q else None
        if q - x < j:
            return None
        key = (x, j)
        if key in bounds:
            return bounds[key]
        budget.spend()
        lo = hi = -1
        for e, v in opts[x]:
            if e > q - (j - 1):
                break
            sub = bound(e, j - 1)
            if sub is None:
                continue
            val = v if isinstance(v, int) else 0
            lo = val + sub[0] if lo < 0 else min(lo, val + sub[0])
            hi = max(hi, val + sub[1])
        got = (lo, hi) if hi >= 0 else None
        bounds[key] = got
        return got

    memo: dict[tuple[int, int, int], list[_Split]] = {}
    digits_only = run.digits_only

    def fits(x: int, j: int, rem: int) -> bool:
        """Whether ``run[x:q]`` may hold ``j`` cells adding up to ``rem``: by length alone in a run
        of digits (each cell has at most the digits of ``rem``, the largest at least those of
        ``rem / j``), else by the least and greatest sums the rest can make."""
        if digits_only:
            return j + len(str(-(-rem // j))) - 1 <= q - x <= j * len(str(rem))
        b = bound(x, j)
        return b is not None and b[0] <= rem <= b[1]

    def rec(x: int, j: int, rem: int) -> list[_Split]:
        """The splits of the run from ``x`` into cells ``j…`` adding up to ``rem``."""
        if j == 1:  # the last cell is the rest of the run
            for e, val, v in nopts[x]:
                if e == q and val == rem:
                    return [((x, e, v),)]
            return []
        key = (x, j, rem)
        got = memo.get(key)
        if got is not None:
            return got
        budget.spend()
        res: list[_Split] = []
        j1 = j - 1
        limit = q - j1
        # in a run of digits the other j - 1 cells take at most (j - 1) × digits(rem) characters
        start = q - j1 * len(str(rem)) if digits_only else 0
        for e, val, v in nopts[x]:
            if e < start:
                continue
            if e > limit or val > rem:
                break
            r2 = rem - val
            if digits_only:
                w2 = q - e
                if w2 > j1 * len(str(r2)) or w2 < j1 - 1 + len(str(-(-r2 // j1))):
                    continue
            elif not fits(e, j1, r2):
                continue
            for tail in rec(e, j1, r2):
                res.append(((x, e, v), *tail))
        memo[key] = res
        return res

    if k == 0:
        return [()] if p == q and target == 0 else []
    if q - p < k or not fits(p, k, target):
        return []
    return rec(p, k, target)


def _group_splits(run: _Run, p: int, nparts: int, end: int | None, budget: _Budget) -> list[tuple[int, _Split]]:
    """Ways to read a group starting at ``p``: ``nparts`` counts, then their total.  With ``end``
    the group must end there.  Returns (end of the group, cells)."""
    n = len(run.r)
    opts = run.table(_COUNT)
    out: list[tuple[int, _Split]] = []
    for t in range(p + nparts, n):
        width = t - p
        for e, v in opts[t]:
            if end is not None and e != end:
                continue
            if run.digits_only and v:
                # every part is at most the total, and the largest is at least total / nparts:
                # the total has d digits with width <= nparts * d and (d - 1) + (nparts - 1) <= width
                d = e - t
                if width > nparts * d or d - 1 + nparts - 1 > width:
                    continue
            total = v if isinstance(v, int) else 0
            for parts in _sum_splits(run, p, t, nparts, total, budget):
                out.append((e, (*parts, (t, e, v))))
    return out


def _review_splits(run: _Run, budget: _Budget) -> list[_Split]:
    """Readings of section 四's run as three groups of four results and their 总计 (A4)."""
    n = len(run.r)
    memo: dict[int, list[tuple[int, _Split]]] = {}

    def groups(p: int) -> list[tuple[int, _Split]]:
        """The readings of one group of five cells from ``p`` satisfying A4, with where each ends."""
        got = memo.get(p)
        if got is None:
            got = _group_splits(run, p, 4, None, budget)
            memo[p] = got
        return got

    out: list[_Split] = []
    for e1, g1 in groups(0):
        for e2, g2 in groups(e1):
            for e3, g3 in groups(e2):
                if e3 == n:
                    out.append((*g1, *g2, *g3))
                    if len(out) > _LIST_CAP:
                        return out
    return out


def _values(split: _Split) -> tuple[int, ...]:
    return tuple(v if isinstance(v, int) else 0 for _, _, v in split)
