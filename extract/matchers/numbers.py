"""Numbers that could be counts: `3.317`, `hơn 610`, `64,7%`, `khoảng 105–110`, `Hai sản phẩm`, `hàng trăm`.

Each match's value: `value` (int when whole, else float), `value_max` (upper end of a range), `approx`
(exact/over/under/about/at_least/at_most/range), `percent`, `number_start`/`number_end` (the numeral
itself, without qualifier or %), `form` (digits/words/vague), `of_role` (part/whole for `97/140`, else None).

>>> [(m.text, m.value["value"], m.value["approx"]) for m in match("toàn tỉnh có hơn 1.300 hợp tác xã, 73,2% đạt chuẩn")]
[('hơn 1.300', 1300, 'over'), ('73,2%', 73.2, 'exact')]
>>> [(m.text, m.value["value"], m.value["value_max"], m.value["approx"]) for m in match("duy trì khoảng 105–110 điểm bán")]
[('khoảng 105–110', 105, 110, 'range')]
>>> [(m.text, m.value["of_role"]) for m in match("đã công nhận 2.167/9.852 sản phẩm")]
[('2.167', 'part'), ('9.852', 'whole')]
>>> [(m.text, m.value["value"], m.value["form"]) for m in match("Ba sản phẩm, hai trăm năm mươi hộ, hàng nghìn người")]
[('Ba', 3, 'words'), ('hai trăm năm mươi', 250, 'words'), ('hàng nghìn', 1000, 'vague')]

Not counts: years, dates, document and phone numbers, money, measures, durations, scores, ratios,
ordinals, star classes, numbers inside names.

>>> match("Năm 2020, theo Quyết định số 2008/QĐ-UBND ngày 07/4/2023, vay 13 tỷ đồng trong 36 tháng")
[]
>>> match("đạt 71,00 điểm, gấp 1,6 lần, lần thứ 5, 35 độ đạm, 4 và 5 sao, Hotline: 0912.345.678, ISO 22000")
[]
>>> match("một số sản phẩm của huyện Ba Vì, Khô 7 Chóp, thứ ba, Covid-19, phiên bản 4.0")
[]
"""
from __future__ import annotations

import regex

from . import Match, load_vocab, longest_first
from .numerals import (DIGIT_WORDS, MULTIPLIERS, NUMBER_WORDS, back_to, read_digits, read_words,
                       without_invisible)

VOCAB = load_vocab("numbers")
FLAGS = regex.VERBOSE | regex.IGNORECASE

VAGUE: dict[str, int] = VOCAB["vague_multipliers"]


def _words(key_or_list) -> str:
    return longest_first(VOCAB[key_or_list] if isinstance(key_or_list, str) else key_or_list)


def _numeral_pattern(tag: str) -> str:
    """One numeral, its groups suffixed with `tag`: digits (+ multiplier words), number words, or vague."""
    word, mult = _words(NUMBER_WORDS), _words(list(MULTIPLIERS) + VOCAB["hundred_words"])
    return rf"""(?:
        (?P<vague{tag}>{_words("vague_lead")}(?:\s+{_words(list(VAGUE))})+)(?!\w)   # hàng trăm, hàng chục nghìn
      | (?P<digits{tag}>\d+(?:[.,]\d+)*)(?![\w/]|:\d)                              # 3.317, 73,2, 02 (not 08:15)
        (?:\s+(?P<mult{tag}>{mult}(?:\s+{mult})*)(?!\w))?                           # 1,5 triệu, 2 nghìn
      | (?P<words{tag}>{word}(?:\s+{word})*)(?!\w)                                  # hai mươi mốt
    )"""


FIRST_WORDS = list(VOCAB["qualifiers"]) + VOCAB["range_lead"] + VOCAB["vague_lead"] + NUMBER_WORDS

PATTERN = regex.compile(rf"""
    (?<!\w)(?=\d|{_words([w.split()[0] for w in FIRST_WORDS])}(?!\w))        # quick test: a number can start here
    (?P<qual>(?<!\w){_words(list(VOCAB["qualifiers"]))}\s+)?     # hơn, khoảng gần, ít nhất ...
    (?<!\w)(?<![\d.,]/)(?<!\w[-–.])(?<!\d:)                     # not inside Covid-19, G7, 254/2025, 08:15
    (?:
        (?P<part>\d+(?:\.\d+)*)/(?P<whole>\d+(?:\.\d+)*)(?![\w/]|:\d)   # X of Y: 97/140 (or a date)
      | (?P<from>{_words("range_lead")}\s+){_numeral_pattern("")}            # từ 3 đến 5
        \s+{_words("range_joiners_words")}\s+{_numeral_pattern("2")}
      | (?=\d){_numeral_pattern("")}\s*[-–—]\s*(?=\d){_numeral_pattern("2")}         # 105–110, 3 - 4
      | {_numeral_pattern("")}                                                # a single numeral
    )
    (?P<percent>\s?%|\s+{_words("percent_words")}(?!\w))?            # 64,7%  /  5 phần trăm
    """, FLAGS)


