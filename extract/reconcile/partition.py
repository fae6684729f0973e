"""Reconciliation in parts: by place, in this process or on a Dask cluster, each part's result cached.
The result is the same, byte for byte, as reconciling all the claims at once (`core.reconcile_claims`).

The unit is a place: every key of one place (all its star classes, product groups, totals, additions,
plans and shares) is in one part, since the checks compare them (`parts_sum`, `stock_flow`, a total and its
additions); the names of the whole country (`places.NATIONAL_NAMES`) are one unit. A part holds one unit or
more (`claims_per_part`). What reaches across places is done around the parts, as a small map-reduce:

1. dating by flows (`dating.redate_by_flows`) runs over all the claims first: a total dated by its
   additions moves the other totals of its sentence, which may be of other places;
2. each part resolves its keys without a source order and says what its stated changes teach about the
   sources (`core.order_entries`); the lessons of all parts, in key order, make the one source order of
   the whole account (`policy.SourceOrder`); each part then resolves again, with the lessons about its own
   articles (in the same order), the keys where two ordered sources meet, as the whole does;
3. the country's part is finished first: its all-star product totals (`Country`) are what the other parts
   compare stated shares of the country with (`share_mismatch`), then every other part is finished.

Review decisions, article names and the "check the claims" labels are applied to the merged result
(`core.reconcile`, `reviewed`), as for the whole.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Iterator

from .built import set_field
from .checks import CHECKS, share_mismatch
from .claims import ALL_STARS, Claim, KeyT, claim_order, claim_order_of_key
from .core import Resolved, first_pass, make_account, order_entries, second_pass
from .dating import redate_in_order
from .parts_cache import PartCache, claims_digest, digest, entries_digest
from .places import NATIONAL_NAMES
from .policy import Policy, SourceOrder, default_policy
from .results import ReconcileResult, conflict_order, fact_order

COUNTRY = "\x00country"
"""The unit of the names of the whole country."""
SHARE = "share_of_national"


def unit_of(place: str | None) -> str:
    return COUNTRY if place in NATIONAL_NAMES else "" if place is None else "\x01" + place


COUNTRY_KEYS = {KeyT("ocop_products", star, None, place, "total", None)
                for star in (ALL_STARS, None) for place in NATIONAL_NAMES}
"""The country's figures a share of the country is compared with."""


@dataclass
class Country:
    """The country's all-star product totals: the claims, and the preferred facts with their time points."""

    claims: list[Claim] = field(default_factory=list)
    rows: dict = field(default_factory=dict)

    @property
    def figures(self) -> share_mismatch.CountryFigures:
        """Indexed for the share checks, once for all the parts (not kept in a cached result)."""
        got = self.__dict__.get("_figures")
        if got is None:
            got = self.__dict__["_figures"] = share_mismatch.CountryFigures(self.claims, self.rows)
        return got

    def __getstate__(self) -> dict:
        return {"claims": self.claims, "rows": self.rows}


@dataclass
class Part:
    units: list[str]
    claims: list[Claim]         # in claim order
    digest: str = ""
    shares: bool = False        # holds shares of the country of a place: needs the `Country`

    @property
    def is_country(self) -> bool:
        return self.units == [COUNTRY]


@dataclass
class PartResult:
    facts: list
    conflicts: list
    country: Country | None = None


def split(claims: list[Claim], claims_per_part: int | None = None) -> list[Part]:
    """The parts of `claims` (in claim order): the country's first, alone; then the other places in name
    order, one a part, or several while a part holds fewer than `claims_per_part` claims."""
    units: dict[str, list[Claim]] = {}
    for c in claims:
        units.setdefault(unit_of(c.key.place), []).append(c)
    parts: list[Part] = []
    if COUNTRY in units:
        parts.append(Part([COUNTRY], units.pop(COUNTRY)))
    current: Part | None = None
    for name in sorted(units):
        if current is None or not claims_per_part or len(current.claims) >= claims_per_part:
            current = Part([], [])
            parts.append(current)
        current.units.append(name)
        current.claims.extend(units[name])
    for p in parts:
        if len(p.units) > 1:
            p.claims.sort(key=claim_order)
        p.shares = not p.is_country and any(c.key.metric == SHARE for c in p.claims)
    return parts


