"""A bounded slice of the fuzz suite, on every test run (``ci`` profile: 60 examples per test,
derandomized; ``GOVINFO_HYPOTHESIS_PROFILE=fuzz`` for a long run, see docs/testing.md).

Each example is one input of :func:`tests.fuzz.harness.cases` (its seed drawn by Hypothesis) or
bytes / text Hypothesis draws itself, run through every entry point; every invariant the docs
state must hold.  The round trip ``parse(render(r)) == r`` of *mutated* reports is not asserted
here: the long run counts it (docs/testing.md, "Fuzzing", states the figures and what remains).
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given
from hypothesis import strategies as st

from fuzz.harness import HINTS, Case, Tally, cases, corpus_files, run_case


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    from conftest import require_shared

    return tuple(p.read_text("utf-8", "replace") for p in corpus_files(require_shared()) if p.suffix != ".pdf")


def _check(case: Case) -> None:
    tally = Tally()
    run_case(tally, case, round_trips=False)
    assert not tally.failed, (dict(tally.failed), tally.examples)


@given(st.integers(0, 2**32))
def test_fuzz_corpus_mutations_and_random_bytes(seed: int) -> None:
    _check(next(cases(seed, list(_texts()))))


@given(st.binary(max_size=4000))
def test_fuzz_hypothesis_bytes(data: bytes) -> None:
    """Bytes Hypothesis draws, to ``parse_bytes`` with each file-name hint (:data:`HINTS`)."""
    _check(Case(None, data, f"hypothesis bytes (hints {HINTS})"))


@given(st.text(max_size=2000))
def test_fuzz_hypothesis_text(text: str) -> None:
    _check(Case(text, text.encode("utf-8", "surrogatepass"), "hypothesis text"))
