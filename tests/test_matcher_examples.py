"""Runs every example of every matcher (extract/matchers/NAME.examples.jsonl), negatives included."""
from __future__ import annotations

import importlib

import pytest

from extract.matchers import HERE, examples

MATCHERS = sorted(p.name.split(".")[0] for p in HERE.glob("*.examples.jsonl"))
CASES = [(name, ex) for name in MATCHERS for ex in examples(name)]


def test_every_matcher_has_positive_and_negative_examples():
    assert MATCHERS, "no examples files found"
    for name in MATCHERS:
        exs = examples(name)
        assert any(ex["matches"] for ex in exs), f"{name}: no positive example"
        assert any(not ex["matches"] for ex in exs), f"{name}: no negative example"


@pytest.mark.parametrize("name,ex", CASES, ids=[ex["_where"] for _, ex in CASES])
def test_example(name, ex):
    matcher = importlib.import_module(f"extract.matchers.{name}")
    found = matcher.match(ex["text"])
    for m in found:
        assert ex["text"][m.start:m.end] == m.text, f"{m} is not the text's slice"
    if not ex["matches"]:
        assert found == [], f"{ex['_where']}: expected nothing in {ex['text']!r}, found {found}"
        return
    for want in ex["matches"]:
        hits = [m for m in found if m.text == want["text"]]
        assert hits, f"{ex['_where']}: {want['text']!r} not found in {ex['text']!r}; found {[m.text for m in found]}"
        attrs = {k: v for k, v in want.items() if k != "text"}
        assert any(all(m.value.get(k) == v for k, v in attrs.items()) for m in hits), (
            f"{ex['_where']}: {want['text']!r} found with {[m.value for m in hits]}, expected {attrs}")
    if ex.get("exact"):
        assert sorted(m.text for m in found) == sorted(w["text"] for w in ex["matches"]), (
            f"{ex['_where']}: found {[m.text for m in found]}")
