"""What a reader carries from sentence to sentence: the whole figures of the last sentence, the date and
the place in force, whether a list of parts goes on, the pool put to a council. A new paragraph keeps the
place, not the figure or the date, unless it goes on with or details the figure before."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..matchers import Match
from . import attach, cues, growth, parts, pools, regroup, subjects, whose
from .analysis import SentenceInfo
from .context import ArticleContext
from .lead import DETAIL_OPENS

STARTS_WITH_NUMBER = regex.compile(r"[\s\-–•*]*\d")


@dataclass
class Reading:
    """One sentence as the reader takes it in: its matches and what holds for every number in it."""
    info: SentenceInfo
    numbers: list[Match]           # the numbers that are not inside a date, place, star class or name
    now_at: int | None             # where `hiện nay`, `đến nay` stands: the figures from it on hold now
    rating: bool                   # a rating word (công nhận, phân hạng …) is in the sentence
    plan: bool                     # the paragraph lists targets
    opens_with_parts: bool         # `Trong đó, …`: parts of the previous sentence's figure
    prev_text: str                 # the sentence before (some cues span two sentences)
    done: list[parts.Figure] = field(default_factory=list)


@dataclass
class ReaderState:
    paragraph: int = -1
    wholes: list[parts.Figure] = field(default_factory=list)   # whole figures of the last sentence that had any
    last_time: tuple | None = None      # (as_of, period) of the last stated date in this paragraph
    last_scope: tuple | None = None     # (scope, level) of the last figure (kept across paragraphs)
    parts_run: bool = False             # the last sentence with figures listed parts of a whole
    pool: pools.Pool | None = None      # products put to a council in this paragraph (or list), not yet settled
    places: set = field(default_factory=set)   # the places of this paragraph's figures
    item: bool = False                  # this paragraph is an item of a list (`- …`, `+ …`, `1. …`)
    outer_scope: tuple | None = None    # the place in force before the list's items (an item's is its own)
    lead: tuple | None = None           # (text, figures) of the sentence a list's items follow (`…, gồm:`)
    last: tuple = ("", [])              # (text, figures) of the sentence just read
    last_names_decision: bool | None = None     # whether it names a decision (decision_before), once asked
    last_named_class: bool = False      # whether it names a star class
    classes: tuple | None = None        # (addition, its class lines so far, they and their items): regroup.class_lines
    decision: object = None             # the province's addition the paragraph before ended with, while this one
    #                                     may list its districts (lead.carried_kind)
    detailed: bool | None = None        # this paragraph's figures so far all detail the decision (None: no figure)
    last_addition: object = None        # the last addition of rated products of a province (or the country) read
    paragraph_addition: object = None   # the last one this paragraph gave (not as a comparison's base)


_ASKS_PLAN = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('kind', 'target'))})(?![\p{{L}}\p{{M}}])"
                        r"[^.!?]*\?\s*$", regex.IGNORECASE)
"""A question about a plan or a target, ending its paragraph."""
_COMPARES = regex.compile(r"\W*So\s+với\s+(?:cùng\s+kỳ\s+)?năm(?![\p{L}\p{M}])", regex.IGNORECASE)
"""A sentence that opens by comparing with a year (`So với năm 2021, khi toàn tỉnh chỉ công nhận 28 sản phẩm, …`)."""
_LIST_ITEM = regex.compile(r"\s*(?:[-+•*–]|\d{1,2}[.)])\s")


def enter(state: ReaderState, info: SentenceInfo) -> ReaderState:
    """The state a sentence is read in. A new paragraph keeps the place, not the figure or date, unless it
    goes on with, or details, the figure before; nor a place when the paragraph before went through several
    (a list of districts), nor the place of a list's item (`+ Huyện Bắc Bình: 10 sản phẩm`): the items after
    it, and what follows the list, are in the place before the list. A sentence opening with `Mới đây`
    is timed by the article's present, not by the date stated before it."""
    if info.paragraph != state.paragraph:
        if (state.parts_run and STARTS_WITH_NUMBER.match(info.text)) \
                or cues.pattern("parts", "elaboration_openers").match(info.text):
            state.paragraph = info.paragraph
        else:
            carried = state.outer_scope if state.item else state.last_scope if len(state.places) <= 1 else None
            item = bool(_LIST_ITEM.match(info.text))
            lead = (state.lead if state.item else _list_lead(state)) \
                if item else None     # ('công nhận 10 sản phẩm, gồm: / - Huyện A: 4 sản phẩm; …')
            decision, detailed = _next_decision(state, info.text)
            state = ReaderState(paragraph=info.paragraph, last_scope=carried, item=item,
                                outer_scope=carried if item else None, lead=lead,
                                # (a list's items: one stretch; a paragraph opening with the round's result, too)
                                pool=state.pool if item and state.item or cues.has(info.text, "kind", "result_cues") else None,
                                classes=state.classes if item else None, decision=decision, detailed=detailed,
                                last_addition=state.last_addition,
                                # (an answer is timed by the question's year: 'PV: Năm 2025, huyện đặt mục tiêu
                                # như thế nào? ¶ Huyện phấn đấu có thêm 5 sản phẩm')
                                last_time=state.last_time if _ASKS_PLAN.search(state.last[0]) else None,
                                # (a label of its own, 'Phân theo địa bàn:', leads its list with the figures before)
                                wholes=state.wholes if _bare_label(info.text) or _bare_label(state.last[0]) else [])
    if state.decision is not None and (cues.has(info.text, "kind", "now_cues") or cues.has(info.text, "kind", "ranking_words")
                                       and not DETAIL_OPENS.match(info.text)):
        state.decision = None       # ('Đến nay, …', 'Huyện X dẫn đầu với …': the districts' stocks, not the decision's;
        #                             but 'Xét theo địa phương, TP Đà Lạt dẫn đầu với 12 sản phẩm …': its districts)
    if cues.pattern("kind", "recent_openers").match(info.text):
        state.last_time = None
    return state


