"""How a count stands to the figures and words around it: the whole it is a part of, the owners' numbers
after it, the heading whose class governs it, the result or addition it belongs to."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import basis
from ..matchers import Match
from . import cues
from .analysis import SentenceInfo

BOUNDARY = regex.compile(r"[;:()]")
_ALSO = regex.compile(rf",?\s+(?:{cues.longest_first(cues.words('parts', 'other_predicates'))})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
GLOSS = regex.compile(
    rf"\((?:[^()\d;:]{{1,60}}|\s*(?:{cues.longest_first(cues.words('parts', 'address_openers'))})"
    rf"(?![\p{{L}}\p{{M}}])[^()]{{0,80}})\)|(?<=điểm\s{{0,2}})\(\s*(?:hạng\s+)?[1-5]\s*(?:sao|\*)\s*\)", regex.IGNORECASE)
"""A bracket that glosses what precedes it, not a clause: '(OCOP)', '(H.Định Quán)', an address '(địa chỉ:
thị trấn Lim, huyện Tiên Du)', the class of a score ('01 sản phẩm đạt 74 điểm (4 sao)'; not the class of one
product named in a list, '02 sản phẩm … bao gồm Gạo nếp (4*) và …')."""


def clause_bounds(text: str, info: SentenceInfo, n: Match, dates: list[Match]) -> tuple[int, int]:
    """The clause of the number `n`: from the last boundary (`;:()`) before it (a bracket that explains what
    precedes it belongs to that clause; a place's gloss, `Bình Thuận (cũ) có 285`, or a place in brackets,
    `khu vực phía Đông (tỉnh Bình Định cũ) có 45`, is none, but a business's address is) to the next one
    after it that is no gloss, or another predicate (`…, đồng thời đề nghị …`)."""
    start, pos = info.start, info.start
    while (m := BOUNDARY.search(text, pos, n.start)) is not None:
        gloss = GLOSS.match(text, m.start()) if m.group() == "(" else None
        if gloss is not None and gloss.end() <= n.start and any(
                not text[p.end:m.start()].strip() if p.end <= m.start() else p.end <= gloss.end() for p in info.places
                if p.end <= gloss.end()) and not any(not text[o.end:m.start()].strip() for o in info.businesses()):
            pos = gloss.end()
            continue
        if m.group() == ":" and not text[m.end():n.start].strip() and any(
                p.end == m.start() and p.start >= start for p in info.places):
            break                   # a place labels the number: 'xã Tân Lập: 5 sản phẩm'
        start = pos = m.end()
    if start > info.start and text[start - 1] == "(" and not any(start <= d.start < n.start for d in dates):
        # a bracket that explains what precedes it belongs to that clause
        prev = [m.end() for m in BOUNDARY.finditer(text, info.start, start - 1)]
        start = prev[-1] if prev else info.start
    end = info.end
    pos = n.end
    while m := BOUNDARY.search(text, pos, info.end):
        gloss = GLOSS.match(text, m.start())
        if gloss is None:
            end = m.start()
            break
        pos = gloss.end()      # '(OCOP)', '(HTX)', an address: a gloss does not end the clause
    also = _ALSO.search(text, n.end, end)
    return start, also.start() if also else end


@dataclass
class Figure:
    number: Match
    unit: str
    fields: dict
    end: int                      # where its evidence ends (after the unit)
    parent: "Figure | None" = None   # the whole it is a part of
    star_match: Match | None = None   # the star class it took (not another count's before it)
    also_of: tuple = ()           # the other places of a list that each have it ('A và B mỗi nơi có 7')
    addition: "Figure | None" = None   # the addition it is a district line of (lead.settle_lines)


def read_as_added(f: Figure, rule: str, **fields) -> None:
    """`f`, read as a stock for want of a cue (`kind.default_total`), is an addition by `rule` (with
    `fields`, such as its period, set too)."""
    f.fields.update(kind="added", **fields)
    f.fields["rules"] = [r for r in f.fields["rules"] if r != "kind.default_total"] + [rule]
    f.fields["kind_basis"] = basis.kind_basis(f.fields["rules"])


def unrate(f: Figure, rule: str) -> None:
    """`f` counts no rated products, by `rule`: no metric, no class."""
    f.fields.update(metric=None, star=None)
    f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith(("metric.", "star."))] + [rule]


_AMONG = regex.compile(r"(?:^|[.;:!?\n,]\s*)trong(?:\s+(?:tổng\s+)?số)?\s+$", regex.IGNORECASE)


def opens_among(text: str, f: Figure) -> bool:
    """The sentence opens among the figure (`Trong (tổng) (số) 14 sản phẩm …, có 3 …`): the counts after are its parts."""
    return bool(_AMONG.search(text, max(0, f.number.start - 20), f.number.start))


_WHOLE_HAS = regex.compile(r"(?:(?!(?<![\p{L}\p{M}])(?:và|còn|của)\s)(?-i:[^,;:.()\d\p{Lu}])){0,40}?\s(?:có|gồm có)(?:\s+(?=\d)|\s*$)",
                        regex.IGNORECASE)
"""The whole, its own words after it (no other subject: nothing capitalized, no `và`), as the subject of its
parts (`11 sản phẩm đánh giá lại có 7 sản phẩm giữ hạng 4 sao, …`)."""
_LIST_OPENS = regex.compile(r":\s*(?=\p{Lu}|[-+•])")
"""A colon after a figure opening the list of its items (`11 sản phẩm đạt 3 sao thuộc 5 huyện, thành phố: Sơn
Dương 4 sản phẩm, …`), as `gồm` does."""
_NEXT_BRACKETED = regex.compile(r"\s*\)\s*(?:,|;|và)\s*[^()\d;:.]{1,80}\(\s*")
"""From a bracketed part to the next item's bracket: `…), HTX Chè Bạch Xa (`."""
_OPEN_BEFORE = regex.compile(r"\(\s*(?:khoảng|gần|hơn|trên)?\s*$")
_CLASS_DIGIT = regex.compile(r"\d\s*(?:sao|\*)", regex.IGNORECASE)


def parent_in_sentence(text: str, n: Match, unit: str, done: list[Figure]) -> Figure | None:
    """A figure earlier in the sentence, of the same unit, that this number is a part of; parts of a
    part belong to the same whole (`Trong đó, có 491 sản phẩm mới, …; chia theo ngành gồm có: …`), except
    the breakdown in brackets right after a part, which is that part's (`Thị xã Duy Tiên có 42 sản phẩm
    (12 sản phẩm 4 sao, 30 sản phẩm 3 sao)`), and the breakdown of a part in a place of its own (`Trong đó,
    huyện Phú Lương có 8 sản phẩm, gồm 3 sản phẩm 4 sao và 5 sản phẩm 3 sao`). A bracket after a plan word glosses the plan, not the figure
    (`công nhận 41 sản phẩm, vượt kế hoạch đề ra (30 sản phẩm)`)."""
    if (gloss := _OPEN_BEFORE.search(text, max(0, n.start - 40), n.start)) is not None \
            and cues.has(text[max(0, gloss.start() - 30):gloss.start()], "kind", "target"):
        return None     # '…, đạt 144,4% kế hoạch năm (9 sản phẩm)': the plan's value, no part of a figure
    for f in reversed(done):
        if f.unit != unit or f.number.value.get("of_role") == "whole" \
                or {"kind.increase", "kind.difference"} & set(f.fields["rules"]):
            continue      # an increase or a difference has no parts
        between = text[f.end:n.start]
        if aside(text, f.number, n):
            continue      # a figure in a bracket closed before the number, an aside: '28 SP … (kế hoạch 20 SP), gồm 5 …'
        opened = between.rfind("(")
        # a bracket opened after the figure, holding its breakdown (not a statement with a date of its own:
        # no digits in it but its parts' and their classes')
        taken = [(g.number.start, g.number.end) for g in done] + \
            [(g.star_match.start, g.star_match.end) for g in done if g.star_match is not None]
        bracket = opened >= 0 and ")" not in between and not any(
            ch.isdigit() and not any(a <= f.end + opened + k < b for a, b in taken)
            and not _CLASS_DIGIT.match(between, opened + k)         # '(4 sao: 10 sản phẩm; …)'
            for k, ch in enumerate(between[opened:])) and not cues.has(between[:opened], "kind", "target")
        if f.parent is not None and f.fields.get("organization") and _NEXT_BRACKETED.fullmatch(between):
            return f.parent     # the next owner of a list of owners' bracketed parts: 'HTX A (2 sản phẩm), HTX B (2 sản phẩm)'
        listed = bool(_LIST_OPENS.search(between)) or bool(_WHOLE_HAS.match(between))
        inside = listed or cues.has(between, "parts", "inside")
        if (bracket or inside) and f.parent is not None and (f.fields["scope"] != f.parent.fields["scope"]
                                                             or f.fields["kind"] != f.parent.fields["kind"]
                                                             or inside and between.count(")") <= between.count("(")
                                                             and f.fields["star"] != f.parent.fields["star"]) \
                or bracket and f.parent is not None and f.parent.fields["metric"] is None:
            return f      # (a part in its own place or of its own kind: 'Trong đó, huyện Phú Lương có 8 sản phẩm,
            # gồm 3 …', '… 6 tháng đầu năm, tỉnh đã công nhận 29 sản phẩm, trong đó có 5 sản phẩm 4 sao'; or the
            # rated part of a pool: '… trong đó 41 đạt 3 sao trở lên (4 sao: 6 …)')
        if inside or bracket or (opens_among(text, f) and f.fields["metric"] is not None):
            return f.parent or f     # ('Trong số 31 sản phẩm này, có 20 …': the figure a sentence opens among,
            # when it counts rated products; among a pool, 'trong số 95 sản phẩm tham gia, … 85 sản phẩm đạt' are
            # the rated ones, not the pool's)
    return None


def outcome_of_pool(done: list[Figure], unit: str, star: Match | None) -> bool:
    """A count with a class after, in its sentence, a count of the same things taking part or proposed (`… đánh
    giá cấp tỉnh với 45 sản phẩm tham gia, 38 sản phẩm đạt từ 3 sao trở lên`): the outcome of that round."""
    return star is not None and any(f.unit == unit and "metric.not_rated_yet" in f.fields["rules"] for f in done)


_BARE_HAVE = regex.compile(r"\W*có\s*", regex.IGNORECASE)
_OPENS = regex.compile(r"\W*")
_AMONG_THEM = regex.compile(r"\W*Trong\s+(?:số\s+)?(?:đó|này)\s*,?\s*(?:có\s*)?", regex.IGNORECASE)


def reports_result(sentence_left: str, prev_text: str) -> bool:
    """The sentence reports an evaluation's result before the number: `Kết quả, …`, `Qua đánh giá, …`, or
    `Theo đó, …` or a bare `Có …` opening it after a decision or a rating (`UBND tỉnh ban hành quyết định …
    Theo đó, có 84 sản phẩm …`; `Sở … tổ chức đánh giá, phân hạng sản phẩm đợt 2. Có 5 sản phẩm đạt 4 sao`), or
    the number itself after a round (`Hội đồng họp phiên đánh giá đợt 2. Sáu sản phẩm đạt hạng 4 sao.`)."""
    if cues.has(sentence_left, "kind", "result_cues"):
        return not cues.has(sentence_left, "kind", "stock_after_result")   # 'Với kết quả này, toàn tỉnh có 490 …'
    if _BARE_HAVE.fullmatch(sentence_left):     # 'Có 5 sản phẩm đạt 4 sao' after a round or a decision
        return cues.has(prev_text, "kind", "decision_words")
    if _AMONG_THEM.fullmatch(sentence_left):     # 'Hội đồng đã xem xét 40 hồ sơ. Trong số đó, 28 sản phẩm đạt …'
        return cues.has(prev_text, "kind", "evaluation_verbs")
    if _OPENS.fullmatch(sentence_left):     # 'Hội đồng … họp phiên đánh giá đợt 2. Sáu sản phẩm đạt hạng 4 sao.'
        return cues.has(prev_text, "kind", "evaluation_verbs") and cues.has(prev_text, "kind", "round_names")
    m = cues.first(sentence_left, "kind", "decision_result_cues")
    return bool(m) and (cues.has(prev_text, "kind", "decision_words")
                        or cues.has(sentence_left[:m.start()], "kind", "decision_words"))


def in_another_place(info: SentenceInfo, n: Match, clause_start: int, whole: Figure, main_place: str | None = None) -> bool:
    """The number's clause names, before it and after its whole and a semicolon, another place of the whole's
    level (`Huyện Nghi Lộc có 45 sản phẩm, …; huyện Quỳnh Lưu có 38 sản phẩm`), or the whole province when the
    whole is not the article's (`… Hà Nam (cũ) 236 sản phẩm. Về phân hạng, toàn tỉnh có 3 sản phẩm 5 sao`): the
    count is that place's, no part of the whole (not a breakdown by old province: `… công nhận 52 sản phẩm.
    Trong đó, Bắc Giang cũ có 34`)."""
    text = info.sentence.doc_text
    if main_place is not None and whole.fields["scope"] != main_place and any(
            p.value["generic"] and p.value["level"] == "province" and clause_start <= p.start and p.end <= n.start
            and not AGENCY_BEFORE.search(text, max(0, p.start - 20), p.start) for p in info.places):
        return True     # (not the province that recognized them: '8 sản phẩm được tỉnh công nhận (6 …, 2 …)')
    return any(max(clause_start, whole.number.end) <= p.start and p.end <= n.start and not p.value["generic"]
               and p.value["level"] == whole.fields["scope_level"] and p.value["name"] != whole.fields["scope"]
               and ";" in text[whole.number.end:p.start] for p in info.usable_places())


AGENCY_BEFORE = regex.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|(?<![\p{L}\p{M}])(?:được|do))\s*$")
"""Right before a place that names who recognizes, not where (`UBND tỉnh Hưng Yên`, `được tỉnh công nhận`)."""


