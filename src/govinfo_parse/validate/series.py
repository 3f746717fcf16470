"""Across the reports of one agency (R101–R106): years missing, repeated or with gaps, the
carry-over chain 四、结转下年度继续办理 (N) = 二、上年结转 (N+1) per column, and in the 2021 format
现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N)."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from .._lazy import lazy_compile
from ..formats.glosses import app_col_name, fmt
from ..formats.labels import proactive_items
from ..nodes import Cell, CellRef, CellState, Diagnostic, ProactiveTable2021, Report, Span
from ._common import INFO, N_APP, AppView, W, aligned, app_ref, in_force_next, spans
from .document import title_span

__all__ = ["group_series", "normalise_agency", "series", "series_by_agency", "series_key", "who"]

def series(reports: Sequence[Report]) -> Iterator[tuple[int | None, Diagnostic]]:
    """The series checks, each diagnostic with the index of the report its span points into."""
    dated: list[tuple[int, int, Report]] = []
    for i, r in enumerate(reports):
        if r.metadata.year is None:
            yield i, Diagnostic(
                "R101", W,
                f"报告年度不明 (no year): {who(r, i)} has no year, so it is left out of the series checks",
                span=_title_span(r),
            )
        else:
            dated.append((r.metadata.year, i, r))
    dated.sort(key=lambda t: (t[0], t[1]))
    agencies = {r.metadata.agency for _, _, r in dated if r.metadata.agency}
    if len(agencies) > 1:
        yield None, Diagnostic(
            "R106", W,
            "机关不一致 (different agencies): the series holds reports of "
            + "、".join(sorted(agencies)) + "; the series checks assume one agency",
        )
    for (y1, i1, r1), (y2, i2, r2) in itertools.pairwise(dated):
        if y1 == y2:
            yield i2, Diagnostic(
                "R102", W,
                f"年度重复 (same year twice): {who(r1, i1)} and {who(r2, i2)} both report on {y1}; "
                "they are not compared",
                span=_title_span(r2),
            )
            continue
        if y2 != y1 + 1:
            yield i2, Diagnostic(
                "R103", INFO,
                f"年度不连续 (gap in the series): no report for "
                f"{y1 + 1 if y2 - y1 == 2 else f'{y1 + 1}–{y2 - 1}'} between {who(r1, i1)} "
                f"and {who(r2, i2)}; the carry-over chain is not checked across the gap",
                span=_title_span(r2),
            )
            continue
        yield from ((i2, d) for d in _carry_chain(y1, r1, i1, y2, r2, i2))
        yield from ((i2, d) for d in _in_force_chain(y1, r1, y2, r2))


def who(r: Report, i: int) -> str:
    """A report for a message: its path (or its place in the series) and year."""
    name = r.source.path or f"report #{i + 1}"
    return f"{name} ({r.metadata.year})" if r.metadata.year is not None else name


def _title_span(r: Report) -> Span | None:
    """Where a series diagnostic about a whole report points: its title, else its first section."""
    s = title_span(r)
    if s is not None:
        return s
    return r.sections[0].span if r.sections else None


def _carry_chain(y1: int, r1: Report, i1: int, y2: int, r2: Report, i2: int) -> Iterator[Diagnostic]:
    """R104 per column where year N's carried-forward differs from year N+1's carried-over."""
    t1, t2 = r1.applications, r2.applications
    if t1 is None or t2 is None:
        return
    v1, v2 = AppView(t1), AppView(t2)
    for j in range(N_APP):
        fwd, over = v1.cell("carried_forward", j), v2.cell("carried_over", j)
        if fwd is None or over is None:
            continue
        if fwd.number != over.number:
            yield Diagnostic(
                "R104", W,
                f"结转数前后不一致 (carry-over chain broken) in column {app_col_name(j)}: the {y1} report's "
                f"四、结转下年度继续办理 (carried forward) is {fmt(fwd.number)}, the {y2} report's "
                f"二、上年结转政府信息公开申请数量 (carried over) is {fmt(over.number)}",
                span=over.span, related=spans([fwd]), expected=fwd.number, actual=over.number,
                suggestion=f"the {y2} report's carry-over should equal what the {y1} report carried forward",
                cells=(app_ref("carried_forward", j), app_ref("carried_over", j)),
            )


def _in_force_chain(y1: int, r1: Report, y2: int, r2: Report) -> Iterator[Diagnostic]:
    """R105 per 第二十条第（一）项 row where documents in force do not carry over (2021 format)."""
    p1, p2 = r1.proactive, r2.proactive
    if not isinstance(p1, ProactiveTable2021) or not isinstance(p2, ProactiveTable2021):
        return
    spec = next(s for s in proactive_items("2021") if s.key == "item1")
    col = {c.key: i for i, c in enumerate(spec.columns)}
    names = {r.key: r.label for r in spec.rows}

    def rows(p: ProactiveTable2021) -> dict[str, tuple[Cell, ...]]:
        """第二十条第（一）项's rows by key, aligned with its columns."""
        out: dict[str, tuple[Cell, ...]] = {}
        for item in p.items:
            if item.item != "item1":
                continue
            for r in item.rows:
                cells = aligned(r.cells, len(spec.columns))
                if r.key is not None and r.key not in out and cells is not None:
                    out[r.key] = cells
        return out

    a, b = rows(p1), rows(p2)
    for key in names:
        if key not in a or key not in b:
            continue
        prev, cur = a[key], b[key]
        if any(c.state is not CellState.NUMBER for c in (prev[col["in_force"]], cur[col["in_force"]])):
            continue
        want = in_force_next(prev[col["in_force"]].number, cur[col["issued"]].number, cur[col["repealed"]].number)
        got = cur[col["in_force"]].number
        if want != got:
            yield Diagnostic(
                "R105", W,
                "现行有效件数前后不一致 (documents in force do not carry over) for "
                f"第二十条第（一）项/{names[key]}: {y1} 现行有效件数 {fmt(prev[col['in_force']].number)} "
                f"+ {y2} 本年制发件数 {fmt(cur[col['issued']].number)} "
                f"− 本年废止件数 {fmt(cur[col['repealed']].number)} = {fmt(want)}, "
                f"but {y2} 现行有效件数 is {fmt(got)} (in force last year + issued − repealed)",
                span=cur[col["in_force"]].span,
                related=spans([prev[col["in_force"]], cur[col["issued"]], cur[col["repealed"]]]),
                expected=want, actual=got,
                suggestion="documents can also lapse (失效) without being repealed, so a difference may be "
                "explained in the report's prose",
                cells=tuple(CellRef("proactive", f"item1.{key}", c) for c in ("in_force", "issued", "repealed")),
            )




