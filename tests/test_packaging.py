"""The built wheel carries the grammar and py.typed, and works outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True, text=True, timeout=600)
    wheels = list(out.glob("govinfo_parse-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


@pytest.mark.slow
def test_wheel_contains_grammar_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "govinfo_parse/grammars/report.lark" in names
    # the compiled grammar, prebuilt by hatch_build.py (else the first parse compiles and caches it)
    assert {"govinfo_parse/grammars/report.lark.lalr", "govinfo_parse/grammars/report.lark.terminals"} <= names
    assert "govinfo_parse/py.typed" in names
    assert "govinfo_parse/__init__.py" in names
    assert "govinfo_parse/data/sample-2021.txt" in names  # the sample the README's quick start runs on


@pytest.mark.slow
def test_wheel_works_in_a_fresh_virtualenv(wheel: Path, tmp_path: Path, seeds_dir: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    pip = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True,
                         timeout=600)
    if pip.returncode != 0:
        pytest.fail(f"installing the wheel failed: {pip.stderr[-2000:]}")
    # run from a directory outside the checkout so nothing can come from src/ or grammars/
    code = ("import govinfo_parse, sys; from govinfo_parse.grammar import grammar_path; "
            "p = grammar_path(); assert 'site-packages' in str(p), p; "
            f"r = govinfo_parse.parse_file({str(seeds_dir / '004_e66a2b34805dc888.txt')!r}); "
            "print(r.format.value, r.metadata.year)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["2021", "2022"]
    cli = env_dir / "bin" / "govinfo-parse"
    p2 = subprocess.run([str(cli), "parse", str(seeds_dir / "003_b7caf00a3cd44191.txt"), "--format", "summary"],
                        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert p2.returncode == 0, p2.stderr
    assert '"year": 2019' in p2.stdout
    # the shipped sample: the main job from a plain install, no corpus, no extras
    p3 = subprocess.run([str(cli), "batch", "--sample", "--out", "sample.csv"], cwd=tmp_path, capture_output=True,
                        text=True, env=env, timeout=120)
    assert p3.returncode == 0, p3.stderr
    assert "1 file, 200 cells, 0 errors" in p3.stderr
    assert (tmp_path / "sample.manifest.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[1] == "ok"


def test_editable_or_checkout_finds_the_top_level_grammar() -> None:
    import govinfo_parse
    from govinfo_parse.grammar import grammar_path

    pkg = Path(govinfo_parse.__file__).resolve().parent
    if (pkg / "grammars").is_dir():
        pytest.skip("running from an installed wheel, which carries its own grammar copy")
    assert grammar_path() == REPO / "grammars" / "report.lark"
