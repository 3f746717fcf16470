"""Compare two reports: what changed in the tables, the sections and the prose.

``diff(a, b)`` lists the differences that make ``a != b``, as typed change records in document
order: the report's format and metadata, then section by section (titles, paragraphs and
headings, by section number), then the tables cell by cell (by table / item / row / column
key).  It is meant for the same agency's two years, or a draft against what was published.

* Cells are matched by their canonical address, not their position in the file, so a table
  printed in another layout compares equal; a cell changes when its printed text, state, value
  or unit does.  Rows the parser could not place are matched by their printed label; cells
  beyond a table's columns by their position (``#8``).
* Prose is compared block by block inside each section (and the preamble) with
  :class:`difflib.SequenceMatcher`, so an inserted paragraph is one ``added`` change, not a cascade.
* Spans, diagnostics and the source information are not compared (as for ``==``).  Nor is
  order where keys already say what is what: rows, items and tables printed in another order,
  or a table placed elsewhere among its section's paragraphs, list no change (``==`` does
  compare order, so such reports differ without a listed change).

Every change has a one-line ``str()`` (what ``govinfo-parse diff`` prints) and ``to_dict()``.

The package: :mod:`~govinfo_parse.diff.changes` holds the change records and their formatting,
:mod:`~govinfo_parse.diff.compare` the matching that produces them.
"""

from __future__ import annotations

from .changes import (
    CellChange,
    Change,
    ChangeKind,
    ReportChange,
    RowChange,
    SectionChange,
    TableChange,
    TextChange,
)
from .compare import diff

__all__ = [
    "CellChange",
    "Change",
    "ChangeKind",
    "ReportChange",
    "RowChange",
    "SectionChange",
    "TableChange",
    "TextChange",
    "diff",
]
