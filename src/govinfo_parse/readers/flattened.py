"""Flattened scrapes: table cells joined with nothing between them, recovered with the format's arithmetic.

Many corpora were scraped with a plain "get text" that drops every separator between table
cells: ``一、本年新收政府信息公开申请数量15130000154`` is 151, 3, 0, 0, 0, 0, 154.  Often the whole
report body ends up on one line: headings, prose and all three tables run together.

:func:`chunks` recognises such a text (an official row label directly followed by a long run of
digits), cuts it into the canonical chunk stream the grammar reads (one chunk per heading,
paragraph, label, header cell and value cell), and decodes each run of digits into cells:

- a cell is ``0`` or a number without a leading zero (or a placeholder "/", "—", "-"); white
  space inside a run forces a cell boundary;
- section 三: the seven cells of a row must add up (A3: the six applicant columns sum to 总计);
  rows with several such splits are settled across rows by the column identities A1
  (一 + 二 = （七）总计 + 四) and A2 (（七）总计 = the sum of the result rows);
- section 四: the fifteen cells form three groups whose four results add up to their 总计 (A4);
- section 二 has no sums: a row is decoded only where its digits allow a single reading under the
  column types (counts, signed 本年增/减, amounts with a decimal point and unit); otherwise every
  reading is listed and the row's undecided cells stay undecided.

Nothing is guessed silently: a value chosen among alternatives carries a diagnostic naming the
candidates and the constraint that decided, and a row that stays ambiguous keeps its raw digits
(an undecided cell is a placeholder cell whose ``raw`` is the digits it lies in) with an
error-level diagnostic covering the whole row.  The search is pruned with the sums and bounded
by a budget.  Codes F100–F108, see ``docs/flattened.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final, Union

import attrs

from ..formats import labels as L
from ..nodes import Diagnostic, Severity, Span, Value
from ..normalise import Normalised, SourceMap, normalise
from ..stream import UNPLACED, Chunk, Stream, squeeze
from .base import Input, Reader

__all__ = ["READER", "ROW_BUDGET", "SOLVER_BUDGET", "looks_flattened"]

ROW_BUDGET: Final = 50_000
"""Search steps allowed for the splits of one row (past it: F108)."""
SOLVER_BUDGET: Final = 200_000
"""Search steps allowed for choosing among rows with the column identities (past it: F108)."""
_LIST_CAP: Final = 400
"""Most candidate splits enumerated for one row without a sum (section 二, or a row that breaks
its sum); beyond it the row is reported with the count only."""
_SHOW: Final = 8
"""Candidates spelled out in a diagnostic message."""
_MAX_DIGITS: Final = 12
"""Longest integer part of one cell (a count or an amount)."""

UNDECIDED: Final = "*"
"""Chunk text of a cell the decoder could not decide (lexed as a placeholder; its ``raw`` is the
source digits it lies in)."""

# --------------------------------------------------------------------------------------------
# recognising a flattened text (the cheap check)
# --------------------------------------------------------------------------------------------

_SIGNS = re.compile(
    r"(?:本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|予以公开|属于国家秘密|其他法律行政法规禁止公开"
    r"|保护第三方合法权益|本机关不掌握相关政府信息|重复申请|\(七\)总计|结转下年度继续办理)[ \u00a0\u3000]?\d{7}"
)
_REVIEW_SIGN = re.compile(r"结果维持\s*结果纠正\s*其他结果\s*尚未审结\s*总计")


def looks_flattened(text: str) -> bool:
    """True when ``text`` (normalised) holds a statistics table whose cells were joined: two
    application-table row labels directly followed by seven or more digits, or the section 四
    header run together with one of them."""
    hits = 0
    for _ in _SIGNS.finditer(text):
        hits += 1
        if hits >= 2:
            return True
    return hits == 1 and _REVIEW_SIGN.search(text) is not None


# --------------------------------------------------------------------------------------------
# the squeezed text: white space removed, with the way back to normalised offsets
# --------------------------------------------------------------------------------------------


class _Text:
    """The normalised text without white space.  ``pos[i]`` is the normalised offset of ``s[i]``;
    ``gap[i]`` says white space stood before ``s[i]``, ``nl[i]`` that it held a line break."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        pos: list[int] = []
        gap: list[bool] = []
        nl: list[bool] = []
        prev = 0
        for m in re.finditer(r"\S+", text):
            ws = text[prev : m.start()]
            parts.append(m.group(0))
            pos.extend(range(m.start(), m.end()))
            gap.append(bool(ws))
            nl.append("\n" in ws)
            k = m.end() - m.start() - 1
            gap.extend([False] * k)
            nl.extend([False] * k)
            prev = m.end()
        self.s = "".join(parts)
        self.pos = pos
        self.gap = gap
        self.nl = nl

    def chunk(self, a: int, b: int, text: str | None = None) -> Chunk:
        return Chunk(self.s[a:b] if text is None else text, self.pos[a], self.pos[b - 1] + 1)


# --------------------------------------------------------------------------------------------
# vocabulary: section titles, row labels, header cells
# --------------------------------------------------------------------------------------------


def _canon(label: str) -> str:
    return squeeze(normalise(label).text)


_CN = "[一二三四五六七八九十]"
_NUM_PREFIX = re.compile(rf"^(?:{_CN}{{1,2}}[、.,]|\({_CN}{{1,2}}\)|\d{{1,2}}[.、])")
_ANY_PREFIX = rf"(?:{_CN}{{1,2}}[、.,]?|\({_CN}{{1,2}}\)|\d{{1,2}}[.、,]|\(\d{{1,2}}\))"