def aside(text: str, o: Match, n: Match) -> bool:
    """`o` stands in brackets closed before `n`: '2 sản phẩm đạt điểm 5 sao (đang chờ Hội đồng … Trung ương
    xem xét); 65 sản phẩm đạt 3 sao' (the council's aside says nothing of where the 65 are)."""
    return ")" in text[o.end:n.start] and text.rfind("(", 0, o.start) > text.rfind(")", 0, o.start)


def can_be_part(n: Match, whole: Figure) -> bool:
    """A part is no larger than its whole (61 products are not a part of 43)."""
    part, of = n.value.get("value"), whole.number.value.get("value")
    return not (isinstance(part, (int, float)) and isinstance(of, (int, float)) and part > of)


def states_a_change(text: str, n: Match) -> bool:
    """The number is a change stated right after a cue of difference (`185 sản phẩm, …, tăng 128 sản phẩm
    so với năm 2019`): it is not a part of the figure before it.

    >>> from ..matchers import numbers
    >>> t = "có 185 sản phẩm, tăng 128 sản phẩm so với năm 2019"
    >>> [states_a_change(t, n) for n in numbers.match(t)[:2]]
    [False, True]
    """
    return cues.right_before(text, n.start, "metric", "difference_cues") is not None


def added_to_stock(text: str, n: Match, whole: Figure) -> bool:
    """The number is an addition said right after its cue (`…; riêng từ đầu năm 2025 đến nay, tỉnh công nhận
    thêm 21 sản phẩm`) after a stock: what was added, not a part of the stock to read with its kind."""
    return whole.fields["kind"] == "total" and cues.right_before(text, n.start, "kind", "added_before") is not None


