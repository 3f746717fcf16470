"""The official report formats as data: labels and keys, English glosses, and the arithmetic.

- :mod:`.identities` — the identities A1–A4 (spec §6) as equations over (table, row key, column
  key), with a small evaluator, used by validation and by readers that choose between readings;
- :mod:`.glosses` — English glosses of the official labels and the helpers that name a table, a
  row, a column or a cell in a diagnostic message.

The canonical keys and official labels themselves live in :mod:`govinfo_parse.labels` (moving
here as ``formats/labels.py``).
"""
