"""The star class and the product group of a count, read from its clause: `star_of` finds the class
named for it (after it, a list's label before it, or before it in its window), `star_code` gives the
record's code, `category_of`/`category_opening`/`group_after` the product group it is split by or is a
total of."""
from __future__ import annotations

import regex

from ..matchers import Match
from ..matchers import stars as stars_matcher
from . import cues

_CATEGORY_BEFORE = regex.compile(
    rf"(?:{cues.longest_first(cues.words('categories', 'lead'))}\s+)?"
    rf"(?P<cat>{cues.longest_first(cues.words('categories', 'names'))})\s*(?:\([^()\d]{{1,60}}\)\s*)?"
    rf"(?:{cues.longest_first(cues.words('categories', 'links'))})?\s*(?:\d[\d.,]*\s*%\s*(?=\())?\(?\s*$",
    regex.IGNORECASE)
"""A product group just before a count, its examples in brackets at most (`thực phẩm (bưởi, cam, mật ong) có 17`), or
its share before the count in brackets (`thực phẩm chiếm tỷ lệ cao nhất với 58,3% (102 sản phẩm)`)."""
_CATEGORY_AFTER = regex.compile(
    rf"^\s*(?:OCOP\s+)?(?:thuộc\s+)?(?:{cues.longest_first(cues.words('categories', 'lead'))})\s+"
    rf"(?P<cat>{cues.longest_first(cues.words('categories', 'names'))})(?![\p{{L}}])", regex.IGNORECASE)
_CATEGORY_OPENING = regex.compile(
    rf"^\W*(?:{cues.longest_first(cues.words('categories', 'lead'))})\s+(?:OCOP\s+|sản phẩm\s+)?"
    rf"(?P<cat>{cues.longest_first(cues.words('categories', 'names'))})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_OPEN_GROUP_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('categories', 'open_leads'))})\s+(?:sản phẩm\s+)?"
    rf"(?!(?:{cues.longest_first(cues.words('categories', 'open_not') + cues.words('categories', 'links'))})(?![\p{{L}}\p{{M}}]))"
    rf"(?P<cat>\p{{Ll}}[\p{{Ll}}\p{{M}}]*(?:[ \t]+\p{{Ll}}[\p{{Ll}}\p{{M}}]*){{0,7}}?)\s*"
    rf"(?:{cues.longest_first(cues.words('categories', 'links'))})\s*\(?\s*$")
"""A product group the names do not know, after `nhóm` (`nhóm sản phẩm`) and before its count's link (`nhóm bưởi
và chế biến từ bưởi có 11 sản phẩm`, `nhóm sản phẩm chè có 52 sản phẩm`)."""
_NAMED_GROUP_IS = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<cat>{cues.longest_first(cues.words('categories', 'names'))})\s+(?:vẫn\s+|cũng\s+)?là\s+nhóm"
    rf"[^,;.()\d]{{0,40}}?\s(?:{cues.longest_first(cues.words('categories', 'links'))})\s*$", regex.IGNORECASE)
"""A group said to be the one with the count (`Thực phẩm là nhóm có số lượng lớn nhất với 351 sản phẩm`)."""
_GROUP_AFTER = regex.compile(rf"^\s*(?:,\s*(?=dịch vụ))?"     # '80 sản phẩm, dịch vụ du lịch cộng đồng'
                          rf"(?P<cat>{cues.longest_first(cues.words('categories', 'names'))})(?![\p{{L}}\p{{M}}])",
                          regex.IGNORECASE)



