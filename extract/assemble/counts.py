"""Count records: every number that counts something, with what the clause, the sentences before it and
the article say about it. A reader's context is carried across sentences: a sentence that opens with
`Trong đó` (or numbers after `gồm`, `trong đó`, or in brackets after a figure) gives parts of the figure
before, which inherit its kind, time and place; a paragraph that opens with a plan word lists targets; a
date stated earlier in a paragraph times the sentences after it."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import basis as reading_basis
from ..doc import Doc
from ..matchers import Match
from . import attach, cues, figures
from .analysis import SentenceInfo
from .build import record
from .context import ArticleContext

_BOUNDARY = regex.compile(r"[;:()]")
_NOUN_PHRASE_END = regex.compile(r"[,;:()]")


@dataclass
class Figure:
    number: Match
    unit: str
    fields: dict
    end: int                      # where its evidence ends (after the unit)
    parent: "Figure | None" = None   # the whole it is a part of


@dataclass
class Reading:
    """One sentence as the reader takes it in: its matches and what holds for every number in it."""
    info: SentenceInfo
    numbers: list[Match]           # the numbers that are not inside a date, place, star class or name
    now: bool                      # `hiện nay`, `đến nay`: the figures hold now
    rating: bool                   # a rating word (công nhận, phân hạng …) is in the sentence
    plan: bool                     # the paragraph lists targets
    opens_with_parts: bool         # `Trong đó, …`: parts of the previous sentence's figure
    prev_text: str                 # the sentence before (some cues span two sentences)
    done: list["Figure"] = field(default_factory=list)


@dataclass
class ReaderState:
    paragraph: int = -1
    wholes: list[Figure] = field(default_factory=list)   # whole figures of the last sentence that had any
    last_time: tuple | None = None      # (as_of, period) of the last stated date in this paragraph
    last_scope: tuple | None = None     # (scope, level) of the last figure (kept across paragraphs)


def _clause_bounds(text: str, info: SentenceInfo, n: Match, dates: list[Match]) -> tuple[int, int]:
    start = info.start
    for m in _BOUNDARY.finditer(text, info.start, n.start):
        start = m.end()
    if start > info.start and text[start - 1] == "(" and not any(start <= d.start < n.start for d in dates):
        # a bracket that explains what precedes it belongs to that clause
        prev = [m.end() for m in _BOUNDARY.finditer(text, info.start, start - 1)]
        start = prev[-1] if prev else info.start
    end = info.end
    m = _BOUNDARY.search(text, n.end, info.end)
    if m:
        end = m.start()
    return start, end


def _parent_in_sentence(text: str, n: Match, unit: str, done: list[Figure]) -> Figure | None:
    """A figure earlier in the sentence, of the same unit, that this number is a part of; parts of a
    part belong to the same whole (`Trong đó, có 491 sản phẩm mới, …; chia theo ngành gồm có: …`)."""
    for f in reversed(done):
        if f.unit != unit or f.number.value.get("of_role") == "whole":
            continue
        between = text[f.end:n.start]
        if cues.has(between, "parts", "inside") or (between.lstrip().startswith("(") and ")" not in between):
            return f.parent or f
    return None


def count_records(doc: Doc, infos: list[SentenceInfo], ctx: ArticleContext) -> list[dict]:
    text = doc.text
    ocop_article = len(cues.pattern("metric", "programme_names").findall(text)) >= 2
    out: list[dict] = []
    state = ReaderState()
    prev_text = ""
    for info in infos:
        if info.paragraph != state.paragraph:   # a new paragraph keeps the place, not the figure or date
            state = ReaderState(paragraph=info.paragraph, last_scope=state.last_scope)
        blocked = [(m.start, m.end) for m in info.orgs + info.places + info.dates + info.stars]
        reading = Reading(
            info, [n for n in info.numbers if not any(a <= n.start < b for a, b in blocked)],
            now=bool(info.numbers) and cues.has_outside(info.text, ("kind", "now_cues"), ("kind", "now_not")),
            rating=cues.has(info.text, "metric", "rating_cues"), plan=info.paragraph in ctx.plan_paragraphs,
            opens_with_parts=bool(cues.pattern("parts", "sentence_openers").match(info.text)), prev_text=prev_text)
        for i, n in enumerate(reading.numbers):
            unit, end, unit_rule = figures.unit_of(info, n, text)
            if n.value.get("of_role") == "part" and unit is None and i + 1 < len(reading.numbers):
                unit, _, unit_rule = figures.unit_of(info, reading.numbers[i + 1], text)
                end = n.end
            if unit is None:
                continue
            fig = _figure(doc, ctx, state, reading, i, unit, end, unit_rule, ocop_article)
            reading.done.append(fig)
            out.append(fig.fields)
        if reading.done:
            wholes = [f for f in reading.done if f.number.value.get("of_role") != "whole" and f.unit != "%"
                      and f.parent is None]
            if wholes:
                state.wholes = wholes
            placed = [f for f in reading.done if f.number.value.get("of_role") != "whole"]
            if placed:   # the whole of an X/Y (the country's 11.530) does not move the reader's place
                state.last_scope = (placed[-1].fields["scope"], placed[-1].fields["scope_level"])
        if not reading.plan and not cues.has(info.text, "kind", "target"):   # a plan's dates time nothing after
            for d in info.dates:
                v = ctx.date_value(d)
                if v and d.value.get("relation") != "since":
                    state.last_time = (v.split("/")[-1], v if "/" in v else None)
        prev_text = info.text
    return out


def _figure(doc: Doc, ctx: ArticleContext, state: ReaderState, reading: Reading, i: int, unit: str, end: int,
            unit_rule: str, ocop_article: bool) -> Figure:
    text, info, n, done = doc.text, reading.info, reading.numbers[i], reading.done
    later = reading.numbers[i + 1:]
    products = cues.words("metric", "products_unit")
    clause_start, clause_end = _clause_bounds(text, info, n, info.dates)
    next_start = later[0].start if later else info.end
    window_start = max(clause_start, done[-1].end if done else info.start)
    right_end = min(next_start, clause_end) if next_start > end else clause_end
    left_clause = text[clause_start:n.start]
    kind_window = text[window_start:n.start]
    right = text[end:max(end, right_end)]
    right_np = _NOUN_PHRASE_END.split(right, maxsplit=1)[0]
    rules = [n.rule, unit_rule]

    opener_parent = next((f for f in reversed(state.wholes) if f.unit == unit), None) \
        if reading.opens_with_parts else None
    parent = _parent_in_sentence(text, n, unit, done) or opener_parent
    star_m = figures.star_of(right, end, window_start, n, info.stars, before_too=unit != "%") \
        if unit in (products, "%") else None
    category = figures.category_of(kind_window, right) if unit == products else None
    share = figures.is_share(unit, left_clause, info)
    if share:
        metric, metric_rule = "share_of_national", "metric.share_of_national"
    else:
        metric, metric_rule = figures.metric_of(
            unit, n, left_clause, right_np, info.text, reading.prev_text + " " + info.text, star_m,
            parent.fields["metric"] if parent else None, ocop_article, category)
    star, star_rule = figures.star_code(star_m, metric, category)
    rules += [metric_rule, star_rule]

    d, joined = attach.date_for(info, n, clause_end)
    relation = attach.relation_of(d, reading.now)
    if parent is not None and not (reading.plan or cues.first(left_clause, "kind", "target")):
        kind, as_of, period, basis = (parent.fields["kind"], parent.fields["as_of"], parent.fields["period"],
                                      "context" if parent.fields["as_of"] else None)
        scope, level = parent.fields["scope"], parent.fields["scope_level"]
        rules += ["kind.part_of_figure", "time.part_of_figure", "scope.part_of_figure"]
    else:
        if metric_rule == "metric.difference":
            kind, kind_rule = "total", "kind.difference"
        elif share and not cues.first(left_clause, "kind", "target"):
            kind, kind_rule = "total", "kind.share"
        else:
            kind, kind_rule = figures.kind_of(left_clause, kind_window, right, reading.plan, relation, reading.now,
                                              reading.rating)
        as_of, period, basis, time_rule = attach.time_of(kind, d, joined, ctx, reading.now, state.last_time)
        scope, level, scope_rule = attach.scope_of(info, n, clause_start, text, ctx, share, state.last_scope)
        rules += [kind_rule, time_rule, scope_rule]
    organization = attach.org_of(info, n, window_start, right_end, text) if unit != "%" else None
    value = dict(
        value=n.value["value"], value_max=n.value.get("value_max"), approx=n.value.get("approx", "exact"),
        unit=unit, metric=metric, star=star, category=category, kind=kind, scope=scope, scope_level=level,
        as_of=as_of, period=period, time_basis=basis if as_of else None, organization=organization,
        product=attach.product_of(right) if unit == products else None,
        status=figures.status_of(right) if kind == "added" or parent is not None else None,
        kind_basis=reading_basis.kind_basis(rules), scope_basis=reading_basis.scope_basis(rules))
    if value["value_max"] is not None:
        value["approx"] = "range"
    fields = record(doc, info, "count", n.start, end, [r for r in rules if r], **value)
    return Figure(n, unit, fields, end, parent)
