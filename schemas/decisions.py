"""Review decisions: how a person settled a finding; stored by `ocop review`, applied by reconcile."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import SCHEMA_VERSION, Model
from .facts import Key


class Decision(Model):
    """A reviewer's settlement of a finding (stored by `ocop review`, applied by `ocop reconcile`)."""

    finding_id: str
    finding_type: str | None = Field(None, description="the finding's type when it was decided")
    key: Key | None = Field(None, description="the finding's key when it was decided")
    as_of: str | None = Field(None, description="the finding's time point when it was decided")
    claim_ids: list[str] = Field(default_factory=list, description="record ids of the finding's claims then")
    action: Literal["accept", "both_right", "correct", "dismiss"]
    value: float | int | None = Field(None, description="accepted or corrected value")
    record_id: str | None = Field(None, description="for accept: the claim whose value is accepted")
    older_as_of: str | None = Field(None, description="for both_right: the date to give the older claim")
    older_record_id: str | None = Field(None, description="for both_right: the claim that holds at older_as_of")
    note: str | None = None
    reviewer: str
    decided_at: str = Field(description="ISO 8601 timestamp")
    schema_version: str = SCHEMA_VERSION
