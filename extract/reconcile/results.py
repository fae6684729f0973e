"""What reconciliation passes between its parts, and the orders it writes in: a fact with what it was made
from (`FactRow`), the whole result (`ReconcileResult`), what every check reads (`Account`), the key as a
model (`key_model`), the order of facts and findings (`fact_order`, `conflict_order`).

The lowest of the modules that make facts and findings: `core`, the checks and `decisions` import it, it
imports none of them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from schemas import Conflict, Fact, Key

from .claims import Claim, KeyT
from .points import TimePoint
from .policy import Resolution, Verdict


@dataclass(slots=True)
class FactRow:
    """A fact with what it was made from (for the checks)."""

    fact: Fact
    point: TimePoint
    verdict: Verdict


@dataclass
class ReconcileResult:
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    corrected: list = field(default_factory=list)   # the claim corrections applied (schemas.Correction)
    stale: list = field(default_factory=list)       # those not applied: their record changed (corrections.Stale)

    def summary(self) -> dict:
        return {"claims": len(self.claims), "facts": len(self.facts), "conflicts": len(self.conflicts),
                "by_type": dict(sorted(Counter(c.type for c in self.conflicts).items()))}


Rerun = Callable[[dict[str, str]], ReconcileResult]
"""Reconciles the same records again with some records moved to another `as_of` (record id -> as_of)."""


@dataclass
class Account:
    """What every check reads: the claims, each key's time points with their resolution, and the facts
    made of them (`rows`, by key, in key order)."""

    claims: list[Claim]
    scopes: dict[KeyT, str | None]                              # each key's place as its claims spell it
    models: dict[KeyT, Key]                                     # each key as a model (key_model)
    resolved: dict[KeyT, list[tuple[TimePoint, Resolution]]]
    rows: dict[KeyT, list[FactRow]]
    checked: set[tuple[str, str]] = field(default_factory=set)
    """Pairs of successive facts (ids) a check over time already looked at, so the next does not report
    them again (`stock_flow` before `decrease`)."""


def key_model(key: KeyT, scope: str | None) -> Key:
    return Key(metric=key.metric, star=key.star, category=key.category, scope=scope, kind=key.kind,
               status=key.status)


def fact_order(f: Fact) -> tuple:
    k = f.key
    return (k.metric, k.scope or "", k.kind, k.star or "", k.category or "", k.status or "",
            f.as_of or "~", f.value, f.id)


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def conflict_order(c: Conflict) -> tuple:
    """Most severe first, then by type, key and time (the order `ocop conflicts` prints)."""
    return (SEVERITY_ORDER[c.severity], c.type, c.key.label(), c.as_of or "", c.id)
