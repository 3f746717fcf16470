"""Make the sample report shipped in the package: ``src/govinfo_parse/data/sample-2021.txt``.

    python tools/make_sample.py            # write it
    python tools/make_sample.py --check    # exit 1 if the shipped file differs from what this makes

The report is constructed here, value by value, for a fictional agency (示例市数据资源局) and
rendered with :func:`govinfo_parse.render` in the ``text`` layout: it is no copy of a real
report.  Its figures satisfy every identity of the 2021 format (A1–A4) and agree with its prose
(X101–X106), so ``govinfo-parse check`` finds no error in it; two blank cells and a "/" show how
blanks and placeholders come out in the records.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from govinfo_parse import parse, render
from govinfo_parse.formats.labels import APPLICATION_COLUMNS, REVIEW_COLUMNS, application_rows, proactive_items
from govinfo_parse.nodes import (
    ApplicationTable,
    Cell,
    CellState,
    ItemTable,
    Metadata,
    Paragraph,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Severity,
    Title,
)

OUT = Path(__file__).resolve().parents[1] / "src" / "govinfo_parse" / "data" / "sample-2021.txt"
AGENCY = "示例市数据资源局"


def num(v: int | Decimal, unit: str | None = None) -> Cell:
    return Cell(raw=f"{v}{unit or ''}", state=CellState.NUMBER, value=v, unit=unit)


def blank() -> Cell:
    return Cell(raw="", state=CellState.BLANK)


def proactive() -> ProactiveTable2021:
    values: dict[tuple[str, str], list[Cell]] = {
        ("item1", "rules"): [num(2), num(0), num(9)],
        ("item1", "normative_documents"): [num(14), num(3), num(57)],
        ("item5", "licensing"): [num(1268)],
        ("item6", "penalty"): [num(35)],
        ("item6", "coercion"): [blank()],
        ("item8", "fees"): [num(Decimal("0"))],
    }
    items = []
    for spec in proactive_items("2021"):
        rows = tuple(Row(r.key, r.label, tuple(values[(spec.key, r.key)])) for r in spec.rows)
        items.append(ItemTable(spec.key, rows))
    return ProactiveTable2021(tuple(items))


# results by column: natural person, business, research, nonprofit, legal service, other organisations
RESULTS: dict[str, tuple[int, int, int, int, int, int]] = {
    "granted": (41, 6, 1, 0, 2, 1),
    "partly_granted": (7, 1, 0, 0, 0, 0),
    "withheld.state_secret": (1, 0, 0, 0, 0, 0),
    "withheld.third_party": (2, 1, 0, 0, 0, 0),
    "withheld.process": (3, 0, 0, 0, 0, 0),
    "unavailable.not_held": (12, 2, 0, 1, 1, 0),
    "unavailable.unclear": (2, 0, 0, 0, 0, 0),
    "not_processed.petition": (4, 0, 0, 0, 0, 0),
    "not_processed.repeated": (3, 0, 0, 0, 0, 0),
    "other.no_correction": (2, 0, 0, 0, 0, 0),
}
CARRIED_OVER = (3, 1, 0, 0, 0, 0)
CARRIED_FORWARD = (4, 0, 0, 0, 1, 0)


def applications() -> ApplicationTable:
    cols = len(APPLICATION_COLUMNS) - 1
    answered = [sum(v[c] for v in RESULTS.values()) for c in range(cols)]
    new = [answered[c] + CARRIED_FORWARD[c] - CARRIED_OVER[c] for c in range(cols)]
    by_key: dict[str, list[int]] = {"new": new, "carried_over": list(CARRIED_OVER), "total": answered,
                                    "carried_forward": list(CARRIED_FORWARD)}
    rows = []
    for spec in application_rows("2021"):
        vals = by_key.get(spec.key) or list(RESULTS.get(spec.key, (0,) * cols))
        rows.append(Row(spec.key, spec.label, tuple(num(v) for v in [*vals, sum(vals)])))
    return ApplicationTable(ReportFormat.F2021, tuple(rows))


def reviews() -> ReviewTable:
    groups = {"review": (2, 1, 0, 0), "suit_direct": (1, 0, 0, 1), "suit_after_review": (0, 0, 0, 0)}
    cells: list[Cell] = []
    for spec in REVIEW_COLUMNS:
        group, part = spec.key.split(".")
        g = groups[group]
        if part == "total":
            cells.append(num(sum(g)))
        else:
            v = g[("upheld", "corrected", "other", "pending").index(part)]
            cells.append(Cell(raw="/", state=CellState.PLACEHOLDER) if group == "suit_after_review" and
                         part == "other" else num(v))
    return ReviewTable(tuple(cells))


def sample() -> Report:
    apps = applications()
    new_total = apps.rows[0].cells[-1].value
    answered = next(r for r in apps.rows if r.key == "total").cells[-1].value
    title = f"{AGENCY}2021年政府信息公开工作年度报告"
    return Report(
        format=ReportFormat.F2021,
        metadata=Metadata(title=title, agency=AGENCY, year=2021),
        preamble=(
            Title(title),
            Paragraph("（本报告为 govinfo-parse 的示例，机关与数字均为虚构。This sample report is "
                      "fictional: made by the govinfo-parse project, not taken from a real one.）"),
        ),
        sections=(
            Section(1, "总体情况", (
                Paragraph("2021年，示例市数据资源局认真贯彻落实《中华人民共和国政府信息公开条例》，"
                          "以公开为常态、不公开为例外，全面推进政府信息公开工作。"),
                Paragraph(f"全年共受理政府信息公开申请{new_total}件，已办理{answered}件，"
                          "结转下年度继续办理5件。"),
                Paragraph("全年因政府信息公开引发的行政复议3件、行政诉讼2件。"),
            )),
            Section(2, "主动公开政府信息情况", (proactive(),)),
            Section(3, "收到和处理政府信息公开申请情况", (apps,)),
            Section(4, "政府信息公开行政复议、行政诉讼情况", (reviews(),)),
            Section(5, "存在的主要问题及改进情况", (
                Paragraph("一是政策解读的形式还不够丰富；二是部分栏目更新不够及时。下一步将加强栏目维护。"),
            )),
            Section(6, "其他需要报告的事项", (
                Paragraph("本年度未收取信息处理费。"),
            )),
        ),
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    text = render(sample(), layout="text")
    back = parse(text)
    errors = [d for d in back.diagnostics if d.severity is Severity.ERROR]
    if errors or back != sample():
        print("the sample does not read back cleanly:", *(f"{d.code} {d.message}" for d in errors), sep="\n",
              file=sys.stderr)
        return 1
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from what tools/make_sample.py makes", file=sys.stderr)
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
