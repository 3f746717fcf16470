"""What a value cell is comes from the grammar; the parts of a value agree with it."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from govinfo_parse.formats.cells import VALUE_PARTS, cell_kind, cell_patterns, is_cell, is_note, number

_PIECES = st.sampled_from(["0", "1", "12", "345", "6789", ",", ",000", ".", ".5", "-", "+", "万元", "元", "件",
                           "人次", "人", "亿元", "条", "/", "—", "x", " ", "(", ")", "其中", "含", "件)",
                           "(其中修订3件)", "(3)", "\u241f", "\n"])


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_value_parts_accepts_exactly_the_grammars_value_cells(text: str) -> None:
    grammar_value = re.fullmatch(cell_patterns()["VALUE"], text) is not None
    assert (VALUE_PARTS.fullmatch(text) is not None) == grammar_value


def test_the_three_kinds_of_cell() -> None:
    cases = {"12": "VALUE", "-1": "VALUE", "6716.7630万元": "VALUE", "1,234": "VALUE", "/": "PLACEHOLDER",
             "—": "PLACEHOLDER", "无": "PLACEHOLDER", "\u2400": "BLANK", "本年新": None, "12件以上": None}
    for text, kind in cases.items():
        assert cell_kind(text) == kind, text
        assert is_cell(text) == (kind is not None), text


# (normalised cell, kind, value parts: integer digits, fraction, unit, note)
NOTE_CASES = [
    ("12(其中修订3件)", "VALUE", ("12", None, None, "(其中修订3件)")),
    ("12(含转办2件)", "VALUE", ("12", None, None, "(含转办2件)")),
    ("3件(已全部办结)", "VALUE", ("3", None, "件", "(已全部办结)")),
    ("216.5万元(含退费)", "VALUE", ("216", ".5", "万元", "(含退费)")),
    ("1,234(注)", "VALUE", ("1,234", None, None, "(注)")),
    ("0(无)", "VALUE", ("0", None, None, "(无)")),
    ("12(3)", None, None),  # a bare number in brackets: two figures glued, not a note
    ("12(3件)", None, None),
    ("12(-1.5万元)", None, None),
    ("12()", None, None),
    ("12(a)(b)", None, None),  # one note at most
    ("12(a(b))", None, None),  # no brackets inside a note
    ("12(注)件", None, None),  # the unit goes before the note
    ("(注)12", None, None),
    ("12(" + "注" * 41 + ")", None, None),  # a note is a remark, at most 40 characters
    ("12(" + "注" * 40 + ")", "VALUE", ("12", None, None, "(" + "注" * 40 + ")")),
    ("12(a\u241f3)", None, None),  # never across the layout's cell separator
    ("/(注)", None, None),  # a placeholder takes no note
]


def test_a_value_with_a_note_and_what_is_no_note() -> None:
    for text, kind, parts in NOTE_CASES:
        assert cell_kind(text) == kind, text
        m = VALUE_PARTS.fullmatch(text)
        assert (m is not None) == (kind == "VALUE"), text
        if m is not None:
            assert (m.group("int"), m.group("frac"), m.group("unit"), m.group("note")) == parts, text


def test_a_note_standing_alone_and_the_number_of_a_value_cell() -> None:
    """What the table recovery needs to give a loose note back to its value: the grammar's note
    syntax alone, and a value cell's number without its unit and note."""
    for text, alone in [("(其中修订3件)", True), ("(含退费)", True), ("(3)", False), ("(3件)", False),
                        ("12(含退费)", False), ("()", False), ("(a(b))", False), ("其中修订3件", False)]:
        assert is_note(text) == alone, text
    for text, value in [("12(其中修订3件)", 12), ("216.5万元(含退费)", Decimal("216.5")), ("-3", -3),
                        ("+2件", 2), ("1,234", 1234), ("12(3)", None), ("/", None), ("\u2400", None)]:
        assert number(text) == value, text
