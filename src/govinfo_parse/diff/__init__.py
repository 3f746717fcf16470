"""Compare two reports: what changed in the tables, the sections and the prose.

:func:`diff` lists the differences that make ``a != b`` as the change records of
:mod:`~govinfo_parse.diff.changes` (each shown on one line, as ``govinfo-parse diff`` prints it,
or as a dict), in document order: the report's format and metadata, then section by section
(titles, paragraphs and headings, by section number), then the tables cell by cell (by table /
item / row / column key).  It is meant for the same agency's two years, or a draft against what
was published.  How the parts are matched (:mod:`~govinfo_parse.diff.compare`):

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
"""

from __future__ import annotations

from . import changes
from .changes import *  # noqa: F403  (the change records: every name of changes.__all__)
from .compare import diff

__all__ = ["diff"]
__all__ += changes.__all__
