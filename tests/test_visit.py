"""Traversal: walk, children, find/find_all, Visitor, Transformer."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ast_samples import blank, legacy_report, num, sample_report
from govinfo_parse.nodes import (
    ApplicationTable,
    Cell,
    CellState,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    ProactiveTable2021,
    Report,
    Row,
    Section,
    SourceInfo,
    Span,
)
from govinfo_parse.visit import REMOVE, Transformer, Visitor, children, find, find_all, walk

# --- a node family this module has never heard of: traversal must be generic ----------------


@attrs.frozen
class Leaf:
    name: str
    where: int | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Tree:
    name: str
    kids: tuple[Tree | Leaf | str, ...] = ()
    extra: Leaf | None = None
    note: Leaf | None = attrs.field(default=None, eq=False)


trees = st.recursive(
    st.builds(Leaf, st.text(max_size=3)),
    lambda sub: st.builds(Tree, st.text(max_size=3), st.lists(st.one_of(sub, st.text(max_size=2)),
                                                              max_size=4).map(tuple),
                          st.one_of(st.none(), st.builds(Leaf, st.text(max_size=3))),
                          st.one_of(st.none(), st.builds(Leaf, st.text(max_size=3)))),
    max_leaves=12,
)


def reference_preorder(node: object, annotations: bool = False) -> list[object]:
    """Plain recursive pre-order over this test's own classes, written independently."""
    out = [node]
    if isinstance(node, Tree):
        for k in node.kids:
            if not isinstance(k, str):
                out += reference_preorder(k, annotations)
        if node.extra is not None:
            out += reference_preorder(node.extra, annotations)
        if annotations and node.note is not None:
            out += reference_preorder(node.note, annotations)
    return out


@given(trees, st.booleans())
def test_walk_is_preorder_in_field_order_on_unknown_classes(tree: Tree | Leaf, annotations: bool) -> None:
    got = list(walk(tree, annotations=annotations))
    want = reference_preorder(tree, annotations)
    assert [id(n) for n in got] == [id(n) for n in want]


def test_walk_starts_at_the_root_and_follows_document_order() -> None:
    r = sample_report("2021")
    nodes = list(walk(r))
    assert nodes[0] is r
    assert nodes[1] is r.metadata  # fields in declaration order: metadata, preamble, sections
    assert nodes[2] is r.preamble[0]
    section_order = [n for n in nodes if isinstance(n, Section)]
    assert section_order == list(r.sections)
    # every cell, in table order: section 二 before 三 before 四, rows top to bottom
    cells = [n for n in nodes if isinstance(n, Cell)]
    expected: list[Cell] = []
    for t in r.tables():
        if isinstance(t, ProactiveTable2021):
            expected += [c for item in t.items for row in item.rows for c in row.cells]
        elif isinstance(t, ApplicationTable):
            expected += [c for row in t.rows for c in row.cells]
        else:
            expected += list(t.cells)
    assert [id(c) for c in cells] == [id(c) for c in expected]


def test_annotations_are_skipped_unless_asked_for() -> None:
    r = sample_report("2019")
    plain = list(walk(r))
    assert not any(isinstance(n, (Span, Diagnostic, SourceInfo)) for n in plain)
    full = list(walk(r, annotations=True))
    assert any(isinstance(n, Span) for n in full)
    assert [n for n in full if isinstance(n, Diagnostic)] == list(r.diagnostics)
    assert r.source in full
    # the diagnostic's own spans (span and related) are reached too
    d = r.diagnostics[0]
    assert d.span in full and d.related[0] in full
    assert len(full) > len(plain)


def test_children_skips_non_nodes_in_tuples() -> None:
    t = Tree("t", ("text", Leaf("a"), "more", Leaf("b")), Leaf("x"))
    assert [c.name for c in children(t)] == ["a", "b", "x"]
    assert list(children(Leaf("z"))) == []


def test_walk_rejects_what_is_not_a_node() -> None:
    with pytest.raises(TypeError, match="not an AST node"):
        list(walk("a string"))
    with pytest.raises(TypeError):
        list(walk([sample_report()]))


def test_find_and_find_all() -> None:
    r = sample_report("2021")
    headings = find_all(r, Heading)
    assert [h.title for h in headings] == ["主动公开", "依申请公开", "办理情况"]
    assert find(r, Heading, lambda h: h.level == 3) == Heading(3, 1, "办理情况")
    assert find(r, Heading, lambda h: h.level == 9) is None
    rows = find_all(r, Row, lambda row: row.key is not None and row.key.startswith("withheld."))
    assert len(rows) == 8
    both = find_all(r, (Heading, Paragraph))
    assert len(both) == len(headings) + len(find_all(r, Paragraph))
    amounts = find_all(r, Cell, lambda c: isinstance(c.value, Decimal))
    assert [c.raw for c in amounts] == ["4000.50万元"]
    assert find(legacy_report(), ApplicationTable) is None
    assert find_all(legacy_report(), Cell) == []


def test_find_all_with_annotations_finds_spans() -> None:
    r = sample_report("2021")
    spans = find_all(r, Span, annotations=True)
    assert spans and all(isinstance(s, Span) for s in spans)
    assert find_all(r, Span) == []


# --- Visitor ----------------------------------------------------------------------------------


class Recorder(Visitor):
    def __init__(self) -> None:
        self.events: list[str] = []

    def visit_Tree(self, node: Tree) -> None:
        self.events.append(f"visit {node.name}")

    def leave_Tree(self, node: Tree) -> None:
        self.events.append(f"leave {node.name}")

    def visit_Leaf(self, node: Leaf) -> None:
        self.events.append(f"leaf {node.name}")


