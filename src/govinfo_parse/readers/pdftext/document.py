"""The document around the application table: where the table is, and every other line.

Outside the application table each line is one chunk, as in the plain-text layouts, except a
header line (one chunk per header cell), a row label with its values (the label, then one
chunk per value; a label wrapped onto the line before is joined back) and a section-二 row
label printed a little differently (matched against the official ones: ``P101``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...formats import labels as L
from ...stream import squeeze
from ...tables.labels import approximate_label_diagnostic, canonical_chunk_text, match_label, proactive_labels
from .emit import Out
from .headers import header_cells
from .lines import PAGE_MARK, Line, Tok, is_row_label, label_text, line_values

__all__ = ["plain_lines", "table_region"]

_SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.,:]")


def table_region(lines: Sequence[Line]) -> tuple[int, int] | None:
    """Line range (start, end) of the application table: after the section-三 heading, up to
    the next section heading; or around the rows that match its labels."""
    start: int | None = None
    for ln in lines:
        t = squeeze(ln.text)
        m = _SECTION.match(t)
        if m and L.chinese_numeral(m.group(1)) == 3 and "申请" in t and match_label(t) is None:
            start = ln.index + 1
            break
    if start is None:
        first = next((ln.index for ln in lines
                      if (m2 := match_label(_split_text(ln))) is not None and m2.official.key == "new"), None)
        if first is None:
            return None
        start = first
    end = len(lines)
    for ln in lines[start:]:
        t = squeeze(ln.text)
        m = _SECTION.match(t)
        if m and (L.chinese_numeral(m.group(1)) or 0) >= 4:
            # the table's own last row is numbered 四 too: 四、结转下年度继续办理 (maybe cut)
            _, values = line_values(ln)
            if "结转" in t or values:
                continue
            end = ln.index
            break
    return start, end


def _split_text(ln: Line) -> str:
    """The line's label words joined (its values left out)."""
    label, _ = line_values(ln)
    return "".join(t.text for t in label)


def _plain_line(ln: Line, out: Out, prefix: Sequence[Tok] = ()) -> None:
    """One line outside the application table.  ``prefix``: the words of the line before, a
    row label's first part that wrapped ("其他对外管理服务" / "事项 0 0 0")."""
    toks = list(ln.toks)
    if not toks:
        return
    if PAGE_MARK.match(ln.text):
        out.toks(toks)
        return
    label, values = line_values(ln)
    if label and not prefix:
        cells = header_cells(label)
        if cells is not None and (len(cells) > 1 or values):
            for a, b in cells:
                out.toks(label[a:b])
            for t in values:
                out.tok(t)
            return
    label = [*prefix, *label]
    if values and (not label or is_row_label(label_text(label))):
        if label:
            out.toks(label)
        for t in values:
            out.tok(t)
        return
    if values and 1 <= len(values) <= 3:
        m = match_label(label_text(label), candidates=proactive_labels())
        if m is not None:  # a section-二 row label printed a little differently
            out.toks(label, canonical_chunk_text(m.official))
            if not m.exact:
                out.diags.append(approximate_label_diagnostic(m, out.span(label[0].start, label[-1].end)))
            for t in values:
                out.tok(t)
            return
    out.toks([*prefix, *toks] if prefix else toks)


def _wrapped_label(ln: Line, nxt: Line | None) -> bool:
    """``ln`` holds only the first part of the row label that ends on ``nxt``, before its values."""
    if nxt is None or not ln.toks or not nxt.toks or PAGE_MARK.match(ln.text):
        return False
    label, values = line_values(ln)
    nlabel, nvalues = line_values(nxt)
    if values or not nvalues or not nlabel or is_row_label(label_text(nlabel)):
        return False
    if header_cells(label) is not None and len(header_cells(label) or ()) > 1:
        return False
    joined = label_text(label) + label_text(nlabel)
    return is_row_label(joined) or match_label(joined, candidates=proactive_labels()) is not None


def plain_lines(lines: Sequence[Line], out: Out) -> None:
    """Emit lines outside the application table, a row label wrapped onto two lines joined."""
    i = 0
    while i < len(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _wrapped_label(lines[i], nxt):
            _plain_line(nxt, out, prefix=lines[i].toks)
            i += 2
            continue
        _plain_line(lines[i], out)
        i += 1
