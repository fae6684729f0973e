"""Where: the place a count is about, from its clause, its sentence, the sentences before it, and the
article as a whole — in that order, as a reader does (when: `attach.py`; whose: `whose.py`)."""
from __future__ import annotations

import regex

from ..gazetteer.names import district_after_lead
from ..gazetteer.provinces import absorbed_into, successor
from ..gazetteer.resolve import on_new_map
from ..matchers import Match
from ..matchers.places import CENTRAL
from . import compared, cues
from .analysis import LEVEL_RANK, SentenceInfo
from .article_place import admin_word
from .context import ArticleContext
from .parts import AGENCY_BEFORE, aside
from .subjects import LIST_JOIN, bare_district_opening, business_place, most_specific, resolve_place

_APPOSITION = regex.compile(r"^\s*[,(-]?\s*$")
_OWN_PLACE_REACH = 40   # characters from a number to the place its own noun phrase names ('… sản phẩm của tỉnh X')
WITH_LEAD = regex.compile(r"[\W\d_]*(?:\p{Lu}{2,8}\W*)?với(?:\s+(?:tổng số|tổng cộng))?\s*", regex.IGNORECASE)
"""`Với N sản phẩm, X …` opening a sentence, after a news agency's tag too (`(AGO) - Với 23 sản phẩm OCOP, …`)."""
_FINER = {None: ("province", "district", "commune"), "country": ("province", "district", "commune"),
          "province": ("district", "commune"), "district": ("commune",)}
"""The levels of a place inside a whole's: a part in its own place of these takes that place."""
OF = regex.compile(rf"(?:{cues.longest_first(cues.words('org_lead'))})\s*$", regex.IGNORECASE)
_CLAUSE_END = regex.compile(r"[,;:.()]")


def _lead_of(text: str, n: Match, p: Match) -> str:
    """The words between a number and a place after it, with the lead word of a generic place, which its
    match holds ('sản phẩm OCOP của tỉnh'): what `OF` looks at the end of."""
    return (text[n.end:p.start] + (p.text.split()[0] if p.value["generic"] else ""))[-6:]


def own_place_after(info: SentenceInfo, n: Match, text: str, generic: bool = False) -> Match | None:
    """The place the number's own noun phrase says its things are of or in, right after it in its clause
    (`212 sản phẩm của tỉnh Hà Giang cũ`, `5 sản phẩm thuộc huyện Ba Bể`, `12 sản phẩm ở huyện Ba Bể`, also
    past the number of their owners: `2 sản phẩm của 2 hộ ở huyện Ba Bể`), no other number between; a named
    one, or with `generic` a bare level word (`UBND tỉnh đã công nhận 8 sản phẩm của huyện`); else None, and
    None when it is the first of a list (`16 sản phẩm 5 sao thuộc Hà Nội, Quảng Ninh và Lâm Đồng`: all theirs)."""
    own = _own_place_after(info, n, text, generic)
    if own is not None and any(q.start > own.end and LIST_JOIN.match(text[own.end:q.start]) and not q.value["generic"]
                               and q.value["level"] == own.value["level"] for q in info.usable_places()):
        return None
    return own


def _own_place_after(info: SentenceInfo, n: Match, text: str, generic: bool) -> Match | None:
    return next((p for p in info.usable_places() if n.end <= p.start <= n.end + _OWN_PLACE_REACH
                 and p.value["generic"] == generic and not _CLAUSE_END.search(text, n.end, p.start)
                 and (OF.search(_lead_of(text, n, p)) or _WHERE_LEAD.search(text, n.end, p.start))
                 and not any(n.end <= m.start < p.start and not _OWNERS_OF.search(text, n.end, m.start)
                             for m in info.numbers)
                 and not (n.value.get("of_role") == "part" and p.value["level"] == "country")), None)


_VENUE_BEFORE = regex.compile(r"(?:[^,;:.()]*,\s*)?tại\s+", regex.IGNORECASE)
_COMMA_AFTER = regex.compile(r"\s*,")


