"""What a number counts, the noun after it: a known unit word (read without the tokenizer), else a word of
underthesea's, else a noun the sentence names once for several numbers (`tổng số sản phẩm … lên 9`, `Hà
Nội (2.900), Quảng Ninh (500)`, `Hà Nội 2.900, Quảng Ninh 500 và Thanh Hóa 450 sản phẩm`); and the last
count of an excerpt cut off mid-clause, which is not reported."""
from __future__ import annotations

import regex

from ..matchers import Match
from ..segment import word_tokens
from . import cues, growth
from .analysis import SentenceInfo
from .build import cut_off
from .headings import star_label_unit
from .parts import Figure

_NOT_UNITS = {w.lower() for w in cues.words("units", "not_units")}
_PLACE_KINDS = set(cues.words("parts", "each_place_units"))
"""Kinds of place (`huyện`, `xã`, …): what a list of places is made of, not what its numbers count."""
UNIT_MAP = cues.words("units", "map")
UNIT_WINDOW = 30   # characters around a number that are tokenized when its unit is not a known word
_KNOWN = cues.longest_first(cues.words("units", "known"))
_KNOWN_UNIT = regex.compile(rf"\s+(?P<u>{_KNOWN})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


def _capitalized_name(word: str) -> bool:
    """A capitalized word that is not an abbreviation: what follows the number is a name (a table row
    `1 Nước mắm cá cơm …`), not a count noun, which Vietnamese writes in lower case (`5 HTX`, `12 Cty` are
    counts: abbreviations of count nouns)."""
    return word[:1].isupper() and not word.split()[0].isupper() and word.split()[0] not in UNIT_MAP


def unit_of(info: SentenceInfo, n: Match, text: str) -> tuple[str | None, int, str]:
    """The unit after the number: a known unit word (read without the tokenizer), else a word of
    underthesea's, else the noun after `tổng số`/`số lượng` before it (`nâng tổng số sản phẩm … lên 9`);
    with the offset where the evidence ends."""
    if n.value.get("percent"):
        return "%", n.end, "unit.percent"
    known = _KNOWN_UNIT.match(text, n.end, info.end)     # (a hard-wrapped sentence may break before it)
    if known and _capitalized_name(known.group("u")):
        return None, n.end, ""      # '1 Nước mắm …' in a table, a heading: a name, not what is counted
    if known:
        u = known.group("u").lower()
        return UNIT_MAP.get(u, u), known.end(), "unit.known_word"
    first = text[n.end:min(info.end, n.end + UNIT_WINDOW)].lstrip()[:1]
    # the first word starts with the first character: one that is no letter (nor upper case) is no unit
    # nor a name, and the words need not be asked for
    after = word_tokens(text, n.end, min(info.end, n.end + UNIT_WINDOW)) if first.isalpha() or first.isupper() else []
    for t in after:
        if _capitalized_name(t.text):
            return None, n.end, ""
        if text[n.end:t.start].strip() == "" and t.text[:1].isalpha() and t.lower not in _NOT_UNITS \
                and not cut_off(text, t.end):      # '… đạt tiêu chuẩn 4 s' at the end of an excerpt
            return UNIT_MAP.get(t.text, UNIT_MAP.get(t.lower, t.lower)), t.end, "unit.next_word"
        break
    # the unit stated before: 'nâng tổng số sản phẩm OCOP 5 sao của Hà Nội lên 9'
    window = text[max(info.start, n.start - 2 * UNIT_WINDOW):n.start]
    if "Σ" not in window and not any(w in window.lower() for w in cues.words("total_of")):
        return None, n.end, ""      # no word of the window can be one (a word is a piece of the window)
    before = word_tokens(text, max(info.start, n.start - 2 * UNIT_WINDOW), n.start)
    for i in range(len(before) - 1, -1, -1):
        if before[i].lower in cues.words("total_of") and i + 1 < len(before) and before[i + 1].text[:1].isalpha():
            u = before[i + 1].lower
            return UNIT_MAP.get(u, u), n.end, "unit.total_of"
    return None, n.end, ""


_UNIT_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_KNOWN})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_OPEN_AFTER_PLACE = regex.compile(r"\s*\(\s*")
_CLOSE = regex.compile(r"\s*\)")


