"""A long fuzz run in the background, with a fixed seed::

    .venv/bin/python tests/fuzz/run.py --seed 19 --minutes 60 --out fuzz.json

Writes (and rewrites every ``--every`` inputs) a JSON summary: inputs tried per entry point and
invariant, failures per signature, and one example per signature.  ``--fragments 0.5``
makes half the inputs cheap windows of the corpus and ``--round-trip-every 10`` runs the six
round trips (six more parses) on every tenth input only: more inputs per minute for the fast
invariants.  ``--start`` skips the first
inputs of the stream (to split one seed's stream between processes: ``--start 0 --step 2`` and
``--start 1 --step 2``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path[:0] = [str(HERE.parents[1])]  # tests/: the harness (fuzz/) and strategies

from fuzz.harness import Tally, cases, corpus_files, run_case  # noqa: E402


def corpus_texts(shared: Path) -> list[str]:
    return [p.read_text("utf-8", "replace") for p in corpus_files(shared) if p.suffix != ".pdf"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--inputs", type=int, default=10**9)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--step", type=int, default=1)
    ap.add_argument("--every", type=int, default=200)
    ap.add_argument("--no-round-trips", action="store_true")
    ap.add_argument("--round-trip-every", type=int, default=1,
                    help="the six round trips (six more parses) on every k-th input only")
    ap.add_argument("--fragments", type=float, default=0.0,
                    help="the share of inputs that are mutated windows of the corpus (cheap)")
    ap.add_argument("--shared", type=Path, default=HERE.parents[3] / "shared")
    ap.add_argument("--out", type=Path, default=Path("fuzz.json"))
    args = ap.parse_args(argv)
    texts = corpus_texts(args.shared)
    tally = Tally()
    t0 = time.monotonic()
    done = 0

    def write() -> None:
        args.out.write_text(json.dumps({
            "seed": args.seed, "start": args.start, "step": args.step, "inputs": done,
            "fragments": args.fragments, "round_trip_every": args.round_trip_every,
            "seconds": round(time.monotonic() - t0, 1), "checks": sum(tally.tried.values()),
            "tried": dict(sorted(tally.tried.items())), "failed": dict(tally.failed.most_common()),
            "examples": tally.examples,
        }, ensure_ascii=False, indent=1))

    for i, case in enumerate(cases(args.seed, texts, fragments=args.fragments)):
        if done >= args.inputs or time.monotonic() - t0 > args.minutes * 60:
            break
        if i % args.step != args.start:
            continue
        run_case(tally, case, round_trips=not args.no_round_trips and done % args.round_trip_every == 0)
        done += 1
        if done % args.every == 0:
            write()
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
