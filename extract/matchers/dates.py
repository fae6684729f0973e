"""Date expressions, as EDTF: `năm 2020`, `tháng 6/2025`, `07/4/2023`, `giữa năm 2025`, `quý I/2024`,
`6 tháng đầu năm 2025`, `giai đoạn 2021 - 2025`, `từ ngày 20/9 đến ngày 21/12/2022`, `đến nay`, `năm ngoái`.

Each match's value: `value` (EDTF, `XXXX` for an unknown year; None for a purely relative one such as
`năm nay`; a template with `XXXX` when relative and structured: `6 tháng đầu năm nay`), `relative` (None,
now, this_year, last_year, next_year, this_month), `relation` (None, since, until, during, compared: from the lead word),
`precision` (year, month, day, season), `interval`. The span includes the lead word.

>>> [(m.text, m.value["value"], m.value["relation"]) for m in match("Tính đến tháng 9/2025, giữa năm 2025 và năm 2020")]
[('Tính đến tháng 9/2025', '2025-09', 'until'), ('giữa năm 2025', '2025-06~', None), ('năm 2020', '2020', None)]
>>> [(m.text, m.value["value"]) for m in match("vòng 1 (từ ngày 20/9 đến ngày 21/12/2022), họp 18 – 19/9, sáng 16/6")]
[('từ ngày 20/9 đến ngày 21/12/2022', '2022-09-20/2022-12-21'), ('18 – 19/9', 'XXXX-09-18/XXXX-09-19'), ('sáng 16/6', 'XXXX-06-16')]
>>> [(m.text, m.value["value"]) for m in match("quý I/2024, 6 tháng đầu năm 2025, giai đoạn 2021 - 2025, đợt 2/2024")]
[('quý I/2024', '2024-33'), ('6 tháng đầu năm 2025', '2025-01/2025-06'), ('giai đoạn 2021 - 2025', '2021/2025'), ('đợt 2/2024', '2024')]
>>> [(m.text, m.value["relative"]) for m in match("Lũy kế từ năm 2019 đến nay; năm nay tăng so với năm ngoái")]
[('từ năm 2019', None), ('đến nay', 'now'), ('năm nay', 'this_year'), ('so với năm ngoái', 'last_year')]

Not dates: decision numbers, durations, ordinals, idioms, years inside names.

>>> match("Quyết định số 2008/QĐ-UBND, hiệu lực 36 tháng, năm thứ 7, phục vụ 24/7, thực hiện, hiện đại")
[]
"""
from __future__ import annotations

import calendar
import datetime

import regex

from . import Match, load_vocab, longest_first, scan
from .numbers import COUNT_NOUN_AFTER
from .numerals import back_to, without_invisible

VOCAB = load_vocab("dates")
FLAGS = regex.VERBOSE | regex.IGNORECASE
WINDOW = 40


def _words(key_or_list) -> str:
    return longest_first(VOCAB[key_or_list] if isinstance(key_or_list, str) else key_or_list)


YEAR = r"(?:19|20)\d\d(?!\d)"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
SLASH = r"\s*/\s*|-"
IN_YEAR = r"(?:\s*(?:/|-)\s*|\s+năm\s+)"                     # tháng 6/2025, tháng 6 năm 2025
YEAR_SLOT = rf"(?:{IN_YEAR}(?P<y>{YEAR})|\s+năm\s+(?P<ynay>nay))"   # ... 2025 / ... năm nay
JOIN = rf"\s*{_words('range_joiners')}\s*"


def _dmy(tag: str) -> str:
    """d/m or d-m with an optional year: 16/6, 07/4/2023, 7-4-2023."""
    return rf"(?P<d{tag}>{DAY})(?P<sep{tag}>{SLASH})(?P<m{tag}>{MONTH})(?:(?:{SLASH})(?P<y{tag}>{YEAR}))?(?![/\-]?\d)"


FIRST_WORDS = (list(VOCAB["leads"]) + VOCAB["times_of_day"] + VOCAB["weekdays"] + VOCAB["day_words"]
               + list(VOCAB["period_parts"]) + list(VOCAB["half_words"]) + list(VOCAB["month_count_words"])
               + VOCAB["span_words"] + VOCAB["round_words"] + list(VOCAB["relative"]) + ["quý", "tháng", "năm", "hiện"])