def place_item_unit(text: str, info: SentenceInfo, n: Match, wholes: list[Figure] = ()) -> str | None:
    """The unit of a bare number in brackets after a place, in a sentence that names what its items count
    before the first of them (`Năm địa phương có nhiều sản phẩm OCOP nhất là Hà Nội (2.900), Quảng Ninh
    (500)`), not the kind of place they are (`7 sản phẩm …, thuộc các huyện: Kế Sách (03), …`): that count
    noun, or under a label of its own that names none (`… công nhận 18 sản phẩm. Phân theo địa phương: TP Sóc
    Trăng (7), …`), the unit of the whole of the sentence before (`wholes`); None otherwise."""
    if n.value.get("percent") or not _CLOSE.match(text, n.end):
        return None
    before = [p for p in info.places if p.end <= n.start and not p.value.get("generic")]
    if not before or not _OPEN_AFTER_PLACE.fullmatch(text, before[-1].end, n.start):
        return None
    items = [p for p in before if _OPEN_AFTER_PLACE.match(text, p.end)]
    words = [w.group().lower() for w in _UNIT_WORD.finditer(text, info.start, items[0].start)]
    words = [w for w in words if w not in _PLACE_KINDS]   # (not 'thuộc các huyện:')
    if not words and wholes and (_LABEL_BEFORE.fullmatch(text, info.start, items[0].start)
                                 or _RANKING_GOES_ON.fullmatch(text, info.start, items[0].start)):
        return wholes[0].unit       # (or a ranking going on: 'Xếp tiếp theo là Thanh Hóa (489), Nghệ An (441)')
    return UNIT_MAP.get(words[-1], words[-1]) if words else None


_RANKING_GOES_ON = regex.compile(rf"\W*(?:xếp\s+|đứng\s+)?(?:{cues.longest_first(cues.words('parts', 'next_item_leads'))})"
                             rf"\s+(?:(?:các\s+)?(?:{cues.longest_first(sorted(_PLACE_KINDS))})\s+)?", regex.IGNORECASE)
_LABEL_BEFORE = regex.compile(r"[^\d.;:()]{2,40}:\s*(?:[\p{L}\p{M}.]+\s+){0,2}?")
"""A label of its own before a list's first place (`Phân theo địa phương: TP `)."""


_NEXT_PLACE_ITEM = regex.compile(r"\s*(?:,|;|và)\s*[^\d,;:.()]{2,40}?\s*$")


def shared_unit(text: str, info: SentenceInfo, n: Match, later: list[Match]) -> tuple[str, str] | None:
    """The unit a list of places with bare numbers names once, after its last item (`Hà Nội 2.900, Quảng
    Ninh 500 và Thanh Hóa 450 sản phẩm`): (unit, rule) for a bare number followed by such items, each a
    place and its number; None otherwise."""
    prev = n
    for m in later:
        gap = text[prev.end:m.start]
        if not _NEXT_PLACE_ITEM.fullmatch(gap) or not any(prev.end < p.start and p.end <= m.start
                                                          for p in info.places):
            return None
        unit, _, rule = unit_of(info, m, text)
        if unit is not None:
            return (unit, "unit.list_shares_unit") if rule == "unit.known_word" else None
        prev = m
    return None


_ITEM_JOIN = regex.compile(r"(?<![\p{L}\p{M}])(?:và|hoặc)(?![\p{L}\p{M}])")


def cut_short(text: str, info: SentenceInfo, n: Match, later: list[Match]) -> bool:
    """The last count of an excerpt that stops mid-clause after it (`… trong đó có 26 sản phẩm 4 đạt
    tiêu`; a number after it that counts nothing, `4`, does not matter): what the clause would say of it
    (its class, its kind) is cut, so it is not reported."""
    return not text[info.end:].strip() and cut_off(text, info.end) \
        and not cues.CLAUSE_MARKS.search(text, n.end, info.end) \
        and all(unit_of(info, m, text)[0] is None and not _ITEM_JOIN.search(text, n.end, m.start)
                for m in later)      # ('… hỗ trợ 5 chủ thể và 3 t': the cut is the next item's)


