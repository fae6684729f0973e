"""Review decisions flow back into the account.

A finding's id stays the same while its claims are the same, so a stored decision finds its finding
again on the next run:

- `accept`: the accepted claim's value (or the decision's `value`) becomes the preferred fact
  (rule `review`, confidence 1.0); the other values of the finding are deprecated.
- `correct`: the given value becomes the preferred fact, even when no source states it.
- `both_right`: the older claim moves to `older_as_of`, and both values stand, each at its own date.
- `dismiss`: the finding is closed; the facts stay as they are.

A decision whose finding is gone (its claims changed) but whose type, key and date (the same or
overlapping days) match a current finding is not applied: that finding is `reopened`, with the earlier decision attached for the reviewer.
"""
from __future__ import annotations

from schemas import Conflict, Decision, Fact

from .ids import key_identity, stable_id
from .results import ReconcileResult, Rerun, conflict_order, fact_order
from .timeline import interval, overlaps

REVIEW_RULE = "review"


def same_time(a: str | None, b: str | None) -> bool:
    """The finding's time point still matches: the same date, or overlapping days (a more precise
    claim joining the point may change its label from `2025-06~` to `2025-06`)."""
    return a == b or overlaps(interval(a), interval(b))


def latest_per_finding(decisions: list[Decision]) -> dict[str, Decision]:
    out: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.decided_at, d.finding_id)):
        out[d.finding_id] = d
    return out


def _older_records(result: ReconcileResult, conflict: Conflict, d: Decision) -> list[str]:
    """The records of the claim that moves back in time: the one the decision names, else the finding's
    claim with the earliest days (then the smaller value: stocks grow)."""
    ids = {e.record_id for e in conflict.claims}
    claims = [c for c in result.claims if ids & set(c.record_ids)]
    older = d.older_record_id or d.record_id
    if older:
        named = [c for c in claims if older in c.record_ids]
        if named:
            return list(named[0].record_ids)
        return [older]
    if not claims:
        return []
    oldest = min(claims, key=lambda c: (c.span.lo if c.span else 0, c.value, c.record_id))
    return list(oldest.record_ids)


def _concerned(facts: list[Fact], conflict: Conflict) -> list[Fact]:
    ids = {e.record_id for e in conflict.claims}
    same = key_identity(conflict.key)
    return [f for f in facts if key_identity(f.key) == same and ids & set(f.supporting)]


def _decided_value(conflict: Conflict, d: Decision) -> float | None:
    if d.action == "correct" or d.value is not None:
        return d.value
    for e in conflict.claims:
        if e.record_id == d.record_id:
            return e.value
    return None


def _apply_value(facts: list[Fact], conflict: Conflict, d: Decision) -> list[Fact]:
    """Make the decided value the preferred fact of the finding's key and time; returns new facts."""
    value = _decided_value(conflict, d)
    concerned = _concerned(facts, conflict)
    if value is None or not concerned:
        return []
    why = f"Set by review ({d.reviewer}, {d.decided_at}, {d.action})" + (f": {d.note}" if d.note else ".")
    chosen = [f for f in concerned if f.value == value and (d.record_id is None or d.action == "correct"
                                                            or d.record_id in f.supporting)]
    chosen = chosen or [f for f in concerned if f.value == value]
    for f in concerned:
        if f not in chosen[:1] and f.rank == "preferred":
            f.rank, f.explanation = "deprecated", f"{why} The reviewer chose {value}."
        elif f not in chosen[:1] and f.rank == "normal":
            f.rank, f.explanation = "deprecated", f"{why} The reviewer chose {value}."
    if chosen:
        f = chosen[0]
        f.rank, f.rule, f.confidence, f.explanation = "preferred", REVIEW_RULE, 1.0, why
        return []
    base = concerned[0]
    ids = sorted({e.record_id for e in conflict.claims})
    new = Fact(id=stable_id("f", key_identity(base.key), conflict.as_of, value, REVIEW_RULE), key=base.key,
               as_of=conflict.as_of, period=base.period, value=value, rank="preferred", confidence=1.0,
               rule=REVIEW_RULE, supporting=[], contradicting=ids,
               articles=sorted({e.article_id for e in conflict.claims}), explanation=why)
    return [new]


def apply_decisions(result: ReconcileResult, decisions: list[Decision], rerun: Rerun) -> ReconcileResult:
    """The result with decisions applied (see the module's doc); `rerun(overrides)` reconciles again
    with some records moved to another `as_of`."""
    chosen = latest_per_finding(decisions)
    current = {c.id: c for c in result.conflicts}
    matched = {fid: d for fid, d in chosen.items() if fid in current}
    gone = [d for fid, d in sorted(chosen.items()) if fid not in current]

    overrides: dict[str, str] = {}
    moved: list[Conflict] = []
    for fid, d in sorted(matched.items()):
        if d.action == "both_right" and d.older_as_of:
            for rid in _older_records(result, current[fid], d):
                overrides[rid] = d.older_as_of
            moved.append(current[fid])
    if overrides:
        result = rerun(overrides)
        now = {c.id for c in result.conflicts}
        result.conflicts.extend(c for c in moved if c.id not in now)
    by_id = {c.id: c for c in result.conflicts}
    for fid, d in sorted(matched.items()):
        c = by_id.get(fid)
        if c is None:
            continue
        c.status, c.decision = "decided", d
        if d.action in ("accept", "correct"):
            result.facts.extend(_apply_value(result.facts, c, d))
    for d in gone:
        for c in result.conflicts:
            if (c.status == "open" and c.type == d.finding_type and d.key is not None
                    and key_identity(c.key) == key_identity(d.key) and same_time(c.as_of, d.as_of)):
                c.status, c.decision = "reopened", d
    result.facts.sort(key=fact_order)
    result.conflicts.sort(key=conflict_order)
    return result