PATTERN = regex.compile(rf"""
    (?<![\w/.,:])
    (?=\d|\(|{_words([w.split()[0] for w in FIRST_WORDS])}(?!\w))       # quick test: a date can start here
    (?:(?P<lead>{_words(list(VOCAB["leads"]))})\s+)?                          # tính đến, từ, trong ...
    (?:
        (?P<day_range>                                                          # 20/9 đến 21/12/2022, 18 – 19/9
            (?:{_words("day_words")}\s+)?(?:{_dmy("1")}|(?P<d1>{DAY}))
            {JOIN}(?:{_words("day_words")}\s+)?{_dmy("2")})
      | (?P<day_in_words>ngày\s+(?P<d>{DAY})\s+tháng\s+(?P<m>{MONTH})          # ngày 7 tháng 4 năm 2023
            (?:\s+năm\s+(?P<y>{YEAR}))?)
      | (?P<half_year>(?:(?P<months>[0-9]{{1,2}}|{_words("month_count_words")})\s+tháng|(?P<half>{_words("half_words")}))
            \s+(?:(?P<edge>{_words(list(VOCAB["half_edges"]))})\s+năm(?:\s+(?P<y>{YEAR})|\s+(?P<ynay>nay))?  # 6 tháng đầu năm 2025
               |năm\s+(?P<y>{YEAR})(?![/\w])))                                      # 10 tháng năm 2023
      | (?P<month_range>tháng\s+(?P<m1>{MONTH}){JOIN}(?:tháng\s+)?(?P<m2>{MONTH})  # tháng 3 - 5/2025
            (?:{IN_YEAR}(?P<y>{YEAR}))?(?![/\-]?\d))
      | (?P<quarter>quý\s+(?P<q>iv|iii|ii|i|[1-4])(?!\w){YEAR_SLOT}?)         # quý I/2024
      | (?P<month>(?:(?P<part>{_words(list(VOCAB["period_parts"]))})\s+)?      # cuối tháng 6/2025
            tháng\s+(?P<m>{MONTH})(?!\s*/\s*\d{{1,2}}(?!\d)){YEAR_SLOT}?(?![/\-]?\d))
      | (?P<year_part>(?P<part>{_words(list(VOCAB["period_parts"]))})\s+năm    # giữa năm 2025, cuối năm nay
            (?:\s+(?P<y>{YEAR})|\s+(?P<ynay>nay))?(?!\s*(?:thứ|\d)))
      | (?P<year_range>(?:(?P<span>{_words("span_words")})\s+)?(?:năm\s+)?    # giai đoạn 2021 - 2025
            (?P<y1>{YEAR}){JOIN}(?:năm\s+)?(?P<y2>{YEAR})(?![/\w]))
      | (?P<round_year>{_words("round_words")}\s+\d{{1,2}}                    # đợt 3 năm 2023, đợt 2/2024
            (?:\s*/\s*|\s+năm\s+)(?P<y>{YEAR})(?![/\w]))
      | (?P<day_dot>(?(lead)|(?:(?P<tod>{_words("times_of_day")})|(?P<dayword>{_words("day_words")}))[,\s]+)
            (?P<d>{DAY})\.(?P<m>{MONTH})(?:\.(?P<y>{YEAR}))?(?![.,]?\d))           # sáng 14.9, từ 20.12 (a word first)
      | (?P<day>(?:(?P<tod>(?:{_words("weekdays")}[,\s]+)?{_words("times_of_day")})[,\s]+)?   # sáng 16/6
            (?P<paren>\(\s*)?(?:(?P<dayword>{_words("day_words")})\s+)?          # Chiều nay (9/8), ngày 10-1
            {_dmy("")}(?(paren)\s*\)))
      | (?P<month_bare>(?P<m>{MONTH})\s*/\s*(?P<y>{YEAR})(?![/\w]))              # (12/2024)
      | (?P<year>năm\s+(?P<y>{YEAR})(?![/\w]))                                  # năm 2020
      | (?P<relative>(?P<rel>{_words(list(VOCAB["relative"]))})(?!\w)        # năm nay, hiện nay, đến nay
            (?!\s+{_words("not_after_nay")}(?!\w))
          | (?P<rel>hiện)(?!\w)(?!\s+{_words("hien_not_before")}(?!\w)))      # Hiện tỉnh có ...
      | (?P<bare_year>(?=\d)(?<!\d[\s\u00a0]*|[-–]\s*)(?P<y>{YEAR})            # Hội chợ ... Đà Nẵng 2025
            (?![\w/]|[.,]\d|[\s\u00a0]*\d|\s*[-–]\s*\d))
    )
    """, FLAGS)

STARTS = scan.starts_before([w.split()[0] for w in FIRST_WORDS], first_chars=r"\d(", not_after="/.,:")
"""Where PATTERN can start (see scan.py): what its opening look-behind and quick test allow."""

RULES = ("day_range", "day_in_words", "half_year", "month_range", "quarter", "month", "year_part", "year_range",
         "round_year", "day_dot", "day", "month_bare", "year", "relative", "bare_year")   # the order of PATTERN
