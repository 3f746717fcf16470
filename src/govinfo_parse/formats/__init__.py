"""The report formats as data: every fact about the 2019 and 2021 formats (and the legacy
vocabulary) stated once — canonical labels, keys and glosses (:mod:`.labels`), what a value cell
is (:mod:`.cells`), the grammar file and its terminals (:mod:`.grammar_file`)."""