def _list_lead(state: ReaderState) -> tuple | None:
    """The lead of the list that starts: the sentence just read when it ends with a colon; a bare label
    with no figure of its own (`… công nhận 47 sản phẩm OCOP đợt 1 năm 2020. Cụ thể:`) leads with the
    figures of the sentence before it."""
    text, figures = state.last
    if not text.rstrip().endswith(":"):
        return None
    return (text, figures) if figures or not _bare_label(text) else (text, state.wholes)


_LABEL_MAX = 60


def _bare_label(text: str) -> bool:
    """A short line ending with a colon, a list's label (`Phân theo địa bàn:`, `Kết quả phân hạng năm 2025:`)."""
    return len(text) <= _LABEL_MAX and text.rstrip().endswith(":")


def _adds_up(whole: parts.Figure, figures: list[parts.Figure]) -> bool:
    """Two or more figures of a whole's place, kind and year that add up to it, read before (`… công nhận 23 sản
    phẩm. … có 16 sản phẩm được công nhận mới và 7 sản phẩm được công nhận lại.`): its breakdown; the whole stays
    the one the parts after them are of (`Về thứ hạng, 5 sản phẩm đạt 4 sao, 18 sản phẩm đạt 3 sao`), kept after
    them (read last first)."""
    values = [f.fields["value"] for f in figures]
    return len(values) > 1 and all(isinstance(v, (int, float)) for v in values) and sum(values) == whole.fields["value"] \
        and all(f.fields["scope"] == whole.fields["scope"] and f.fields["kind"] == whole.fields["kind"]
                and (f.fields["as_of"] or "")[:4] == (whole.fields["as_of"] or "")[:4] for f in figures)