def _flex(literal: str) -> str:
    """A label as a pattern: punctuation optional and interchangeable, quotes optional."""
    out: list[str] = []
    for ch in literal:
        if ch in "、,.:;":
            out.append("[、,.:;]?")
        elif ch in "\"'":
            out.append("[\"']?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_CORE_OVERRIDES: Final[dict[str, str]] = {
    "new": r"本年新收[^\d()]{0,12}?申请(?:数量|数)?",
    "carried_over": r"上年结转[^\d()]{0,12}?申请(?:数量|数)?",
    "g:results": r"本年度?办理结果",
    "partly_granted": r"部分公开(?:\([^()\d]{0,30}\)?)?",
    "carried_forward": r"结转下年度?继续办理",
    "other.no_correction": r"申请人无正当理由逾期不补正(?:[、,]?行政机关不再处理其政府信息公开申请)?",
    "other.unpaid_fee": r"申请人逾期未按收费通知要求缴纳费用(?:[、,]?行政机关不再处理其政府信息公开申请)?",
}

_NEEDS_PREFIX: Final[dict[str, str]] = {
    "other.other": r"\d{1,2}[.、,]|\(\d{1,2}\)",
    "total": r"\(七\)|七[、.,]",
}
"""Labels too generic to take without their number (其他, 总计) — unless they follow the row
they follow in the official table."""


@attrs.frozen
class _Label:
    key: str
    """Row key of labels.py, or ``g:<group>`` for a merged group label."""
    canonical: str
    """The official label, normalised and squeezed: the chunk text the grammar reads."""
    number: str
    """The official numbering (``4`` for 4.保护第三方合法权益; "" for 一、/（一）)."""
    core: re.Pattern[str]
    full: re.Pattern[str]
    needs: re.Pattern[str] | None
    after: tuple[str, ...]


def _build_labels() -> tuple[_Label, ...]:
    out: list[_Label] = []
    seen: set[str] = set()
    specs: list[tuple[str, str]] = [(f"g:{g}", lab) for g, lab in L.APPLICATION_GROUPS.items() if g != "other"]
    specs += [(r.key, r.label) for r in L.APPLICATION_ROWS]
    keys = [r.key for r in L.APPLICATION_ROWS]
    results = tuple(k for k in L.RESULT_ROW_KEYS)
    for key, label in specs:
        canon = _canon(label)
        if canon in seen:
            continue
        seen.add(canon)
        m = _NUM_PREFIX.match(canon)
        prefix = m.group(0) if m else ""
        number = prefix[:-1] if prefix and prefix[0].isdigit() else ""
        core_text = canon[len(prefix):]
        core = _CORE_OVERRIDES.get(key, _flex(core_text))
        after: tuple[str, ...] = ()
        if key == "other.other":
            after = (keys[keys.index(key) - 1],)
        elif key == "total":
            after = results
        needs = re.compile(_NEEDS_PREFIX[key]) if key in _NEEDS_PREFIX else None
        out.append(_Label(key, canon, number, re.compile(core),
                          re.compile(rf"(?P<prefix>{_ANY_PREFIX})?(?:{core})"), needs, after))
    return tuple(out)


_APP_LABELS: Final = _build_labels()
_APP_CORES: Final = re.compile("|".join(f"(?:{lab.core.pattern})" for lab in _APP_LABELS))

_PRO_LABELS: Final[tuple[str, ...]] = tuple(sorted(
    {_canon(r.label) for items in L.PROACTIVE_ITEMS.values() for i in items for r in i.rows},
    key=len, reverse=True))
_PRO_LABEL_RE: Final = re.compile("|".join(re.escape(x) for x in _PRO_LABELS))
_PRO_ROW_ITEM: Final[dict[str, str]] = {
    _canon(r.label): i.key for items in L.PROACTIVE_ITEMS.values() for i in items for r in i.rows
}
_ITEM_RE: Final = re.compile(rf"第二十条第\(({_CN}{{1,2}})\)项")

HEADER_WORDS: Final[tuple[str, ...]] = tuple(sorted({
    *(_canon(c.label) for items in L.PROACTIVE_ITEMS.values() for i in items for c in i.columns),
    *(_canon(c.label) for c in L.APPLICATION_COLUMNS),
    *(_canon(c.label) for c in L.REVIEW_COLUMNS),
    "信息内容", "申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
    "本年新", "新制作数量", "新公开数量", "对外公开总数", "上年项目数量", "本年增减", "本年收费金额",
    "采购总金额(万元)", "采购总金额(元)", "结果", "尚未", "商业", "企业", "科研", "机构", "社会公益", "组织",
    "法律服务",
}, key=len, reverse=True))
"""Header cells of the three tables as the grammar's HEAD terminal knows them (longest first)."""
_HEADER_RE: Final = re.compile("|".join(re.escape(w) for w in HEADER_WORDS))
_NOTE_RE: Final = re.compile(r"\(?本列数据的?勾稽关系[^()]{0,60}\)?")

_SECTION_TITLES: Final[tuple[str, ...]] = (
    r"总体情况", r"(?:政府信息公开工作)?概述", r"基本情况",
    r"主动公开政府信息(?:的)?情况",
    r"收到和处理政府信息公开申请(?:的)?情况",
    r"(?:因)?政府信息公开(?:工作|申请)?(?:被申请)?行政复议[、,和及与]?(?:提起)?行政诉讼(?:的)?情况",
    r"(?:政府信息公开工作)?存在的?(?:主要)?问题(?:及|和)改进(?:情况|措施)",
    r"其他需要报告的事项",
)
_SECTION_RE: Final = re.compile(rf"(?P<num>{_CN}{{1,2}})[、.,:](?:{'|'.join(_SECTION_TITLES)})")
_GENERIC_SECTION_RE: Final = re.compile(rf"(?P<num>{_CN}{{1,2}})、(?P<title>[^\d。,;:!?()]{{2,30}})")
_SUBHEAD_RE: Final = re.compile(rf"\(({_CN}{{1,2}})\)")
_ANCHOR_RE: Final = re.compile(
    rf"第二十条第\({_CN}{{1,2}}\)项|\(?本列数据的?勾稽关系|申请人情况|(?:{_CN}[、.,]?)?本年新收|行政复议"
)
_BREAK_BEFORE: Final = set("。;!?)\"'/—-") | set("0123456789")

