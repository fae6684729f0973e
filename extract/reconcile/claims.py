"""Records -> claims on a time line.

A claim is one figure one article states: its key (what it is about), the values it allows, and the
days it holds at. Repeats of one figure inside one article are one claim (with every record id). The
days come from `as_of`/`period`; when the article gives none, from its publication date, or else from
the latest date the article reports (a text that reports `tháng 9/2025` was written after it).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from pydantic import BaseModel

from .article_dates import article_times, placed_at
from .eras import scope_at
from .places import place_key
from .records import Evidence, Record, as_record, count_problem
from .repeats import unify_repeats
from .timeline import Interval
from .values import allowed

_WORD = re.compile(r"[^\W_]+")     # a run of letters and digits (Unicode-aware)
BASIS_RANK = {"stated": 0, "context": 1, "published": 2, "inferred": 3, None: 4}
"""Which time is best when one figure is stated twice: the clause's own date first."""
STAR_CLASSES = ("3", "4", "5", "5p")
"""The star classes that make up all certified products (`3+`)."""
ALL_STARS = "3+"


class KeyT(NamedTuple):
    """What a figure is about; `place` is the normalized scope."""

    metric: str
    star: str | None
    category: str | None
    place: str | None
    kind: str
    status: str | None

    def with_(self, **changes) -> "KeyT":
        return self._replace(**changes)


@dataclass(slots=True)
class Claim:
    """(Slotted: a million claims are kept at once, without a dict each; what can be read from the
    evidence is not copied: the record ids, the sentence, its wording.)"""

    key: KeyT
    scope: str | None
    article_id: str
    record_id: str                      # the first record's (the claim's name)
    value: float
    value_max: float | None
    approx: str
    unit: str
    allows: tuple[float, float]
    as_of: str | None
    period: str | None
    span: Interval | None
    time_basis: str | None
    organization: str | None
    partial: bool
    evidence: tuple[Evidence, ...] = ()     # per record: record_id, sentence, start, end
    part: bool = False                  # read as a part of another figure of its article (not a whole)
    dating_note: str | None = None                            # why the date differs from the record's
    entries: object = None              # its records as a finding's claims: see findings.claim_entries

    @property
    def record_ids(self) -> list[str]:
        return [ev.record_id for ev in self.evidence]

    @property
    def sentence(self) -> str:
        return self.evidence[0].sentence

    @property
    def origin(self) -> str:
        return origin_of(self.evidence[0].sentence)


RECORD_TYPES = (dict, Record)
"""Records as reconciliation reads them: dicts (the Python API) or compact `Record`s (`ocop reconcile`)."""


def as_dict(item: Any) -> dict:
    if isinstance(item, dict):
        return dict(item)
    return item.model_dump(mode="json") if isinstance(item, BaseModel) else dict(item)


def origin_of(sentence: str) -> str:
    """The wording of a sentence without case, spacing and punctuation: two articles with the same
    wording copied one source, and count as one.

    >>> origin_of("Trong đó có 9 sản phẩm 5 sao,") == origin_of("trong đó  có 9 sản phẩm 5 sao.")
    True
    """
    text = unicodedata.normalize("NFC", sentence).casefold()
    return " ".join(_WORD.findall(text))       # (what replacing the runs between words by a space gives)


def _parent_in_sentence(rec: Record, by_sentence: dict[tuple[str, str], list[Record]]) -> bool:
    """A count for one organization listed inside a breakdown of the place's total (`1.649 sản phẩm,
    gồm 4 sản phẩm 5 sao của Công ty …`) stands for the whole class, not a share of it."""
    for other in by_sentence.get((rec["article_id"], rec["evidence"]["sentence"]), ()):
        if (other is not rec and not other.get("organization") and other.get("star") == ALL_STARS
                and other.get("category") is None and place_key(other.get("scope")) == place_key(rec.get("scope"))
                and other.get("kind") == rec.get("kind")):
            return True
    return False


