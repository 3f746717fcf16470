"""Regularities of section 二 that rank the readings of glued digits (no sums exist there).

Section 二's rows have no arithmetic of their own, but the format makes most readings of a run
of glued digits implausible.  Each rule is a named predicate over the values of one row, keyed
by the format and the Article 20 item; a reading scores the total weight of the rules it keeps.
The decoder takes the top reading only when it is clearly ahead (the single best score,
strictly above every other reading) and marks its doubtful cells *inferred* under a diagnostic
(F109) listing the other readings; otherwise the row stays undecided (F105).

The rules (``docs/flattened.md``):

- 2019 第二十条第（一）项: 本年新制作数量 = 本年新公开数量 (most reports publish what they make), and
  对外公开总数量 ≥ 本年新公开数量 (the total includes this year's);
- 2021 第二十条第（一）项: 现行有效件数 ≥ 本年制发件数 (this year's documents are still in force);
- 2019 第二十条第（五）（六）（八）项: 上一年项目数量 + 本年增/减 ≥ 0 (a count of items cannot fall below 0),
  and, weighing less, |本年增/减| ≤ 上一年项目数量;
- 2019 第二十条第（九）项: 采购总金额 is at least 1万元 per 采购项目 (plausible digit counts: a
  handful of projects and an amount of many digits, not the other way round).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Union

import attrs

_Num = Union[int, Decimal, None]  # noqa: UP007 - a runtime alias on Python 3.10


@attrs.frozen
class Rule:
    """One regularity: what it says, how much it weighs, and the test over a row's values by
    column key (a placeholder is None)."""

    text: str
    weight: int
    holds: Callable[[Mapping[str, _Num]], bool]


def _ge(a: str, b: str) -> Callable[[Mapping[str, _Num]], bool]:
    def holds(v: Mapping[str, _Num]) -> bool:
        """Whether the rule holds (a placeholder keeps every rule)."""
        x, y = v.get(a), v.get(b)
        return x is None or y is None or x >= y
    return holds


def _eq(a: str, b: str) -> Callable[[Mapping[str, _Num]], bool]:
    def holds(v: Mapping[str, _Num]) -> bool:
        """Whether the rule holds (a placeholder keeps every rule)."""
        x, y = v.get(a), v.get(b)
        return x is None or y is None or x == y
    return holds


def _not_negative(a: str, b: str) -> Callable[[Mapping[str, _Num]], bool]:
    def holds(v: Mapping[str, _Num]) -> bool:
        """Whether the rule holds (a placeholder keeps every rule)."""
        x, y = v.get(a), v.get(b)
        return x is None or y is None or x + y >= 0
    return holds


def _small_change(a: str, b: str) -> Callable[[Mapping[str, _Num]], bool]:
    def holds(v: Mapping[str, _Num]) -> bool:
        """Whether the rule holds (a placeholder keeps every rule)."""
        x, y = v.get(a), v.get(b)
        return x is None or y is None or (y if y >= 0 else -y) <= (x if x > 1 else 1)
    return holds


def _per_project(count: str, amount: str, least: int) -> Callable[[Mapping[str, _Num]], bool]:
    """The amount (given in 元: the decoder scales 万元 and 亿元) is at least ``least`` 元 per project."""
    def holds(v: Mapping[str, _Num]) -> bool:
        """Whether the rule holds (a placeholder keeps every rule)."""
        n, x = v.get(count), v.get(amount)
        if n is None or x is None:
            return True
        return x >= n * least
    return holds


_ITEMS_CHANGE: Final = (
    Rule("上一年项目数量 + 本年增/减 ≥ 0", 2, _not_negative("previous_count", "change")),
    Rule("|本年增/减| ≤ 上一年项目数量 (a change rarely exceeds the count it changes)", 1,
         _small_change("previous_count", "change")),
)

RULES: Final[dict[tuple[str, str], tuple[Rule, ...]]] = {
    ("2019", "item1"): (
        Rule("本年新制作数量 = 本年新公开数量", 2, _eq("new_made", "new_published")),
        Rule("对外公开总数量 ≥ 本年新公开数量", 1, _ge("total_published", "new_published")),
    ),
    ("2019", "item5"): _ITEMS_CHANGE,
    ("2019", "item6"): _ITEMS_CHANGE,
    ("2019", "item8"): _ITEMS_CHANGE,
    ("2019", "item9"): (Rule("采购总金额 ≥ 1万元 per 采购项目 (a plausible number of digits for each)", 1,
                             _per_project("procurement_count", "procurement_amount", 10_000)),),
    ("2021", "item1"): (Rule("现行有效件数 ≥ 本年制发件数", 1, _ge("in_force", "issued")),),
}
"""The rules of each (format, item)."""


def rank(fmt: str, item: str, columns: Sequence[str],
         readings: Sequence[Sequence[_Num]]) -> tuple[int | None, list[int]]:
    """The index of the reading clearly ahead (None when there is none) and every reading's score."""
    rules = RULES.get((fmt, item), ())
    if not rules or len(readings) < 2:
        return None, [0] * len(readings)
    scores = []
    for vals in readings:
        v = dict(zip(columns, vals, strict=False))
        scores.append(sum(r.weight for r in rules if r.holds(v)))
    best = max(scores)
    top = [i for i, s in enumerate(scores) if s == best]
    return (top[0] if len(top) == 1 else None), scores


def broken(fmt: str, item: str, columns: Sequence[str], vals: Sequence[_Num]) -> list[str]:
    """The rules a reading breaks (for the diagnostic)."""
    v = dict(zip(columns, vals, strict=False))
    return [r.text for r in RULES.get((fmt, item), ()) if not r.holds(v)]
