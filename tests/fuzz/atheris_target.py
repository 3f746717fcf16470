"""Coverage-guided fuzzing with atheris (libFuzzer), optional::

    .venv/bin/pip install atheris          # or: pip install -e '.[fuzz]'
    .venv/bin/python tests/fuzz/atheris_target.py -atheris_runs=100000 -max_len=65536 fuzz-corpus/

The input bytes go to ``parse_bytes`` with the file-name hint their first byte chooses (none,
``.html``, ``.pdf``), and, decoded as UTF-8 with replacement, to ``parse``; every invariant of
:mod:`tests.fuzz.harness` is checked and a failure (other than a round-trip difference, which
the long run counts instead) raises, so libFuzzer keeps the input as a crash file.  Seed the
corpus directory with the corpus files (``cp ../shared/corpus/*/*.txt fuzz-corpus/``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path[:0] = [str(HERE.parents[1])]

import atheris  # noqa: E402

with atheris.instrument_imports():
    import govinfo_parse  # noqa: F401

from fuzz.harness import HINTS, Case, Tally, run_case  # noqa: E402

ASSERTED = ("never raises", "no internal error", "raises only ParseError", "every character in a span",
            "dumps/loads", "check output")


def test_one_input(data: bytes) -> None:
    hint = HINTS[data[0] % len(HINTS)] if data else None
    tally = Tally()
    text = data[1:].decode("utf-8", "replace")
    run_case(tally, Case(text, data[1:], f"atheris (hint {hint})"), round_trips=False)
    bad = [k for k in tally.failed if any(a in k for a in ASSERTED)]
    if bad:
        raise AssertionError(f"{bad}\n{next(iter(tally.examples.values()))}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