def _read_records(records: Iterable[Any]) -> tuple[list[Record], list[Record]]:
    """(count records with a metric, date records) as `Record`s; a count record not read by
    `ocop reconcile` (which checks them as it reads) is checked here."""
    counts, dates = [], []
    for item in records:
        r = as_record(item)
        what = r.get("type", "count")
        if what == "count" and getattr(r, "metric", None):
            if r is not item:
                problem = count_problem(item if isinstance(item, dict) else r)
                if problem:
                    raise ValueError(f"record {r.get('id')!r}: {problem}")
            counts.append(r)
        elif what == "date":
            dates.append(r)
    return counts, dates


def make_claims(records: Iterable[Any], articles: Iterable[Any] | None = None,
                overrides: dict[str, str] | None = None) -> list[Claim]:
    """Count records with a metric -> claims, repeats in one article merged; sorted by key and time.
    `overrides` moves records to another `as_of` (a reviewer's `both_right`)."""
    counts, dates = _read_records(records)
    if overrides:
        counts = [r.replaced(as_of=overrides[r.id], period=None, time_basis="stated")
                  if r.id in overrides else r for r in counts]
    counts = unify_repeats(counts)      # a sentence repeated in one article is one claim
    article_map = {a["id"]: a for a in (as_dict(x) for x in (articles or ()))}
    times = article_times(counts, dates, article_map)
    by_sentence: dict[tuple[str, str], list[Record]] = {}     # the sentences that name an organization
    with_org = {(r.article_id, r.evidence.sentence) for r in counts if getattr(r, "organization", None)}
    for r in counts if with_org else ():
        at = (r.article_id, r.evidence.sentence)
        if at in with_org:
            by_sentence.setdefault(at, []).append(r)

    merged: dict[tuple, list[Claim]] = {}
    keys: dict[KeyT, KeyT] = {}     # one key object for all the claims about one thing
    key_of_fields: dict[tuple, KeyT] = {}
    exact: dict[type, dict] = {int: {}, float: {}}      # one (v, v) for all the exact statements of v
    out: list[Claim] = []
    article = None
    placed: dict[str, tuple | None] = {}
    counts.sort(key=lambda r: (r.article_id, r.evidence.start, r.id))
    for r in counts:
        as_of, span, basis = placed_at(r, times, placed)
        # Tuyên Quang (mới) from 2025-07-01
        scope = scope_at(getattr(r, "scope", None), getattr(r, "scope_level", None), span)
        organization = getattr(r, "organization", None)
        partial = (bool(organization) and not _parent_in_sentence(r, by_sentence)) or _within_place(getattr(r, "rules", None))
        value, vmax, approx = r.value, getattr(r, "value_max", None), getattr(r, "approx", None) or "exact"
        if r.article_id != article:      # repeats are merged within an article: one article at a time
            article = r.article_id
            out.extend(c for group in merged.values() for c in group)
            merged.clear()
        fields = (r.metric, getattr(r, "star", None), getattr(r, "category", None), scope,
                  getattr(r, "kind", None), getattr(r, "status", None))
        key = key_of_fields.get(fields)
        if key is None:                 # keyed at its scope, one key object for all its claims
            key = KeyT(fields[0], fields[1], fields[2], place_key(scope), fields[4] or "total", fields[5])
            key = key_of_fields[fields] = keys.setdefault(key, key)
        unit = getattr(r, "unit", None)
        evidence = _evidence_of(r)
        claim = Claim(key=key, scope=scope, article_id=article, record_id=evidence.record_id,
                      value=value, value_max=vmax, approx=approx, unit=unit or "",
                      allows=_allows(value, vmax, approx, unit, partial, exact),
                      as_of=as_of, period=getattr(r, "period", None), span=span, time_basis=basis,
                      organization=organization, partial=partial, evidence=(evidence,),
                      part=_read_as_part(getattr(r, "rules", None)))
        slot = merged.setdefault((claim.key, value, vmax, approx, partial), [])
        for earlier in slot:
            if _one_figure(earlier, claim):
                _absorb(earlier, claim)
                break
        else:
            slot.append(claim)
    out.extend(c for group in merged.values() for c in group)
    # in claim_order, with each key's place in the order of all keys (an int compares faster than a key)
    place = {t: n for n, t in enumerate(sorted({claim_order_of_key(k) for k in keys}))}
    rank = {k: place[claim_order_of_key(k)] for k in keys}       # (keys that sort alike: one place)
    out.sort(key=lambda c: (rank[c.key], *((c.span.lo, c.span.hi) if c.span else (0, 0)), c.article_id,
                            c.record_id))
    return out


