"""“Check the claims”: findings that may come from a misread claim rather than from sources that
disagree. On real articles most findings are misreadings (a count added in one year set against a total,
a country's figure read as a province's); a reviewer should see the real disagreements first.

A finding is labelled, with the reasons, when
- a claim leans on defaults: its place was not stated in its own clause but filled from the article's
  (`scope_basis` "default"), or it is a total only by default (`kind_basis` "default") while its clause
  gives a whole year (`năm 2024`: the total then, or what was added that year?);
- its values look like a misread: one is tenfold (or a hundredfold …) the other, or the smaller value is
  stated elsewhere for the same place as another kind or star class (a part or an addition of the figure).

Labelled findings are ranked below the others (a stable sort keeps their own order).

>>> from schemas import Conflict, Key, Claim
>>> key = Key(metric="ocop_products", star="3+", scope="Nam Định", kind="total")
>>> c = Conflict(id="c1", type="value_mismatch", severity="medium", key=key, values=[120, 350],
...              explanation="x", claims=[Claim(record_id="b#1", article_id="b", value=120, sentence="s")])
>>> recs = [{"id": "b#1", "article_id": "b", "value": 120, "rules": ["kind.default_total", "scope.stated"],
...          "as_of": "2024", "time_basis": "stated"}]
>>> reasons_for(c, {r["id"]: r for r in recs}, {}, {"b": "“B”"})
['the 120 of “B” is a total only by default: its clause gives the year 2024 but does not say whether it is the total or what was added that year']
>>> looks_tenfold(45, 450), looks_tenfold(45, 460)
(True, False)
"""
from __future__ import annotations

import math
from bisect import bisect_left
from functools import lru_cache
from collections import defaultdict
from typing import Iterable

from ..basis import kind_basis, scope_basis
from .built import set_field
from .places import place_key
from .values import fmt

TENFOLD_TOLERANCE = 0.02
"""Values whose ratio is within 2 % of 10, 100 or 1000 look like a misplaced digit or thousands mark."""
TENFOLD_LEAST = 10 * (1 - TENFOLD_TOLERANCE)
"""The least ratio that can be tenfold: pairs closer are none, told without a logarithm."""


def looks_tenfold(a: float, b: float) -> bool:
    lo, hi = sorted((abs(a), abs(b)))
    if lo == 0 or hi < TENFOLD_LEAST * lo:      # (most pairs)
        return False
    ratio = hi / lo
    power = round(math.log10(ratio))
    return power >= 1 and abs(ratio / 10 ** power - 1) <= TENFOLD_TOLERANCE


def other_readings(records: Iterable, values: set | None = None) -> dict[tuple, list[dict]]:
    """Count records by (metric, place, value): where else a value is stated for a place (only `values`,
    the findings' values, when given)."""
    out: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        if r.__class__ is dict:
            value, kind, metric = r.get("value"), r.get("type", "count"), r.get("metric")
        else:           # a `Record` (a million: its fields read directly)
            value, kind, metric = getattr(r, "value", None), r.get("type", "count"), getattr(r, "metric", None)
        if (values is None or value in values) and kind == "count" and metric:
            scope = r.get("scope") if r.__class__ is dict else getattr(r, "scope", None)
            out[(metric, place_key(scope), value)].append(r)
    return out


def _bases(rules) -> tuple[str | None, str | None]:
    """(kind basis, scope basis) a record's rules give; worked out once for each tuple of rules (the
    records `ocop reconcile` reads share them)."""
    if rules.__class__ is tuple:
        return _bases_of(rules)
    return kind_basis(rules), scope_basis(rules)


@lru_cache(maxsize=4096)
def _bases_of(rules: tuple) -> tuple[str | None, str | None]:
    return kind_basis(rules), scope_basis(rules)


def reasons_for(conflict, records: dict[str, dict], others: dict[tuple, list[dict]],
                names: dict[str, str]) -> list[str]:
    """Why a finding's claims may be misread ([] when they look well read)."""
    reasons: list[str] = []
    seen: set[str] = set()
    total = conflict.key.kind == "total"
    for cl in conflict.claims:
        r = records.get(cl.record_id)
        if r is None or cl.record_id in seen:
            continue
        seen.add(cl.record_id)
        if r.__class__ is dict:
            kb, sb, rules = r.get("kind_basis"), r.get("scope_basis"), r.get("rules")
        else:           # a `Record` (findings of a million claims: its fields read directly)
            kb, sb, rules = (getattr(r, "kind_basis", None), getattr(r, "scope_basis", None),
                             getattr(r, "rules", None))
        kb = kb or _bases(rules)[0]
        sb = sb or _bases(rules)[1]
        if not (kb == "default" and total) and sb != "default":
            continue
        who = f"the {fmt(cl.value)} of {names.get(cl.article_id, cl.article_id)}"
        as_of = r.get("as_of")
        year = as_of if isinstance(as_of, str) and len(as_of) == 4 and r.get("time_basis") == "stated" else None
        if kb == "default" and total and year:
            reasons.append(f"{who} is a total only by default: its clause gives the year {year} but does not say "
                           f"whether it is the total or what was added that year")
        if sb == "default":
            reasons.append(f"{who} is placed in {r.get('scope') or 'no place'} only because the article is "
                           f"about it; its clause names no place")
    values = sorted({v for v in conflict.values if isinstance(v, (int, float))})
    for i, lo in enumerate(values):
        # (of values none negative, those under TENFOLD_LEAST times `lo` are not tenfold: from the first that is not)
        for hi in values[bisect_left(values, TENFOLD_LEAST * lo, i + 1) if values[0] >= 0 else i + 1:]:
            if looks_tenfold(lo, hi):
                reasons.append(f"{fmt(hi)} is {round(hi / lo):,} times {fmt(lo)}: a misplaced digit or thousands "
                               f"mark?".replace(",", "."))
    ids = {cl.record_id for cl in conflict.claims}
    k = conflict.key
    for small in values[:-1]:
        r = next((r for r in others.get((k.metric, place_key(k.scope), small), ())
                  if r["id"] not in ids and (r.get("kind") != k.kind or r.get("star") != k.star)), None)
        if r is not None:           # (the first record that states it elsewhere)
            what = "an added count" if r.get("kind") == "added" else (
                f"a {r.get('kind')}" if r.get("kind") != k.kind else f"the {r.get('star')} sao class")
            reasons.append(f"{fmt(small)} is also stated as {what} for {k.scope or 'this place'} "
                           f"({names.get(r['article_id'], r['article_id'])}): a part or an addition of the "
                           f"figure, read as the whole?")
    return list(dict.fromkeys(reasons))


def mark_suspects(result, records: list[dict], names: dict[str, str]) -> None:
    """Label the findings of a `ReconcileResult` that may be misreadings, and rank them below the rest."""
    by_id = records_by_id(records)
    label(result.conflicts, by_id, other_readings(by_id.values(), {v for c in result.conflicts for v in c.values}),
          names)
    result.conflicts.sort(key=lambda c: bool(c.check_claims))


def records_by_id(records: Iterable) -> dict:
    return {r.get("id") if r.__class__ is dict else getattr(r, "id", None): r for r in records}


def label(conflicts: list, by_id: dict, others: dict[tuple, list], names: dict[str, str]) -> None:
    """Each finding's reasons to check its claims (`reasons_for`; `others`: `other_readings` of at least
    the places and values of these findings)."""
    for c in conflicts:
        set_field(c, "check_claims", reasons_for(c, by_id, others, names))