def lessons(work: Resolved) -> list[tuple[tuple, tuple]]:
    """(where in the whole's order, entry) of every source-order entry of a part's first pass."""
    return [((claim_order_of_key(k), i), e) for k in work.by_key
            for i, e in enumerate(order_entries(work.pairs(k), work.scopes))]


def first_task(claims: list[Claim], policy: Policy) -> Resolved:
    return first_pass(claims, policy)


def lessons_task(work: Resolved) -> list:
    return lessons(work)


def finish_task(work: Resolved | list[Claim], entries: list[tuple], country: Country | PartResult | None,
                is_country: bool, policy: Policy) -> PartResult:
    """A part finished: resolved again where the source order (`entries`) says, its facts, its findings."""
    if not isinstance(work, Resolved):
        work = first_pass(work, policy)
    claims = work.claims_in_order()
    order = SourceOrder()
    for e in entries:
        order.add(*e)
    second_pass(work, order, policy)
    account = make_account(claims, work)
    if isinstance(country, PartResult):
        country = country.country
    conflicts = []
    for check in CHECKS:
        if check is share_mismatch.check and country is not None:
            conflicts += share_mismatch.share_mismatch_all(claims, account.rows, country.figures)
        else:
            conflicts += check(account)
    facts = [r.fact for rows in account.rows.values() for r in rows]
    for f in facts:
        set_field(f, "support", sorted(set(f.support)))
    own = None
    if is_country:
        own = Country([c for c in claims if c.key in COUNTRY_KEYS],
                      {k: [r for r in account.rows[k] if r.fact.rank == "preferred" and r.point.union is not None]
                       for k in COUNTRY_KEYS if k in account.rows})
    return PartResult(facts, conflicts, own)


def merge(results: list[PartResult], claims: list[Claim]) -> ReconcileResult:
    """The parts' facts and findings in order: one stable sort of all of them (ties keep the parts' order),
    each sort key worked out once."""
    facts = [f for r in results for f in r.facts]
    facts.sort(key=fact_order)
    conflicts = [c for r in results for c in r.conflicts]
    conflicts.sort(key=conflict_order)
    return ReconcileResult(facts, conflicts, claims)


class InProcess:
    """Parts run one after the other in this process (`parts_run.OnDask`: on a Dask cluster)."""

    def first(self, claim_lists: list[list], policy) -> list:
        return [first_task(cs, policy) for cs in claim_lists]

    def lessons(self, works: list) -> list[list]:
        return [lessons_task(w) for w in works]

    def finish(self, items: list[tuple], policy) -> Iterator[PartResult]:
        """Each part finished, one after the other, as it is asked for; `items` is emptied as they are, so
        that a part's first pass is freed once the part is finished."""
        items.reverse()
        while items:
            work, entries, country, is_country = items.pop()
            yield finish_task(work, entries, country, is_country, policy)
            del work