def star_of(right: str, right_start: int, left_start: int, n: Match, stars: list[Match],
            before_too: bool = True, text: str = "") -> Match | None:
    """The star class named in the number's clause: after it first (the unit may be part of it: `3 sản
    phẩm OCOP cấp quốc gia`), else (for counts, not shares) before it (`cấp giấy chứng nhận đạt 4 sao cho
    31 sản phẩm`), or a list's label right before it (`4 sao: 20 sản phẩm`, `4*: 12 sản phẩm`)."""
    opener = cues.first(right, "parts", "inside")   # '612 sản phẩm, trong đó 5 sao: 1': the parts' star
    if opener is not None and "gồm" in opener.group().lower() and text and (nxt := next(
            (s for s in stars if s.start >= right_start + opener.end()), None)) is not None \
            and not any(ch.isdigit() for ch in text[right_start + opener.end():nxt.start]):
        opener = None       # (the products named, not counted: '3 sản phẩm gồm bạch trà, hồng trà và lục trà được
        #                     công nhận đạt OCOP 3 sao' is the count's class)
    reach = right_start + (opener.start() if opener else len(right))
    bracketed = next((s for s in stars if _BRACKET_OPEN.fullmatch(text, right_start, s.start)
                      and _BRACKET_CLOSE.match(text, s.end)
                      or s.text.startswith("(") and s.start >= right_start and not text[right_start:s.start].strip()),
                     None) if text else None
    if bracketed is not None:
        return bracketed        # '2 sản phẩm (4 sao) và 7 sản phẩm (3 sao)', '4 sản phẩm (4*)': in brackets after its unit
    after = [s for s in stars if n.end <= s.start < reach and not _OTHER_COUNT.search(text, n.end, s.start)
             and not _OTHER_PREDICATE.search(text, n.end, s.start) and not _OTHER_PRODUCTS.search(text, n.end, s.start)
             and not _OTHER_SUBJECT_RATED.fullmatch(text, n.end, s.start)]
    label = [s for s in stars if s.end <= n.start and stars_matcher.LABEL.fullmatch(text, s.end, n.start)] \
        if before_too else []
    if after and not (label and (cues.COMMA.search(text, n.end, after[0].start)
                                 or stars_matcher.LABELS_NUMBER.match(text, after[0].end))):
        # ('Số sản phẩm 4 sao là 30, còn lại là 3 sao': the label's, not the next clause's; '8 sản phẩm 3 sao …
        # được nâng lên hạng 4 sao': the class raised to)
        raised = next((s for s in after[1:] if _RAISED_TO_CLASS.search(text, after[0].end, s.start)), None)
        if raised is None and len(after) > 1 and after[1].value["star"] == "5p" and not text[after[0].end:after[1].start].strip():
            raised = after[1]   # '3 sản phẩm đạt 4 sao tiềm năng 5 sao': 4 stars with the potential of 5, code 5p
        return raised or after[0]
    if label:
        return label[-1]
    if not before_too:
        return None
    before = [s for s in stars if left_start <= s.start and s.end <= n.start]
    return before[-1] if before else None


_BRACKET_OPEN = regex.compile(r"\s*(?:OCOP\s*)?(?:cấp\s+quốc\s+gia\s*)?\(\s*(?:hạng\s+|đạt\s+)?", regex.IGNORECASE)
_BRACKET_CLOSE = regex.compile(r"\s*\)")
_OTHER_COUNT = regex.compile(r",\s*(?:[\p{L}\p{M}]+\s+){0,2}?\d")
"""Another count's clause between a number and a class (`16.000 sản phẩm OCOP, 60 tỉnh có sản phẩm 4 sao`):
the class is that count's clause's, not the number's."""
_OTHER_PRODUCTS = regex.compile(r",[^,;.()\d]{0,40}?(?<![\p{L}\p{M}])(?:(?:các|những)\s+sản phẩm|sản phẩm\s+(?!OCOP)(?-i:\p{Ll})"
                                rf"|(?:{cues.longest_first(cues.words('metric', 'measures_of_products'))})\s+sản phẩm\s*$)",
                                regex.IGNORECASE)
"""Other products named after a comma before the class (`phấn đấu có thêm 30 sản phẩm OCOP, chú trọng nâng
hạng các sản phẩm 3 sao lên 4 sao`, `…, đưa sản phẩm chè lên 4 sao`, `…, tỷ lệ sản phẩm 4 sao tăng mạnh`): the
class is theirs."""
_OTHER_SUBJECT_RATED = regex.compile(
    rf"[^,;.()]*?(?<![\p{{L}}\p{{M}}])(?:đạt|OCOP)(?![\p{{L}}\p{{M}}])[^,;.()]*,\s*"
    rf"(?!(?:{cues.longest_first(cues.words('parts', 'shared_subjects'))})(?![\p{{L}}\p{{M}}]))"
    r"[\p{L}\p{M}][^,;.()\d]{2,50}?\s(?:đạt|được công nhận)\s+(?:hạng\s+)?", regex.IGNORECASE)
"""A number's clause rated in itself, then another subject rated with the class (`21 sản phẩm đạt sao OCOP,
bánh phồng sữa đạt tiềm năng 5 sao`): the class is that subject's; not the same products' (`…, đều đạt 4 sao`)."""
_OTHER_PREDICATE = regex.compile(r"\s(?:và|đồng thời)\s+(?:có|phấn đấu)\s+(?!\d)", regex.IGNORECASE)
"""Another predicate of the subject between a number and a class (`phấn đấu có 25 sản phẩm OCOP mới và có sản
phẩm đầu tiên đạt 5 sao`): the class is that predicate's, not the number's."""
_RAISED_TO_CLASS = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:nâng|thăng|hạ|giảm)\s+(?:hạng\s+)?)?(?:lên|xuống)\s+(?:hạng\s+)?$",
                                 regex.IGNORECASE)
