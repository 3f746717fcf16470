"""Records at scale: a pandas DataFrame, streaming writers for JSON Lines, CSV and Parquet, the
batch manifest, and the wide table (one row per report, one column per official cell).

The shape is the records contract of ``docs/records.md`` — one row per value cell, the report's
identity (``file``, ``agency``, ``year``, ``format``, ``reader``) in front and the cell's ASCII
``key`` beside its Chinese labels.  Columns, in order (:data:`COLUMNS`)::

    file, agency, year, format, reader, table, item, row, column, key, raw, value, unit, state, line

* :func:`to_dataframe` needs pandas (the ``export`` extra).  ``value`` is a nullable ``Float64``
  (``<NA>`` for blanks and placeholders), ``year`` and ``line`` nullable ``Int64``, the rest
  ``string``.  Amounts such as ``6716.7630万元`` keep their printed digits in ``raw``.
* The writers stream: memory does not grow with the number of records.  ``.jsonl`` writes each
  record as :func:`govinfo_parse.parse` ``--format records`` does (amounts as JSON numbers);
  ``.csv`` writes a header row and the numbers exactly as printed (``6716.7630``), with empty
  fields for nulls; ``.parquet`` (pyarrow, the ``export`` extra) writes ``value`` as ``double``
  and ``year``/``line`` as ``int32``, in row groups of :data:`PARQUET_ROW_GROUP` rows.
* Every file is valid at every moment.  JSON Lines and CSV only grow by complete rows (a write
  cut short by Ctrl-C is cut off again at close).  A Parquet file is written as complete parts,
  one per row group, in ``<name>.parts/`` (each part written under a temporary name and renamed),
  joined into ``<name>`` at close; a run killed outright leaves the parts, which are a Parquet
  dataset as they are (``pandas.read_parquet("<name>.parts")``) and which ``batch --resume`` joins.
* :func:`to_wide` / :func:`write_wide`: one row per report with the identity columns and one
  column per official cell (:data:`WIDE_KEYS`, ASCII), for pandas.
"""

from __future__ import annotations

from ..records import IDENTITY_FIELDS, RECORD_FIELDS
from ._base import COLUMNS, FORMATS, PARQUET_ROW_GROUP, file_records, format_of
from .frames import WIDE_COLUMNS as WIDE_COLUMNS
from .frames import WIDE_KEYS, to_dataframe, to_wide, wide_rows, write_wide
from .frames import wide_frame as wide_frame
from .frames import wide_row as wide_row
from .manifest import MANIFEST_COLUMNS, MANIFEST_DTYPES, ManifestWriter, read_manifest
from .manifest import manifest_row as manifest_row
from .parquet import ParquetWriter
from .parquet import encode_columns as encode_columns
from .parquet import join_parts as join_parts
from .parquet import parts_dir as parts_dir
from .writers import CsvWriter, JsonlWriter, RecordWriter, open_writer, write_records
from .writers import encode_csv as encode_csv

__all__ = [
    "COLUMNS",
    "FORMATS",
    "IDENTITY_FIELDS",
    "MANIFEST_COLUMNS",
    "MANIFEST_DTYPES",
    "PARQUET_ROW_GROUP",
    "RECORD_FIELDS",
    "WIDE_KEYS",
    "CsvWriter",
    "JsonlWriter",
    "ManifestWriter",
    "ParquetWriter",
    "RecordWriter",
    "file_records",
    "format_of",
    "open_writer",
    "read_manifest",
    "to_dataframe",
    "to_wide",
    "wide_rows",
    "write_records",
    "write_wide",
]