def test_visitor_dispatches_by_class_name_visit_before_leave_after() -> None:
    t = Tree("root", (Tree("a", (Leaf("a1"),)), Leaf("b")), Leaf("x"), note=Leaf("n"))
    v = Recorder()
    v.visit(t)
    assert v.events == ["visit root", "visit a", "leaf a1", "leave a", "leaf b", "leaf x", "leave root"]


def test_visitor_returning_false_skips_children() -> None:
    class SkipA(Recorder):
        def visit_Tree(self, node: Tree) -> bool:
            super().visit_Tree(node)
            return node.name != "a"

    v = SkipA()
    v.visit(Tree("root", (Tree("a", (Leaf("a1"),)), Leaf("b"))))
    assert v.events == ["visit root", "visit a", "leave a", "leaf b", "leave root"]


def test_visitor_with_annotations() -> None:
    class Spans(Visitor):
        annotations = True

        def __init__(self) -> None:
            self.count = 0

        def visit_Span(self, span: Span) -> None:
            self.count += 1

    r = sample_report("2021")
    v = Spans()
    v.visit(r)
    assert v.count == len(find_all(r, Span, annotations=True)) > 0


def test_visitor_counts_cell_states_on_a_report() -> None:
    class States(Visitor):
        def __init__(self) -> None:
            self.states: dict[CellState, int] = {}

        def visit_Cell(self, cell: Cell) -> None:
            self.states[cell.state] = self.states.get(cell.state, 0) + 1

    r = sample_report("2019")
    v = States()
    v.visit(r)
    all_cells = find_all(r, Cell)
    assert sum(v.states.values()) == len(all_cells)
    assert v.states[CellState.BLANK] == 1 and v.states[CellState.PLACEHOLDER] == 1


# --- Transformer ------------------------------------------------------------------------------


def test_transformer_without_hooks_returns_the_same_object() -> None:
    r = sample_report("2021")
    assert Transformer().transform(r) is r


class Rename(Transformer):
    def leave_Leaf(self, original: Leaf, updated: Leaf) -> Leaf:
        return attrs.evolve(updated, name=updated.name.upper())


@given(trees)
def test_transformer_rebuilds_generic_trees(tree: Tree | Leaf) -> None:
    out = Rename().transform(tree)
    before = [n for n in walk(tree) if isinstance(n, Leaf)]
    after = [n for n in walk(out) if isinstance(n, Leaf)]
    assert [n.name.upper() for n in before] == [n.name for n in after]
    assert [type(n) for n in walk(tree)] == [type(n) for n in walk(out)]


def test_transformer_replaces_cells_and_shares_untouched_parts() -> None:
    class Hide(Transformer):
        def leave_Cell(self, original: Cell, updated: Cell) -> Cell:
            if isinstance(updated.value, Decimal):
                return attrs.evolve(updated, raw="", state=CellState.BLANK, value=None, unit=None)
            return updated

    r = sample_report("2021")
    out = Hide().transform(r)
    assert out is not r
    assert find_all(out, Cell, lambda c: isinstance(c.value, Decimal)) == []
    assert find_all(r, Cell, lambda c: isinstance(c.value, Decimal))  # the original is untouched
    # only section 二 (which holds the amount) was rebuilt
    assert out.sections[0] is r.sections[0]
    assert out.sections[1] is not r.sections[1]
    assert out.sections[2] is r.sections[2]
    assert out.metadata is r.metadata
    # annotations ride along unchanged
    assert out.diagnostics is r.diagnostics and out.source is r.source


def test_transformer_remove_and_splice_in_tuples() -> None:
    class Edit(Transformer):
        def leave_Paragraph(self, original: Paragraph, updated: Paragraph) -> object:
            if "一是" in updated.text:
                return REMOVE
            if "二是" in updated.text:
                return (updated, Paragraph("三是新增。"))
            return updated

    r = sample_report("2021")
    out = Edit().transform(r)
    five = out.section(5)
    assert five is not None
    assert [b.text for b in five.blocks if isinstance(b, Paragraph)] == ["二是解读形式较为单一。", "三是新增。"]


def test_transformer_cannot_remove_a_single_child_or_the_root() -> None:
    class DropMetadata(Transformer):
        def leave_Metadata(self, original: Metadata, updated: Metadata) -> object:
            return REMOVE

    with pytest.raises(TypeError, match=r"Report\.metadata"):
        DropMetadata().transform(sample_report())

    class DropReport(Transformer):
        def leave_Report(self, original: Report, updated: Report) -> object:
            return REMOVE

    with pytest.raises(TypeError, match="root"):
        DropReport().transform(sample_report())


def test_transformer_sees_original_and_updated() -> None:
    seen: list[tuple[int, int]] = []

    class Rows(Transformer):
        def leave_Cell(self, original: Cell, updated: Cell) -> Cell:
            return blank()

        def leave_Row(self, original: Row, updated: Row) -> Row:
            seen.append((sum(c.number for c in original.cells), sum(c.number for c in updated.cells)))
            return updated

    Rows().transform(sample_report("2021"))
    assert seen and all(after == 0 for _, after in seen)
    assert any(before > 0 for before, _ in seen)


def test_transformer_visit_false_leaves_children_alone() -> None:
    class OnlyApplications(Transformer):
        def visit_ProactiveTable2021(self, node: ProactiveTable2021) -> bool:
            return False

        def leave_Cell(self, original: Cell, updated: Cell) -> Cell:
            return num(-1)

    r = sample_report("2021")
    out = OnlyApplications().transform(r)
    assert out.proactive is r.proactive
    assert out.applications is not None
    assert {c.value for c in find_all(out.applications, Cell)} == {-1}
