"""What a value cell is: the grammar's three kinds of cell, as the grammar defines them.

``grammars/report.lark`` is the one definition of a value cell (``VALUE`` — a number with an
optional unit —, ``PLACEHOLDER`` such as "/" or "—", ``BLANK`` the empty-cell marker).  The
readers, the table recovery and the transformer ask this module instead of writing their own
regular expressions.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .._lazy import lazy_compile
from .grammar_file import terminals

__all__ = ["CELL_KINDS", "VALUE_PARTS", "cell_kind", "cell_patterns", "is_cell", "is_note", "match_value", "number"]

CELL_KINDS = ("VALUE", "PLACEHOLDER", "BLANK")
"""The grammar's three kinds of value cell, of which a CELLS token is a run."""


@cache
def cell_patterns() -> dict[str, str]:
    """Regular expression of each kind of value cell (:data:`CELL_KINDS`), as the grammar defines
    it.  They are parts of the ``CELLS`` terminal, not terminals of the parser; the grammar's
    compiler gives their patterns when asked to keep them."""
    found = {t.name: t.pattern for t in terminals(frozenset(CELL_KINDS)) if t.name in CELL_KINDS}
    missing = set(CELL_KINDS) - set(found)
    if missing:  # pragma: no cover - a grammar edit would have to remove them
        raise RuntimeError(f"grammar defines no {sorted(missing)} cell terminal(s)")
    return found


@cache
def _cell_re() -> re.Pattern[str]:
    """One regular expression of the three cell kinds, each a named group (``VALUE``,
    ``PLACEHOLDER``, ``BLANK``), built once."""
    pats = cell_patterns()
    return re.compile("|".join(f"(?P<{k}>{pats[k]})" for k in CELL_KINDS))


def cell_kind(text: str) -> str | None:
    """Which kind of value cell a whole chunk is (``VALUE``, ``PLACEHOLDER``, ``BLANK``), or None."""
    m = _cell_re().fullmatch(text)
    return m.lastgroup if m is not None else None


def is_cell(text: str) -> bool:
    """Whether a whole chunk is one value cell (and so joins its neighbours on a CELLS line)."""
    return _cell_re().fullmatch(text) is not None


VALUE_PARTS = lazy_compile(
    r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>亿元|万元|元|件|条|个|次|项|起|人次|人)?"
    r"(?P<note>\((?![-+]?[\d,.]+(?:亿元|万元|元|件|条|个|次|项|起|人次|人)?\))[^()\n\u2400-\u241f]{1,40}\))?$"
)
"""The parts of a ``VALUE`` cell (sign, integer digits, fraction, unit, note), for turning it
into a number.  ``note`` is the bracketed remark printed after the number ("(其中修订3件)" in the
normalised text, half-width brackets), never part of the value.  It accepts exactly what the
grammar's ``VALUE`` terminal accepts (a differential test, tests/formats/test_cells.py, keeps the
two equal): the grammar says what a value cell is, this only names its parts."""


def is_note(text: str) -> bool:
    """Whether a whole chunk is a note standing alone, as a value cell would print it after its
    number ("(其中修订3件)", normalised): a note a converter pulled out of its cell onto a line of
    its own.  The note syntax is the grammar's (the ``note`` part of :data:`VALUE_PARTS`)."""
    m = VALUE_PARTS.fullmatch("0" + text)
    return m is not None and m.group("note") == text


def number(text: str) -> int | Decimal | None:
    """The number a ``VALUE`` cell prints (its sign, digits and fraction; the unit and the note
    are not part of it): ``12`` of "12(其中修订3件)", ``Decimal("216.5")`` of "216.5万元(含退费)";
    None for a chunk that is no value cell."""
    m = VALUE_PARTS.fullmatch(text)
    return None if m is None else match_value(m)


def match_value(m: re.Match[str]) -> int | Decimal:
    """The number of a :data:`VALUE_PARTS` match: ``int`` without a fraction, ``Decimal`` with
    one, exactly as printed (thousands separators dropped, the sign applied)."""
    digits = m.group("int").replace(",", "")
    if m.group("frac"):
        return Decimal(m.group("sign") + digits + m.group("frac"))
    return -int(digits) if m.group("sign") == "-" else int(digits)
