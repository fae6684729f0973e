"""Reading articles (kept for older imports): see `extract.inputs`, which reads every format and
encoding and reports what it cannot read as a `Problem`."""
from __future__ import annotations

from .inputs import DEFAULT_MAX_BYTES, SUFFIXES, Problem, count_inputs, iter_articles

__all__ = ["Problem", "iter_articles", "count_inputs", "SUFFIXES", "DEFAULT_MAX_BYTES"]
