"""The PDF-text reader's modules one by one, table style: input lines → rows, labels, spans.

``tests/readers/test_pdftext.py`` reads whole rendered reports back; here each step of
:mod:`govinfo_parse.readers.pdftext` is pinned on small inputs: the words of a line, header
cells, fragments and runs, the vertical label, the shared label joining (``join_pieces``,
``is_group_label`` of :mod:`govinfo_parse.tables.labels`) and the application table as rows
(key, printed label, values, (line, column) of the label).
"""

from __future__ import annotations

import pytest

from govinfo_parse.formats import labels as L
from govinfo_parse.normalise import normalise
from govinfo_parse.readers.pdftext import chunks
from govinfo_parse.readers.pdftext.align import match_fragments
from govinfo_parse.readers.pdftext.fragments import fragments, runs_of, strip_vertical
from govinfo_parse.readers.pdftext.headers import header_cells
from govinfo_parse.readers.pdftext.lines import Line, is_value, label_text, line_values, split_lines, split_values
from govinfo_parse.stream import UNPLACED
from govinfo_parse.tables.labels import app_labels, canonical_chunk_text, is_group_label, join_pieces

# ------------------------------------------------------------------------------------------
# lines and headers
# ------------------------------------------------------------------------------------------


def _n(text: str) -> str:
    """The normalised text (what the reader reads)."""
    return normalise(text).text


def _lines(text: str) -> list[Line]:
    """The reader's lines of a text."""
    return split_lines(_n(text))


@pytest.mark.parametrize(("line", "label", "values"), [
    ("1.属于国家秘密 0 0 1", "1.属于国家秘密", ["0", "0", "1"]),
    ("行政事业性收费 7730.28", "行政事业性收费", ["7730.28"]),
    ("三 2.其他法律行政止公开 0 - /", "三2.其他法律行政止公开", ["0", "-", "/"]),
    ("0 0 0 0 0 0 0", "", ["0"] * 7),
    ("（七）总计", "（七）总计", []),
])
def test_a_line_is_its_label_words_then_its_values(line: str, label: str, values: list[str]) -> None:
    (ln,) = _lines(line)
    words, vals = line_values(ln)
    assert (label_text(words), [t.text for t in vals]) == (_n(label), values)
    assert all(_n(line)[t.start : t.end] == t.text for t in ln.toks)  # offsets into the text


def test_offsets_run_on_across_lines() -> None:
    lines = split_lines("规章 0 1 2\n行政许可 550")
    assert [(t.text, t.start) for t in lines[1].toks] == [("行政许可", 9), ("550", 14)]


@pytest.mark.parametrize(("line", "cells"), [
    ("信息内容 本年收费金额（单位：万 元）", ["信息内容", "本年收费金额（单位：万元）"]),
    ("自然人 社会 法律 总计", ["自然人", "社会", "法律", "总计"]),
    ("1.属于国家秘密", None),
    ("", None),
])
def test_header_cells_join_words_split_by_a_space(line: str, cells: list[str] | None) -> None:
    toks = _lines(line)[0].toks
    got = header_cells(toks)
    assert (None if got is None else [label_text(toks[a:b]) for a, b in got]) == (
        None if cells is None else [_n(c) for c in cells])


# ------------------------------------------------------------------------------------------
# fragments, runs, vertical labels
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "kinds"), [
    (["自然人 社会 法律 总计", "（一）予以公开 1 0 0 0 0 0 1"], ["header", "label", "run"]),
    (["1.属于国家秘密", "1 0 0 0 0 0 1", "- 2 -", "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0"],
     ["label", "run", "page", "label", "run"]),
    # below the first row a lone header word is a piece of a row label
    (["（一）予以公开 1 0 0 0 0 0 1", "其他"], ["label", "run", "label"]),
])
def test_fragments_of_the_table_lines(lines: list[str], kinds: list[str]) -> None:
    assert [f.kind for f in fragments(_lines("\n".join(lines)))] == kinds


