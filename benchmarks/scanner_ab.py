"""Lark's own scanner against the first-characters scanner, in one process, rounds interleaved.

    python benchmarks/scanner_ab.py [--rounds 12]

Both parsers come from the same cached LALR tables and the same transformer; one keeps Lark's
``Scanner``, the other is the factory's (``govinfo_parse.grammar.scanner``).  Rows: Lark alone
(parse trees of the text corpus's chunk streams), the text corpus parsed + validated (× the NFKC
floor) and the HTML page (× ``pandas.read_html``).  Thread CPU time, best round.
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import ratios

import govinfo_parse.api as api
from govinfo_parse.formats.grammar_file import build_tables, cached, load_tables
from govinfo_parse.grammar import lark_parser
from govinfo_parse.transform.transformer import ReportTransformer


def main() -> None:
    """Print the comparison (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=12)
    rounds = ap.parse_args().rounds
    texts = ratios.text_corpus()
    html = (ratios.CORPUS / "real" / ratios.HTML_PAGE).read_text(encoding="utf-8")
    streams = [ratios.chunk_stream(t) for _, t in texts]
    ours, ref = lark_parser(), load_tables(cached("lalr", build_tables), transformer=ReportTransformer())
    ours_tree, ref_tree = lark_parser(with_transformer=False), load_tables(cached("lalr", build_tables))

    def full(parser: Any, what: str) -> None:
        api.lark_parser = lambda: parser  # type: ignore[assignment]
        if what == "text":
            [api.parse_text(t, filename=n) for n, t in texts]
        else:
            api.parse_text(html, filename=ratios.HTML_PAGE)

    fns: dict[str, Callable[[], object]] = {
        "floor": lambda: [unicodedata.normalize("NFKC", t).splitlines() for _, t in texts],
        "read_html": lambda: ratios.read_html_tables(html),
        "lark alone, Lark's scanner": lambda: [ref_tree.parse(s) for s in streams],
        "lark alone, ours": lambda: [ours_tree.parse(s) for s in streams],
        "text, Lark's scanner": lambda: full(ref, "text"),
        "text, ours": lambda: full(ours, "text"),
        "html, Lark's scanner": lambda: full(ref, "html"),
        "html, ours": lambda: full(ours, "html"),
    }
    for f in fns.values():
        f()
    best = {k: float("inf") for k in fns}
    for _ in range(rounds):
        for k, f in fns.items():
            t0 = time.thread_time()
            f()
            best[k] = min(best[k], time.thread_time() - t0)
    api.lark_parser = lark_parser
    fl, rh = best["floor"], best["read_html"]
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}")
    print("| row | Lark's scanner | first-characters scanner | ratio |\n|---|---|---|---|")
    for row, ref_k, ours_k, unit, base in (
            ("Lark alone (trees), × floor", "lark alone, Lark's scanner", "lark alone, ours", "×", fl),
            ("text corpus parse + validate, × floor", "text, Lark's scanner", "text, ours", "×", fl),
            ("HTML page, × read_html", "html, Lark's scanner", "html, ours", "×", rh)):
        a, b = best[ref_k] / base, best[ours_k] / base
        print(f"| {row} | {a:.2f}{unit} | {b:.2f}{unit} | {b / a:.2f} |")


if __name__ == "__main__":
    main()
