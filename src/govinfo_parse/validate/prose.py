"""The prose against the tables (X101–X107): figures the narrative repeats ("全年共受理政府信息公开
申请212件") compared with the table cells they restate.  The scan is conservative; see
docs/diagnostics.md for what counts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..formats import identities as ids
from ..formats.glosses import fmt, row_name, section_name
from ..formats.labels import APPLICATION_ROWS
from ..nodes import Cell, CellRef, Diagnostic, Paragraph, Report, Span, Value
from ._common import APP_TOTAL, N_REVIEW, REVIEW_COLUMN_KEYS, AppView, W, add, aligned, app_ref, is_num, spans

__all__ = ["check_prose"]

_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "\u3000": " ", "\u00a0": " "})
"""Full-width digits and wide spaces folded, one character for one (offsets are kept)."""
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)"
_UNIT_APP = r"\s*(?P<unit>件|项|个|份|宗)"
_UNIT_CASE = r"\s*(?P<unit>件|起|宗|个|次)"
_GAP = r"(?P<gap>[^，,。；;：:！!？?、\d（）()]{0,16}?)"
_BLACKLIST = re.compile(
    r"复议|诉讼|信访|举报|投诉|咨询|建议|提案|来信|来电|留言|网民|网友|案件|热线|工单|信箱"
)
"""Subjects other than disclosure applications, which rule a figure out when they come between
the verb and the number."""

# (kind, regex, whether text between the verb and the number must name the topic (申请/公开))
_PROSE_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("received", re.compile(
        r"(?:受理|收到|接收|接到|新收|收悉)" + _GAP + r"申请(?:公开)?(?:数量)?\s*(?:共|总计|合计|为|达)?\s*"
        + _NUM + _UNIT_APP), False),
    ("carried_over", re.compile(
        r"上一?年度?结转(?:的)?" + _GAP + r"(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
    ("carried_forward", re.compile(
        r"结转(?:至|到)?(?P<year>下一?年度?|次年|\d{4}年度?)(?:继续办理|办理|处理)?(?:的)?(?:申请)?"
        r"\s*(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
    ("carried_forward", re.compile(
        _NUM + r"\s*(?P<unit>件|项)(?:申请)?(?P<gap>[^，,。；;\d]{0,6}?)结转(?:至|到)?"
        r"(?P<year>下一?年度?|次年|\d{4}年度?)"), False),
    ("answered", re.compile(
        r"(?:办结|答复|回复)" + _GAP + r"(?:共|总计|合计|为|达)?\s*" + _NUM + _UNIT_APP), True),
    ("answered", re.compile(
        r"(?:已|共|累计|全部)办理(?:完毕|完成)?\s*(?:共|总计)?\s*" + _NUM + _UNIT_APP), False),
    ("answered", re.compile(_NUM + r"\s*(?P<unit>件|项)(?P<gap>[^，,。；;\d]{0,16}?)办结(?!率)"), False),
    ("reviews", re.compile(
        r"行政复议(?:案件|申请)?\s*(?:共|总计|合计|为)?\s*" + _NUM + _UNIT_CASE), False),
    ("lawsuits", re.compile(
        r"(?:行政)?诉讼(?:案件)?\s*(?:共|总计|合计|为)?\s*" + _NUM + _UNIT_CASE), False),
    ("category", re.compile(
        r"(?P<cat>予以公开(?:及|和|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
        r"(?:的)?(?:申请)?\s*(?:共|为)?\s*" + _NUM + _UNIT_APP), False),
)

_CATEGORY_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "予以公开": ("（一）予以公开", ("granted",)),
    "部分公开": ("（二）部分公开", ("partly_granted",)),
    "不予公开": ("（三）不予公开", tuple(r.key for r in APPLICATION_ROWS if r.group == "withheld")),
    "无法提供": ("（四）无法提供", tuple(r.key for r in APPLICATION_ROWS if r.group == "unavailable")),
    "不予处理": ("（五）不予处理", tuple(r.key for r in APPLICATION_ROWS if r.group == "not_processed")),
    "其他处理": ("（六）其他处理", ("other", "other.no_correction", "other.unpaid_fee", "other.other")),
}

_KIND_NAME = {
    "received": ("X101", "收到申请数 (applications received)"),
    "carried_over": ("X102", "上年结转数 (carried over from last year)"),
    "answered": ("X103", "办结数 (applications answered)"),
    "carried_forward": ("X104", "结转下年度数 (carried forward to next year)"),
    "reviews": ("X105", "行政复议数 (administrative reviews)"),
    "lawsuits": ("X106", "行政诉讼数 (lawsuits)"),
    "category": ("X107", "办理结果数 (applications by result)"),
}


def _paragraphs(report: Report) -> Iterator[Paragraph]:
    """Every paragraph of the preamble and the sections, in document order."""
    for b in report.preamble:
        if isinstance(b, Paragraph):
            yield b
    for s in report.sections:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                yield b


def _sub_span(p: Paragraph, start: int, end: int) -> Span | None:
    """The span of ``p.text[start:end]`` when the paragraph's text maps one to one onto its source
    (same length), else the paragraph's span."""
    s = p.span
    if s is None:
        return None
    if s.end - s.start != len(p.text):
        return s

    def pos(i: int) -> tuple[int, int]:
        """Line and column of offset ``i`` of the paragraph's text."""
        before = p.text[:i]
        nl = before.count("\n")
        if nl == 0:
            return s.line, s.column + i
        return s.line + nl, i - before.rfind("\n")

    (l1, c1), (l2, c2) = pos(start), pos(end)
    return Span(s.start + start, s.start + end, l1, c1, l2, c2)


