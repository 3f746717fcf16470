"""govinfo_parse: read 政府信息公开工作年度报告 into a typed AST, records and diagnostics.

``parse`` (a ``str``), ``parse_file`` and ``parse_bytes`` return a :class:`Report`, whose
``diagnostics`` already hold what validation found; lenient parsing never raises, ``strict=True``
raises :class:`ParseError`.  ``to_records`` flattens a report, ``dumps``/``loads`` serialise it and ``render`` prints it
back in any supported layout::

    import govinfo_parse

    report = govinfo_parse.parse_file("report.txt")
    report.applications.row("new").cells[-1].value   # 一、本年新收…申请数量, its 总计
    [d.code for d in report.diagnostics]             # e.g. ["A1", "A3"] where sums fail

The documentation (docs/, built with MkDocs) has a tutorial and the full reference.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_attributes
from ._version import __version__
from .api import ParseError, parse, parse_bytes, parse_file
from .formats.labels import APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS
from .nodes import (
    ApplicationTable,
    Cell,
    CellState,
    Chrome,
    DateLine,
    Diagnostic,
    Heading,
    ItemTable,
    Metadata,
    Paragraph,
    ProactiveTable2019,
    ProactiveTable2021,
    Report,
    ReportFormat,
    ReviewTable,
    Row,
    Section,
    Severity,
    SourceInfo,
    SourceLocation,
    Span,
    Title,
    Unrecognised,
)
from .readers.locations import locate
from .render import render  # eager: a lazy name equal to its own submodule's would be rebound to the module
from .validate import validate, validate_series

if TYPE_CHECKING:
    from . import query
    from .batch import parse_many
    from .diff import diff
    from .export import to_dataframe
    from .records import to_records
    from .schema import json_schema
    from .serde import SchemaVersionError, dumps, from_dict, loads, to_dict
    from .visit import Transformer, Visitor, find, find_all, walk

_LAZY = {
    "parse_many": "batch", "diff": "diff", "to_dataframe": "export",
    "query": "query", "to_records": "records", "json_schema": "schema",
    "SchemaVersionError": "serde", "dumps": "serde", "from_dict": "serde", "loads": "serde", "to_dict": "serde",
    "Transformer": "visit", "Visitor": "visit", "find": "visit", "find_all": "visit", "walk": "visit",
}
"""Names whose modules load on first use, not on import (``import govinfo_parse`` and a first
parse stay light): process pools, pandas, difflib, cattrs, the query language, the schema…"""

__getattr__ = lazy_attributes(__name__, _LAZY)

__all__ = [
    "APPLICATION_COLUMNS",
    "APPLICATION_ROWS",
    "REVIEW_COLUMNS",
    "ApplicationTable",
    "Cell",
    "CellState",
    "Chrome",
    "DateLine",
    "Diagnostic",
    "Heading",
    "ItemTable",
    "Metadata",
    "Paragraph",
    "ParseError",
    "ProactiveTable2019",
    "ProactiveTable2021",
    "Report",
    "ReportFormat",
    "ReviewTable",
    "Row",
    "SchemaVersionError",
    "Section",
    "Severity",
    "SourceInfo",
    "SourceLocation",
    "Span",
    "Title",
    "Transformer",
    "Unrecognised",
    "Visitor",
    "__version__",
    "diff",
    "dumps",
    "find",
    "find_all",
    "from_dict",
    "json_schema",
    "loads",
    "locate",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_many",
    "query",
    "render",
    "to_dataframe",
    "to_dict",
    "to_records",
    "validate",
    "validate_series",
    "walk",
]