def _after(key: str) -> regex.Pattern:
    return regex.compile(rf"^\s*{_words(key)}(?!\w)", regex.IGNORECASE)


def _before(key: str) -> regex.Pattern:
    return regex.compile(rf"(?<!\w){_words(key)}(?:\s+số)?\s*[:.]?\s*$", regex.IGNORECASE)   # Công văn số 12


COUNT_NOUN_AFTER = regex.compile(rf"^\s+{_words('count_nouns')}(?!\w)", regex.IGNORECASE)
UNIT_AFTER = {key: _after(key) for key in
              ("money_units", "measure_units", "duration_units", "ratio_units", "degree_units")}
STAR_AFTER = regex.compile(rf"""^\s*\)?                  # (5) sao
    (?:\s*{_words("star_joiners")}\s*(?:\d+|{_words(list(DIGIT_WORDS))}))*   # 3 - 4 sao, 4 và 5 sao
    \s*{_words("star_units")}(?!\w)""", FLAGS)
SCORE_AFTER = _after("score_units")
POINT_KIND = regex.compile(rf"^\s+{_words('point_kinds')}(?!\w)", regex.IGNORECASE)
WORD_COMPOUND = regex.compile(rf"{_words('word_compounds')}(?!\w)", regex.IGNORECASE)
DISTRIBUTIVE_BEFORE = regex.compile(   # mỗi xã một, mỗi xã (phường) một, mỗi xã, phường, thị trấn một
    rf"(?<!\w){_words('distributive_words')}\s+\w+(?:[\s,()]+\w+){{0,4}}[\s()]+$", regex.IGNORECASE)
UNIT_COMPOUND_AFTER = _after("unit_compounds")
ORDINAL_VERB_BEFORE = regex.compile(rf"(?<!\w){_words('ordinal_verbs')}\s*$", regex.IGNORECASE)
BEFORE = {key: _before(key) for key in
          ("ordinal_words", "date_words", "document_words", "phone_words", "multiply_words")}
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
DIGIT_GROUP_BEFORE = regex.compile(r"\d[\s\u00a0]+$")
DIGIT_GROUP_AFTER = regex.compile(r"^[ \t\u00a0]+\d")
YEAR_LIKE = regex.compile(r"^(?:19|20)\d\d$")
WINDOW = 40


def match(text: str) -> list[Match]:
    """Every number in `text` that could be a count, sorted by start, not overlapping."""
    clean, where = without_invisible(text)
    found = []
    for m in PATTERN.finditer(clean):
        found.extend(_read(clean, m))
    return back_to(text, where, found)


class Candidate:
    """A number found by PATTERN, before the policies say whether it is a count."""

    def __init__(self, text: str, m, rule: str):
        self.text, self.rule = text, rule
        self.start = m.start("qual") if m.group("qual") else m.start()
        self.approx = VOCAB["qualifiers"][_squash(m.group("qual"))] if m.group("qual") else "exact"
        self.raws: list[str] = []        # the digit tokens, for the year and phone policies
        self.decimal = False
        self.words: list[str] = []       # the number words used, for the capitalization policies
        self.form = "digits"
        self.value = self.value_max = None
        self.number_start = self.number_end = self.end = m.end()
        self.percent = False
        self.of_role = None

    @property
    def before(self) -> str:
        return self.text[max(0, self.start - WINDOW):self.start]

    @property
    def after(self) -> str:
        return self.text[self.end:self.end + WINDOW]

    def to_match(self) -> Match:
        value = {"value": _tidy(self.value), "value_max": self.value_max, "approx": self.approx,
                 "percent": self.percent, "number_start": self.number_start, "number_end": self.number_end,
                 "form": self.form, "of_role": self.of_role}
        return Match("number", self.start, self.end, self.text[self.start:self.end], self.rule, value)