"""Before the class a count's products were raised or lowered to, after their old one (`8 sản phẩm 3 sao … được
nâng lên hạng 4 sao`, `1 sản phẩm trước đây đạt 4 sao nay bị hạ xuống 3 sao`, `từ 4 sao xuống 3 sao`)."""
ONE_CLASS = {"3", "4", "5", "5p"}
"""The codes of one class (not `3+`, every class): a part of a figure of one class with none of its own has it."""


_RAISED_TO = regex.compile(r"nâng\s+tổng\s+(?:số\s+)?lên\s*$", regex.IGNORECASE)


def raised_class(before: str, done: list, metric: str | None) -> str | None:
    """The one class of the addition a total is raised by when the total names nothing but the raise
    (`có thêm 2 sản phẩm OCOP 5 sao, nâng tổng số lên 4 sản phẩm`: 4 of 5 stars; not `nâng tổng số sản
    phẩm OCOP của tỉnh lên 372`, every class)."""
    if metric != "ocop_products" or not _RAISED_TO.search(before):
        return None
    added = next((f for f in reversed(done) if "kind.raises_total" in f.fields["rules"]), None)
    return added.fields["star"] if added is not None and added.fields["star"] in ONE_CLASS else None


def ranked_class(text: str, start: int, left_clause: str, unit: str, done: list, before: list) -> str | None:
    """The one class of the figure a ranking of places is of, for a place's count in it that names none
    (`left_clause`: its clause up to it; `done`: the sentence's figures so far, the sentence starting at
    text[start]; `before`: the sentence before's): an earlier item of the same ranking's (`Quảng Ninh dẫn
    đầu với 11 sản phẩm 5 sao, Hà Nội đứng thứ hai với 8 sản phẩm`), else the country's or province's whole
    of one class that the sentence before ended with (`cả nước có 58 sản phẩm OCOP 5 sao. Quảng Ninh dẫn
    đầu với 11 sản phẩm, …`).

    >>> class F:
    ...     def __init__(self, star, level="country"):
    ...         self.unit, self.parent = "sản phẩm", None
    ...         self.fields = {"metric": "ocop_products", "star": star, "scope_level": level}
    >>> ranked_class("", 0, "Hà Nội đứng thứ hai với ", "sản phẩm", [], [F("5")])
    '5'
    >>> ranked_class("", 0, "Hà Nội có ", "sản phẩm", [], [F("5")]), ranked_class("", 0, "Hà Nội đứng thứ hai với ", "sản phẩm", [], [F("3+")])
    (None, None)
    """
    if not cues.has(left_clause, "kind", "ranking_words"):
        return None
    same = [f for f in done if f.unit == unit and f.parent is None and f.fields["metric"] == "ocop_products"]
    if same:      # (an item of the ranking: a ranking word before it too)
        first = cues.first(text[start:same[-1].number.start], "kind", "ranking_words")
        # (or the item right before, the ranking's first, when this one goes on from it: 'Lâm Đồng có 15 sản phẩm
        # 5 sao, tiếp đến là Hà Nội với 14 sản phẩm')
        goes_on = first is not None or cues.has(left_clause, "parts", "next_item_leads")
        return same[-1].fields["star"] if same[-1].fields["star"] in ONE_CLASS and goes_on else None
    wholes = [f for f in before if f.unit == unit and f.parent is None]
    whole = wholes[-1] if wholes else None
    if len({f.fields["star"] for f in wholes}) > 1:
        return None     # (the wholes of several classes: 'có 71 sản phẩm 4 sao và 166 sản phẩm 3 sao. Huyện A dẫn đầu …')
    return whole.fields["star"] if whole is not None and whole.fields["metric"] == "ocop_products" \
        and whole.fields["star"] in ONE_CLASS and whole.fields["scope_level"] in ("country", "province") else None


_TOPIC = regex.compile(r"[\W\d_]*(?:về|đối với|riêng với|riêng)\s+(?:số\s+)?(?:các\s+)?sản phẩm(?:\s+OCOP)?\s+(?:đạt\s+)?(?:hạng\s+)?",
                    regex.IGNORECASE)
_TOPIC_END = regex.compile(r"\s*,")


def topic_class(text: str, start: int, n: Match, stars: list[Match]) -> Match | None:
    """The class the sentence starting at `start` opens with as its topic (`Về sản phẩm 5 sao, Lâm Đồng có 15
    sản phẩm, Hà Nội có 14 sản phẩm`): the class of every count in it that names none.

    >>> from ..matchers import numbers, stars
    >>> t = "Về sản phẩm 5 sao, Lâm Đồng có 15 sản phẩm, Hà Nội có 14 sản phẩm."
    >>> topic_class(t, 0, numbers.match(t)[1], stars.match(t)).value["star"]
    '5'
    """
    first = next((s for s in stars if s.start >= start), None)
    if first is None or first.end > n.start or not _TOPIC.fullmatch(text, start, first.start) \
            or not _TOPIC_END.match(text, first.end):
        return None
    return first


