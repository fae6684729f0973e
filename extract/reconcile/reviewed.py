"""Reconciliation with the review's work in it, the same for the Python API and for `ocop reconcile` /
`ocop run`: the reviewers' claim corrections applied to the records first (`corrections`), then the
account with the review decisions (`core.reconcile`), then the explanations naming articles by title
(`naming`) and the findings that may come from a misread claim labelled "check the claims" (`suspects`).

A review database (`review_db`, the `OUT/review.sqlite` of `ocop review`) gives both its decisions and
its corrections; both may also be given as models or dicts.

>>> from schemas import Correction
>>> ev = lambda s, n: {"start": s.index(n), "end": s.index(n) + len(n), "text": n, "sentence": s}
>>> rec = lambda i, v, kind, s: {"id": i, "article_id": i[0], "type": "count", "value": v, "unit": "sản phẩm",
...     "metric": "ocop_products", "star": "3+", "kind": kind, "scope": "Nam Định", "as_of": "2024",
...     "time_basis": "stated", "evidence": ev(s, str(v))}
>>> total = rec("a#1", 350, "total", "Năm 2024, Nam Định có 350 sản phẩm OCOP.")
>>> added = rec("b#1", 120, "total", "Năm 2024, Nam Định có thêm 120 sản phẩm OCOP.")
>>> len(reconcile([total, added]).conflicts)
1
>>> fix = Correction(record_id="b#1", article_id="b", evidence_text="120", before={"kind": "total"},
...                  after={"kind": "added"}, reviewer="an", corrected_at="2026-01-01T00:00:00")
>>> r = reconcile([total, added], corrections=[fix])
>>> r.conflicts, [f.value for f in r.facts if f.key.kind == "total"], len(r.corrected), r.stale
([], [350], 1, [])
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from schemas import Correction, Decision

from .claims import RECORD_TYPES, as_dict
from .core import reconcile as reconcile_records
from .corrections import apply_corrections
from .naming import article_names, name_articles
from .policy import Policy, default_policy
from .results import ReconcileResult
from .suspects import mark_suspects


class ReconcileInputError(ValueError):
    """A missing or malformed input file; the message names it (and the line)."""


def load_decisions(db: str | Path) -> list[Decision]:
    """The review decisions stored in `db` ([] when there is none); a damaged database is a clear error."""
    import sqlite3

    from ..review.store import load_decisions as load
    try:
        return load(db)
    except (sqlite3.DatabaseError, ValueError) as e:
        raise ReconcileInputError(f"{db}: cannot read review decisions: {e}") from None


def load_stored_corrections(db: str | Path) -> list[Correction]:
    """The claim corrections stored in `db` ([] when there is none)."""
    import sqlite3

    from ..review.corrections import load_corrections
    try:
        return load_corrections(db)
    except (sqlite3.DatabaseError, ValueError) as e:
        raise ReconcileInputError(f"{db}: cannot read claim corrections: {e}") from None


def _models(items: Iterable[Any] | None, model) -> list:
    return [x if isinstance(x, model) else model.model_validate(x) for x in items or ()]


def reconcile(records: Iterable[Any], articles: Iterable[Any] | None = None,
              decisions: Iterable[Decision | dict] | None = None, policy: Policy = default_policy,
              corrections: Iterable[Correction | dict] | None = None,
              review_db: str | Path | None = None, parts=None) -> ReconcileResult:
    """All count records of all articles -> facts and findings, as `ocop reconcile` writes them.

    `records`: record models or dicts (records of other types are used for the articles' dates);
    `articles`: `ArticleOut` models or dicts (for `published`, and the titles explanations name articles
    by); `decisions`: `schemas.Decision`s; `corrections`: `schemas.Correction`s (applied to the records
    first; one whose record changed is not applied, and is listed in the result's `stale`);
    `review_db`: a review database whose decisions and corrections are added to those given.
    `parts`: reconcile in parts (`partition.Partitioned`: by place, on a Dask cluster, with a cache of
    each part's result); the result is the same.
    The result's `corrected` lists the corrections applied. Reads only `review_db`; writes nothing (but
    what `parts` caches).
    """
    records = [r if isinstance(r, RECORD_TYPES) else as_dict(r) for r in records]   # read, never changed: no copy
    articles = list(articles or ())
    decisions = _models(decisions, Decision)
    corrections = _models(corrections, Correction)
    if review_db is not None:
        decisions += load_decisions(review_db)
        corrections += load_stored_corrections(review_db)
    fixed = apply_corrections(records, corrections)
    result = reconcile_records(fixed.records, articles, decisions, policy, parts)
    names = article_names(articles)
    name_articles(result, names)
    mark_suspects(result, fixed.records, names)
    result.corrected, result.stale = fixed.applied, fixed.stale
    return result