def _tidy(value):
    """int when whole (1,5 triệu is 1500000, not 1500000.0)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _squash(s: str) -> str:
    return " ".join(s.lower().split())


def _numeral(m, tag: str, c: Candidate) -> tuple[int | float, int, int] | None:
    """Value, start, end of the numeral in groups `*tag`, noting its form on `c`; None if it is none."""
    if m.group("vague" + tag):
        words = list(regex.finditer(r"\w+", m.group("vague" + tag)))
        c.form, value = "vague", 1
        for w in words[1:]:                       # words[0] is 'hàng'
            value *= VAGUE[w.group().lower()]
        c.words += [w.group() for w in words]
        return value, m.start("vague" + tag) + words[1].start(), m.end("vague" + tag)
    if m.group("digits" + tag):
        raw = m.group("digits" + tag)
        value = read_digits(raw)
        if value is None and m.group("percent") and DOT_DECIMAL.match(raw):
            value = float(raw)        # '59.18%': a share is not thousands, the dot is a decimal point
        if value is None:
            return None
        c.raws.append(raw)
        c.decimal = c.decimal or "," in raw
        for w in (m.group("mult" + tag) or "").split():
            value *= MULTIPLIERS.get(w.lower(), 100)
        end = m.end("mult" + tag) if m.group("mult" + tag) else m.end("digits" + tag)
        return value, m.start("digits" + tag), end
    words = list(regex.finditer(r"\w+", m.group("words" + tag)))
    read = read_words([w.group() for w in words])
    if read is None:
        return None
    c.form = "words"
    c.words += [w.group() for w in words[:read[1]]]
    return read[0], m.start("words" + tag), m.start("words" + tag) + words[read[1] - 1].end()


def _read(text: str, m) -> list[Match]:
    """The counts one PATTERN match stands for (none, one, or two for X of Y)."""
    if m.group("part"):
        return _read_part_of_whole(text, m)
    rule = "numbers.from_to" if m.group("from") else "numbers.range" if m.group("digits2") else "numbers.single"
    c = Candidate(text, m, rule)
    if m.group("from"):
        c.start = min(c.start, m.start("from"))
    first = _numeral(m, "", c)
    second = _numeral(m, "2", c) if rule != "numbers.single" else None
    if first is None or (rule != "numbers.single" and second is None):
        return []
    c.value, c.number_start, c.number_end = first
    if c.form == "vague":
        c.approx = "about"
    if second:
        c.value_max, c.number_end, c.approx = second[0], second[2], "range"
        if c.value_max <= c.value:
            return []           # 20-3 is a date, 5 - 5 nothing
    c.end = c.number_end
    if m.group("percent") and c.number_end == m.start("percent"):
        c.percent, c.end = True, m.end("percent")
    if rule == "numbers.single":
        c.rule = "numbers.digits_multiplier" if m.group("mult") else f"numbers.{c.form}"
    return [] if not_a_count(c) else [c.to_match()]


def _read_part_of_whole(text: str, m) -> list[Match]:
    """`97/140 xã`: the part and the whole, each its own match; a date or document number: nothing."""
    part, whole = read_digits(m.group("part")), read_digits(m.group("whole"))
    c = Candidate(text, m, "numbers.part_of_whole")
    c.end = m.end("whole")
    if part is None or whole is None or part > whole or _is_document_or_date(c, m.group("part"), m.group("whole")):
        return []
    p = Candidate(text, m, "numbers.part_of_whole")
    p.value, p.number_start, p.number_end, p.end, p.of_role = part, m.start("part"), m.end("part"), m.end("part"), "part"
    w = Candidate(text, m, "numbers.part_of_whole")
    w.start, w.approx = m.start("whole"), "exact"
    w.value, w.number_start, w.number_end, w.end, w.of_role = whole, m.start("whole"), m.end("whole"), m.end("whole"), "whole"
    return [] if not_a_count(p) or not_a_count(w) else [p.to_match(), w.to_match()]


def _is_document_or_date(c: Candidate, part: str, whole: str) -> bool:
    """254/2025 (a year after the slash), số 12/45, or a day/month such as 16/6 with no count noun after."""
    if YEAR_LIKE.match(whole) or BEFORE["document_words"].search(c.before):
        return True
    day_month = "." not in part + whole and 1 <= int(part) <= 31 and 1 <= int(whole) <= 12
    return day_month and not COUNT_NOUN_AFTER.match(c.after)


# Policies: each says why a candidate is not a count (a short reason), or None.

def list_item(c: Candidate) -> str | None:
    """`1.` / `2)` at the start of a line numbers a list."""
    if c.form == "digits" and LINE_START.search(c.before) and LIST_MARK_AFTER.match(c.after):
        return "list item"


def phone_or_code(c: Candidate) -> str | None:
    """Phone numbers (0912.345.678, 1900 1234, Hotline: 024...), digit groups split by spaces, ISO 22000."""
    if BEFORE["phone_words"].search(c.before):
        return "phone"
    if any(raw.startswith("0") and sum(ch.isdigit() for ch in raw) >= 9 for raw in c.raws):
        return "phone"
    if c.form == "digits" and (DIGIT_GROUP_BEFORE.search(c.before) or DIGIT_GROUP_AFTER.match(c.after)):
        return "digit groups"
    if c.form == "digits" and ACRONYM_BEFORE.search(c.before) and not COUNT_NOUN_AFTER.match(c.after):
        return "code"


def document_date_or_year(c: Candidate) -> str | None:
    """Quyết định số 12, ngày 10-1, tháng 5, 18 – 19/9, năm 2020, a bare 2021 or 2021 - 2025 (unless
    a count noun follows: 2000 hộ)."""
    if BEFORE["document_words"].search(c.before) and not COUNT_NOUN_AFTER.match(c.after):
        return "document number"
    if BEFORE["date_words"].search(c.before) or DAY_RANGE_AFTER.match(c.after):
        return "date"
    if any(YEAR_LIKE.match(raw) for raw in c.raws) and not COUNT_NOUN_AFTER.match(c.after) and not c.percent:
        return "year"


def ordinal_or_ratio(c: Candidate) -> str | None:
    """lần thứ 5, vòng 1, đợt 2, thứ ba; gấp 2 (a ratio); but nâng hạng 3 sản phẩm is a count."""
    if BEFORE["ordinal_words"].search(c.before) and not ORDINAL_VERB_BEFORE.search(c.before):
        return "ordinal"
    if BEFORE["multiply_words"].search(c.before):
        return "ratio"


def inside_name(c: Candidate) -> str | None:
    """Khô 7 Chóp; Ba Vì, Hai Bà Trưng (a capitalized number word is a number only starting a sentence
    before a lower-case word); ba ba, ba kích (word_compounds); a lone number word needs a word after it,
    and `một` a count noun."""
    if c.form == "digits":
        if CAPITALIZED_BEFORE.search(c.before) and CAPITALIZED_AFTER.match(c.after):
            return "name"
        if PROPER_NAME_BEFORE.search(c.before) and not COUNT_NOUN_AFTER.match(c.after) and (
                (not c.percent and LOWER_WORD_AFTER.match(c.after)) or (c.percent and LIST_GOES_ON.match(c.after))):
            return "name"       # gạo Đài Thơm 8 vừa …, rượu Gò Đen 31%, …
        if NAME_WORD_AFTER.match(c.after) or X_IN_Y_BEFORE.search(c.before):
            return "name"       # mực 1 nắng, cá cơm 3 vị, trà 3 miền, ca cao 3 trong 1
        return None
    first, rest = c.words[0], c.words[1:]
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


def address(c: Candidate) -> str | None:
    """`số 258 đường Lê Quảng Chí`, `12 Nguyễn Huệ`: a house number."""
    if ADDRESS_AFTER.match(c.after) or (c.form == "digits" and not c.percent and BEFORE_HOUSE.search(c.before)
                                          and NAME_AFTER.match(c.after)):
        return "address"


def measured(c: Candidate) -> str | None:
    """Followed by a unit that is not counted: money, measures, durations, ratios, degrees, stars, scores
    (`điểm` after a decimal is a score; after an integer too, unless a kind of place follows: `điểm bán`)."""
    if c.percent:
        return None
    if STAR_AFTER.match(c.after):
        return "star class"
    if not UNIT_COMPOUND_AFTER.match(c.after):
        for key, pattern in UNIT_AFTER.items():
            if pattern.match(c.after):
                return key
    score = SCORE_AFTER.match(c.after)
    if score and (c.decimal or not POINT_KIND.match(c.after[score.end():])):
        return "score"


NOT_A_COUNT = (list_item, phone_or_code, document_date_or_year, ordinal_or_ratio, inside_name, address, measured)


def not_a_count(c: Candidate) -> str | None:
    """The first reason a policy gives for `c` not being a count, or None when it is one."""
    for policy in NOT_A_COUNT:
        reason = policy(c)
        if reason:
            return reason
    return None
