"""Reconciliation: all count records of all articles -> a time-aware account of every figure
(`facts.jsonl`, Wikidata-style ranks) and the disagreements found, each explained (`conflicts.jsonl`).

    records -> claims (claims.py) -> time points (points.py, timeline.py) -> resolution (policy.py)
            -> facts (core.py) -> findings (checks/, one module a check) -> review decisions applied
               (decisions.py); the shapes and orders all of them share: results.py
    `reconcile` (reviewed.py) is all of it as `ocop reconcile` does it: claim corrections applied first,
    articles named by title, findings that may be misreadings labelled "check the claims"

>>> from extract.reconcile import reconcile
>>> ev = lambda s: {"start": 0, "end": 1, "text": s[0], "sentence": s}
>>> rec = lambda i, a, v, as_of: {"id": i, "article_id": a, "type": "count", "value": v, "unit": "sản phẩm",
...     "metric": "ocop_products", "star": "5", "kind": "total", "scope": "Hà Nội", "as_of": as_of,
...     "time_basis": "stated", "evidence": ev(f"{v} sản phẩm 5 sao ({a})")}
>>> r = reconcile([rec("a#1", "a", 4, "2021"), rec("b#1", "b", 6, "2022"), rec("c#1", "c", 6, "2022")])
>>> [(f.as_of, f.value, f.rank, f.rule) for f in r.facts]
[('2021', 4, 'preferred', 'single_source'), ('2022', 6, 'preferred', 'sources')]
>>> r.conflicts
[]
"""
from __future__ import annotations

from .core import reconcile_claims
from .io import ReconcileInputError, ReconcileSummary, run_reconcile
from .reviewed import reconcile
from .policy import PolicyContext, Resolution, default_policy
from .results import ReconcileResult

__all__ = ["reconcile", "run_reconcile", "ReconcileResult", "ReconcileSummary", "ReconcileInputError",
           "reconcile_claims", "default_policy", "PolicyContext", "Resolution"]
