"""The ratio table, measured in one run: our parse + validate against reference points.

    python benchmarks/ratios.py [--rounds 15] [--cold 10] [--json FILE]

Everything is timed in this one process (thread CPU time; the cold-start row is wall clock),
interleaved round by round, so that a busy shared machine slows both sides of a ratio alike;
each figure is the best (minimum) round, the usual estimate of a cost on a noisy machine, and
the median is printed next to it.  Quote the ratios, not the times.

Rows:

(a) **floor** — ``unicodedata.normalize("NFKC", text).splitlines()`` on the same text: touching
    every character once in C.  Measured on the whole text corpus (seeds and
    ``real/*.txt``, ``real/*.md``): on the seeds alone NFKC takes its already-normalised fast
    path and the ratio means nothing (see ``shared/benchmarks.md``).  Target: ≤ 5×.
(b) **Earley** — the same grammar (``grammars/report.lark``) under Lark's Earley parser with the
    ``dynamic`` lexer, fed the same chunk stream as our LALR parser, both building a plain parse
    tree (no transformer), so the row isolates the parsing algorithm.  Earley's ``basic`` lexer
    cannot read this grammar: without the contextual lexer a line such as ``其他`` lexes as the
    highest-priority terminal whatever the parser state, and the parse fails — the ``dynamic``
    lexer matches terminals as the parser asks for them, like our contextual lexer, and gives
    the identical tree (checked below).
(c) **HTML** — ``pandas.read_html`` on the same page (raw cells only, no schema) against our
    parse of the page to a validated report.  Skipped without pandas + lxml.  Target: faster.
(d) **scaling** — one report concatenated 1×, 10× and 100×: linear means 10× input ≤ 11× time.
(e) **cold start** — ``python -c "import govinfo_parse; govinfo_parse.parse(seed)"`` against
    ``python -c "import lark, attrs"`` (and ``python -c pass``), medians of fresh processes,
    with the package byte-compiled first (``compileall``: an installed wheel has its bytecode,
    and so do lark and attrs; under ``PYTHONDONTWRITEBYTECODE`` an editable checkout otherwise
    compiles its source at every start).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

SCALE_SEED = "003_b7caf00a3cd44191.txt"
"""The report concatenated for the scaling row: the largest seed with all three tables."""
HTML_PAGE = "shanghai-office-2019.html"


# ------------------------------------------------------------------------------------------
# the measured operations (the bench_*.py files use the same ones)
# ------------------------------------------------------------------------------------------


def text_corpus(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(name, text) of the whole text corpus: seeds and ``real/*.txt``, ``real/*.md``."""
    files = sorted((corpus / "seeds").glob("*.txt"))
    files += sorted(p for p in (corpus / "real").iterdir() if p.suffix in (".txt", ".md"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


def floor(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).splitlines()


def ours(name: str, text: str) -> Any:
    """Parse + validate, as ``parse_file`` does once the bytes are decoded."""
    try:
        from govinfo_parse.api import parse_text
    except ImportError:  # an older core: parse() reads every text kind
        import govinfo_parse

        return govinfo_parse.parse(text)
    return parse_text(text, filename=name)


def chunk_stream(text: str) -> str:
    """The text our LALR parser reads for a plain-text report (what Earley is fed too)."""
    from govinfo_parse.readers import Input, read
    from govinfo_parse.stream import stream

    return stream(read(Input(text, "text")).chunks)


def lalr_tree_parser() -> Any:
    from govinfo_parse.grammar import lark_parser

    return lark_parser(with_transformer=False)


def earley_parser() -> Any:
    import lark.lexer
    from lark import Lark

    from govinfo_parse.grammar import grammar_text

    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = False  # the collision check takes seconds and is not the point
    try:
        return Lark(grammar_text(), parser="earley", lexer="dynamic", maybe_placeholders=False)
    finally:
        lark.lexer.has_interegular = saved


def read_html_tables(html: str) -> Any:
    import io

    import pandas as pd

    return pd.read_html(io.StringIO(html))


def have_read_html() -> str | None:
    """None if ``pandas.read_html`` can run here, else why not."""
    try:
        import lxml  # noqa: F401
        import pandas  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed"
    return None


def stage_times(texts: Sequence[tuple[str, str]], rounds: int) -> dict[str, float]:
    """Best-round seconds of each stage of the plain-text pipeline over ``texts`` (each stage
    fed the previous stage's output, computed beforehand), and of the floor."""
    from govinfo_parse.api import parse_chunks
    from govinfo_parse.normalise import normalise
    from govinfo_parse.readers import Input, flattened, pdftext, read
    from govinfo_parse.readers._lines import chunks_from_text
    from govinfo_parse.stream import stream
    from govinfo_parse.tables import labels as labelmatch
    from govinfo_parse.validate import validate

    def layout_text(t: str, n: Any) -> tuple[list[Any], list[Any]]:
        inp = Input(t, "text")
        inp.norm = n
        got = read(inp)
        return list(got.chunks), list(got.diagnostics)

    def flat(t: str, n: Any) -> object:
        inp = Input(t, "text")
        inp.norm = n
        return flattened.READER.read(inp) if flattened.READER.sniff(inp) else None

    norms = [normalise(t) for _, t in texts]
    raw_chunks = [chunks_from_text(n.text) for n in norms]
    laid = [layout_text(t, n) for (_, t), n in zip(texts, norms, strict=True)]
    reports = [parse_chunks(t, c, norm=n, extra_diagnostics=d, validate=False)
               for (_, t), n, (c, d) in zip(texts, norms, laid, strict=True)]
    streams = [stream(c) for c, _ in laid]
    lalr = lalr_tree_parser()
    pairs = list(zip(texts, norms, strict=True))
    fns: dict[str, Callable[[], object]] = {
        "floor": lambda: [floor(t) for _, t in texts],
        "normalise": lambda: [normalise(t) for _, t in texts],
        "flattened reader (detector)": lambda: [flat(t, n) for (_, t), n in pairs],
        "pdftext.chunks (detector)": lambda: [pdftext.chunks(t, n) for (_, t), n in pairs],
        "line layouts (chunks_from_text)": lambda: [chunks_from_text(n.text) for n in norms],
        "labelmatch.place_labels": lambda: [labelmatch.place_labels(list(c), t, n)
                                            for c, ((_, t), n) in zip(raw_chunks, pairs, strict=True)],
        "Lark LALR alone (lex + parse tree, no transformer)": lambda: [lalr.parse(x) for x in streams],
        "parse_chunks (Lark + inline transformer + metadata), no validation":
            lambda: [parse_chunks(t, c, norm=n, extra_diagnostics=d, validate=False)
                     for (_, t), n, (c, d) in zip(texts, norms, laid, strict=True)],
        "validate": lambda: [validate(r) for r in reports],
        "whole parse + validate": lambda: [ours(name, t) for name, t in texts],
    }
    t = interleaved(fns, rounds)
    return {k: min(v) for k, v in t.items()}


def stage_table(r: dict[str, Any]) -> str:
    st = r["stages"]
    fl = st["floor"]
    lines = ["| stage (whole text corpus) | time | × floor |", "|---|---|---|"]
    for k, v in st.items():
        lines.append(f"| {k} | {fmt_time(v)} | {v / fl:.1f}× |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------
# timing
# ------------------------------------------------------------------------------------------


def interleaved(fns: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """CPU seconds of this thread per round of each function, the functions taking turns round by
    round (thread time, not wall clock: on a loaded machine waiting for a core is not our cost)."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    for f in fns.values():  # warm-up: lazy builds, caches, imports
        f()
    for _ in range(rounds):
        for k, f in fns.items():
            t0 = time.thread_time()
            f()
            times[k].append(time.thread_time() - t0)
    return times


def cold(argv: Sequence[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def fmt_time(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import lark

    import govinfo_parse

    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " + uncommitted changes in the work tree" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    return {
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "lark": lark.__version__,
        "govinfo_parse": govinfo_parse.__version__, "commit": commit,
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


# ------------------------------------------------------------------------------------------
# the table
# ------------------------------------------------------------------------------------------


def measure(rounds: int, cold_runs: int, *, log: Callable[[str], None]) -> dict[str, Any]:
    import govinfo_parse

    result: dict[str, Any] = {"machine_before": machine(), "rounds": rounds}
    texts = text_corpus()
    chars = sum(len(t) for _, t in texts)

    # (a) the floor, over the whole text corpus, and per file
    log(f"(a) floor: {len(texts)} files, {chars} characters")
    t = interleaved({
        "floor": lambda: [floor(x) for _, x in texts],
        "ours": lambda: [ours(n, x) for n, x in texts],
    }, rounds)
    per_file = []
    for name, text in texts:
        ft = interleaved({"floor": lambda text=text: floor(text),
                          "ours": lambda name=name, text=text: ours(name, text)}, rounds)
        per_file.append({"file": name, "chars": len(text), "floor": min(ft["floor"]), "ours": min(ft["ours"]),
                         "cells": len(govinfo_parse.to_records(ours(name, text)))})
    result["floor"] = {"files": len(texts), "chars": chars, "floor": min(t["floor"]), "ours": min(t["ours"]),
                       "floor_median": statistics.median(t["floor"]), "ours_median": statistics.median(t["ours"]),
                       "per_file": per_file}

    # (b) Earley vs LALR on the same chunk streams (parse trees only)
    log("(b) Earley vs LALR on the same chunk streams")
    streams = [chunk_stream(x) for _, x in texts]
    lalr, earley = lalr_tree_parser(), earley_parser()
    same = all(lalr.parse(s) == earley.parse(s) for s in streams)
    e_rounds = max(2, rounds // 5)
    t = interleaved({
        "lalr": lambda: [lalr.parse(s) for s in streams],
        "earley": lambda: [earley.parse(s) for s in streams],
    }, e_rounds)
    result["earley"] = {"lalr": min(t["lalr"]), "earley": min(t["earley"]), "identical_trees": same,
                        "rounds": e_rounds, "ours_full": result["floor"]["ours"]}

    # (c) HTML against pandas.read_html
    page = CORPUS / "real" / HTML_PAGE
    why = have_read_html()
    if why is None and page.exists():
        log("(c) HTML against pandas.read_html")
        html = page.read_text(encoding="utf-8")
        t = interleaved({
            "read_html": lambda: read_html_tables(html),
            "ours": lambda: ours(HTML_PAGE, html),
            "floor": lambda: floor(html),
        }, rounds)
        rep = ours(HTML_PAGE, html)
        result["html"] = {"page": HTML_PAGE, "bytes": page.stat().st_size, "read_html": min(t["read_html"]),
                          "ours": min(t["ours"]), "floor": min(t["floor"]),
                          "tables_read_html": len(read_html_tables(html)),
                          "cells_ours": len(govinfo_parse.to_records(rep)), "kind": rep.source.kind}
    else:
        result["html"] = {"skipped": why or f"{page} is missing"}

    # (d) scaling: each size timed in turn with the 1× input, so both see the same load
    log("(d) scaling 1×/10×/100×")
    base = (CORPUS / "seeds" / SCALE_SEED).read_text(encoding="utf-8")
    sizes: dict[int, dict[str, float]] = {}
    for k, r in ((10, max(3, rounds // 3)), (100, 3)):
        big = "\n".join([base] * k)
        tk = interleaved({"1": lambda: ours(SCALE_SEED, base), "k": lambda big=big: ours(SCALE_SEED, big)}, r)
        sizes[k] = {"chars": len(big), "ours": min(tk["k"]), "one": min(tk["1"])}
    result["scaling"] = {"seed": SCALE_SEED, "sizes": sizes}

    # stages of the text pipeline, over the same corpus (where the time goes)
    log("stages")
    result["stages"] = stage_times(texts, rounds)

    # (e) cold start
    log("(e) cold start")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True, capture_output=True)
    seed = CORPUS / "seeds" / SCALE_SEED
    ours_cmd = [sys.executable, "-c",
                f"import govinfo_parse; govinfo_parse.parse(open({str(seed)!r}, encoding='utf-8').read())"]
    deps_cmd = [sys.executable, "-c", "import lark, attrs"]
    bare_cmd = [sys.executable, "-c", "pass"]
    cs: dict[str, list[float]] = {"ours": [], "deps": [], "bare": []}
    for _ in range(cold_runs):
        cs["ours"] += cold(ours_cmd, 1)
        cs["deps"] += cold(deps_cmd, 1)
        cs["bare"] += cold(bare_cmd, 1)
    result["cold"] = {k: statistics.median(v) for k, v in cs.items()} | {"runs": cold_runs}
    result["machine_after"] = machine()
    return result


def table(r: dict[str, Any]) -> str:
    """The ratio table in Markdown."""
    lines = ["| comparison | ours | reference | ratio | target |", "|---|---|---|---|---|"]
    f = r["floor"]
    lines.append(f"| (a) parse + validate vs NFKC+splitlines, whole text corpus ({f['files']} files, "
                 f"{f['chars']:,} chars) | {fmt_time(f['ours'])} | {fmt_time(f['floor'])} | "
                 f"**{f['ours'] / f['floor']:.1f}×** | ≤ 5× |")
    e = r["earley"]
    same = "identical trees" if e["identical_trees"] else "TREES DIFFER"
    lines.append(f"| (b) Earley (dynamic lexer) vs our LALR, same chunk streams, trees only ({same}) | "
                 f"{fmt_time(e['lalr'])} | {fmt_time(e['earley'])} | "
                 f"LALR **{e['earley'] / e['lalr']:.0f}×** faster | — |")
    lines.append(f"| (b′) Earley tree vs our full parse + validate of the same texts | {fmt_time(e['ours_full'])} | "
                 f"{fmt_time(e['earley'])} | ours **{e['earley'] / e['ours_full']:.0f}×** faster | — |")
    h = r["html"]
    if "skipped" in h:
        lines.append(f"| (c) HTML vs pandas.read_html | — | — | skipped: {h['skipped']} | faster |")
    else:
        lines.append(f"| (c) HTML to a validated report vs pandas.read_html, {h['page']} ({h['bytes']:,} B; "
                     f"ours: {h['cells_ours']} cells, kind {h['kind']}; "
                     f"read_html: {h['tables_read_html']} raw tables) | "
                     f"{fmt_time(h['ours'])} | {fmt_time(h['read_html'])} | "
                     f"**{h['ours'] / h['read_html']:.2f}×** | < 1× |")
    s = r["scaling"]["sizes"]
    for k in (10, 100):
        lines.append(f"| (d) scaling: {k}× {r['scaling']['seed']} ({s[k]['chars']:,} chars) vs 1× | "
                     f"{fmt_time(s[k]['ours'])} | {fmt_time(s[k]['one'])} | "
                     f"**{s[k]['ours'] / s[k]['one']:.1f}×** | ≤ {k * 1.1:.0f}× |")
    c = r["cold"]
    lines.append(f"| (e) cold start: import + parse a seed vs `import lark, attrs` (median of {c['runs']}; "
                 f"bare `python -c pass` {fmt_time(c['bare'])}) | {fmt_time(c['ours'])} | {fmt_time(c['deps'])} | "
                 f"**{c['ours'] / c['deps']:.1f}×** | — |")
    return "\n".join(lines)


def per_file_table(r: dict[str, Any]) -> str:
    lines = ["| file | chars | cells | floor | ours | ratio |", "|---|---|---|---|---|---|"]
    for p in r["floor"]["per_file"]:
        lines.append(f"| {p['file']} | {p['chars']:,} | {p['cells']} | {fmt_time(p['floor'])} | "
                     f"{fmt_time(p['ours'])} | {p['ours'] / p['floor']:.1f}× |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Print the ratio table (see the module docstring).")
    ap.add_argument("--rounds", type=int, default=15, help="timed rounds per comparison (default 15)")
    ap.add_argument("--cold", type=int, default=10, help="fresh processes per cold-start command (default 10)")
    ap.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    r = measure(args.rounds, args.cold, log=lambda m: print(m, file=sys.stderr))
    m0, m1 = r["machine_before"], r["machine_after"]
    print(f"machine: {m0['cpu']}, {m0['cores']} cores; Python {m0['python']}, lark {m0['lark']}, "
          f"govinfo_parse {m0['govinfo_parse']} at {m0['commit']}")
    if m0["load"] and m1["load"]:
        print(f"load average (1 min) {m0['load'][0]:.2f} before, {m1['load'][0]:.2f} after")
    print()
    print(table(r))
    print()
    print(per_file_table(r))
    print()
    print(stage_table(r))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
