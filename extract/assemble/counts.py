"""Count records: every number that counts something, with what the clause, the sentences before it and
the article say about it. A reader's context is carried across sentences: a sentence that opens with
`Trong đó` (or numbers after `gồm`, `trong đó`, or in brackets after a figure) gives parts of the figure
before, which inherit its kind, time and place; a sentence that opens with a plan word lists targets to
its paragraph's end; a date stated earlier in a paragraph times the sentences after it."""
from __future__ import annotations

import regex

from .. import basis as reading_basis
from ..doc import Doc
from . import (attach, build, classes, compared, cues, figures, growth, headings, lead, owners, parts, pools, reader,
               regroup, respectively, restated, statuses, subplaces, units, unrated, whose)
from .analysis import SentenceInfo
from .build import record
from .context import ArticleContext
from .reader import Reading, ReaderState
from .round_place import round_place
from .scope import part_scope, scope_of

_ALREADY = regex.compile(r"(?<![\p{L}\p{M}])đã(?![\p{L}\p{M}])", regex.IGNORECASE)   # what is done, not planned


def _now_at(info: SentenceInfo) -> int | None:
    at = cues.first_outside(info.text, ("kind", "now_cues"), ("kind", "now_not"))
    return None if at is None else info.start + at


def count_records(doc: Doc, infos: list[SentenceInfo], ctx: ArticleContext) -> list[dict]:
    text = doc.text
    # about the programme: it names it twice, or names it and a star class
    ocop_article = len(cues.pattern("metric", "programme_names").findall(text)) \
        + any(info.stars for info in infos) >= 2
    figures_read: list[parts.Figure] = []
    state = ReaderState()
    prev_text = ""
    for info in infos:
        pool, state = state.pool, reader.enter(state, info)
        if state.pool is not pool:
            pools.close(pool)       # (a pool is of its paragraph)
        blocked = [(m.start, m.end) for m in info.orgs + info.places + info.dates + info.stars]
        numbers = [n for n in info.numbers if not any(a <= n.start < b for a, b in blocked)]
        # what holds for every number is read only where there are numbers (without, nothing reads it)
        reading = Reading(
            info, numbers,
            now_at=_now_at(info) if numbers else None,
            rating=bool(numbers) and cues.has(info.text, "metric", "rating_cues"), plan=info.start in ctx.plan_sentences,
            opens_with_parts=bool(numbers) and reader.opens_with_parts(state, info),
            prev_text=prev_text)
        paired = dict((n.start, item) for n, item in respectively.pairs(       # 'A và B lần lượt có 5 và 7 …'
            text, info.start, info.end, info.usable_places(), info.stars, reading.numbers, info.dates)) \
            if respectively.said(info.text) else {}
        each = respectively.each_said(info.text)       # 'A và B mỗi nơi có 7 …'
        for i, n in enumerate(reading.numbers):
            unit, end, unit_rule = units.unit_for(text, info, n, reading.numbers[i + 1:], reading.done, state.wholes)
            if unit is None or units.cut_short(text, info, n, reading.numbers[i + 1:]):
                continue
            run = respectively.each_of(text, info.start, info.usable_places(), n) \
                if each and n.start not in paired else []
            fig = _figure(doc, ctx, state, reading, i, unit, end, unit_rule, ocop_article, bool(run))
            restated.settle_back_reference(fig, figures_read, text)   # 'Trong số 31 sản phẩm này, …'
            subplaces.mark(fig, text, info.start)       # 'Làng nghề X có 5 sản phẩm': a part of the province's
            respectively.apply(fig, paired.get(n.start))
            if any(p.value["name"] == fig.fields["scope"] for p in run):     # (the one it was read as)
                fig.also_of = tuple(p for p in run if p.value["name"] != fig.fields["scope"])
            reading.done.append(fig)
            figures_read.append(fig)
            state.pool = pools.track(state.pool, fig, text)
        if reading.done:    # the whole the sentence's figures add up to, a predicate they share
            regroup.regroup_sentence(text, info, reading.done, reading.opens_with_parts, state.wholes)
        reader.leave(state, reading, ctx, text)
        prev_text = info.text
    pools.close(state.pool)
    pools.settle_repeats(figures_read, text)   # the headline's 'Đánh giá, phân hạng 45 sản phẩm' of a pool
    restated.settle_stocks(figures_read)        # '… có 17.420 sản phẩm OCOP. Trong đó, có 1.204/17.420 …'
    restated.settle_headline(figures_read, infos)   # 'Cao Bằng: 3 sản phẩm đạt OCOP 4*'
    lead.settle_lines(figures_read, ctx)        # lines that add up to more than their addition are stocks
    read = attach.undated(figures_read, ctx, text)      # (what no date of its own timed)
    return [f.fields for f in read] + [build.for_place(f.fields, p) for f in read for p in f.also_of]