class _Found:
    """What a table says for one prose figure."""

    def __init__(self, accepted: set[Value], headline: Value, cells: Sequence[Cell], described: str,
                 refs: Sequence[CellRef] = ()) -> None:
        self.accepted = accepted
        """Every reading of the table the prose may mean (e.g. 受理 as 一 alone, or 一 + 二)."""
        self.headline = headline
        """The table's figure to quote (reported as ``expected``)."""
        self.cells = list(cells)
        self.described = described
        self.refs = tuple(refs)
        """The cells the figure is read from, by their keys."""


class _Figures:
    """What the tables say for each kind of prose figure."""

    def __init__(self, report: Report) -> None:
        self.report = report
        table = report.applications
        self.view = AppView(table) if table is not None else None

    def rows(self, keys: Sequence[str]) -> tuple[set[Value], Value, list[Cell]] | None:
        """Σ of the rows' totals, read two ways — as printed in 总计, and as the sum of the applicant
        cells — and the one to quote (the printed one unless a 总计 cell is blank)."""
        if self.view is None:
            return None
        printed: Value = 0
        computed: Value = 0
        cells: list[Cell] = []
        for k in keys:
            r = self.view.first.get(k)
            if r is None:
                continue
            row_cells = self.view.aligned(r)
            if row_cells is None:
                return None
            printed += row_cells[APP_TOTAL].number
            computed += add(c.number for c in row_cells[:APP_TOTAL])
            cells.append(row_cells[APP_TOTAL])
        if not cells:
            return None
        headline = printed if all(is_num(c) for c in cells) else computed
        return {printed, computed}, headline, cells

    def review_group(self, g: int) -> tuple[set[Value], Value, Cell] | None:
        """Section 四 group ``g``'s total, read as printed and as the sum of its four results."""
        t = self.report.reviews
        cells = aligned(t.cells, N_REVIEW) if t is not None else None
        if cells is None:
            return None
        group = cells[g * 5:(g + 1) * 5]
        computed = add(c.number for c in group[:4])
        headline = group[4].number if is_num(group[4]) else computed
        return {group[4].number, computed}, headline, group[4]

    def refs(self, keys: Sequence[str]) -> list[CellRef]:
        """The 总计 cells of the rows a figure is read from."""
        assert self.view is not None
        return [app_ref(k, APP_TOTAL) for k in keys if k in self.view.first]

    def lookup(self, kind: str, cat: str | None) -> _Found | None:
        """What the tables say for a prose figure of ``kind`` (``cat``: the result categories
        named), None where the table to compare with is missing or cannot be read."""
        if kind in ("received", "carried_over", "carried_forward", "answered"):
            key = {"received": "new", "answered": "total"}.get(kind, kind)
            a = self.rows((key,))
            if a is None:
                return None
            accepted = set(a[0])
            if kind == "received":  # 受理 may count last year's carried-over applications too
                b = self.rows(("new", "carried_over"))
                accepted |= b[0] if b is not None else set()
            if kind == "answered":  # "of the N received, M answered, K carried forward"
                new, fwd = self.rows(("new",)), self.rows(("carried_forward",))
                if new is not None and fwd is not None:
                    accepted |= {x - y for x in new[0] for y in fwd[0]}
            return _Found(accepted, a[1], a[2], f"{row_name(key)} = {fmt(a[1])} (总计 column)",
                          self.refs((key,)))
        if kind == "reviews":
            rg = self.review_group(0)
            if rg is None:
                return None
            return _Found(rg[0], rg[1], [rg[2]], f"行政复议/总计 = {fmt(rg[1])} in {section_name(4)}",
                          [_review_total(0)])
        if kind == "lawsuits":
            d, a2 = self.review_group(1), self.review_group(2)
            if d is None or a2 is None:
                return None
            accepted = {x + y for x in d[0] for y in a2[0]} | d[0] | a2[0]
            both = d[1] + a2[1]
            return _Found(accepted, both, [d[2], a2[2]], (
                f"行政诉讼: 未经复议直接起诉/总计 {fmt(d[1])} + 复议后起诉/总计 {fmt(a2[1])} = "
                f"{fmt(both)} in {section_name(4)}"
            ), [_review_total(1), _review_total(2)])
        if kind == "category" and cat is not None:
            names: list[str] = []
            keys: list[str] = []
            for part in re.split(r"及|和|与|、", cat):
                if part in _CATEGORY_ROWS:
                    names.append(_CATEGORY_ROWS[part][0])
                    keys.extend(_CATEGORY_ROWS[part][1])
            a = self.rows(keys)
            if a is None:
                return None
            return _Found(a[0], a[1], a[2], f"{' + '.join(names)} = {fmt(a[1])} (总计 column)",
                          self.refs(keys))
        return None


