"""The report formats as data: every fact about the 2019 and 2021 formats (and the legacy
vocabulary) stated once.

- :mod:`.labels` — canonical keys, official labels and paths of every row and column;
- :mod:`.evidence` — the words that tell the formats apart, section-title variants;
- :mod:`.cells` — what a value cell is (from the grammar) and the parts of a value;
- :mod:`.identities` — the identities A1–A4 (spec §6) as equations over (table, row key, column
  key), with a small evaluator, used by validation and by readers that choose between readings;
- :mod:`.glosses` — English glosses of the official labels and the helpers that name a table, a
  row, a column or a cell in a diagnostic message;
- :mod:`.grammar_file` — the grammar file and its terminals.
"""