def _venue(text: str, info: SentenceInfo, p: Match) -> bool:
    """A place the sentence opens with after `tại`, set off by commas (`Tại Hà Nội, …`, `Chiều 18/11, tại Hà
    Nội, …`): where what it tells took place, which says nothing of whose the products are when a national
    body is the one that acts."""
    return bool(_VENUE_BEFORE.fullmatch(text, info.start, p.start) and _COMMA_AFTER.match(text, p.end))


_OWNERS_OF = regex.compile(r"(?<![\p{L}\p{M}])của\s+$", regex.IGNORECASE)
"""Before the number of the owners the products are of, which leaves the place after them the products':
`2 sản phẩm của 2 hộ ở huyện Ba Bể`."""


_WHERE_LEAD = regex.compile(r"(?<![\p{L}\p{M}])(?:ở|tại|trên địa bàn|thuộc địa bàn|tại địa bàn|thuộc khu vực|ở khu vực|của khu vực"
                            r"|của địa bàn)\s*$",
                            regex.IGNORECASE)
"""Where the things are, after their noun: `12 sản phẩm ở huyện Ba Bể`, `18 sản phẩm thuộc địa bàn Bắc Ninh cũ`."""


_ON_COUNTRY = regex.compile(r"(?:trên|của)\s*$", regex.IGNORECASE)   # (a match may hold its 'trên')


def _country_after(info: SentenceInfo, n: Match, text: str) -> Match | None:
    """The country its noun phrase says the number's things are on (`có 89 sản phẩm OCOP 5 sao trên cả
    nước`, `trong tổng số 89 sản phẩm 5 sao trên toàn quốc`): no other number nor a clause's end between."""
    return next((p for p in info.usable_places() if p.value["level"] == "country"
                 and n.end <= p.start <= n.end + _OWN_PLACE_REACH and n.value.get("of_role") != "part"
                 and not _CLAUSE_END.search(text, n.end, p.start) and not any(n.end <= m.start < p.start for m in info.numbers)
                 and (_ON_COUNTRY.search(text, n.end, p.start) or _ON_COUNTRY.match(p.text[:4] + " "))), None)


_NEXT_ITEM = regex.compile(r"[^,;:.()]{0,30}?(?:,|\s+và)\s*", regex.IGNORECASE)
"""From a part to the next of its list: its class or noun, then `,` or `và` (no new clause)."""


def part_scope(info: SentenceInfo, n: Match, text: str, window_start: int, parent, done: list,
               ctx: ArticleContext | None = None) -> tuple:
    """The place of a part of `parent` (a `parts.Figure`): the whole's, or a finer place of its own (before
    it in its window, or named by its own noun phrase after it), or the place of the figure its bracket
    details; with the rule that decided."""
    scope, level = parent.fields["scope"], parent.fields["scope_level"]
    scope_rule = "scope.part_of_figure"
    if level in ("province", "country", "district", None):
        finer = _FINER[level]
        own = [p for p in info.usable_places() if window_start <= p.start and p.end <= n.start
               and not p.value["generic"] and (p.value["level"] in finer or p.value["level"] == level
                                               or level == "district" and p.value["level"] == "province"
                                               and not _agency_place(text, p))]
        #   (a province's part of a whole read in a district: the whole was not the district's, 'hai tỉnh …,
        #   trong đó Nghệ An có 632 sản phẩm' after a meeting in TP Vinh)
        bracket = text.rfind("(", info.start, n.start)
        bracketed = [f for f in done if f.end <= bracket] if bracket >= 0 and ")" not in text[bracket:n.start] \
            else []
        if bracketed and any(bracketed[-1].end <= o.start < bracket for o in info.orgs):
            bracketed = []  # (a business's own bracket: '… xã Nam Dương (02 sản phẩm) và Tổ hợp tác Y (03 sản phẩm)')
        after = own_place_after(info, n, text)    # '… gồm 360 sản phẩm của tỉnh A và 212 của tỉnh B'
        if after is not None and (after.value["level"] in finer or after.value["level"] == level):
            own = [after]
        if own:   # `Trong đó, H.Long Thành có 12 …`: a part in its own district of the whole's province
            p = most_specific(own, len(own) - 1, text)     # ('xã Lý Nhân (tỉnh Hà Nam cũ) có 3 sản phẩm')
            scope, level, scope_rule = p.value["name"], p.value["level"], "scope.part_in_own_place"
        elif bracketed and bracketed[-1].fields["scope_level"] in finer:
            # `Thị xã Duy Tiên có 42 sản phẩm (12 sản phẩm 4 sao, …)`: the bracketed figure's place
            scope, level = bracketed[-1].fields["scope"], bracketed[-1].fields["scope_level"]
            scope_rule = "scope.bracket_of_figure"
        elif level == "province" and ctx is not None and scope == ctx.main_place \
                and (bare := bare_district_opening(info, ctx, n, window_start)) is not None:
            # 'Tỉnh Bắc Giang có 420 sản phẩm, trong đó Lục Ngạn có 42 sản phẩm, Lục Nam có 20 sản phẩm'
            scope, level, scope_rule = *bare, "scope.part_in_own_place"
        elif done and done[-1].parent is parent and "scope.part_in_own_place" in done[-1].fields["rules"] \
                and _NEXT_ITEM.fullmatch(text, done[-1].end, n.start):
            # 'Trong đó, huyện Yên Thành có 10 sản phẩm 4 sao và 35 sản phẩm 3 sao': the place of the part before
            prev = done[-1].fields
            scope, level, scope_rule = prev["scope"], prev["scope_level"], "scope.place_of_part_before"
    return scope, level, scope_rule


