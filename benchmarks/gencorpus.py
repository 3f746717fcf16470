"""Generate a corpus of varied reports for the batch benchmarks.

    python benchmarks/gencorpus.py DIR [--files 2000] [--seed 0]

Each report starts from one of the real reports with tables (the seeds, ``real/*.txt``), gets
new numbers in its application and review tables (every row's 总计 the sum of its columns, the
other identities left to chance, as in real reports), a new agency and year in its title, and is
written in one of the layouts that :func:`govinfo_parse.render.render` prints and the parser
reads back unchanged for that report (checked once per base report).  Where ``render`` is not
available, the new numbers are spliced into the base report's own text at the cells' spans
(the AST's positions), so the files keep the seed layouts.

About one file in 250 is deliberately bad: empty, binary noise, or a dangling symlink (which
fails to open) — so the batch's failure path is exercised at scale.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

import govinfo_parse as gp
from govinfo_parse.nodes import (
    ApplicationTable,
    Block,
    Cell,
    CellState,
    Report,
    ReviewTable,
    Title,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

__all__ = ["Base", "generate", "prepare", "vary", "write_corpus"]

AGENCIES = [a + b for a in ("绵阳市", "鹿城区", "江苏省", "天津市", "洪泽区", "沭阳县", "平潭综合实验区", "嘉兴市")
            for b in ("人力资源和社会保障局", "人民政府办公室", "教育局", "卫生健康委员会", "生态环境局", "交通运输局")]


def _render() -> Callable[[Report, str], str] | None:
    try:
        from govinfo_parse.render import render
    except ImportError:
        return None
    return render


def base_texts(shared: Path = SHARED) -> list[tuple[str, str]]:
    """(name, text) of the real reports that carry an application table."""
    corpus = shared / "corpus"
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("*.txt"))
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        r = gp.parse(text)
        if any(isinstance(t, ApplicationTable) for t in r.tables()):
            out.append((f.name, text))
    return out


def _count(rng: random.Random) -> int:
    x = rng.random()
    if x < 0.55:
        return 0
    if x < 0.85:
        return rng.randint(1, 9)
    return rng.randint(10, 400)


def _new_cells(cells: Sequence[Cell], rng: random.Random, total_last: bool) -> tuple[Cell, ...]:
    """New values for the numeric cells; with ``total_last``, the last cell is the row's sum."""
    numbers = [c.state is CellState.NUMBER and isinstance(c.value, int) for c in cells]
    vals = [_count(rng) if n else None for n in numbers]
    if total_last and len(cells) >= 2 and numbers[-1]:
        vals[-1] = sum(v for v in vals[:-1] if v is not None)
    return tuple(attrs.evolve(c, raw=str(v), value=v) if v is not None else c for c, v in zip(cells, vals, strict=True))


def vary(report: Report, rng: random.Random) -> tuple[Report, list[tuple[Cell, Cell]]]:
    """A new report: new numbers and a new title.  Also returns (old cell, new cell) pairs."""
    changed: list[tuple[Cell, Cell]] = []

    def table(b: Block) -> Block:
        if isinstance(b, ApplicationTable):
            rows = []
            for row in b.rows:
                cells = _new_cells(row.cells, rng, total_last=len(row.cells) == 7)
                changed.extend(zip(row.cells, cells, strict=True))
                rows.append(attrs.evolve(row, cells=cells))
            return attrs.evolve(b, rows=tuple(rows))
        if isinstance(b, ReviewTable):
            groups: list[Cell] = []
            for i in range(0, len(b.cells), 5):
                groups.extend(_new_cells(b.cells[i : i + 5], rng, total_last=True))
            changed.extend(zip(b.cells, groups, strict=True))
            return attrs.evolve(b, cells=tuple(groups))
        return b

    agency = rng.choice(AGENCIES)
    year = rng.randint(2019, 2025)

    def title(b: Block) -> Block:
        if isinstance(b, Title):
            return attrs.evolve(b, text=f"{agency}{year}年政府信息公开工作年度报告")
        return b

    sections = tuple(attrs.evolve(s, blocks=tuple(table(b) for b in s.blocks)) for s in report.sections)
    preamble = tuple(title(b) for b in report.preamble)
    return attrs.evolve(report, preamble=preamble, sections=sections), changed


def _splice(text: str, changed: Sequence[tuple[Cell, Cell]]) -> str:
    """Write the new numbers into the base text at the old cells' spans."""
    edits = sorted(((old.span.start, old.span.end, new.raw) for old, new in changed
                    if old.span is not None and old.raw != new.raw), reverse=True)
    for a, b, raw in edits:
        text = text[:a] + raw + text[b:]
    return text


@attrs.frozen
class Base:
    name: str
    text: str
    report: Report
    layouts: tuple[str, ...]


def prepare(shared: Path = SHARED) -> list[Base]:
    render = _render()
    bases = []
    for name, text in base_texts(shared):
        report = gp.parse(text)
        layouts: list[str] = []
        if render is not None:
            from govinfo_parse.render import LAYOUTS

            for lay in LAYOUTS:
                try:
                    if gp.parse(render(report, lay)) == report:
                        layouts.append(lay)
                except Exception:  # a layout the renderer or the reader does not handle yet
                    continue
        bases.append(Base(name, text, report, tuple(layouts)))
    return bases


def generate(bases: Sequence[Base], i: int, rng: random.Random) -> tuple[str, str]:
    """(file name, text) of the i-th report."""
    base = bases[i % len(bases)]
    new, changed = vary(base.report, rng)
    render = _render()
    if render is not None and base.layouts:
        layout = rng.choice(base.layouts)
        text = render(new, layout)
    else:
        layout = "splice"
        text = _splice(base.text, changed)
    suffix = ".md" if layout == "markdown" else ".html" if layout == "html" else ".txt"
    return f"{i:06d}_{Path(base.name).stem[:12]}_{layout}{suffix}", text


def write_corpus(directory: str | os.PathLike[str], files: int, *, seed: int = 0, bad_every: int = 250,
                 shared: Path = SHARED) -> list[Path]:
    """Write ``files`` reports into ``directory`` (in sub-directories of 500); returns their paths."""
    root = Path(directory)
    rng = random.Random(seed)
    bases = prepare(shared)
    if not bases:
        raise RuntimeError(f"no base reports with tables found under {shared / 'corpus'}")
    paths = []
    for i in range(files):
        sub = root / f"part{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if bad_every and i % bad_every == bad_every - 1:
            kind = (i // bad_every) % 3
            p = sub / f"{i:06d}_bad{kind}.txt"
            if kind == 0:
                p.write_bytes(b"")
            elif kind == 1:
                p.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
            else:
                p.symlink_to(sub / "does-not-exist.txt")
            paths.append(p)
            continue
        name, text = generate(bases, i, rng)
        p = sub / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = write_corpus(args.dir, args.files, seed=args.seed)
    size = sum(p.stat().st_size for p in paths if p.exists())
    print(f"wrote {len(paths)} files, {size / 1e6:.1f} MB, under {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

