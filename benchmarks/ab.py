"""Before/after ratios of two source trees, measured in one run with their rounds interleaved.

    git archive BASE | tar -x -C /tmp/base          # the "before" tree, anywhere
    python benchmarks/ab.py /tmp/base . [--rounds 8] [--cold 10]

For each tree (its ``src/`` put first on ``sys.path``, with this interpreter's dependencies) the
script alternates, round by round:

- **text**: a fresh process parses + validates the whole text corpus (seeds, ``real/*.txt``,
  ``real/*.md``) and the floor (``NFKC + splitlines``) on it, interleaved, and prints the best
  ratio of its rounds;
- **html**: the same for ``shanghai-office-2019.html`` against ``pandas.read_html``;
- **cold**: ``import govinfo_parse; parse(seed)`` in a fresh process against
  ``import lark, attrs`` (medians).

Both trees see the same load; quote the ratios.  The runtime grammar cache is used as a user
would (run once first so that neither side pays for filling it), and so is bytecode: both trees
are byte-compiled first (``compileall``, into their own ``__pycache__``), as ``pip install``
does and as ``lark`` and ``attrs`` already are.  Without that, in an environment with
``PYTHONDONTWRITEBYTECODE`` set (as these sessions have) every import of the package compiled
its source again — ≈ 0.2 s of a cold start the reference never pays; ``--no-bytecode``
measures that way (it removes the trees' ``__pycache__`` and writes none).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
SEED = CORPUS / "seeds" / "003_b7caf00a3cd44191.txt"

_WORKER = r"""
import json, sys, time, unicodedata, io
from pathlib import Path
corpus, what, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
from govinfo_parse.api import parse_text
def floor(t):
    return unicodedata.normalize("NFKC", t).splitlines()
if what == "text":
    files = sorted((corpus / "seeds").glob("*.txt"))
    files += sorted(p for p in (corpus / "real").iterdir() if p.suffix in (".txt", ".md"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    ref = lambda: [floor(t) for _, t in texts]
    ours = lambda: [parse_text(t, filename=n) for n, t in texts]
else:
    import pandas as pd
    name = "shanghai-office-2019.html"
    html = (corpus / "real" / name).read_text(encoding="utf-8")
    ref = lambda: pd.read_html(io.StringIO(html))
    ours = lambda: parse_text(html, filename=name)
ref(); ours()
best = {"ref": [], "ours": []}
for _ in range(rounds):
    for k, f in (("ref", ref), ("ours", ours)):
        t0 = time.thread_time(); f(); best[k].append(time.thread_time() - t0)
print(json.dumps({"ref": min(best["ref"]), "ours": min(best["ours"])}))
"""


def _env(tree: Path) -> dict[str, str]:
    """The environment that makes ``tree/src`` the imported package."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree.resolve() / "src")
    return env


def _drop_bytecode(tree: Path) -> None:
    """Remove the bytecode of ``tree/src`` (``--no-bytecode``: every import compiles the source)."""
    for d in (tree.resolve() / "src").rglob("__pycache__"):
        shutil.rmtree(d)


def _byte_compile(tree: Path) -> None:
    """Byte-compile ``tree/src`` into its ``__pycache__`` (what an installed wheel has)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree.resolve() / "src")],
                   check=True, capture_output=True)


def _worker(tree: Path, what: str, rounds: int) -> dict[str, float]:
    """One fresh process timing ``what`` for ``tree`` (thread CPU time, best of ``rounds``)."""
    out = subprocess.run([sys.executable, "-c", _WORKER, str(CORPUS), what, str(rounds)], env=_env(tree),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _cold(argv: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one fresh process."""
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """Print the before/after table (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--rounds", type=int, default=6, help="worker processes per tree and row")
    ap.add_argument("--inner", type=int, default=5, help="timed rounds inside each worker")
    ap.add_argument("--cold", type=int, default=10, help="fresh processes per cold-start command")
    ap.add_argument("--rows", default="text,html,cold")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="do not byte-compile the trees (each import compiles the source again "
                         "when PYTHONDONTWRITEBYTECODE is set)")
    args = ap.parse_args(argv)
    trees = {"before": args.before, "after": args.after}
    for tree in trees.values():
        if args.no_bytecode:
            os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
            _drop_bytecode(tree)
        else:
            _byte_compile(tree)
    rows = args.rows.split(",")
    load0 = os.getloadavg()
    res: dict[str, dict[str, list[float]]] = {}
    for what in ("text", "html"):
        if what not in rows:
            continue
        got: dict[str, list[float]] = {k: [] for k in trees}
        for _ in range(args.rounds):
            for k, tree in trees.items():
                r = _worker(tree, what, args.inner)
                got[k].append(r["ours"] / r["ref"])
        res[what] = got
    if "cold" in rows:
        seed_code = f"import govinfo_parse; govinfo_parse.parse(open({str(SEED)!r}, encoding='utf-8').read())"
        for tree in trees.values():  # fill the runtime cache of each side first
            subprocess.run([sys.executable, "-c", seed_code], env=_env(tree), check=True, capture_output=True)
        times: dict[str, list[float]] = {k: [] for k in (*trees, "deps")}
        deps_env = _env(args.after)
        for _ in range(args.cold):
            for k, tree in trees.items():
                times[k].append(_cold([sys.executable, "-c", seed_code], _env(tree)))
            times["deps"].append(_cold([sys.executable, "-c", "import lark, attrs"], deps_env))
        med = {k: statistics.median(v) for k, v in times.items()}
        res["cold"] = {k: [med[k] / med["deps"]] for k in trees}
        res["cold_times"] = {k: [v] for k, v in med.items()}
    load1 = os.getloadavg()
    print(f"load average (1 min) {load0[0]:.2f} before, {load1[0]:.2f} after; "
          f"bytecode {'not compiled' if args.no_bytecode else 'compiled first'}")
    print("| row | before | after | after / before |")
    print("|---|---|---|---|")
    labels = {"text": "text corpus parse + validate, × NFKC floor (best worker)",
              "html": "HTML page, × pandas.read_html (best worker)",
              "cold": "import + first parse, × `import lark, attrs` (medians)"}
    for what in ("text", "html", "cold"):
        if what in res:
            b, a = min(res[what]["before"]), min(res[what]["after"])
            print(f"| {labels[what]} | {b:.2f}× | {a:.2f}× | {a / b:.2f} |")
    if "cold_times" in res:
        print("cold medians: " + ", ".join(f"{k} {v[0] * 1e3:.0f} ms" for k, v in res["cold_times"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