def scope_of(info: SentenceInfo, n: Match, clause_start: int, text: str, ctx: ArticleContext,
             share: bool, last_scope: tuple | None) -> tuple[str | None, str | None, str]:
    left = text[info.start:n.start][-60:]
    diff = compared.difference_with(left)   # 'nhiều hơn huyện Yên Châu 26 sản phẩm': not Yên Châu's
    compared_from = n.start - len(left) + diff.end() if diff else n.start
    places = [p for p in info.usable_places() if not compared_from <= p.start < n.start and not _count_gloss(text, info, p, n)]
    if n.value.get("of_role") == "whole":
        country = [p for p in places if p.value["level"] == "country" and p.start > n.start]
        if country:
            return "Việt Nam", "country", "scope.whole_of_country"
        # '33/55 sản phẩm đạt 4 sao của tỉnh': the whole is the stock of the place it is said to be of
        of_place = [p for p in places if p.start >= n.end and not _CLAUSE_END.search(text, n.end, p.start)
                    and OF.search(_lead_of(text, n, p))]
        if of_place:
            return (*resolve_place(of_place[0], ctx)[:2], "scope.whole_of_place")
    before = [p for p in places if p.end <= n.start]
    own = own_place_after(info, n, text)
    if not [p for p in before if not _venue(text, info, p)] and own is None and any(
            o.value["org_class"] == "agency" and o.end <= n.start and cues.has(o.value["name"], "scope", "national_bodies")
            and not aside(text, o, n) for o in info.orgs):
        return "Việt Nam", "country", "scope.national_body"     # 'Bộ Nông nghiệp và PTNT công nhận 16 sản phẩm …'
    #   (also where it met: 'Chiều 18/11, tại Hà Nội, Hội đồng … cấp quốc gia đã công nhận 16 sản phẩm')
    if not before and ctx.main_level in ("province", "country") and _THE_REST.search(text, max(info.start, n.start - 40), n.start):
        return ctx.main_place, ctx.main_level, "scope.rest_of_places"     # 'Các địa phương còn lại: 253 sản phẩm'
    if (bare := bare_district_opening(info, ctx, n, clause_start, bool(before))) is not None:
        return (*bare, f"scope.{bare[1]}_named_bare")     # 'Đến nay, Đô Lương có 45 sản phẩm' (Nghệ An)
    if not before and WITH_LEAD.fullmatch(text, info.start, n.start):
        # 'Với 450 sản phẩm, Quảng Ninh đứng thứ 3 toàn quốc': the subject after the clause has them
        subject = next((p for p in places if p.start >= n.end and p.value["level"] in ("province", "district", "commune")
                        and not p.value["generic"]), None)
        if subject is not None:
            return (*resolve_place(subject, ctx)[:2], "scope.stated")
    if share:
        before = [p for p in before if p.value["level"] != "country"]
        if before:
            return resolve_place(before[-1], ctx)
        if last_scope:
            return (*last_scope[:2], "scope.context")
        return ctx.main_place, ctx.main_level, "scope.article"
    agencies: list[Match] = []
    for p in before:    # (and a place in apposition to an agency's: 'UBND huyện Đông Anh (Hà Nội)')
        if _agency_place(text, p) or (agencies and _APPOSITION.match(text[agencies[-1].end:p.start])):
            agencies.append(p)
    subjects = [p for p in before if p not in agencies]
    if agencies and not subjects and ctx.district_article and all(p.value["level"] == "province" for p in agencies) \
            and ctx.main_district not in text[n.end:n.end + _PART_REACH]:
        before = []     # a district's article: 'Tháng 6/2022, tỉnh công nhận thêm 2 sản phẩm 3 sao của HTX X' are its
        #                 (not the province's whole its part follows: '… công nhận 27 sản phẩm. Trong đó, huyện Đại Từ có 9')
    if subjects and agencies and _PASSIVE.search(text, subjects[-1].end, agencies[0].end):
        before = subjects   # 'Huyện Văn Giang vừa được UBND tỉnh công nhận 5 sản phẩm': the products are Văn Giang's
    elif before and not subjects and (given := next((p for p in places if p.start >= n.end and _FOR.fullmatch(
            text, n.end, p.start)), None) or own_place_after(info, n, text, generic=True)) is not None:
        # 'UBND tỉnh Hưng Yên công nhận 5 sản phẩm OCOP cho huyện Văn Giang', '… 8 sản phẩm của huyện'
        return resolve_place(given, ctx)
    before = _merged_into(before, text) if ctx.published is not None and on_new_map(ctx.published) else before
    in_clause = [p for p in before if p.start >= clause_start]
    country = _country_after(info, n, text)
    if country is not None:
        return "Việt Nam", "country", "scope.country_after"    # '89 sản phẩm 5 sao trên cả nước'
    if in_clause and own is not None:
        return (*resolve_place(own, ctx)[:2], "scope.stated")    # '212 sản phẩm của tỉnh Hà Giang cũ'
    if in_clause:
        return _resolve_in(before, most_specific(before, before.index(in_clause[-1]), text), ctx, last_scope)
    if own is not None:
        return (*resolve_place(own, ctx)[:2], "scope.stated")    # 'Có 12 sản phẩm ở huyện Ba Bể, …'
    after = [p for p in places if p.start >= n.end and (OF.search(_lead_of(text, n, p)) or _FOR.fullmatch(text, n.end, p.start))
             and not (n.value.get("of_role") == "part" and p.value["level"] == "country")]  # X/Y: the country is Y's
    if after:
        return resolve_place(after[0], ctx)
    if before:
        return _resolve_in(before, most_specific(before, len(before) - 1, text), ctx, last_scope)
    if ctx.main_level == "province" and (bare := district_after_lead(  # 'Sản phẩm OCOP của Hải Lăng thuộc 16 chủ thể'
            text[info.start:n.start] + " " + cues.CLAUSE_MARKS.split(text[n.end:n.end + 40])[0], ctx.main_place)):
        return bare, "district", "scope.district_after_lead"
    if (home := business_place(info, n, text, ctx)) is not None:
        return (*resolve_place(home, ctx)[:2], "scope.business_place")
    if last_scope:
        return (*last_scope[:2], "scope.context")
    if ctx.district_article:
        return ctx.main_district, "district", "scope.article_district"
    return ctx.main_place, ctx.main_level, "scope.article" if ctx.main_place else "scope.none"