def _next_decision(state: ReaderState, opening: str) -> tuple:
    """The decision a new paragraph may list the districts and details of, and whether it comes to it through
    paragraphs that detailed it (`detailed`, kept through a paragraph with no figure of it)."""
    before = state.decision if state.decision is not None and state.decision.fields["metric"] == "ocop_products" \
        else None     # (a round's pool, settled as unrated since, is no decision)
    # (a paragraph of no rated figures about the products it recognized, between the decision and its districts,
    # leaves it leading them: 'Các sản phẩm được công nhận thuộc các nhóm …', 'Nhiều sản phẩm đạt 4 sao là …', 'hai
    # sản phẩm … đạt trên 90 điểm, đủ điều kiện để tỉnh đề xuất … 5 sao')
    decision = lead_addition(state) or (before if before is not None and all(
        w.fields["metric"] is None for w in state.wholes) and (cues.has(state.last[0], "metric", "result_cues")
                                                              or state.last_named_class) else None)
    if decision is None and (state.detailed or DETAIL_OPENS.match(opening)
                             and all(w.fields["metric"] is None for w in state.wholes)):
        decision = before       # (a paragraph of its details ending with words: it leads the next one; so does
        #                         one opening as its detail: 'Trong số sản phẩm đạt, huyện Hoằng Hóa có 7 …')
    if decision is not None and _detail_of(decision, before):
        decision = before       # ('… công nhận 42 sản phẩm. ¶ Đáng chú ý, có 3 sản phẩm được nâng hạng … ¶ Xét theo
        #                         địa bàn, huyện A có 7 sản phẩm, …': the decision's districts)
    if decision is not None and decision.fields["metric"] != "ocop_products":
        decision = None
    # (and through a paragraph with no figure of it after its details: a list of the products named)
    return decision, True if state.detailed and decision is not None and decision is before else None


def _detail_of(f: parts.Figure, decision: parts.Figure | None) -> bool:
    """`f`, an addition the paragraph after a decision ended with, is a detail of it (`Đáng chú ý, có 3 sản phẩm
    được nâng hạng`): smaller, of its unit, place and year, of no business; the decision leads on."""
    return decision is not None and f is not decision and f.unit == decision.unit \
        and isinstance(f.fields["value"], int) and isinstance(decision.fields["value"], int) \
        and f.fields["value"] < decision.fields["value"] and f.fields["scope"] == decision.fields["scope"] \
        and f.fields["organization"] is None and (f.fields["as_of"] or "")[:4] == (decision.fields["as_of"] or "")[:4]


def _line_of_decision(f: parts.Figure, decision: parts.Figure) -> bool:
    """`f` is a district's (or a business's) line of the decision, or a part of one, or a business's products
    recognized with it (`Riêng ở huyện A, Công ty X có 2 sản phẩm cùng được nâng lên hạng 4 sao`)."""
    return any(r in _top(f).fields["rules"] for r in ("kind.district_line_of_decision", "kind.owner_in_round",
                                                         "kind.district_line_of_addition")) \
        or f.fields["organization"] is not None and isinstance(f.fields["value"], int) \
        and isinstance(decision.fields["value"], int) and f.fields["value"] < decision.fields["value"] \
        and (f.fields["as_of"] or "")[:4] == (decision.fields["as_of"] or "")[:4]


