"""Hand-made count records for tests, examples and benchmarks (valid against `schemas`).

>>> r = count_record("a#1", "a", 3317, star="3+", as_of="2025-06~")
>>> r["evidence"]["text"], r["metric"], r["kind"], r["scope"]
('3.317', 'ocop_products', 'total', 'Hà Nội')
>>> from schemas import validate_record
>>> validate_record(r).value
3317
"""
from __future__ import annotations

from schemas import SCHEMA_VERSION

from .values import fmt


def count_record(record_id: str, article_id: str, value: float, *, star: str | None = "5", kind: str = "total",
                 scope: str | None = "Hà Nội", as_of: str | None = None, metric: str = "ocop_products",
                 sentence: str | None = None, unit: str | None = None, time_basis: str | None = None,
                 **fields) -> dict:
    """A count record as extraction writes it. The evidence sentence is unique to the record unless
    `sentence` is given (two articles with one sentence copied one source)."""
    number = fmt(value)
    unit = unit or ("%" if metric == "share_of_national" else "sản phẩm")
    if sentence is None:
        sentence = f"Có {number} {unit} ({record_id})."
    start = sentence.find(number)
    if start < 0:
        raise ValueError(f"sentence {sentence!r} does not contain the number {number!r}")
    rec = {"schema_version": SCHEMA_VERSION, "type": "count", "id": record_id, "article_id": article_id, "value": value,
           "unit": unit, "metric": metric, "star": star if metric == "ocop_products" else None, "kind": kind,
           "scope": scope, "as_of": as_of, "time_basis": time_basis or ("stated" if as_of else None),
           "rules": ["sample"],
           "evidence": {"start": start, "end": start + len(number), "text": number, "sentence": sentence}}
    rec.update(fields)
    return rec
