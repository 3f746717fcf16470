"""Cutting a flattened text into the canonical chunk stream: sections, prose, tables and row jobs.

The cutter finds the section headings, splits prose into paragraphs and sub-headings, and reads
each table as header cells, row labels and runs of digits; every run becomes a :class:`_RowJob`
that the decoder (``decoder.py``) turns into cell chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from ...formats import labels as L
from ...nodes import Diagnostic, Severity, Span
from ...normalise import Normalised, SourceMap
from ...stream import UNPLACED, Chunk
from .jobs import _Piece, _RowJob
from .readings import pro_columns
from .recovery import _Recovery
from .splits import _COUNT
from .vocab import (
    _ANCHOR_RE,
    _APP_CORES,
    _APP_LABELS,
    _APP_TABLE,
    _BREAK_BEFORE,
    _FORMAT_2019,
    _FORMAT_2021,
    _GENERIC_SECTION_RE,
    _HEADER_RE,
    _ITEM_RE,
    _NOTE_RE,
    _PRO_LABEL_RE,
    _PRO_ROW_ITEM,
    _REVIEW_START,
    _REVIEW_TABLE,
    _RUN_CHARS,
    _SECTION_RE,
    _SUBHEAD_RE,
    _UNITS,
    _UNKNOWN_LABEL_RE,
    _canon,
    _Label,
    _Text,
)

# --------------------------------------------------------------------------------------------
# the decoder
# --------------------------------------------------------------------------------------------




_WORD_PLACEHOLDERS: Final = frozenset("无空")
"""Placeholders written as a word ("无", "空"; "N/A" is matched as a whole) inside a run."""
class _Cutter(_Recovery):
    def __init__(self, source: str, norm: Normalised) -> None:
        self.source = source
        self.norm = norm
        self.t = _Text(norm.text)
        self.s = self.t.s
        self.smap = SourceMap.of(source)
        self.pieces: list[_Piece] = []
        self.diags: list[Diagnostic] = []
        self.fmt = self._format()
        self.tables = 0
        self.sum_decided: dict[int, list[_RowJob]] = {}

    # ---- positions ---------------------------------------------------------------------------
    def span(self, a: int, b: int) -> Span:
        """Span in the user's file of squeezed ``s[a:b]``."""
        start = self.norm.source_offset(self.t.pos[a])
        end = self.norm.source_offset(self.t.pos[b - 1] + 1)
        return self.smap.span(start, end)

    def source_text(self, a: int, b: int) -> str:
        """The user's text of squeezed ``s[a:b]``."""
        start = self.norm.source_offset(self.t.pos[a])
        end = self.norm.source_offset(self.t.pos[b - 1] + 1)
        return self.source[start:end]

    def diag(self, code: str, sev: Severity, msg: str, a: int, b: int,
             related: Sequence[tuple[int, int]] = (), suggestion: str | None = None) -> None:
        """Record a diagnostic over squeezed ``s[a:b]`` (and related squeezed ranges)."""
        self.diags.append(Diagnostic(code, sev, msg, self.span(a, b),
                                     tuple(self.span(x, y) for x, y in related), suggestion=suggestion))

    # ---- format ------------------------------------------------------------------------------
    def _format(self) -> str:
        """The format the text's vocabulary names (2021 or 2019), else the one its year calls for."""
        s = self.s
        if _FORMAT_2021.search(s):
            return "2021"
        if _FORMAT_2019.search(s):
            return "2019"
        years = [int(y) for y in re.findall(r"(20[0-3]\d)年度?", s[:400])]
        return "2021" if years and max(years) >= 2021 else "2019"

    # ---- top level ---------------------------------------------------------------------------
    def run(self) -> tuple[list[Chunk], list[Diagnostic]]:
        """Cut the text into chunks, decode every row job, and return the chunk stream and diagnostics."""
        s = self.s
        cur = 0
        for a, b in self._section_heads():
            self._content(cur, a)
            self.pieces.append(self.t.chunk(a, b))
            cur = b
        self._content(cur, len(s))
        self._decode()
        out: list[Chunk] = []
        for p in self.pieces:
            if isinstance(p, Chunk):
                out.append(p)
            else:
                if p.label is not None:
                    out.append(p.label)
                out.extend(p.cells)
        return out, self.diags

    def _decode(self) -> None:
        """Turn the row jobs into cells (the decoder's part)."""
        raise NotImplementedError

    def _boundary_before(self, i: int) -> bool:
        s = self.s
        return i == 0 or self.t.gap[i] or s[i - 1] in _BREAK_BEFORE

    def _section_heads(self) -> list[tuple[int, int]]:
        """Squeezed (start, end) of every section heading: known titles after a boundary, and unknown
        numbered titles at a line start that continue the numbering."""
        s = self.s
        heads: list[tuple[int, int, int]] = []
        for m in _SECTION_RE.finditer(s):
            if self._boundary_before(m.start()):
                heads.append((m.start(), m.end(), L.chinese_numeral(m.group("num")) or 0))
        # a numbered heading with a title of its own, alone at the start of a line
        last = 0
        found = {a for a, _, _ in heads}
        for m in _GENERIC_SECTION_RE.finditer(s):
            a = m.start()
            if a in found or not (a == 0 or self.t.nl[a]):
                continue
            num = L.chinese_numeral(m.group("num")) or 0
            prev = max((n for x, _, n in heads if x < a), default=last)
            title_end = m.end()
            for k in range(m.start("title"), m.end()):
                if self.t.gap[k] and k > m.start("title"):
                    title_end = k
                    break
            if num == prev + 1 and not _APP_CORES.search(s, m.start("title"), title_end):
                heads.append((a, title_end, num))
        heads.sort()
        return [(a, b) for a, b, _ in heads]

    # ---- section content: prose and tables -----------------------------------------------
    def _content(self, a: int, b: int) -> None:
        """Prose and tables of ``s[a:b]``: each table anchor is tried; what lies between is prose."""
        s = self.s
        i = prose_from = a
        sub = [1]
        while i < b:
            m = _ANCHOR_RE.search(s, i, b)
            if m is None:
                break
            got = self._table(m.group(0), m.start(), b)
            if got is None:
                i = m.start() + 1
                continue
            end, pieces = got
            self._prose(prose_from, m.start(), sub)
            self.pieces.extend(pieces)
            prose_from = i = end
        self._prose(prose_from, b, sub)

    def _prose(self, a: int, b: int, sub: list[int]) -> None:
        """Paragraph chunks of ``s[a:b]``: split at line breaks and at （一）-style sub-headings
        numbered in sequence after a sentence end."""
        s, t = self.s, self.t
        if a >= b:
            return
        cuts: list[tuple[int, int | None]] = []  # (start of a piece, end of its heading title)
        for m in _SUBHEAD_RE.finditer(s, a, b):
            k = m.start()
            if not (k == a or t.nl[k] or t.gap[k] or s[k - 1] in "。;!?"):
                continue
            if L.chinese_numeral(m.group(1)) != sub[0]:
                continue
            sub[0] += 1
            title_end: int | None = None
            for j in range(m.end(), min(b, m.end() + 40)):
                if s[j] == "。":
                    title_end = j + 1
                    break
                if s[j] in ",;:" or (t.gap[j] and j > m.end()):
                    title_end = j if t.gap[j] else None
                    break
            cuts.append((k, title_end))
        starts = sorted({a, *(k for k, _ in cuts), *(j for j in range(a + 1, b) if t.nl[j])})
        titles = dict(cuts)
        for x, y in zip(starts, [*starts[1:], b], strict=True):
            te = titles.get(x)
            if te is not None and x < te < y:
                self.pieces.append(t.chunk(x, te))
                self.pieces.append(t.chunk(te, y))
            elif x < y:
                self.pieces.append(t.chunk(x, y))

    # ---- tables --------------------------------------------------------------------------
    def _table(self, anchor: str, i: int, b: int) -> tuple[int, list[_Piece]] | None:
        if anchor.startswith("第二十条"):
            return self._pro_table(i, b)
        if _REVIEW_START.match(anchor) or anchor == "结果维持":
            return self._review_table(i, b)
        return self._app_table(i, b)

    def _header_at(self, k: int, b: int) -> int:
        m = _HEADER_RE.match(self.s, k, b)
        return m.end() if m else k

    def _run_end(self, k: int, b: int, kind: str) -> int:
        """End of the run of value characters starting at ``k`` ('k' itself when there is none)."""
        s = self.s
        j = k
        while j < b:
            c = s[j]
            if c in _RUN_CHARS:
                j += 1
                continue
            if s.startswith("N/A", j):
                j += 3
                continue
            if c in _WORD_PLACEHOLDERS and (j > k or (j + 1 < b and (s[j + 1] in _RUN_CHARS
                                                                      or s[j + 1] in _WORD_PLACEHOLDERS))) \
                    and self._core_label_at(j, b) is None and not _PRO_LABEL_RE.match(s, j, b):
                j += 1
                continue
            if kind == "pro" and j > k and s[j - 1].isdigit():
                unit = next((u for u in _UNITS if s.startswith(u, j)), None)
                if unit is not None and j + len(unit) <= b:
                    j += len(unit)
                    continue
            break
        if kind == "app" and j < b and j > k:
            # a row label's number glued to the digits ("…00000004.保护第三方合法权益"): a cell never
            # ends with "." or "、", so a trailing "4." belongs to the next label
            j -= self._glued_number(k, j, self._core_label_at(j, b))
            lab_here = self._core_label_at(j, b)
            n = lab_here.number if lab_here is not None else ""
            if n and not self.t.gap[j] and j - len(n) > k and s[j - len(n) : j] == n and self.t.gap[j - len(n)]:
                # "… 0 0 4保护第三方合法权益": a number standing apart from the run and glued to
                # the next label is that label's number
                j -= len(n)
            elif s[j] in "、," and s[j - 1].isdigit():
                # "…00008002、其他法律…": the label's number and its 、 stop the run
                lab = self._core_label_at(j + 1, b)
                n = lab.number if lab is not None else ""
                if n and j - len(n) > k and s[j - len(n) : j] == n:
                    j -= len(n)
        while j > k and s[j - 1] in ".,+":
            j -= 1
        if not any(ch.isdigit() or ch in "/—-*" or ch in _WORD_PLACEHOLDERS for ch in s[k:j]):
            return k
        return j

    def _core_label_at(self, j: int, b: int) -> _Label | None:
        """The application-row label whose core (no number) matches longest at ``j``, if any."""
        best: _Label | None = None
        best_end = j
        for lab in _APP_LABELS:
            m = lab.core.match(self.s, j, b)
            if m and m.end() > best_end:
                best, best_end = lab, m.end()
        return best

    def _glued_number(self, k: int, j: int, lab: _Label | None) -> int:
        """Length of a label's number glued to the end of the run ``s[k:j]`` ("4." of 4.保护…)."""
        s = self.s
        if j - k < 2 or s[j - 1] not in ".、" or s[j].isdigit():
            return 0
        n = lab.number if lab is not None else ""
        if n and s[j - 1 - len(n) : j - 1] == n and j - 1 - len(n) >= k:
            return len(n) + 1
        return 2 if s[j - 2].isdigit() else 0

    def _app_label_at(self, k: int, b: int, prev: str | None) -> tuple[_Label, int] | None:
        """The application-row label (with its number) matching longest at ``k``, and its end; 其他 and
        总计 only with their number or right after the row they follow."""
        best: tuple[_Label, int] | None = None
        for lab in _APP_LABELS:
            m = lab.full.match(self.s, k, b)
            if m is None or (best is not None and m.end() <= best[1]):
                continue
            if lab.needs is not None:
                pre = m.group("prefix") or ""
                if not (lab.needs.fullmatch(pre) or (not pre and prev in lab.after)):
                    continue
            best = (lab, m.end())
        return best

    def _junk_then(self, k: int, b: int, token: Callable[[int], bool], window: int = 16) -> int | None:
        """Where the next table token starts after a little unrecognised text at ``k``."""
        s = self.s
        for j in range(k + 1, min(b, k + window)):
            if s[j] in "。":
                return None
            if token(j):
                return j
        return None

    def _pro_table(self, i: int, b: int) -> tuple[int, list[_Piece]] | None:
        """A section 二 table at ``i``: item headers, header cells and labelled rows with their runs; the
        end of the table and its pieces (None when no row was found)."""
        s = self.s
        specs = {it.key: it for it in L.proactive_items(self.fmt)}
        pieces: list[_Piece] = []
        item: str | None = None
        rows = 0
        k = end = i
        keep = 0

        def token(j: int) -> bool:
            """Whether a section 二 token (item, row label, header cell) starts at ``j``."""
            return bool(_ITEM_RE.match(s, j, b) or _PRO_LABEL_RE.match(s, j, b) or _HEADER_RE.match(s, j, b))

        while k < b:
            mi = _ITEM_RE.match(s, k, b)
            ml = _PRO_LABEL_RE.match(s, k, b)
            hend = self._header_at(k, b)
            if mi is not None:
                item = f"item{L.chinese_numeral(mi.group(1))}"
                pieces.append(self.t.chunk(k, mi.end()))
                k = end = mi.end()
                keep = len(pieces)
                continue
            if ml is not None and ml.end() >= hend:
                label = ml.group(0)
                r_end = self._run_end(ml.end(), b, "pro")
                key = item if item in specs and any(_canon(r.label) == label for r in specs[item].rows) \
                    else _PRO_ROW_ITEM.get(label)
                spec = specs.get(key or "")
                chunk = self.t.chunk(k, ml.end())
                if r_end > ml.end() and spec is not None:
                    cols = pro_columns(self.fmt, spec.key)
                    pieces.append(_RowJob("pro", key, label, f"第二十条第（{L.numeral_text(int(spec.key[4:]))}）项",
                                          chunk, ml.end(), r_end, cols))
                    rows += 1
                    k = end = r_end
                    keep = len(pieces)
                    continue
                pieces.append(chunk)
                k = ml.end()
                continue
            if hend > k:
                pieces.append(self.t.chunk(k, hend))
                k = hend
                continue
            j = self._junk_then(k, b, token)
            if j is None:
                break
            pieces.append(self.t.chunk(k, j))
            k = j
        if rows == 0:
            return None
        return end, pieces[:keep]

    def _app_table(self, i: int, b: int) -> tuple[int, list[_Piece]] | None:
        """The application table at ``i``: note, header cells, labelled rows and unknown labels with
        their runs, up to section 四's header; the end and its pieces (None when no table)."""
        s = self.s
        pieces: list[_Piece] = []
        rows = 0
        header = False
        prev: str | None = None
        k = end = i
        keep = 0
        table_id = self.tables + 1

        def token(j: int) -> bool:
            """Whether an application-table token (note, row label, header cell) starts at ``j``."""
            return bool(_NOTE_RE.match(s, j, b) or self._app_label_at(j, b, prev) or _HEADER_RE.match(s, j, b))

        while k < b:
            mn = _NOTE_RE.match(s, k, b)
            lab = self._app_label_at(k, b, prev)
            hend = self._header_at(k, b)
            if mn is not None and rows == 0:
                pieces.append(self.t.chunk(k, mn.end()))
                header = True
                k = mn.end()
                continue
            if rows > 0 and _REVIEW_START.match(s, k, b):
                break  # section 四's header, its heading lost
            if lab is not None and lab[1] >= hend:
                spec, lend = lab
                chunk = self.t.chunk(k, lend, spec.canonical)
                r_end = self._run_end(lend, b, "app")
                prev = spec.key
                if r_end > lend and spec.key == "carried_forward":
                    tail = self._review_tail(lend, r_end)
                    if tail is not None:
                        pieces.append(self._app_job(spec.key, L.APPLICATION_ROW_BY_KEY[spec.key].label, chunk, lend,
                                                    tail, table_id))
                        pieces.append(Chunk("结果维持", self.t.pos[tail], self.t.pos[tail]))
                        cols = tuple(_COUNT for _ in L.REVIEW_COLUMNS)
                        pieces.append(_RowJob("review", None, "the value row", _REVIEW_TABLE, None, tail, r_end, cols))
                        rows += 1
                        k = end = r_end
                        keep = len(pieces)
                        continue
                if r_end > lend:
                    key = None if spec.key.startswith("g:") else spec.key
                    name = L.APPLICATION_ROW_BY_KEY[key].label if key is not None else self.source_text(k, lend)
                    pieces.append(self._app_job(key, name, chunk, lend, r_end, table_id))
                    rows += 1
                    k = end = r_end
                    keep = len(pieces)
                    continue
                pieces.append(chunk)
                k = lend
                continue
            if hend > k and rows == 0:
                pieces.append(self.t.chunk(k, hend))
                header = True
                k = hend
                continue
            if rows > 0:
                # a label the table does not know, directly followed by its digits
                m = _UNKNOWN_LABEL_RE.match(s, k, b)
                if m is not None:
                    r_end = self._run_end(m.end(), b, "app")
                    if r_end - m.end() >= 7 and not _HEADER_RE.fullmatch(m.group(0)):
                        chunk = self.t.chunk(k, m.end(), UNPLACED + m.group(0))
                        pieces.append(self._app_job(None, self.source_text(k, m.end()), chunk, m.end(), r_end,
                                                    table_id))
                        rows += 1
                        k = end = r_end
                        keep = len(pieces)
                        continue
            j = self._junk_then(k, b, token)
            if j is None:
                break
            pieces.append(self.t.chunk(k, j))
            k = j
        if rows == 0 or (rows == 1 and not header):
            return None
        self.tables = table_id
        self._place_by_order(pieces[:keep])
        return end, pieces[:keep]

    def _app_job(self, key: str | None, name: str, chunk: Chunk, a: int, b: int, table_id: int) -> _RowJob:
        cols = tuple(_COUNT for _ in L.APPLICATION_COLUMNS)
        return _RowJob("app", key, name, _APP_TABLE, chunk, a, b, cols, table_id)

    def _review_table(self, i: int, b: int) -> tuple[int, list[_Piece]] | None:
        """Section 四 at ``i``: header cells, then the value row (a cut header is taken by the row's
        shape, F110); the end and its pieces (None when it is not there)."""
        pieces: list[_Piece] = []
        k = i
        words = 0
        while k < b:
            hend = self._header_at(k, b)
            if hend == k:
                break
            pieces.append(self.t.chunk(k, hend))
            words += 1
            k = hend
        r_end = self._run_end(k, b, "review")
        if r_end == k:
            return None
        if words < 3:
            # a cut header: take the run by its shape (15 cells or more digits; A4 confirms)
            digits = sum(ch.isdigit() for ch in self.s[k:r_end])
            shape = self._review_shape(k, r_end)
            if words == 0 or (digits < 15 and not shape):
                return None
            self.diag("F110", Severity.WARNING,
                      f"按形状识别 (table recognised by its shape): the section 四 header is cut to {words} cell(s); "
                      f"the digits “{self.s[k:r_end]}” after it are read as the value row of {_REVIEW_TABLE} "
                      + ("because they split into 15 cells with A4 holding in all three groups" if shape else
                         "by their number (15 cells or more), although no reading satisfies A4"), k, r_end)
        cols = tuple(_COUNT for _ in L.REVIEW_COLUMNS)
        pieces.append(_RowJob("review", None, "the value row", _REVIEW_TABLE, None, k, r_end, cols))
        return r_end, pieces