_NEXT_ITEM = regex.compile(r"[^\d;.:]{0,50}?(?:,|\s(?:và|còn)\s)[^\d;.:]{0,50}$")


def lead_class(text: str, n: Match, done: list, stars: list[Match]) -> Match | None:
    """The class a sentence names before the first of its counts, the next count being another item of their
    list and naming none (`Sản phẩm 5 sao tập trung ở Hà Nội (11 sản phẩm) và Quảng Ninh (6 sản phẩm)`):
    the class of each item.

    >>> from ..matchers import numbers, stars
    >>> from .parts import Figure
    >>> t = "Sản phẩm 5 sao tập trung ở Hà Nội (11 sản phẩm) và Quảng Ninh (6 sản phẩm)."
    >>> found, classes = numbers.match(t), stars.match(t)
    >>> lead_class(t, found[1], [Figure(found[0], "sản phẩm", {}, 46, None, classes[0])], classes).text
    '5 sao'
    """
    prev = done[-1] if done else None
    s = prev.star_match if prev is not None else None
    if s is None or s.end > done[0].number.start or not _NEXT_ITEM.fullmatch(text, prev.end, n.start) \
            or any(prev.end <= c.start < n.start for c in stars):
        return None
    return s


def star_code(star: Match | None, metric: str | None, category: str | None,
              group_total: bool = False) -> tuple[str | None, str]:
    if star is not None and (not category or star.value["star"] != "3+"):
        return star.value["star"], star.rule    # (a group's products of one class: 'Nhóm thực phẩm có …, gồm 25 sản phẩm 4 sao')
    if category and not group_total:
        return None, "star.by_category"
    if star is not None:
        return star.value["star"], star.rule
    if metric == "ocop_products":
        return "3+", "star.all_certified"
    return None, "star.none"


def category_opening(sentence: str) -> str | None:
    """A sentence that opens with a product group (`Nhóm OCOP nông sản của tỉnh chiếm 12,26%, với 19 sản
    phẩm …`) is about that group.

    >>> category_opening("Nhóm OCOP nông sản của tỉnh chiếm 12,26%, với tổng cộng 19 sản phẩm")
    'nông sản'
    """
    m = _CATEGORY_OPENING.match(sentence)
    return m.group("cat").lower() if m else None


def category_of(left: str, right: str) -> str | None:
    """The product group a count is split by: named just before it (`nhóm thực phẩm có 14`, `Thực phẩm
    (133 sản phẩm)`, `đồ uống: 3 sản phẩm`) or just after its unit (`25 sản phẩm thuộc nhóm đồ uống`).

    >>> category_of("tập trung vào 4 nhóm ngành như: Thực phẩm có (", "), đồ uống")
    'thực phẩm'
    >>> category_of("trong đó nhóm bưởi và chế biến từ bưởi có ", ""), category_of("trong đó nhóm này có ", "")
    ('bưởi và chế biến từ bưởi', None)
    """
    m = _CATEGORY_BEFORE.search(left[-70:]) or _CATEGORY_AFTER.match(right) or _NAMED_GROUP_IS.search(left[-90:]) \
        or _OPEN_GROUP_BEFORE.search(left[-70:])
    return m.group("cat").lower() if m else None


def one_group(right: str) -> bool:
    """The count's noun phrase says the group its products are of (`792 sản phẩm OCOP thuộc nhóm thủ công mỹ
    nghệ`): with no other count in its sentence and no whole, that group's own total, not a split.

    >>> one_group(" OCOP thuộc nhóm thủ công mỹ nghệ"), one_group(" của tỉnh")
    (True, False)
    """
    return bool(_CATEGORY_AFTER.match(right))


def group_after(right: str) -> str | None:
    """A product group right after the unit, with no lead word: one group's own total (`gần 80 sản phẩm
    dịch vụ du lịch cộng đồng đạt chuẩn OCOP`), not a split.

    >>> group_after(" dịch vụ du lịch cộng đồng 'chuẩn' OCOP"), group_after(" của tỉnh")
    ('dịch vụ du lịch cộng đồng', None)
    >>> group_after(", dịch vụ du lịch cộng đồng được xác định"), group_after(", thực phẩm chiếm 60%")
    ('dịch vụ du lịch cộng đồng', None)
    """
    m = _GROUP_AFTER.match(right)
    return m.group("cat").lower() if m else None
