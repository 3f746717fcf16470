"""Benchmarks of the flattened-scrape decoder (issue 7).  No timed assertions: figures only.

    .venv/bin/python -m pytest benchmarks -k flattened --benchmark-only --benchmark-columns=min,median,max
    .venv/bin/python -m pytest benchmarks -k flattened --benchmark-disable -q   # once each, small inputs

Cases:

- ``pingtan``: the real flattened report (pingtan-gov-2025, ~7 KB; from ``../shared/corpus``);
- ``typical``: generated flattened reports of realistic size and numbers (2021 format, ~5 KB of
  prose, counts mostly 0 and small, a few in the hundreds), eight different reports per round;
- ``heavy``: the same with large counts in every column (rows of 30–40 digits, sums in the
  millions), the search's worst realistic case;
- ``parse``: the whole ``govinfo_parse.parse`` of a typical flattened report (decoder, grammar,
  transformer, validation);
- ``check_only``: the cheap test every plain-text input pays (a seed-like report that is not
  flattened).
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import govinfo_parse
from conftest import pedantic
from govinfo_parse.formats import labels as L
from govinfo_parse.normalise import Normalised, normalise

# tests/ for reader_helpers, appended: "conftest" stays this directory's
sys.path.append(str(Path(__file__).resolve().parents[1] / "tests"))
from reader_helpers import flat_chunks

_PROSE = ("我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
          "持续深化政务公开，及时发布权威政策信息并同步开展解读，有效保障群众知情权、参与权和监督权。")


def _counts(rng: random.Random, scale: int) -> int:
    r = rng.random()
    if r < 0.55:
        return 0
    if r < 0.8:
        return rng.randint(1, 9) * scale
    if r < 0.95:
        return rng.randint(10, 99) * scale
    return rng.randint(100, 999) * scale


def flattened_report(seed: int, scale: int = 1) -> str:
    """A 2021-format report whose body is one line, every table cell joined to the next."""
    rng = random.Random(seed)
    keys = [r.key for r in L.application_rows("2021")]
    results = [k for k in keys if k in L.RESULT_ROW_KEYS]
    m = {k: [_counts(rng, scale) for _ in range(6)] for k in results}
    total = [sum(m[k][j] for k in results) for j in range(6)]
    carried = [rng.randint(0, 9) * scale for _ in range(6)]
    forward = [rng.randint(0, 9) * scale for _ in range(6)]
    carried = [min(c, t + f) for c, t, f in zip(carried, total, forward, strict=True)]
    m.update(total=total, carried_over=carried, carried_forward=forward,
             new=[t + f - c for c, t, f in zip(carried, total, forward, strict=True)])
    app = {k: [*v, sum(v)] for k, v in m.items()}
    review: list[int] = []
    for _ in range(3):
        g = [_counts(rng, scale) for _ in range(4)]
        review += [*g, sum(g)]
    parts = ["标题: 某某区2025年度政府信息公开工作年度报告\n发布时间: 2026-01-20 10:00\n",
             "本报告所列数据统计期限为2025年1月1日至2025年12月31日。一、总体情况 " + _PROSE * 3]
    for n in range(1, 6):
        parts.append(f"（{L.numeral_text(n)}）工作方面。" + _PROSE * 2)
    parts.append("二、主动公开政府信息情况")
    for item in L.proactive_items("2021"):
        parts.append(item.label + "信息内容" + "".join(c.label for c in item.columns))
        for r in item.rows:
            parts.append(r.label + "".join(str(_counts(rng, scale)) for _ in item.columns))
    parts.append("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
                 "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
    seen: set[str] = set()
    for r in L.application_rows("2021"):
        if r.group is not None and r.group not in seen:
            seen.add(r.group)
            parts.append(L.APPLICATION_GROUPS[r.group])
        parts.append(r.label + "".join(str(v) for v in app[r.key]))
    parts.append("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
                 "未经复议直接起诉复议后起诉" + "结果维持结果纠正其他结果尚未审结总计" * 3
                 + "".join(str(v) for v in review))
    parts.append("五、存在的主要问题及改进情况 " + _PROSE * 2 + "六、其他需要报告的事项 无收取信息处理费情况。\n")
    return "".join(parts)


def _prepared(texts: Sequence[str]) -> list[tuple[str, Normalised]]:
    return [(t, normalise(t)) for t in texts]


def _decode_all(cases: Sequence[tuple[str, Normalised]]) -> int:
    n = 0
    for text, norm in cases:
        got = flat_chunks(text, norm)
        assert got is not None
        n += len(got[0])
    return n


def test_pingtan(benchmark: Any, corpus: Path, quick: bool) -> None:
    text = (corpus / "real" / "pingtan-gov-2025.txt").read_text(encoding="utf-8")
    pedantic(benchmark, _decode_all, _prepared([text]), quick=quick)


def test_typical(benchmark: Any, quick: bool) -> None:
    cases = _prepared([flattened_report(seed) for seed in range(1 if quick else 8)])
    benchmark.extra_info["reports"] = len(cases)
    benchmark.extra_info["kb_per_report"] = round(sum(len(t.encode()) for t, _ in cases) / len(cases) / 1024, 1)
    pedantic(benchmark, _decode_all, cases, quick=quick)


def test_heavy(benchmark: Any, quick: bool) -> None:
    cases = _prepared([flattened_report(seed, scale=1237) for seed in range(1 if quick else 8)])
    benchmark.extra_info["reports"] = len(cases)
    benchmark.extra_info["longest_run"] = max(len(r) for t, _ in cases for r in re.findall(r"\d+", t))
    pedantic(benchmark, _decode_all, cases, rounds=5, quick=quick)


def test_parse(benchmark: Any, quick: bool) -> None:
    text = flattened_report(0)
    govinfo_parse.parse(text)  # build the grammar outside the timing
    report = pedantic(benchmark, govinfo_parse.parse, text, quick=quick)
    assert report.applications is not None


def test_check_only(benchmark: Any, quick: bool) -> None:
    lines = ["某某局2022年政府信息公开工作年度报告", "一、总体情况", _PROSE * 20, "三、收到和处理政府信息公开申请情况"]
    lines += [f"{r.label} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" for r in L.application_rows("2021")]
    text = "\n".join(lines)
    norm = normalise(text)
    assert flat_chunks(text, norm) is None
    pedantic(benchmark, flat_chunks, text, norm, rounds=200, quick=quick)


