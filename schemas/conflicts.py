"""Findings of reconciliation (`out/conflicts.jsonl`): real disagreements, each explained."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import SCHEMA_VERSION, Model
from .decisions import Decision
from .facts import Key

FindingType = Literal["value_mismatch", "parts_sum", "stock_flow", "decrease", "share_mismatch"]
Severity = Literal["high", "medium", "low"]


class Claim(Model):
    record_id: str
    article_id: str
    value: float | int
    value_max: float | int | None = None
    approx: str = "exact"
    as_of: str | None = None
    sentence: str = Field(description="the evidence sentence")
    evidence_start: int | None = None
    evidence_end: int | None = None
    same_claim_as: str | None = Field(None, description=(
        "the record id of the claim's first record, when its article states the same figure again (a repeated "
        "sentence, or the figure said twice): the records are one claim in reconciliation, one card on the "
        "review page; null for a claim's first (or only) record"))


class Suggested(Model):
    value: float | int | None
    rule: str
    as_of: str | None = None


class Conflict(Model):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable as long as the finding's claims are the same")
    type: FindingType
    severity: Severity
    key: Key
    as_of: str | None = None
    values: list[float | int] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    explanation: str
    suggested: Suggested | None = None
    check_claims: list[str] = Field(default_factory=list, description=(
        "why this finding may come from a misread claim rather than sources that disagree (claims that lean on "
        "the article's defaults, values that look like a part, an addition or a tenfold of each other); such "
        "findings are labelled 'check the claims' and ranked below the others"))
    status: Literal["open", "decided", "reopened"] = "open"
    decision: Decision | None = Field(None, description="the reviewer's decision, when there is one")
