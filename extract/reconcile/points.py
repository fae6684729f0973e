"""Claims of one key -> time points, and the claims at one time point -> groups of agreeing values.

Stocks (`total`) that hold at overlapping days speak of one time point. Flows (`added`) and plans
(`target`) are figures of their period or deadline: another period is another figure, not a
disagreement.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .claims import Claim, KeyT, precision_key
from .timeline import Interval, group_equal, group_overlapping
from .values import is_exact


class _Unset:
    """Not worked out yet (a value of its own: None is a value a property may have)."""

    def __reduce__(self):
        return "_UNSET"          # one object, also in another process


_UNSET = _Unset()


class cached_property:
    """A property worked out once and kept in the slot `_NAME` (time points and value groups are
    slotted: a million of them without a dict each; `functools.cached_property` needs the dict)."""

    def __init__(self, func):
        self.func = func
        self.slot = "_" + func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, self.slot)
        if value is _UNSET:
            value = self.func(obj)
            setattr(obj, self.slot, value)
        return value


def _kept():
    """The slot of a cached property."""
    return field(default=_UNSET, init=False, repr=False, compare=False)


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
    """Claims at one time point that allow a common value."""

    claims: list[Claim]
    allows: tuple[float, float]
    _best: Claim = _kept()
    _articles: list[str] = _kept()
    _origins: set[str] = _kept()
    _record_ids: list[str] = _kept()
    _as_of_claim: Claim = _kept()

    @cached_property
    def best(self) -> Claim:
        """The claim that states the value most exactly (then the most precise time)."""
        return min(self.claims, key=lambda c: (c.partial, c.allows[1] - c.allows[0], precision_key(c)))

    @property
    def value(self) -> float:
        return self.best.value

    @cached_property
    def articles(self) -> list[str]:
        return sorted({c.article_id for c in self.claims})

    @cached_property
    def origins(self) -> set[str]:
        """Independent sources: one per article, and articles that share a wording count once."""
        return independent_sources(self.claims)

    @cached_property
    def record_ids(self) -> list[str]:
        return sorted(ev.record_id for c in self.claims for ev in c.evidence)

    @cached_property
    def as_of_claim(self) -> Claim:
        dated = [c for c in self.claims if c.span is not None] or self.claims
        return min(dated, key=precision_key)


@dataclass(slots=True)
class TimePoint:
    key: KeyT
    claims: list[Claim]
    groups: list[ValueGroup] = field(default_factory=list)
    _dated: bool = _kept()
    _common: Interval | None = _kept()
    _union: Interval | None = _kept()
    _as_of: str | None = _kept()
    _articles: set[str] = _kept()

    @cached_property
    def dated(self) -> bool:
        return any(c.span is not None for c in self.claims)

    @cached_property
    def common(self) -> Interval | None:
        """The days all claims share (None when undated)."""
        spans = [c.span for c in self.claims if c.span is not None]
        if not spans:
            return None
        out = spans[0]
        for s in spans[1:]:
            out = out.intersect(s) or out
        return out

    @cached_property
    def union(self) -> Interval | None:
        spans = [c.span for c in self.claims if c.span is not None]
        return Interval(min(s.lo for s in spans), max(s.hi for s in spans)) if spans else None

    @cached_property
    def as_of(self) -> str | None:
        """The most precise date stated for this point (stable: the choice depends only on the claims)."""
        dated = [c for c in self.claims if c.span is not None]
        return min(dated, key=precision_key).as_of if dated else None

    @cached_property
    def articles(self) -> set[str]:
        return {c.article_id for c in self.claims}


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