def lead_addition(state: ReaderState):
    """The province's (or the country's) addition the paragraph just read ended with (`UBND tỉnh vừa công nhận
    77 sản phẩm OCOP đợt 2 năm 2022.`), or with parts of (`… Trong đó, 5 sản phẩm đạt 4 sao.`), or with its
    districts, whose districts and businesses the next paragraph may list; None otherwise."""
    compared = bool(_COMPARES.match(state.last[0]))
    if not compared and len({w.fields["as_of"][:4] for w in state.wholes
                             if w.fields["kind"] == "added" and w.fields["as_of"]}) > 1:
        return None     # the additions of several years: a history, no decision ('Năm 2019 … 24; năm 2020 … 43'; not
        #                 a comparison with the year before: 'So với năm 2022, khi toàn tỉnh chỉ công nhận 25 …')
    # (not its owners, '… cho 23 sản phẩm của 17 chủ thể', nor the pool of an X/Y, 'Kết quả, 21/24 sản phẩm đạt …',
    # nor the plan it is measured against, '…, vượt 8,6% so với kế hoạch cả năm là 35 sản phẩm')
    last = [f for f in state.last[1] if f.fields["metric"] != "ocop_subjects" and f.number.value.get("of_role") != "whole"
            and f.fields["kind"] != "target"]
    if not last or compared:
        # (a paragraph ending with its plan or a comparison with years before: 'Kế hoạch năm 2022 đặt ra là 35 sản
        # phẩm. So với năm 2021, khi toàn tỉnh chỉ công nhận 28 sản phẩm, …': the addition it gave before them)
        last = [state.paragraph_addition] if state.paragraph_addition is not None else []
    f = _top(last[-1]) if last else None
    if f is not None and "kind.district_line_of_decision" in f.fields["rules"]:
        return state.decision       # (a paragraph of its districts: the decision goes on)
    if f is not None and f.fields["metric"] is None:
        # a sentence ending with an unrated count leads with its largest rated addition ('… công nhận 17 sản phẩm 4
        # sao và 31 sản phẩm 3 sao; 7 sản phẩm chưa đạt')
        f = max((_top(g) for g in last if g.fields["metric"] == "ocop_products" and _is_addition(_top(g))),
                key=lambda g: g.fields["value"] if isinstance(g.fields["value"], int) else 0, default=None)
    if f is None or not _is_addition(f):
        return None
    # (a sentence of its parts that add up to it: the whole they detail, '… có 47 sản phẩm … Xét theo hình thức,
    # có 32 sản phẩm được công nhận mới, 11 … lại và 4 … được nâng hạng.')
    return next((w for w in state.wholes if _is_addition(w) and _detail_of(f, w)
                 and _adds_up(w, [g for g in last if g.unit == w.unit])), f)


def _top(f: parts.Figure) -> parts.Figure:
    while f.parent is not None:
        f = f.parent
    return f


def _is_addition(f: parts.Figure) -> bool:
    """A province's (or the country's) addition of rated products."""
    return f.fields["kind"] == "added" and f.fields["metric"] == "ocop_products" \
        and f.fields["scope_level"] in ("province", "country")


def opens_with_parts(state: ReaderState, info: SentenceInfo) -> bool:
    """`Trong đó, …`, or a number opening a sentence while a list of parts goes on: parts of the figure
    before."""
    return bool(cues.pattern("parts", "sentence_openers").match(info.text)) \
        or (state.parts_run and bool(STARTS_WITH_NUMBER.match(info.text)))


def decision_before(state: ReaderState, unit: str) -> bool:
    """The sentence just read names a decision and counts none of `unit` (`Ngày 12/9/2022, UBND tỉnh ban hành
    Quyết định số 3412/QĐ-UBND công nhận kết quả …`): what the next says was recognized is that decision's."""
    text, figures = state.last
    if state.last_names_decision is None:       # (asked for each figure of a sentence: the text once)
        state.last_names_decision = cues.has(text, "kind", "decision_refs")
    return state.last_names_decision and not any(f.unit == unit for f in figures)


