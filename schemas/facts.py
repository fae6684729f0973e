"""Facts: the reconciled, time-aware account of each figure (`out/facts.jsonl`), Wikidata-style ranks."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import SCHEMA_VERSION, Model
from .records import Approx, Kind, Star

Rank = Literal["preferred", "normal", "deprecated"]


class Key(Model):
    """What a figure is about; claims with equal keys speak of the same figure."""

    metric: str
    star: Star | None = None
    category: str | None = None
    scope: str | None = None
    kind: Kind
    status: Literal["new", "renewed"] | None = Field(
        None, description="for added counts split into newly rated and re-rated products")

    def label(self) -> str:
        """`ocop_products | 5 sao | Hà Nội | total`"""
        bits = [self.metric, f"{self.star} sao" if self.star else None, self.category, self.scope, self.kind,
                self.status]
        return " | ".join(b for b in bits if b)


class Fact(Model):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable: derived from key, as_of and value")
    key: Key
    as_of: str | None = Field(description="EDTF: the time point the value holds at (or the period's end)")
    period: str | None = None
    value: float | int
    value_max: float | int | None = None
    approx: Approx = "exact"
    rank: Rank
    confidence: float = Field(ge=0, le=1)
    rule: str = Field(description="the resolution rule that chose this value, e.g. later_date, sources, review")
    supporting: list[str] = Field(default_factory=list, description="record ids that state this value")
    contradicting: list[str] = Field(default_factory=list, description="record ids that state another value")
    articles: list[str] = Field(default_factory=list)
    explanation: str | None = None
    support: list[str] = Field(default_factory=list, description="checks that passed on this fact (stock_flow, parts_sum)")