@pytest.mark.parametrize(("lines", "runs"), [
    (["（一）予以公开 1 0 0", "0 0 0 1"], [7]),                           # a row wrapped: one run
    (["1 0 0 0 0 0 1 2 0 0 0 0 0 2"], [7, 7]),                          # fourteen: two rows
    (["（一）予以公开 1 0 0", "（二）部分公开 0 0 0 1"], [3, 4]),             # a label between: two runs
])
def test_runs_of_seven(lines: list[str], runs: list[int]) -> None:
    frags = fragments(_lines("\n".join(lines)))
    match_fragments(frags)
    assert [len(r.toks) for r in runs_of(frags)] == runs


def test_the_characters_of_a_vertical_label_are_set_aside() -> None:
    lines = _lines("三\n、 （二）部分公开 1 0 0 0 0 0 1\n本\n年 1.属于国家秘密 0 0 0 0 0 0 0\n度")
    kept, vertical = strip_vertical(lines)
    assert "".join(t.text for t in vertical) == _n("三、本年度")
    assert [label_text(split_values(toks)[0]) for toks in kept] == [
        "", _n("（二）部分公开"), "", "1.属于国家秘密", ""]


# ------------------------------------------------------------------------------------------
# the shared label joining
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("head", "tail", "anchor", "key"), [
    ("（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）", "head", "partly_granted"),
    ("1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开申请", "tail", "other.no_correction"),
    ("2.没有现成信", "息需要另行制作", "head", "unavailable.needs_creation"),
    ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "head", None),   # two labels, not one
    ("（一）", "1.属于国家秘密", "tail", None),                      # an exact label takes no head
    ("其他", "事项", "head", None),                                  # nothing official
])
def test_join_pieces(head: str, tail: str, anchor: str, key: str | None) -> None:
    m = join_pieces(head, tail, anchor=anchor)  # type: ignore[arg-type]
    assert (None if m is None else m.official.key) == key


@pytest.mark.parametrize(("key", "fmt", "group"), [
    ("group:withheld", "2019", True), ("other", "2021", True), ("other", "2019", False),
    ("granted", "2021", False), ("other.no_correction", "2019", False),
])
def test_is_group_label(key: str, fmt: str, group: bool) -> None:
    official = next(o for o in app_labels() if o.key == key)
    assert is_group_label(official, fmt) is group


# ------------------------------------------------------------------------------------------
# the application table: (input lines, expected rows, spans)
# ------------------------------------------------------------------------------------------

HEAD = "三、收到和处理政府信息公开申请情况"
_CANON = {canonical_chunk_text(o): o.key for o in app_labels()}


def full_table(fmt: str = "2021") -> list[str]:
    """Every row of the format on its own line, label then the values ``i 0 0 0 0 0 i``, merged
    group labels on lines of their own."""
    out: list[str] = []
    groups: set[str] = set()
    for i, spec in enumerate(L.application_rows(fmt)):
        g = spec.group
        if g not in (None, "results") and g not in groups and not (g == "other" and fmt == "2019"):
            groups.add(g)
            out.append(L.APPLICATION_GROUPS[g])
        out.append(f"{spec.label} {i} 0 0 0 0 0 {i}")
    return out


def table_rows(lines: list[str]) -> tuple[dict[str | None, tuple[str, list[str], tuple[int, int]]], list[str]]:
    """Rows the reader emits for a table printed as ``lines`` (after the section-三 heading): key →
    (printed label, values, (line, column) of the label chunk, both from 0), and the diagnostic codes."""
    text = "\n".join([HEAD, *lines, "四、政府信息公开行政复议、行政诉讼情况"])
    found = chunks(text, normalise(text), force=True)
    assert found is not None
    rows: dict[str | None, tuple[str, list[str], tuple[int, int]]] = {}
    current: list[str] | None = None
    for c in found[0]:
        if c.text in _CANON or c.text.startswith(UNPLACED):
            line = text.count("\n", 0, c.start)
            column = c.start - (text.rfind("\n", 0, c.start) + 1)
            current = []
            rows[_CANON.get(c.text)] = (text[c.start : c.end], current, (line, column))
        elif current is not None and is_value(c.text):
            current.append(c.text)
    return rows, sorted(d.code for d in found[1])


