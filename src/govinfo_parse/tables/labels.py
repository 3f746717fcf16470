"""Placing printed row labels that differ from the official ones.

Real reports misprint their labels: "2.其他法律行政止公开" for 2.其他法律行政法规禁止公开, "1、"
for "1.", OCR noise (属千 for 属于), notes in parentheses, a wrapped label split into pieces.
The grammar recognises the official labels and their harmless variants (punctuation, numbering
style, quotes).  What it cannot recognise comes here, and is matched against the official label
table (:mod:`govinfo_parse.formats.labels`) by

- a **bounded edit distance** between the label bodies (numbering, white space, quotes and
  parenthetical notes set aside), at most a quarter of the official body's length, and
- the row's **expected position**: the rows of a table come in the format's order, so the row
  after the last one placed may differ a little more (up to 40 %) than a row from elsewhere.

A label is taken for an official one only when exactly one official label is that close (a tie
is settled by the expected position, never by guessing).  An accepted approximate match is
diagnostic ``P101`` (warning), naming what was printed and what it was taken for; a value row
whose label matches nothing is kept with the :data:`govinfo_parse.readers._lines.UNPLACED` marker (its
row gets no key) and diagnostic ``P102``.

:func:`place_labels` does this for the chunk stream of a plain-text layout; the PDF-text reader
(:mod:`govinfo_parse.readers.pdftext`) calls :func:`match_label` directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

import attrs

from .._lazy import lazy_compile
from ..formats import labels as L
from ..formats.cells import CELL_KINDS, cell_patterns
from ..formats.grammar_file import terminals
from ..nodes import Diagnostic, Severity, Span
from ..normalise import Normalised, SourceMap, lexer_view, squeeze
from ..stream import BLANK, HEADER, UNPLACED, Chunk

__all__ = [
    "LabelMatch",
    "OfficialLabel",
    "app_labels",
    "canonical_chunk_text",
    "edit_distance",
    "is_group_label",
    "join_pieces",
    "label_body",
    "match_label",
    "place_labels",
    "proactive_labels",
    "terminal_of",
]

_NUMBERING = lazy_compile(
    r"^(?:(?P<cn>[一二三四五六七八九十]{1,3})[、.,:]"
    r"|\((?P<pcn>[一二三四五六七八九十]{1,3})\)"
    r"|\(?(?P<ar>\d{1,2})(?:[.、,:)]|(?=\D)))"
)
_PARENS = lazy_compile(r"\([^()]*\)?$|\([^()]*\)")
_QUOTES = lazy_compile("[\"'“”‘’「」『』]")
_WS = lazy_compile(r"\s+")


@attrs.frozen
class OfficialLabel:
    """One official label of the application table: a value row or a merged group label."""

    key: str
    """Row key (``"withheld.prohibited"``) or ``"group:<name>"`` for a merged group label."""
    label: str
    """The official label as the format prints it."""
    body: str
    """The comparable body: no numbering, white space, quotes; normalised."""
    number: int | None
    """The label's own number (2 for "2.其他法律行政法规禁止公开"), if it has one."""
    formats: tuple[str, ...]


@attrs.frozen
class LabelMatch:
    """The official label a printed one was taken for."""

    official: OfficialLabel
    printed: str
    distance: int
    """Edit distance between the bodies (0: the same words, only numbering or spacing differ)."""

    @property
    def exact(self) -> bool:
        """Whether the printed label says the official words (only numbering or spacing differ)."""
        return self.distance == 0



def label_body(text: str) -> tuple[str, int | None]:
    """The comparable body of a label and its number: normalised, white space and quotes
    removed, the leading numbering ("三、", "（一）", "1.", "1、", "(1)") cut off."""
    t = _QUOTES.sub("", lexer_view(text))
    t = t.lstrip(HEADER + UNPLACED)
    m = _NUMBERING.match(t)
    number: int | None = None
    if m and m.end() < len(t):
        ar = m.group("ar")
        number = int(ar) if ar else L.chinese_numeral(m.group("cn") or m.group("pcn") or "")
        t = t[m.end() :]
    return t, number


def _without_notes(body: str) -> str:
    return _PARENS.sub("", body)


@lru_cache(maxsize=1)
def app_labels() -> tuple[OfficialLabel, ...]:
    """The official labels of the application table: value rows in table order, then groups."""
    out: list[OfficialLabel] = []
    for r in L.APPLICATION_ROWS:
        body, num = label_body(r.label)
        out.append(OfficialLabel(r.key, r.label, body, num, r.formats))
    for name, label in L.APPLICATION_GROUPS.items():
        if name == "other":
            continue  # the same words as the 2019 value row "other"
        body, num = label_body(label)
        out.append(OfficialLabel(f"group:{name}", label, body, num, ("2019", "2021")))
    return tuple(out)


