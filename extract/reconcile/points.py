"""Claims of one key -> time points, and the claims at one time point -> groups of agreeing values.

Stocks (`total`) that hold at overlapping days speak of one time point. Flows (`added`) and plans
(`target`) are figures of their period or deadline: another period is another figure, not a
disagreement.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .claims import Claim, KeyT, precision_key
from .timeline import Interval, describe, group_equal, group_overlapping
from .values import fmt_claim, is_exact
from .words import cite


def _lazy():
    """A field worked out on its first read (by the class's `__getattr__`) and kept in its slot: time points
    and value groups are slotted (a million of them without a dict each), and a slot once set is read at
    the speed of any attribute, with no Python call (a property that caches is one on every read)."""
    return field(init=False, repr=False, compare=False)


def _work_out(obj, name: str, makers: dict):
    """`obj.name` read before it was set: worked out by `makers[name]` and kept."""
    make = makers.get(name)
    if make is None:
        raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}")
    value = make(obj)
    setattr(obj, name, value)
    return value


def independent_sources(claims: list[Claim]) -> set[str]:
    """Articles, joined when they state a figure in the same words (one copied the other, or both a
    press release); each joined set is named by its first article.

    >>> from types import SimpleNamespace as C
    >>> sorted(independent_sources([C(article_id="a", origin="x"), C(article_id="b", origin="x"),
    ...                             C(article_id="c", origin="y"), C(article_id="c", origin="z")]))
    ['a', 'c']
    """
    every = {c.article_id for c in claims}
    if len(every) == 1:                 # one article: nothing to join (and no wording to read)
        return every
    articles_by_wording: dict[str, set[str]] = {}
    for c in claims:
        articles_by_wording.setdefault(c.origin, set()).add(c.article_id)
    shared = [arts for arts in articles_by_wording.values() if len(arts) > 1]
    if not shared:                      # the usual case: no wording is shared, every article counts
        return every
    parent: dict[str, str] = {a: a for a in every}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for arts in shared:
        first, *rest = sorted(arts)
        for other in rest:
            ra, rb = find(first), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {find(a) for a in every}


@dataclass(slots=True)
class ValueGroup:
    """Claims at one time point that allow a common value. `best`, `articles`, `origins`, `record_ids`,
    `as_of_claim` and `label` are worked out on their first read (see `_GROUP`)."""

    claims: list[Claim]
    allows: tuple[float, float]
    best: Claim = _lazy()
    articles: list[str] = _lazy()
    origins: set[str] = _lazy()
    record_ids: list[str] = _lazy()
    as_of_claim: Claim = _lazy()
    label: str = _lazy()

    def __getattr__(self, name: str):
        return _work_out(self, name, _GROUP)

    @property
    def value(self) -> float:
        return self.best.value


def _best(g: ValueGroup) -> Claim:
    """The claim that states the value most exactly (then the most precise time)."""
    return min(g.claims, key=lambda c: (c.partial, c.allows[1] - c.allows[0], precision_key(c)))


def _as_of_claim(g: ValueGroup) -> Claim:
    dated = [c for c in g.claims if c.span is not None] or g.claims
    return min(dated, key=precision_key)


def _label(g: ValueGroup) -> str:
    """`6 (001_…, as of about June 2025)`: the value with its sources and date, for explanations (the
    policy's and the findings': worked out once)."""
    b = g.best
    return f"{fmt_claim(b.value, b.value_max, b.approx)} ({cite(g.articles)}, as of {describe(g.as_of_claim.as_of)})"


_GROUP = {
    "best": _best,
    "articles": lambda g: sorted({c.article_id for c in g.claims}),
    # independent sources: one per article, and articles that share a wording count once
    "origins": lambda g: independent_sources(g.claims),
    "record_ids": lambda g: sorted(ev.record_id for c in g.claims for ev in c.evidence),
    "as_of_claim": _as_of_claim,
    "label": _label,
}


@dataclass(slots=True)
class TimePoint:
    """Claims of one key at overlapping days (or the same period). `dated`, `common` (the days all claims
    share, None when undated), `union`, `as_of` (the most precise date stated for the point, stable: the
    choice depends only on the claims) and `articles` are worked out on their first read (`_POINT`)."""

    key: KeyT
    claims: list[Claim]
    groups: list[ValueGroup] = field(default_factory=list)
    dated: bool = _lazy()
    common: Interval | None = _lazy()
    union: Interval | None = _lazy()
    as_of: str | None = _lazy()
    articles: set[str] = _lazy()

    def __getattr__(self, name: str):
        return _work_out(self, name, _POINT)


def _common(p: TimePoint) -> Interval | None:
    spans = [c.span for c in p.claims if c.span is not None]
    if not spans:
        return None
    out = spans[0]
    for s in spans[1:]:
        out = out.intersect(s) or out
    return out


def _union(p: TimePoint) -> Interval | None:
    spans = [c.span for c in p.claims if c.span is not None]
    return Interval(min(s.lo for s in spans), max(s.hi for s in spans)) if spans else None


def _as_of(p: TimePoint) -> str | None:
    dated = [c for c in p.claims if c.span is not None]
    return min(dated, key=precision_key).as_of if dated else None


_POINT = {
    "dated": lambda p: any(c.span is not None for c in p.claims),
    "common": _common,
    "union": _union,
    "as_of": _as_of,
    "articles": lambda p: {c.article_id for c in p.claims},
}


def time_points(key: KeyT, claims: list[Claim]) -> list[TimePoint]:
    """The time points of one key, in time order (undated claims last, as one point)."""
    dated = [c for c in claims if c.span is not None]
    undated = [c for c in claims if c.span is None]
    if key.kind == "total":
        groups = group_overlapping(dated, lambda c: c.span)
    else:
        groups = group_equal(dated, lambda c: c.span)
    points = [TimePoint(key, g) for g in groups]
    if undated:
        points.append(TimePoint(key, undated))
    for p in points:
        p.groups = value_groups(p.claims)
    return points


def value_groups(claims: list[Claim]) -> list[ValueGroup]:
    """Exact statements first, grouped by value; then each qualified statement joins the agreeing
    group with the most independent sources (or starts its own). Groups ordered by value."""
    groups: list[ValueGroup] = []
    ordered = sorted(claims, key=lambda c: (not is_exact(c.allows) or c.partial, c.allows[1] - c.allows[0],
                                            c.value, c.record_id))
    exact: dict[float, ValueGroup] = {}     # while only exact statements came: each value's group
    articles: dict[int, set[str]] = {}       # each group's articles, as claims join it
    for c in ordered:
        lo, hi = c.allows
        if exact is not None and lo == hi and lo == lo and not c.partial:     # (lo == lo: not NaN)
            # an exact value agrees only with the group of that value (all groups are exact so far)
            g = exact.get(lo)
            if g is not None:
                g.claims.append(c)
                articles[id(g)].add(c.article_id)
            else:
                g = exact[lo] = ValueGroup([c], c.allows)
                groups.append(g)
                articles[id(g)] = {c.article_id}
            continue
        exact = None
        fits = [g for g in groups if g.allows[0] <= hi and lo <= g.allows[1]]      # (values.agree)
        if fits:    # (while building, a group's first claim stands for it; its properties are cached later)
            g = max(fits, key=lambda g: (len(articles[id(g)]), -abs(g.claims[0].value - c.value),
                                         -g.claims[0].value))
            g.claims.append(c)
            articles[id(g)].add(c.article_id)
            g.allows = (max(g.allows[0], lo), min(g.allows[1], hi))
        else:
            g = ValueGroup([c], c.allows)
            groups.append(g)
            articles[id(g)] = {c.article_id}
    groups.sort(key=lambda g: (g.allows[0], g.claims[0].value))
    return groups
