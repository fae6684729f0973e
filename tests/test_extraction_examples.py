"""Whole-article examples (tests/data/extraction_examples.jsonl): invented articles in the forms real OCOP
news uses (shared spec: phenomena). Each lists records that must be there (every listed attribute equal)
and records that must not."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_text

EXAMPLES = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "extraction_examples.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _matches(record: dict, want: dict) -> bool:
    return all(record.get(k) == v for k, v in want.items())


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_article(ex):
    records = [r.model_dump() for r in extract_text(ex["text"], article_id=ex["id"], published=ex.get("published"))]
    for want in ex["expect"]:
        assert any(_matches(r, want) for r in records), (
            f"{ex['id']}: no record with {want}; found "
            f"{[(r['type'], r.get('value') or r.get('name')) for r in records if r['type'] == want['type']]}")
    for bad in ex.get("absent", []):
        found = [r for r in records if _matches(r, bad)]
        assert not found, f"{ex['id']}: unexpected {bad}: {[r['evidence']['text'] for r in found]}"
