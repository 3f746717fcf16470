"""Undecided flattened cells settled by the agency's previous or next report (R107, R108).

- worked examples: the 现行有效件数 chain settling a row, confirming a row the regularities
  inferred (F109), narrowing without deciding (R108); the carry-over chain settling an
  application row; a chain no reading satisfies saying nothing; cells read for certain unchanged;
- a Hypothesis property: two or three years of one agency (2021 format, the chains holding in
  the generated figures), rendered flattened: every cell the series settles is the true one,
  every other cell is as the reader left it;
- ``check --series`` reports R107 and reads the settled cells.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_flattened import COL_N, ZERO_REVIEW, application, counts, render, zero_app, zero_pro

import govinfo_parse
from govinfo_parse.cli import main as cli_main
from govinfo_parse.formats import labels as L
from govinfo_parse.nodes import Cell, CellState, Report
from govinfo_parse.readers.flattened.readings import readings, row_columns
from govinfo_parse.validate import validate_series
from govinfo_parse.validate.series_readings import settle_series

ITEM1 = next(i for i in L.proactive_items("2021") if i.key == "item1")


def flat(year: int, app: dict[str, list[str]] | None = None, item1: dict[str, list[str]] | None = None) -> str:
    """A 2021-format report of 某某局 for ``year``, rendered flattened."""
    pro = zero_pro()
    for key, cells in (item1 or {}).items():
        pro[("item1", key)] = cells
    return render("2021", app or zero_app(), ZERO_REVIEW, pro).replace("2023", str(year))


def item1_cells(report: Report, key: str) -> tuple[Cell, ...]:
    """The cells of 第二十条第（一）项's row ``key``."""
    assert report.proactive is not None
    item = next(i for i in report.proactive.items if i.item == "item1")
    return next(r for r in item.rows if r.key == key).cells


def values(cells: tuple[Cell, ...]) -> list[Any]:
    """The cells' values, ``"?"`` for an undecided one."""
    return ["?" if c.state is CellState.UNDECIDED else c.value for c in cells]


def test_readings_are_recomputed_from_the_undecided_digits() -> None:
    cols = row_columns("proactive", "2021", "item1")
    assert [tuple(v for _, v in r) for r in readings("1077", cols) or []] == [(1, 0, 77), (10, 7, 7)]
    # white space in the printed digits is a boundary no cell crosses
    assert [tuple(v for _, v in r) for r in readings("1 077", cols) or []] == [(1, 0, 77)]
    assert readings("12", cols) == []  # two digits cannot be three cells


def test_the_in_force_chain_settles_an_undecided_row() -> None:
    # 2022 prints 12|3|50 as "12350" (six readings); 2023 is "5154" (5|1|54, ranked first by the
    # regularities); 2021 is read for certain: 现行有效件数 41.  41 + 12 − 3 = 50 settles 2022.
    r21 = govinfo_parse.parse(flat(2021, item1={"normative_documents": ["0", "0", "41"]}))
    r22 = govinfo_parse.parse(flat(2022, item1={"normative_documents": ["12", "3", "50"]}))
    r23 = govinfo_parse.parse(flat(2023, item1={"normative_documents": ["5", "1", "54"]}))
    assert values(item1_cells(r22, "normative_documents")) == ["?"] * 3
    settled, diags = settle_series([r23, r21, r22])  # any order
    codes = {(i, d.code) for i, d in diags}
    assert (2, "R107") in codes and (0, "R107") in codes
    cells = item1_cells(settled[2], "normative_documents")
    assert values(cells) == [12, 3, 50] and all(c.inferred for c in cells)
    assert [c.raw for c in cells] == ["12", "3", "50"]
    # each settled cell's span is its own digits in the source
    text = flat(2022, item1={"normative_documents": ["12", "3", "50"]})
    assert [text[c.span.start:c.span.end] for c in cells if c.span] == ["12", "3", "50"]
    d = next(d for i, d in diags if i == 2)
    assert "12|3|50" in d.message and "(2021)" in d.message and "1|23|50" in d.message
    # the 2023 row the regularities had inferred is confirmed, as an info
    d23 = next(d for i, d in diags if i == 0)
    assert d23.severity.value == "info" and "confirms" in d23.message
    # rows read for certain are the same objects; the series checks see the settled values
    assert settled[1] is r21
    assert "R105" not in [d.code for d in validate_series(settled)]