_MADE_OF = regex.compile(r"\(|(?<![\p{L}\p{M}])gồm(?![\p{L}\p{M}])", regex.IGNORECASE)   # (a whole's parts open)

def _figure(doc: Doc, ctx: ArticleContext, state: ReaderState, reading: Reading, i: int, unit: str, end: int,
            unit_rule: str, ocop_article: bool, each: bool = False) -> parts.Figure:
    text, info, n, done = doc.text, reading.info, reading.numbers[i], reading.done
    now = attach.now_holds(text, reading.now_at, n, reading.numbers[i + 1].start if i + 1 < len(reading.numbers)
                           else info.end, info.dates)
    later = [m for m in reading.numbers[i + 1:] if not owners.owner_number(text, n, m)]
    if unit == cues.words("metric", "products_unit"):   # '1 sản phẩm bột ca cao 3 trong 1 … đạt hạng 5 sao'
        later = [m for m in later if parts.PRODUCTS_AFTER.match(text, m.end) or m.value.get("percent")]
    if n.value.get("of_role") == "part" and later and later[0].value.get("of_role") == "whole":
        later = later[1:]   # X/Y: what follows the whole (`2/3 sản phẩm OCOP 5 sao`) is the part's too
    products = cues.words("metric", "products_unit")
    clause_start, clause_end = parts.clause_bounds(text, info, n, info.dates)
    next_start = later[0].start if later else info.end
    window_start = max(clause_start, done[-1].end if done else info.start)
    label = done[-1].star_match if done else None
    if label is not None and window_start <= label.start and label.end <= n.start:
        window_start = label.end    # '6 sản phẩm xếp hạng 4*, 40 …': the class before is the figure before's
    right_end = min(next_start, clause_end) if next_start > end else clause_end
    left_clause = text[clause_start:n.start]
    kind_window = text[window_start:n.start]
    right = text[end:max(end, right_end)]
    right_np = cues.CLAUSE_MARKS.split(right, maxsplit=1)[0]
    rules = [n.rule, unit_rule]

    # the whole of the sentence before that parts opening a sentence detail: the last of their unit, a
    # counted one before one the round did not rate ('… 32 sản phẩm đạt …; 4 sản phẩm chưa đạt. Trong số các
    # sản phẩm mới được công nhận, huyện Thọ Xuân có 5 …')
    wholes = [f for f in reversed(state.wholes) if f.unit == unit and (f.fields["kind"] != "target" or reading.plan)] \
        if reading.opens_with_parts else []
    parent = parts.parent_in_sentence(text, n, unit, done) or lead.opener_whole(wholes, info.text)
    base = compared.base_date(info, n)      # 'so với năm 2023 (170 sản phẩm)': that year's, no part
    if parent is not None and (not parts.can_be_part(n, parent) or parts.states_a_change(text, n) or base
                               or parts.in_another_place(info, n, clause_start, parent, ctx.main_place)
                               or parts.added_to_stock(text, n, parent) or owners.another_owner(info, n, parent)):
        parent = None
    taken = max((f.star_match.end for f in done if f.star_match is not None), default=window_start)
    reached = figures.result_after_whole(text, n, end)      # an X/Y's whole followed by what X reached
    star_m = classes.star_of(right, end, max(window_start, taken), n, info.stars, before_too=unit != "%",
                             text=text) \
        if unit in (products, "%") and reached is None else None
    heading = headings.heading_of(text, info, n, done) if unit == products and star_m is None and parent is None \
        else None
    if heading is not None:
        star_m = heading[1]
    elif unit == products and star_m is None and parent is None:
        star_m = classes.topic_class(text, info.start, n, info.stars) or growth.start_class(text, info, n, done) \
            or classes.lead_class(text, n, done, info.stars)
    cat_left = kind_window
    if clause_start > info.start and text[clause_start - 1] in "(:)" or kind_window.strip() == "(":
        # 'Thực phẩm có (133 sản phẩm)', '+ Đồ uống: 6 …', 'thực phẩm (bưởi, cam) có 17 sản phẩm', 'thực phẩm chiếm tỷ
        # lệ cao nhất với 58,3% (102 sản phẩm)'
        cat_left = text[max(info.start, clause_start - 70, *(f.end for f in done if f.unit != "%")):n.start]
    category = (classes.category_of(cat_left, right) or classes.category_opening(info.text)) \
        if unit == products else None
    group_total = category is not None and parent is None and not done and classes.one_group(right) \
        and not any(parts.PRODUCTS_AFTER.match(text, m.end) for m in later)     # (no other group's count)
    if category is None and unit == products and classes.group_after(right):
        # one group's total, not a split; a part of a figure so named is the split ('Trong 150 sản phẩm OCOP,
        # có 90 sản phẩm thực phẩm, 22 sản phẩm đồ uống')
        category, group_total = classes.group_after(right), parent is None
    share = figures.is_share(unit, left_clause, info)
    if share:
        metric, metric_rule = "share_of_national", "metric.share_of_national"
    else:
        # (the words of a business's name say nothing of its products: 'của Công ty TNHH Đặc sản Đồng Văn')
        named_right = whose.names_blanked(right, end, info.businesses())
        metric, metric_rule = figures.metric_of(
            unit, n, whose.names_blanked(kind_window, n.start - len(kind_window), info.businesses()),
            cues.CLAUSE_MARKS.split(named_right, maxsplit=1)[0], info.text, reading.prev_text + " " + info.text,
            star_m, parent.fields["metric"] if parent else None, ocop_article, category,
            sentence_left=text[info.start:n.start], right=named_right, right_start=end, each=each,
            parent_rule=next((r for r in parent.fields["rules"] if r.startswith("metric.")), None) if parent else None)
    metric, metric_rule = owners.owners_metric(text, n, end, unit, done, info.stars, metric, metric_rule)
    if metric == "ocop_products" and (listed := unrated.listed_after_unrated(done, n, text, unit)) is not None:
        metric, metric_rule = None, listed    # 'đề nghị công nhận 16 sản phẩm 3 sao, 2 sản phẩm 4 sao'
    elif metric == "ocop_products" and parent is not None and unrated.part_of_lapsed(parent, right):
        metric, metric_rule = None, "metric.part_of_lapsed"   # '80 sản phẩm hết hạn, trong đó 3 sản phẩm 5 sao …'
    if parent is not None and metric == "ocop_products" and unrated.whole_of_rated_part(right, parent):
        parts.unrate(parent, "metric.whole_of_rated_part")     # 'Công ty có 12 sản phẩm, trong đó 4 … đạt OCOP'
    star, star_rule = classes.star_code(star_m, metric, category, group_total)
    if star_rule == "star.all_certified" and parent is not None and parent.fields["metric"] == metric \
            and parent.fields["star"] in classes.ONE_CLASS:
        star, star_rule = parent.fields["star"], "star.of_whole"   # '31 sản phẩm 4 sao, trong đó 20 sản phẩm mới'
    elif star_rule == "star.all_certified" and (raised := classes.raised_class(text[info.start:n.start], done, metric)):
        star, star_rule = raised, "star.raised_total_of_class"    # 'thêm 2 sản phẩm 5 sao, nâng tổng số lên 4'
    elif star_rule == "star.all_certified" and parent is None and \
            (ranked := classes.ranked_class(text, info.start, left_clause, unit, done, state.last[1])):
        star, star_rule = ranked, "star.of_ranking"     # 'Quảng Ninh dẫn đầu với 11 sản phẩm 5 sao, Hà Nội … 8'
    rules += [metric_rule, star_rule]

    opener = cues.first(text[n.end:next_start], "parts", "inside")    # '…, trong đó …': the breakdown's dates
    breakdown = n.end + opener.start() if opener else None              # are its parts' ('trong đó năm 2023 có 38')
    d, joined = attach.date_for(info, n, clause_end, breakdown) if base is None else (base, None)
    relation = attach.relation_of(d, now)
    if relation is None and cues.has(kind_window, "kind", "year_span"):
        relation = "during"     # 'Tính chung cả năm, tỉnh có 37 sản phẩm được công nhận': the year's
    if relation == "during" and d is not None and attach.whole_programme(d, text):
        relation = "until"      # 'Sau 5 năm thực hiện Chương trình OCOP (2019 - 2024), tỉnh đã có 229 sản phẩm'
    # a part keeps its whole's kind and time, unless the whole holds no rating and the part does ('35 sản
    # phẩm hết hiệu lực, trong đó 20 sản phẩm đã được đánh giá lại và công nhận lại': read on its own)
    rated_part_of_unrated = metric == "ocop_products" and parent is not None and parent.fields["metric"] is None \
        and parent.unit == unit
    if parent is not None and not (reading.plan or cues.target(left_clause)) and not rated_part_of_unrated:
        if statuses.status_of(right) and parent.fields["kind"] == "total" and "kind.default_total" in parent.fields["rules"] \
                and _MADE_OF.search(text, parent.end, n.start):
            # 'có 4 sản phẩm (3 sản phẩm mới, 1 sản phẩm đánh giá lại)', 'Bốn sản phẩm gồm 1 sản phẩm công nhận
            # lại và 3 sản phẩm mới': a whole made of new and re-rated products is what one round recognized
            parent.fields["kind"] = "added"
            parent.fields["rules"].append("kind.whole_of_new_parts")
        kind, as_of, period, basis = (parent.fields["kind"], parent.fields["as_of"], parent.fields["period"],
                                      "context" if parent.fields["as_of"] else None)
        scope, level, scope_rule = part_scope(info, n, text, window_start, parent, done, ctx)
        years = [d for d in info.dates if d.value.get("relation") in (None, "during") and ctx.date_value(d)
                 and (d.value.get("precision") == "year" or "/" in ctx.date_value(d))
                 and not (d.value.get("interval") and d.value.get("precision") == "year")]
        own_year = [d for d in years if window_start <= d.start and d.end <= n.start] or [   # else right after it
            d for d in years if end <= d.start < right_end and not cues.COMMA.search(text, end, d.start)][:1]
        if own_year and (kind == "total" or kind == "added" and period and "/" in period):   # (or a span's addition)
            # 'đã có 167 sản phẩm được công nhận. Trong đó, năm 2019 có 15 sản phẩm, năm 2020 có 30 …', '…, trong
            # đó 50 sản phẩm mới được công nhận năm 2024': a stock split by the year each part was recognized in
            # ('…, trong đó 6 tháng đầu năm 2024 có 31 sản phẩm được công nhận': the months of a year it was in)
            period = ctx.date_value(own_year[-1])
            kind, as_of, basis = "added", period.split("/")[-1], "stated"
            rules += ["kind.part_in_own_year", "time.stated", scope_rule]
        elif kind == "total" and (statuses.status_of(right) == "new" or cues.has(right_np[:30], "kind", "just_after")):
            kind = "added"      # 'Tỉnh có 31 sản phẩm 4 sao, trong đó 20 sản phẩm mới' (or 'vừa được công nhận'):
            #                     the stock's new ones
            rules += ["kind.new_part_of_stock", "time.part_of_figure", scope_rule]
        else:
            rules += ["kind.part_of_figure", "time.part_of_figure", scope_rule]
    else:
        grown = growth.role(text, info.start, info.end, n.start) if not (reading.plan or cues.target(left_clause)) else None
        if grown is not None:       # 'tăng từ 18 sản phẩm (năm 2019) lên 372 sản phẩm': two stocks
            kind, kind_rule = "total", f"kind.growth_{grown}"
        elif metric_rule == "metric.difference":
            kind, kind_rule = "total", "kind.difference"
        elif metric_rule == "metric.increase":
            kind, kind_rule = "added", "kind.increase"
        elif share and not cues.target(left_clause):
            kind, kind_rule = "total", "kind.share"
        elif base is not None and (against := compared.compared_figure(     # (the sentence before's when it
                done or (state.wholes[::-1] if not text[info.start:base.start].strip() else []), unit)) is not None:
            kind, kind_rule = against.fields["kind"], "kind.base_of_comparison"   # opens this: 'So với năm 2023 (7 …)')
        else:
            # 'Từ đầu năm đến nay, có 12 sản phẩm được công nhận' (the whole of an X/Y is the stock it is of)
            so_far = attach.year_so_far(info, n) and n.value.get("of_role") != "whole"
            kind, kind_rule = figures.kind_of(left_clause, kind_window, cues.before_parts(right), reading.plan,
                                              "during" if so_far else relation, now and not so_far,
                                              reading.rating, parts.reports_result(text[info.start:n.start], reading.prev_text)
                                              or (d is not None and d.rule == "dates.round_year")    # 'đợt 2/2024'
                                              or unrated.passed_round(right_np)     # '… tham gia đánh giá đạt chuẩn'
                                              or (metric is not None and parts.outcome_of_pool(done, unit, star_m)),
                                              span=so_far or bool(d is not None and d.value.get("interval")),
                                              months=d is not None and bool(d.value.get("interval"))
                                              and d.value.get("precision") == "month", counted=unit != "%", dated=d is not None,
                                              decided=reader.decision_before(state, unit))
            label = headings.label_of(text, info, n, clause_start) if kind_rule == "kind.default_total" else None
            if heading is not None and kind_rule == "kind.default_total":
                h_text, h_star = heading
                h_kind, h_rule = figures.kind_of(text[info.start:h_star.start], text[info.start:h_star.start],
                                                 text[h_star.end:h_text], reading.plan, relation, now,
                                                 reading.rating)
                if h_kind != "total":
                    kind, kind_rule = h_kind, f"kind.heading:{h_rule}"
            elif label is not None:     # 'Số sản phẩm được công nhận mới: 25 sản phẩm'
                h_kind, h_rule = figures.kind_of(label, label, "", reading.plan, relation, now, reading.rating)
                if h_kind != "total":
                    kind, kind_rule = h_kind, f"kind.heading:{h_rule}"
        scope, level, scope_rule = scope_of(info, n, clause_start, text, ctx, share, state.last_scope)
        scope, level, scope_rule = round_place(state, info, n, scope, scope_rule, level, kind, ctx.main_district) \
            or (scope, level, scope_rule)
        round_result = n.value.get("of_role") == "whole" and ("pool" if reached == "pool" else (
            kind == "added" or cues.has(info.text, "kind", "evaluation_verbs")     # (an X/Y's whole in a round: the pool)
            or parts.reports_result(text[info.start:n.start], reading.prev_text)))
        metric, star, rules = figures.settled_by_scope(n, metric, star, rules, scope_rule, level, round_result)
        carried = lead.carried_kind(state, info, n, unit, star, metric, relation, lead.line_level(
            level, scope_rule, scope, ctx, info, n), any(f.unit == unit for f in done), d is not None) \
            if kind_rule == "kind.default_total" and not now else None
        if carried is not None:     # a district line of the addition before, another class of its round, a
            kind, kind_rule, of = carried   # list item under its lead ('…, gồm: / - Huyện Hữu Lũng: 4 sản phẩm;')
            metric, star, rules = lead.rated_line(of, kind_rule, metric, star, rules)
            as_of, period, basis, time_rule = (of.fields["as_of"], of.fields["period"], "context",
                                               "time." + kind_rule.split(".")[1].split(":")[0]) \
                if of is not None and d is None else attach.time_of(kind, d, joined, ctx, now, state.last_time)
        else:
            sibling = parts.list_sibling(text, n, unit, done, info.stars, info.businesses()) \
                if kind_rule == "kind.default_total" and not now else None
            if sibling is not None and (d is None or d.end <= sibling.number.start):
                kind, kind_rule = sibling.fields["kind"], "kind.list_sibling"
            if kind_rule == "kind.list_sibling" and d is None:   # the item before's time, not the article's
                as_of, period, basis, time_rule = (sibling.fields["as_of"], sibling.fields["period"],
                                                   sibling.fields["time_basis"], "time.list_sibling")
            else:
                as_of, period, basis, time_rule = attach.time_of(kind, d, joined, ctx, now, state.last_time,
                                                                 measured=kind_rule == "kind.target_named"
                                                                 or cues.names_target(left_clause))
            if kind == "target" and as_of is None and ctx.date_value(plan := ctx.plan_dates.get(info.start)):
                as_of, basis, time_rule = ctx.date_value(plan).split("/")[-1], "context", "time.plan"   # 'Kế hoạch năm 2025: …'
        if kind in ("total", "added") and basis == "stated" and ctx.published and as_of[:4].isdigit() \
                and int((as_of if kind == "total" else period or as_of)[:4]) > ctx.published.year:
            if _ALREADY.search(kind_window):    # 'Nhiệm kỳ 2020-2025 đã có 45 sản phẩm': so far, now
                if kind == "total":
                    (as_of, basis), period, time_rule = ctx.now(), None, "time.so_far_in_span"
            else:   # 'Đến năm 2025, số sản phẩm … đạt 450', 'Năm 2025, tỉnh tiếp tục nâng hạng 10 sản phẩm', in 2024
                kind, kind_rule = "target", "kind.future_date"
        star, rules = lead.class_of_line(state, unit, n, kind, star, rules, category)   # '… lên 4 sao. Huyện A có 3 …'
        rules += [kind_rule, time_rule, scope_rule]
    organization = whose.owner_of(info, n, unit, window_start, right_end, not later, done, parent, text)
    value = dict(
        value=n.value["value"], value_max=n.value.get("value_max"), approx=n.value.get("approx", "exact"),
        unit=unit, metric=metric, star=star, category=category, kind=kind, scope=scope, scope_level=level,
        as_of=as_of, period=period, time_basis=basis if as_of else None, organization=organization,
        product=whose.product_of(right) if unit == products else None,
        status=statuses.status_of(right) if kind == "added" or parent is not None else None,
        kind_basis=reading_basis.kind_basis(rules), scope_basis=reading_basis.scope_basis(rules))
    if value["value_max"] is not None:
        value["approx"] = "range"
    fields = record(doc, info, "count", n.start, end, [r for r in rules if r], **value)
    return parts.Figure(n, unit, fields, end, parent, star_m,
                        addition=lead.addition_detailed(of) if lead.LINE_RULES & set(rules) else None)

