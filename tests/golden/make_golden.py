"""Regenerate the golden directories: one per input family and source, each a reviewed artefact.

    python tests/golden/make_golden.py

Layout: ``tests/golden/<reader>/<name>/`` where ``<reader>`` is the reader that read the source
(``report.source.reader``: ``text``, ``markdown``, ``html``, ``pdf-text``, ``flattened`` … as in
``govinfo_parse.readers.READERS``, or a binary reader, ``pdf-geometry``, ``docx``), holding

- ``SOURCE``: the path of a corpus file relative to ``../shared/corpus`` (corpus files are read
  in place, never copied), or ``source.<ext>``: a synthetic source made by this script (a
  constructed report of ``tests/ast_samples.py`` rendered in one layout);
- ``stream.tsv``: the chunk stream the grammar reads (for a PDF or Word file, the stream of the
  text its binary reader made), one chunk per line (index, start, end, text) — what
  the grammar reads;
- ``ast.json``: the whole AST (``govinfo_parse.to_dict``, positions included);
- ``cells.tsv``: every value cell, one per line (table, item, row, column, raw, value, unit,
  state, line) — the file a reviewer reads against the source.

Review the diff by hand before committing: the golden files are the expectations
(tests/test_golden.py re-parses every source and compares).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
SHARED = HERE.parents[2] / "shared"
CORPUS = SHARED / "corpus"
COLUMNS = ("table", "item", "row", "column", "raw", "value", "unit", "state", "line")
CORPUS_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".md")
SYNTHETIC_LAYOUTS = {"text": "txt", "lines": "txt", "tabs": "txt", "pipes": "txt", "markdown": "md", "html": "html"}


def cells_tsv(report: object) -> str:
    """Every value cell of a report as TSV (the reviewed table)."""
    import govinfo_parse

    lines = ["\t".join(COLUMNS)]
    for rec in govinfo_parse.to_records(report):  # type: ignore[arg-type]
        lines.append("\t".join("" if rec[c] is None else str(rec[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def golden_json(report: object) -> str:
    """The AST as indented JSON."""
    import govinfo_parse

    data = govinfo_parse.to_dict(report)  # type: ignore[arg-type]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_stream(data: bytes, filename: str) -> object:
    """The chunk stream the grammar reads for a file's bytes, as ``parse_bytes`` makes it (a PDF
    or Word file: the text its binary reader made, read by the text reader)."""
    from govinfo_parse import readers
    from govinfo_parse.decode import decode_bytes
    from govinfo_parse.readers import docx, pdf

    kind = readers.detect_kind(data, filename)
    if kind == "docx":
        return readers.read(readers.Input(docx.read_docx(data)[0], "text", filename), reader="text")
    if kind == "pdf":
        try:
            return readers.read(readers.Input(pdf.read_geometry(data).text, "text", filename), reader="text")
        except ValueError:
            text = pdf.pdf_text(data)
    else:
        text = decode_bytes(data).text
        if kind in ("text", "markdown"):
            kind = readers.detect_kind(text, filename)
    return readers.read(readers.Input(text, kind, filename))


def stream_tsv(stream: object) -> str:
    """A chunk stream as TSV: index, start, end, text (markers shown as they are)."""
    lines = ["i\tstart\tend\ttext"]
    for i, c in enumerate(stream.chunks):  # type: ignore[attr-defined]
        lines.append(f"{i}\t{c.start}\t{c.end}\t{c.text}")
    return "\n".join(lines) + "\n"


def parse_source(data: bytes, filename: str) -> object:
    """The report of a golden source, as the user's ``parse_bytes`` gives it."""
    import govinfo_parse

    return govinfo_parse.parse_bytes(data, filename=filename)


def source_of(d: Path) -> tuple[bytes, str] | None:
    """(bytes, file name) of a golden directory's source; None when it is a corpus file that is
    not here."""
    ref = d / "SOURCE"
    if ref.is_file():
        p = CORPUS / ref.read_text(encoding="utf-8").strip()
        return (p.read_bytes(), p.name) if p.is_file() else None
    for p in sorted(d.glob("source.*")):
        return p.read_bytes(), p.name
    raise FileNotFoundError(f"{d} has neither SOURCE nor source.*")


def write(d: Path, data: bytes, filename: str) -> str:
    """Write the expectations of one source into ``d``; returns the reader that read it."""
    stream = read_stream(data, filename)
    report = parse_source(data, filename)
    reader = str(report.source.reader)  # type: ignore[attr-defined]
    d.mkdir(parents=True, exist_ok=True)
    (d / "stream.tsv").write_text(stream_tsv(stream), encoding="utf-8")
    (d / "ast.json").write_text(golden_json(report), encoding="utf-8")
    (d / "cells.tsv").write_text(cells_tsv(report), encoding="utf-8")
    return reader


def _place(name: str, data: bytes, filename: str, staging: Path) -> Path:
    """Write into a staging directory, then move it under its reader's folder."""
    tmp = staging / name
    reader = write(tmp, data, filename)
    final = HERE / reader / name
    if final.exists():
        shutil.rmtree(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(tmp), str(final))
    return final


def main() -> int:
    sys.path.insert(0, str(TESTS))
    import ast_samples
    import govinfo_parse

    for d in list(HERE.iterdir()):
        if d.is_dir() and d.name not in ("__pycache__", "legacy"):  # legacy/: reviewed by hand (issue 17)
            shutil.rmtree(d)
    staging = HERE / ".staging"
    staging.mkdir(exist_ok=True)
    samples = {"2019": ast_samples.sample_report("2019"), "2021": ast_samples.sample_report("2021"),
               "legacy": ast_samples.legacy_report()}
    for fmt, report in samples.items():
        for layout, ext in SYNTHETIC_LAYOUTS.items():
            name = f"synthetic-{fmt}-{layout}"
            text = govinfo_parse.render(report, layout=layout)
            tmp = staging / name
            tmp.mkdir(parents=True, exist_ok=True)
            (tmp / f"source.{ext}").write_text(text, encoding="utf-8")
            final = _place(name, text.encode("utf-8"), f"source.{ext}", staging)
            print("wrote", final.relative_to(HERE))
    if CORPUS.is_dir():
        for p in sorted(CORPUS.rglob("*")):
            if p.suffix not in CORPUS_SUFFIXES or p.name == "README.md" or not p.is_file():
                continue
            rel = p.relative_to(CORPUS)
            name = f"{rel.parts[0]}-{p.name}"
            tmp = staging / name
            tmp.mkdir(parents=True, exist_ok=True)
            (tmp / "SOURCE").write_text(str(rel) + "\n", encoding="utf-8")
            final = _place(name, p.read_bytes(), p.name, staging)
            print("wrote", final.relative_to(HERE))
    else:
        print(f"no corpus at {CORPUS}: only the synthetic sources were written", file=sys.stderr)
    shutil.rmtree(staging)
    return 0


if __name__ == "__main__":
    sys.exit(main())
