from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govinfo_parse.normalise import SourceMap, normalise


def test_folds_width_spaces_quotes_and_dashes() -> None:
    n = normalise("（一）１２，\u00a0\u3000“三安全一稳定”—－")
    assert n.text == '(一)12,  "三安全一稳定"—-'
    assert n.offsets is None  # length-preserving: offsets are shared with the source


def test_crlf_and_form_feed_keep_offsets() -> None:
    src = "a\r\nb\fc"
    n = normalise(src)
    assert n.text == "a \nb\nc" and len(n.text) == len(src)
    sm = SourceMap.of(src)
    assert sm.position(src.index("c")) == (3, 1)


def test_multi_character_folds_keep_a_map_back() -> None:
    src = "㈠予以公开 7"
    n = normalise(src)
    assert n.text.startswith("(一)予以公开")
    assert n.offsets is not None
    i = n.text.index("7")
    assert src[n.source_offset(i)] == "7"
    assert n.source_offset(0) == n.source_offset(2) == 0


@given(st.text(max_size=200))
def test_every_normalised_character_maps_into_the_source(text: str) -> None:
    n = normalise(text)
    for i in range(len(n.text) + 1):
        assert 0 <= n.source_offset(i) <= len(text)


def test_source_map_positions() -> None:
    sm = SourceMap.of("一\n二三\n")
    assert sm.position(0) == (1, 1)
    assert sm.position(2) == (2, 1)
    assert sm.position(3) == (2, 2)
    sp = sm.span(2, 4)
    assert (sp.line, sp.column, sp.end_line, sp.end_column) == (2, 1, 2, 3)
    assert sm.line_text(2) == "二三"
