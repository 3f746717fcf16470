"""Recovery of damaged tables: section 四 recognised by its shape, rows placed by their order.

A mixin of the cutter (``cutter.py``): what it does when the printed pieces do not form an
intact grid — section 四's header cut or lost (its value row recognised by 15 cells and A4), its
digits run on after the last application row (the one cut that leaves A3 before and A4 after),
a row label that is not official but stands where exactly one official row is missing.  Each
assignment is explained by a diagnostic over what was printed (F110, F111).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Final

from ...formats import labels as L
from ...nodes import Severity
from ...stream import Chunk
from .jobs import _Piece, _RowJob
from .splits import _Budget, _BudgetExceeded, _group_splits, _review_splits, _Run
from .vocab import _APP_LABELS, _REVIEW_TABLE, _Text

_SHAPE_BUDGET: Final = 20_000
"""Search steps for recognising section 四 by its shape (a run, or the tail of the last row)."""


class _Recovery:
    """The cutter's recovery of damaged tables (see the module docstring)."""

    s: str
    t: _Text
    fmt: str

    def diag(self, code: str, sev: Severity, msg: str, a: int, b: int,
             related: Sequence[tuple[int, int]] = (), suggestion: str | None = None) -> None:
        """Record a diagnostic (the cutter's)."""
        raise NotImplementedError

    def _squeezed(self, pos: int) -> int:
        """The squeezed index of normalised offset ``pos`` (a chunk's start)."""
        return bisect_left(self.t.pos, pos)

    def _review_shape(self, a: int, b: int) -> bool:
        """Whether squeezed ``s[a:b]`` reads as section 四's value row (A4 in every group)."""
        forced = [self.t.gap[k] for k in range(a, b)]
        try:
            return bool(_review_splits(_Run(self.s[a:b], forced), _Budget(_SHAPE_BUDGET)))
        except _BudgetExceeded:
            return False

    def _review_tail(self, a: int, b: int) -> int | None:
        """Where section 四's value row starts inside the run ``s[a:b]`` of the last application row,
        when section 四's heading and header were both lost and its digits run on: the one split
        point that leaves seven cells satisfying A3 before and fifteen satisfying A4 after (None
        when there is no such point, or several)."""
        s = self.s
        if sum(ch.isdigit() for ch in s[a:b]) < 22:
            return None
        found: list[int] = []
        try:
            budget = _Budget(_SHAPE_BUDGET)
            for p in range(a + 7, b - 14):
                if s[p - 1] in ".-" or not s[p].isdigit():
                    continue
                head = _Run(s[a:p], [self.t.gap[k] for k in range(a, p)])
                if not _group_splits(head, 0, 6, p - a, budget):
                    continue
                if _review_splits(_Run(s[p:b], [False] + [self.t.gap[k] for k in range(p + 1, b)]), budget):
                    found.append(p)
                    if len(found) > 1:
                        return None
        except _BudgetExceeded:
            return None
        if len(found) != 1:
            return None
        p = found[0]
        self.diag("F110", Severity.WARNING,
                  f"按形状识别 (table recognised by its shape): 四、结转下年度继续办理 prints “{s[a:b]}”, more digits "
                  f"than its 7 cells; neither the heading nor the header of {_REVIEW_TABLE} was printed, and the only "
                  f"way to read the run is 7 cells satisfying A3 (“{s[a:p]}”) followed by section 四's value row of 15 "
                  f"cells satisfying A4 in all three groups (“{s[p:b]}”); it is read so", a, b)
        return p

    def _place_by_order(self, pieces: Sequence[_Piece]) -> None:
        """A row whose label is not an official one takes the official row its neighbours leave
        out — exactly one row of the format between the rows before and after it, not printed
        elsewhere — and then takes part in A1/A2 like any row (F111 says so)."""
        order = [r.key for r in L.application_rows(self.fmt)]
        jobs = [p for p in pieces if isinstance(p, _RowJob) and p.kind == "app"]
        printed = {j.key for j in jobs}
        for n, job in enumerate(jobs):
            if job.key is not None or job.label is None:
                continue
            prev = next((j.key for j in reversed(jobs[:n]) if j.key in order), None)
            nxt = next((j.key for j in jobs[n + 1 :] if j.key in order), None)
            lo = order.index(prev) if prev is not None else -1
            hi = order.index(nxt) if nxt is not None else len(order)
            if hi - lo != 2 or order[lo + 1] in printed:
                continue
            key = order[lo + 1]
            lab = next((x for x in _APP_LABELS if x.key == key), None)
            if lab is None:
                continue
            printed.add(key)
            official = L.APPLICATION_ROW_BY_KEY[key].label
            self.diag("F111", Severity.WARNING,
                      f"按顺序定位 (row placed by its order): the row label “{job.name}” is not an official label; it "
                      f"stands where the format has {official}, the one row missing between its neighbours, and is "
                      "read as that row (its cells then take part in A1/A2)",
                      self._squeezed(job.label.start), job.b)
            job.key, job.name = key, official
            job.label = Chunk(lab.canonical, job.label.start, job.label.end)
