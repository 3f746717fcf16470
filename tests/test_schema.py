"""The JSON Schema, the schema version, and the generated node reference."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from ast_samples import REPO, any_report, corpus_files, legacy_report, parse_file_or_skip, sample_report
from govinfo_parse import nodes, serde
from govinfo_parse.cli import main as cli_main
from govinfo_parse.nodes import Cell, CellState, Report, ReportFormat, ReviewTable, Section
from govinfo_parse.schema import DECIMAL_PATTERN, field_docs, json_schema
from govinfo_parse.serde import SchemaVersionError, dumps, from_dict, to_dict

Validator = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    Validator.check_schema(schema)
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


def as_json(report: nodes.Report) -> Any:
    """What a consumer reads: the dumps text parsed back (not the Python dict)."""
    return json.loads(serde.dumps(report))


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schema_is_draft_2020_12_and_carries_the_version() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {
        "const": nodes.Report.SCHEMA_VERSION, "description": "Version of this JSON layout."}
    assert "schema_version" in schema["required"]
    assert json_schema() == schema and json_schema() is not schema  # fresh each time, same content


@pytest.mark.parametrize("report", [sample_report("2019"), sample_report("2021"), legacy_report(),
                                    nodes.Report(nodes.ReportFormat.LEGACY)],
                         ids=["2019", "2021", "legacy", "empty"])
def test_hand_built_reports_validate(validator: jsonschema.Draft202012Validator, report: nodes.Report) -> None:
    assert errors(validator, as_json(report)) == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(any_report())
def test_any_report_validates(report: nodes.Report) -> None:
    validator = Validator(json_schema(), format_checker=Validator.FORMAT_CHECKER)
    data = as_json(report)
    assert errors(validator, data) == []
    assert serde.from_dict(data) == report  # and the JSON the schema allows reads back


def _find(data: Any, pred: Any) -> Any:
    """The first dict inside ``data`` for which ``pred`` holds (depth first)."""
    if isinstance(data, dict):
        if pred(data):
            return data
        values = list(data.values())
    elif isinstance(data, list):
        values = data
    else:
        return None
    for v in values:
        found = _find(v, pred)
        if found is not None:
            return found
    return None


MUTATIONS = {
    "missing field": lambda d: _find(d, lambda x: "raw" in x).pop("unit"),
    "extra field": lambda d: _find(d, lambda x: "raw" in x).update(colour="red"),
    "unknown block tag": lambda d: _find(d, lambda x: x.get("type") == "Paragraph").update(type="Poem"),
    "block without tag": lambda d: _find(d, lambda x: x.get("type") == "Heading").pop("type"),
    "amount as a JSON number": lambda d: _find(d, lambda x: x.get("unit") == "万元").update(value=4000.5),
    "amount not a decimal": lambda d: _find(d, lambda x: x.get("unit") == "万元").update(value="4千"),
    "count as a string of letters": lambda d: _find(d, lambda x: "raw" in x).update(value="six"),
    "unknown cell state": lambda d: _find(d, lambda x: "raw" in x).update(state="zero"),
    "unknown format": lambda d: d.update(format="2030"),
    "date not ISO": lambda d: d["metadata"].update(published="2022年1月20日"),
    "wrong schema version": lambda d: d.update(schema_version=2),
    "no schema version": lambda d: d.pop("schema_version"),
    "span with a string line": lambda d: _find(d, lambda x: "end_column" in x).update(line="1"),
    "sections not an array": lambda d: d.update(sections={}),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_schema_rejects_what_serde_never_writes(validator: jsonschema.Draft202012Validator,
                                                    name: str) -> None:
    data = as_json(sample_report("2021"))
    assert errors(validator, data) == []
    bad = copy.deepcopy(data)
    MUTATIONS[name](bad)
    assert bad != data
    assert errors(validator, bad), f"schema accepted: {name}"


def test_decimal_strings_follow_python(validator: jsonschema.Draft202012Validator) -> None:
    import re
    from decimal import Decimal

    for text in ["6716.7630", "0", "-1", "1E+3", "1.5E-7", "283070.76", "-0.00"]:
        assert re.fullmatch(DECIMAL_PATTERN, str(Decimal(text))), text
    for text in ["NaN", "Infinity", "1,000", "", "12元"]:
        assert not re.fullmatch(DECIMAL_PATTERN, text), text


def test_descriptions_come_from_the_field_docstrings() -> None:
    schema = json_schema()
    cell = schema["$defs"]["Cell"]
    assert cell["properties"]["raw"]["description"] == field_docs(nodes.Cell)["raw"]
    assert cell["description"].startswith("One value cell")
    # every node class reachable from Report has a definition with exactly its attrs fields
    for name, definition in schema["$defs"].items():
        cls = getattr(nodes, name, None)
        if cls is not None and attrs.has(cls):
            fields = [f.name for f in attrs.fields(cls)]
            tagged = ["type"] if cls in nodes.Block.__args__ else []  # type: ignore[attr-defined]
            assert list(definition["properties"]) == fields + tagged, name
            # a field added after schema version 1 was first written (Cell.note) is left out while None
            required = [f.name for f in attrs.fields(cls) if not f.metadata.get(nodes.OMITTED_WHEN_NONE)]
            assert definition["required"] == required + tagged, name
    assert "note" in cell["properties"] and "note" not in cell["required"]


def test_a_cell_note_is_written_only_where_printed(validator: jsonschema.Draft202012Validator) -> None:
    """``Cell.note`` is left out of the JSON while None (documents from before it read unchanged),
    and written, validated and read back where a cell prints one."""
    plain = Report(ReportFormat.F2021, sections=(Section(4, "政府信息公开行政复议、行政诉讼情况", (
        ReviewTable(tuple(Cell("0", CellState.NUMBER, 0) for _ in range(15))),)),))
    assert '"note"' not in dumps(plain)
    cells = list(plain.reviews.cells)  # type: ignore[union-attr]
    cells[0] = Cell("3（含转办2件）", CellState.NUMBER, 3, note="（含转办2件）")
    noted = Report(ReportFormat.F2021, sections=(Section(4, "政府信息公开行政复议、行政诉讼情况", (
        ReviewTable(tuple(cells)),)),))
    data = to_dict(noted)
    validator.validate(data)
    assert data["sections"][0]["blocks"][0]["cells"][0]["note"] == "（含转办2件）"
    assert from_dict(data) == noted and from_dict(data) != plain


# --- the corpus -------------------------------------------------------------------------------


def test_every_corpus_report_validates(validator: jsonschema.Draft202012Validator) -> None:
    files = corpus_files()
    parse_file = parse_file_or_skip()
    assert files
    failures = {}
    for path in files:
        report = parse_file(path)
        data = as_json(report)
        found = errors(validator, data)
        if found:
            failures[path.name] = found[:3]
        assert serde.loads(serde.dumps(report)) == report, path.name
    assert failures == {}


# --- schema versions --------------------------------------------------------------------------


@pytest.mark.parametrize("version", [0, nodes.Report.SCHEMA_VERSION + 1, "1", None])
def test_json_of_another_schema_version_fails_clearly(version: object) -> None:
    data = serde.to_dict(sample_report("2021"))
    data["schema_version"] = version
    with pytest.raises(SchemaVersionError) as e:
        serde.from_dict(data)
    message = str(e.value)
    assert repr(version) in message
    assert f"reads version {nodes.Report.SCHEMA_VERSION}" in message
    assert "parse --format json" in message  # says how to get a readable file
    with pytest.raises(SchemaVersionError):
        serde.loads(json.dumps(data, ensure_ascii=False))


def test_json_without_a_version_fails_clearly() -> None:
    data = serde.to_dict(sample_report("2021"))
    del data["schema_version"]
    with pytest.raises(SchemaVersionError, match="schema_version None"):
        serde.from_dict(data)


def test_cli_diff_reports_an_old_schema_version_as_unusable(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    old = serde.to_dict(sample_report("2021"))
    old["schema_version"] = 0
    a = tmp_path / "old.json"
    a.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    b = tmp_path / "new.json"
    b.write_text(serde.dumps(sample_report("2021")), encoding="utf-8")
    assert cli_main(["diff", str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert "schema_version 0" in err and "old.json" in err and "Traceback" not in err


# --- the CLI ----------------------------------------------------------------------------------


def test_cli_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["schema"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json_schema()
    assert cli_main(["schema", "--indent", "0"]) == 0
    one_line = capsys.readouterr().out
    assert one_line.count("\n") == 1 and json.loads(one_line) == json_schema()


# --- docs/nodes.md ----------------------------------------------------------------------------


def _gen_nodes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_nodes", REPO / "docs" / "gen_nodes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_nodes_md_is_up_to_date() -> None:
    gen = _gen_nodes()
    committed = (REPO / "docs" / "nodes.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/nodes.md is out of date: run python docs/gen_nodes.py"


def test_docs_nodes_md_covers_every_field() -> None:
    text = (REPO / "docs" / "nodes.md").read_text(encoding="utf-8")
    gen = _gen_nodes()
    for cls in gen.node_classes():
        assert f"### {cls.__name__}\n" in text
        for f in attrs.fields(cls):
            assert f"| `{f.name}` |" in text, f"{cls.__name__}.{f.name}"
    public = [n for n in nodes.__all__ if isinstance(getattr(nodes, n), type)]
    for name in public:
        assert f"### {name}\n" in text, name


def test_every_field_has_a_meaning() -> None:
    assert _gen_nodes().undocumented() == []
