"""What a review page is drawn from (`PageContext`), and the names of its articles."""
from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Decision

from ..reconcile.naming import article_name
from .data import Filters, Item, Outputs


@dataclass
class PageContext:
    outputs: Outputs
    queue: list[Item]
    item: Item | None          # the finding shown
    filters: Filters
    csrf: str
    reviewer: str
    left: int                   # findings still to do (open or reopened), all filters but status applied
    total: int
    undoable: Decision | None   # what `u` would undo
    flash: str = ""
    corrections: dict = field(default_factory=dict)   # record id -> its current Correction
    error: str = ""             # what was wrong with the form just posted (shown beside the form)
    posted: dict = field(default_factory=dict)        # that form's fields, to show them again


def article_names_of(ctx: "PageContext") -> dict[str, str]:
    return {a: name_of(ctx, a) for a in ctx.outputs.articles}


def name_of(ctx: "PageContext", article_id: str) -> str:
    article = ctx.outputs.articles.get(article_id)
    return article_name(article.model_dump(mode="json")) if article else article_id