_THE_REST = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('scope', 'rest_of_places'))})(?![\p{{L}}\p{{M}}])"
                       r"[^\d.;]{0,12}$", regex.IGNORECASE)
_PART_REACH = 150     # characters after a province's count in which the article's district names its part
_RECOGNIZES = regex.compile(r"\s+(?:(?:đã|vừa|mới)\s+)?(?:công nhận|chứng nhận|cấp giấy chứng nhận|quyết định công nhận)"
                         r"(?![\p{L}\p{M}])", regex.IGNORECASE)
_PASSIVE = regex.compile(r"(?<![\p{L}\p{M}])được(?![\p{L}\p{M}])", regex.IGNORECASE)
_FOR = regex.compile(r"\s*(?:\S+\s+){0,3}?cho\s*")   # 'công nhận 5 sản phẩm OCOP cho huyện Văn Giang'


_AND_PLACE = regex.compile(r"\s+(?:và|cùng)\s+")


def _merged_into(places: list[Match], text: str) -> list[Match]:
    """`places` without a last province the one before it absorbed in the 2025 reform, named with it in an article
    written after the reform (`hai tỉnh Gia Lai và Bình Định (cũ) đã công nhận 74 sản phẩm`): the figure is the
    new province's, both parts."""
    if len(places) >= 2 and places[-1].value["level"] == places[-2].value["level"] == "province" \
            and _AND_PLACE.fullmatch(text, places[-2].end, places[-1].start) and places[-1].value["name"] \
            and absorbed_into(places[-1].value["name"], places[-2].value["name"]):
        return places[:-1]
    return places