def blanked(text: str, start: int, end: int, matches: list[Match]) -> str:
    """text[start:end] with the characters of `matches` (star classes) turned into spaces: what stands
    between two figures besides a class one of them took.

    >>> blanked("15 sản phẩm 3 sao và 4", 11, 21, [Match("star", 12, 17, "3 sao", "s", {})])
    '       và '
    """
    return "".join(" " if any(m.start <= k < m.end for m in matches) else ch
                   for k, ch in enumerate(text[start:end], start))


_LIST_GAP = regex.compile(r"[\d;:.]")
_NEXT_IN_RANKING = regex.compile(rf"[^\d.:]{{0,100}}[,;]\s*(?:{cues.longest_first(cues.words('parts', 'next_item_leads'))})"
                              r"\s+[^\d,;.:()]{1,40}", regex.IGNORECASE)
"""The next place of a ranking after the first, its words between (`…, chủ yếu là chè; tiếp đến là thành phố X`)."""
_SHARE_ASIDE = regex.compile(r"\s*\([^()]{0,30}?%\s*\)")
"""A share in brackets between two items of a list (`(chiếm hơn 35%)`)."""
_AROUND_SHARE = regex.compile(rf"[^()\d;:.]{{0,40}}{_SHARE_ASIDE.pattern}[^()\d;:.]{{0,40}}")
KIND_CUES = ("total_before", "achieved_before", "added_before", "added_verbs", "have_before", "target")


