"""What loads on first use: the package's import stays light, and nothing changes for its users."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

import pytest

import govinfo_parse
from govinfo_parse._lazy import LazyPattern, lazy_attributes, lazy_compile

NOT_LOADED_BY_A_TEXT_PARSE = (
    "batch", "diff", "export", "serde", "query", "schema", "records", "visit",
    "readers.html.scan", "readers.html.tree", "readers.html.article", "readers.html.emit",
    "readers.flattened.decoder", "readers.flattened.vocab", "readers.flattened.cutter",
    "readers.pdftext.document", "readers.pdftext.emit", "readers.docx", "readers.pdf",
)


def test_import_and_a_text_parse_load_no_other_family_and_no_edge_module() -> None:
    code = (
        "import sys, govinfo_parse\n"
        "from govinfo_parse.data import sample_path\n"
        "govinfo_parse.parse(sample_path().read_text(encoding='utf-8'))\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('govinfo_parse.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = {m.removeprefix("govinfo_parse.") for m in out.split()}
    assert "readers.html" in loaded and "readers.flattened" in loaded  # their sniffs ran
    assert sorted(loaded & set(NOT_LOADED_BY_A_TEXT_PARSE)) == []


def test_every_public_name_resolves() -> None:
    for name in govinfo_parse.__all__:
        assert getattr(govinfo_parse, name) is not None
    assert callable(govinfo_parse.render) and callable(govinfo_parse.dumps)
    assert govinfo_parse.query.__name__ == "govinfo_parse.query"
    with pytest.raises(AttributeError):
        govinfo_parse.no_such_name  # noqa: B018


def test_lazy_attributes_load_the_submodule_once() -> None:
    getattr_ = lazy_attributes("govinfo_parse.readers.html", {"GridSlot": "emit"})
    from govinfo_parse.readers.html.emit import GridSlot

    assert getattr_("GridSlot") is GridSlot
    with pytest.raises(AttributeError):
        getattr_("read_everything")


@pytest.mark.parametrize("pattern, flags", [
    (r"(?P<num>\d+)\s*(件|项)", 0),
    (r"^#{1,6}\s+\S", re.MULTILINE),
    (r"</\s*(p|div|td)\s*>", re.IGNORECASE),
])
def test_a_lazy_pattern_matches_as_the_compiled_one(pattern: str, flags: int) -> None:
    text = "共受理 12 件，办结 3项\n# 标题\n</P>x</td >\n## 二"
    lazy, real = lazy_compile(pattern, flags), re.compile(pattern, flags)
    assert isinstance(lazy, LazyPattern) and lazy.pattern == real.pattern
    for _ in range(2):  # before and after the methods are replaced by the compiled ones
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
        assert lazy.findall(text) == real.findall(text)
        assert lazy.sub("-", text) == real.sub("-", text)
        assert lazy.subn(lambda m: m.group(0) * 2, text, 1) == real.subn(lambda m: m.group(0) * 2, text, 1)
        assert lazy.split(text, 1) == real.split(text, 1)
        for f in ("search", "match", "fullmatch"):
            got, want = getattr(lazy, f)(text, 2), getattr(real, f)(text, 2)
            assert (got and got.span()) == (want and want.span())
    assert lazy.flags == real.flags and lazy.groupindex == real.groupindex
    assert lazy.compiled() is re.compile(pattern, flags)
    assert lazy.search.__self__ is lazy.compiled()  # type: ignore[attr-defined]


def test_a_lazy_pattern_pickles_and_copies_before_and_after_use() -> None:
    lazy = lazy_compile(r"(\d+)件", re.IGNORECASE)
    for _ in range(2):
        for other in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
            assert isinstance(other, LazyPattern)
            assert (other.pattern, other.flags) == (lazy.pattern, lazy.flags)
            assert other.findall("3件 12件") == ["3", "12"]
        lazy.search("1件")
