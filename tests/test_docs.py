"""The documentation's examples run, and the documentation site builds.

Rules for code blocks in ``README.md`` and ``docs/*.md`` (enforced here):

- A fenced ``python`` (or ``py``) block is executed.  The blocks of one page run in order in one
  namespace, so a page can build its example up step by step; put ``assert`` lines in them to
  state what the reader should see.
- A fenced ``pycon`` block (``>>>`` prompts) is run as a doctest in the same namespace.
- A fenced ``console`` block is a shell session: every line starting with ``$ `` is run with
  bash (the ``govinfo-parse`` of this Python on the ``PATH``), and the lines after it are its
  expected output (stdout and stderr together; a line ``...`` matches any number of lines, a
  line ending in ``...`` any line with that beginning; no lines means the output is not checked).
  The command must exit 0 unless it ends in a comment such as ``# exit status 1``.
- A block that is illustrative only is marked by an HTML comment on the line(s) before it:
  ``<!-- not-run: <why> -->``.  The reason is required.  Other languages (``bash``, ``text``,
  ``json`` …) are shown, not run.

Pages run in a scratch "checkout": a temporary directory with the repository's top-level files
linked into it and ``../shared`` next to it, so examples use the corpus the way a reader in a
checkout would (``../shared/corpus/seeds/…``) and whatever they write stays out of the
repository.  A block that mentions ``../shared`` needs the corpus: without it the page is
skipped from that block on (with the reason), and under ``CI=true`` that is a failure.
"""

from __future__ import annotations

import difflib
import doctest
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED, require_shared

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]

PYTHON = {"python", "py", "python3"}
PYCON = {"pycon"}
CONSOLE = {"console"}
RUN = PYTHON | PYCON | CONSOLE

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
_MARK = re.compile(r"<!--\s*not-run\s*(?::\s*(?P<reason>.*?))?\s*-->")
_EXIT = re.compile(r"#\s*exit(?:\s+status|\s+code)?\s+(\d+)\s*$")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    """1-based line of the first line of code (after the opening fence)."""
    lang: str
    code: str
    not_run: str | None
    """The reason given by a ``<!-- not-run: … -->`` marker, else None."""

    @property
    def where(self) -> str:
        path = self.path.relative_to(REPO) if self.path.is_relative_to(REPO) else self.path
        return f"{path}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, with their not-run markers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    pending: str | None = None
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            mark = _MARK.search(lines[i])
            if mark:
                pending = (mark.group("reason") or "").strip()
            elif lines[i].strip():
                pending = None  # a marker applies only to the block right after it
            i += 1
            continue
        indent, fence = m.group("indent"), m.group("fence")
        info = m.group("info").strip()
        lang = info.split()[0].lstrip("{.").rstrip("}").lower() if info else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            close = lines[j].strip()
            if close.startswith(fence[0] * len(fence)) and set(close) == {fence[0]}:
                break
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        out.append(Block(path, i + 2, lang, "\n".join(body) + "\n", pending))
        pending = None
        i = j + 1
    return out


def _needs_shared(block: Block) -> bool:
    return "../shared" in block.code


@contextmanager
def _chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def scratch_checkout(tmp: Path) -> Path:
    """``tmp/checkout`` with the repository's top-level entries linked in, ``tmp/shared`` → corpus."""
    checkout = tmp / "checkout"
    checkout.mkdir(parents=True)
    for entry in REPO.iterdir():
        if entry.name in {".git", ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "site", "dist"}:
            continue
        (checkout / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    if (SHARED / "corpus").is_dir():
        (tmp / "shared").symlink_to(SHARED, target_is_directory=True)
    return checkout


def _run_python(block: Block, ns: dict[str, Any]) -> None:
    # pad with blank lines so tracebacks give the line in the Markdown file
    code = compile("\n" * (block.line - 1) + block.code, str(block.path), "exec")
    try:
        exec(code, ns)
    except Exception:
        failure = traceback.format_exc()
    else:
        return
    pytest.fail(f"example at {block.where} failed:\n{failure}", pytrace=False)


def _run_pycon(block: Block, ns: dict[str, Any]) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, ns, block.where, str(block.path), block.line - 1)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    runner.run(test, out=report.write, clear_globs=False)
    if runner.failures:
        pytest.fail(f"doctest at {block.where} failed:\n{report.getvalue()}", pytrace=False)