def list_sibling(text: str, n: Match, unit: str, done: list[Figure], stars: list[Match] = (),
                 owners: list[Match] = ()) -> Figure | None:
    """The figure just before this one in a list of like figures with nothing of their own between them
    (`Các sản phẩm được công nhận thuộc huyện Hàm Yên (10 sản phẩm), Yên Sơn (8 sản phẩm), …`): an
    addition's or a target's item, whose kind and time the next item keeps. A star class between them is
    the previous item's (`trao chứng nhận cho 15 sản phẩm OCOP 3 sao và 4 sản phẩm OCOP 4 sao`), and so is the
    name of the business (`owners`) whose products it counts (`3 sản phẩm OCOP 4 sao của HTX X, 2 sản phẩm của
    Công ty Y`).

    >>> from ..matchers import numbers
    >>> t = "công nhận ở Hàm Yên (10 sản phẩm), Yên Sơn (8 sản phẩm), huyện Na Hang có 6 sản phẩm"
    >>> a, b, c = numbers.match(t)
    >>> f = Figure(a, "sản phẩm", {"kind": "added"}, a.end + 9)
    >>> list_sibling(t, b, "sản phẩm", [f]) is f
    True
    >>> g = Figure(b, "sản phẩm", {"kind": "added"}, b.end + 9)
    >>> list_sibling(t, c, "sản phẩm", [f, g]) is None
    True
    >>> from ..matchers import stars
    >>> t = "trao chứng nhận cho 15 sản phẩm OCOP 3 sao và 4 sản phẩm OCOP 4 sao"
    >>> a, b = [m for m in numbers.match(t) if m.value["value"] in (15, 4)]
    >>> f = Figure(a, "sản phẩm", {"kind": "added"}, a.end + 9)
    >>> list_sibling(t, b, "sản phẩm", [f], stars.match(t)) is f
    True
    """
    prev = done[-1] if done else None
    if prev is not None and prev.unit == "%" and len(done) > 1 \
            and _AROUND_SHARE.fullmatch(blanked(text, done[-2].end, n.start, list(stars))):
        prev = done[-2]     # ('công nhận 17 sản phẩm 4 sao (chiếm hơn 35%) và 31 sản phẩm 3 sao': the share is an aside)
    gap_start = prev.end if prev is not None else 0
    if prev is not None and prev.parent is not None and prev.parent.unit == unit \
            and (close := text.find(")", prev.end, n.start)) >= 0 and "(" in text[prev.parent.end:prev.number.start]:
        prev, gap_start = prev.parent, close + 1  # ('8 sản phẩm được nâng hạng (6 …, 2 …) và 3 sản phẩm bị hạ …')
    if prev is None or prev.unit != unit or prev.fields["kind"] not in ("added", "target") or prev.parent is not None \
            and any(r.startswith("kind.part") for r in prev.fields["rules"]):
        return None     # (a part that took its whole's kind has no siblings of its own; one read on its own has)
    gap = _SHARE_ASIDE.sub(" ", blanked(text, gap_start, n.start, list(stars) + list(owners)), count=1)
    if _NEXT_IN_RANKING.fullmatch(gap):
        return prev         # ('… nhiều nhất với 17 sản phẩm, chủ yếu là chè; tiếp đến là thành phố Thái Nguyên 12 …')
    named = sum(max(0, min(o.end, n.start) - max(o.start, prev.end)) for o in owners)    # (the names' length)
    own = _EACH_HAS.sub("", gap)    # ('…, huyện Đak Đoa 9 sản phẩm, huyện Chư Păh và Ia Grai cùng có 8 sản phẩm': items too)
    if len(gap) - named > 40 or _LIST_GAP.search(gap) or cues.nearest_before(own, len(own), KIND_CUES) is not None:
        return None
    return prev


_EACH_HAS = regex.compile(r"(?<![\p{L}\p{M}])(?:cùng|đều)\s+có\s*$", regex.IGNORECASE)


_PRODUCT_WORDS = [u for u, c in cues.words("units", "map").items() if c == "sản phẩm"] + ["sản phẩm"]
PRODUCTS_AFTER = regex.compile(rf"\s+(?:{cues.longest_first(_PRODUCT_WORDS)})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
"""A products count right after a number: '… 3 trong 1 … 16 sản phẩm' — only such numbers end a products
count's window (a number inside a product's name does not)."""
