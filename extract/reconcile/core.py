"""The reconciliation itself: claims -> time points -> resolutions -> facts, then every check of
`checks.CHECKS` over them -> findings. It only orchestrates: the shapes it passes on and the orders it
writes in are in `results`, each check in its own module under `checks/`.

Near-linear: claims are grouped by key and sorted within a key; every check looks only at the claims
of one key (or of one article), so the work grows with the number of claims, not its square.
"""
from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from schemas import Conflict, Decision, Fact, Key

from .built import built, set_field
from .checks import CHECKS
from .claims import Claim, KeyT, claim_order, claim_order_of_key, make_claims
from .dating import redate_in_order
from .ids import key_identity, stable_id
from .points import TimePoint, time_points
from .policy import Before, Policy, PolicyContext, Resolution, SourceOrder, default_policy
from .results import Account, FactRow, ReconcileResult, conflict_order, fact_order, key_model
from .timeline import describe, flow_fits, overlaps
from .values import fmt
from .words import cite, key_words


def display_scopes(claims: list[Claim]) -> dict[KeyT, str | None]:
    """The spelling of each key's place that its claims use most (ties: alphabetical)."""
    seen: dict[KeyT, Counter] = defaultdict(Counter)
    for c in claims:
        seen[c.key][c.scope] += 1
    return {k: min(cnt, key=lambda s: (-cnt[s], s or "")) for k, cnt in seen.items()}


def _flows_between(flows: list[Claim], before: TimePoint | None, point: TimePoint) -> list[Claim]:
    """Stated additions whose period starts right after the earlier point and ends at the later one."""
    if before is None or before.common is None or point.common is None:
        return []
    start, end = before.common, point.common
    return [f for f in flows if f.span is not None and not f.partial and flow_fits(start, f.span, end)]


def _resolve_key(points: list[TimePoint], flows: list[Claim], policy: Policy,
                 source_order: SourceOrder) -> list[Resolution]:
    out: list[Resolution] = []
    previous: tuple[TimePoint, Resolution] | None = None
    for p in points:
        ctx = PolicyContext(source_order=source_order)
        if p.dated:
            union = p.union
            ctx.changes = [f for f in flows if overlaps(f.span, union)]
            if previous is not None and previous[1].preferred is not None:
                pv = previous[1].preferred
                ctx.before = Before(pv.group.value, pv.group.as_of_claim.as_of, pv.group.articles)
                ctx.flows_since = _flows_between(flows, previous[0], p)
        res = policy(p, ctx)
        out.append(res)
        if p.dated and res.preferred is not None:
            previous = (p, res)
    return out


def order_entries(resolved: list[tuple[TimePoint, Resolution]],
                  scopes: dict[KeyT, str | None]) -> list[tuple[set[str], set[str], str, Any]]:
    """What every point a stated change decided says of the sources, in the order given: (articles that give
    the count before the change, articles that count it, why, the point's days) (see `SourceOrder`)."""
    out = []
    for point, res in resolved:
        if res.rule != "stated_change" or res.preferred is None or res.change is None:
            continue
        high, ch = res.preferred.group, res.change
        what = key_words(point.key, scopes.get(point.key))
        for v in res.verdicts:
            if v.rank == "deprecated":
                out.append((set(v.group.articles), set(high.articles), (
                    f"{cite(high.articles)} counts {fmt(high.value)} {what}, after the additions of "
                    f"{describe(ch.as_of or ch.period)} ({ch.article_id}); {cite(v.group.articles)} counts "
                    f"the {fmt(v.group.value)} before them."), point.union))
    return out


def _source_order(resolved: list[tuple[TimePoint, Resolution]],
                  scopes: dict[KeyT, str | None]) -> SourceOrder:
    """From every point a stated change decided: the articles that count the change report a later
    state than those that give the count before it."""
    order = SourceOrder()
    for entry in order_entries(resolved, scopes):
        order.add(*entry)
    return order


@dataclass
class Resolved:
    """Every key of some claims resolved: the claims by key (in key order), each key's place as its claims
    spell it, its time points, the additions a total's points are checked against, and the resolutions."""

    by_key: dict[KeyT, list[Claim]]
    scopes: dict[KeyT, str | None]
    points: dict[KeyT, list[TimePoint]]
    flows: dict[KeyT, list[Claim]]
    final: dict[KeyT, list[Resolution]]
    claims: list[Claim] | None = None       # as given to `first_pass` (in claim order)

    def pairs(self, k: KeyT) -> list[tuple[TimePoint, Resolution]]:
        return list(zip(self.points[k], self.final[k]))

    def claims_in_order(self) -> list[Claim]:
        """The claims of every key in `claim_order` (ties in the order given): those given, when no two
        keys sort alike (else the keys' claims in turn, sorted: a tie across keys is in key order)."""
        if self.claims is not None and len({claim_order_of_key(k) for k in self.by_key}) == len(self.by_key):
            return list(self.claims)
        claims = [c for cs in self.by_key.values() for c in cs]
        claims.sort(key=claim_order)
        return claims


