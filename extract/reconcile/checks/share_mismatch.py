"""`share_mismatch`: a stated share of the country's OCOP products against the counts it implies."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from schemas import Conflict, Suggested

from ..claims import ALL_STARS, Claim, KeyT
from ..built import built
from ..findings import finding, nearest, rows_by_record, same_time
from ..places import NATIONAL_NAMES
from ..results import key_model
from ..timeline import describe, overlaps
from ..values import agree, fmt, fmt_claim
from ..words import cite

if TYPE_CHECKING:
    from ..results import Account, FactRow


class CountryFigures:
    """The country's claims and fact rows, indexed once for the share checks of many parts: its claims by
    article (in their order) and the row each of its records supports."""

    def __init__(self, claims: list[Claim], rows: dict[KeyT, list["FactRow"]]):
        self.rows = rows
        self.by_article: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            self.by_article[c.article_id].append(c)
        self.by_record = rows_by_record(rows)


def check(account: "Account") -> list[Conflict]:
    return share_mismatch_all(account.claims, account.rows)


def _count_for(place: str | None, share: Claim, own_claims: dict[tuple[KeyT, str], list[Claim]],
               rows: dict[KeyT, list["FactRow"]]) -> tuple[tuple[float, float], float, list[Claim], bool] | None:
    """(allowed values, value, claims, same article) of the all-star product total of `place` at the
    share's time: from the same article if it states one, else the preferred fact of overlapping days."""
    keys = [KeyT("ocop_products", star, None, place, "total", None) for star in (ALL_STARS, None)]
    for k in keys:
        own = [c for c in own_claims.get((k, share.article_id), []) if same_time(c, share)]
        if own:
            c = nearest(own, share)
            return c.allows, c.value, [c], True
    if share.span is None:
        return None
    for k in keys:
        near = [r for r in _preferred_by_time(rows, k) if overlaps(r.point.union, share.span)]
        if near:
            r = min(near, key=lambda r: r.fact.id)
            g = r.verdict.group
            return g.allows, g.value, [g.best], False
    return None


def _preferred_by_time(rows: dict[KeyT, list["FactRow"]], key: KeyT) -> list["FactRow"]:
    """Preferred dated facts of a key (few per key: one per time point)."""
    return [r for r in rows.get(key, []) if r.fact.rank == "preferred" and r.point.union is not None]


def share_mismatch_all(claims: list[Claim], rows: dict[KeyT, list["FactRow"]],
                       country: "CountryFigures | None" = None) -> list[Conflict]:
    """The findings of the stated shares among `claims` (with `rows`, their facts). `country`: the country's
    figures when they are not among them (a part of a partitioned reconciliation): the same findings as
    with its claims added after `claims` and its rows before `rows`."""
    shares = [s for s in claims if s.key.metric == "share_of_national" and s.key.place not in NATIONAL_NAMES]
    if not shares:
        return []
    sharing = {s.article_id for s in shares}     # the counts of the articles that state a share
    claims_by_key: dict[tuple[KeyT, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.article_id in sharing and c.key.metric == "ocop_products" and c.key.kind == "total":
            claims_by_key[(c.key, c.article_id)].append(c)
    only = {s.record_id for s in shares}
    by_record = rows_by_record(rows, only=only)
    if country is not None:
        for a in sharing:
            for c in country.by_article.get(a, ()):
                if c.key.metric == "ocop_products" and c.key.kind == "total":
                    claims_by_key[(c.key, a)].append(c)
        by_record = {**{rid: country.by_record[rid] for rid in only if rid in country.by_record}, **by_record}
        rows = {**country.rows, **rows}
    out = []
    for s in shares:
        part = _count_for(s.key.place, s, claims_by_key, rows)
        whole = None
        for name in NATIONAL_NAMES:
            whole = _count_for(name, s, claims_by_key, rows)
            if whole:
                break
        if not part or not whole or whole[0][0] <= 0:
            continue
        implied = (100 * part[0][0] / whole[0][1], 100 * part[0][1] / max(whole[0][0], 1e-9))
        computed = 100 * part[1] / whole[1] if whole[1] else 0
        sums = (f"{fmt(part[1])} ({cite(c.article_id for c in part[2])}) of "
                f"{fmt_claim(whole[2][0].value, whole[2][0].value_max, whole[2][0].approx)} "
                f"({cite(c.article_id for c in whole[2])}) is {fmt(round(computed, 1))}%")
        stated = f"{fmt_claim(s.value, s.value_max, s.approx)}%"
        if agree(s.allows, implied):
            row = by_record.get(s.record_id)
            if row is not None:
                row.fact.support.append(f"share: {sums}, as {s.article_id} states ({stated})")
            continue
        same_source = part[3] and whole[3]
        text = (f"{s.article_id} states that {s.scope} has {stated} of the country's OCOP products "
                f"(as of {describe(s.as_of)}), but {sums}.")
        if not same_source:
            text += " The counts come from other articles and may be for other days."
        key = key_model(s.key, s.scope)
        out.append(finding("share_mismatch", "medium" if same_source else "low", key, s.as_of,
                           [s.value, round(computed, 1)], [s, *part[2], *whole[2]], text,
                           built(Suggested, value=round(computed, 1), rule="share", as_of=s.as_of)))
    return out