_UNKNOWN_LABEL_RE: Final = re.compile(r"(?:\d{1,2}[.、])?[^\d。,;:]{2,40}?(?=\d)")
_RUN_CHARS: Final = frozenset("0123456789.,-+/—")
_UNITS: Final = ("亿元", "万元", "元")

_FORMAT_2021: Final = re.compile(
    r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|申请人无正当理由逾期不补正")
_FORMAT_2019: Final = re.compile(r"本年新制作|上一年项目数量|第二十条第\(九\)项|采购总金额|采购项目数量")

_APP_TABLE = "三、收到和处理政府信息公开申请情况 (application table)"
_REVIEW_TABLE = "四、政府信息公开行政复议、行政诉讼情况 (review and litigation table)"

# --------------------------------------------------------------------------------------------
# cells and splits
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Col:
    """What a column admits: counts only, or signed numbers, or amounts (decimal point, unit)."""

    signed: bool = False
    decimal: bool = False
    unit: bool = False


_COUNT = _Col()
_CellT = tuple[int, int, Union[Value, None]]  # noqa: UP007 - a runtime alias on Python 3.10
"""A cell of a split: (start, end) within the run, and its value (None for a placeholder)."""
_Split = tuple[_CellT, ...]


class _BudgetExceeded(Exception):
    pass


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise _BudgetExceeded


class _Run:
    """One run of digits (squeezed), with the positions white space forces as cell boundaries."""

    def __init__(self, r: str, forced: Sequence[bool]) -> None:
        self.r = r
        n = len(r)
        stop = [n] * (n + 1)
        nxt = n
        for k in range(n - 1, -1, -1):
            stop[k] = nxt
            if forced[k] and k > 0:
                nxt = k
        self.stop = stop
        self.digits_only = r.isdigit()
        self._tables: dict[_Col, list[list[tuple[int, Value | None]]]] = {}
        self._numeric: list[list[tuple[int, int, Value | None]]] | None = None
        self._digit_table: list[list[tuple[int, Value | None]]] | None = None
        self._ends: dict[_Col, list[list[int]]] = {}
        self._spans: list[tuple[int, int]] | None = None

    def table(self, col: _Col) -> list[list[tuple[int, Value | None]]]:
        """For every start position, the cells that may start there: (end, value), ends ascending,
        placeholders first."""
        if self.digits_only and self.r.isascii():
            # nothing but ASCII digits: no sign, decimal point, unit, thousands separator or
            # placeholder can occur, so every column type admits the same cells — a count of up
            # to _MAX_DIGITS digits without a leading zero, within the forced boundaries
            if self._digit_table is None:
                self._digit_table = self._digits()
            return self._digit_table
        got = self._tables.get(col)
        if got is None:
            got = [self._options(p, col) for p in range(len(self.r))]
            self._tables[col] = got
        return got

    def _digits(self) -> list[list[tuple[int, Value | None]]]:
        """:meth:`table` of a run of ASCII digits (what :meth:`_options` gives there)."""
        r, stop = self.r, self.stop
        out: list[list[tuple[int, Value | None]]] = []
        for p in range(len(r)):
            if r[p] == "0":
                out.append([(p + 1, 0)])
            else:
                out.append([(e, int(r[p:e])) for e in range(p + 1, min(stop[p], p + _MAX_DIGITS) + 1)])
        return out

    def count_step(self, col: _Col, after: list[int]) -> list[int]:
        """For every start position, the sum of ``after[e]`` over the ends ``e`` of the cells
        that may start there (and 0 at the end of the run)."""
        if self.digits_only and self.r.isascii():
            # the ends of the cells starting at p are p + 1 … spans[p]
            if self._spans is None:
                self._spans = [(p + 1, row[-1][0] + 1) for p, row in enumerate(self.table(col))]
            out = [sum(after[a:b]) for a, b in self._spans]
        else:
            ends = self._ends.get(col)
            if ends is None:
                ends = [[e for e, _ in row] for row in self.table(col)]
                self._ends[col] = ends
            out = [sum([after[e] for e in row]) for row in ends]
        out.append(0)
        return out

    def numeric(self) -> list[list[tuple[int, int, Value | None]]]:
        """The count cells of :meth:`table` with their value for sums (a placeholder counts 0):
        (end, value for sums, value)."""
        if self._numeric is None:
            self._numeric = [[(e, v if isinstance(v, int) else 0, v) for e, v in row] for row in self.table(_COUNT)]
        return self._numeric

    def _options(self, p: int, col: _Col) -> list[tuple[int, Value | None]]:
        r, stop = self.r, self.stop[p]
        c = r[p]
        out: list[tuple[int, Value | None]] = []
        if c == "/":
            return [(p + 1, None)]
        if c in "—-":
            e = p
            while e < stop and r[e] == c:
                e += 1
            out.append((p + 1, None))
            if e > p + 1:
                out.append((e, None))
            if not (c == "-" and col.signed and e == p + 1 and p + 1 < stop and r[p + 1].isdigit()):
                return out
        sign = 1
        q = p
        if c in "+-":
            if not (col.signed and p + 1 < stop and r[p + 1].isdigit()):
                return out
            sign = -1 if c == "-" else 1
            q = p + 1
        if not r[q].isdigit():
            return out
        ints: list[tuple[int, int]] = []
        if r[q] == "0":
            ints.append((q + 1, 0))
        else:
            e, v = q + 1, int(r[q])
            while True:
                ints.append((e, v))
                if e >= stop or not r[e].isdigit() or e - q >= _MAX_DIGITS:
                    break
                v = v * 10 + int(r[e])
                e += 1
            m = _THOUSANDS.match(r, q, stop)
            if m:
                e2 = q + len(m.group(1))
                for g in re.finditer(r",\d{3}", m.group(0)[len(m.group(1)):]):
                    e3 = e2 + g.end()
                    ints.append((e3, int(r[q:e3].replace(",", ""))))
        for e, v in ints:
            ends: list[tuple[int, Value]] = [(e, sign * v)]
            if col.decimal and e + 1 < stop and r[e] == "." and r[e + 1].isdigit():
                f = e + 1
                while f < stop and r[f].isdigit() and f - e <= _MAX_DIGITS:
                    f += 1
                    ends.append((f, Decimal(r[p:f].replace(",", ""))))
            for end, val in ends:
                unit = next((u for u in _UNITS if r.startswith(u, end) and end + len(u) <= stop), None) \
                    if col.unit else None
                if unit is not None:
                    out.append((end + len(unit), val))
                else:
                    out.append((end, val))
        out.sort(key=lambda x: (x[0], 0 if x[1] is None else 1))
        return out


_THOUSANDS = re.compile(r"([1-9]\d{0,2})(?:,\d{3})+")


def _count_splits(run: _Run, cols: Sequence[_Col], budget: _Budget) -> int:
    """How many ways the run reads as ``len(cols)`` cells (no sums)."""
    n, m = len(run.r), len(cols)
    budget.spend(n * m)
    after = [0] * (n + 1)  # ways to read run[p:] as the last columns, for the column after this one
    after[n] = 1
    for k in range(m - 1, -1, -1):
        after = run.count_step(cols[k], after)
    return after[0]


def _all_splits(run: _Run, cols: Sequence[_Col], cap: int, budget: _Budget) -> list[_Split]:
    """Up to ``cap`` ways to read the run as ``len(cols)`` cells (no sums)."""
    n = len(run.r)
    out: list[_Split] = []
    feasible: dict[tuple[int, int], bool] = {}
    tables = [run.table(c) for c in cols]

    def ok(p: int, k: int) -> bool:
        if k == len(cols):
            return p == n
        if p >= n:
            return False
        key = (p, k)
        got = feasible.get(key)
        if got is None:
            budget.spend()
            got = any(ok(e, k + 1) for e, _ in tables[k][p])
            feasible[key] = got
        return got

    def rec(p: int, k: int, acc: list[_CellT]) -> None:
        if len(out) >= cap:
            return
        if k == len(cols):
            out.append(tuple(acc))
            return
        for e, v in tables[k][p]:
            if ok(e, k + 1):
                acc.append((p, e, v))
                rec(e, k + 1, acc)
                acc.pop()

    rec(0, 0, [])
    return out


def _sum_splits(run: _Run, p: int, q: int, k: int, target: int, budget: _Budget) -> list[_Split]:
    """Ways to read ``run[p:q]`` as ``k`` count cells adding up to ``target``.

    Left to right, pruned by the remainder: every cell is at most what is left of the total, so
    (for a run of digits) the ``j`` cells still to place need at most ``j × digits(rem)``
    characters, and the largest of them is at least ``rem / j``, which needs its digits too.
    Elsewhere (placeholders in the run) by the least and greatest sums the rest of the run can
    make.  White space in the run is a boundary no cell crosses (:meth:`_Run.table`)."""
    opts = run.table(_COUNT)
    nopts = run.numeric()
    bounds: dict[tuple[int, int], tuple[int, int] | None] = {}

    def bound(x: int, j: int) -> tuple[int, int] | None:
        if j == 0:
            return (0, 0) if x == q else None
        if q - x < j:
            return None
        key = (x, j)
        if key in bounds:
            return bounds[key]
        budget.spend()
        lo = hi = -1
        for e, v in opts[x]:
            if e > q - (j - 1):
                break
            sub = bound(e, j - 1)
            if sub is None:
                continue
            val = v if isinstance(v, int) else 0
            lo = val + sub[0] if lo < 0 else min(lo, val + sub[0])
            hi = max(hi, val + sub[1])
        got = (lo, hi) if hi >= 0 else None
        bounds[key] = got
        return got

    memo: dict[tuple[int, int, int], list[_Split]] = {}
    digits_only = run.digits_only

    def fits(x: int, j: int, rem: int) -> bool:
        """Whether ``run[x:q]`` may hold ``j`` cells adding up to ``rem``: by length alone in a run
        of digits (each cell has at most the digits of ``rem``, the largest at least those of
        ``rem / j``), else by the least and greatest sums the rest can make."""
        if digits_only:
            return j + len(str(-(-rem // j))) - 1 <= q - x <= j * len(str(rem))
        b = bound(x, j)
        return b is not None and b[0] <= rem <= b[1]

    def rec(x: int, j: int, rem: int) -> list[_Split]:
        if j == 1:  # the last cell is the rest of the run
            for e, val, v in nopts[x]:
                if e == q and val == rem:
                    return [((x, e, v),)]
            return []
        key = (x, j, rem)
        got = memo.get(key)
        if got is not None:
            return got
        budget.spend()
        res: list[_Split] = []
        j1 = j - 1
        limit = q - j1
        # in a run of digits the other j - 1 cells take at most (j - 1) × digits(rem) characters
        start = q - j1 * len(str(rem)) if digits_only else 0
        for e, val, v in nopts[x]:
            if e < start:
                continue
            if e > limit or val > rem:
                break
            r2 = rem - val
            if digits_only:
                w2 = q - e
                if w2 > j1 * len(str(r2)) or w2 < j1 - 1 + len(str(-(-r2 // j1))):
                    continue
            elif not fits(e, j1, r2):
                continue
            for tail in rec(e, j1, r2):
                res.append(((x, e, v), *tail))
        memo[key] = res
        return res

    if k == 0:
        return [()] if p == q and target == 0 else []
    if q - p < k or not fits(p, k, target):
        return []
    return rec(p, k, target)


def _group_splits(run: _Run, p: int, nparts: int, end: int | None, budget: _Budget) -> list[tuple[int, _Split]]:
    """Ways to read a group starting at ``p``: ``nparts`` counts, then their total.  With ``end``
    the group must end there.  Returns (end of the group, cells)."""
    n = len(run.r)
    opts = run.table(_COUNT)
    out: list[tuple[int, _Split]] = []
    for t in range(p + nparts, n):
        width = t - p
        for e, v in opts[t]:
            if end is not None and e != end:
                continue
            if run.digits_only and v:
                # every part is at most the total, and the largest is at least total / nparts:
                # the total has d digits with width <= nparts * d and (d - 1) + (nparts - 1) <= width
                d = e - t
                if width > nparts * d or d - 1 + nparts - 1 > width:
                    continue
            total = v if isinstance(v, int) else 0
            for parts in _sum_splits(run, p, t, nparts, total, budget):
                out.append((e, (*parts, (t, e, v))))
    return out


def _review_splits(run: _Run, budget: _Budget) -> list[_Split]:
    """Readings of section 四's run as three groups of four results and their 总计 (A4)."""
    n = len(run.r)
    memo: dict[int, list[tuple[int, _Split]]] = {}

    def groups(p: int) -> list[tuple[int, _Split]]:
        got = memo.get(p)
        if got is None:
            got = _group_splits(run, p, 4, None, budget)
            memo[p] = got
        return got

    out: list[_Split] = []
    for e1, g1 in groups(0):
        for e2, g2 in groups(e1):
            for e3, g3 in groups(e2):
                if e3 == n:
                    out.append((*g1, *g2, *g3))
                    if len(out) > _LIST_CAP:
                        return out
    return out


def _values(split: _Split) -> tuple[int, ...]:
    return tuple(v if isinstance(v, int) else 0 for _, _, v in split)


# --------------------------------------------------------------------------------------------
# choosing among rows with the column identities (A1, A2)
# --------------------------------------------------------------------------------------------


@attrs.define
class _Solution:
    best: int
    neqs: int
    winners: list[set[int]]
    example: list[int]
    exhausted: bool = False


def _solve(cands: Sequence[Sequence[tuple[int, ...]]], eqs: Sequence[tuple[Sequence[tuple[int, int]], int]],
           base: Sequence[int], budget: _Budget) -> _Solution:
    """Branch and bound over the rows with several candidates (``cands[v]``, value vectors).
    ``eqs[e]`` = (terms (variable, coefficient), column); an equation holds when
    ``base[e] + Σ coefficient × value[column]`` is 0.  Finds the largest number of equations
    that can hold together and, per variable, every candidate that takes part in such a choice."""
    nv, ne = len(cands), len(eqs)
    delta: list[list[list[tuple[int, int]]]] = [[[] for _ in cands[v]] for v in range(nv)]
    for e, (terms, col) in enumerate(eqs):
        for v, coef in terms:
            for c, vec in enumerate(cands[v]):
                delta[v][c].append((e, coef * vec[col]))
    lo = [[0] * (nv + 1) for _ in range(ne)]
    hi = [[0] * (nv + 1) for _ in range(ne)]
    for v in range(nv - 1, -1, -1):
        mins: dict[int, int] = {}
        maxs: dict[int, int] = {}
        for c in range(len(cands[v])):
            for e, d in delta[v][c]:
                mins[e] = min(mins.get(e, d), d)
                maxs[e] = max(maxs.get(e, d), d)
        for e in range(ne):
            lo[e][v] = lo[e][v + 1] + mins.get(e, 0)
            hi[e][v] = hi[e][v + 1] + maxs.get(e, 0)
    cur = list(base)
    sol = _Solution(-1, ne, [set() for _ in range(nv)], [])
    assign = [0] * nv

    def bound(idx: int) -> int:
        return sum(1 for e in range(ne) if cur[e] + lo[e][idx] <= 0 <= cur[e] + hi[e][idx])

    def rec(idx: int) -> None:
        budget.spend()
        ub = bound(idx)
        if ub < sol.best:
            return
        if idx == nv:
            if ub > sol.best:
                sol.best = ub
                sol.winners = [set() for _ in range(nv)]
                sol.example = list(assign)
            for v in range(nv):
                sol.winners[v].add(assign[v])
            return
        for c in range(len(cands[idx])):
            for e, d in delta[idx][c]:
                cur[e] += d
            assign[idx] = c
            rec(idx + 1)
            for e, d in delta[idx][c]:
                cur[e] -= d

    try:
        rec(0)
    except _BudgetExceeded:
        sol.exhausted = True
    return sol


# --------------------------------------------------------------------------------------------
# the decoder
# --------------------------------------------------------------------------------------------


@attrs.define(eq=False)
class _RowJob:
    """A row whose digits are to be decoded: label chunk (if any), run in the squeezed text."""

    kind: str  # "app" | "pro" | "review"
    key: str | None
    name: str
    table: str
    label: Chunk | None
    a: int
    b: int
    cols: tuple[_Col, ...]
    table_id: int = 0
    cells: list[Chunk] = attrs.field(factory=list)


_Piece = Union[Chunk, _RowJob]  # noqa: UP007 - a runtime alias on Python 3.10


class _Decoder:
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
        self.diags.append(Diagnostic(code, sev, msg, self.span(a, b),
                                     tuple(self.span(x, y) for x, y in related), suggestion=suggestion))

    # ---- format ------------------------------------------------------------------------------
    def _format(self) -> str:
        s = self.s
        if _FORMAT_2021.search(s):
            return "2021"
        if _FORMAT_2019.search(s):
            return "2019"
        years = [int(y) for y in re.findall(r"(20[0-3]\d)年度?", s[:400])]
        return "2021" if years and max(years) >= 2021 else "2019"

    # ---- top level ---------------------------------------------------------------------------
    def run(self) -> tuple[list[Chunk], list[Diagnostic]]:
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

    def _boundary_before(self, i: int) -> bool:
        s = self.s
        return i == 0 or self.t.gap[i] or s[i - 1] in _BREAK_BEFORE

    def _section_heads(self) -> list[tuple[int, int]]:
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
        if anchor == "行政复议":
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
        while j > k and s[j - 1] in ".,+":
            j -= 1
        if not any(ch.isdigit() or ch in "/—-" for ch in s[k:j]):
            return k
        return j

    def _core_label_at(self, j: int, b: int) -> _Label | None:
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
        s = self.s
        specs = {it.key: it for it in L.proactive_items(self.fmt)}
        pieces: list[_Piece] = []
        item: str | None = None
        rows = 0
        k = end = i
        keep = 0

        def token(j: int) -> bool:
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
                    cols = tuple(_Col(c.signed, True, c.amount) for c in spec.columns)
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
        s = self.s
        pieces: list[_Piece] = []
        rows = 0
        header = False
        prev: str | None = None
        k = end = i
        keep = 0
        table_id = self.tables + 1

        def token(j: int) -> bool:
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
            if lab is not None and lab[1] >= hend:
                spec, lend = lab
                chunk = self.t.chunk(k, lend, spec.canonical)
                r_end = self._run_end(lend, b, "app")
                prev = spec.key
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
        return end, pieces[:keep]

    def _app_job(self, key: str | None, name: str, chunk: Chunk, a: int, b: int, table_id: int) -> _RowJob:
        cols = tuple(_COUNT for _ in L.APPLICATION_COLUMNS)
        return _RowJob("app", key, name, _APP_TABLE, chunk, a, b, cols, table_id)

    def _review_table(self, i: int, b: int) -> tuple[int, list[_Piece]] | None:
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
        if words < 3:
            return None
        r_end = self._run_end(k, b, "review")
        if r_end == k:
            return None
        cols = tuple(_COUNT for _ in L.REVIEW_COLUMNS)
        pieces.append(_RowJob("review", None, "the value row", _REVIEW_TABLE, None, k, r_end, cols))
        return r_end, pieces

    # ---- decoding ----------------------------------------------------------------------------
    def _run(self, job: _RowJob) -> _Run:
        forced = [self.t.gap[k] for k in range(job.a, job.b)]
        return _Run(self.s[job.a : job.b], forced)

    def _decode(self) -> None:
        jobs = [p for p in self.pieces if isinstance(p, _RowJob)]
        if not jobs:
            return
        app: dict[int, list[_RowJob]] = {}
        for job in jobs:
            if job.kind == "app":
                app.setdefault(job.table_id, []).append(job)
            elif job.kind == "pro":
                self._decode_free(job)
            else:
                self._decode_review(job)
        for rows in app.values():
            self._decode_app(rows)
        for rows in self.sum_decided.values():
            first = rows[0]
            which = "A3 (总计 = 自然人 + the five 法人或其他组织 columns)" if first.kind == "app" else \
                "A4 (each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结)"
            names = ", ".join(r.name for r in rows[:4]) + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")
            self.diag("F102", Severity.INFO,
                      f"按合计拆分 (split decided by the sums): in {first.table}, {len(rows)} row(s) printed without "
                      f"separators could be read several ways and only one reading satisfies {which}: {names}. "
                      "If the source's own sums are wrong, these readings are wrong too",
                      first.a, first.b, [(r.a, r.b) for r in rows[1:]])
        n_cells = sum(len(j.cells) for j in jobs)
        undecided = sum(1 for j in jobs for c in j.cells if c.text == UNDECIDED)
        first = jobs[0]
        self.diag("F101", Severity.INFO,
                  f"表格单元格无分隔符 (flattened scrape): the table cells of this report were joined without "
                  f"separators; {len(jobs)} row(s) were decoded into {n_cells} cells with the cell rules of the "
                  "format and its sums" + (f"; {undecided} cell(s) are left undecided" if undecided else ""),
                  first.a, first.b, [(j.a, j.b) for j in jobs[1:]])

    def _fmt_split(self, job: _RowJob, split: _Split) -> str:
        r = self.s[job.a : job.b]
        return "|".join(r[a:b] for a, b, _ in split)

    def _fmt_list(self, job: _RowJob, splits: Sequence[_Split], total: int | None = None) -> str:
        shown = "; ".join(self._fmt_split(job, x) for x in splits[:_SHOW])
        n = total if total is not None else len(splits)
        return shown + (f"; … ({n} in all)" if n > _SHOW else "")

    def _where(self, job: _RowJob) -> str:
        return f"{job.name} in {job.table}"

    def _emit(self, job: _RowJob, chosen: _Split | None, alts: Sequence[_Split] = ()) -> None:
        """Cell chunks of a row: the chosen split, or the cells all alternatives agree on plus
        undecided cells spanning the digits the others lie in."""
        t = self.t
        n = len(job.cols)
        base = job.a
        if chosen is not None:
            job.cells = [t.chunk(base + a, base + b) for a, b, _ in chosen]
            return
        decided: list[tuple[int, int] | None] = [None] * n
        if alts:
            for col in range(n):
                ab = alts[0][col][:2]
                if all(x[col][:2] == ab for x in alts):
                    decided[col] = (ab[0], ab[1])
        cells: list[Chunk] = []
        for col in range(n):
            d = decided[col]
            if d is not None:
                cells.append(t.chunk(base + d[0], base + d[1]))
                continue
            lo = next((x[1] for x in reversed(decided[:col]) if x is not None), 0)
            hi = next((x[0] for x in decided[col + 1 :] if x is not None), job.b - job.a)
            cells.append(t.chunk(base + lo, base + hi, UNDECIDED))
        job.cells = cells

    def _ambiguous(self, job: _RowJob, alts: Sequence[_Split], total: int, why: str) -> None:
        self._emit(job, None, alts)
        raw = self.s[job.a : job.b]
        self.diag("F105", Severity.ERROR,
                  f"拆分有歧义 (ambiguous split): {self._where(job)} prints “{raw}” with no separators between "
                  f"its {len(job.cols)} cells, and {total} readings remain{why}: {self._fmt_list(job, alts, total)}. "
                  "Cells the readings agree on are kept; the others are left undecided (placeholder cells "
                  "holding the raw digits)",
                  job.a, job.b, suggestion="read the row in the source document (the HTML or PDF original)")

    def _unsplittable(self, job: _RowJob, why: str) -> None:
        self._emit(job, None, ())
        raw = self.s[job.a : job.b]
        self.diag("F107", Severity.ERROR,
                  f"无法拆分 (digits cannot be split): {self._where(job)} prints “{raw}”, which cannot be read as "
                  f"{len(job.cols)} cells{why}; the row is kept undecided with its raw digits",
                  job.a, job.b, suggestion="blank cells leave no trace in a flattened scrape; read the row in the "
                  "source document")

    def _over_budget(self, job: _RowJob) -> None:
        self._emit(job, None, ())
        self.diag("F108", Severity.ERROR,
                  f"搜索超限 (search budget exceeded): decoding {self._where(job)} (“{self.s[job.a:job.b]}”) "
                  "took too many steps; the row is kept undecided with its raw digits",
                  job.a, job.b)

    def _decode_free(self, job: _RowJob) -> None:
        """A row without sums (section 二): decided only when one reading exists."""
        run = self._run(job)
        budget = _Budget(ROW_BUDGET)
        try:
            count = _count_splits(run, job.cols, budget)
            if count == 0:
                self._unsplittable(job, " under the column types (counts; a sign only in 本年增/减; a decimal "
                                        "point or unit only in amounts)")
                return
            splits = _all_splits(run, job.cols, min(count, _LIST_CAP), budget)
        except _BudgetExceeded:
            self._over_budget(job)
            return
        if count == 1:
            self._emit(job, splits[0])
            return
        self._ambiguous(job, splits, count, " (this table has no sums to choose with)")

    def _decode_review(self, job: _RowJob) -> None:
        run = self._run(job)
        budget = _Budget(ROW_BUDGET)
        try:
            raw = _count_splits(run, job.cols, budget)
            cands = _review_splits(run, budget)
        except _BudgetExceeded:
            self._over_budget(job)
            return
        if len(cands) == 1:
            self._emit(job, cands[0])
            if raw > 1:
                self.sum_decided.setdefault(-1, []).append(job)
            return
        if len(cands) > 1:
            self._ambiguous(job, cands, len(cands), " that satisfy A4 in all three groups")
            return
        self._decode_broken_sum(job, run, raw, "A4 (each group's 总计 = the sum of its four results)")

    def _decode_broken_sum(self, job: _RowJob, run: _Run, raw: int, rule: str) -> None:
        if raw == 0:
            self._unsplittable(job, "")
            return
        self.diag("F106", Severity.WARNING,
                  f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                  f"(“{self.s[job.a:job.b]}”) satisfies {rule}; the printed figures do not add up, or a cell "
                  "the scrape dropped is missing", job.a, job.b)
        if raw == 1:
            budget = _Budget(ROW_BUDGET)
            self._emit(job, _all_splits(run, job.cols, 1, budget)[0])
            return
        budget = _Budget(ROW_BUDGET)
        self._ambiguous(job, _all_splits(run, job.cols, min(raw, _LIST_CAP), budget), raw,
                        f" (none satisfies {rule.split(' ')[0]})")

    def _decode_app(self, rows: list[_RowJob]) -> None:
        cands: dict[int, list[_Split]] = {}
        broke: set[int] = set()
        raw_counts: dict[int, int] = {}
        for idx, job in enumerate(rows):
            run = self._run(job)
            budget = _Budget(ROW_BUDGET)
            try:
                raw = _count_splits(run, job.cols, budget)
                raw_counts[idx] = raw
                found = [x for _, x in _group_splits(run, 0, 6, len(run.r), budget)] if raw else []
                if not found and 0 < raw <= _LIST_CAP:
                    found = _all_splits(run, job.cols, raw, budget)
                    broke.add(idx)
            except _BudgetExceeded:
                self._over_budget(job)
                continue
            if raw == 0:
                self._unsplittable(job, "")
                continue
            if not found:  # breaks A3 and too many readings to weigh
                self.diag("F106", Severity.WARNING,
                          f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                          f"(“{self.s[job.a:job.b]}”) satisfies A3 (总计 = the sum of the six applicant columns)",
                          job.a, job.b)
                self._ambiguous(job, _all_splits(run, job.cols, _SHOW, _Budget(ROW_BUDGET)), raw, "")
                continue
            cands[idx] = found
        # the column identities across rows
        first: dict[str, int] = {}
        for idx, job in enumerate(rows):
            if job.key is not None and idx in cands and job.key not in first:
                first[job.key] = idx
        eqs: list[tuple[list[tuple[int, int]], int]] = []
        names: list[str] = []
        a1 = ("new", "carried_over", "total", "carried_forward")
        results = [first[k] for k in L.RESULT_ROW_KEYS if k in first]
        ncol = len(L.APPLICATION_COLUMNS)
        if all(k in first for k in a1):
            for col in range(ncol):
                eqs.append(([(first["new"], 1), (first["carried_over"], 1), (first["total"], -1),
                             (first["carried_forward"], -1)], col))
                names.append(f"A1 in column {L.APPLICATION_COLUMNS[col].label}")
        lost = any(j.key in L.RESULT_ROW_KEYS and j.key not in first for j in rows)
        if "total" in first and results and not lost:
            for col in range(ncol):
                eqs.append(([(first["total"], 1), *((r, -1) for r in results)], col))
                names.append(f"A2 in column {L.APPLICATION_COLUMNS[col].label}")
        involved = {i for terms, _ in eqs for i, _ in terms}
        multi = [i for i in sorted(cands, key=lambda i: len(cands[i])) if len(cands[i]) > 1 and i in involved]
        var_of = {i: v for v, i in enumerate(multi)}
        base = [0] * len(eqs)
        var_eqs: list[tuple[list[tuple[int, int]], int]] = []
        fixed = {i: _values(cands[i][0]) for i in involved if i in cands and i not in var_of}
        for e, (terms, col) in enumerate(eqs):
            vterms: list[tuple[int, int]] = []
            for i, coef in terms:
                if i in var_of:
                    vterms.append((var_of[i], coef))
                else:
                    base[e] += coef * fixed[i][col]
            var_eqs.append((vterms, col))
        sol: _Solution | None = None
        if multi:
            sol = _solve([[_values(x) for x in cands[i]] for i in multi], var_eqs, base, _Budget(SOLVER_BUDGET))
            if sol.exhausted:
                self.diag("F108", Severity.ERROR,
                          f"搜索超限 (search budget exceeded): choosing among the readings of {len(multi)} rows of "
                          f"{_APP_TABLE} with the column identities took too many steps; those rows are left "
                          "undecided", rows[multi[0]].a, rows[multi[0]].b, [(rows[i].a, rows[i].b) for i in multi[1:]])
        for idx, job in enumerate(rows):
            if idx not in cands:
                continue
            found = cands[idx]
            if len(found) == 1:
                self._emit(job, found[0])
                if idx in broke:
                    self._broke_note(job, "and the only reading of the digits was kept")
                elif raw_counts.get(idx, 0) > 1:
                    self.sum_decided.setdefault(job.table_id, []).append(job)
                continue
            if idx not in var_of or sol is None or sol.exhausted:
                if idx in broke:
                    self._broke_note(job, "")
                self._ambiguous(job, found, len(found),
                                "" if idx in broke else " that satisfy A3"
                                + ("" if idx in var_of else " (the row takes part in no column identity)"))
                continue
            v = var_of[idx]
            win = sorted(sol.winners[v])
            if len(win) > 1:
                if idx in broke:
                    self._broke_note(job, "")
                why = (" that satisfy A3 and fit the column identities A1/A2 equally well" if idx not in broke
                       else " that fit the column identities A1/A2 equally well")
                self._ambiguous(job, [found[c] for c in win], len(win), why)
                continue
            chosen = win[0]
            self._emit(job, found[chosen])
            if idx in broke:
                self._broke_note(job, "")
            self._chosen(job, found, chosen, v, sol, multi, cands, var_eqs, base, names)

    def _broke_note(self, job: _RowJob, tail: str) -> None:
        self.diag("F106", Severity.WARNING,
                  f"合计不符 (no reading adds up): no way of reading {self._where(job)} "
                  f"(“{self.s[job.a:job.b]}”) satisfies A3 (总计 = the sum of the six applicant columns); the "
                  "printed figures do not add up, or a cell the scrape dropped is missing"
                  + (f", {tail}" if tail else ""), job.a, job.b)

    def _chosen(self, job: _RowJob, found: Sequence[_Split], chosen: int, v: int, sol: _Solution,
                multi: Sequence[int], cands: dict[int, list[_Split]],
                eqs: Sequence[tuple[Sequence[tuple[int, int]], int]], base: Sequence[int],
                names: Sequence[str]) -> None:
        """F103/F104: say which identities rule out the other readings."""

        def failing(assign: Sequence[int]) -> list[str]:
            out: list[str] = []
            for e, (terms, col) in enumerate(eqs):
                total = base[e] + sum(coef * _values(cands[multi[u]][assign[u]])[col] for u, coef in terms)
                if total != 0:
                    out.append(names[e])
            return out

        example = list(sol.example)
        example[v] = chosen
        fails_chosen = failing(example)
        reasons: list[str] = []
        for c, alt in enumerate(found):
            if c == chosen:
                continue
            trial = list(example)
            trial[v] = c
            extra = [f for f in failing(trial) if f not in fails_chosen]
            reasons.append(f"{self._fmt_split(job, alt)} would break " + (", ".join(extra[:4]) or "as many identities")
                           + (" …" if len(extra) > 4 else ""))
        what = f"{self._where(job)} (“{self.s[job.a:job.b]}”) read as {self._fmt_split(job, found[chosen])}"
        if sol.best == sol.neqs:
            self.diag("F103", Severity.INFO,
                      f"按勾稽关系选定 (split chosen by the column identities): {what}; of the {len(found)} readings "
                      f"that satisfy A3, only this one lets A1/A2 hold in every column — " + "; ".join(reasons),
                      job.a, job.b)
        else:
            self.diag("F104", Severity.WARNING,
                      f"按勾稽关系择优 (split chosen by best fit): {what}; no combination of readings lets A1/A2 "
                      f"hold in every column ({sol.best} of {sol.neqs} at best; failing: "
                      f"{', '.join(fails_chosen[:4])}{' …' if len(fails_chosen) > 4 else ''}), and this reading fits "
                      "best — " + "; ".join(reasons),
                      job.a, job.b, suggestion="check the row in the source document")


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def _read(inp: Input) -> Stream:
    """The reader's entry point: decode the glued tables of a flattened scrape."""
    found, diags = _Decoder(inp.text, inp.norm).run()
    return Stream(found, inp.norm, diags, "flattened")


READER = Reader("flattened", frozenset({"text", "markdown"}), lambda inp: looks_flattened(inp.norm.text), _read,
                failure_code="F100")
