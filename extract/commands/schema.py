"""ocop schema: the JSON Schema of each output file, generated from the pydantic models in schemas/.

The schemas describe the lines ocop *writes* (serialization mode): every field is always present (null
where it does not apply), so every field is listed as required. The committed copies live in
schemas/json/<kind>.schema.json; `ocop schema --write schemas/json` regenerates them after a deliberate
change to the format (tests/test_schema.py fails until they are regenerated).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = ("records", "facts", "conflicts", "decisions", "corrections", "articles")
REGENERATE = "ocop schema --write schemas/json"


def register(sub):
    p = sub.add_parser("schema", help="print the JSON Schema of an output file (generated from schemas/)")
    p.add_argument("--kind", choices=KINDS, default="records",
                   help="which output: records (default), facts, conflicts, decisions, corrections, articles")
    p.add_argument("--write", metavar="DIR",
                   help=f"write every kind to DIR/<kind>.schema.json instead of printing ({REGENERATE})")
    p.set_defaults(func=run)


def _generator():
    from pydantic.json_schema import GenerateJsonSchema

    class OutputSchema(GenerateJsonSchema):
        """Every field of an output line is written (defaults included), so each one is required."""

        def field_is_required(self, field, total):
            return True if self.mode == "serialization" else super().field_is_required(field, total)

    return OutputSchema


def json_schema(kind: str) -> dict:
    """The JSON Schema of one output kind, as committed under schemas/json/."""
    from pydantic import TypeAdapter

    import schemas
    models = {"records": schemas.RECORD_ADAPTER, "facts": TypeAdapter(schemas.Fact),
              "conflicts": TypeAdapter(schemas.Conflict), "decisions": TypeAdapter(schemas.Decision),
              "corrections": TypeAdapter(schemas.Correction),
              "articles": TypeAdapter(schemas.ArticleOut)}
    if kind not in models:
        raise ValueError(f"unknown schema kind {kind!r} (one of {', '.join(KINDS)})")
    body = models[kind].json_schema(mode="serialization", schema_generator=_generator())
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"ocop {kind}, schema_version {schemas.SCHEMA_VERSION}",
            "$comment": f"generated from schemas/ by `{REGENERATE}`; do not edit by hand"}
    return {**head, **{k: v for k, v in body.items() if k != "title"}}


def schema_text(kind: str) -> str:
    """The schema as the committed file holds it: 2-space indented JSON, UTF-8, final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_all(folder: str | Path) -> list[Path]:
    from ..io import atomic_open
    written = []
    for kind in KINDS:
        path = Path(folder) / f"{kind}.schema.json"
        with atomic_open(path) as f:
            f.write(schema_text(kind))
        written.append(path)
    return written


def run(args) -> int:
    if args.write:
        for path in write_all(args.write):
            print(f"ocop schema: wrote {path}", file=sys.stderr)
        return 0
    sys.stdout.write(schema_text(args.kind))
    return 0