def _count_gloss(text: str, info: SentenceInfo, p: Match, n: Match) -> bool:
    """`p` stands in brackets closed before `n` that follow another count (`1 sản phẩm 5 sao (thuộc khu vực Tiền
    Giang cũ), 4 sản phẩm tiềm năng 5 sao`): where that count's products are, not `n`'s."""
    opened = text.rfind("(", info.start, p.start)
    return aside(text, p, n) and any(m.end <= opened and not text[m.end:opened].count(",") for m in info.numbers
                                      if m.start < n.start)


def _agency_place(text: str, p: Match) -> bool:
    """A place that names who recognizes, not whose products: an agency's (`UBND tỉnh Hưng Yên`), or the
    bare level of a passive's agent (`được tỉnh công nhận`)."""
    return bool(AGENCY_BEFORE.search(text, max(0, p.start - 20), p.start)) \
        or p.value["generic"] and bool(_RECOGNIZES.match(text, p.end))    # ('tỉnh công nhận thêm 2 sản phẩm')


def _resolve_in(before: list[Match], p: Match, ctx: ArticleContext, last_scope: tuple | None = None
                ) -> tuple[str | None, str | None, str]:
    """`p`, a place before the number; a bare level word is the place of its level its sentence named
    before it (`Tại huyện Mường Tè, UBND huyện tổ chức …`), else, in a province's article, the district the
    figure before was of when the article names it with that word (`Huyện Tam Đường năm nay có 4 sản phẩm …
    Lũy kế, huyện có 22`, `Thành phố Bảo Lộc … Năm 2025, thành phố phấn đấu …`), else the article's
    (`resolve_place`)."""
    if p.value["generic"]:
        named = [q for q in before if q.end <= p.start and not q.value["generic"] and q.value["level"] == p.value["level"]]
        if named and not _absorbed_into_main(named[-1], ctx):
            return named[-1].value["name"], named[-1].value["level"], "scope.generic_is_named_before"
        word = admin_word(p.value["admin"])
        if ctx.main_level == "province" and not (word == "thành phố" and ctx.main_place in CENTRAL):
            # (in Hà Nội's or TP.HCM's article, 'thành phố' is the city itself)
            if last_scope and last_scope[1] == "district" and word in ctx.district_admins.get(last_scope[0], ()):
                return last_scope[0], "district", "scope.generic_is_last_place"
            so_named = [d for d, words in ctx.district_admins.items() if word in words]
            if len(so_named) == 1:      # 'Thị xã có kế hoạch …': the one thị xã the article names
                return so_named[0], "district", "scope.generic_is_one_so_named"
    return resolve_place(p, ctx)


def _absorbed_into_main(p: Match, ctx: ArticleContext) -> bool:
    """An old province the article's province absorbed, in an article written after the 2025 reform (`Trước
    sáp nhập, Hà Giang có 133 sản phẩm; hiện toàn tỉnh có 348`: 'toàn tỉnh' is Tuyên Quang, the article's)."""
    return p.value["level"] == "province" and ctx.main_level == "province" and p.value["name"] != ctx.main_place \
        and ctx.published is not None and bool(on_new_map(ctx.published)) and successor(p.value["name"]) == ctx.main_place