class Partitioned:
    """`core.reconcile(..., parts=Partitioned(...))`: the claims reconciled in parts (see the module's doc).

    `claims_per_part`: how many claims a part gathers (None: one place a part); `runner`: where parts run
    (`InProcess`, the default, or `parts_run.OnDask`); `cache`: a `PartCache` of the parts'
    results (only for the default policy). `last` says, after a call, how many parts were reused."""

    def __init__(self, claims_per_part: int | None = None, runner: Any = None, cache: PartCache | None = None):
        self.claims_per_part = claims_per_part
        self.runner = runner or InProcess()
        self.cache = cache
        self.last: dict[str, int] = {}
        self._code: str | None = None

    def code(self) -> str:
        if self._code is None:
            from .stamp import code_version
            self._code = code_version()
        return self._code

    def __call__(self, claims: list[Claim], policy: Policy = default_policy) -> ReconcileResult:
        cache = self.cache if policy is default_policy else None
        with cache.writing() if cache is not None else nullcontext():   # (entries written by a thread)
            return self._reconcile(claims, policy, cache)

    def dated(self, claims: list[Claim]) -> list[Claim]:
        """The claims to reconcile, dated by flows (`place_worker`: a worker's places, dated with the
        moves of every worker)."""
        redate_in_order(claims)
        return claims

    def source_order(self, parts: list[Part], taught: list[list]) -> list[tuple]:
        """The entries of every part's lessons (`taught`, in the parts' order) in the whole's order
        (`place_worker`: of every worker's parts)."""
        return [e for _, e in sorted((entry for t in taught for entry in t), key=lambda e: e[0])]

    def part_done(self, part: Part, result: PartResult) -> PartResult:
        """What is kept of a part's result, once it is cached (`place_worker`: written out at once)."""
        return result

    def country_known(self, country: Country, name: str) -> tuple[Country, str]:
        """The country's figures once its part is finished (`place_worker`: from the worker that has it)."""
        return country, name

    def _reconcile(self, claims: list[Claim], policy: Policy, cache: PartCache | None) -> ReconcileResult:
        claims = self.dated(claims)
        parts = split(claims, self.claims_per_part)
        if cache is not None:
            for p in parts:
                p.digest = digest(self.code(), claims_digest(p.claims))
        taught: list[list | None] = [cache.get("o" + p.digest) if cache else None for p in parts]
        todo = [i for i, t in enumerate(taught) if t is None]
        works: dict[int, Any] = dict(zip(todo, self.runner.first([parts[i].claims for i in todo], policy)))
        for i, got in zip(todo, self.runner.lessons([works[i] for i in todo])):
            taught[i] = got
            if cache:
                cache.put("o" + parts[i].digest, got)
        results, finished = self._finish(parts, works, self.source_order(parts, taught), cache, policy)
        self.last = {"parts": len(parts), "resolved": len(todo), "finished": finished}
        return merge(results, claims)

    def _finish(self, parts: list[Part], works: dict[int, Any], whole: list[tuple], cache: PartCache | None,
                policy: Policy) -> tuple[list[PartResult], int]:
        results: list[PartResult | None] = [None] * len(parts)
        names: list[str] = [""] * len(parts)
        country: Any = Country()
        country_name = "none"
        finished = 0
        by_article: dict[str, list[int]] = {}       # the entries that name an article
        for n, (before, after, _, _) in enumerate(whole):
            for a in before | after:
                by_article.setdefault(a, []).append(n)
        for rnd in ("country", "places"):       # the country's part first: the others read its figures
            todo = []
            for i, p in enumerate(parts):
                if p.is_country != (rnd == "country"):
                    continue
                mine = [whole[n] for n in sorted({n for a in {c.article_id for c in p.claims}
                                                  for n in by_article.get(a, ())})]
                if cache is not None:
                    names[i] = "r" + digest(p.digest, entries_digest(mine), country_name if p.shares else "")
                    results[i] = cache.get(names[i])
                if results[i] is None:
                    todo.append((i, mine))
                else:
                    results[i] = self.part_done(p, results[i])
            items = [(works.pop(i, parts[i].claims), mine, country if parts[i].shares else None, parts[i].is_country)
                     for i, mine in todo]     # the runner holds the only reference to a part's first pass
            done = self.runner.finish(items, policy)
            del items
            for (i, _), r in zip(todo, done):      # (as the runner finishes them: `InProcess.finish`)
                if cache is not None:
                    cache.put(names[i], r)
                results[i] = self.part_done(parts[i], r)
            finished += len(todo)
            if rnd == "country":
                for i, p in enumerate(parts):
                    if p.is_country:
                        country, country_name = results[i].country, names[i] or "country"
                country, country_name = self.country_known(country, country_name)
        return results, finished
