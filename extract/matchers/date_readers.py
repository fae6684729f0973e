"""What a date pattern's match means: one reader a rule of `dates.PATTERN` (`read_day`, `read_quarter`, …),
each giving the spans and EDTF values the match stands for, or none when the policies here say the
words are not a date (a decision number, a name, a fraction, a star range)."""
from __future__ import annotations

import calendar

import regex

from .date_words import RELATIVE_YEAR_WORDS, VOCAB, WINDOW, YEAR, alternation
from .numbers import COUNT_NOUN_AFTER

RULES = ("day_range", "day_in_words", "half_year", "month_range", "quarter", "month", "year_part", "year_range",
         "round_year", "day_dot", "day", "month_bare", "year", "relative", "bare_year")   # the order of PATTERN
DOCUMENT_BEFORE = regex.compile(rf"(?<!\w){alternation('document_words')}\s*[:.]?\s*$", regex.IGNORECASE)
FRACTION_AFTER = regex.compile(rf"\s+{alternation('fraction_after')}(?!\w)", regex.IGNORECASE)
FRACTION_BEFORE = regex.compile(rf"(?<!\w){alternation('fraction_before')}\s+$", regex.IGNORECASE)
NAME_BEFORE = regex.compile(rf"(?<!\w){alternation('name_words')}\s+$", regex.IGNORECASE)
CAPITALIZED_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]\w*\s+$")
ABBREVIATION_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]{2,}\s+$")
QUOTE_OPEN_BEFORE = regex.compile(r"[\"“'‘][^\"“”'‘’]{0,30}$")
QUOTE_CLOSE = regex.compile(r"[\"”'’]")
CAPITALIZED_AFTER = regex.compile(r"^\s+[[:Lu:]]")
STARS_AFTER = regex.compile(r"\s*sao(?![\p{L}\p{M}])", regex.IGNORECASE)
NOT_BEFORE_RELATIVE = regex.compile(rf"(?:\d|(?<!\w){alternation('not_before_relative')})\s+$", regex.IGNORECASE)
NOT_BEFORE_HIEN = regex.compile(rf"(?<!\w){alternation('hien_not_after')}\s+$", regex.IGNORECASE)
YEAR_BEFORE = regex.compile(rf"{YEAR}\s*(?:,|và|hoặc)\s*$", regex.IGNORECASE)
PART_OF_YEAR = {"start": "01", "middle": "06", "end": "12"}


def _value(edtf, precision, relative=None, interval=False) -> dict:
    return {"value": edtf, "relative": relative, "relation": None, "precision": precision, "interval": interval}


def _year(m, key="y") -> str:
    return m.group(key) or "XXXX"


def _relative_year(m) -> str | None:
    word = m.group("ynay")
    return RELATIVE_YEAR_WORDS[" ".join(word.lower().split())] if word else None


def _two(n) -> str:
    return f"{int(n):02d}"


def _day_ok(y: str, mo: str, d: str) -> bool:
    year = int(y) if y.isdigit() else 2000          # 2000 is a leap year: 29/2 stays possible
    return int(d) <= calendar.monthrange(year, int(mo))[1]


def read_day_range(text, m):
    """20/9 đến 21/12/2022 (the end's year goes to the start), 18 – 19/9, 3/11 đến 5/11."""
    d1, m1, m2, d2 = m.group("d1"), m.group("m1") or m.group("m2"), m.group("m2"), m.group("d2")
    y2 = m.group("y2") or m.group("y1") or "XXXX"
    y1 = m.group("y1") or y2
    if y1.isdigit() and not m.group("y1") and int(m1) > int(m2):
        y1 = str(int(y1) - 1)                                 # 20/12 đến 5/1/2023 starts in 2022
    if not (_day_ok(y1, m1, d1) and _day_ok(y2, m2, d2)) or (y1, m1, int(d1)) == (y2, m2, int(d2)):
        return []
    edtf = f"{y1}-{_two(m1)}-{_two(d1)}/{y2}-{_two(m2)}-{_two(d2)}"
    return [(m.start(), m.end(), _value(edtf, "day", interval=True), "day_range")]


