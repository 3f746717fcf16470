"""Data shipped with the package: a sample report to try everything on without a corpus.

``sample-2021.txt`` is a fictional 2021-format report (示例市数据资源局), constructed and rendered
by ``tools/make_sample.py`` in the repository — no copy of a real report.  Its figures satisfy
the format's identities and agree with its prose.

    >>> from govinfo_parse.data import sample_path
    >>> report = govinfo_parse.parse_file(sample_path())
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SAMPLE_NAME", "sample_path"]

SAMPLE_NAME = "sample-2021.txt"


def sample_path() -> Path:
    """The path of the shipped sample report (a real file, in the installed package)."""
    return Path(__file__).resolve().parent / SAMPLE_NAME
