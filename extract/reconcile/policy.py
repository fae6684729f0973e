"""Resolution policy: for one key at one time point, which value is preferred, which are deprecated,
and why. The policy is a plain function `(TimePoint, PolicyContext) -> Resolution`; `reconcile()` takes
another one through its `policy` argument.

The default policy tries these rules in order (the first that decides wins):

1. `stated_change`: a source states a change in the period (`ba sản phẩm … được công nhận 5 sao,
   nâng tổng số … lên 9`): the value after it is preferred, a value that is the count before it is
   deprecated as out of date.
2. `stock_flow`: the value that equals the previous total plus the stated additions since.
3. `later_source`: another finding already showed that one source reports a later state than the other
   (it counts a stated change the other does not): the later source is preferred.
4. `sources`: more independent sources (a copied wording counts once).
5. `later_date`: a value stated for strictly later days.
Otherwise the point stays `unresolved`: every value ranked normal, none preferred.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .claims import Claim
from .points import TimePoint, ValueGroup
from .timeline import Interval, describe, overlaps
from .values import agree, fmt, fmt_claim


@dataclass(slots=True)
class Verdict:
    group: ValueGroup
    rank: str                      # preferred | normal | deprecated
    rule: str
    confidence: float
    explanation: str | None = None


@dataclass(slots=True)
class Resolution:
    verdicts: list[Verdict]
    rule: str                      # the rule that decided the point
    note: str = ""                 # why, for the finding's explanation
    change: Claim | None = None    # the stated change the decision rests on

    @property
    def preferred(self) -> Verdict | None:
        return next((v for v in self.verdicts if v.rank == "preferred"), None)


@dataclass
class Before:
    """The preferred value of the previous time point of the same key."""

    value: float
    as_of: str | None
    articles: list[str]


class SourceOrder:
    """Which articles report a later state than which, learnt from stated changes: the sources that
    count a change come after the ones that give the count before it. Kept as sets, so large groups
    of sources cost what they hold, not its square.

    An order holds only around the change: at another time point both sources report an older state.

    >>> from extract.reconcile.timeline import interval
    >>> order = SourceOrder()
    >>> order.add({"001"}, {"000", "004"}, "004 counts the June additions, 001 does not", interval("2025"))
    >>> order.reason({"001"}, {"004"}, interval("2025-06")), order.reason({"004"}, {"001"}, interval("2025"))
    ('004 counts the June additions, 001 does not', None)
    >>> order.reason({"001"}, {"004"}, interval("2021")) is None
    True
    """

    def __init__(self):
        self.before: dict[str, set[int]] = {}
        self.after: dict[str, set[int]] = {}
        self.why: list[str] = []
        self.spans: list[Interval | None] = []

    def add(self, before: set[str], after: set[str], why: str, span: Interval | None) -> None:
        """`span`: the days of the time point where the change showed (the order holds there)."""
        before, after = set(before) - set(after), set(after) - set(before)
        if not before or not after:
            return
        n = len(self.why)
        self.why.append(why)
        self.spans.append(span)
        for a in before:
            self.before.setdefault(a, set()).add(n)
        for b in after:
            self.after.setdefault(b, set()).add(n)

    @property
    def articles(self) -> set[str]:
        return set(self.before) | set(self.after)

    def __bool__(self) -> bool:
        return bool(self.why)

    def reason(self, early: set[str], late: set[str], span: Interval | None) -> str | None:
        """Why `late` reports after `early` around `span`, or None when nothing says so."""
        e = set().union(*(self.before.get(a, ()) for a in early)) if early else set()
        if not e:
            return None
        common = [n for n in e & set().union(*(self.after.get(b, ()) for b in late))
                  if overlaps(self.spans[n], span)]
        return self.why[min(common)] if common else None


@dataclass
class PolicyContext:
    changes: list[Claim] = field(default_factory=list)       # stated additions overlapping the point
    before: Before | None = None
    flows_since: list[Claim] = field(default_factory=list)   # additions between `before` and the point
    source_order: SourceOrder = field(default_factory=SourceOrder)


Policy = Callable[[TimePoint, PolicyContext], Resolution]


def confidence(group: ValueGroup, rule: str, contradicted: bool) -> float:
    """More independent sources, an exact statement and a rule backed by arithmetic raise confidence;
    an approximate statement or a contested majority lowers it."""
    n = len(group.origins)
    base = 0.6 if n == 1 else 0.75 if n == 2 else 0.85
    if rule in ("stated_change", "stock_flow", "later_source"):
        base += 0.1
    if group.allows[0] != group.allows[1]:
        base -= 0.1
    if contradicted and rule in ("sources", "later_date"):
        base -= 0.15
    return round(min(0.95, max(0.05, base)), 2)


def label(group: ValueGroup) -> str:
    """`6 (001_…, as of about June 2025)`: a value with its sources and date, for explanations."""
    return group.label


def _change_between(gap: float, high_articles: set[str], changes: list[tuple[Claim, float, float]]
                    ) -> tuple[Claim, bool] | None:
    """A stated addition (of `changes`: in record order, with the least and most each allows) that takes a count
    to one `gap` higher: (claim, exact) when the gap is what it allows (the first such), else the first whose
    source also states the higher count (the addition raised the total) and that is at least the gap."""
    if gap <= 0:
        return None
    best = None
    for ch, lo, hi in changes:
        if not gap <= hi:
            continue
        if lo <= gap:
            return (ch, True)
        if best is None and ch.article_id in high_articles:
            best = (ch, False)
    return best


def stated_change(point: TimePoint, ctx: PolicyContext) -> Resolution | None:
    groups = point.groups
    if not ctx.changes:
        return None
    changes = [(ch, *((ch.value, ch.value) if ch.partial else ch.allows))    # (once a point; one organization's
               for ch in sorted(ctx.changes, key=lambda c: c.record_id)]    # count: what it says, the place may add)
    values = [g.value for g in groups]
    for high in sorted(groups, key=lambda g: -g.value):
        befores = []
        found = None
        high_value, high_articles = high.value, set(high.articles)
        for low, low_value in zip(groups, values):
            if low is high:
                continue
            hit = _change_between(high_value - low_value, high_articles, changes)
            if hit:
                befores.append((low, hit))
                found = found or hit
        if not befores:
            continue
        ch, exact = found
        verdicts = [Verdict(high, "preferred", "stated_change", confidence(high, "stated_change", True))]
        first_low = befores[0][0]
        arithmetic = f" ({fmt(first_low.value)} + {fmt(ch.value)} = {fmt(high.value)})" if exact else ""
        change_text = (f"{ch.article_id} states that {fmt_claim(ch.value, ch.value_max, ch.approx)} "
                       f"were added in {describe(ch.as_of or ch.period)}{arithmetic}")
        for low, (c, exact) in befores:
            arithmetic = (f" ({fmt(low.value)} + {fmt(c.value)} = {fmt(high.value)})" if exact else "")
            verdicts.append(Verdict(low, "deprecated", "stated_change", 0.1,
                                    f"Out of date: {label(low)} is the count before the additions of "
                                    f"{describe(c.as_of or c.period)}: {c.article_id} states that "
                                    f"{fmt_claim(c.value, c.value_max, c.approx)} were added then, "
                                    f"bringing the total to {fmt(high.value)}{arithmetic}."))
        for g in groups:
            if g is not high and all(g is not low for low, _ in befores):
                verdicts.append(Verdict(g, "normal", "stated_change", confidence(g, "sources", True),
                                        f"Not explained by the stated change; {label(high)} is preferred."))
        note = (f"{change_text}, so {label(high)} is the count after them and "
                + ", ".join(label(low) for low, _ in befores) + " the count before.")
        return Resolution(verdicts, "stated_change", note, ch)
    return None


def stock_flow_agreement(point: TimePoint, ctx: PolicyContext) -> Resolution | None:
    if ctx.before is None or not ctx.flows_since:
        return None
    fits = []
    for g in point.groups:
        for fl in ctx.flows_since:
            if agree(fl.allows, (g.value - ctx.before.value,) * 2):
                fits.append((g, fl))
                break
    if len(fits) != 1:
        return None
    g, fl = fits[0]
    why = (f"{fmt(ctx.before.value)} (as of {describe(ctx.before.as_of)}) + {fmt(fl.value)} added in "
           f"{describe(fl.period or fl.as_of)} ({fl.article_id}) = {fmt(g.value)}")
    verdicts = [Verdict(g, "preferred", "stock_flow", confidence(g, "stock_flow", True), None)]
    for other in point.groups:
        if other is not g:
            verdicts.append(Verdict(other, "normal", "stock_flow", confidence(other, "sources", True),
                                    f"Does not follow from the earlier total and the additions since: {why}."))
    return Resolution(verdicts, "stock_flow", f"the earlier total and the additions since agree with "
                      f"{fmt(g.value)}: {why}")


def later_source(point: TimePoint, ctx: PolicyContext) -> Resolution | None:
    if not ctx.source_order:
        return None
    for late in point.groups:
        reasons = []
        for early in point.groups:
            if early is late:
                continue
            span = point.union
            why = ctx.source_order.reason(set(early.articles), set(late.articles), span)
            if why is None or ctx.source_order.reason(set(late.articles), set(early.articles), span) is not None:
                break
            reasons.append((early, why))
        else:
            if not reasons:
                continue
            verdicts = [Verdict(late, "preferred", "later_source", confidence(late, "later_source", True))]
            for early, why in reasons:
                verdicts.append(Verdict(early, "deprecated", "later_source", 0.2,
                                        f"Out of date: {label(early)} reports an earlier state: {why}"))
            note = "; ".join(why for _, why in reasons)
            return Resolution(verdicts, "later_source", f"{label(late)} is the later report: {note}")
    return None


def more_sources(point: TimePoint, ctx: PolicyContext) -> Resolution | None:
    ranked = sorted(point.groups, key=lambda g: -len(g.origins))
    if len(ranked[0].origins) <= len(ranked[1].origins):
        return None
    top = ranked[0]
    verdicts = [Verdict(top, "preferred", "sources", confidence(top, "sources", True))]
    for g in ranked[1:]:
        verdicts.append(Verdict(g, "normal", "sources", confidence(g, "sources", True),
                                f"Fewer independent sources ({len(g.origins)}) than {label(top)} "
                                f"({len(top.origins)})."))
    return Resolution(verdicts, "sources", f"{label(top)} has more independent sources")


def later_date(point: TimePoint, ctx: PolicyContext) -> Resolution | None:
    spans = {id(g): g.as_of_claim.span for g in point.groups}
    if any(s is None for s in spans.values()):
        return None
    for g in point.groups:
        s = spans[id(g)]
        if all(s.lo > spans[id(o)].lo and s.hi >= spans[id(o)].hi for o in point.groups if o is not g):
            verdicts = [Verdict(g, "preferred", "later_date", confidence(g, "later_date", True))]
            for o in point.groups:
                if o is not g:
                    verdicts.append(Verdict(o, "normal", "later_date", confidence(o, "later_date", True),
                                            f"Stated for earlier days than {label(g)}."))
            return Resolution(verdicts, "later_date", f"{label(g)} is stated for later days")
    return None


RULES: list[Callable[[TimePoint, PolicyContext], Resolution | None]] = [
    stated_change, stock_flow_agreement, later_source, more_sources, later_date]


def default_policy(point: TimePoint, ctx: PolicyContext) -> Resolution:
    groups = point.groups
    if not point.dated:
        return Resolution([Verdict(g, "normal", "undated", round(confidence(g, "undated", len(groups) > 1) - 0.2, 2))
                           for g in groups], "undated")
    if len(groups) == 1:
        g = groups[0]
        rule = "sources" if len(g.origins) > 1 else "single_source"
        return Resolution([Verdict(g, "preferred", rule, confidence(g, rule, False))], rule)
    if len(point.articles) == 1:
        return Resolution([Verdict(g, "normal", "same_source", 0.3,
                                   "The same article gives other values for this figure and time.")
                           for g in groups], "same_source")
    if point.key.kind == "total":
        for rule in RULES:
            res = rule(point, ctx)
            if res is not None:
                return res
    else:
        for rule in (more_sources, later_date):
            res = rule(point, ctx)
            if res is not None:
                return res
    return Resolution([Verdict(g, "normal", "unresolved", confidence(g, "sources", True) - 0.1)
                       for g in groups], "unresolved",
                      "no rule decides between " + " and ".join(label(g) for g in groups))
