"""Decoding the row jobs into cells: sums within rows, identities across rows, diagnostics.

Nothing is guessed silently: a value chosen among alternatives carries a diagnostic naming the
candidates and the constraint that decided, and a row that stays ambiguous keeps its raw digits
in undecided cells under an error-level diagnostic covering the whole row (codes F101–F108).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ...formats import identities as ident
from ...formats import labels as L
from ...nodes import Severity, Value
from ...stream import Chunk
from . import regularities
from .cutter import _Cutter
from .identities import _Solution, _solve
from .jobs import _RowJob
from .splits import (
    _LIST_CAP,
    _all_splits,
    _Budget,
    _BudgetExceeded,
    _count_splits,
    _group_splits,
    _review_splits,
    _Run,
    _Split,
    _values,
)
from .vocab import _APP_TABLE, UNDECIDED

ROW_BUDGET: Final = 50_000
"""Search steps allowed for the splits of one row (past it: F108)."""
SOLVER_BUDGET: Final = 200_000
"""Search steps allowed for choosing among rows with the column identities (past it: F108)."""
_SHOW: Final = 8
"""Candidates spelled out in a diagnostic message."""


class _Decoder(_Cutter):
    # ---- decoding ----------------------------------------------------------------------------
    def _run(self, job: _RowJob) -> _Run:
        forced = [self.t.gap[k] for k in range(job.a, job.b)]
        return _Run(self.s[job.a : job.b], forced)

    def _decode(self) -> None:
        """Decode every row job of the text, then report the sums that decided (F102) and the summary (F101)."""
        jobs = [p for p in self.pieces if isinstance(p, _RowJob)]
        if not jobs:
            return
        app: dict[int, list[_RowJob]] = {}
        for job in jobs:
            if job.kind == "app":
                app.setdefault(job.table_id, []).append(job)
            elif job.kind == "pro":
                self._decode_free(job)
            else:
                self._decode_review(job)
        for rows in app.values():
            self._decode_app(rows)
        for rows in self.sum_decided.values():
            first = rows[0]
            which = "A3 (总计 = 自然人 + the five 法人或其他组织 columns)" if first.kind == "app" else \
                "A4 (each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结)"
            names = ", ".join(r.name for r in rows[:4]) + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")
            self.diag("F102", Severity.INFO,
                      f"按合计拆分 (split decided by the sums): in {first.table}, {len(rows)} row(s) printed without "
                      f"separators could be read several ways and only one reading satisfies {which}: {names}. "
                      "If the source's own sums are wrong, these readings are wrong too",
                      first.a, first.b, [(r.a, r.b) for r in rows[1:]])
        n_cells = sum(len(j.cells) for j in jobs)
        undecided = sum(1 for j in jobs for c in j.cells if c.text == UNDECIDED)
        first = jobs[0]
        self.diag("F101", Severity.INFO,
                  f"表格单元格无分隔符 (flattened scrape): the table cells of this report were joined without "
                  f"separators; {len(jobs)} row(s) were decoded into {n_cells} cells with the cell rules of the "
                  "format and its sums" + (f"; {undecided} cell(s) are left undecided" if undecided else ""),
                  first.a, first.b, [(j.a, j.b) for j in jobs[1:]])

    def _fmt_split(self, job: _RowJob, split: _Split) -> str:
        r = self.s[job.a : job.b]
        return "|".join(r[a:b] for a, b, _ in split)

    def _fmt_list(self, job: _RowJob, splits: Sequence[_Split], total: int | None = None) -> str:
        shown = "; ".join(self._fmt_split(job, x) for x in splits[:_SHOW])
        n = total if total is not None else len(splits)
        return shown + (f"; … ({n} in all)" if n > _SHOW else "")

    def _where(self, job: _RowJob) -> str:
        return f"{job.name} in {job.table}"

    def _emit(self, job: _RowJob, chosen: _Split | None, alts: Sequence[_Split] = ()) -> None:
        """Cell chunks of a row: the chosen split, or the cells all alternatives agree on plus
        undecided cells spanning the digits the others lie in."""
        t = self.t
        n = len(job.cols)
        base = job.a
        if chosen is not None:
            job.cells = [t.chunk(base + a, base + b) for a, b, _ in chosen]
            return
        decided: list[tuple[int, int] | None] = [None] * n
        if alts:
            for col in range(n):
                ab = alts[0][col][:2]
                if all(x[col][:2] == ab for x in alts):
                    decided[col] = (ab[0], ab[1])
        cells: list[Chunk] = []
        for col in range(n):
            d = decided[col]
            if d is not None:
                cells.append(t.chunk(base + d[0], base + d[1]))
                continue
            lo = next((x[1] for x in reversed(decided[:col]) if x is not None), 0)
            hi = next((x[0] for x in decided[col + 1 :] if x is not None), job.b - job.a)
            cells.append(t.chunk(base + lo, base + hi, UNDECIDED, "undecided"))
        job.cells = cells

    def _ambiguous(self, job: _RowJob, alts: Sequence[_Split], total: int, why: str) -> None:
        """F105: several readings remain; cells they agree on are kept, the others undecided."""
        self._emit(job, None, alts)
        raw = self.s[job.a : job.b]
        self.diag("F105", Severity.ERROR,
                  f"拆分有歧义 (ambiguous split): {self._where(job)} prints “{raw}” with no separators between "
                  f"its {len(job.cols)} cells, and {total} readings remain{why}: {self._fmt_list(job, alts, total)}. "
                  "Cells the readings agree on are kept; the others are left undecided (placeholder cells "
                  "holding the raw digits)",
                  job.a, job.b, suggestion="read the row in the source document (the HTML or PDF original)")

    def _unsplittable(self, job: _RowJob, why: str) -> None:
        """F107: the digits cannot be read as the row's cells; every cell undecided."""
        self._emit(job, None, ())
        raw = self.s[job.a : job.b]
        self.diag("F107", Severity.ERROR,
                  f"无法拆分 (digits cannot be split): {self._where(job)} prints “{raw}”, which cannot be read as "
                  f"{len(job.cols)} cells{why}; the row is kept undecided with its raw digits",
                  job.a, job.b, suggestion="blank cells leave no trace in a flattened scrape; read the row in the "
                  "source document")

    def _over_budget(self, job: _RowJob) -> None:
        self._emit(job, None, ())
        self.diag("F108", Severity.ERROR,
                  f"搜索超限 (search budget exceeded): decoding {self._where(job)} (“{self.s[job.a:job.b]}”) "
                  "took too many steps; the row is kept undecided with its raw digits",
                  job.a, job.b)

    def _decode_free(self, job: _RowJob) -> None:
        """A row without sums (section 二): decided only when one reading exists."""
        run = self._run(job)
        budget = _Budget(ROW_BUDGET)
        try:
            count = _count_splits(run, job.cols, budget)
            if count == 0:
                self._unsplittable(job, " under the column types (counts; a sign only in 本年增/减; a decimal "
                                        "point or unit only in amounts)")
                return
            splits = _all_splits(run, job.cols, min(count, _LIST_CAP), budget)
        except _BudgetExceeded:
            self._over_budget(job)
            return
        if count == 1:
            self._emit(job, splits[0])
            return
        if count == len(splits) and job.key is not None:
            columns = next((tuple(c.key for c in it.columns) for it in L.proactive_items(self.fmt)
                            if it.key == job.key), ())
            top, scores = regularities.rank(self.fmt, job.key, columns, [self._in_yuan(job, x) for x in splits])
            if top is not None:
                self._inferred(job, splits, top, scores, columns)
                return
            why = " (this table has no sums, and the format's regularities rank no reading first)"
        else:
            why = " (this table has no sums to choose with)"
        self._ambiguous(job, splits, count, why)

    def _in_yuan(self, job: _RowJob, split: _Split) -> list[Value | None]:
        """The values of a reading, amounts printed in 万元 or 亿元 scaled to 元."""
        r = self.s[job.a : job.b]
        out: list[Value | None] = []
        for a, b, v in split:
            scale = 100_000_000 if r.endswith("亿元", a, b) else 10_000 if r.endswith("万元", a, b) else 1
            out.append(v * scale if v is not None else None)
        return out

    def _inferred(self, job: _RowJob, splits: Sequence[_Split], top: int, scores: Sequence[int],
                  columns: Sequence[str]) -> None:
        """F109: a section 二 row read as the reading the regularities rank clearly first; the cells
        the readings disagree on are marked inferred."""
        chosen = splits[top]
        self._emit(job, chosen)
        marked = 0
        for col, (a, b, _) in enumerate(chosen):
            if any(x[col][:2] != (a, b) for x in splits):
                c = job.cells[col]
                job.cells[col] = Chunk(c.text, c.start, c.end, "inferred")
                marked += 1
        others = []
        for k in sorted(range(len(splits)), key=lambda k: -scores[k]):
            if k == top:
                continue
            fails = regularities.broken(self.fmt, job.key or "", columns, self._in_yuan(job, splits[k]))
            others.append(f"{self._fmt_split(job, splits[k])}" + (f" (breaks {' and '.join(fails)})" if fails else ""))
        kept = regularities.broken(self.fmt, job.key or "", columns, self._in_yuan(job, chosen))
        self.diag("F109", Severity.WARNING,
                  f"按常规推断 (split inferred from the format's regularities): {self._where(job)} prints "
                  f"“{self.s[job.a:job.b]}” with no separators between its {len(job.cols)} cells; of its "
                  f"{len(splits)} readings, {self._fmt_split(job, chosen)} fits the regularities of the format best"
                  + (f" (though it breaks {' and '.join(kept)})" if kept else "")
                  + f" and is used, its {marked} doubtful cell(s) marked inferred; the others: "
                  + "; ".join(others[:_SHOW]) + (f"; … ({len(others)} in all)" if len(others) > _SHOW else ""),
                  job.a, job.b, suggestion="read the row in the source document (the HTML or PDF original)")

    def _decode_review(self, job: _RowJob) -> None:
        """Section 四: the readings that satisfy A4 in all three groups decide the row."""
        run = self._run(job)
        budget = _Budget(ROW_BUDGET)
        try:
            raw = _count_splits(run, job.cols, budget)
            cands = _review_splits(run, budget)
        except _BudgetExceeded:
            self._over_budget(job)
            return
        if len(cands) == 1:
            self._emit(job, cands[0])
            if raw > 1:
                self.sum_decided.setdefault(-1, []).append(job)
            return
        if len(cands) > 1:
            self._ambiguous(job, cands, len(cands), " that satisfy A4 in all three groups")
            return
        self._decode_broken_sum(job, run, raw, "A4 (each group's 总计 = the sum of its four results)")

    def _decode_broken_sum(self, job: _RowJob, run: _Run, raw: int, rule: str) -> None:
        """A row none of whose readings satisfies its sum: F106, then its only reading or F105."""
        if raw == 0:
            self._unsplittable(job, "")
            return
        self.diag("F106", Severity.WARNING,
                  f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                  f"(“{self.s[job.a:job.b]}”) satisfies {rule}; the printed figures do not add up, or a cell "
                  "the scrape dropped is missing", job.a, job.b)
        if raw == 1:
            budget = _Budget(ROW_BUDGET)
            self._emit(job, _all_splits(run, job.cols, 1, budget)[0])
            return
        budget = _Budget(ROW_BUDGET)
        self._ambiguous(job, _all_splits(run, job.cols, min(raw, _LIST_CAP), budget), raw,
                        f" (none satisfies {rule.split(' ')[0]})")

    def _decode_app(self, rows: list[_RowJob]) -> None:
        """Section 三: A3 per row, then A1/A2 across rows (branch and bound) for rows left with several
        readings; F102–F106 say what decided."""
        cands: dict[int, list[_Split]] = {}
        broke: set[int] = set()
        raw_counts: dict[int, int] = {}
        for idx, job in enumerate(rows):
            run = self._run(job)
            budget = _Budget(ROW_BUDGET)
            try:
                raw = _count_splits(run, job.cols, budget)
                raw_counts[idx] = raw
                found = [x for _, x in _group_splits(run, 0, 6, len(run.r), budget)] if raw else []
                if not found and 0 < raw <= _LIST_CAP:
                    found = _all_splits(run, job.cols, raw, budget)
                    broke.add(idx)
            except _BudgetExceeded:
                self._over_budget(job)
                continue
            if raw == 0:
                self._unsplittable(job, "")
                continue
            if not found:  # breaks A3 and too many readings to weigh
                self.diag("F106", Severity.WARNING,
                          f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                          f"(“{self.s[job.a:job.b]}”) satisfies A3 (总计 = the sum of the six applicant columns)",
                          job.a, job.b)
                self._ambiguous(job, _all_splits(run, job.cols, _SHOW, _Budget(ROW_BUDGET)), raw, "")
                continue
            cands[idx] = found
        # the column identities across rows
        first: dict[str, int] = {}
        for idx, job in enumerate(rows):
            if job.key is not None and idx in cands and job.key not in first:
                first[job.key] = idx
        eqs: list[tuple[list[tuple[int, int]], int]] = []
        names: list[str] = []
        columns = list(enumerate(L.APPLICATION_COLUMNS))
        # A1 per column (parts positive, totals negative), from the format's identities
        a1s = [(col, ident.a1(spec.key)) for col, spec in columns]
        if all(c.row in first for _, eq in a1s for c in eq.cells):
            for col, eq in a1s:
                eqs.append(([*((first[str(c.row)], 1) for c in eq.left), *((first[str(c.row)], -1) for c in eq.right)],
                            col))
                names.append(f"A1 in column {L.APPLICATION_COLUMNS[col].label}")
        # A2 per column over the result rows the table has (the total positive, the parts negative)
        results = ident.result_rows(present=first)
        lost = any(j.key in L.RESULT_ROW_KEYS and j.key not in first for j in rows)
        if "total" in first and results and not lost:
            for col, spec in columns:
                eq = ident.a2(spec.key, results)
                eqs.append(([*((first[str(c.row)], 1) for c in eq.right), *((first[str(c.row)], -1) for c in eq.left)],
                            col))
                names.append(f"A2 in column {L.APPLICATION_COLUMNS[col].label}")
        involved = {i for terms, _ in eqs for i, _ in terms}
        multi = [i for i in sorted(cands, key=lambda i: len(cands[i])) if len(cands[i]) > 1 and i in involved]
        var_of = {i: v for v, i in enumerate(multi)}
        base = [0] * len(eqs)
        var_eqs: list[tuple[list[tuple[int, int]], int]] = []
        fixed = {i: _values(cands[i][0]) for i in involved if i in cands and i not in var_of}
        for e, (terms, col) in enumerate(eqs):
            vterms: list[tuple[int, int]] = []
            for i, coef in terms:
                if i in var_of:
                    vterms.append((var_of[i], coef))
                else:
                    base[e] += coef * fixed[i][col]
            var_eqs.append((vterms, col))
        sol: _Solution | None = None
        if multi:
            sol = _solve([[_values(x) for x in cands[i]] for i in multi], var_eqs, base, _Budget(SOLVER_BUDGET))
            if sol.exhausted:
                self.diag("F108", Severity.ERROR,
                          f"搜索超限 (search budget exceeded): choosing among the readings of {len(multi)} rows of "
                          f"{_APP_TABLE} with the column identities took too many steps; those rows are left "
                          "undecided", rows[multi[0]].a, rows[multi[0]].b, [(rows[i].a, rows[i].b) for i in multi[1:]])
        for idx, job in enumerate(rows):
            if idx not in cands:
                continue
            found = cands[idx]
            if len(found) == 1:
                self._emit(job, found[0])
                if idx in broke:
                    self._broke_note(job, "and the only reading of the digits was kept")
                elif raw_counts.get(idx, 0) > 1:
                    self.sum_decided.setdefault(job.table_id, []).append(job)
                continue
            if idx not in var_of or sol is None or sol.exhausted:
                if idx in broke:
                    self._broke_note(job, "")
                self._ambiguous(job, found, len(found),
                                "" if idx in broke else " that satisfy A3"
                                + ("" if idx in var_of else " (the row takes part in no column identity)"))
                continue
            v = var_of[idx]
            win = sorted(sol.winners[v])
            if len(win) > 1:
                if idx in broke:
                    self._broke_note(job, "")
                why = (" that satisfy A3 and fit the column identities A1/A2 equally well" if idx not in broke
                       else " that fit the column identities A1/A2 equally well")
                self._ambiguous(job, [found[c] for c in win], len(win), why)
                continue
            chosen = win[0]
            self._emit(job, found[chosen])
            if idx in broke:
                self._broke_note(job, "")
            self._chosen(job, found, chosen, v, sol, multi, cands, var_eqs, base, names)

    def _broke_note(self, job: _RowJob, tail: str) -> None:
        self.diag("F106", Severity.WARNING,
                  f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                  f"(“{self.s[job.a:job.b]}”) satisfies A3 (总计 = the sum of the six applicant columns); the "
                  "printed figures do not add up, or a cell the scrape dropped is missing"
                  + (f", {tail}" if tail else ""), job.a, job.b)

    def _chosen(self, job: _RowJob, found: Sequence[_Split], chosen: int, v: int, sol: _Solution,
                multi: Sequence[int], cands: dict[int, list[_Split]],
                eqs: Sequence[tuple[Sequence[tuple[int, int]], int]], base: Sequence[int],
                names: Sequence[str]) -> None:
        """F103/F104: say which identities rule out the other readings."""

        def failing(assign: Sequence[int]) -> list[str]:
            """Names of the identities the assignment ``assign`` breaks."""
            out: list[str] = []
            for e, (terms, col) in enumerate(eqs):
                total = base[e] + sum(coef * _values(cands[multi[u]][assign[u]])[col] for u, coef in terms)
                if total != 0:
                    out.append(names[e])
            return out

        example = list(sol.example)
        example[v] = chosen
        fails_chosen = failing(example)
        reasons: list[str] = []
        for c, alt in enumerate(found):
            if c == chosen:
                continue
            trial = list(example)
            trial[v] = c
            extra = [f for f in failing(trial) if f not in fails_chosen]
            reasons.append(f"{self._fmt_split(job, alt)} would break " + (", ".join(extra[:4]) or "as many identities")
                           + (" …" if len(extra) > 4 else ""))
        what = f"{self._where(job)} (“{self.s[job.a:job.b]}”) read as {self._fmt_split(job, found[chosen])}"
        if sol.best == sol.neqs:
            self.diag("F103", Severity.INFO,
                      f"按勾稽关系选定 (split chosen by the column identities): {what}; of the {len(found)} readings "
                      f"that satisfy A3, only this one lets A1/A2 hold in every column — " + "; ".join(reasons),
                      job.a, job.b)
        else:
            self.diag("F104", Severity.WARNING,
                      f"按勾稽关系择优 (split chosen by best fit): {what}; no combination of readings lets A1/A2 "
                      f"hold in every column ({sol.best} of {sol.neqs} at best; failing: "
                      f"{', '.join(fails_chosen[:4])}{' …' if len(fails_chosen) > 4 else ''}), and this reading fits "
                      "best — " + "; ".join(reasons),
                      job.a, job.b, suggestion="check the row in the source document")
