"""Pieces shared by every output line: the contract version and the evidence span."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "2"
"""Bumped when a field is removed or renamed, or its meaning or vocabulary changes (see README)."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Evidence(Model):
    """Where a record comes from: offsets into the article's cleaned (normalized) text."""

    start: int = Field(ge=0, description="offset of the first character in the cleaned text")
    end: int = Field(ge=0, description="offset after the last character in the cleaned text")
    text: str = Field(description="the cleaned text's slice [start:end], exactly")
    sentence: str = Field(description="the whole sentence the span sits in")
    sentence_start: int | None = Field(None, ge=0, description="offset of the sentence in the cleaned text")
    original_start: int | None = Field(None, ge=0, description="the span's start in the article as read")
    original_end: int | None = Field(None, ge=0, description="the span's end in the article as read")

    @model_validator(mode="after")
    def _span(self):
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"evidence text {self.text!r} is not {self.end - self.start} characters long")
        if self.text not in self.sentence:
            raise ValueError(f"evidence text {self.text!r} is not inside its sentence")
        return self
