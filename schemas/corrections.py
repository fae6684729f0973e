"""Claim corrections: a reviewer's fix of one misread record (its kind, star, scope, date or metric, or
"not an OCOP figure"); stored by `ocop review`, applied to the records before every reconciliation."""
from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from .common import SCHEMA_VERSION, Model

CORRECTABLE = ("kind", "star", "scope", "as_of", "period", "metric")
"""The fields of a count record a reviewer may correct."""


class Correction(Model):
    """A reviewer's correction of one record: the fields before (as extracted) and after."""

    record_id: str = Field(min_length=1, description="the corrected record")
    article_id: str = Field(min_length=1)
    evidence_text: str = Field(description="the record's evidence span then: a record with this id but other "
                                           "evidence is another record (the article changed), and the "
                                           "correction is stale")
    sentence: str = Field("", description="the evidence sentence then (for a person reading a stale correction)")
    before: dict[str, str | None] = Field(default_factory=dict, description="the corrected fields as extracted")
    after: dict[str, str | None] = Field(default_factory=dict,
                                         description="their corrected values (empty: the record as extracted)")
    not_ocop: bool = Field(False, description="not an OCOP figure: the record is left out of reconciliation")
    rules: list[str] = Field(default_factory=list, description="the record's rules then (ocop eval --corrections)")
    note: str | None = None
    reviewer: str
    corrected_at: str = Field(description="ISO 8601 timestamp")
    schema_version: str = SCHEMA_VERSION

    @field_validator("before", "after")
    @classmethod
    def _known_fields(cls, v: dict) -> dict:
        unknown = sorted(set(v) - set(CORRECTABLE))
        if unknown:
            raise ValueError(f"cannot correct {', '.join(unknown)}; correctable: {', '.join(CORRECTABLE)}")
        return v

    @model_validator(mode="after")
    def _before_for_after(self):
        missing = sorted(set(self.after) - set(self.before))
        if missing:
            raise ValueError(f"after names {', '.join(missing)} without its value before")
        return self

    @property
    def withdrawn(self) -> bool:
        """A correction that changes nothing: the record stands as extracted again."""
        return not self.not_ocop and all(self.before.get(k) == v for k, v in self.after.items())

    def changes(self) -> str:
        """`kind total → added; scope Hà Nội → Việt Nam`, or `not an OCOP figure`."""
        if self.not_ocop:
            return "not an OCOP figure"
        parts = [f"{k} {self.before.get(k) or '—'} → {v or '—'}" for k, v in self.after.items()
                 if self.before.get(k) != v]
        return "; ".join(parts) or "as extracted (correction withdrawn)"
