"""Text extracted from PDFs (what pdfplumber's ``extract_text()`` gives, pages joined by form feeds).

The text layer of a PDF table comes out one visual line at a time: the cells of a row are
separated by spaces, a row label taller than its values wraps onto the lines before or after
them, a vertical label (三、本年度办理结果 in a narrow merged column) comes one character per
line or glued in front of other labels ("三 2.其他法律行政止公开 0 0 0 0 0 0 0"), page numbers
("- 2 -") and form feeds sit between the rows of a table that continues on the next page.

This reader rebuilds the canonical chunk stream from such text:

- a line whose words are all header words (the grammar's ``HEAD`` terminal, words split by
  spaces joined back where they belong together) becomes one header cell per word;
- a row label followed by numbers becomes the label and one value cell per number;
- the application table (section 三) is read as a whole, using what the format guarantees: its
  value rows come in the official order with seven numbers each.  The runs of seven numbers are
  aligned with the official rows (2019: 23, 2021: 25 — or 23 where a 2021 table keeps （六）其他处理
  as one row) by a monotone alignment that rewards every printed label agreeing with the row
  its neighbouring values are given to.  So labels anchor and confirm rows rather than being
  the only way to find them; where they disagree, or a row is placed by position alone, a
  diagnostic says so (``P106``).  An approximate label is ``P101``; a run of numbers no row can
  take is kept as a row with no key (``P102``).  Which official row a printed label is, is
  decided by the shared label matching of :mod:`govinfo_parse.tables.labels` (``match_label``,
  with its position rule for a row placed by position; ``join_pieces`` for a wrapped label;
  ``is_group_label``), the same the plain-text reader's ``place_labels`` uses.
- everything else is one chunk per line, as in the plain-text layouts.

Positions refer to the extracted text (the ``.pdf.txt``), the only text a PDF has.

The modules: :mod:`.lines` (tokenised lines, values, page numbers), :mod:`.headers` (header
cells), :mod:`.sniff` (:func:`looks_like_pdf_text`), :mod:`.fragments` (the table's lines cut into
labels, runs, headers; vertical labels), :mod:`.align` (labels matched, runs aligned to the
official rows), :mod:`.emit` (the table's chunks and diagnostics), :mod:`.document` (where the
table is; every other line).
"""

from __future__ import annotations

from ...nodes import Diagnostic
from ...normalise import Normalised, SourceMap
from ...stream import Chunk, Stream
from ..base import Input, Reader
from .sniff import looks_like_pdf_text

__all__ = ["READER", "chunks", "looks_like_pdf_text"]


def chunks(source: str, norm: Normalised, *, force: bool = False) -> tuple[list[Chunk], list[Diagnostic]] | None:
    """The chunk stream of PDF-extracted text, or None when the text does not look like one
    (``force``: it is PDF text, read it as such)."""
    if not force and not looks_like_pdf_text(source, norm.text):
        return None
    from .document import plain_lines, table_region  # the reader's modules load on first use
    from .emit import Out, application_table
    from .lines import split_lines

    lines = split_lines(norm.text)
    out = Out(norm, SourceMap.of(source))
    region = table_region(lines)
    lo, hi = region if region is not None else (len(lines), len(lines))
    plain_lines(lines[:lo], out)
    if region is not None:
        application_table(lines[lo:hi], out)
    plain_lines(lines[hi:], out)
    return out.chunks, out.diags


def _read(inp: Input) -> Stream:
    """The reader's entry point: PDF-extracted text, rows aligned to the official order."""
    found = chunks(inp.text, inp.norm, force=True)
    assert found is not None  # forced
    return Stream(found[0], inp.norm, found[1], "pdf-text")


READER = Reader("pdf-text", frozenset({"text", "markdown", "pdf"}),
                lambda inp: looks_like_pdf_text(inp.text, inp.norm.text), _read, forced=frozenset({"pdf"}))
