"""Why a number is not a count: the policies of `numbers.match`, each a named function that says why a
candidate (a number found by `numbers.PATTERN`, with the text before and after it) is something else —
a list item, a phone number or code, a document number, date or year, an ordinal or ratio, a piece of a
name, an address, or a measure — or None when it is a count. The words they read are the vocabulary of
`numbers.vocab.json`.
"""
from __future__ import annotations

import regex

from . import in_capitals, load_vocab, longest_first
from .numerals import DIGIT_WORDS
from .stars import LABEL_GAP

VOCAB = load_vocab("numbers")
FLAGS = regex.VERBOSE | regex.IGNORECASE
WINDOW = 40


def _words(key_or_list) -> str:
    return longest_first(VOCAB[key_or_list] if isinstance(key_or_list, str) else key_or_list)


def _after(key: str) -> regex.Pattern:
    return regex.compile(rf"^\s*{_words(key)}(?!\w)", regex.IGNORECASE)


def _before(key: str) -> regex.Pattern:
    return regex.compile(rf"(?<!\w){_words(key)}(?:\s+số)?\s*[:.]?\s*$", regex.IGNORECASE)   # Công văn số 12


COUNT_NOUN_AFTER = regex.compile(rf"^\s+{_words('count_nouns')}(?!\w)", regex.IGNORECASE)
ABBREVIATED = set(VOCAB["abbreviated_count_nouns"])
UNIT_AFTER = {key: _after(key) for key in
              ("money_units", "measure_units", "duration_units", "ratio_units", "degree_units")}
STAR_AFTER = regex.compile(rf"""^\s*\)?                  # (5) sao
    (?:\s*{_words("star_joiners")}\s*(?:\d+|{_words(list(DIGIT_WORDS))}))*   # 3 - 4 sao, 4 và 5 sao
    \s*{_words("star_units")}(?!\w)""", FLAGS)
STAR_RIGHT_AFTER = regex.compile(rf"^\s*\)?\s*{_words('star_units')}(?!\w)", regex.IGNORECASE)   # 5 sao, (5) sao
STAR_LABEL_BEFORE = regex.compile(rf"(?<!\w){_words('star_units')}{LABEL_GAP}$", regex.IGNORECASE)
SCORE_AFTER = _after("score_units")
POINT_KIND = regex.compile(rf"^\s+{_words('point_kinds')}(?!\w)", regex.IGNORECASE)
POINT_NAMED_BEFORE = regex.compile(rf"(?<!\w)điểm\s+{_words('point_kinds')}(?!\w)", regex.IGNORECASE)
WORD_COMPOUND = regex.compile(rf"{_words('word_compounds')}(?!\w)", regex.IGNORECASE)
DISTRIBUTIVE_BEFORE = regex.compile(   # mỗi xã một, mỗi xã (phường) một, mỗi xã, phường, thị trấn một
    rf"(?<!\w){_words('distributive_words')}\s+\w+(?:[\s,()]+\w+){{0,4}}[\s()]+$", regex.IGNORECASE)
UNIT_COMPOUND_AFTER = _after("unit_compounds")
INDEFINITE_BEFORE = regex.compile(rf"(?<!\w){_words('indefinite_before')}\s+$", regex.IGNORECASE)
YEAR_BEFORE = regex.compile(rf"(?<!\w){_words('year_before')}\s+$", regex.IGNORECASE)
NAMES_AROUND = [(regex.compile(rf"(?<!\w){regex.escape(b)}\s+$", regex.IGNORECASE),
                 regex.compile(rf"^\s+{regex.escape(a)}(?!\w)", regex.IGNORECASE)) for b, a in VOCAB["names_around"]]