def test_two_fitting_readings_narrow_without_deciding() -> None:
    # without 2021, "12350" keeps 1|23|50 and 12|3|50 (both give 现行有效件数 50)
    r22 = govinfo_parse.parse(flat(2022, item1={"normative_documents": ["12", "3", "50"]}))
    r23 = govinfo_parse.parse(flat(2023, item1={"normative_documents": ["5", "1", "54"]}))
    settled, diags = settle_series([r22, r23])
    d = next(d for i, d in diags if i == 0)
    assert d.code == "R108" and "1|23|50; 12|3|50" in d.message
    assert values(item1_cells(settled[0], "normative_documents")) == ["?"] * 3


def test_a_chain_no_reading_satisfies_says_nothing() -> None:
    # 现行有效件数 99 last year: no reading of "12350" gives 99 + 制发 − 废止 = 现行有效
    r21 = govinfo_parse.parse(flat(2021, item1={"normative_documents": ["0", "0", "99"]}))
    r22 = govinfo_parse.parse(flat(2022, item1={"normative_documents": ["12", "3", "50"]}))
    settled, diags = settle_series([r21, r22])
    assert not [d for i, d in diags if i == 1]
    assert settled[1] is r22


def test_the_carry_over_chain_settles_an_application_row() -> None:
    # 2023's 上年结转 prints "1010000011": 1|0|1|0|0|0|2?  No: A3 keeps 1|0|1|0|0|0|… readings that add
    # up; 2022 carried forward 10|1|0|0|0|0|11 for certain, which only one of them equals
    app22 = zero_app()
    app22["carried_forward"] = ["10", "1", "0", "0", "0", "0", "11"]
    app22["total"] = app22["granted"] = ["10", "1", "0", "0", "0", "0", "11"]
    app22["new"] = ["20", "2", "0", "0", "0", "0", "22"]
    app23 = zero_app()
    app23["carried_over"] = ["10", "1", "0", "0", "0", "0", "11"]
    app23["new"] = ["0", "1", "0", "0", "0", "0", "1"]
    app23["total"] = app23["granted"] = ["10", "2", "0", "0", "0", "0", "12"]
    r22, r23 = govinfo_parse.parse(flat(2022, app=app22)), govinfo_parse.parse(flat(2023, app=app23))
    t23 = r23.applications
    assert t23 is not None
    before = t23.row("carried_over")
    assert before is not None
    if all(c.state is not CellState.UNDECIDED for c in before.cells):
        return  # the decoder settled it with A1/A2 already: nothing for the series to do
    settled, diags = settle_series([r22, r23])
    after = settled[1].applications.row("carried_over")  # type: ignore[union-attr]
    assert after is not None
    got = [c.value for c in after.cells if c.state is not CellState.UNDECIDED]
    assert [d.code for _, d in diags] == ["R107"] and got == [10, 1, 0, 0, 0, 0, 11]


# --------------------------------------------------------------------------------------------
# the property: two or three years of one agency
# --------------------------------------------------------------------------------------------