def _review_total(g: int) -> CellRef:
    """The 总计 cell of section 四 group ``g``."""
    return CellRef(ids.REVIEWS, "", REVIEW_COLUMN_KEYS[g * 5 + 4])


_LONG_DIGITS = re.compile(r"\d[\d,]{15,}")


def check_prose(report: Report) -> Iterator[Diagnostic]:
    """Every figure of the paragraphs that restates a table cell, compared with it."""
    if report.applications is None and report.reviews is None:
        return
    figures = _Figures(report)
    year = report.metadata.year
    category_rx = _PROSE_PATTERNS[-1][1]
    for p in _paragraphs(report):
        text = p.text.translate(_FOLD)
        if not re.search(r"\d", text):
            continue
        # a list of results ("予以公开…N件；不予公开…M件") is about applications even without 申请
        listing = "申请" in text or len(category_rx.findall(text)) >= 2
        for sent in re.finditer(r"[^。！!？?\n]+", text):
            # a run of more digits than any figure has is masked (same length, so offsets hold):
            # the patterns would try it from every digit (quadratic), and it is no count
            sentence = _LONG_DIGITS.sub(lambda m: "#" * len(m.group()), sent.group(0))
            if not re.search(r"\d", sentence):
                continue
            taken: list[tuple[int, int, str, re.Match[str]]] = []
            for kind, rx, topical_gap in _PROSE_PATTERNS:
                for m in rx.finditer(sentence):
                    a, b = m.span()
                    if any(a < y and x < b for x, y, _, _ in taken):
                        continue
                    if _plausible(kind, m, sentence, topical_gap, listing, year):
                        taken.append((a, b, kind, m))
            for _, _, kind, m in sorted(taken, key=lambda t: t[0]):
                yield from _compare(figures, p, kind, m, sent.start())


def _plausible(kind: str, m: re.Match[str], sentence: str, topical_gap: bool, listing: bool,
               year: int | None) -> bool:
    """Conservative reading: a figure counts only where its sentence is about disclosure
    applications (or reviews and suits over them) and nothing between the verb and the number
    names another subject (letters, complaints, proposals, …)."""
    gd = m.groupdict()
    gap = gd.get("gap") or ""
    if _BLACKLIST.search(gap):
        return False
    if topical_gap and gap and not re.search(r"申请|公开", gap):
        return False
    if kind in ("received", "answered", "carried_over", "carried_forward"):
        if "申请" not in sentence and "公开" not in sentence:
            return False
        if kind == "received" and "公开" not in sentence:
            return False
        if kind == "carried_forward" and re.search(r"未|尚|上年|上一年", gap):
            return False
    if kind == "carried_forward":
        y = re.match(r"\d{4}", gd.get("year") or "")
        if y is not None and (year is None or int(y.group(0)) != year + 1):
            return False
    if kind in ("reviews", "lawsuits") and "公开" not in sentence:
        return False
    if kind == "lawsuits" and "复议" not in sentence and "行政诉讼" not in m.group(0):
        return False
    return not (kind == "category" and not listing)


def _compare(figures: _Figures, p: Paragraph, kind: str, m: re.Match[str],
             offset: int) -> Iterator[Diagnostic]:
    """The X1xx diagnostic for one prose figure, if the table disagrees with every reading."""
    value = int(m.group("num").replace(",", ""))
    found = figures.lookup(kind, m.groupdict().get("cat"))
    if found is None or value in found.accepted:
        return
    code, what = _KIND_NAME[kind]
    start, end = offset + m.start(), offset + m.end()
    clause = max(p.text.rfind(ch, offset, start) for ch in "，,；;：:（(、。\n") + 1
    quote = p.text[max(clause, offset, start - 30):end].strip()
    yield Diagnostic(
        code, W,
        f"正文与表格不一致 (prose and table disagree) on {what}: the text says “{quote}” ({value}), "
        f"the table has {found.described}",
        span=_sub_span(p, start, end), related=spans(found.cells),
        expected=found.headline, actual=value, cells=found.refs,
        suggestion="one of the two places is wrong; the report should state the same figure in both",
    )


