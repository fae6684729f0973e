"""When an article was written, and the dates its undated figures get from it: the publication date
when known, else a window after the latest date the article reports (a text that reports `tháng 9/2025`
was written after it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .records import Record
from .timeline import Interval, interval

WRITTEN_AFTER_WINDOW_DAYS = 365
"""A figure given `as of now` in an undated article: at most this long after the latest date it reports."""


def _span_of(rec: Record) -> Interval | None:
    period = getattr(rec, "period", None)
    if period and getattr(rec, "kind", None) in ("added", "target"):
        return interval(period)
    return interval(getattr(rec, "as_of", None))


@dataclass(frozen=True)
class ArticleTime:
    """When an article was written, as far as it is known."""

    published: date | None = None
    written_after: Interval | None = None       # the latest date it reports
    written_after_edtf: str | None = None


def article_times(count_records: list[Record], date_records: list[Record],
                  articles: dict[str, dict]) -> dict[str, ArticleTime]:
    """Publication dates where known; otherwise the latest reported date (of figures already
    reached, and of dates outside plans and targets)."""
    target_sentences: dict[str, set[str]] = {}
    for r in count_records:
        if getattr(r, "kind", None) == "target":
            target_sentences.setdefault(r.article_id, set()).add(r.evidence.sentence)
    latest: dict[str, tuple[Interval, str]] = {}

    def consider(article_id: str, edtf: str | None):
        if not edtf or "/" in edtf:
            return
        iv = interval(edtf)
        if iv is not None and (article_id not in latest or iv.lo > latest[article_id][0].lo):
            latest[article_id] = (iv, edtf)

    for r in count_records:
        if getattr(r, "kind", None) in ("total", "added") and getattr(r, "time_basis", None) in ("stated", "context"):
            consider(r.article_id, getattr(r, "as_of", None))
    for r in date_records:
        if r["evidence"]["sentence"] not in target_sentences.get(r["article_id"], ()):
            consider(r["article_id"], r.get("value"))
    out: dict[str, ArticleTime] = {}
    for aid in set(latest) | set(articles):
        published = (articles.get(aid) or {}).get("published")
        if isinstance(published, str):
            published = date.fromisoformat(published[:10])
        iv, edtf = latest.get(aid, (None, None))
        out[aid] = ArticleTime(published, iv, edtf)
    return out


def _article_time(at: ArticleTime | None) -> tuple[str | None, Interval | None, str | None] | None:
    """(as_of, days, time_basis) an undated total of an article gets from the article's time."""
    if at is None:
        return None
    if at.published is not None:
        day = at.published.toordinal()
        return at.published.isoformat(), Interval(day, day), "published"
    if at.written_after is not None:
        lo = at.written_after.lo
        return f"{at.written_after_edtf}/..", Interval(lo, lo + WRITTEN_AFTER_WINDOW_DAYS), "inferred"
    return None


def placed_at(rec: Record, times: dict[str, ArticleTime],
            placed: dict[str, tuple | None]) -> tuple[str | None, Interval | None, str | None]:
    """(as_of, days, time_basis) of a record, filling a missing date from the article's time
    (`placed`: that time of each article, as it is worked out)."""
    span = _span_of(rec)
    if span is not None:
        return getattr(rec, "as_of", None) or getattr(rec, "period", None), span, getattr(rec, "time_basis", None)
    if getattr(rec, "kind", None) == "total":
        aid = rec.article_id
        at = placed[aid] if aid in placed else placed.setdefault(aid, _article_time(times.get(aid)))
        if at is not None:
            return at
    return getattr(rec, "as_of", None), None, getattr(rec, "time_basis", None)
