"""End to end over corpus/: the records score well against the hand-made gold answers, nothing comes from
page furniture or related stories, every evidence is its text's slice, and ids are stable."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_articles
from extract.evaluation.gold import load_gold
from extract.evaluation.score import score

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def results():
    return list(extract_articles(str(ROOT / "corpus")))


@pytest.fixture(scope="module")
def records(results):
    return [json.loads(r.model_dump_json()) for res in results for r in res.records]


def test_every_corpus_article_is_extracted(results):
    assert sorted(r.article.id for r in results) == sorted(p.stem for p in (ROOT / "corpus").glob("*.txt"))
    assert all(not r.rejected for r in results), [r.rejected for r in results if r.rejected]


def test_scores_against_the_gold_answers(records):
    scores = {s.name: s for s in score(load_gold(ROOT / "tests" / "data" / "gold_seeds.jsonl"), records)}
    for name, floor in {"core_strict": 0.90, "counts": 0.90, "dates": 0.90, "orgs": 0.95}.items():
        s = scores[name]
        assert s.f1 >= floor, f"{name} F1 {s.f1:.3f}: missed {s.missed} spurious {s.spurious} {s.mismatched}"


def test_nothing_from_related_stories(results):
    art = next(r for r in results if r.article.id.startswith("004_"))
    original = (ROOT / "corpus" / f"{art.article.id}.txt").read_text(encoding="utf-8")
    block = original.index("Có thể bạn quan tâm")
    assert "Có thể bạn quan tâm" not in art.article.text
    assert art.records and all(r.evidence.original_end <= block for r in art.records)


def test_evidence_is_the_slice_in_both_texts(results):
    for res in results:
        original = (ROOT / "corpus" / f"{res.article.id}.txt").read_text(encoding="utf-8")
        for r in res.records:
            ev = r.evidence
            assert res.article.text[ev.start:ev.end] == ev.text
            assert original[ev.original_start:ev.original_end] == ev.text
            assert ev.sentence == res.article.text[ev.sentence_start:ev.sentence_start + len(ev.sentence)]


def test_ids_are_stable_and_unique(results):
    again = list(extract_articles(str(ROOT / "corpus")))
    ids = [r.id for res in results for r in res.records]
    assert ids == [r.id for res in again for r in res.records]
    assert len(ids) == len(set(ids))


def test_every_record_says_why(records):
    assert all(r["rules"] for r in records)
    counts = [r for r in records if r["type"] == "count"]
    assert all(any(x.startswith("kind.") for x in r["rules"]) for r in counts)
