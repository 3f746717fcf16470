"""Snapshot the library's output, to prove a speed change leaves it byte-identical.

    python benchmarks/snapshot.py write DIR     # before the change
    python benchmarks/snapshot.py check DIR     # after it: exits 1 on the first difference

``write`` stores, for every file of ``shared/corpus/**`` and for 200 reports drawn by
``tests/strategies.py`` (a fixed seed) and rendered in every layout, ``dumps(parse_file(p))``,
``dumps(parse_file(p, validate=False))`` and, for the generated texts, the texts themselves
(so that ``check`` reads exactly the same inputs even if the strategies change later).
``check`` parses the same inputs with the code in the work tree and compares byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
GENERATED = 200


def _generated_texts() -> list[tuple[str, str]]:
    """(name, text) of ``GENERATED`` reports drawn with a fixed seed and rendered in turn in
    every layout (text layouts and HTML)."""
    sys.path.insert(0, str(REPO / "tests"))
    from hypothesis import HealthCheck, given, seed, settings

    from govinfo_parse.render import LAYOUTS, render
    from strategies import reports

    layouts = sorted(LAYOUTS)
    drawn: list[object] = []

    @seed(20261206)
    @settings(max_examples=GENERATED, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(reports())
    def draw(r: object) -> None:
        drawn.append(r)

    draw()
    out = []
    for i, r in enumerate(drawn[:GENERATED]):
        layout = layouts[i % len(layouts)]
        ext = "html" if layout == "html" else "txt"
        out.append((f"gen-{i:03d}-{layout}.{ext}", render(r, layout)))  # type: ignore[arg-type]
    return out


def _outputs(path: Path) -> dict[str, str]:
    """The two serialised reports of one input file."""
    from govinfo_parse import dumps, parse_file

    return {"validated": dumps(parse_file(path)), "unvalidated": dumps(parse_file(path, validate=False))}


def _inputs(snap: Path, *, write: bool) -> list[tuple[str, Path]]:
    """Every input: the corpus in place and the generated texts under ``snap/inputs``."""
    items = [(str(p.relative_to(CORPUS)), p) for p in sorted(CORPUS.rglob("*")) if p.is_file()]
    gen_dir = snap / "inputs"
    if write:
        gen_dir.mkdir(parents=True, exist_ok=True)
        for name, text in _generated_texts():
            (gen_dir / name).write_text(text, encoding="utf-8")
    items += [(f"inputs/{p.name}", p) for p in sorted(gen_dir.iterdir())]
    return items


def main(argv: list[str]) -> int:
    """``write DIR`` or ``check DIR`` (see the module docstring)."""
    if len(argv) != 2 or argv[0] not in ("write", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, snap = argv[0], Path(argv[1])
    items = _inputs(snap, write=mode == "write")
    digests: dict[str, dict[str, str]] = {}
    for name, path in items:
        got = _outputs(path)
        digests[name] = {k: hashlib.sha256(v.encode("utf-8")).hexdigest() for k, v in got.items()}
        if mode == "write":
            out = snap / "out" / (name.replace("/", "__") + ".json")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(got["validated"] + "\n" + got["unvalidated"] + "\n", encoding="utf-8")
    index = snap / "digests.json"
    if mode == "write":
        index.write_text(json.dumps(digests, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(digests)} inputs snapshotted into {snap}")
        return 0
    before = json.loads(index.read_text(encoding="utf-8"))
    diff = sorted(k for k in before.keys() | digests.keys() if before.get(k) != digests.get(k))
    for k in diff[:20]:
        print(f"DIFFERS: {k}")
    print(f"{len(digests)} inputs checked, {len(diff)} differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
