"""Fuzz harness: inputs (corpus mutations, random bytes), entry points, and the invariants the
documentation states.

Every input is run through every entry point it applies to, and each (entry point, invariant)
pair that fails is recorded with a short signature (exception type, diagnostic code), so a long
run reports *kinds* of failure, not 10,000 copies of one.

Entry points and invariants (README.md, docs/architecture.md):

=================  ==========================================================================
``parse``          never raises; no internal error (P000); every printed character in a span;
                   ``loads(dumps(r)) == r``; ``check`` (validate + the compiler-style lines)
``parse strict``   raises nothing but :class:`ParseError`
``parse_bytes``    the same, with no file-name hint, with ``.html`` and with ``.pdf``
``render``         ``parse(render(r, layout)) == r`` for every layout (HTML modulo the
                   documented CJK white-space rule)
=================  ==========================================================================

A call that takes more than :data:`SLOW` seconds of CPU time is a failure of its own kind (``slow``): the
promise is linear time, and no report needs that long.

The harness is plain Python (no pytest, no Hypothesis), so the same code runs in the bounded
pytest slice (``tests/fuzz/test_fuzz.py``), in a long background run (``python -m tests.fuzz.run``)
and under atheris (``tests/fuzz/atheris_target.py``).
"""

from __future__ import annotations

import io
import random
import re
import signal
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

import govinfo_parse
from govinfo_parse import Cell, CellState, ParseError, Report, dumps, loads
from govinfo_parse.render import LAYOUTS, render
from span_coverage import outside, uncovered

SLOW = 10.0
"""Seconds of CPU time one call may take before it counts as a failure (the corpus files take
< 0.1 s)."""

HINTS: tuple[str | None, ...] = (None, "report.html", "report.pdf")

CJK = "一二三四五六七八九十总计公开申请政府信息情况本年新收予以部分不结转下年度继续办理行政复议诉讼第条项（）、。，"
TAGS = ("<div>", "</div>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<p>", "<br>", "<span>",
        "<h1>", "</h1>", "<body>", "<html>", "<!--", "-->", "<meta charset=\"gbk\">", "<script>", "&nbsp;",
        "&#x0;", "<td colspan=\"99999\">", "<td rowspan=\"0\">")


class Slow(BaseException):
    """Raised by the alarm: a BaseException so that no ``except Exception`` of the parser takes it."""


# ------------------------------------------------------------------------------------------
# inputs
# ------------------------------------------------------------------------------------------


