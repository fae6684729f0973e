"""Reviewers' claim corrections applied to the records before reconciliation.

A correction names its record by id and carries the record's evidence span then. It is applied only to
a record with that id *and* that evidence: when the article changed and the id is gone, or now points at
other words, the correction is stale: reported, never applied to another record.

>>> from schemas import Correction
>>> rec = {"id": "a#count@0-2", "article_id": "a", "type": "count", "value": 12, "kind": "total",
...        "metric": "ocop_products", "rules": ["kind.default"],
...        "evidence": {"start": 0, "end": 2, "text": "12", "sentence": "12 sản phẩm mới"}}
>>> fix = Correction(record_id="a#count@0-2", article_id="a", evidence_text="12", before={"kind": "total"},
...                  after={"kind": "added"}, reviewer="an", corrected_at="2026-01-01T00:00:00")
>>> out = apply_corrections([rec], [fix])
>>> out.records[0]["kind"], out.records[0]["rules"][-1], rec["kind"], len(out.applied), out.stale
('added', 'review.correction', 'total', 1, [])
>>> apply_corrections([], [fix]).stale[0].reason
'record a#count@0-2 is no longer in the records (its article changed or was removed)'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Correction

CORRECTION_RULE = "review.correction"
"""Added to a corrected record's rules: the reviewer's correction decided its fields."""


@dataclass
class Stale:
    correction: Correction
    reason: str


@dataclass
class Corrected:
    """The records with the corrections applied (a new list; the input is not changed)."""

    records: list[dict]
    applied: list[Correction] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)


def stale_reason(correction: Correction, record: dict | None) -> str | None:
    """Why a correction cannot apply to `record` (the record with its id now), or None when it can."""
    if record is None:
        return f"record {correction.record_id} is no longer in the records (its article changed or was removed)"
    ev = record.get("evidence") or {}
    if ev.get("text") != correction.evidence_text:
        return (f"record {correction.record_id} now reads {ev.get('text')!r}, not {correction.evidence_text!r} "
                f"(its article changed)")
    if record.get("type", "count") != "count":
        return f"record {correction.record_id} is not a count"
    return None


def corrected_record(record: dict, correction: Correction) -> dict:
    """A copy of `record` with the correction's fields; a new date is the reviewer's own (stated)."""
    out = dict(record)
    if correction.not_ocop:
        out["metric"] = None
    for name, value in correction.after.items():
        out[name] = value
    if {"as_of", "period"} & set(correction.after):
        out["time_basis"] = "stated"
    for name in ("kind", "scope"):
        if name in correction.after:
            out[f"{name}_basis"] = "stated"
    if "scope" in correction.after and out.get("scope") != record.get("scope"):
        out["scope_level"] = None
    out["rules"] = [*(record.get("rules") or []), CORRECTION_RULE]
    return out


def apply_corrections(records: list[dict], corrections: list[Correction]) -> Corrected:
    """Each record's current correction applied (see the module's doc); withdrawn ones change nothing."""
    if not corrections:
        return Corrected(list(records))
    latest: dict[str, Correction] = {}
    for c in sorted(corrections, key=lambda c: c.corrected_at):
        latest[c.record_id] = c
    index = {r.get("id"): i for i, r in enumerate(records)}
    out = Corrected(list(records))
    for rid, c in sorted(latest.items()):
        if c.withdrawn:
            continue
        i = index.get(rid)
        reason = stale_reason(c, records[i] if i is not None else None)
        if reason:
            out.stale.append(Stale(c, reason))
        else:
            out.records[i] = corrected_record(records[i], c)
            out.applied.append(c)
    return out
