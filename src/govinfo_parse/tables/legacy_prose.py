"""Figures the prose of a legacy report gives ("全年共受理政府信息公开申请12件").

A legacy report often has no table at all, only sentences: seed 001 (2013) says
"2013年共受理政府信息公开申请10件" and "全年未收到与政府信息公开工作有关的行政复议申请和行政诉讼".
:func:`figures` finds them in a text with the patterns of
:data:`govinfo_parse.formats.legacy.PROSE_PATTERNS`; :func:`with_prose_facts` puts them in the
report as :class:`~govinfo_parse.nodes.ProseFacts` blocks right after their paragraphs.  The
legacy table reader uses the same figures to choose among the readings of glued digits, and the
validation compares them with the table (L205).

The reading is conservative: a figure counts only with its unit; a clause that names a part of
the whole (其中, 各部门, 各乡镇 …) before the figure is left out; applications, reviews and suits
count only in a sentence about disclosure (公开).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from .._lazy import lazy_compile
from ..formats import legacy as LG
from ..nodes import Block, Heading, Paragraph, ProseFact, ProseFacts, Report, ReportFormat, Section, Span, Value
from .pieces import number

__all__ = ["Figure", "figures", "with_prose_facts"]

_PART = lazy_compile(r"其中|各部门|各单位|各乡镇|乡镇|街道|部门|微博|微信|网站|子网站|区直|下属")
_CLAUSE_END = lazy_compile(r"[，,；;。：:！!？?]")
_SENTENCE = lazy_compile(r"[^。！!？?\n]+")


@attrs.frozen
class Figure:
    """One figure found in a text: indicator key, value, unit and where the phrase lies."""

    key: str
    value: Value
    unit: str | None
    start: int
    end: int


def figures(text: str) -> list[Figure]:
    """The figures of the common indicators that ``text`` (normalised or as printed) gives, in
    text order.  Full-width digits and punctuation should be folded first (normalised text)."""
    out: list[Figure] = []
    for sent in _SENTENCE.finditer(text):
        sentence = sent.group(0)
        if not any(k in sentence for k in ("公开", "复议", "诉讼", "收取", "收费")):
            continue
        if sentence.lstrip().startswith("其中"):
            continue
        taken: list[tuple[int, int, str]] = []
        for p in LG.PROSE_PATTERNS:
            for m in p.regex.finditer(sentence):
                a, b = m.span()
                if any(k == p.key and a < y and x < b for x, y, k in taken):
                    continue
                clause_start = max((c.end() for c in _CLAUSE_END.finditer(sentence, 0, a)), default=0)
                if _PART.search(sentence, clause_start, a):
                    continue
                if p.key != "proactive.total" and p.key != "fees.amount" and "公开" not in sentence:
                    continue
                if p.zero:
                    value: Value | None = 0
                    unit = None
                else:
                    value = number(m.group("num"))
                    unit = m.groupdict().get("unit")
                if value is None:
                    continue
                taken.append((a, b, p.key))
                out.append(Figure(p.key, value, unit, sent.start() + a, sent.start() + b))
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _sub_span(p: Paragraph, start: int, end: int) -> Span | None:
    """The span of ``p.text[start:end]`` where the paragraph's text maps one to one onto its
    source (same length, one line), else the paragraph's span."""
    s = p.span
    if s is None:
        return None
    if s.end - s.start != len(p.text) or "\n" in p.text:
        return s
    return Span(s.start + start, s.start + end, s.line, s.column + start, s.line, s.column + end)


def _facts(p: Paragraph | Heading) -> ProseFacts | None:
    """The figures a paragraph (or a heading running into its first sentence) gives, as a
    :class:`ProseFacts` block, or None when it gives none."""
    text = p.text if isinstance(p, Paragraph) else p.title
    found = figures(text)
    if not found:
        return None
    facts = tuple(ProseFact(f.key, text[f.start:f.end], f.value, f.unit,
                            _sub_span(p, f.start, f.end) if isinstance(p, Paragraph) else p.span)
                  for f in found)
    return ProseFacts(facts, p.span)


def _with_facts(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks with their prose facts after each paragraph (old fact blocks made again)."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, ProseFacts):
            continue  # derived: made again from the paragraphs
        out.append(b)
        if isinstance(b, (Paragraph, Heading)):  # a heading may run into its first sentence
            facts = _facts(b)
            if facts is not None:
                out.append(facts)
    return tuple(out)


def with_prose_facts(report: Report) -> Report:
    """The report with a :class:`~govinfo_parse.nodes.ProseFacts` block after every paragraph
    that gives figures (legacy reports only — format legacy and a year before 2019 or none; any
    other report is returned as it is)."""
    if report.format is not ReportFormat.LEGACY:
        return report
    if report.metadata.year is not None and report.metadata.year >= 2019:
        return report  # a later report whose tables could not be read is not a legacy report
    sections = tuple(attrs.evolve(s, blocks=_with_facts(s.blocks)) for s in report.sections)
    return attrs.evolve(report, preamble=_with_facts(report.preamble), sections=sections)


def iter_facts(sections: Sequence[Section]) -> Iterator[ProseFact]:
    """Every prose fact of these sections, in order."""
    for s in sections:
        for b in s.blocks:
            if isinstance(b, ProseFacts):
                yield from b.facts