def leave(state: ReaderState, reading: Reading, ctx: ArticleContext, text: str) -> None:
    """What the sentence just read leaves the reader with: its whole figures, whether its parts go on in
    the next sentence, the place of its last figure (or of its subject when it has none), its last date."""
    info = reading.info
    state.last, state.last_names_decision, state.last_named_class = (info.text, reading.done), None, bool(info.stars)
    if not _COMPARES.match(info.text):      # (not 'So với năm 2021, khi toàn tỉnh chỉ công nhận 28 sản phẩm, …')
        state.paragraph_addition = next((f for f in reversed(reading.done) if _is_addition(f)
                                         and "kind.base_of_comparison" not in f.fields["rules"]), state.paragraph_addition)
    if state.decision is not None and state.detailed is not False:
        own = [f for f in reading.done if f.unit == state.decision.unit and f.fields["metric"] == state.decision.fields["metric"]]
        if own:
            state.detailed = all(f.fields["kind"] == "added" and (f is state.decision or _detail_of(f, state.decision)
                                                                   or _line_of_decision(f, state.decision))
                                 for f in own)
    state.last_addition = next((f for f in reversed(reading.done) if _is_addition(f)), state.last_addition)
    if reading.done:
        wholes = [f for f in reading.done if f.number.value.get("of_role") != "whole" and f.unit != "%"
                  and f.parent is None and "kind.base_of_comparison" not in f.fields["rules"]]
        if wholes:      # (a sentence of owners, 'Các sản phẩm này thuộc 14 chủ thể', keeps the products' whole; a
            #   base of comparison, 'So với năm 2023 (7 sản phẩm), …', is no whole: the figure compared stays)
            units = {f.unit for f in wholes}
            detailed = [w for w in [*state.wholes, *([state.decision] if state.decision else [])]    # (or the decision
                        if w.unit in units and _adds_up(w, [f for f in wholes if f.unit == w.unit])]  # the paragraph details)
            state.wholes = wholes + detailed[:1] + [w for w in state.wholes if w.unit not in units]
        # 'Cụ thể, có 1 sản phẩm 5 sao … . 10 sản phẩm đạt 4 sao …': a list of parts goes on in the next
        # sentence of the paragraph that starts with a number
        state.parts_run = reading.opens_with_parts and any(f.parent is not None for f in reading.done)
        # the whole of an X/Y (the country's 11.530) does not move the reader's place, nor a figure placed at a
        # business's address ('Công ty có trụ sở tại phường Vĩnh Nguyên, … với 85 lao động') or in the province
        # written with it ('Công ty X (Thái Nguyên) có 6 sản phẩm')
        address = whose.address_places(info, text)
        placed = [f for f in reading.done if f.number.value.get("of_role") != "whole"
                  and f.fields["scope"] not in address and "scope.business_place" not in f.fields["rules"]]
        if placed:
            state.last_scope = (placed[-1].fields["scope"], placed[-1].fields["scope_level"])
            if ctx.main_level == "country" and placed[-1].fields["scope_level"] != "country":
                state.last_scope = None     # in an article about the country a province's figure ('Hà Nội dẫn đầu
                #   với 3.300 sản phẩm') moves no reader there: the next sentence with no place is national
            if len({f.fields["scope"] for f in placed}) > 1:
                state.last_scope = None     # a sentence through several places ('Hà Nội và TP.HCM lần lượt
                #   có …', a round's parts by district: 'Trong số này, huyện Đại Lộc có 9 sản phẩm, … thành phố
                #   Hội An 5 sản phẩm') leaves the reader in none of them: the next one is in the article's place
            state.places.update(f.fields["scope"] for f in placed)
        regroup.class_lines(state, reading.done)
    elif (subject := subjects.subject_place(info, ctx, state.last_scope)) is not None:
        state.last_scope = subject      # 'Bến Lức là một trong những địa phương …': the reader is there
    if info.dates and (not reading.plan and not cues.target(info.text) or _ASKS_PLAN.search(info.text)):
        # (a plan's dates time nothing after, but a question's about a plan times its answer)
        starts = growth.start_dates(text, info.start, info.end, info.dates)[0]     # nor a growth's start's
        for d in info.dates:
            v = ctx.date_value(d)
            if v and d.value.get("relation") not in ("since", "compared") and (d.start, d.end) not in starts \
                    and not attach.times_nothing(text, info.start, d):
                state.last_time = (v.split("/")[-1], v if "/" in v else None)

