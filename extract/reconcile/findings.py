"""What every check shares: a finding built from claims (with a stable id), and small helpers."""
from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import Claim as ClaimOut
from schemas import Conflict, Key, Suggested  # noqa: F401  (Suggested: re-exported for the checks)

from .built import built
from .claims import Claim, KeyT
from .ids import key_identity, stable_id
from .timeline import overlaps
from .words import key_words

if TYPE_CHECKING:
    from .results import FactRow

SEVERITY_BY_RULE = {"stated_change": "medium", "stock_flow": "medium", "later_source": "medium",
                    "sources": "medium", "later_date": "medium", "unresolved": "high"}
"""A value mismatch means a published figure is out of date or wrong: worth a person's look even when a
rule explains it (medium), more so when none does (high)."""
SMALL_SHARE = 0.02
"""A difference below this share of the total is of low severity."""


def claim_entries(claims: list[Claim]) -> list[ClaimOut]:
    """Every record behind the claims, with its article and evidence sentence (sorted, stable); a claim's
    records after its first name that one in `same_claim_as`. A claim's entries are made once and shared
    by every finding that cites it (they are read, never changed)."""
    out = []
    for c in claims:
        entries = c.entries            # a claim's entry, or its list of entries when it has several
        if entries.__class__ is ClaimOut:
            if entries.as_of == c.as_of:
                out.append(entries)
                continue
        elif entries is not None and (not entries or entries[0].as_of == c.as_of):
            out.extend(entries)
            continue
        first = c.evidence[0].record_id if c.evidence else None       # (new, or the claim was redated)
        # built from validated records: construct without validating again (it is the hot loop)
        entries = [built(ClaimOut, record_id=ev.record_id, article_id=c.article_id, value=c.value,
                         value_max=c.value_max, approx=c.approx, as_of=c.as_of, sentence=ev.sentence,
                         evidence_start=ev.start, evidence_end=ev.end,
                         same_claim_as=None if ev.record_id == first else first)
                   for ev in c.evidence]
        c.entries = entries[0] if len(entries) == 1 else entries
        out.extend(entries)
    return sorted(out, key=lambda e: (e.article_id, e.evidence_start or 0, e.record_id))


def finding(type_: str, severity: str, key: Key, as_of: str | None, values: list, claims: list[Claim],
            explanation: str, suggested: Suggested | None = None) -> Conflict:
    entries = claim_entries(claims)
    fid = stable_id("c", type_, key_identity(key), as_of, sorted(e.record_id for e in entries))
    return built(Conflict, id=fid, type=type_, severity=severity, key=key, as_of=as_of, values=values,
                 claims=entries, explanation=explanation, suggested=suggested)


def key_label(key: Key) -> str:
    return key_words(key)



def same_time(a: Claim, b: Claim) -> bool:
    """Stocks: the same or overlapping days. Flows and plans: the same period."""
    if a.key.kind != "total" or b.key.kind != "total":
        return a.span == b.span and (a.span is not None or a.as_of == b.as_of)
    return a.as_of == b.as_of or overlaps(a.span, b.span)


def nearest(claims: list[Claim], to: Claim) -> Claim:
    start = to.evidence[0].start
    return min(claims, key=lambda c: (min(abs(e.start - start) for e in c.evidence), c.record_id))




def rows_by_record(rows: dict[KeyT, list["FactRow"]], only: set[str] | None = None) -> dict[str, "FactRow"]:
    """The fact row each record supports (`only`: of these records)."""
    out = {}
    for rs in rows.values():
        for r in rs:
            for rid in r.fact.supporting:
                if only is None or rid in only:
                    out[rid] = r
    return out


def dated_preferred(rs: list["FactRow"]) -> list["FactRow"]:
    """The preferred facts of one key that have a date, in time order (what the checks over time compare)."""
    out = [r for r in rs if r.fact.rank == "preferred" and r.point.common is not None]
    return sorted(out, key=lambda r: (r.point.common.lo, r.point.common.hi))
