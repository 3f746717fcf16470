"""diff(a, b) and `govinfo-parse diff A B`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ast_samples import REPO, corpus_dir, legacy_report, num, parse_file_or_skip, sample_report
from govinfo_parse import serde
from govinfo_parse.cli import main as cli_main
from govinfo_parse.diff import (
    CellChange,
    ReportChange,
    RowChange,
    SectionChange,
    TableChange,
    TextChange,
    diff,
)
from govinfo_parse.formats.labels import APPLICATION_COLUMNS, REVIEW_COLUMNS, proactive_items
from govinfo_parse.nodes import (
    ApplicationTable,
    Cell,
    CellState,
    Heading,
    ItemTable,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReviewTable,
    Row,
    Section,
    Title,
)
from govinfo_parse.visit import Transformer


def replace_section(r: Report, number: int, section: Section | None) -> Report:
    out = tuple(section if s.number == number else s for s in r.sections)
    return attrs.evolve(r, sections=tuple(s for s in out if s is not None))


def with_blocks(r: Report, number: int, blocks: tuple[Any, ...]) -> Report:
    s = r.section(number)
    assert s is not None
    return replace_section(r, number, attrs.evolve(s, blocks=blocks))


# --- every official cell, one at a time ----------------------------------------------------------


def official_cells(r: Report) -> list[tuple[str, Cell]]:
    """(expected path, cell) for every cell of the sample, from the label table."""
    out: list[tuple[str, Cell]] = []
    for t in r.tables():
        if isinstance(t, (ProactiveTable2019, ProactiveTable2021)):
            specs = {i.key: i for i in proactive_items(t.FORMAT)}
            for item in t.items:
                for row in item.rows:
                    for cell, col in zip(row.cells, specs[item.item].columns, strict=True):
                        out.append((f"proactive/{item.item}/{row.key}/{col.key}", cell))
        elif isinstance(t, ApplicationTable):
            for row in t.rows:
                for cell, col in zip(row.cells, APPLICATION_COLUMNS, strict=True):
                    out.append((f"applications/{row.key}/{col.key}", cell))
        else:
            for cell, col in zip(t.cells, REVIEW_COLUMNS, strict=True):
                out.append((f"reviews/{col.key}", cell))
    return out


class ReplaceCell(Transformer):
    def __init__(self, target: Cell, new: Cell) -> None:
        self.target, self.new = target, new

    def leave_Cell(self, original: Cell, updated: Cell) -> Cell:
        return self.new if original is self.target else updated


EDITS = st.sampled_from([
    Cell("99999", CellState.NUMBER, 99999),
    Cell("", CellState.BLANK),
    Cell("—", CellState.PLACEHOLDER),
])


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_a_one_cell_edit_names_exactly_that_cell_for_every_cell(fmt: str) -> None:
    r = sample_report(fmt)
    cells = official_cells(r)
    assert len(cells) == len({id(c) for _, c in cells}) > 150
    new = Cell("99999", CellState.NUMBER, 99999)
    for path, cell in cells:
        edited = ReplaceCell(cell, new).transform(r)
        changes = diff(r, edited)
        assert len(changes) == 1, (path, changes)
        (c,) = changes
        assert isinstance(c, CellChange) and c.kind == "changed"
        assert c.path == path
        assert c.old is cell and c.new == new
        assert str(c).startswith(f"~ cell {path} [")
        assert f'"{cell.raw}"' in str(c) and '"99999" (99999)' in str(c)


@settings(max_examples=40)
@given(st.data(), st.sampled_from(["2019", "2021"]), EDITS)
def test_one_cell_edit_both_ways(data: st.DataObject, fmt: str, new: Cell) -> None:
    r = sample_report(fmt)
    path, cell = data.draw(st.sampled_from(official_cells(r)))
    edited = ReplaceCell(cell, new).transform(r)
    forward, backward = diff(r, edited), diff(edited, r)
    if cell == new:
        assert forward == backward == []
        return
    assert [c.path for c in forward] == [c.path for c in backward] == [path]
    assert isinstance(forward[0], CellChange) and isinstance(backward[0], CellChange)
    assert forward[0].old == backward[0].new and forward[0].new == backward[0].old


def test_a_report_against_itself_and_its_json_is_empty() -> None:
    for r in (sample_report("2019"), sample_report("2021"), legacy_report(), Report(sample_report().format)):
        assert diff(r, r) == []
        assert diff(r, serde.loads(serde.dumps(r))) == []
        assert diff(r, attrs.evolve(r, diagnostics=(), source=attrs.evolve(r.source, path="elsewhere"))) == []


def test_every_corpus_report_against_itself_and_against_each_one_cell_edit() -> None:
    from ast_samples import corpus_files

    files = corpus_files()
    parse_file = parse_file_or_skip()
    new = Cell("987654", CellState.NUMBER, 987654)
    edits = 0
    for path in files:
        r = parse_file(path)
        assert diff(r, r) == [], path.name
        assert diff(r, parse_file(path)) == [], path.name
        for row in _rows(r):
            for i, cell in enumerate(row.cells):
                changes = diff(r, ReplaceCell(cell, new).transform(r))
                assert len(changes) == 1, (path.name, row.key, i, changes)
                (c,) = changes
                assert isinstance(c, CellChange) and c.old is cell and c.new == new
                assert c.row == (row.key if row.key is not None else f"?{row.label}") or (
                    c.row is not None and c.row.startswith((row.key or f"?{row.label}") + "#")), c.path
                edits += 1
    assert edits > 500  # the seeds alone hold four full sets of tables


def _rows(r: Report) -> list[Row]:
    """Rows of sections 二 and 三 (section 四's cells sit on the table itself)."""
    from govinfo_parse.visit import find_all

    return find_all(r, Row)


# --- rows, tables, sections, prose ------------------------------------------------------------


def test_rows_added_and_removed() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    fewer = with_blocks(r, 3, (attrs.evolve(app, rows=tuple(x for x in app.rows if x.key != "other.unpaid_fee")),))
    (c,) = diff(r, fewer)
    assert isinstance(c, RowChange) and c.kind == "removed" and c.path == "applications/other.unpaid_fee"
    assert c.old_label is not None and c.old_label.startswith("2.申请人逾期未按收费通知")
    assert len(c.cells) == 7 and str(c).startswith("- row applications/other.unpaid_fee [2.申请人")
    (back,) = diff(fewer, r)
    assert isinstance(back, RowChange) and back.kind == "added" and str(back).startswith("+ row ")


def test_unplaced_rows_are_matched_by_their_printed_label() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    stray = Row(None, "其他情形", tuple(num(1) for _ in range(7)))
    a = with_blocks(r, 3, (attrs.evolve(app, rows=(*app.rows, stray)),))
    moved = attrs.evolve(stray, cells=(num(2), *stray.cells[1:]))
    b = with_blocks(r, 3, (attrs.evolve(app, rows=(*app.rows, moved)),))
    (c,) = diff(a, b)
    assert isinstance(c, CellChange) and c.path == "applications/?其他情形/natural_person"


def test_extra_cells_of_a_damaged_row_are_named_by_position() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    long_row = attrs.evolve(app.rows[0], cells=(*app.rows[0].cells, num(5)))
    b = with_blocks(r, 3, (attrs.evolve(app, rows=(long_row, *app.rows[1:])),))
    (c,) = diff(r, b)
    assert isinstance(c, CellChange) and c.kind == "added" and c.path == "applications/new/#8"
    assert c.old is None and "(absent)" in str(c)


def test_row_label_printed_differently() -> None:
    r = sample_report("2021")
    app = r.applications
    assert app is not None
    relabelled = attrs.evolve(app.rows[0], label="一、本年新收政府信息公开申请数")
    (c,) = diff(r, with_blocks(r, 3, (attrs.evolve(app, rows=(relabelled, *app.rows[1:])),)))
    assert isinstance(c, RowChange) and c.kind == "changed" and c.new_label == "一、本年新收政府信息公开申请数"


def test_tables_and_items_added_removed_or_of_another_format() -> None:
    r = sample_report("2019")
    pro = r.proactive
    assert isinstance(pro, ProactiveTable2019)
    no_item9 = with_blocks(r, 2, (ProactiveTable2019(tuple(i for i in pro.items if i.item != "item9")),))
    (c,) = diff(r, no_item9)
    assert isinstance(c, TableChange) and c.kind == "removed" and c.path == "proactive/item9"
    assert str(c) == "- table proactive/item9"
    no_reviews = with_blocks(r, 4, ())
    (c,) = diff(r, no_reviews)
    assert isinstance(c, TableChange) and c.kind == "removed" and c.table == "reviews"
    (c,) = diff(no_reviews, r)
    assert c.kind == "added"
    # the same agency's 2020 (2019 format) and 2021 reports: formats named, cells by their own keys
    changes = diff(sample_report("2019"), sample_report("2021"))
    formats = [c for c in changes if isinstance(c, (ReportChange, TableChange)) and c.kind == "changed"]
    assert [str(c) for c in formats] == ["~ format: 2019 → 2021", "~ table proactive: format 2019 → 2021",
                                         "~ table applications: format 2019 → 2021"]
    paths = {c.path for c in changes}
    assert "proactive/item1/rules/new_made" in paths and "proactive/item1/rules/issued" in paths
    assert "applications/other" in paths and "applications/other.other" in paths


def test_a_second_table_of_a_kind_is_compared_with_the_second() -> None:
    r = sample_report("2021")
    rev = r.reviews
    assert isinstance(rev, ReviewTable)
    twice = with_blocks(r, 4, (rev, rev))
    changed = with_blocks(r, 4, (rev, attrs.evolve(rev, cells=(num(7), *rev.cells[1:]))))
    (c,) = diff(twice, changed)
    assert c.path == "reviews#2/review.upheld"


def test_sections_added_removed_and_retitled() -> None:
    r = sample_report("2021")
    no_six = replace_section(r, 6, None)
    (c,) = diff(r, no_six)
    assert isinstance(c, SectionChange) and c.kind == "removed" and c.number == 6
    assert str(c) == "- section 6: 其他需要报告的事项"
    (c,) = diff(no_six, r)
    assert c.kind == "added" and str(c) == "+ section 6: 其他需要报告的事项"
    five = r.section(5)
    assert five is not None
    retitled = replace_section(r, 5, attrs.evolve(five, title="存在问题及改进情况"))
    (c,) = diff(r, retitled)
    assert isinstance(c, SectionChange) and c.kind == "changed"
    assert str(c) == "~ section 5 title: 存在的主要问题及改进情况 → 存在问题及改进情况"


def test_paragraph_changes_by_section_number() -> None:
    r = sample_report("2021")
    one = r.section(1)
    assert one is not None
    blocks = list(one.blocks)
    blocks[4] = Paragraph("全年共受理政府信息公开申请213件。")
    (c,) = diff(r, with_blocks(r, 1, tuple(blocks)))
    assert isinstance(c, TextChange) and c.kind == "changed" and c.section == 1 and not c.preamble
    assert (c.old_index, c.new_index) == (5, 5)
    assert c.old == "全年共受理政府信息公开申请212件。" and c.new == "全年共受理政府信息公开申请213件。"
    assert str(c) == "~ section 1 ¶5→5: 全年共受理政府信息公开申请212件。 → 全年共受理政府信息公开申请213件。"


def test_a_paragraph_replaced_by_an_unrelated_one_is_removed_and_added() -> None:
    r = sample_report("2021")
    five = r.section(5)
    assert five is not None
    blocks = (Paragraph("经费保障不足。"), *five.blocks[1:])
    changes = diff(r, with_blocks(r, 5, blocks))
    assert [(c.kind, c.old_index, c.new_index) for c in changes] == [("removed", 1, None), ("added", None, 1)]
    assert [str(c) for c in changes] == ["- section 5 ¶1: 一是公开内容不够全面。", "+ section 5 ¶1: 经费保障不足。"]


def test_an_inserted_paragraph_is_one_change_not_a_cascade() -> None:
    r = sample_report("2021")
    one = r.section(1)
    assert one is not None
    inserted = (one.blocks[0], Paragraph("新增一段。"), *one.blocks[1:])
    (c,) = diff(r, with_blocks(r, 1, inserted))
    assert isinstance(c, TextChange) and c.kind == "added" and c.new_index == 2 and c.new == "新增一段。"
    assert str(c) == "+ section 1 ¶2: 新增一段。"
    (c,) = diff(with_blocks(r, 1, inserted), r)
    assert c.kind == "removed" and str(c) == "- section 1 ¶2: 新增一段。"


def test_headings_preamble_and_metadata() -> None:
    r = sample_report("2021")
    one = r.section(1)
    assert one is not None
    blocks = list(one.blocks)
    blocks[1] = Heading(2, 1, "主动公开情况")
    (c,) = diff(r, with_blocks(r, 1, tuple(blocks)))
    assert isinstance(c, TextChange) and c.block == "Heading" and str(c) == (
        "~ section 1 ¶2→2 heading: （一）主动公开 → （一）主动公开情况")
    titled = attrs.evolve(r, preamble=(Title("某某局2021年报告"), *r.preamble))
    (c,) = diff(r, titled)
    assert isinstance(c, TextChange) and c.preamble and c.block == "Title" and c.path == "preamble/1"
    later = attrs.evolve(r, metadata=attrs.evolve(r.metadata, year=2022, agency=None))
    assert [str(c) for c in diff(r, later)] == ["~ metadata.agency: 某某局 → None", "~ metadata.year: 2021 → 2022"]


def test_long_paragraphs_are_cut_around_the_difference() -> None:
    r = legacy_report()
    long_a = "本机关" * 40 + "共受理申请212件" + "，依法答复" * 30
    long_b = long_a.replace("212", "213")
    a = with_blocks(r, 1, (Paragraph(long_a),))
    b = with_blocks(r, 1, (Paragraph(long_b),))
    (c,) = diff(a, b)
    line = str(c)
    assert "\n" not in line and len(line) < 200
    assert "212" in line and "213" in line
    assert c.old == long_a and c.new == long_b  # the record keeps the full text


@settings(max_examples=40)
@given(st.data())
def test_diff_is_empty_exactly_when_the_reports_are_equal(data: st.DataObject) -> None:
    """Random edits of a sample: no change listed iff the edited report still equals it."""
    r = sample_report(data.draw(st.sampled_from(["2019", "2021"])))
    cells = official_cells(r)
    edited = r
    for _ in range(data.draw(st.integers(0, 3))):
        kind = data.draw(st.sampled_from(["cell", "paragraph", "section", "item", "metadata"]))
        if kind == "cell":
            _, cell = data.draw(st.sampled_from(cells))
            edited = ReplaceCell(cell, data.draw(EDITS)).transform(edited)
        elif kind == "paragraph":
            n = data.draw(st.sampled_from([1, 5]))
            s = edited.section(n)
            if s is not None:
                edited = with_blocks(edited, n, (*s.blocks, Paragraph(data.draw(st.text(max_size=3)))))
        elif kind == "section":
            n = data.draw(st.integers(1, 6))
            if edited.section(n) is not None:
                edited = replace_section(edited, n, None)
        elif kind == "item":
            pro = edited.proactive
            if pro is not None and pro.items:
                keep = (*(i for i in pro.items if i is not pro.items[0]), ItemTable("item1", ()))
                edited = with_blocks(edited, 2, (type(pro)(keep),)) if edited.section(2) else edited
        else:
            edited = attrs.evolve(edited, metadata=attrs.evolve(edited.metadata,
                                                                year=data.draw(st.integers(2019, 2023))))
    changes = diff(r, edited)
    assert (changes == []) == (r == edited)
    assert (diff(edited, r) == []) == (r == edited)
    for c in changes:
        line = str(c)
        assert "\n" not in line and line[0] in "~+-"
        json.dumps(c.to_dict(), ensure_ascii=False)


# --- the CLI ----------------------------------------------------------------------------------


def write_json(path: Path, r: Report) -> Path:
    path.write_text(serde.dumps(r, indent=1), encoding="utf-8")
    return path


def test_cli_equal_reports_exit_0_and_print_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = sample_report("2021")
    a, b = write_json(tmp_path / "a.json", r), write_json(tmp_path / "b.json", r)
    assert cli_main(["diff", str(a), str(b)]) == 0
    assert capsys.readouterr().out == ""


def test_cli_one_cell_edit_exit_1_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = sample_report("2021")
    target = r.applications.rows[0].cells[6]  # type: ignore[union-attr]
    edited = ReplaceCell(target, Cell("7", CellState.NUMBER, 7)).transform(r)
    a, b = write_json(tmp_path / "a.json", r), write_json(tmp_path / "b.json", edited)
    assert cli_main(["diff", str(a), str(b)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ['~ cell applications/new/total [一、本年新收政府信息公开申请数量 × 总计]: "6" (6) → "7" (7)']
    assert cli_main(["diff", "--format", "json", str(a), str(b)]) == 1
    records = json.loads(capsys.readouterr().out)
    assert records == [diff(r, edited)[0].to_dict()]
    assert records[0]["path"] == "applications/new/total" and records[0]["new"]["value"] == 7


@pytest.mark.parametrize("content, message", [
    (None, "cannot read"),
    ("{not json", "not valid JSON"),
    ('{"hello": 1}', "not a report"),
    ('{"schema_version": 1, "format": "2030"}', "not a govinfo_parse report"),
])
def test_cli_unusable_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
                                   message: str) -> None:
    good = write_json(tmp_path / "good.json", sample_report())
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    assert cli_main(["diff", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.json" in err and "Traceback" not in err


def test_cli_json_with_a_byte_order_mark_is_json(tmp_path: Path) -> None:
    r = sample_report()
    a = write_json(tmp_path / "a.json", r)
    b = tmp_path / "b.json"
    b.write_bytes(b"\xef\xbb\xbf  \n" + serde.dumps(r).encode("utf-8"))
    assert cli_main(["diff", str(a), str(b)]) == 0


def test_cli_report_files_and_their_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seeds against themselves, and against their own JSON (detected by content), and against
    a JSON copy with one cell edited."""
    seeds = sorted((corpus_dir() / "seeds").glob("*.txt"))
    parse_file = parse_file_or_skip()
    assert seeds
    for seed in seeds:
        assert cli_main(["diff", str(seed), str(seed)]) == 0, seed.name
        report = parse_file(seed)
        as_json = write_json(tmp_path / (seed.stem + ".json"), report)
        assert cli_main(["diff", str(seed), str(as_json)]) == 0, seed.name
        assert cli_main(["diff", str(as_json), str(seed)]) == 0, seed.name
        capsys.readouterr()
        cells = [c for c in _all_cells(report)]
        if not cells:
            continue  # a legacy report: prose only
        target = cells[len(cells) // 2]
        edited = ReplaceCell(target, Cell("123456", CellState.NUMBER, 123456)).transform(report)
        changed = write_json(tmp_path / (seed.stem + ".edited.json"), edited)
        assert cli_main(["diff", str(seed), str(changed)]) == 1, seed.name
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 1 and lines[0].startswith("~ cell ") and '"123456" (123456)' in lines[0], lines


def test_cli_reads_one_report_from_standard_input(tmp_path: Path) -> None:
    r = sample_report("2021")
    a = write_json(tmp_path / "a.json", r)
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    edited = serde.dumps(attrs.evolve(r, metadata=attrs.evolve(r.metadata, year=2020)))
    run = subprocess.run([sys.executable, "-m", "govinfo_parse.cli", "diff", str(a), "-"], input=edited,
                         capture_output=True, text=True, env=env, encoding="utf-8", timeout=120)
    assert (run.returncode, run.stdout) == (1, "~ metadata.year: 2021 → 2020\n"), run.stderr
    both = subprocess.run([sys.executable, "-m", "govinfo_parse.cli", "diff", "-", "-"], input="",
                          capture_output=True, text=True, env=env, encoding="utf-8", timeout=120)
    assert both.returncode == 2 and "only one of A and B" in both.stderr


def _all_cells(r: Report) -> list[Cell]:
    from govinfo_parse.visit import find_all

    return find_all(r, Cell)


def test_installed_style_entry_point_runs_the_diff(tmp_path: Path) -> None:
    """`python -m govinfo_parse.cli diff A B` as a user would run it: exit codes and stdout."""
    r = sample_report("2021")
    a, b = write_json(tmp_path / "a.json", r), write_json(tmp_path / "b.json", replace_section(r, 6, None))
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    run = subprocess.run([sys.executable, "-m", "govinfo_parse.cli", "diff", str(a), str(b)],
                         capture_output=True, text=True, env=env, encoding="utf-8", timeout=120)
    assert run.returncode == 1, run.stderr
    assert run.stdout == "- section 6: 其他需要报告的事项\n"