DURATION_LEAD_BEFORE = regex.compile(rf"(?<!\w){_words('duration_leads')}\s+$", regex.IGNORECASE)
WORD_ENDING_IN_ORDINAL = regex.compile(rf"(?<!\w){_words('words_ending_in_ordinal')}\s*$", regex.IGNORECASE)  # nông thôn 3
ORDINAL_VERB_BEFORE = regex.compile(rf"(?<!\w){_words('ordinal_verbs')}\s*:?\s*$", regex.IGNORECASE)   # phân hạng: 62
BEFORE = {key: _before(key) for key in
          ("ordinal_words", "date_words", "document_words", "phone_words", "multiply_words")}
NAME_END_BEFORE = regex.compile(r"(?<!\w)(?P<name>[[:Lu:]]\w*(?:\s+[[:Lu:]]\w*){1,2})\s*:?\s*$")   # Hải Phòng: 6
ACRONYM_BEFORE = regex.compile(r"(?<!\w)[A-ZĐ]{2,}[\w-]*\s+$")           # ISO 22000, HACCP 2020 (case matters)
CAPITALIZED_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]\w*\s+$")             # Khô 7 ...
PROPER_NAME_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]\w*\s+[[:Lu:]]\w*\s+$")      # two capitalized words
BEFORE_HOUSE = regex.compile(r"(?:^|[(,:]\s*)(?:số\s+)?$", regex.IGNORECASE)
NAME_AFTER = regex.compile(r"^\s+[[:Lu:]]")                                 # 12 Nguyễn Huệ
X_IN_Y_BEFORE = regex.compile(r"\d\s+(?:trong|in)\s+$", regex.IGNORECASE)
DOT_DECIMAL = regex.compile(r"^\d{1,2}\.\d{1,2}$")
LIST_GOES_ON = regex.compile(r"^\s*(?:,|và\b|;|\.|$)")
NAME_WORD_AFTER = regex.compile(rf"^\s+{_words('name_words_after')}(?!\w)", regex.IGNORECASE)
ADDRESS_AFTER = regex.compile(rf"^\s+{_words('street_words')}\s+[[:Lu:]\d]")
CAPITALIZED_AFTER = regex.compile(r"^(?:\s+[[:Lu:]]|\s*(?:$|[.;:!?)\n]))")   # ... 7 Chóp, phường Móng Cái 2.
LOWER_WORD_AFTER = regex.compile(r"^\s+[[:Ll:]]")
SENTENCE_START = regex.compile(r"(?:^|[.!?…:;\n])[\s\"“'‘(\-–•*]*$")
LINE_START = regex.compile(r"(?:^|\n)[ \t]*$")
LIST_MARK_AFTER = regex.compile(r"^[.)](?:\s|$)")
DAY_RANGE_AFTER = regex.compile(rf"^\s*(?:[-–]|{_words('range_joiners_words')})\s*\d{{1,2}}/\d")  # 18 – 19/9: dates
DATE_AFTER = regex.compile(r"^\s+(?:năm\s+(?:19|20)\d\d|tháng\s+\d{1,2}(?:\s*/\s*\d{4})?)(?!\d)", regex.IGNORECASE)
"""A year or a month after a number too large for a span of them, not its unit (`tăng từ khoảng 1.000 năm 2019 lên
8.790 chủ thể`; but `5 năm 2021 - 2025` is a span)."""
DIGIT_GROUP_BEFORE = regex.compile(r"\d[\s\u00a0]+$")
DIGIT_GROUP_AFTER = regex.compile(r"^[ \t\u00a0]+\d")
YEAR_LIKE = regex.compile(r"^(?:19|20)\d\d$")


# Policies: each says why a candidate is not a count (a short reason), or None.

def list_item(c) -> str | None:
    """`1.` / `2)` at the start of a line numbers a list."""
    if c.form == "digits" and LINE_START.search(c.before) and LIST_MARK_AFTER.match(c.after):
        return "list item"