def first_pass(claims: list[Claim], policy: Policy = default_policy) -> Resolved:
    """Every key of `claims` (dated already, in `claim_order`) resolved without a source order."""
    by_key: dict[KeyT, list[Claim]] = defaultdict(list)
    for c in claims:
        by_key[c.key].append(c)
    scopes = display_scopes(claims)
    points = {k: time_points(k, cs) for k, cs in by_key.items()}
    flows = {k: by_key.get(k.with_(kind="added"), []) if k.kind == "total" else [] for k in by_key}
    final = {k: _resolve_key(points[k], flows[k], policy, SourceOrder()) for k in by_key}
    return Resolved(by_key, scopes, points, flows, final, claims)


def second_pass(work: Resolved, order: SourceOrder, policy: Policy = default_policy) -> None:
    """Resolve again, with the source order, the keys where two ordered sources meet at one time point."""
    if not order:
        return
    ordered = order.articles
    for k in work.by_key:
        if any(len(p.groups) > 1 and len(p.articles & ordered) > 1 for p in work.points[k]):
            work.final[k] = _resolve_key(work.points[k], work.flows[k], policy, order)


def make_account(claims: list[Claim], work: Resolved) -> Account:
    """The facts of every key in key order, with what the checks read."""
    account = Account(claims, work.scopes, models={}, resolved={}, rows={})
    for k in sorted(work.by_key, key=claim_order_of_key):
        km = account.models[k] = key_model(k, work.scopes[k])
        account.resolved[k] = work.pairs(k)
        account.rows[k] = [row for p, res in account.resolved[k] for row in make_facts(km, p, res)]
    return account


def finish(account: Account, conflicts: list[Conflict], claims: list[Claim]) -> ReconcileResult:
    """The facts of the account and the findings, in the order they are written."""
    facts = [r.fact for k in account.rows for r in account.rows[k]]
    for f in facts:
        set_field(f, "support", sorted(set(f.support)))
    facts.sort(key=fact_order)
    conflicts.sort(key=conflict_order)
    return ReconcileResult(facts, conflicts, claims)


def reconcile_claims(claims: list[Claim], policy: Policy = default_policy) -> ReconcileResult:
    redate_in_order(claims)
    work = first_pass(claims, policy)
    second_pass(work, _source_order([pair for k in work.by_key for pair in work.pairs(k)], work.scopes), policy)
    account = make_account(claims, work)
    conflicts = [found for check in CHECKS for found in check(account)]
    return finish(account, conflicts, claims)


def make_facts(km: Key, point: TimePoint, res: Resolution) -> list[FactRow]:
    out = []
    all_ids = {ev.record_id for c in point.claims for ev in c.evidence}
    for v in sorted(res.verdicts, key=lambda v: (v.group.allows[0], v.group.value)):
        g = v.group
        best = g.best
        at = g.as_of_claim
        supporting = g.record_ids
        fact = built(Fact, id=stable_id("f", key_identity(km), at.as_of, at.period, best.value, best.value_max,
                                        best.approx),
                     key=km, as_of=at.as_of, period=at.period if km.kind != "total" else None,
                     value=best.value, value_max=best.value_max,
                     approx="at_least" if best.partial else best.approx, rank=v.rank,
                     confidence=v.confidence, rule=v.rule, supporting=supporting,
                     contradicting=sorted(all_ids - set(supporting)), articles=g.articles,
                     explanation=v.explanation,
                     support=sorted({c.dating_note for c in g.claims if c.dating_note}))
        out.append(FactRow(fact, point, v))
    return out


def reconcile(records: Iterable[Any], articles: Iterable[Any] | None = None,
              decisions: list[Decision] | None = None, policy: Policy = default_policy,
              parts: Callable[[list[Claim], Policy], ReconcileResult] | None = None) -> ReconcileResult:
    """All count records of all articles -> facts and findings, with review decisions applied.

    `records`: record models or dicts (records of other types are used for the articles' dates);
    `articles`: `ArticleOut` models or dicts (for `published`); `decisions`: `schemas.Decision`s;
    `parts`: reconciles the claims in parts instead of at once (`partition.Partitioned`: the same result).
    Pure: reads and writes nothing (but what `parts` caches).
    """
    records = list(records)
    articles = list(articles or ())
    reconcile_all = parts or reconcile_claims
    with gc_paused():
        result = reconcile_all(make_claims(records, articles), policy)
        if decisions:
            from .decisions import apply_decisions

            def rerun(overrides: dict[str, str]) -> ReconcileResult:
                return reconcile_all(make_claims(records, articles, overrides), policy)
            result = apply_decisions(result, decisions, rerun)
    return result


@contextmanager
def gc_paused():
    """The cycle collector off while reconciling: the work allocates many small objects and no
    cycles worth collecting, and the collector's passes over a growing heap made the time grow
    faster than the input."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