def console_commands(block: Block) -> list[tuple[str, list[str], int]]:
    """(command, expected output lines, expected exit status) for each ``$`` line of a block."""
    out: list[tuple[str, list[str], int]] = []
    lines = block.code.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            raise AssertionError(f"{block.where}: output before the first '$ ' command: {line!r}")
        cmd = line[2:]
        while cmd.endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd = cmd[:-1] + lines[i]
        m = _EXIT.search(cmd)
        status = int(m.group(1)) if m else 0
        expected: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i].rstrip())
            i += 1
        out.append((cmd, expected, status))
    return out


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """``...`` alone matches any number of lines; a line ending in ``...`` matches by prefix."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(output_matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    line = actual[0]
    ok = line.startswith(head[:-3]) if head.endswith("...") else line == head
    return ok and output_matches(rest, actual[1:])


def _run_console(block: Block) -> None:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    for cmd, expected, status in console_commands(block):
        p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, encoding="utf-8", env=env,
                           timeout=300)
        actual = [ln.rstrip() for ln in (p.stdout + p.stderr).splitlines()]
        if p.returncode != status:
            pytest.fail(f"{block.where}: `{cmd}` exited {p.returncode}, the page says {status}\n"
                        f"{p.stdout}{p.stderr}", pytrace=False)
        if expected and not output_matches(expected, actual):
            pytest.fail(f"{block.where}: `{cmd}` printed\n" + "\n".join(actual)
                        + "\n\nbut the page shows\n" + "\n".join(expected), pytrace=False)


def run_page(path: Path, tmp: Path) -> int:
    """Run every runnable block of a page; return how many ran."""
    checkout = scratch_checkout(tmp)
    ns: dict[str, Any] = {"__name__": "__docs__"}
    ran = 0
    with _chdir(checkout), redirect_stdout(io.StringIO()):
        for block in blocks(path):
            if block.lang not in RUN or block.not_run is not None:
                continue
            if _needs_shared(block):
                require_shared()
            if block.lang in PYTHON:
                _run_python(block, ns)
            elif block.lang in PYCON:
                _run_pycon(block, ns)
            else:
                _run_console(block)
            ran += 1
    return ran


# ---------------------------------------------------------------------------------------------
# The examples
# ---------------------------------------------------------------------------------------------

RUNNABLE_PAGES = [p for p in PAGES if any(b.lang in RUN and b.not_run is None for b in blocks(p))]


@pytest.mark.parametrize("page", RUNNABLE_PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    assert run_page(page, tmp_path) > 0


def test_examples_are_found() -> None:
    """The pages that must carry runnable examples do (the extractor is not silently blind)."""
    names = {p.relative_to(REPO).as_posix() for p in RUNNABLE_PAGES}
    assert {"README.md", "docs/index.md", "docs/tutorial.md"} <= names
    tutorial = [b for b in blocks(DOCS / "tutorial.md") if b.lang in RUN]
    assert sum(b.lang in PYTHON for b in tutorial) >= 8
    assert any(b.lang in CONSOLE for b in tutorial)


def test_not_run_markers_give_a_reason_and_mark_a_block() -> None:
    problems: list[str] = []
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        marked = {b.line for b in blocks(page) if b.not_run is not None}
        for b in blocks(page):
            if b.not_run is not None and not b.not_run:
                problems.append(f"{b.where}: a not-run marker needs a reason (<!-- not-run: why -->)")
        for n, line in enumerate(lines, 1):
            if _MARK.search(line):
                # the next non-blank line must open a code block
                k = n
                while k < len(lines) and not lines[k].strip():
                    k += 1
                if k >= len(lines) or not _FENCE.match(lines[k]) or (k + 2) not in marked:
                    problems.append(f"{page.relative_to(REPO)}:{n}: a not-run marker not followed by a code block")
    assert not problems, "\n".join(problems)


def test_python_blocks_are_marked_python() -> None:
    """An unlabelled fence holding Python-looking code would escape the runner."""
    suspicious = [b.where for p in PAGES for b in blocks(p)
                  if b.lang == "" and re.search(r"^\s*(import |from \S+ import |>>> )", b.code, re.M)]
    assert not suspicious, f"label these blocks ```python (or mark them not-run): {suspicious}"


# --- the extractor itself ---------------------------------------------------------------------


def test_extractor_reads_fences_markers_and_indented_blocks(tmp_path: Path) -> None:
    md = tmp_path / "page.md"
    md.write_text(
        "# t\n\n```python\nx = 1\n```\n\n<!-- not-run: needs a network -->\n\n```python\nfetch()\n```\n\n"
        "!!! note\n\n    ```py\n    y = x + 1\n    ```\n\n~~~~console\n$ echo hi\nhi\n~~~~\n\n"
        "<!-- not-run: stale -->\ntext between\n```python\nz = 3\n```\n",
        encoding="utf-8",
    )
    got = [(b.line, b.lang, b.code, b.not_run) for b in blocks(md)]
    assert got == [
        (4, "python", "x = 1\n", None),
        (10, "python", "fetch()\n", "needs a network"),
        (16, "py", "y = x + 1\n", None),
        (20, "console", "$ echo hi\nhi\n", None),
        (27, "python", "z = 3\n", None),  # the marker was separated from it by text
    ]


def test_console_parsing_and_matching() -> None:
    b = Block(REPO / "x.md", 1, "console", "$ a --x \\\n  --y   # exit status 1\nout\n...\n$ b\n", None)
    assert console_commands(b) == [("a --x   --y   # exit status 1", ["out", "..."], 1), ("b", [], 0)]
    assert output_matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert output_matches(["a", "..."], ["a"])
    assert output_matches(["err: x..."], ["err: x y z"])
    assert not output_matches(["a", "z"], ["a", "b", "z"])
    assert not output_matches(["a"], [])


def test_a_failing_example_fails(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_text("```python\nassert 1 == 2, 'the page is wrong'\n```\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="the page is wrong"):
        run_page(page, tmp_path / "run")


def test_index_quick_start_is_the_readme_quick_start() -> None:
    """The landing page repeats the README's two commands word for word."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    section = index[index.index("## Quick start"):]
    quick = next(b for b in blocks(DOCS / "index.md") if b.lang == "bash" and f"\n{b.code}" in f"\n{section}")
    commands = [line for line in quick.code.splitlines() if line.strip()]
    assert len(commands) == 2
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in commands:
        assert f"    {command}\n" in readme, f"not in the README's quick start: {command}"


