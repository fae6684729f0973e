"""Reconciliation: all count records of all articles -> a time-aware account (facts) and findings
(conflicts). (Being built.)"""
from __future__ import annotations

from pathlib import Path


def run_reconcile(out_dir: str | Path, db: str | Path | None = None):
    """Read OUT/records.jsonl (+ articles.jsonl), apply stored review decisions from `db`
    (default OUT/review.sqlite, when it exists), write OUT/facts.jsonl and OUT/conflicts.jsonl."""
    raise NotImplementedError