@st.composite
def agency_years(draw: st.DrawFn) -> list[tuple[int, dict[str, list[str]], dict[str, list[str]]]]:
    """Two or three consecutive years of one agency (2021 format): the application table and
    第二十条第（一）项, the carry-over and 现行有效件数 chains holding."""
    n = draw(st.integers(2, 3))
    start = draw(st.integers(2021, 2023))
    out = []
    in_force = {r.key: draw(counts()) for r in ITEM1.rows}
    forward: list[int] | None = None
    for k in range(n):
        app = draw(application("2021"))
        if forward is not None:
            total, fwd = app["total"][:-1], app["carried_forward"][:-1]
            new = [t + f - c for t, f, c in zip(total, fwd, forward, strict=True)]
            fwd = [f - min(0, x) for f, x in zip(fwd, new, strict=True)]  # no negative 本年新收
            new = [max(0, x) for x in new]
            app["carried_over"] = [*forward, sum(forward)]
            app["carried_forward"] = [*fwd, sum(fwd)]
            app["new"] = [*new, sum(new)]
        forward = app["carried_forward"][:-1]
        item1: dict[str, list[str]] = {}
        for r in ITEM1.rows:
            issued = draw(counts())
            repealed = draw(st.integers(0, in_force[r.key] + issued))
            in_force[r.key] += issued - repealed
            item1[r.key] = [str(issued), str(repealed), str(in_force[r.key])]
        out.append((start + k, {key: [str(v) for v in vs] for key, vs in app.items()}, item1))
    assert all(len(v) == COL_N for _, a, _ in out for v in a.values())
    return out


def _cells(report: Report) -> dict[Any, Cell]:
    """Every cell of the application table and of 第二十条第（一）项, by (table, row, column)."""
    out: dict[Any, Cell] = {}
    if report.applications is not None:
        for r in report.applications.rows:
            for j, c in enumerate(r.cells):
                out.setdefault(("app", r.key, j), c)
    for key in (r.key for r in ITEM1.rows):
        for j, c in enumerate(item1_cells(report, key)):
            out[("item1", key, j)] = c
    return out


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
@given(agency_years(), st.randoms(use_true_random=False))
def test_the_series_settles_cells_to_their_true_values_or_leaves_them(
        years: list[tuple[int, dict[str, list[str]], dict[str, list[str]]]], rnd: Any) -> None:
    texts = [flat(y, app, item1) for y, app, item1 in years]
    reports = [govinfo_parse.parse(t) for t in texts]
    order = list(range(len(reports)))
    rnd.shuffle(order)
    settled, diags = settle_series([reports[i] for i in order])
    for pos, i in enumerate(order):
        _, app, item1 = years[i]
        truth = {("app", k, j): v for k, vs in app.items() for j, v in enumerate(vs)}
        truth.update({("item1", k, j): v for k, vs in item1.items() for j, v in enumerate(vs)})
        before, after = _cells(reports[i]), _cells(settled[pos])
        for key, cell in after.items():
            old = before[key]
            if old.state is not CellState.UNDECIDED and not old.inferred:
                assert cell == old and not cell.inferred, key  # read for certain: never changed
            elif cell.raw != old.raw or cell.state is not old.state:
                # settled (or a reading the regularities inferred replaced): the true value, said so
                assert cell.inferred and cell.raw == truth[key], (key, old.raw, cell.raw, truth[key])
                assert any(d.code == "R107" and p == pos for p, d in diags)


# --------------------------------------------------------------------------------------------
# check --series
# --------------------------------------------------------------------------------------------


def test_check_series_reads_the_settled_cells(tmp_path: Path) -> None:
    files = []
    for year, cells in ((2021, ["0", "0", "41"]), (2022, ["12", "3", "50"])):
        p = tmp_path / f"agency-{year}.txt"
        p.write_text(flat(year, item1={"normative_documents": cells}), encoding="utf-8")
        files.append(str(p))
    out = io.StringIO()
    with redirect_stdout(out):
        cli_main(["check", "--series", "--format", "json", *files])
    doc = json.loads(out.getvalue())
    series = [s["diagnostic"] for s in doc["series"]]
    r107 = [d for d in series if d["code"] == "R107"]
    assert len(r107) == 1 and "12|3|50" in r107[0]["message"]
    assert not [d for d in series if d["code"] == "R105"]
