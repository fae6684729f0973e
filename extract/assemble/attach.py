"""Where, when and whose: the place, time and organization a count is about, from its clause, its
sentence, the sentences before it, and the article as a whole — in that order, as a reader does."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues
from .analysis import SentenceInfo
from .context import ArticleContext

_APPOSITION = regex.compile(r"^\s*,?\s*$")    # `huyện Tiền Hải, tỉnh Thái Bình` (the comma may lack)
_OF = regex.compile(rf"(?:{cues.longest_first(cues.words('org_lead'))})\s*$", regex.IGNORECASE)
_PRODUCT = regex.compile(r"\blà\s+(?P<p>[^,;()“”\"]{3,80}?)\s+(?:của|do)\s", regex.IGNORECASE)
_JOIN_DATES = regex.compile(r"^\s*(?:và|,|-|–)\s*$")


def resolve_place(p: Match, ctx: ArticleContext) -> tuple[str | None, str | None, str]:
    if p.value["generic"]:
        return ctx.main_place, ctx.main_level, "scope.generic_is_article_place"
    return p.value["name"], p.value["level"], "scope.stated"


def _usable_places(info: SentenceInfo) -> list[Match]:
    """Places that can be a figure's scope: not a business's own address."""
    skip = []
    for o in info.orgs:
        if o.value["org_class"] == "business":
            skip.append((o.start, o.end + (len(o.value["location"]) + 12 if o.value["location"] else 0)))
    return [p for p in info.places if not any(a <= p.start < b for a, b in skip)]


def scope_of(info: SentenceInfo, n: Match, clause_start: int, text: str, ctx: ArticleContext,
             share: bool, last_scope: tuple | None) -> tuple[str | None, str | None, str]:
    places = _usable_places(info)
    if n.value.get("of_role") == "whole":
        country = [p for p in places if p.value["level"] == "country" and p.start > n.start]
        if country:
            return "Việt Nam", "country", "scope.whole_of_country"
    before = [p for p in places if p.end <= n.start]
    if share:
        before = [p for p in before if p.value["level"] != "country"]
        if before:
            return resolve_place(before[-1], ctx)
        if last_scope:
            return (*last_scope[:2], "scope.context")
        return ctx.main_place, ctx.main_level, "scope.article"
    in_clause = [p for p in before if p.start >= clause_start]
    if in_clause:
        p = in_clause[-1]
        # 'huyện Thạch Thất, Hà Nội': the more specific of two places in apposition
        i = before.index(p)
        if i > 0 and _APPOSITION.match(text[before[i - 1].end:p.start]) and not before[i - 1].value["generic"]:
            p = before[i - 1]
        return resolve_place(p, ctx)
    after = [p for p in places if p.start >= n.end and _OF.search(text[n.end:p.start][-6:])
             and not (n.value.get("of_role") == "part" and p.value["level"] == "country")]  # X/Y: the country is Y's
    if after:
        return resolve_place(after[0], ctx)
    if before:
        return resolve_place(before[-1], ctx)
    if last_scope:
        return (*last_scope[:2], "scope.context")
    return ctx.main_place, ctx.main_level, "scope.article" if ctx.main_place else "scope.none"


def date_for(info: SentenceInfo, n: Match, clause_end: int) -> tuple[Match | None, Match | None]:
    """The date that times the figure (nearest before it in the sentence, else after it in its clause),
    and the date joined to it (`năm 2021 và 2022`) when there is one."""
    before = [d for d in info.dates if d.end <= n.start and d.value.get("relation") != "since"]
    after = [d for d in info.dates if n.end <= d.start < clause_end]
    since = [d for d in info.dates if d.end <= n.start and d.value.get("relation") == "since"]
    d = before[-1] if before else (after[0] if after else (since[-1] if since else None))
    joined = None
    if d is not None:
        i = info.dates.index(d)
        if i > 0 and _JOIN_DATES.match(info.sentence.doc_text[info.dates[i - 1].end:d.start]):
            joined = info.dates[i - 1]
    return d, joined


def relation_of(d: Match | None, now_in_sentence: bool) -> str | None:
    if d is None:
        return "until_now" if now_in_sentence else None
    rel = d.value.get("relation")
    if d.value.get("relative") == "now" or rel == "since":
        return "until_now"
    if rel == "until":
        return "until"
    if rel == "during" or (rel is None and d.value.get("precision") == "year") or d.value.get("interval"):
        return "during"
    return rel


def time_of(kind: str, d: Match | None, joined: Match | None, ctx: ArticleContext, now_in_sentence: bool,
            last_time: tuple | None) -> tuple[str | None, str | None, str | None, str]:
    """(as_of, period, time_basis, rule)."""
    if d is not None:
        if d.value.get("relative") == "now" or (d.value.get("relation") == "since"):
            as_of, basis = ctx.now()
            return as_of, None, basis, "time.now"
        v = ctx.date_value(d)
        if v is None:
            as_of, basis = ctx.now()
            return as_of, None, basis, "time.relative_unresolved"
        if joined is not None and ctx.date_value(joined):
            start = ctx.date_value(joined).split("/")[0]
            v = f"{start}/{v.split('/')[-1]}"
        if "/" in v:
            return v.split("/")[-1], v if kind != "total" else None, "stated", "time.interval"
        period = v if kind == "added" and d.value.get("precision") == "year" else None
        return v, period, "stated", "time.stated"
    if now_in_sentence:
        as_of, basis = ctx.now()
        return as_of, None, basis, "time.now_cue"
    if last_time is not None:
        return last_time[0], last_time[1], "context", "time.context"
    if kind == "total":
        as_of, basis = ctx.now()
        return as_of, None, basis, "time.article_now" if as_of else "time.none"
    return None, None, None, "time.none"


def org_of(info: SentenceInfo, n: Match, window_start: int, window_end: int, text: str) -> str | None:
    """The business whose products are counted: `… của Công ty X` after the number, or the subject
    before it (`Công ty X có 5 sản phẩm`)."""
    for o in info.orgs:
        if o.value["org_class"] != "business":
            continue
        if n.end <= o.start < window_end and _OF.search(text[n.end:o.start][-8:]):
            return o.value["name"]
        if window_start <= o.start and o.end <= n.start and cues.has(text[o.end:n.start], "kind", "have_before"):
            return o.value["name"]
    return None


def product_of(right: str) -> str | None:
    m = _PRODUCT.search(right)
    return m.group("p").strip() if m else None
