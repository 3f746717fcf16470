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

from typing import TYPE_CHECKING

from ..._lazy import lazy_attributes
from ...stream import Stream
from ...tables.legacy_flat import looks_legacy_flat
from ..base import Input, Reader
from .detect import looks_flattened

if TYPE_CHECKING:
    from .decoder import ROW_BUDGET, SOLVER_BUDGET
    from .splits import _COUNT, _Budget, _Col, _count_splits, _Run
    from .vocab import HEADER_WORDS, UNDECIDED

__all__ = [
    "HEADER_WORDS", "READER", "ROW_BUDGET", "SOLVER_BUDGET", "UNDECIDED", "_COUNT", "_Budget", "_Col", "_Run",
    "_count_splits", "looks_flattened",
]

__getattr__ = lazy_attributes(__name__, {
    "ROW_BUDGET": "decoder", "SOLVER_BUDGET": "decoder", "decoder": "decoder",
    "_COUNT": "splits", "_Budget": "splits", "_Col": "splits", "_count_splits": "splits", "_Run": "splits",
    "HEADER_WORDS": "vocab", "UNDECIDED": "vocab",
})
"""The decoder (its vocabulary: 74 regular expressions) loads on the first flattened text read,
not with the registry: every plain-text input imports this package for its sniff."""

# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def _read(inp: Input) -> Stream:
    """The reader's entry point: decode the glued tables of a flattened scrape."""
    from .decoder import _Decoder

    found, diags = _Decoder(inp.text, inp.norm).run()
    return Stream(found, inp.norm, diags, "flattened")


READER = Reader("flattened", frozenset({"text", "markdown"}),
                lambda inp: looks_flattened(inp.norm.text) or looks_legacy_flat(inp.norm.text), _read,
                decodes_tables=True, failure_code="F100")