PART_RULES = ("kind.part_of_figure", "kind.part_in_own_year")
"""The rules by which extraction read a count as a part of another figure (`Trong đó, …`)."""


PART_OF_PLACE_RULE = "part.within_scope"
"""A count of a craft village or of a group of a province's districts (extract/assemble/subplaces.py): a
part of its province's products, at least so many, as a business's count is."""


def _within_place(rules) -> bool:
    return bool(rules) and PART_OF_PLACE_RULE in rules


def _read_as_part(rules) -> bool:
    if rules.__class__ is tuple:        # (the rules of the records `ocop reconcile` reads: shared tuples)
        return _part_by_rules(rules)
    return bool(rules) and any(r in PART_RULES for r in rules)


@lru_cache(maxsize=4096)
def _part_by_rules(rules: tuple) -> bool:
    return bool(rules) and any(r in PART_RULES for r in rules)


def _allows(value, vmax, approx: str, unit: str | None, partial: bool, exact: dict[type, dict]) -> tuple:
    """`values.allowed`; the same tuple for every exact statement of one value (of one type)."""
    if approx == "exact" and unit != "%" and not partial and value.__class__ in exact:
        same = exact[value.__class__]
        rng = same.get(value)
        if rng is None:
            rng = same[value] = allowed(value, vmax, approx, unit)
        return rng
    return allowed(value, vmax, approx, unit, lower_bound_only=partial)


def _evidence_of(rec: Record) -> Evidence:
    """A record's evidence with its id: its own, unless another record's (a copy made by hand)."""
    ev = rec.evidence
    if ev.record_id == rec.id:
        return ev
    out = Evidence()
    out.record_id, out.sentence, out.start, out.end = rec.id, ev.sentence, ev.start, ev.end
    return out


def _one_figure(a: Claim, b: Claim) -> bool:
    """Two statements of one value in one article are one claim unless both give their own dates, and
    the dates do not meet (`4 in 2021 … 4 in 2023` are two claims; a figure `hiện có` repeats one)."""
    if a.span is None or b.span is None:
        return True
    if a.time_basis not in ("stated", "context") or b.time_basis not in ("stated", "context"):
        return True
    return a.span.intersect(b.span) is not None


def _absorb(kept: Claim, repeat: Claim) -> None:
    """One figure stated twice: keep the best time. For a stock, the clause's own and narrowest date;
    for a flow or a plan, the widest period (`năm 2022` over the rounds held `từ 20/9 đến 21/12/2022`:
    the figure is the year's)."""
    kept.evidence += repeat.evidence
    kept.part = kept.part and repeat.part       # stated as a whole once: a whole
    if repeat.span is None:
        return
    if kept.span is None:
        better_time = True
    elif kept.key.kind == "total":
        better_time = ((BASIS_RANK.get(repeat.time_basis, 4), repeat.span.width)
                       < (BASIS_RANK.get(kept.time_basis, 4), kept.span.width))
    else:
        better_time = repeat.span.width > kept.span.width
    if better_time:
        kept.as_of, kept.span, kept.time_basis, kept.period = (repeat.as_of, repeat.span, repeat.time_basis,
                                                               repeat.period)


def claim_order(c: Claim) -> tuple:
    span = (c.span.lo, c.span.hi) if c.span else (0, 0)
    return (claim_order_of_key(c.key), span, c.article_id, c.record_id)


def claim_order_of_key(key: KeyT) -> tuple:
    k = _KEY_ORDER.get(key)
    if k is None:
        k = _KEY_ORDER[key] = tuple("" if x is None else x for x in key)
    return k


_KEY_ORDER: dict[KeyT, tuple] = {}
"""Each key as `claim_order` sorts it (None as ""), worked out once a key."""


def precision_key(c: Claim) -> tuple:
    """Most precise time first: narrowest span, then the best basis, then the id (for stable choices)."""
    return (c.span.width if c.span else 10 ** 9, BASIS_RANK.get(c.time_basis, 4), c.as_of or "", c.record_id)

