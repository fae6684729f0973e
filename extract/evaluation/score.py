"""Scores of extracted records against gold answers, per record type, each with precision, recall, F1
and the items behind them:

- core_key (count): OCOP product counts (metric ocop_products), matched on (article, value, star)
- core_strict (count): the same, and the match also has the gold kind, scope, year, organization, category
- counts (count): every count, matched on (article, value, unit key)
- orgs (organization): businesses, matched on (article, normalized name)
- dates (date): matched on (article, EDTF value or an accepted alternative)

An item found by several records counts once. Gold items marked `optional` are neither required nor
penalized. Only articles named in the gold file are scored.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .keys import is_business, norm, number, org_key, scope_key, unit_key, year_of


@dataclass
class Score:
    name: str
    record_type: str
    true_pred: int      # predicted items that are right
    pred: int           # predicted items scored
    true_gold: int      # gold items found
    gold: int           # gold items required
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # found on the key, wrong on other attributes

    @property
    def precision(self) -> float:
        return self.true_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.true_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"type": self.record_type, "p": round(self.precision, 4), "r": round(self.recall, 4),
                "f1": round(self.f1, 4), "pred": self.pred, "gold": self.gold, "missed": self.missed,
                "spurious": self.spurious, "mismatched": self.mismatched}


def strict_problems(gold: dict, pred: dict) -> list[str]:
    """The gold attributes a predicted record with the same key gets wrong (none: a strict match)."""
    problems = []
    kinds = gold["kind"] if isinstance(gold.get("kind"), list) else [gold.get("kind")]
    if pred.get("kind") not in kinds:
        problems.append(f"kind {pred.get('kind')} (gold {'/'.join(map(str, kinds))})")
    if scope_key(pred.get("scope")) != scope_key(gold.get("scope")):
        problems.append(f"scope {pred.get('scope')} (gold {gold.get('scope')})")
    if gold.get("time") and year_of(pred) not in {str(y) for y in gold["time"]}:
        problems.append(f"year {year_of(pred)} (gold {'/'.join(map(str, gold['time']))})")
    if gold.get("organization") and org_key(pred.get("organization") or "") != org_key(gold["organization"]):
        problems.append(f"organization {pred.get('organization')} (gold {gold['organization']})")
    if gold.get("category") and norm(gold["category"]) not in norm(pred.get("category") or ""):
        problems.append(f"category {pred.get('category')} (gold {gold['category']})")
    return problems


def _label(key: tuple) -> str:
    article, *rest = key
    return f"{article}  " + " ".join(str(x) for x in rest if x is not None)


def score_core(gold: list[dict], pred: list[dict]) -> tuple[Score, Score]:
    required, optional, found = defaultdict(list), set(), defaultdict(list)
    for g in gold:
        if g["type"] == "count" and g.get("metric") == "ocop_products":
            key = (g["article"], number(g["value"]), g.get("star"))
            if g.get("optional"):
                optional.add(key)
            else:
                required[key].append(g)
    for p in pred:
        if p.get("type") == "count" and p.get("metric") == "ocop_products":
            found[(p["article_id"], number(p.get("value")), p.get("star"))].append(p)
    scored = {k for k in found if k not in optional or k in required}
    hits = {k for k in scored if k in required}
    mismatched = []
    for k in sorted(hits, key=str):
        for g in required[k]:
            tries = [strict_problems(g, p) for p in found[k]]
            if all(tries):
                mismatched.append(f"{_label(k)} sao: " + "; ".join(min(tries, key=len)))
    strict = {k for k in hits if all(not all(strict_problems(g, p) for p in found[k]) for g in required[k])}
    missed = [_label(k) + " sao" for k in sorted(set(required) - hits, key=str)]
    spurious = [_label(k) + " sao" for k in sorted(scored - hits, key=str)]
    key_score = Score("core_key", "count", len(hits), len(scored), len(hits), len(required), missed, spurious)
    strict_score = Score("core_strict", "count", len(strict), len(scored), len(strict), len(required),
                         missed, spurious, mismatched)
    return key_score, strict_score


def score_counts(gold: list[dict], pred: list[dict]) -> Score:
    required, optional = set(), set()
    for g in gold:
        if g["type"] == "count":
            key = (g["article"], number(g["value"]), unit_key(g.get("unit")))
            (optional if g.get("optional") else required).add(key)
    optional -= required
    found = {(p["article_id"], number(p.get("value")), unit_key(p.get("unit")))
             for p in pred if p.get("type") == "count"} - optional
    hits = found & required
    return Score("counts", "count", len(hits), len(found), len(hits), len(required),
                 [_label(k) for k in sorted(required - found, key=str)],
                 [_label(k) for k in sorted(found - required, key=str)])


def score_orgs(gold: list[dict], pred: list[dict]) -> Score:
    names: dict[tuple, str] = {}  # key -> a name as written, for the lists

    def key(article: str, name: str) -> tuple:
        k = (article, org_key(name))
        names.setdefault(k, name)
        return k
    businesses = [g for g in gold if g["type"] == "organization" and g.get("class", "business") == "business"]
    required = {key(g["article"], g["name"]) for g in businesses if not g.get("optional")}
    optional = {key(g["article"], g["name"]) for g in businesses if g.get("optional")} - required
    found = {key(p["article_id"], p.get("name") or "") for p in pred
             if p.get("type") == "organization" and is_business(p.get("name") or "")} - optional
    hits = found & required
    return Score("orgs", "organization", len(hits), len(found), len(hits), len(required),
                 [f"{k[0]}  {names[k]}" for k in sorted(required - found)],
                 [f"{k[0]}  {names[k]}" for k in sorted(found - required)])


def score_dates(gold: list[dict], pred: list[dict]) -> Score:
    required, optional = [], set()
    for g in gold:
        if g["type"] == "date":
            accepted = {g["value"], *g.get("alt", [])}
            if g.get("optional"):
                optional |= {(g["article"], v) for v in accepted}
            else:
                required.append((g["article"], accepted))
    found = {(p["article_id"], p.get("value")) for p in pred if p.get("type") == "date"}
    hit = [any((article, v) in found for v in accepted) for article, accepted in required]
    accepted_all = {(a, v) for a, acc in required for v in acc} | optional
    spurious = sorted(k for k in found if k not in accepted_all)
    tp = sum(hit)
    return Score("dates", "date", tp, tp + len(spurious), tp, len(required),
                 [f"{a}  {' | '.join(sorted(acc))}" for (a, acc), ok in zip(required, hit) if not ok],
                 [f"{a}  {v}" for a, v in spurious])


def score(gold: list[dict], records: list[dict]) -> list[Score]:
    """All scores of `records` (dicts as in records.jsonl) against `gold` (dicts in the gold format)."""
    articles = {g["article"] for g in gold}
    pred = [{**r, "article_id": r.get("article_id", r.get("article"))} for r in records]
    pred = [r for r in pred if r["article_id"] in articles]
    return [*score_core(gold, pred), score_counts(gold, pred), score_orgs(gold, pred), score_dates(gold, pred)]
