"""Dating a total by the arithmetic of stocks and flows.

A total whose date is only inferred (the article's latest date, its publication date) but which equals
an earlier total plus the additions of the period just before, holds at the end of that period:
2.167 (article dated to 2023) = 1.649 (2021) + 518 added in 2022, so 2.167 is the total at the end of
2022. The figures the article states in the same sentence as that total share its date.
"""
from __future__ import annotations

from collections import defaultdict

from .claims import Claim, KeyT
from .timeline import interval
from .values import agree, fmt

WEAK_BASES = ("inferred", "published", None)
"""Dates a claim did not state itself; arithmetic may give a better one."""
FLOW_SLACK_DAYS = 31
MAX_GAP_DAYS = 366
"""The additions must end within this many days before the total's inferred date."""


def period_end(c: Claim) -> str | None:
    """The EDTF point a flow's period ends at (`2021/2025` -> `2025`)."""
    text = c.period or c.as_of
    if not text:
        return None
    end = text.rpartition("/")[2]
    return end if end and end != ".." else None


def _fits(earlier: Claim, flow: Claim, total: Claim) -> bool:
    e, f, t = earlier.span, flow.span, total.span
    return (e.lo < f.lo <= e.hi + FLOW_SLACK_DAYS + 1 and f.hi < t.lo <= f.hi + MAX_GAP_DAYS
            and agree(total.allows, (earlier.allows[0] + flow.allows[0], earlier.allows[1] + flow.allows[1])))


def redate_by_flows(claims: list[Claim]) -> list[Claim]:
    """Give weakly dated totals the end of the period whose additions lead to them (in place); returns
    the claims that moved."""
    by_key: dict[KeyT, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.span is not None:
            by_key[c.key].append(c)
    moves: dict[int, tuple[Claim, str, str]] = {}
    for key, totals in by_key.items():
        if key.kind != "total":
            continue
        flows = [f for f in by_key.get(key._replace(kind="added"), []) if not f.partial]
        for t in totals:
            if t.time_basis not in WEAK_BASES or t.partial:
                continue
            for f in sorted(flows, key=lambda c: c.record_id):
                earlier = [e for e in totals if e is not t and e.article_id != t.article_id and _fits(e, f, t)]
                end = period_end(f)
                if earlier and end and interval(end) is not None:
                    e = min(earlier, key=lambda c: c.record_id)
                    note = (f"dated to the end of {end}: {fmt(t.value)} ({t.article_id}) = {fmt(e.value)} "
                            f"({e.as_of}, {e.article_id}) + {fmt(f.value)} added in {f.period or f.as_of} "
                            f"({f.article_id})")
                    moves[id(t)] = (t, end, note)
                    break
    moved = []
    for t, end, note in list(moves.values()):
        sentences = {ev["sentence"] for ev in t.evidence}
        siblings = [c for c in claims if c.article_id == t.article_id and c.key.kind == "total"
                    and c.as_of == t.as_of and sentences & {ev["sentence"] for ev in c.evidence}]
        for c in siblings:
            if c.dating_note is None:
                c.as_of, c.span, c.dating_note = end, interval(end), note
                moved.append(c)
    return moved
