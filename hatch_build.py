"""Wheel build hook: ship the grammar's compiled forms (LALR tables, terminal table) prebuilt.

``govinfo_parse/grammars/report.lark.lalr`` and ``.terminals`` are written by
:func:`govinfo_parse.formats.grammar_file.write_prebuilt` from the grammar being packaged, each
carrying the key (grammar text + Lark version) it was built for, so a first parse after
``pip install`` reads them instead of compiling the grammar.  The module is loaded from its
file, without importing the package (the build environment has only lark and attrs).
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent


class PrebuiltGrammarHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the prebuilt grammar tables to the wheel (not to the sdist)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the prebuilt files into a temporary directory and force-include them."""
        if self.target_name != "wheel":
            return
        path = ROOT / "src" / "govinfo_parse" / "formats" / "grammar_file.py"
        spec = importlib.util.spec_from_file_location("_govinfo_parse_grammar_file", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # attrs resolves the module's annotations through it
        try:
            spec.loader.exec_module(module)
            self._tmp = tempfile.TemporaryDirectory()
            for written in module.write_prebuilt(Path(self._tmp.name)):
                build_data["force_include"][str(written)] = f"govinfo_parse/grammars/{written.name}"
        finally:
            del sys.modules[spec.name]

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary directory."""
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