def phone_or_code(c) -> str | None:
    """Phone numbers (0912.345.678, 1900 1234, Hotline: 024...), digit groups split by spaces, ISO 22000."""
    if BEFORE["phone_words"].search(c.before):
        return "phone"
    if any(raw.startswith("0") and sum(ch.isdigit() for ch in raw) >= 9 for raw in c.raws):
        return "phone"
    if c.form == "digits" and (DIGIT_GROUP_BEFORE.search(c.before) or DIGIT_GROUP_AFTER.match(c.after)):
        return "digit groups"
    if c.form == "digits" and ACRONYM_BEFORE.search(c.before) and not COUNT_NOUN_AFTER.match(c.after):
        return "code"


def document_date_or_year(c) -> str | None:
    """Quyết định số 12, ngày 10-1, tháng 5, 18 – 19/9, năm 2020, a bare 2021 or 2021 - 2025 (unless
    a count noun follows: 2000 hộ)."""
    if BEFORE["document_words"].search(c.before) and not COUNT_NOUN_AFTER.match(c.after):
        return "document number"
    if BEFORE["date_words"].search(c.before) or DAY_RANGE_AFTER.match(c.after):
        return "date"
    if any(YEAR_LIKE.match(raw) for raw in c.raws) and not COUNT_NOUN_AFTER.match(c.after) and not c.percent:
        return "year"


_EACH_UNIT_BEFORE = regex.compile(r"(?<!\w)mỗi\s+\w+\s*$", regex.IGNORECASE)
"""`mỗi quận 1 sản phẩm`: each district's count, not District 1."""


def ordinal_or_ratio(c) -> str | None:
    """lần thứ 5, vòng 1, đợt 2, thứ ba; gấp 2 (a ratio); but nâng hạng 3 sản phẩm is a count, and so is the
    number after a name whose last word is an ordinal word (`Hải Phòng: 6 sản phẩm`, `Tam Kỳ: 3`, `Sông Lô 2`)."""
    if BEFORE["ordinal_words"].search(c.before) and not ORDINAL_VERB_BEFORE.search(c.before) \
            and not WORD_ENDING_IN_ORDINAL.search(c.before) and not _ends_with_place(c.before) \
            and not _EACH_UNIT_BEFORE.search(c.before):
        return "ordinal"
    if BEFORE["multiply_words"].search(c.before):
        return "ratio"


def _ends_with_place(before: str) -> bool:
    """The words before the number end with a province's or a district's name (`Hải Phòng`, `Tam Kỳ`), not
    with a hamlet's number (`Thôn 3`)."""
    m = NAME_END_BEFORE.search(before)
    if m is None:
        return False
    from ..gazetteer import lookup      # (loaded only when a name ends with an ordinal word)
    words = m.group("name").split()
    return any(lookup(" ".join(words[i:]), level=level) for i in range(len(words) - 1)
               for level in ("province", "district"))


def _is_province(words: str) -> bool:
    """The capitalized words are a province's name: a list's place with its number, not a product's name."""
    from .places import CANONICAL       # (the gazetteer is loaded only when a list asks)
    return " ".join(words.split()) in CANONICAL