@lru_cache(maxsize=1)
def proactive_labels() -> tuple[OfficialLabel, ...]:
    """The official row labels of the section-二 sub-tables (both formats, each label once)."""
    out: dict[str, OfficialLabel] = {}
    for fmt in ("2019", "2021"):
        for item in L.proactive_items(fmt):
            for r in item.rows:
                if r.label not in out:
                    body, num = label_body(r.label)
                    out[r.label] = OfficialLabel(f"{item.key}.{r.key}", r.label, body, num, r.formats)
    return tuple(out.values())


def edit_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` as soon as it exceeds ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo = i
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            lo = min(lo, cur[j])
        if lo > bound:
            return bound + 1
        prev = cur
    return prev[-1] if prev[-1] <= bound else bound + 1


STRICT_RATIO = 0.25
"""Largest edit distance accepted, as a share of the official body's length."""
EXPECTED_RATIO = 0.4
"""The same for the row expected at this position."""


def _distance(printed_body: str, official: OfficialLabel, ratio: float) -> int | None:
    """Edit distance of two bodies within the bound ``ratio`` × official length, else None."""
    if printed_body == official.body:
        return 0
    bound = int(len(official.body) * ratio)
    best = edit_distance(printed_body, official.body, bound)
    # a note in parentheses, printed or cut off, is not a difference of label
    pn, on = _without_notes(printed_body), _without_notes(official.body)
    if pn and on and (pn != printed_body or on != official.body):
        nbound = int(len(on) * ratio)
        d = edit_distance(pn, on, nbound)
        if d <= nbound:
            best = min(best, d)
    # a label cut off by a narrow cell or a line break: a long prefix of the official one
    if (official.body.startswith(printed_body) and len(printed_body) >= 4
            and len(printed_body) >= 0.6 * len(official.body)):
        best = min(best, 1)
    return best if best <= bound else None


def match_label(printed: str, *, candidates: Iterable[OfficialLabel] | None = None,
                expected: Sequence[str] = ()) -> LabelMatch | None:
    """The official label ``printed`` stands for, or None when none is close enough or two are
    equally close.  ``expected``: keys of the rows expected at this position (first = likeliest)."""
    return _match_label(printed, None if candidates is None else tuple(candidates), tuple(expected))


@lru_cache(maxsize=4096)
def _match_label(printed: str, candidates: tuple[OfficialLabel, ...] | None,
                 expected: tuple[str, ...]) -> LabelMatch | None:
    """:func:`match_label` with hashable arguments, cached."""
    # printed label variants recur from report to report: a corpus run pays for each once
    body, number = label_body(printed)
    if len(body) < 2:
        return None
    cands = tuple(candidates) if candidates is not None else app_labels()
    scored: list[tuple[int, int, OfficialLabel]] = []
    for off in cands:
        d = _distance(body, off, EXPECTED_RATIO if off.key in expected else STRICT_RATIO)
        if d is not None:
            # rank: distance, then a matching printed number, then the expected position
            rank = 0 if (number is not None and number == off.number) else 1
            if off.key in expected:
                rank -= 2 if expected and off.key == expected[0] else 1
            scored.append((d, rank, off))
    if not scored:
        return None
    scored.sort(key=lambda x: (x[0], x[1]))
    best = scored[0]
    if len(scored) > 1 and scored[1][0] == best[0] and scored[1][1] == best[1]:
        return None  # two official labels fit equally well: never guess
    return LabelMatch(best[2], printed, best[0])


def canonical_chunk_text(official: OfficialLabel) -> str:
    """What the lexer must see for the official label (normalised, no white space)."""
    return lexer_view(official.label)


def join_pieces(head: str, tail: str, *, anchor: Literal["head", "tail"]) -> LabelMatch | None:
    """The match of a row label printed in two pieces, ``head`` then ``tail`` (wrapped onto two
    lines, its values maybe printed between them), or None when the pieces are better read apart.

    ``anchor`` is the piece that keeps its place; the other, loose, piece joins it when together
    they name the anchor's own official label (any, when the anchor matches none), no farther from
    it than the anchor alone and strictly closer than the loose piece alone.  An exact label is
    complete where it starts: it takes no head in front of it (``anchor="tail"``)."""
    head_match, tail_match = match_label(head), match_label(tail)
    fixed, loose = (head_match, tail_match) if anchor == "head" else (tail_match, head_match)
    if anchor == "tail" and fixed is not None and fixed.exact:
        return None
    m = match_label(head + tail)
    if m is None or (fixed is not None and m.official.key != fixed.official.key):
        return None
    far = 10**6  # a piece that matches nothing is farther than any match
    if m.distance <= (fixed.distance if fixed else far) and m.distance < (loose.distance if loose else far):
        return m
    return None


def is_group_label(official: OfficialLabel, fmt: str) -> bool:
    """Whether an official label is a merged group label in the format ``fmt``, with no values of
    its own: a ``group:`` label, or the label of a row the format divides into rows of their own
    (（六）其他处理 heads three rows in 2021; in 2019 it is a value row)."""
    return official.key.startswith("group:") or any(r.group == official.key for r in L.application_rows(fmt))


# ------------------------------------------------------------------------------------------
# the grammar's own view of a chunk
# ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _terminal_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern) of every terminal that can be a whole chunk, highest priority first.  A
    chunk is one cell, never a run: the CELLS terminal stands here for its three kinds of cell
    (VALUE, PLACEHOLDER, BLANK), each followed by the line's end, at CELLS's priority."""
    terms = sorted(terminals(), key=lambda t: -t.priority)
    out: list[tuple[str, re.Pattern[str]]] = []
    for t in terms:
        if t.name == "CELLS":
            out.extend((k, re.compile(f"(?:{cell_patterns()[k]})\n")) for k in CELL_KINDS)
        elif t.name != "EOL":
            out.append((t.name, re.compile(t.pattern)))
    return tuple(out)


@lru_cache(maxsize=64)
def _allowed(names: frozenset[str] | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The allowed terminals, highest priority first (as Lark's lexer orders them)."""
    return tuple((name, rx) for name, rx in _terminal_patterns() if names is None or name in names)


def terminal_of(text: str, names: Iterable[str] | None = None) -> str | None:
    """The grammar terminal (highest priority first) that matches a whole chunk, or None.
    ``names`` restricts the terminals tried (as the contextual lexer does)."""
    return _terminal_of(text, frozenset(names) if names is not None else None)


@lru_cache(maxsize=8192)
def _terminal_of(text: str, allowed: frozenset[str] | None) -> str | None:
    """:func:`terminal_of` with the terminals as a frozen set, cached."""
    line = text + "\n"
    # the first terminal, in priority order, whose pattern matches the whole line: what a
    # fullmatch of their alternation would name, without compiling one alternation per set of
    # terminals (≈ 20 ms at the first parse); the terminals are compiled once, shared with the
    # grammar's scanner through re's cache
    for name, rx in _allowed(allowed):
        if rx.fullmatch(line) is not None:
            return name
    return None


def app_label_terminals() -> frozenset[str]:
    """The grammar terminals of the application table's row labels and of its group labels."""
    return frozenset({r.terminal for r in L.APPLICATION_ROWS if r.terminal}
                     | {"APP_G_RESULTS", "APP_G_WITHHELD", "APP_G_UNAVAILABLE", "APP_G_NOT_PROCESSED"})


_CELL_TERMINALS = frozenset({"VALUE", "PLACEHOLDER", "BLANK"})
_HEADER_TERMINALS = frozenset({"HEAD", "APP_NOTE"})


MIN_ROW_CELLS = 3
"""A label followed by at least this many value cells is a value row of the application table."""


def _next_expected(last_key: str | None) -> tuple[str, ...]:
    keys = [r.key for r in L.APPLICATION_ROWS]
    if last_key is None or last_key not in keys:
        return (keys[0],)
    i = keys.index(last_key)
    return tuple(keys[i + 1 : i + 3])


@lru_cache(maxsize=8192)
def _classify(text: str) -> tuple[str | None, bool, bool]:
    """(application-table label terminal, is a value cell, is a header cell) of a chunk."""
    if text == BLANK:
        return None, True, False
    app = terminal_of(text, app_label_terminals())
    if app is not None:
        return app, False, False
    if terminal_of(text, _CELL_TERMINALS) is not None:
        return None, True, False
    header = text.startswith(HEADER) or terminal_of(text, _HEADER_TERMINALS | {"SECTION_HEADING"}) in _HEADER_TERMINALS
    return None, False, header


def place_labels(chunks: list[Chunk], source: str, norm: Normalised) -> tuple[list[Chunk], list[Diagnostic]]:
    """Rewrite approximately-matching application-table row labels to their official form (with
    diagnostic P101) and mark unplaceable value rows inside the table (P102); the same for the
    row labels of the section-二 sub-tables (without the marking: their rows have no such place).

    Only value rows are touched: a chunk the grammar does not recognise as a row label, followed
    by at least :data:`MIN_ROW_CELLS` value cells, inside the application table (between its first
    and last recognised row label) — or anywhere when its label is close to an official one."""
    if not chunks:
        return chunks, []
    kinds = [_classify(c.text) for c in chunks]
    recognised = [i for i, k in enumerate(kinds) if k[0] is not None]
    lo, hi = (recognised[0], recognised[-1]) if recognised else (len(chunks), -1)
    # number of value cells following each chunk
    following = [0] * (len(chunks) + 1)
    for i in range(len(chunks) - 1, -1, -1):
        following[i] = following[i + 1] + 1 if kinds[i][1] else 0
    out = list(chunks)
    diags: list[Diagnostic] = []
    smap: SourceMap | None = None
    last_key: str | None = None
    for i, c in enumerate(chunks):
        term, is_cell, is_header = kinds[i]
        if term is not None:
            spec = L.APPLICATION_ROW_BY_TERMINAL.get(term)
            if spec is not None:
                last_key = spec.key
            continue
        if is_cell or is_header or following[i + 1] < MIN_ROW_CELLS:
            continue
        inside = lo <= i <= hi + MIN_ROW_CELLS
        m = match_label(c.text, expected=_next_expected(last_key))
        if m is None and not inside:
            continue
        if smap is None:
            smap = SourceMap.of(source)
        span = smap.span_of_normalised(norm, c.start, c.end)
        if m is not None and not m.official.key.startswith("group:"):
            out[i] = attrs.evolve(c, text=canonical_chunk_text(m.official))
            last_key = m.official.key
            if not m.exact:
                diags.append(approximate_label_diagnostic(m, span))
        elif inside:
            out[i] = attrs.evolve(c, text=UNPLACED + c.text)
            diags.append(unplaced_label_diagnostic(source[span.start : span.end], span))
    _place_proactive_labels(out, kinds, following, source, norm, diags)
    return out, diags


_NOT_A_LABEL = frozenset({"PRO_ROW", "ITEM", "HEAD", "APP_NOTE", "VALUE", "PLACEHOLDER", "BLANK", "CHROME",
                          "DATE_LINE", "SECTION_HEADING", "HEADING2", "TITLE"})


def _place_proactive_labels(out: list[Chunk], kinds: Sequence[tuple[str | None, bool, bool]],
                            following: Sequence[int], source: str, norm: Normalised,
                            diags: list[Diagnostic]) -> None:
    """Section 二: a row label the grammar does not know, followed by the one to three values of
    a sub-table row, under a 第二十条 item header, is matched against the sub-tables' labels."""
    in_items = False
    smap: SourceMap | None = None
    for i, c in enumerate(out):
        term = terminal_of(c.text)
        if term == "ITEM":
            in_items = True
            continue
        if term == "SECTION_HEADING" or kinds[i][0] is not None:
            in_items = False
            continue
        if not in_items or term in _NOT_A_LABEL or kinds[i][1] or kinds[i][2]:
            continue
        if not 1 <= following[i + 1] <= 3:
            continue
        m = match_label(c.text, candidates=proactive_labels())
        if m is None:
            continue
        out[i] = attrs.evolve(c, text=canonical_chunk_text(m.official))
        if not m.exact:
            if smap is None:
                smap = SourceMap.of(source)
            span = smap.span_of_normalised(norm, c.start, c.end)
            diags.append(approximate_label_diagnostic(m, span))


def approximate_label_diagnostic(m: LabelMatch, span: Span | None) -> Diagnostic:
    """P101: an approximate match, naming the printed and the official label."""
    printed = squeeze(m.printed)
    return Diagnostic(
        "P101", Severity.WARNING,
        f"行标签近似匹配 (label matched approximately): printed {printed!r} was taken for the official "
        f"label {m.official.label!r} (edit distance {m.distance})",
        span,
        suggestion=m.official.label,
    )


def unplaced_label_diagnostic(printed: str, span: Span | None) -> Diagnostic:
    """P102: a value row whose label matches no official label."""
    return Diagnostic(
        "P102", Severity.WARNING,
        f"行标签无法识别 (row label not recognised): {squeeze(printed)!r} matches no official label of "
        "the application table; its cells are kept in a row with no key",
        span,
    )
