"""The visual check report (govinfo_parse.checkreport, ``check --format html``): the pages are
self-contained and escaped, the failing cells carry the highlight classes, and — in a real
browser, headless Chromium — the rendered DOM of hongze-gov-2023 (whose section 四 totals do
not add up) has its failing cells highlighted.  The browser test keeps a screenshot under
``tests/artifacts/`` (git-ignored); it fails under ``CI=true`` when Chromium is missing and is
skipped with the reason otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import govinfo_parse
from govinfo_parse.checkreport import batch_page, report_page, write_check_report

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
HONGZE = CORPUS / "real" / "hongze-gov-2023.pdf.txt"
ARTIFACTS = REPO / "tests" / "artifacts"
A4_CELLS = [f"reviews/{g}.{k}" for g in ("review", "suit_after_review")
            for k in ("upheld", "corrected", "other", "pending", "total")]


class Cells(HTMLParser):
    """The value cells of a page: data-cell key → classes; and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, list[str]] = {}
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            v = a.get(name)
            if v and not v.startswith("#") and not v.endswith(".html"):
                self.external.append(v)
        if tag == "td" and a.get("data-cell"):
            self.cells.setdefault(a["data-cell"] or "", (a.get("class") or "").split())


def cells_of(page: str) -> Cells:
    p = Cells()
    p.feed(page)
    return p


def test_failing_cells_are_highlighted() -> None:
    report = govinfo_parse.parse_file(HONGZE)
    page = report_page(str(HONGZE), report, source_text=HONGZE.read_text(encoding="utf-8"))
    parsed = cells_of(page)
    for key in A4_CELLS:
        assert "fail" in parsed.cells[key], key
    assert "culprit" in parsed.cells["reviews/review.total"]
    assert "fail" not in parsed.cells["reviews/suit_direct.total"]  # that group adds up
    assert "fail" not in parsed.cells["applications/new/natural_person"]
    assert parsed.scripts == 0 and parsed.external == []
    # each failing cell links to its line in the source listing, which exists on the page
    line = next(d.span.line for d in report.diagnostics if d.code == "A4" and d.span is not None)
    assert f'href="#L{line}"' in page and f'id="L{line}"' in page
    assert "行政复议总计不符" in page  # the diagnostic in words


def test_everything_is_escaped() -> None:
    text = ("<script>alert(1)</script>政府信息公开工作年度报告\n一、总体情况\n"
            "本机关<b onload=x>全年</b>收到申请 & 答复。\n")
    report = govinfo_parse.parse(text)
    page = batch_page([("<evil>.txt", report)], with_source=False)
    assert "<script>" not in page and "<b onload" not in page and "<evil>" not in page
    assert "&lt;script&gt;" in page and "&lt;evil&gt;.txt" in page


def test_overview_and_pages(tmp_path: Path, seeds_dir: Path) -> None:
    lost = tmp_path / "tables-lost.txt"  # a 2021 report whose tables did not survive (T102)
    lost.write_text("某某区某某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开政府信息。\n"
                    "二、主动公开政府信息情况\n（表格见附件）\n三、收到和处理政府信息公开申请情况\n（表格见附件）\n",
                    encoding="utf-8")
    files = [HONGZE, seeds_dir / "004_e66a2b34805dc888.txt", lost]
    reports = [(str(f), govinfo_parse.parse_file(f)) for f in files]
    written = write_check_report(reports, tmp_path / "out")
    assert written[0].name == "index.html" and len(written) == 4
    index = written[0].read_text(encoding="utf-8")
    for page in written[1:]:
        assert f'href="{page.name}"' in index
        assert 'href="index.html"' in page.read_text(encoding="utf-8")
    assert "洪泽区人民政府" in index and 'data-status="error"' in index  # the lost tables: T102
    assert "No statistics table was read" in written[3].read_text(encoding="utf-8")


@pytest.mark.slow
def test_check_format_html_cli(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "govinfo-parse"
    if not script.exists():
        pytest.skip("the govinfo-parse console script is not installed in this environment")
    one = subprocess.run([str(script), "check", "--format", "html", str(HONGZE)], capture_output=True,
                         text=True, check=False, timeout=300)
    assert one.returncode == 0 and one.stdout.startswith("<!DOCTYPE html>")
    assert all("fail" in cells_of(one.stdout).cells[k] for k in A4_CELLS)
    out = tmp_path / "site"
    many = subprocess.run([str(script), "check", "--format", "html", "--output", str(out), str(HONGZE)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert many.returncode == 0 and (out / "index.html").exists(), many.stderr
    bad = subprocess.run([str(script), "check", "--output", str(out), str(HONGZE)], capture_output=True,
                         text=True, check=False, timeout=300)
    assert bad.returncode == 2 and "--output is for --format html" in bad.stderr


# --------------------------------------------------------------------------------------------
# In a real browser
# --------------------------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("headless Chromium is required under CI (.ci/run installs Debian's chromium package)")
    pytest.skip("no chromium on PATH (install Debian's chromium package to run the browser test)")


def _browser(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, check=False, timeout=180)


@pytest.mark.slow
def test_rendered_in_chromium(tmp_path: Path) -> None:
    binary = _chromium()
    report = govinfo_parse.parse_file(HONGZE)
    page = tmp_path / "hongze.html"
    page.write_text(report_page(str(HONGZE), report, source_text=HONGZE.read_text(encoding="utf-8")),
                    encoding="utf-8")
    dom = _browser(binary, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    parsed = cells_of(dom.stdout)
    assert parsed.cells, "the browser's DOM has no value cells"
    for key in A4_CELLS:
        assert "fail" in parsed.cells[key], (key, parsed.cells.get(key))
    assert "culprit" in parsed.cells["reviews/suit_after_review.total"]
    assert "fail" not in parsed.cells["reviews/suit_direct.total"]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "check-report-hongze.png"
    shot.unlink(missing_ok=True)
    taken = _browser(binary, tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1400,2400",
                     page.as_uri())
    assert taken.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000, taken.stderr[-2000:]