def inside_name(c) -> str | None:
    """Khô 7 Chóp; Ba Vì, Hai Bà Trưng (a capitalized number word is a number only starting a sentence
    before a lower-case word); ba ba, ba kích (word_compounds); a lone number word needs a word after it,
    and `một` a count noun."""
    if any(before.search(c.before) and after.match(c.after) for before, after in NAMES_AROUND):
        return "name"       # chính quyền địa phương hai cấp
    if c.form == "digits":
        proper = PROPER_NAME_BEFORE.search(c.before)
        province = proper is not None and _is_province(proper.group())    # 'Quảng Ninh 500 và Thanh Hóa 3,3%.'
        if CAPITALIZED_BEFORE.search(c.before) and CAPITALIZED_AFTER.match(c.after) \
                and not in_capitals(c.before + c.after) and not province \
                and not COUNT_NOUN_AFTER.match(c.after):    # (not 'Hải Lăng 6 SP': a count noun's abbreviation)
            return "name"
        if proper and not COUNT_NOUN_AFTER.match(c.after) and not province and (
                (not c.percent and LOWER_WORD_AFTER.match(c.after)) or (c.percent and LIST_GOES_ON.match(c.after))):
            return "name"       # gạo Đài Thơm 8 vừa …, rượu Gò Đen 31%, …
        if (NAME_WORD_AFTER.match(c.after) and not COUNT_NOUN_AFTER.match(c.after)) or X_IN_Y_BEFORE.search(c.before):
            return "name"       # mực 1 nắng, cá cơm 3 vị, trà 3 miền, ca cao 3 trong 1 (not 99 món hàng)
        return None
    first, rest = c.words[0], c.words[1:]
    if first.lower() in VOCAB["alone_needs_count_noun"] and INDEFINITE_BEFORE.search(c.before):
        return "indefinite article (từ một huyện thuần nông)"
    if first.lower() in VOCAB["never_last"] and not rest and YEAR_BEFORE.search(c.before):
        return "a year (hằng năm sản phẩm …)"
    if WORD_COMPOUND.match(c.text, c.number_start):
        return "syllable of another word"
    if any(w[0].isupper() for w in rest):
        return "name"
    if first[0].isupper() and not (SENTENCE_START.search(c.before) and LOWER_WORD_AFTER.match(c.after)):
        return "name"
    if c.form == "words" and len(c.words) == 1 and not c.percent:
        if first.lower() in VOCAB["alone_needs_count_noun"] and not COUNT_NOUN_AFTER.match(c.after):
            return "not a number word here"
        if first.lower() in VOCAB["alone_needs_count_noun"] and DISTRIBUTIVE_BEFORE.search(c.before):
            return "distributive (mỗi xã một sản phẩm)"
        if not LOWER_WORD_AFTER.match(c.after):
            return "lone word"


def address(c) -> str | None:
    """`số 258 đường Lê Quảng Chí`, `12 Nguyễn Huệ`: a house number; not `, 60 HTX`, `, 45 Cty` (a count
    noun's abbreviation)."""
    noun = COUNT_NOUN_AFTER.match(c.after)
    short = noun is not None and (noun.group().strip().isupper() or noun.group().strip().lower() in ABBREVIATED)
    if ADDRESS_AFTER.match(c.after) or (c.form == "digits" and not c.percent and BEFORE_HOUSE.search(c.before)
                                          and NAME_AFTER.match(c.after) and not short):
        return "address"


def measured(c) -> str | None:
    """Followed by a unit that is not counted: money, measures, durations, ratios, degrees, stars, scores
    (`điểm` after a decimal is a score; after an integer too, unless a kind of place follows: `điểm bán`)."""
    if c.percent:
        return None
    if STAR_AFTER.match(c.after) and (c.value is None or c.value <= 5 or STAR_RIGHT_AFTER.match(c.after)) \
            and not STAR_LABEL_BEFORE.search(c.before):
        return "star class"     # (not '84 và 3 sao', nor the count a label gives: '5 sao: 1, 4 sao: 84')
    if UNIT_AFTER["duration_units"].match(c.after) and DURATION_LEAD_BEFORE.search(c.before):
        return "duration_units"     # 'Trong 3 ngày hội chợ': three days, not three festivals
    if not UNIT_COMPOUND_AFTER.match(c.after) and not (DATE_AFTER.match(c.after) and (c.value or 0) >= 100):
        for key, pattern in UNIT_AFTER.items():
            if pattern.match(c.after):
                return key
    score = SCORE_AFTER.match(c.after)
    if score and (c.decimal or not (POINT_KIND.match(c.after[score.end():])
                                    or POINT_NAMED_BEFORE.search(c.text, 0, c.start))):
        return "score"      # (not the points its sentence named: '54 điểm giới thiệu …, huyện X có 8 điểm')


NOT_A_COUNT = (list_item, phone_or_code, document_date_or_year, ordinal_or_ratio, inside_name, address, measured)


def not_a_count(c) -> str | None:
    """The first reason a policy gives for `c` not being a count, or None when it is one."""
    for policy in NOT_A_COUNT:
        reason = policy(c)
        if reason:
            return reason
    return None