def unit_for(text: str, info: SentenceInfo, n: Match, later: list[Match], done: list[Figure],
             wholes: list[Figure] = ()) -> tuple[str | None, int, str]:
    """(unit, evidence end, rule) of the number `n`, whose sentence has the numbers `later` after it and
    the figures `done` before it: its own noun, else that of the whole of an X/Y it is the part of, of the
    figure a star label lists (`trong đó 5 sao: 1; 4 sao: 84`), of the items after places (`… sản phẩm …
    là Hà Nội (2.900)`), of a list that names it after its last item (`Hà Nội 2.900, Quảng Ninh 500 và
    Thanh Hóa 450 sản phẩm`), or of the number joined to it (`lần lượt có 2.900 và 400 sản phẩm`); (None, …)
    when nothing says what it counts."""
    unit, end, rule = unit_of(info, n, text)
    if rule in ("unit.next_word", "") and (part := status_part_unit(text, info, n, done)) is not None:
        unit, end, rule = part, n.end, "unit.status_part"
    if n.value.get("of_role") == "part" and later and rule in ("unit.total_of", ""):
        # the part of an X/Y counts what its whole counts ('… số lượng sản phẩm OCOP …; 21/21 xã': communes)
        whole_unit, _, whole_rule = unit_of(info, later[0], text)
        if whole_unit is not None or unit is None:
            unit, end, rule = whole_unit, n.end, whole_rule
    if unit is None and (whole := star_label_unit(text, info, n, done)) is not None:
        unit, end, rule = whole.unit, n.end, "unit.star_label"
    if unit is None and (item_unit := place_item_unit(text, info, n, wholes)) is not None:
        unit, end, rule = item_unit, n.end, "unit.place_item"
    if unit is None and (shared := shared_unit(text, info, n, later)) is not None:
        (unit, rule), end = shared, n.end
    if unit is None and done and done[-1].fields["evidence"]["sentence_start"] == info.start \
            and _NEXT_LABEL.fullmatch(text, done[-1].number.end, n.start):
        unit, end, rule = done[-1].unit, n.end, "unit.label_list"   # 'công nhận mới: 25; công nhận lại: 12; nâng hạng: 5'
    if unit is None and (first := first_item_unit(text, info, n, done)) is not None:
        unit, end, rule = first, n.end, "unit.first_item"
    if unit is None and (series := series_unit(text, info, n, done)) is not None:
        unit, end, rule = series, n.end, "unit.year_series"
    if unit is None and later and growth.role(text, info.start, info.end, n.start) == "from" \
            and growth.role(text, info.start, info.end, later[0].start) == "to":
        unit, _, to_rule = unit_of(info, later[0], text)      # 'tăng từ 46 lên 377 sản phẩm OCOP'
        unit, end, rule = (unit, n.end, "unit.growth_shared") if to_rule == "unit.known_word" else (None, end, rule)
    if unit is None and later and _JOINED_NUMBERS.fullmatch(text, n.end, later[0].start):
        k = 0       # '2.900 và 400 sản phẩm', '3.300, 700 và 680 sản phẩm': the unit after the list's last number
        while k + 1 < len(later) and _JOINED_NUMBERS.fullmatch(text, later[k].end, later[k + 1].start):
            k += 1
        unit, _, next_rule = unit_of(info, later[k], text)
        unit, end, rule = (unit, n.end, "unit.shared_with_next") if next_rule == "unit.known_word" else (None, end, rule)
    return unit, end, rule


_NEXT_ITEM_LEAD = regex.compile(rf"\s*\)?\s*(?:,|;|và)\s*(?:(?:{cues.longest_first(cues.words('parts', 'next_item_leads'))})\s+)?",
                             regex.IGNORECASE)


def _figure_before(info: SentenceInfo, n: Match, done: list[Figure]) -> Figure | None:
    """The figure right before a bare number that is no share, in its sentence; None when there is none."""
    if n.value.get("percent") or not done or done[-1].fields["evidence"]["sentence_start"] != info.start:
        return None
    return done[-1]


