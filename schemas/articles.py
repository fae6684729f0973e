"""Articles: what goes in (`Article`) and the line each gets in `out/articles.jsonl` (`ArticleOut`)."""
from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from .common import SCHEMA_VERSION, Model


class Article(Model):
    """One input article, as read (before cleaning). Unknown fields of an input line are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = Field(None, description="the file it was read from (with :LINE for JSON Lines)")


class ArticleOut(Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    path: str | None = None
    content_hash: str = Field(description="sha256 of the text as read")
    text: str = Field(description="the cleaned text every evidence offset points into")
    counts: dict[str, int] = Field(default_factory=dict, description="records by type, and rejected")
