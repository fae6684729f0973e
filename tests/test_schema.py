"""The versioned contract: the committed JSON Schemas equal what the models generate, and the records
schema carries every field and vocabulary of the spec (records.md, version 1).

When a model in schemas/ changes on purpose, regenerate the committed files with

    ocop schema --write schemas/json

and say in the commit whether the change bumps schema_version (see docs/readme/output.md).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.commands.schema import KINDS, REGENERATE, json_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schemas" / "json"

# The contract, copied from the spec (records.md, "Record contract, version 1"): the fields every record
# of a type must carry, and the vocabularies. Hard-coded on purpose: this list *is* the promise.
COMMON_FIELDS = ["type", "id", "article_id", "evidence"]
EVIDENCE_FIELDS = ["start", "end", "text", "sentence"]
TYPE_FIELDS = {
    "count": ["value", "value_max", "approx", "unit", "metric", "star", "category", "kind", "scope",
              "scope_level", "as_of", "period", "time_basis", "organization", "product"],
    "organization": ["name", "org_class", "legal_form", "location"],
    "date": ["value", "text"],
}
VOCABULARIES = {  # field of the count record -> the values the spec allows (None: the field may be null)
    "approx": {"exact", "over", "under", "about", "at_least", "at_most", "range"},
    "metric": {"ocop_products", "ocop_subjects", "ocop_sales_points", "ocop_centers", "share_of_national",
               None},
    "star": {"3", "4", "5", "5p", "3+", None},
    "kind": {"total", "added", "target"},
    "scope_level": {"country", "province", "district", "commune", None},
    "time_basis": {"stated", "context", "published", "inferred", None},
}
ORG_CLASSES = {"business", "agency"}


@pytest.fixture(scope="module")
def printed() -> dict:
    """The records schema as `ocop schema` prints it (a real run of the command)."""
    done = subprocess.run([sys.executable, "-m", "extract.cli", "schema"], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout)


def record_schemas(schema: dict) -> dict[str, dict]:
    """type -> the JSON Schema object of that record type (resolved from $defs)."""
    out = {}
    for ref in schema["oneOf"]:
        body = schema["$defs"][ref["$ref"].split("/")[-1]]
        out[body["properties"]["type"]["const"]] = body
    return out


def allowed_values(prop: dict) -> set:
    """The values a property allows, from its enum/const (and null when it is nullable)."""
    values = set()
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "null":
            values.add(None)
        values.update(option.get("enum", []))
        if "const" in option:
            values.add(option["const"])
    return values


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_matches_the_models(kind):
    path = COMMITTED / f"{kind}.schema.json"
    assert path.exists(), f"{path} is missing: run `{REGENERATE}`"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"{path} differs from the models in schemas/: if the format change is deliberate, run "
        f"`{REGENERATE}` and commit the result (and bump SCHEMA_VERSION if a field was removed, renamed "
        f"or changed meaning)")


def test_every_kind_carries_the_schema_version():
    for kind in KINDS:
        schema = json_schema(kind)
        bodies = [schema["$defs"][r["$ref"].split("/")[-1]] for r in schema["oneOf"]] if "oneOf" in schema \
            else [schema]
        for body in bodies:
            assert "schema_version" in body["properties"], kind
            assert "schema_version" in body["required"], kind


def test_records_schema_has_every_field_the_spec_lists(printed):
    by_type = record_schemas(printed)
    assert set(by_type) == set(TYPE_FIELDS)
    for rtype, fields in TYPE_FIELDS.items():
        body = by_type[rtype]
        for field in COMMON_FIELDS + fields:
            assert field in body["properties"], f"{rtype} record lacks {field!r}"
            assert field in body["required"], f"{rtype} record does not always carry {field!r}"
    evidence = printed["$defs"]["Evidence"]
    for field in EVIDENCE_FIELDS:
        assert field in evidence["required"], f"evidence lacks {field!r}"
    assert evidence["properties"]["start"]["type"] == "integer"


def test_records_schema_has_the_spec_vocabularies(printed):
    by_type = record_schemas(printed)
    count = by_type["count"]["properties"]
    for field, values in VOCABULARIES.items():
        assert allowed_values(count[field]) == values, field
    assert allowed_values(by_type["organization"]["properties"]["org_class"]) == ORG_CLASSES
    assert {opt.get("type") for opt in count["value"]["anyOf"]} == {"number", "integer"}
    assert by_type["date"]["properties"]["value"]["type"] == "string"


def test_schema_command_prints_and_writes(tmp_path):
    out = subprocess.run([sys.executable, "-m", "extract.cli", "schema", "--kind", "facts"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout) == json_schema("facts")
    default = subprocess.run([sys.executable, "-m", "extract.cli", "schema"],
                             capture_output=True, text=True, cwd=ROOT, check=True)
    assert default.stdout == schema_text("records")
    subprocess.run([sys.executable, "-m", "extract.cli", "schema", "--write", str(tmp_path)],
                   capture_output=True, text=True, cwd=ROOT, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)
    bad = subprocess.run([sys.executable, "-m", "extract.cli", "schema", "--kind", "nope"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "nope" in bad.stderr and "Traceback" not in bad.stderr