def api_directives() -> dict[str, list[str] | None]:
    """``::: path`` directives of docs/api.md: path → the listed ``members`` (None: all of them)."""
    out: dict[str, list[str] | None] = {}
    current: str | None = None
    in_members = False
    for line in (DOCS / "api.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^:::\s*(\S+)\s*$", line)
        if m:
            current, in_members = m.group(1), False
            out[current] = None
        elif current and re.match(r"^\s+members:\s*$", line):
            in_members = True
            out[current] = []
        elif current and in_members and (item := re.match(r"^\s+-\s*(\w+)\s*$", line)):
            members = out[current]
            assert members is not None
            members.append(item.group(1))
        elif line.strip() and not line.startswith(" "):
            current, in_members = None, False
    return out


def test_api_page_documents_every_public_name() -> None:
    import importlib

    import govinfo_parse

    directives = api_directives()
    missing: list[str] = []
    for name in govinfo_parse.__all__:
        if name == "__version__" or f"govinfo_parse.{name}" in directives:
            continue
        obj = getattr(govinfo_parse, name)
        documented = False
        for path, members in directives.items():
            try:
                mod = importlib.import_module(path)
            except ImportError:
                continue  # a directive for a function or class, not a module
            if getattr(mod, name, None) is obj and (members is None or name in members):
                documented = True
                break
        if not documented:
            missing.append(name)
    assert not missing, f"public names not on docs/api.md: {missing}"


def test_mkdocs_hook_strips_sphinx_roles() -> None:
    hooks = _load("mkdocs_hooks")
    html = ("see :func:<code>validate</code>, :class:<code>~govinfo_parse.nodes.Report</code> "
            "and :py:mod:<code>govinfo_parse.formats.labels</code>; :note: stays")
    assert hooks.strip_roles(html) == ("see <code>validate</code>, <code>Report</code> "
                                       "and <code>govinfo_parse.formats.labels</code>; :note: stays")


# ---------------------------------------------------------------------------------------------
# Generated pages are current, and the site builds
# ---------------------------------------------------------------------------------------------


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"_docs_{name}", DOCS / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_cli_page_is_current() -> None:
    gen = _load("gen_cli")
    page, generated = (DOCS / "cli.md").read_text(encoding="utf-8"), gen.render()
    assert gen.is_current(page, generated), (
        "docs/cli.md is out of date: run python docs/gen_cli.py and commit docs/cli.md\n"
        + "\n".join(difflib.unified_diff(page.splitlines(), generated.splitlines(), "committed", "generated",
                                         lineterm=""))
    )


def test_cli_page_lists_every_subcommand() -> None:
    from govinfo_parse.cli import build_parser

    gen = _load("gen_cli")
    names = list(gen.subcommands(build_parser()))
    assert {"parse", "check"} <= set(names)
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in names:
        assert f"usage: govinfo-parse {name} " in page, name


def _nav_pages() -> set[str]:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):]
    return set(re.findall(r"^\s*-\s*(?:[^:\n]+:\s*)?([\w/.-]+\.md)\s*$", nav, re.M))


def test_every_page_is_in_the_nav() -> None:
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    nav = _nav_pages()
    assert not pages - nav, f"pages missing from the nav in mkdocs.yml: {sorted(pages - nav)}"
    assert not nav - pages, f"nav entries without a page: {sorted(nav - pages)}"


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # the parent package is missing
        return False


@pytest.mark.slow
def test_site_builds_strict(tmp_path: Path) -> None:
    missing = [m for m in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python") if not _installed(m)]
    if missing:
        pytest.skip(f"the docs toolchain is not installed ({', '.join(missing)}): pip install -e '.[docs]'")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                       cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    assert p.returncode == 0, f"mkdocs build --strict failed:\n{p.stdout}\n{p.stderr}"
    assert (site / "index.html").is_file()
    assert (site / "api" / "index.html").is_file()
    shutil.rmtree(site, ignore_errors=True)