# --------------------------------------------------------------------------------------------
# Series by agency
# --------------------------------------------------------------------------------------------

_YEAR_IN_NAME = lazy_compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def normalise_agency(name: str) -> str:
    """An agency name compared across reports: full-width forms folded to half width (NFKC), white
    space, punctuation and symbols removed, Latin letters lower-cased — so “平潭综合实验区 财政金融局”
    and “平潭综合实验区财政金融局” are one agency."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC").lower()


def series_key(report: Report, path: str | None = None) -> str:
    """The series a report belongs to: ``agency:<normalised name>`` when the report names its
    agency; else ``file:<directory>/<file name without extensions and years>`` from ``path`` (or
    the report's source path), so ``x/nj-2021.txt`` and ``x/nj-2022.txt`` form one series; else
    ``report:<id>`` (a series of its own)."""
    if report.metadata.agency:
        key = normalise_agency(report.metadata.agency)
        if key:
            return f"agency:{key}"
    where = path or report.source.path
    if where:
        p = PurePath(where)
        stem = p.name.split(".", 1)[0]
        stem = _YEAR_IN_NAME.sub("", stem).strip(" -_.年")
        return f"file:{p.parent.as_posix()}/{stem}"
    return f"report:{id(report)}"


def group_series(reports: Sequence[Report], paths: Sequence[str | None] | None = None) -> list[list[int]]:
    """The indices of ``reports`` grouped by :func:`series_key` (agency, else file name), groups in
    order of first appearance, each group in the order given (the checks sort by year)."""
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        path = paths[i] if paths is not None and i < len(paths) else None
        groups.setdefault(series_key(r, path), []).append(i)
    return list(groups.values())


def series_by_agency(reports: Sequence[Report], paths: Sequence[str | None] | None = None
                     ) -> Iterator[tuple[int | None, Diagnostic]]:
    """The series checks run within each agency's reports only (:func:`group_series`); indices
    are into ``reports``."""
    for group in group_series(reports, paths):
        for i, d in series([reports[i] for i in group]):
            yield (group[i] if i is not None else None), d
