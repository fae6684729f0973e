"""Findings: one named function per type. A check that passes leaves a line in `support` on the facts
it concerns; one that fails yields a `Conflict` with a severity and an explanation a person can read.

- `value_mismatch`: sources give different values for one key at overlapping days.
- `parts_sum`: within one source, parts (star classes, product groups, new + re-rated) do not add up.
- `stock_flow`: totals at two dates and the additions between them do not agree.
- `decrease`: a total falls over time.
- `share_mismatch`: a stated share of the country against the counts it implies.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from schemas import Claim as ClaimOut
from schemas import Conflict, Key, Suggested

from .claims import ALL_STARS, STAR_CLASSES, Claim, KeyT
from .ids import stable_id
from .places import NATIONAL_NAMES
from .policy import Resolution, label
from .timeline import Interval, describe, overlaps
from .values import agree, fmt, fmt_claim
from .words import STAR_NAMES, cite, key_words

if TYPE_CHECKING:
    from .core import FactRow
    from .points import TimePoint

FLOW_SLACK_DAYS = 31
"""A flow fits between two totals when it starts and ends within this many days of them."""
SEVERITY_BY_RULE = {"stated_change": "low", "stock_flow": "low", "later_source": "low", "sources": "medium",
                    "later_date": "medium", "unresolved": "high"}
ABOUT_THE_SIZE = 2.0
"""A gap is `about the size` of a missing class when neither is more than this many times the other."""
SMALL_SHARE = 0.02
"""A difference below this share of the total is of low severity."""


def claim_entries(claims: list[Claim]) -> list[ClaimOut]:
    """Every record behind the claims, with its article and evidence sentence (sorted, stable)."""
    out = []
    for c in claims:
        for ev in c.evidence:
            # built from validated records: construct without validating again (it is the hot loop)
            out.append(ClaimOut.model_construct(record_id=ev["record_id"], article_id=c.article_id,
                                                value=c.value, value_max=c.value_max, approx=c.approx,
                                                as_of=c.as_of, sentence=ev["sentence"],
                                                evidence_start=ev["start"], evidence_end=ev["end"]))
    return sorted(out, key=lambda e: (e.article_id, e.evidence_start or 0, e.record_id))


def finding(type_: str, severity: str, key: Key, as_of: str | None, values: list, claims: list[Claim],
            explanation: str, suggested: Suggested | None = None) -> Conflict:
    entries = claim_entries(claims)
    fid = stable_id("c", type_, key.model_dump(), as_of, sorted(e.record_id for e in entries))
    return Conflict(id=fid, type=type_, severity=severity, key=key, as_of=as_of, values=values, claims=entries,
                    explanation=explanation, suggested=suggested)


def key_label(key: Key) -> str:
    return key_words(key)


# --- value_mismatch ---------------------------------------------------------------------------------

def value_mismatch(key: Key, point: "TimePoint", res: Resolution) -> Conflict | None:
    """Different values for one figure at overlapping days from different sources."""
    if not point.dated or len(point.groups) < 2 or res.rule == "same_source":
        return None
    severity = SEVERITY_BY_RULE.get(res.rule, "medium")
    if key.kind != "total" and severity == "high":
        severity = "medium"
    pref = res.preferred
    text = (f"Sources disagree on {key_label(key)} at {describe(point.as_of)}: "
            + "; ".join(label(g) for g in point.groups) + ".")
    if res.note:
        text += f" Resolution ({res.rule}): {res.note}"
    suggested = Suggested(value=pref.group.value if pref else None, rule=res.rule,
                          as_of=pref.group.as_of_claim.as_of if pref else point.as_of)
    return finding("value_mismatch", severity, key, point.as_of, [g.value for g in point.groups],
                   point.claims, text, suggested)


# --- parts_sum --------------------------------------------------------------------------------------

def _same_time(a: Claim, b: Claim) -> bool:
    """Stocks: the same or overlapping days. Flows and plans: the same period."""
    if a.key.kind != "total" or b.key.kind != "total":
        return a.span == b.span and (a.span is not None or a.as_of == b.as_of)
    return a.as_of == b.as_of or overlaps(a.span, b.span)


def _nearest(claims: list[Claim], to: Claim) -> Claim:
    start = to.evidence[0]["start"]
    return min(claims, key=lambda c: (min(abs(e["start"] - start) for e in c.evidence), c.record_id))


SPLITS = {
    "star": lambda t, c: c.key.star in STAR_CLASSES and c.key.category is None and c.key.status is None,
    "category": lambda t, c: c.key.category is not None and c.key.status is None
                             and c.key.star in (None, ALL_STARS),
    "status": lambda t, c: c.key.status is not None and c.key.star == t.key.star and c.key.category is None,
}
"""How a total is split into parts: by star class, by product group, into new and re-rated."""


def _part_name(split: str, c: Claim) -> str:
    return {"star": STAR_NAMES.get(c.key.star or "", ""), "category": c.key.category or "",
            "status": {"new": "new", "renewed": "re-rated"}.get(c.key.status or "", "")}[split]


def _rows_by_record(rows: dict[KeyT, list["FactRow"]]) -> dict[str, "FactRow"]:
    out = {}
    for rs in rows.values():
        for r in rs:
            for rid in r.fact.supporting:
                out[rid] = r
    return out


def _missing_class_note(total: Claim, missing: list[str], gap: float, rows: dict[KeyT, list["FactRow"]]) -> str:
    """What the missing star classes measure elsewhere, nearest in time to the total."""
    bits = []
    for star in missing:
        cands = [r for r in rows.get(total.key.with_(star=star), [])
                 if r.fact.rank != "deprecated" and r.point.common is not None and total.span is not None]
        if not cands:
            continue
        mid = (total.span.lo + total.span.hi) // 2
        near = min(cands, key=lambda r: (abs((r.point.common.lo + r.point.common.hi) // 2 - mid), r.fact.id))
        size = near.fact.value
        about = size > 0 and gap > 0 and max(size, gap) / min(size, gap) <= ABOUT_THE_SIZE
        bits.append(f"{'about the size of' if about else 'compare'} the {STAR_NAMES[star]} class elsewhere: "
                    f"{fmt(size)} as of {describe(near.fact.as_of)} ({cite(near.fact.articles)})")
    names = ", ".join(STAR_NAMES[s] for s in missing)
    text = f" The article gives no figure for {names}; the gap may be that class"
    return text + (" (" + "; ".join(bits) + ")." if bits else ".")


def parts_sum(total: Claim, split: str, parts: list[Claim], rows: dict[KeyT, list["FactRow"]],
              by_record: dict[str, "FactRow"], key: Key) -> Conflict | None:
    lo = sum(p.allows[0] for p in parts)
    hi = sum(p.allows[1] for p in parts)
    values = sum(p.value for p in parts)
    names = ", ".join(_part_name(split, p) for p in parts)
    sum_text = f"{' + '.join(fmt(p.value) for p in parts)} = {fmt(values)} ({names})"
    if agree(total.allows, (lo, hi)):
        line = f"parts_sum: {fmt_claim(total.value, total.value_max, total.approx)} = {sum_text} in {total.article_id}"
        for c in [total, *parts]:
            row = by_record.get(c.record_id)
            if row is not None:
                row.fact.support.append(line)
        return None
    gap = total.value - values
    text = (f"In {total.article_id}, the parts of {key_label(key)} (as of {describe(total.as_of)}) do not add "
            f"up: {fmt_claim(total.value, total.value_max, total.approx)} against {sum_text}, "
            f"{fmt(abs(gap))} {'short' if gap > 0 else 'over'}.")
    severity = "medium" if abs(gap) > SMALL_SHARE * max(total.value, 1) else "low"
    missing = [s for s in STAR_CLASSES if s not in {p.key.star for p in parts}] if split == "star" else []
    if gap > 0 and missing:
        text += _missing_class_note(total, missing, gap, rows)
        severity = "low"
    elif gap > 0:
        text += " Some parts may be unstated, or a figure misread."
    else:
        text += " A product may be counted in two parts, or a figure misread."
    return finding("parts_sum", severity, key, total.as_of, [total.value, values], [total, *parts], text,
                   Suggested(value=total.value, rule="parts_sum", as_of=total.as_of))


def parts_sum_all(claims: list[Claim], rows: dict[KeyT, list["FactRow"]],
                  scopes: dict[KeyT, str | None]) -> list[Conflict]:
    """Each total of each article against each way the same article splits it."""
    from .core import key_model
    by_source: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_source[(c.article_id, c.key.metric, c.key.place, c.key.kind)].append(c)
    by_record = _rows_by_record(rows)
    out = []
    for group in by_source.values():
        totals = [c for c in group if c.key.star in (ALL_STARS, None) and c.key.category is None
                  and c.key.status is None and not c.partial]
        for t in totals:
            for split, is_part in SPLITS.items():
                cands = [c for c in group if c is not t and not c.partial and is_part(t, c) and _same_time(t, c)]
                by_class: dict = defaultdict(list)
                for c in cands:
                    by_class[(c.key.star, c.key.category, c.key.status)].append(c)
                parts = [_nearest(cs, t) for _, cs in sorted(by_class.items(), key=lambda kv: str(kv[0]))]
                if len(parts) < 2:
                    continue
                parts.sort(key=lambda c: (c.evidence[0]["start"], c.record_id))
                found = parts_sum(t, split, parts, rows, by_record, key_model(t.key, scopes[t.key]))
                if found:
                    out.append(found)
    return out


# --- stock_flow -------------------------------------------------------------------------------------

def flow_fits(before: Interval, flow: Interval, after: Interval) -> bool:
    """Additions over `flow` are what a total gained from `before` to `after`: the period starts where
    the earlier total stands and ends where the later one does.

    >>> from extract.reconcile.timeline import interval
    >>> flow_fits(interval("2021"), interval("2022"), interval("2022"))
    True
    >>> flow_fits(interval("2021"), interval("2022"), interval("2025"))
    False
    """
    return (before.lo < flow.lo <= before.hi + FLOW_SLACK_DAYS + 1
            and after.lo - FLOW_SLACK_DAYS - 1 <= flow.hi <= after.hi and before.hi < after.hi)


def _dated_preferred(rs: list["FactRow"]) -> list["FactRow"]:
    out = [r for r in rs if r.fact.rank == "preferred" and r.point.common is not None]
    return sorted(out, key=lambda r: (r.point.common.lo, r.point.common.hi))


def _flow_span(r: "FactRow") -> Interval | None:
    return r.verdict.group.as_of_claim.span


def stock_flow_all(rows: dict[KeyT, list["FactRow"]], checked: set | None = None) -> list[Conflict]:
    """Every pair of successive totals with additions stated for the time between them; the pairs
    checked (passing or not) go into `checked`, so a fall they explain is not reported again."""
    out = []
    for k, rs in rows.items():
        if k.kind != "total":
            continue
        totals = _dated_preferred(rs)
        flows = [r for r in rows.get(k.with_(kind="added"), []) if r.fact.rank == "preferred"
                 and _flow_span(r) is not None and not r.verdict.group.best.partial]
        for a, b in zip(totals, totals[1:]):
            for f in flows:
                if flow_fits(a.point.common, _flow_span(f), b.point.common):
                    if checked is not None:
                        checked.add((a.fact.id, b.fact.id))
                    found = stock_flow(a, f, b)
                    if found:
                        out.append(found)
    return out


def stock_flow(a: "FactRow", f: "FactRow", b: "FactRow") -> Conflict | None:
    ga, gf, gb = a.verdict.group, f.verdict.group, b.verdict.group
    diff_range = (gb.allows[0] - ga.allows[1], gb.allows[1] - ga.allows[0])
    diff = gb.value - ga.value
    sums = (f"{fmt(gb.value)} ({describe(b.fact.as_of)}, {cite(gb.articles)}) − {fmt(ga.value)} "
            f"({describe(a.fact.as_of)}, {cite(ga.articles)}) = {fmt(diff)}")
    flow_text = (f"{fmt_claim(gf.value, gf.best.value_max, gf.best.approx)} added in "
                 f"{describe(f.fact.period or f.fact.as_of)} ({cite(gf.articles)})")
    if agree(diff_range, gf.allows):
        line = f"stock_flow: {sums}, the {flow_text}"
        for r in (a, f, b):
            r.fact.support.append(line)
        return None
    if diff < gf.value:
        why = ("The total grew by less than the additions: ratings expire after 36 months and re-rated "
               "products are counted again among the additions, or products moved to another star class.")
    else:
        why = ("The total grew by more than the stated additions: some additions are not in the sources, "
               "or products moved in from another star class.")
    text = f"Totals and additions of {key_label(a.fact.key)} do not agree: {sums}, but {flow_text}. {why}"
    gap = abs(diff - gf.value)
    severity = "low" if gap <= max(SMALL_SHARE * max(gb.value, 1), 2) else "medium"
    return finding("stock_flow", severity, a.fact.key, b.fact.as_of, [ga.value, gf.value, gb.value],
                   [*ga.claims, *gf.claims, *gb.claims], text,
                   Suggested(value=ga.value + gf.value, rule="stock_flow", as_of=b.fact.as_of))


# --- decrease ---------------------------------------------------------------------------------------

def decrease_all(rows: dict[KeyT, list["FactRow"]], checked: set | None = None) -> list[Conflict]:
    """Successive totals that fall, except where a stock-flow check already looked at the pair."""
    out = []
    for k, rs in rows.items():
        if k.kind != "total":
            continue
        totals = _dated_preferred(rs)
        for a, b in zip(totals, totals[1:]):
            if checked and (a.fact.id, b.fact.id) in checked:
                continue
            found = decrease(a, b)
            if found:
                out.append(found)
    return out


def decrease(a: "FactRow", b: "FactRow") -> Conflict | None:
    """A later total clearly below an earlier one (their allowed values do not meet)."""
    ga, gb = a.verdict.group, b.verdict.group
    if gb.allows[1] >= ga.allows[0]:
        return None
    drop = ga.value - gb.value
    text = (f"{key_label(a.fact.key)} falls from {label(ga)} to {label(gb)}, {fmt(drop)} fewer. Possible, "
            f"since ratings expire after 36 months or products move to another star class, but worth a look.")
    severity = "low" if drop <= 0.1 * max(ga.value, 1) else "medium"
    return finding("decrease", severity, a.fact.key, b.fact.as_of, [ga.value, gb.value],
                   [*ga.claims, *gb.claims], text, Suggested(value=gb.value, rule="later_date",
                                                              as_of=b.fact.as_of))


# --- share_mismatch ---------------------------------------------------------------------------------

def _count_for(place: str | None, share: Claim, own_claims: dict[tuple[KeyT, str], list[Claim]],
               rows: dict[KeyT, list["FactRow"]]) -> tuple[tuple[float, float], float, list[Claim], bool] | None:
    """(allowed values, value, claims, same article) of the all-star product total of `place` at the
    share's time: from the same article if it states one, else the preferred fact of overlapping days."""
    keys = [KeyT("ocop_products", star, None, place, "total", None) for star in (ALL_STARS, None)]
    for k in keys:
        own = [c for c in own_claims.get((k, share.article_id), []) if _same_time(c, share)]
        if own:
            c = _nearest(own, share)
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


def share_mismatch_all(claims: list[Claim], rows: dict[KeyT, list["FactRow"]]) -> list[Conflict]:
    from .core import key_model
    claims_by_key: dict[tuple[KeyT, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.key.metric == "ocop_products" and c.key.kind == "total":
            claims_by_key[(c.key, c.article_id)].append(c)
    by_record = _rows_by_record(rows)
    out = []
    for s in claims:
        if s.key.metric != "share_of_national" or s.key.place in NATIONAL_NAMES:
            continue
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
                           Suggested(value=round(computed, 1), rule="share", as_of=s.as_of)))
    return out
