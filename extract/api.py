"""The Python API, for notebooks and other programs (imported lazily by `extract/__init__.py`):

    from extract import extract_text, extract_articles, reconcile

    records = extract_text("Hà Nội hiện có 3.317 sản phẩm OCOP.", published="2025-07-01")
    for result in extract_articles(["corpus"]):          # files, folders, Article objects or dicts
        print(result.article.id, len(result.records))
    result = reconcile(records)                           # -> .facts, .conflicts
    result = reconcile(records, articles, review_db="out/review.sqlite")   # as `ocop reconcile` does it

Everything returned is a pydantic model of schemas/ (`record.model_dump(mode="json")` is its JSON line).
"""
from __future__ import annotations

import os
from datetime import date
from typing import Iterable, Iterator

from schemas import Article

from .pipeline import ArticleResult, extract_article

ArticleLike = str | os.PathLike | Article | dict


class ArticleError(ValueError):
    """An input that could not be read as an article (names the file, and line, and the problem)."""


def extract_text(text: str, article_id: str = "text", published: date | str | None = None,
                 title: str | None = None) -> list:
    """The records (CountRecord, OrganizationRecord, DateRecord) of one text, in text order.

    `published` (a date or an ISO date string) resolves relative times such as `hiện nay`, `năm nay`.
    Evidence offsets point into the cleaned text (`extract_articles` gives it as `result.article.text`).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_text takes the article's text as a str, not {type(text).__name__}")
    article = Article(id=article_id, text=text, published=published, title=title)
    return extract_article(article).records


def _articles(item: ArticleLike) -> Iterator[Article]:
    if isinstance(item, Article):
        yield item
    elif isinstance(item, dict):
        try:
            yield Article.model_validate(item)
        except ValueError as e:
            raise ArticleError(f"not an article ({item.get('id', '?')!r}): {e}") from None
    elif isinstance(item, (str, os.PathLike)):
        from .inputs import Problem, iter_articles
        for found in iter_articles([os.fspath(item)]):
            if isinstance(found, Problem):
                raise ArticleError(str(found))
            yield found
    else:
        raise TypeError(f"an article is a path, an Article or a dict, not {type(item).__name__}: {item!r}")


def extract_articles(items: ArticleLike | Iterable[ArticleLike]) -> Iterator[ArticleResult]:
    """Extract articles one by one: each item is a file or folder path (read as `ocop extract` reads it),
    an `schemas.Article`, or a dict with `id` and `text`. Yields `ArticleResult`s (`.article`, the
    `ArticleOut` line with the cleaned text; `.records`; `.rejected`). A path that cannot be read raises
    `ArticleError` naming it, when the iteration reaches it."""
    if isinstance(items, (str, os.PathLike, Article, dict)):
        items = [items]
    for item in items:
        for article in _articles(item):
            yield extract_article(article)
