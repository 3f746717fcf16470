"""govinfo_parse: read 政府信息公开工作年度报告 into a typed AST, records and diagnostics.

    >>> import govinfo_parse
    >>> report = govinfo_parse.parse(text)            # lenient: never raises
    >>> report.applications.row("new").cells[-1].value # 一、本年新收…申请数量, 总计
"""

from ._version import __version__
from .api import ParseError, parse
from .labels import APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS
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
    Span,
    Title,
    Unrecognised,
)
from .records import to_records
from . import query
from .diff import diff
from .schema import json_schema
from .serde import SchemaVersionError, dumps, from_dict, loads, to_dict
from .source import parse_bytes, parse_file
from .validate import validate, validate_series
from .visit import Transformer, Visitor, find, find_all, walk

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
    "parse",
    "parse_bytes",
    "parse_file",
    "query",
    "to_dict",
    "to_records",
    "validate",
    "validate_series",
    "walk",
]