DOCUMENT_BEFORE = regex.compile(rf"(?<!\w){_words('document_words')}\s*[:.]?\s*$", regex.IGNORECASE)
FRACTION_BEFORE = regex.compile(rf"(?<!\w){_words('fraction_before')}\s+$", regex.IGNORECASE)
NAME_BEFORE = regex.compile(rf"(?<!\w){_words('name_words')}\s+$", regex.IGNORECASE)
CAPITALIZED_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]\w*\s+$")
ABBREVIATION_BEFORE = regex.compile(r"(?<!\w)[[:Lu:]]{2,}\s+$")
QUOTE_OPEN_BEFORE = regex.compile(r"[\"“'‘][^\"“”'‘’]{0,30}$")
QUOTE_CLOSE = regex.compile(r"[\"”'’]")
CAPITALIZED_AFTER = regex.compile(r"^\s+[[:Lu:]]")
STARS_AFTER = regex.compile(r"\s*sao(?![\p{L}\p{M}])", regex.IGNORECASE)
NOT_BEFORE_RELATIVE = regex.compile(rf"(?:\d|(?<!\w){_words('not_before_relative')})\s+$", regex.IGNORECASE)
NOT_BEFORE_HIEN = regex.compile(rf"(?<!\w){_words('hien_not_after')}\s+$", regex.IGNORECASE)
YEAR_BEFORE = regex.compile(rf"{YEAR}\s*(?:,|và|hoặc)\s*$", regex.IGNORECASE)
PART_OF_YEAR = {"start": "01", "middle": "06", "end": "12"}


def match(text: str) -> list[Match]:
    """Every date expression in `text`, sorted by start, not overlapping."""
    clean, where = without_invisible(text)
    found = []
    for m in scan.finditer(PATTERN, STARTS, clean):
        rule = next(name for name in RULES if m.group(name) is not None)
        for start, end, value, rule_name in READERS[rule](clean, m):
            if m.group("lead"):
                lead = " ".join(m.group("lead").lower().split())
                relation = VOCAB["leads"][lead]
                value["relation"] = None if value["interval"] and relation == "since" else relation
                if lead in VOCAB["year_end_leads"] and value["precision"] == "year" and not value["interval"] \
                        and value["value"]:
                    value.update(value=f"{value['value']}-12~", precision="month")   # hết năm 2024: its end
            found.append(Match("date", start, end, clean[start:end], f"dates.{rule_name}", value))
    return back_to(text, where, found)


def _value(edtf, precision, relative=None, interval=False) -> dict:
    return {"value": edtf, "relative": relative, "relation": None, "precision": precision, "interval": interval}


def _year(m, key="y") -> str:
    return m.group(key) or "XXXX"


def _relative_year(m) -> str | None:
    return "this_year" if m.group("ynay") else None


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
    (`từ 3-4 sao`)."""
    if not m.group("y") and STARS_AFTER.match(text, m.end()):
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
            or bool(COUNT_NOUN_AFTER.match(after)))


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
    precision = {"now": "day", "this_month": "month"}.get(rel, "year")
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


RELATIVE_YEAR_SHIFT = {"this_year": 0, "last_year": -1, "next_year": 1}


def resolve(value: dict, published: datetime.date | None, year: int | None = None) -> str | None:
    """A full EDTF for a match's value: relative ones against `published` (None when it is unknown),
    `XXXX` filled with `year` when given (else left as it is).

    >>> d = datetime.date(2025, 3, 14)
    >>> [resolve(m.value, d) for m in match("hiện nay, năm nay, năm ngoái, năm tới, tháng này")]
    ['2025-03-14', '2025', '2024', '2026', '2025-03']
    >>> [resolve(m.value, d) for m in match("6 tháng đầu năm nay, cuối năm nay")]
    ['2025-01/2025-06', '2025-12~']
    >>> resolve(match("sáng 16/6")[0].value, None, 2023), resolve(match("sáng 16/6")[0].value, None)
    ('2023-06-16', 'XXXX-06-16')
    >>> resolve(match("năm nay")[0].value, None) is None
    True
    """
    relative, edtf = value.get("relative"), value.get("value")
    if relative:
        if published is None:
            return None
        if relative == "now":
            return published.isoformat()
        if relative == "this_month":
            return f"{published.year}-{published.month:02d}"
        year = published.year + RELATIVE_YEAR_SHIFT[relative]
        return (edtf or "XXXX").replace("XXXX", str(year))
    if edtf is None:
        return None
    return edtf.replace("XXXX", str(year)) if year is not None else edtf
