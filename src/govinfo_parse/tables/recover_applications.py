"""Section 三's application table recovered: the printed pieces of a damaged table rewritten as
the official row labels, each followed by its value cells.

The pieces (:mod:`govinfo_parse.tables.pieces`) are cut into value rows
(:mod:`govinfo_parse.tables.recover_rows`) and given their keys
(:mod:`govinfo_parse.tables.recover_assign`); this module writes the chunks the grammar reads
and the diagnostics of every assignment that is not an intact grid: a label printed apart from
its row (P120), a row placed by its order and the sums (P121), values placed nowhere (P124), a
row of another length (P125), a value printed with a note (P123).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._lazy import lazy_compile
from ..formats import labels as L
from ..nodes import Severity
from ..stream import BLANK, HEADER, UNPLACED, Chunk
from .labels import OfficialLabel, app_labels, canonical_chunk_text
from .pieces import Piece, pieces, split_spaced
from .recover_assign import assign, table_format
from .recover_context import RecoveryContext
from .recover_rows import NCOLS, ValueRow, is_intact, rows_of, stretches

__all__ = ["recover_application"]

_NUMS = lazy_compile(r"(?<![\d,.])\d[\d,]*(?![\d,])")


def _grammar_label(p: Piece, chunks: Sequence[Chunk]) -> bool:
    return p.kind == "label" and len(p.chunks) == 1 and not chunks[p.chunks[0]].text.startswith((UNPLACED, HEADER))


def recover_application(chunks: list[Chunk], lo: int, hi: int, ctx: RecoveryContext) -> list[Chunk] | None:
    """The chunks ``lo:hi`` (section 三) rewritten into the grammar's order, or None where the
    table is intact or not the shape of the official table (the grammar reads it as printed)."""
    norm_text = ctx.st.norm.text
    region = split_spaced(chunks, norm_text, lo, hi)
    ps = pieces(region)
    if not any(p.kind == "label" for p in ps) and not any(p.kind == "cell" and p.text != BLANK for p in ps):
        return None
    damaged = not is_intact(ps, region, len(region) != hi - lo)
    spans = stretches(ps)
    # the format as the labels and the text tell it (2021's （六）其他处理 is a group label)
    fmt_hint = table_format([p.key or "" for p in ps if p.kind == "label"], 0, norm_text)
    rows: list[ValueRow] = []
    owner: dict[int, int] = {}  # piece index of a stretch's start -> first row index
    attached: set[int] = set()
    for a, b in spans:
        prev = ps[a - 1] if a > 0 else None
        label = prev if prev is not None and _grammar_label(prev, region) else None
        if label is None and prev is not None and prev.kind == "label":
            label = prev  # a label joined from two chunks, right before its row
        if label is None and prev is not None and region[prev.chunks[-1]].text.startswith(UNPLACED):
            label = attrs.evolve(prev, kind="label", key=None)  # the line reader's unplaced label (P102)
        before = next((ps[j] for j in range(a - 1, -1, -1) if ps[j].kind != "furniture"), None)
        if before is not None and before.kind in ("header", "group") and all(
                not any(ch.isdigit() for ch in p.text) for p in ps[a:b] if p.kind == "cell"):
            continue  # header filler, or placeholders under header cells (OCR'd little header tables)
        if label is not None:
            attached.add(a - 1)
        owner[a] = len(rows)
        heading = label is not None and (label.kind == "group" or (label.key == "other" and fmt_hint == "2021"))
        rows.extend(rows_of(ps, a, b, label, region, norm_text, heading))
    if not rows or (not damaged and any(len(r.cells) != NCOLS for r in rows)):
        return None  # not the shape of the official table: leave it to the grammar as printed
    # （六）其他处理 with no values of its own is the 2021 group label, not a detached label
    # nor is a label printed twice, as a heading and then as its row's label
    keys_attached = {ps[i].key for i in attached}
    loose_idx = [i for i, p in enumerate(ps) if p.kind == "label" and i not in attached and p.key != "other"
                 and p.key not in keys_attached]
    loose = [ps[i] for i in loose_idx]
    if not damaged and not loose and all(r.label is not None and not r.label_cell for r in rows):
        return None  # every row of values right after its own label: an intact grid
    fmt = table_format([p.key or "" for p in ps if p.kind == "label"], len(rows), norm_text)
    used = assign(rows, loose, fmt)
    used_pieces = {loose_idx[i] for i in used}
    official = {r.key: r for r in L.APPLICATION_ROWS}
    out: list[Chunk] = []
    in_stretch = {i for a, b in spans if a in owner for i in range(a, b)}
    first_row, last_row = min(owner), max(owner)

    def rows_seen(k: int) -> bool:
        """Whether piece ``k`` lies between the first and the last stretch of value rows."""
        return first_row < k < last_row

    notes = _loose_notes(rows, region, norm_text)
    stretch_end = {a: b for a, b in reversed(spans)}  # a stretch's first piece -> its end (one lookup per row)
    k = 0
    while k < len(ps):
        p = ps[k]
        if k in owner:
            a, b = k, stretch_end[k]
            first = owner[k]
            n = len(rows_of(ps, a, b, None, region, norm_text))
            for r in rows[first : first + n]:
                out.extend(_emit_row(r, region, official, ctx, notes))
            k = b
            continue
        if k in in_stretch or k in used_pieces or (k in attached):
            k += 1
            continue
        out.extend(region[i] for i in p.chunks)
        if p.kind == "other" and rows_seen(k):
            ch = region[p.chunks[0]]
            if len(_NUMS.findall(norm_text[ch.start : ch.end])) >= 2:
                ctx.diag("P124", f"数据无法定位 (values not placed): {p.text!r} inside the application table "
                         "holds values that match no row of the table; kept as text", ch.start, ch.end)
        k += 1
    for i in loose_idx:
        if loose_idx.index(i) not in used:
            p = ps[i]
            a, b = region[p.chunks[0]].start, region[p.chunks[-1]].end
            ctx.diag("P124", f"行标签没有数据 (label without values): {p.text!r} is printed in the application "
                     "table but no row of values was left for it", a, b)
    return out


def _loose_notes(rows: Sequence[ValueRow], region: Sequence[Chunk], text: str) -> dict[int, Piece]:
    """The notes printed on a line of their own right after a value cell (a converter pulled a
    cell's "(其中修订3件)" out of the row), by the chunk index of that cell: each is given back to
    its cell.  Only a note with nothing but white space between it and its value."""
    cells = {c.chunks[0] for r in rows for c in r.cells}
    return {e.chunks[0] - 1: e for r in rows for e in r.extras
            if e.kind == "note" and e.chunks[0] - 1 in cells
            and not text[region[e.chunks[0] - 1].end : region[e.chunks[0]].start].strip()}


def _cell_chunk(c: Piece, region: Sequence[Chunk], notes: dict[int, Piece]) -> Chunk:
    """The chunk of one recovered value cell: its text as the grammar must see it, and the note
    printed on the next line joined to it (one chunk over both lines: the cell's note)."""
    ch = region[c.chunks[0]]
    note = notes.get(c.chunks[0])
    if note is None:
        return attrs.evolve(ch, text=c.text)
    return attrs.evolve(ch, text=c.text + note.text, end=region[note.chunks[0]].end)


def _emit_row(r: ValueRow, region: Sequence[Chunk], official: dict[str, L.RowSpec],
              ctx: RecoveryContext, notes: dict[int, Piece]) -> list[Chunk]:
    """The chunks of one recovered row: its label (official text), its cells, what followed."""
    cells = [_cell_chunk(c, region, notes) for c in r.cells]
    a0 = cells[0].start if cells else (region[r.extras[0].chunks[0]].start if r.extras else 0)
    b0 = cells[-1].end if cells else a0
    out: list[Chunk] = []
    if r.key is not None and r.key in official:
        spec = official[r.key]
        text = canonical_chunk_text(_official(spec.key))
        if r.label is not None:
            la, lb = region[r.label.chunks[0]].start, region[r.label.chunks[-1]].end
            out.append(Chunk(text, la, lb))
            if r.how == "detached" or len(r.label.chunks) > 1:
                ctx.diag("P120", f"行标签与数据分离 (label printed apart from its row): {r.label.text!r} was "
                         f"taken for the row of values printed at this place, by the order of the format's rows "
                         f"({spec.label})", min(la, a0), max(lb, b0))
        else:
            out.append(Chunk(text, a0, a0))
            ctx.diag("P121", f"行标签缺失 (row printed without its label): the values here were placed in the row "
                     f"{spec.label!r} by their order and the table's sums", a0, b0)
    else:
        if r.label is not None:
            la, lb = region[r.label.chunks[0]].start, region[r.label.chunks[-1]].end
            out.append(Chunk(UNPLACED + r.label.text.lstrip(UNPLACED), la, lb))
            if r.label.key is None:
                out.extend(cells)
                return out  # the line reader's P102 already reports it
        else:
            out.append(Chunk(UNPLACED, a0, a0))
        ctx.diag("P124", "数据行无法定位 (row of values not placed): these values could be more than one official "
                 "row of the application table; kept in a row with no key", a0, b0)
    out.extend(cells)
    if cells and len(cells) != NCOLS:
        ctx.diag("P125", f"数据行单元格数不符 (row of values with {len(cells)} cells, the table has {NCOLS}): "
                 "cells the converter dropped cannot be told apart; the cells are kept in print order",
                 a0, b0)
    for c in r.cells:
        if c.chunks[0] in notes:
            ch = region[notes[c.chunks[0]].chunks[0]]
            ctx.diag("P123", f"单元格附注 (value printed with a note): the note {notes[c.chunks[0]].text!r} printed "
                     f"on its own line after the value {c.text} is given back to its cell (Cell.note)",
                     ch.start, ch.end, Severity.INFO)
    for e in r.extras:
        if e.kind == "note" and notes.get(e.chunks[0] - 1) is e:
            continue  # given back to its cell (in this row or an earlier one)
        if e.kind == "note":  # a paragraph of its own (the line reader may have taken it for a row label)
            out.append(attrs.evolve(region[e.chunks[0]], text=e.text))
            ch = region[e.chunks[0]]
            ctx.diag("P123", f"单元格附注 (value printed with a note): the note {e.text!r} printed on its own line "
                     "is kept as text; no value of the row prints it", ch.start, ch.end, Severity.INFO)
        else:
            out.extend(region[i] for i in e.chunks)
    return out


def _official(key: str) -> OfficialLabel:
    """The official label of a value row."""
    return next(o for o in app_labels() if o.key == key)
