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

Not counts (each reason a policy of `number_policies.py`): years, dates, document and phone numbers,
money, measures, durations, scores, ratios, ordinals, star classes, numbers inside names, addresses.

>>> match("Năm 2020, theo Quyết định số 2008/QĐ-UBND ngày 07/4/2023, vay 13 tỷ đồng trong 36 tháng")
[]
>>> match("đạt 71,00 điểm, gấp 1,6 lần, lần thứ 5, 35 độ đạm, 4 và 5 sao, Hotline: 0912.345.678, ISO 22000")
[]
>>> match("một số sản phẩm của huyện Ba Vì, Khô 7 Chóp, thứ ba, Covid-19, phiên bản 4.0")
[]
"""
from __future__ import annotations

from functools import cached_property

import regex

from . import Match, load_vocab, longest_first, scan
from .numerals import (DIGIT_WORDS, MULTIPLIERS, NUMBER_WORDS, back_to, read_digits, read_words,
                       without_invisible)
from .number_policies import BEFORE, COUNT_NOUN_AFTER, DOT_DECIMAL, YEAR_LIKE, not_a_count

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
    (?P<qual>(?<!\w)(?<!{_words("comparatives_before")}\s+){_words(list(VOCAB["qualifiers"]))}\s+)?  # hơn, khoảng gần …
    (?<!\w)(?<![\d.,]/)(?<!\w[-–.])(?<!\d:)                     # not inside Covid-19, G7, 254/2025, 08:15
    (?:
        (?P<part>\d+(?:\.\d+)*)/(?P<whole>\d+(?:\.\d+)*)(?![\w/]|:\d)   # X of Y: 97/140 (or a date)
      | (?P<from>{_words("range_lead")}\s+){_numeral_pattern("")}            # từ 3 đến 5
        \s+{_words("range_joiners_words")}\s+{_numeral_pattern("2")}
      | (?=\d){_numeral_pattern("")}\s*[-–—]\s*(?=\d){_numeral_pattern("2")}         # 105–110, 3 - 4
      | (?=\d){_numeral_pattern("")}\s+{_words("range_joiners_words")}\s+(?=\d){_numeral_pattern("2")}
        (?=\s+{_words(VOCAB["count_nouns"])}(?!\w))                       # 5 đến 7 sản phẩm (a count noun after)
      | {_numeral_pattern("")}                                                # a single numeral
    )
    (?P<percent>\s?%|\s+{_words("percent_words")}(?!\w))?            # 64,7%  /  5 phần trăm
    """, FLAGS)

STARTS = scan.starts_before([w.split()[0] for w in FIRST_WORDS], first_chars=r"\d", word_end=scan.WORD_CHARACTERS)
"""Where PATTERN can start (see scan.py): what its opening look-behind and quick test allow."""

WINDOW = 40
_COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
_WORD = regex.compile(r"\w+")   # (compiled once: `regex.finditer(r"\w+", …)` finds it in regex's cache at each call, ~3 µs)


def match(text: str) -> list[Match]:
    """Every number in `text` that could be a count, sorted by start, not overlapping."""
    clean, where = without_invisible(text)
    found = []
    for m in scan.finditer(PATTERN, STARTS, clean):
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

    # the windows the policies read, cut once: they are read only after start and end are final
    @cached_property
    def before(self) -> str:
        return self.text[max(0, self.start - WINDOW):self.start]

    @cached_property
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
        words = list(_WORD.finditer(m.group("vague" + tag)))
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
    words = list(_WORD.finditer(m.group("words" + tag)))
    read = read_words([w.group() for w in words])
    if read is None and words[0].group().lower() in VOCAB["alone_needs_count_noun"] \
            and COUNT_NOUN_AFTER.match(m.string[m.start("words" + tag) + words[0].end():][:WINDOW]):
        read = DIGIT_WORDS[words[0].group().lower()], 1       # 'có năm sản phẩm': five (a bare 'năm' is a year)
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
    if rule == "numbers.single" and len(c.raws) == 1 and _COMMA_THOUSANDS.fullmatch(c.raws[0]) \
            and not m.group("percent") and COUNT_NOUN_AFTER.match(text[c.number_end:c.number_end + WINDOW]):
        c.value = int(c.raws[0].replace(",", ""))    # '16,000 sản phẩm': commas grouping thousands, a count
    if c.form == "vague":
        c.approx = "about"
    if second:
        c.value_max, c.number_end, c.approx = second[0], second[2], "range"
        scale = 1
        for w in (m.group("mult2") or "").split():
            scale *= MULTIPLIERS.get(w.lower(), 100)
        if scale > 1 and not m.group("mult") and c.form == "digits" and c.value * scale <= second[0]:
            c.value *= scale    # '2,5-3 triệu con': the scale said once, after the range
        if c.value_max <= c.value:
            return []           # 20-3 is a date, 5 - 5 nothing
    c.end = c.number_end
    if m.group("percent") and c.number_end == m.start("percent"):
        c.percent, c.end = True, m.end("percent")
    if rule == "numbers.single":
        c.rule = "numbers.digits_multiplier" if m.group("mult") else f"numbers.{c.form}"
        if c.approx == "exact" and (lead := _FROM_BEFORE.search(text, max(0, c.start - 8), c.start)) \
                and _AND_UP_AFTER.match(text, c.end):
            c.start, c.approx = lead.start(), "at_least"     # 'có từ 5 sản phẩm 4 sao trở lên': five or more
    return [] if not_a_count(c) else [c.to_match()]


_FROM_BEFORE = regex.compile(rf"(?<!\w){_words('range_lead')}\s+$", regex.IGNORECASE)
_AND_UP_AFTER = regex.compile(rf"(?:[^,;.()\d]|[345]\s*sao){{1,40}}?(?<!\w){_words('and_up_words')}(?!\w)", regex.IGNORECASE)
"""`trở lên` after a count's words (a class among them): the count is a least (`từ 35 sản phẩm OCOP trở lên`)."""


FRACTION_MAX_WHOLE = 10
FRACTION_LEAD = regex.compile(r"(?<!\w)(?:chiếm|khoảng|gần|hơn|bằng|xấp xỉ)\s+$", regex.IGNORECASE)
"""Before a fraction (`chiếm 1/5`, `gần 2/3`): an X/Y with a whole of at most FRACTION_MAX_WHOLE after one of
these is a share, not a part of a counted whole (`đạt 97/140 xã` is)."""


def _read_part_of_whole(text: str, m) -> list[Match]:
    """`97/140 xã`: the part and the whole, each its own match; a date or document number: nothing."""
    part, whole = read_digits(m.group("part")), read_digits(m.group("whole"))
    c = Candidate(text, m, "numbers.part_of_whole")
    c.end = m.end("whole")
    if part is None or whole is None or part > whole or _is_document_or_date(c, m.group("part"), m.group("whole")):
        return []
    if whole <= FRACTION_MAX_WHOLE and FRACTION_LEAD.search(c.before + (m.group("qual") or "")):
        return []       # 'chiếm 1/5 sản phẩm OCOP cả nước', 'khoảng 1/3 sản phẩm': a fraction, no count of its own
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
    return day_month and not COUNT_NOUN_AFTER.match(c.after) and not _FRACTION_OF_AFTER.match(c.after)


_FRACTION_OF_AFTER = regex.compile(rf"^\s+(?:{longest_first(load_vocab('dates')['fraction_after'])})(?!\w)",
                                   regex.IGNORECASE)
"""What the dates matcher reads a bare d/m before as a fraction of, not a date (`5/5 tiêu chí`, `8/9 chỉ tiêu`)."""