def read_day_in_words(text, m):
    y, mo, d = _year(m), m.group("m"), m.group("d")
    return [(m.start(), m.end(), _value(f"{y}-{_two(mo)}-{_two(d)}", "day"), "day_in_words")] if _day_ok(y, mo, d) else []


def read_half_year(text, m):
    """6 tháng đầu năm 2025 -> 2025-01/2025-06; 6 tháng cuối năm -> XXXX-07/XXXX-12; nửa đầu năm nay;
    10 tháng năm 2023 -> 2023-01/2023-10."""
    raw = (m.group("months") or m.group("half")).lower()
    months = int(raw) if raw.isascii() and raw.isdigit() else \
        {**VOCAB["month_count_words"], **VOCAB["half_words"]}.get(raw, 0)
    if not 1 <= months <= 11:
        return []
    edge = VOCAB["half_edges"][m.group("edge").lower()] if m.group("edge") else "start"   # '10 tháng năm 2023'
    first, last = (1, months) if edge == "start" else (13 - months, 12)
    y = _year(m)
    edtf = f"{y}-{_two(first)}/{y}-{_two(last)}"
    return [(m.start(), m.end(), _value(edtf, "month", _relative_year(m), interval=True), "half_year")]


def read_month_range(text, m):
    """từ tháng 3 đến tháng 5/2025, tháng 3 - 5/2025 -> 2025-03/2025-05."""
    y, m1, m2 = _year(m), int(m.group("m1")), int(m.group("m2"))
    if m2 <= m1:
        return []
    return [(m.start(), m.end(), _value(f"{y}-{m1:02d}/{y}-{m2:02d}", "month", interval=True), "month_range")]


def read_quarter(text, m):
    """quý I/2024 -> 2024-33 (EDTF: quarter 1 is 33, quarter 2 is 34, ...)."""
    q = VOCAB["quarters"][m.group("q").lower()]
    return [(m.start(), m.end(), _value(f"{_year(m)}-{32 + q}", "season", _relative_year(m)), "quarter")]


def read_month(text, m):
    """tháng 6/2025 -> 2025-06; cuối tháng 6/2025 -> 2025-06-30~ (the part of a month is a day, approximate)."""
    y, mo, part = _year(m), _two(m.group("m")), m.group("part")
    if not part:
        return [(m.start(), m.end(), _value(f"{y}-{mo}", "month", _relative_year(m)), "month")]
    part = VOCAB["period_parts"][part.lower()]
    last = calendar.monthrange(int(y) if y.isdigit() else 2000, int(mo))[1]
    day = {"start": "01", "middle": "15", "end": str(last)}[part]
    return [(m.start(), m.end(), _value(f"{y}-{mo}-{day}~", "day", _relative_year(m)), "month_part")]


def read_year_part(text, m):
    """đầu năm 2025 -> 2025-01~, giữa năm 2025 -> 2025-06~, cuối năm 2025 -> 2025-12~."""
    part = PART_OF_YEAR[VOCAB["period_parts"][m.group("part").lower()]]
    return [(m.start(), m.end(), _value(f"{_year(m)}-{part}~", "month", _relative_year(m)), "year_part")]


def read_year_range(text, m):
    """giai đoạn 2021 - 2025, 2019-2024, từ năm 2019 đến năm 2024 -> 2021/2025."""
    y1, y2 = m.group("y1"), m.group("y2")
    if int(y2) <= int(y1):
        return []
    return [(m.start(), m.end(), _value(f"{y1}/{y2}", "year", interval=True), "year_range")]


def read_round_year(text, m):
    """đợt 3 năm 2023, đợt 2/2024: a round of a year (not February): the year."""
    return [(m.start(), m.end(), _value(m.group("y"), "year"), "round_year")]


def read_day(text, m):
    """16/6, 07/4/2023, ngày 10-1, sáng 16/6, Chiều nay (9/8); see `bare_day_not_a_date`."""
    y, mo, d = _year(m), m.group("m"), m.group("d")
    if not _day_ok(y, mo, d) or bare_day_not_a_date(text, m):
        return []
    return [(m.start(), m.end(), _value(f"{y}-{_two(mo)}-{_two(d)}", "day"), "day")]


