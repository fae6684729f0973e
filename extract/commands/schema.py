"""ocop schema: the JSON Schema of the records, generated from schemas/."""
from __future__ import annotations

import json


def register(sub):
    p = sub.add_parser("schema", help="print the JSON Schema of the records (generated from schemas/)")
    p.set_defaults(func=run)


def run(args) -> int:
    from schemas import RECORD_ADAPTER
    print(json.dumps(RECORD_ADAPTER.json_schema(), ensure_ascii=False, indent=2))
    return 0
