"""The grammar itself: conflict-free LALR, no terminal collisions, loadable from the checkout."""

from __future__ import annotations

import re

from lark import Lark

from govinfo_parse.formats import labels as L
from govinfo_parse.grammar import grammar_path, grammar_text, lark_parser


def test_grammar_is_conflict_free_and_has_no_terminal_collisions() -> None:
    # strict=True makes Lark raise on any shift/reduce or reduce/reduce conflict and, with
    # interegular installed (dev extra), on any two same-priority terminals that can match the
    # same line.
    Lark(grammar_text(), parser="lalr", lexer="contextual", strict=True)


def test_grammar_file_is_found() -> None:
    assert grammar_path().name == "report.lark"
    assert grammar_path().is_file()


def test_parser_is_built_once_per_process() -> None:
    assert lark_parser() is lark_parser()


def _terminal_pattern(name: str) -> re.Pattern[str]:
    parser = lark_parser(with_transformer=False)
    term = next(t for t in parser.terminals if t.name == name)
    return re.compile(term.pattern.to_regexp())


def test_every_official_row_label_is_matched_by_its_terminal() -> None:
    for spec in L.APPLICATION_ROWS:
        assert spec.terminal is not None
        label = spec.label.replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"')
        assert _terminal_pattern(spec.terminal).fullmatch(label + "\n"), (spec.key, label)


def test_every_group_label_has_a_terminal() -> None:
    groups = {"results": "APP_G_RESULTS", "withheld": "APP_G_WITHHELD", "unavailable": "APP_G_UNAVAILABLE",
              "not_processed": "APP_G_NOT_PROCESSED", "other": "APP_OTHER"}
    for key, label in L.APPLICATION_GROUPS.items():
        norm = label.replace("（", "(").replace("）", ")")
        assert _terminal_pattern(groups[key]).fullmatch(norm + "\n"), key


def test_section_two_labels_and_headers_are_in_the_grammar() -> None:
    pro = _terminal_pattern("PRO_ROW")
    head = _terminal_pattern("HEAD")
    for fmt in ("2019", "2021"):
        for item in L.proactive_items(fmt):
            assert _terminal_pattern("ITEM").fullmatch(item.label.replace("（", "(").replace("）", ")") + "\n")
            for row in item.rows:
                assert pro.fullmatch(row.label + "\n"), row.label
            for col in item.columns:
                norm = col.label.replace("（", "(").replace("）", ")").replace("：", ":")
                assert head.fullmatch(norm + "\n"), col.label
    for col in (*L.APPLICATION_COLUMNS, *L.REVIEW_COLUMNS):
        assert head.fullmatch(col.label + "\n"), col.label