_STATUS_AFTER = regex.compile(rf"\s*(?:{cues.longest_first(cues.words('status', 'new') + cues.words('status', 'renewed'))}"
                           r"|nâng hạng)(?![\p{L}\p{M}])", regex.IGNORECASE)


def status_part_unit(text: str, info: SentenceInfo, n: Match, done: list[Figure]) -> str | None:
    """The unit of a bare number before a status word, in a bracket still open, after a figure of the sentence: a
    part of the figure the bracket follows (`huyện A 5 sản phẩm (4 mới, 1 công nhận lại)`), whose unit the figure
    before it has; None otherwise."""
    prev = _figure_before(info, n, done)
    if prev is None or not _STATUS_AFTER.match(text, n.end):
        return None
    bracket = text.rfind("(", info.start, n.start)
    return prev.unit if bracket >= info.start and ")" not in text[bracket:n.start] else None


def first_item_unit(text: str, info: SentenceInfo, n: Match, done: list[Figure]) -> str | None:
    """The unit of a bare number right after a place, in a list of places whose first item, just before in
    the sentence, gave its count a unit (`Thanh Hóa có 686 sản phẩm, tiếp theo là Hà Tĩnh 420, Quảng Bình
    150`, `Đắk Lắk (318 sản phẩm), Gia Lai (291)`), or after a product group in a list of groups (`đồ uống có 12
    sản phẩm, tiếp đến là thảo dược (4)`): that unit; None otherwise."""
    prev = _figure_before(info, n, done)    # (the first item, or the item before, whose unit is the first's)
    if prev is None:
        return None
    if prev.fields.get("category") and (group := _GROUP_ITEM.search(text, prev.end, n.start)) is not None \
            and _NEXT_ITEM_LEAD.fullmatch(text, prev.end, group.start()):
        return prev.unit    # 'đồ uống có 12 sản phẩm, tiếp đến là thảo dược (4) và thủ công mỹ nghệ (3)'
    place = next((p for p in reversed(info.places) if p.end <= n.start and not p.value.get("generic")), None)
    if place is None or not _ITEM_OPEN.fullmatch(text, place.end, n.start) or place.start < prev.end \
            or not _NEXT_ITEM_LEAD.fullmatch(text, prev.end, place.start):
        return None
    return prev.unit if any(info.start <= p.start and p.end <= prev.number.start for p in info.places) else None


def series_unit(text: str, info: SentenceInfo, n: Match, done: list[Figure]) -> str | None:
    """The unit of a bare number that goes on, after its year and a verb of change, with the figure before it in
    its sentence (`Năm 2020 có 130 sản phẩm OCOP; năm 2021 tăng lên 221, đến hết năm 2022 đạt 349 sản phẩm`)."""
    prev = _figure_before(info, n, done)
    if prev is None or not _SERIES_STEP.search(text, prev.end, n.start) or not _BARE_END.match(text, n.end) \
            or not any(prev.end <= d.start and d.end <= n.start and d.value.get("precision") == "year" for d in info.dates):
        return None
    return prev.unit


_SERIES_STEP = regex.compile(r"[,;]\s*[^,;.()]{0,40}?(?<![\p{L}\p{M}])(?:tăng\s+lên|lên|đạt|giảm\s+còn|còn)\s*$", regex.IGNORECASE)
_BARE_END = regex.compile(r"\s*(?:[,;.]|$)")


_ITEM_OPEN = regex.compile(r"\s*(?:\(\s*)?")
"""Between a list item's place and its bare number: nothing, or a bracket opened (`Gia Lai (291)`)."""
_GROUP_ITEM = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('categories', 'names'))})\s*(?:\(\s*)?$",
                         regex.IGNORECASE)
"""A product group right before a list item's bare number (`thảo dược (4)`)."""
_JOINED_NUMBERS = regex.compile(r"\s*(?:,|và)\s*")
_NEXT_LABEL = regex.compile(r"(?:\s+[\p{L}\p{M}]+){0,2}\s*;\s*[^\W\d][^;:,.()\d]{0,40}:\s*")
"""From a labelled number to the next label of its list (`…: 25 sản phẩm; công nhận lại: `)."""
