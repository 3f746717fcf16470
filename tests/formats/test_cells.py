"""What a value cell is comes from the grammar; the parts of a value agree with it."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from govinfo_parse.formats.cells import VALUE_PARTS, cell_kind, cell_patterns, is_cell

_PIECES = st.sampled_from(["0", "1", "12", "345", "6789", ",", ",000", ".", ".5", "-", "+", "万元", "元", "件",
                           "人次", "人", "亿元", "条", "/", "—", "x", " "])


@given(st.lists(_PIECES, max_size=6).map("".join))
def test_value_parts_accepts_exactly_the_grammars_value_cells(text: str) -> None:
    grammar_value = re.fullmatch(cell_patterns()["VALUE"], text) is not None
    assert (VALUE_PARTS.fullmatch(text) is not None) == grammar_value


def test_the_three_kinds_of_cell() -> None:
    cases = {"12": "VALUE", "-1": "VALUE", "6716.7630万元": "VALUE", "1,234": "VALUE", "/": "PLACEHOLDER",
             "—": "PLACEHOLDER", "无": "PLACEHOLDER", "\u2400": "BLANK", "本年新": None, "12件以上": None}
    for text, kind in cases.items():
        assert cell_kind(text) == kind, text
        assert is_cell(text) == (kind is not None), text
