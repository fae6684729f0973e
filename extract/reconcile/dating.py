"""Dating a total by the arithmetic of stocks and flows.

A total whose date is only inferred (the article's latest date, its publication date) but which equals
an earlier total plus the additions of the period just before, holds at the end of that period:
2.167 (article dated to 2023) = 1.649 (2021) + 518 added in 2022, so 2.167 is the total at the end of
2022. The figures the article states in the same sentence as that total share its date.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from .claims import Claim, KeyT, claim_order
from .timeline import interval
from .values import fmt

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


def _leads_to(earlier: Claim, flow: Claim) -> bool:
    """The additions start where the earlier total stands."""
    e, f = earlier.span, flow.span
    return e.lo < f.lo <= e.hi + FLOW_SLACK_DAYS + 1


def _distinct(claims: list[Claim]) -> list[Claim]:
    """One claim per (days, allowed values): copies and repeats add nothing to the arithmetic."""
    seen: dict[tuple, Claim] = {}
    for c in sorted(claims, key=lambda c: c.record_id):
        seen.setdefault((c.span, c.allows), c)
    return list(seen.values())


def redate_by_flows(claims: list[Claim]) -> list[Claim]:
    """Give weakly dated totals the end of the period whose additions lead to them (in place); returns
    the claims that moved (`flow_moves`, then `apply_moves`)."""
    return apply_moves(claims, [(t, end, note) for _, t, end, note in flow_moves(claims)])


def flow_moves(claims: list[Claim]) -> list[tuple[tuple, Claim, str, str]]:
    """(where in the order of all moves, total, the day it moves to, why) of every weakly dated total
    whose additions lead to it, in the order `apply_moves` takes them: by key (in claim order), then in
    claim order. A move is found from the claims of one key and its additions (one place): those of some
    places give their moves, as all the claims do (`place_worker`). Per key: each distinct flow period is
    paired once with the totals it starts from, so the work stays small however many articles repeat a
    figure."""
    by_key: dict[KeyT, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.span is not None:
            by_key[c.key].append(c)
    moves: dict[int, tuple[tuple, Claim, str, str]] = {}
    for key, totals in by_key.items():
        if key.kind != "total":
            continue
        weak = [t for t in totals if t.time_basis in WEAK_BASES and not t.partial]
        flows = _distinct([f for f in by_key.get(key._replace(kind="added"), []) if not f.partial])
        if not weak or not flows:
            continue
        starts = sorted(_distinct(totals), key=lambda e: e.span.lo)
        los = [e.span.lo for e in starts]
        widest = max(e.span.hi - e.span.lo for e in starts)
        # (flow, earlier total, the range their sum allows), for every flow and a total it starts from (found
        # among the totals that begin before the flow, and late enough that even the longest reaches it)
        sums = [(f, e, (e.allows[0] + f.allows[0], e.allows[1] + f.allows[1]))
                for f in flows if period_end(f) and interval(period_end(f)) is not None
                for e in starts[bisect_left(los, f.span.lo - FLOW_SLACK_DAYS - 1 - widest):bisect_left(los, f.span.lo)]
                if _leads_to(e, f)]
        sums.sort(key=lambda x: (x[0].record_id, x[1].record_id))
        # the sums whose additions end in the MAX_GAP_DAYS before a day, in the order above (the first that
        # agrees is taken), found by bisection on the end day and kept for every total of that first day
        by_end = sorted(range(len(sums)), key=lambda i: sums[i][0].span.hi)
        ends = [sums[i][0].span.hi for i in by_end]
        before_day: dict[int, list[tuple]] = {}
        for n, t in enumerate(weak):
            day = t.span.lo
            near = before_day.get(day)
            if near is None:        # (each sum with its earlier total's article and range, read once a day)
                near = before_day[day] = [(sums[i][1].article_id, *sums[i][2], i) for i in
                                          sorted(by_end[bisect_left(ends, day - MAX_GAP_DAYS):bisect_left(ends, day)])]
            article, (least, most) = t.article_id, t.allows
            for e_article, lo, hi, i in near:
                if least <= hi and lo <= most and e_article != article:    # (`agree`, the cheaper test first)
                    f, e, _ = sums[i]
                    end = period_end(f)
                    note = (f"dated to the end of {end}: {fmt(t.value)} ({t.article_id}) = {fmt(e.value)} "
                            f"({e.as_of}, {e.article_id}) + {fmt(f.value)} added in {f.period or f.as_of} "
                            f"({f.article_id})")
                    moves[id(t)] = ((claim_order(totals[0]), n), t, end, note)     # (keys by their first claim)
                    break
    return list(moves.values())


def apply_moves(claims: list[Claim], moves: list[tuple[Claim, str, str]]) -> list[Claim]:
    """Each total of `moves` (total, day, why; in their order) moved to its day with the figures its
    article states in the same sentence at the same date, unless a move before dated them; returns the
    claims that moved."""
    moved: list[Claim] = []
    if not moves:
        return moved
    by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    articles = {t.article_id for t, _, _ in moves}     # (only the articles of the claims moved)
    for c in claims:
        if c.key.kind == "total" and c.article_id in articles:
            for sentence in {ev.sentence for ev in c.evidence}:
                by_sentence[(c.article_id, sentence)].append(c)
    for t, end, note in moves:
        siblings = {id(c): c for ev in t.evidence for c in by_sentence[(t.article_id, ev.sentence)]
                    if c.as_of == t.as_of}.values()
        for c in siblings:
            if c.dating_note is None:
                c.as_of, c.span, c.dating_note = end, interval(end), note
                moved.append(c)
    return moved


def redate_in_order(claims: list[Claim]) -> None:
    """`redate_by_flows`, then the claims in claim order again (`in_order_again`)."""
    in_order_again(claims, redate_by_flows(claims))


def in_order_again(claims: list[Claim], moved: list[Claim]) -> None:
    """The claims (in `claim_order` before the claims `moved` were dated again) in that order again, in
    place, as a stable sort of them all orders them, with only the claims that moved (some thousands of
    a million) sorted and put in their places among the others, which keep their order."""
    if not moved:
        return
    ids = {id(c) for c in moved}        # (a claim moved has a dating note: the others are passed at once)
    stay = [c for c in claims if c.dating_note is None or id(c) not in ids]
    moves = [c for c in claims if c.dating_note is not None and id(c) in ids]    # (in their order before)
    moves.sort(key=claim_order)
    out: list[Claim] = []
    done = 0
    for c in moves:
        order = claim_order(c)
        at = bisect_left(stay, order, lo=done, key=claim_order)
        if at < len(stay) and claim_order(stay[at]) == order:   # a tie: its place is by the order before
            claims.sort(key=claim_order)
            return
        out.extend(stay[done:at])
        out.append(c)
        done = at
    out.extend(stay[done:])
    claims[:] = out