def _edit(lines: list[str], old: str, new: list[str]) -> list[str]:
    """``lines`` with the line starting with ``old`` replaced by ``new``."""
    i = next(k for k, ln in enumerate(lines) if ln.startswith(old))
    return [*lines[:i], *new, *lines[i + 1 :]]


def test_an_intact_table_reads_row_by_row() -> None:
    lines = full_table()
    rows, codes = table_rows(lines)
    assert codes == []
    specs = L.application_rows("2021")
    assert list(rows) == [s.key for s in specs]
    for i, s in enumerate(specs):
        line = 1 + lines.index(f"{s.label} {i} 0 0 0 0 0 {i}")
        assert rows[s.key] == (s.label, [str(i), "0", "0", "0", "0", "0", str(i)], (line, 0))


_CASES = [
    # (what, line to replace, its replacement, key, expected (label, values, span), codes)
    ("label before its values", "1.属于国家秘密", ["1.属于国家秘密", "4 0 0 0 0 0 4"],
     "withheld.state_secret", ("1.属于国家秘密", ["4", "0", "0", "0", "0", "0", "4"], (6, 0)), []),
    ("label after its values", "1.属于国家秘密", ["4 0 0 0 0 0 4", "1.属于国家秘密"],
     "withheld.state_secret", ("1.属于国家秘密", ["4", "0", "0", "0", "0", "0", "4"], (7, 0)), []),
    # the label chunk is the first piece; the second is joined to it (its row's label)
    ("label wrapped around its values", "（二）部分公开",
     ["（二）部分公开（区分处理的，只计这一情", "3 0 0 0 0 0 3", "形，不计其他情形）"],
     "partly_granted", ("（二）部分公开（区分处理的，只计这一情", ["3", "0", "0", "0", "0", "0", "3"], (4, 0)), []),
    ("a misprinted label", "2.其他法律行政法规禁止公开", ["2.其他法律行政止公开 5 0 0 0 0 0 5"],
     "withheld.prohibited", ("2.其他法律行政止公开", ["5", "0", "0", "0", "0", "0", "5"], (7, 0)), ["P101"]),
    ("a vertical-label character glued in front", "2.其他法律行政法规禁止公开",
     ["三 2.其他法律行政法规禁止公开 5 0 0 0 0 0 5", "、"],
     "withheld.prohibited", ("2.其他法律行政法规禁止公开", ["5", "0", "0", "0", "0", "0", "5"], (7, 2)), []),
    ("a label lost: placed by position", "2.重复申请", ["16 0 0 0 0 0 16"],
     "not_processed.repeated", ("", ["16", "0", "0", "0", "0", "0", "16"], (20, 0)), ["P106"]),
    ("a cut label beside a row placed by position: the shared position rule", "1.属于国家秘密",
     ["国家秘密 4 0 0 0 0 0 4"],
     "withheld.state_secret", ("国家秘密", ["4", "0", "0", "0", "0", "0", "4"], (6, 0)), ["P101"]),
]


@pytest.mark.parametrize(("what", "old", "new", "key", "expected", "codes"), _CASES, ids=[c[0] for c in _CASES])
def test_application_table_rows(what: str, old: str, new: list[str], key: str | None,
                                expected: tuple[str, list[str], tuple[int, int]], codes: list[str]) -> None:
    rows, got_codes = table_rows(_edit(full_table(), old, new))
    assert rows[key] == expected, what
    assert got_codes == codes
    assert len([k for k in rows if k]) == 25  # every official row still has its run