def read_day_dot(text, m):
    """sáng 14.9, từ 20.12: a day and month with a dot, only after a word that leads a date."""
    y, mo, d = _year(m), m.group("m"), m.group("d")
    if not _day_ok(y, mo, d):
        return []
    return [(m.start(), m.end(), _value(f"{y}-{_two(mo)}-{_two(d)}", "day"), "day_dot")]


def bare_day_not_a_date(text, m) -> bool:
    """Without a lead word, `ngày` or a time of day, these are not dates: d-m with a dash (3-4 is a range),
    an idiom (24/7), a document number, a name (đường 3/2, Công viên 23/9), and, when no year follows, a
    fraction (hơn 1/3) or a part of a whole (3/5 xã). Nor, whatever leads it, a range of star classes
    (`từ 3-4 sao`) or of counts (`có từ 1-3 sản phẩm`)."""
    if not m.group("y") and (STARS_AFTER.match(text, m.end()) or not (m.group("dayword") or m.group("tod"))
                             and COUNT_NOUN_AFTER.match(text[m.end():m.end() + WINDOW])):
        return True
    if m.group("tod") or m.group("dayword") or m.group("lead"):
        return False
    before, after = text[max(0, m.start() - WINDOW):m.start()], text[m.end():m.end() + WINDOW]
    if m.group("sep").strip() == "-" or DOCUMENT_BEFORE.search(before) or NAME_BEFORE.search(before) \
            or ABBREVIATION_BEFORE.search(before) or (QUOTE_OPEN_BEFORE.search(before) and QUOTE_CLOSE.match(text, m.end())):
        return True     # HTX 8/3, "nông sản 14/10": names
    if m.group("y"):
        return False
    return (f"{m.group('d')}/{m.group('m')}" in VOCAB["not_dates"] or bool(FRACTION_BEFORE.search(before))
            or bool(COUNT_NOUN_AFTER.match(after)) or bool(FRACTION_AFTER.match(after)))


def read_month_bare(text, m):
    """12/2024, (9/2024): a month of a year, unless a document word comes before (Nghị quyết số 09/2024)."""
    if DOCUMENT_BEFORE.search(text[max(0, m.start() - WINDOW):m.start()]):
        return []
    return [(m.start(), m.end(), _value(f"{m.group('y')}-{_two(m.group('m'))}", "month"), "month_bare")]


def read_year(text, m):
    return [(m.start(), m.end(), _value(m.group("y"), "year"), "year")]


def read_relative(text, m):
    """hiện nay, đến nay -> now; năm nay -> this_year; năm ngoái -> last_year; năm tới -> next_year."""
    before = text[max(0, m.start("rel") - WINDOW):m.start("rel")]
    if NOT_BEFORE_RELATIVE.search(before) or (m.group("rel").lower() == "hiện" and NOT_BEFORE_HIEN.search(before)):
        return []                                  # những năm tới, 5 năm trước, thực hiện
    rel = VOCAB["relative"].get(" ".join(m.group("rel").lower().split()), "now")
    precision = {"now": "day", "today": "day", "this_month": "month", "last_month": "month"}.get(rel, "year")
    return [(m.start(), m.end(), _value(None, precision, rel), "relative")]


def read_bare_year(text, m):
    """A 4-digit year standing alone: not in a document number, not before a count noun, not inside a name
    (a capitalized word on both sides); after a name it is `year_after_name`, after another year `year_list`."""
    before, after = text[max(0, m.start() - WINDOW):m.start()], text[m.end():m.end() + WINDOW]
    if DOCUMENT_BEFORE.search(before) or NAME_BEFORE.search(before) or COUNT_NOUN_AFTER.match(after):
        return []
    if CAPITALIZED_BEFORE.search(before) and CAPITALIZED_AFTER.match(after):
        return []
    rule = ("year_list" if YEAR_BEFORE.search(before) else
            "year_after_name" if CAPITALIZED_BEFORE.search(before) else "bare_year")
    return [(m.start(), m.end(), _value(m.group("y"), "year"), rule)]


READERS = {name: globals()[f"read_{name}"] for name in RULES}