def corpus_files(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    out: list[Path] = []
    for sub in ("seeds", "real", "wild"):
        out += sorted(p for p in (corpus / sub).glob("*")
                      if p.is_file() and p.suffix in (".txt", ".html", ".md", ".pdf") and p.name != "README.md")
    return out


def _rand_text(rng: random.Random, n: int) -> str:
    pick = rng.random()
    if pick < 0.3:
        return "".join(rng.choice(CJK) for _ in range(n))
    if pick < 0.5:
        return "".join(rng.choice("0123456789") for _ in range(n))
    if pick < 0.6:
        return "|" * n
    if pick < 0.7:
        return "\t" * n
    if pick < 0.8:
        return "".join(rng.choice(TAGS) for _ in range(max(1, n // 4)))
    if pick < 0.85:
        return "\x00" * n
    if pick < 0.9:
        return "".join(chr(rng.randrange(0xD800, 0xE000)) for _ in range(max(1, n // 8)))  # lone surrogates
    return "".join(chr(rng.randrange(0, 0x30000)) for _ in range(n))


def mutate_text(rng: random.Random, text: str) -> str:
    """A few line-level and character-level mutations of a report's text."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        if not lines:
            lines = [""]
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        op = rng.randrange(9)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(j, lines[i])
        elif op == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:  # insert a run of CJK / digits / pipes / tabs / tags / NUL / surrogates
            k = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + _rand_text(rng, rng.choice((1, 3, 10, 40))) + lines[i][k:]
        elif op == 4:  # a new line of such text
            lines.insert(i, _rand_text(rng, rng.choice((1, 5, 30))))
        elif op == 5:  # delete a few characters
            k = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + lines[i][k + rng.randint(1, 5):]
        elif op == 6:  # duplicate a block of lines
            k = rng.randint(1, 20)
            lines[j:j] = lines[i:i + k]
        elif op == 7:  # blank / tab-only lines
            lines[i:i] = [rng.choice(("", "\t", " ", "\t\t", "|"))] * rng.choice((1, 3, 30))
        else:  # cut at every twentieth
            lines = "\n".join(lines)[: len("\n".join(lines)) * rng.randint(1, 19) // 20].split("\n")
    return "\n".join(lines)


def to_bytes(rng: random.Random, text: str) -> bytes:
    """Text as bytes: UTF-8, GB18030, UTF-16 with a BOM, a BOM, mixed encodings, cut mid-character."""
    op = rng.randrange(8)
    utf8 = text.encode("utf-8", "surrogatepass")
    if op == 0:
        return text.encode("gb18030", "replace")
    if op == 1:
        return b"\xef\xbb\xbf" + utf8
    if op == 2:
        return text.encode("utf-16", "surrogatepass")
    if op == 3:  # mixed: a slice re-encoded as GB18030
        a = rng.randint(0, len(text))
        b = min(len(text), a + rng.randint(1, 200))
        return (text[:a].encode("utf-8", "surrogatepass") + text[a:b].encode("gb18030", "replace")
                + text[b:].encode("utf-8", "surrogatepass"))
    if op == 4 and len(utf8) > 1:  # cut mid-character (inside a multi-byte sequence if there is one)
        mids = [k for k in range(1, len(utf8)) if 0x80 <= utf8[k] < 0xC0]
        k = rng.choice(mids) if mids else rng.randrange(1, len(utf8))
        return utf8[:k]
    if op == 5 and utf8:  # cut at one of the twentieths
        return utf8[: len(utf8) * rng.randint(1, 19) // 20]
    if op == 6 and utf8:  # a few random bytes flipped
        b2 = bytearray(utf8)
        for _ in range(rng.randint(1, 8)):
            b2[rng.randrange(len(b2))] = rng.randrange(256)
        return bytes(b2)
    return utf8


def random_bytes(rng: random.Random) -> bytes:
    n = rng.choice((0, 1, 7, 64, 1000, 10000))
    kind = rng.randrange(4)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(n))
    if kind == 1:  # many NULs and control characters
        return bytes(rng.choice((0, 0, 0, 1, 2, 7, 8, 27, 127, 10)) for _ in range(n))
    if kind == 2:
        return b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(n))
    return b"<html><meta charset=\"" + rng.choice((b"gbk", b"undefined", b"punycode", b"utf-7", b"idna",
                                                   b"utf-16", b"rot13", b"x")) + b"\">" + bytes(
        rng.randrange(256) for _ in range(n))


@attrs.frozen
class Case:
    """One fuzz input: text for ``parse``, bytes for ``parse_bytes`` (either may be None)."""

    text: str | None
    data: bytes | None
    origin: str


def fragment(rng: random.Random, text: str) -> str:
    """A window of 1–40 consecutive lines of a report's text: a cheap input (parsing a whole
    report takes tens of milliseconds, a window a few) that still holds the report's headings,
    table rows and prose, cut anywhere."""
    lines = text.split("\n")
    k = rng.choice((1, 3, 10, 40))
    i = rng.randrange(len(lines))
    return "\n".join(lines[i:i + k])


def cases(seed: int, texts: Sequence[str], *, fragments: float = 0.0) -> Iterator[Case]:
    """An endless, reproducible stream of inputs (seed → the same inputs).  With ``fragments``
    > 0, that share of the inputs are mutated windows of the corpus (:func:`fragment`), cheap to
    parse; 0 gives the stream of earlier runs, input for input."""
    rng = random.Random(seed)
    n = 0
    while True:
        n += 1
        if fragments and texts and rng.random() < fragments:
            base = rng.randrange(len(texts))
            text = mutate_text(rng, fragment(rng, texts[base]))
            yield Case(text, to_bytes(rng, text), f"mutated fragment of corpus[{base}] #{n}")
            continue
        r = rng.random()
        if r < 0.75 and texts:
            base = rng.randrange(len(texts))
            text = mutate_text(rng, texts[base])
            yield Case(text, to_bytes(rng, text), f"mutated corpus[{base}] #{n}")
        elif r < 0.85:
            yield Case(None, random_bytes(rng), f"random bytes #{n}")
        else:
            t = "".join(_rand_text(rng, rng.choice((1, 5, 50))) + rng.choice(("\n", "", "\t", "|"))
                        for _ in range(rng.randint(1, 40)))
            yield Case(t, t.encode("utf-8", "surrogatepass"), f"random text #{n}")


# ------------------------------------------------------------------------------------------
# invariants
# ------------------------------------------------------------------------------------------


def without_cjk_spaces(report: Report) -> Report:
    from strategies import without_cjk_spaces as w

    return w(report)


@attrs.define
class Tally:
    """Counts: inputs per (entry point, invariant) and failures per signature."""

    tried: Counter[str] = attrs.field(factory=Counter)
    failed: Counter[str] = attrs.field(factory=Counter)
    examples: dict[str, str] = attrs.field(factory=dict)

    def ok(self, key: str) -> None:
        self.tried[key] += 1

    def fail(self, key: str, sig: str, case: Case, detail: str = "") -> None:
        self.tried[key] += 1
        full = f"{key}: {sig}"
        self.failed[full] += 1
        self.examples.setdefault(full, f"{case.origin}\n{detail}")


def _timed(fn: Callable[[], object]) -> object:
    """``fn()``, raising :class:`Slow` once it has used :data:`SLOW` seconds of CPU time (the
    process's, not the wall clock's: on a loaded machine under ``nice -n 19`` a 0.4 s parse can
    take more than 10 s of wall-clock time)."""
    def alarm(signum: int, frame: object) -> None:
        raise Slow()

    old = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, SLOW)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def _sig(e: BaseException) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    where = f"{Path(tb[-1].filename).name}:{tb[-1].name}" if tb else "?"
    return f"{type(e).__name__} in {where}"


def _p000(report: Report) -> str | None:
    for d in report.diagnostics:
        if d.code == "P000" or (d.code.startswith("I") and "internal" in d.message):
            return d.message[:120]
    return None


def check_lenient(key: str, tally: Tally, case: Case, run: Callable[[], Report],
                  text: str | None, *, round_trips: bool) -> Report | None:
    try:
        report = _timed(run)
    except Slow:
        tally.fail(key + " never raises", "slow", case)
        return None
    except Exception as e:
        tally.fail(key + " never raises", _sig(e), case, traceback.format_exc(limit=-3))
        return None
    assert isinstance(report, Report)
    tally.ok(key + " never raises")
    msg = _p000(report)
    if msg:
        tally.fail(key + " no internal error", msg.split(";")[0][:70], case, msg)
    else:
        tally.ok(key + " no internal error")
    if text is not None and report.source.kind != "html":  # a page's markup and chrome are no report text
        bad = outside(text, report)
        miss = [] if bad else [i for i, _ in uncovered(text, report)]
        if bad:
            tally.fail(key + " every character in a span", "span outside the text", case, repr(bad[0]))
        elif miss:
            tally.fail(key + " every character in a span", "uncovered", case,
                       repr(text[max(0, miss[0] - 20): miss[0] + 5]))
        else:
            tally.ok(key + " every character in a span")
    try:
        back = loads(dumps(report))
        if back != report:
            tally.fail("dumps/loads round trip", "differs", case)
        else:
            tally.ok("dumps/loads round trip")
    except Exception as e:
        tally.fail("dumps/loads round trip", _sig(e), case, traceback.format_exc(limit=-3))
    try:
        from govinfo_parse.commands.check import _print_file

        _print_file(io.StringIO(), "fuzz.txt", report, report.diagnostics)
        tally.ok("check output")
    except Exception as e:
        tally.fail("check output", _sig(e), case, traceback.format_exc(limit=-3))
    if round_trips and not msg:
        check_render(tally, case, report)
    return report


_UNDECIDED = frozenset({"F105", "F107", "F108"})
"""Flattened rows left undecided (``CellState.UNDECIDED``, the glued digits as the cell's raw
text) and cells a flattened reader inferred (``Cell.inferred``: a reading ranked first among
several) are printed by every layout as plain numbers — no layout has a syntax for "not sure" —
so they come back as decided cells: such reports are counted apart (see :func:`_uncertain`)."""


def _uncertain(report: Report) -> str | None:
    """``"undecided"`` when the report holds an undecided cell or an undecided-row diagnostic,
    ``"inferred"`` when it holds an inferred cell, else None: its round trips are expected to
    differ (:data:`_UNDECIDED`)."""
    if any(d.code in _UNDECIDED for d in report.diagnostics):
        return "undecided"
    inferred = False
    stack: list[object] = [report.preamble, report.sections]
    while stack:
        node = stack.pop()
        if isinstance(node, Cell):
            if node.state is CellState.UNDECIDED:
                return "undecided"
            inferred = inferred or node.inferred
        elif isinstance(node, tuple):
            stack.extend(node)
        elif attrs.has(type(node)):
            stack.extend(getattr(node, f.name) for f in attrs.fields(type(node))
                         if f.name not in ("span", "diagnostics", "source"))
    return "inferred" if inferred else None


_HTML_CANNOT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Characters an HTML parser drops or replaces (NUL, C0 controls): a report holding them cannot
come back the same from the HTML layout."""


def check_render(tally: Tally, case: Case, report: Report) -> None:
    for layout in LAYOUTS:
        key = f"parse(render(r, {layout})) == r"
        try:
            text = render(report, layout)
            if layout == "html":
                back = _timed(lambda t=text: govinfo_parse.parse_bytes(t.encode("utf-8", "surrogatepass"),  # type: ignore[misc]
                                                                       filename="r.html", validate=False))
                a, b = without_cjk_spaces(report), without_cjk_spaces(back)  # type: ignore[arg-type]
            else:
                back = _timed(lambda t=text: govinfo_parse.parse(t, validate=False))  # type: ignore[misc]
                a, b = report, back  # type: ignore[assignment]
            a = attrs.evolve(a, diagnostics=(), source=b.source)
            b = attrs.evolve(b, diagnostics=())
            if a != b:
                uncertain = _uncertain(report)
                if uncertain:
                    why = f"differs ({uncertain} flattened cells: expected)"
                elif layout == "html" and _HTML_CANNOT.search(text):
                    why = "differs (control characters HTML cannot carry: expected)"
                else:
                    why = "differs"
                tally.fail(key, why, case, _first_diff(a, b))
            else:
                tally.ok(key)
        except Slow:
            tally.fail(key, "slow", case)
        except Exception as e:
            tally.fail(key, _sig(e), case, traceback.format_exc(limit=-3))


def _first_diff(a: Report, b: Report) -> str:
    from strategies import first_difference

    try:
        return str(first_difference(a, b))[:300]
    except Exception:  # pragma: no cover
        return ""


def check_strict(key: str, tally: Tally, case: Case, run: Callable[[], object]) -> None:
    key += " raises only ParseError"
    try:
        _timed(run)
        tally.ok(key)
    except ParseError:
        tally.ok(key)
    except Slow:
        tally.fail(key, "slow", case)
    except Exception as e:
        tally.fail(key, _sig(e), case, traceback.format_exc(limit=-3))


def run_case(tally: Tally, case: Case, *, round_trips: bool = True) -> None:
    """Every entry point and invariant on one input."""
    if case.text is not None:
        t = case.text
        check_lenient("parse", tally, case, lambda: govinfo_parse.parse(t), t, round_trips=round_trips)
        check_strict("parse", tally, case, lambda: govinfo_parse.parse(t, strict=True))
    if case.data is not None:
        d = case.data
        for hint in HINTS:
            key = f"parse_bytes[{hint or 'no hint'}]"
            check_lenient(key, tally, case, lambda h=hint: govinfo_parse.parse_bytes(d, filename=h),  # type: ignore[misc]
                          None, round_trips=False)
            check_strict(key, tally, case, lambda h=hint: govinfo_parse.parse_bytes(d, filename=h, strict=True))  # type: ignore[misc]
