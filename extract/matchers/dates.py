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

Not dates: decision numbers, durations, ordinals, idioms, years inside names. The words are in
`date_words.py` (from `dates.vocab.json`), what each rule's match means in `date_readers.py`.

>>> match("Quyết định số 2008/QĐ-UBND, hiệu lực 36 tháng, năm thứ 7, phục vụ 24/7, thực hiện, hiện đại")
[]
"""
from __future__ import annotations

import datetime

import regex

from . import Match, scan
from .date_readers import READERS, RULES
from .date_words import DAY, DAY_JOIN, FLAGS, IN_YEAR, JOIN, MONTH, SLASH, VOCAB, YEAR, YEAR_SLOT, YEAR_WORD, alternation
from .numerals import back_to, without_invisible


def _dmy(tag: str) -> str:
    """d/m or d-m with an optional year: 16/6, 07/4/2023, 7-4-2023."""
    return rf"(?P<d{tag}>{DAY})(?P<sep{tag}>{SLASH})(?P<m{tag}>{MONTH})(?:(?:{SLASH})(?P<y{tag}>{YEAR}))?(?![/\-]?\d)"


FIRST_WORDS = (list(VOCAB["leads"]) + VOCAB["times_of_day"] + VOCAB["weekdays"] + VOCAB["day_words"]
               + list(VOCAB["period_parts"]) + list(VOCAB["half_words"]) + list(VOCAB["month_count_words"])
               + VOCAB["span_words"] + VOCAB["round_words"] + list(VOCAB["relative"]) + ["quý", "tháng", "năm", "hiện"])

_PART = rf"(?<!(?<!\w){alternation('part_not_after')}\s+)(?P<part>{alternation(list(VOCAB['period_parts']))})"
"""đầu/giữa/cuối: which part of a year or month, not a word's own (`lần đầu`, `hàng đầu`, `đứng đầu`)."""

PATTERN = regex.compile(rf"""
    (?<![\w/.,:])
    (?=\d|\(|{alternation([w.split()[0] for w in FIRST_WORDS])}(?!\w))       # quick test: a date can start here
    (?:(?P<lead>{alternation(list(VOCAB["leads"]))})\s+)?                          # tính đến, từ, trong ...
    (?:
        (?P<day_range>                                                          # 20/9 đến 21/12/2022, 18 – 19/9
            (?:{alternation("day_words")}\s+)?(?:{_dmy("1")}|(?P<d1>{DAY}))
            {DAY_JOIN}(?:{alternation("day_words")}\s+)?{_dmy("2")})
      | (?P<day_in_words>(?:ngày(?:\s+(?:mùng|mồng))?|mùng|mồng)\s+(?P<d>{DAY})\s+tháng\s+(?P<m>{MONTH})   # ngày 7 tháng 4 năm 2023, mùng 5 tháng 3
            (?:\s+năm\s+(?P<y>{YEAR}))?)
      | (?P<half_year>(?:(?P<months>[0-9]{{1,2}}|{alternation("month_count_words")})\s+tháng|(?P<half>{alternation("half_words")}))
            \s+(?:(?P<edge>{alternation(list(VOCAB["half_edges"]))})\s+năm(?:\s+(?P<y>{YEAR})|\s+{YEAR_WORD})?  # 6 tháng đầu năm 2025
               |năm\s+(?P<y>{YEAR})(?![/\w])))                                      # 10 tháng năm 2023
      | (?P<month_range>tháng\s+(?P<m1>{MONTH}){JOIN}(?:tháng\s+)?(?P<m2>{MONTH})  # tháng 3 - 5/2025
            (?:{IN_YEAR}(?P<y>{YEAR}))?(?![/\-]?\d))
      | (?P<quarter>quý\s+(?P<q>iv|iii|ii|i|[1-4])(?!\w){YEAR_SLOT}?)         # quý I/2024
      | (?P<month>(?:{_PART}\s+)?      # cuối tháng 6/2025
            tháng\s+(?P<m>{MONTH})(?!\s*/\s*\d{{1,2}}(?!\d)){YEAR_SLOT}?(?![/\-]?\d))
      | (?P<year_part>{_PART}\s+năm    # giữa năm 2025, cuối năm nay
            (?:\s+(?P<y>{YEAR})|\s+{YEAR_WORD})?(?!\s*(?:thứ|\d)))
      | (?P<year_range>(?:(?P<span>{alternation("span_words")})\s+)?(?:năm\s+)?    # giai đoạn 2021 - 2025
            (?P<y1>{YEAR}){JOIN}(?:năm\s+)?(?P<y2>{YEAR})(?![/\w]))
      | (?P<round_year>{alternation("round_words")}\s+(?:\d{{1,2}}|(?-i:[IVX]{{1,4}})(?![\p{{L}}]))   # đợt 3 năm 2023, đợt 2/2024, Đợt II năm 2024
            (?:\s*/\s*|\s+năm\s+)(?P<y>{YEAR})(?![/\w]))
      | (?P<day_dot>(?(lead)|(?:(?P<tod>{alternation("times_of_day")})|(?P<dayword>{alternation("day_words")}))[,\s]+)
            (?P<d>{DAY})\.(?P<m>{MONTH})(?:\.(?P<y>{YEAR}))?(?![.,]?\d))           # sáng 14.9, từ 20.12 (a word first)
      | (?P<day>(?:(?P<tod>(?:{alternation("weekdays")}[,\s]+)?{alternation("times_of_day")})[,\s]+)?   # sáng 16/6
            (?P<paren>\(\s*)?(?:(?P<dayword>{alternation("day_words")})\s+)?          # Chiều nay (9/8), ngày 10-1
            {_dmy("")}(?(paren)\s*\)))
      | (?P<month_bare>(?P<m>{MONTH})\s*/\s*(?P<y>{YEAR})(?![/\w]))              # (12/2024)
      | (?P<year>năm\s+(?P<y>{YEAR})(?![/\w]))                                  # năm 2020
      | (?P<relative>(?P<rel>{alternation(list(VOCAB["relative"]))})(?!\w)        # năm nay, hiện nay, đến nay
            (?!\s+{alternation("not_after_nay")}(?!\w))
          | (?P<rel>hiện)(?!\w)(?!\s+{alternation("hien_not_before")}(?!\w)))      # Hiện tỉnh có ...
      | (?P<bare_year>(?=\d)(?<!\d[\s\u00a0]*|[-–]\s*)(?P<y>{YEAR})            # Hội chợ ... Đà Nẵng 2025
            (?![\w/]|[.,]\d|[\s\u00a0]*\d|\s*[-–]\s*\d))
    )
    """, FLAGS)

DIGIT_START = rf"(?:\d\d?(?!\d)(?=\s*[/\-–—]|\s*(?i:{'|'.join(VOCAB['range_joiners'])})|\s+(?i:tháng))|(?:19|20)\d\d(?!\d))"
"""Where a date that opens with a digit can start: a day or month before `/`, `-` or a range's joiner, a
number of months (`6 tháng`), or a year; not a count (`36 sản phẩm`), which is most digits."""
STARTS = scan.starts_before([w.split()[0] for w in FIRST_WORDS], first_chars="(", not_after="/.,:",
                            first_patterns=[DIGIT_START], word_end=scan.WORD_CHARACTERS)
"""Where PATTERN can start (see scan.py): what its opening look-behind and quick test allow."""


COMPARED_BEFORE = regex.compile(r"(?:\d(?:[.,]\d+)?\s+lần|(?<![\p{L}\p{M}])so với\s+(?:thời điểm|lúc)(?:\s+[\p{L}\p{M}]+){0,3}"
                                r"\s*\(?)\s*$", regex.IGNORECASE)
"""A multiple before a date measures against it: `gấp 2,3 lần năm 2021` is the base (not `Lần đầu năm 2023`),
and so does a moment compared with that the date is of: `So với thời điểm sáp nhập (1/7/2025), …`."""


def match(text: str) -> list[Match]:
    """Every date expression in `text`, sorted by start, not overlapping.

    >>> [(m.text, m.value["relation"]) for m in match("tăng gấp 2,3 lần năm 2021; lần đầu năm 2023")]
    [('năm 2021', 'compared'), ('năm 2023', None)]
    >>> [(m.text, m.value["relation"]) for m in match("So với thời điểm sáp nhập (1/7/2025), số sản phẩm tăng")]
    [('(1/7/2025)', 'compared')]
    """
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
            if not m.group("lead") and COMPARED_BEFORE.search(clean, max(0, start - 50), start):
                value["relation"] = "compared"
            found.append(Match("date", start, end, clean[start:end], f"dates.{rule_name}", value))
    return back_to(text, where, _listed_days(clean, found))


_LISTED_DAY = regex.compile(r"(?<![\w/.,:-])(?P<d>0?[1-9]|[12]\d|3[01])\s*(?:,|và|hoặc)\s*$", regex.IGNORECASE)


_DAY_WORD_BEFORE = regex.compile(rf"(?<!\w){alternation('day_words')}\s+$", regex.IGNORECASE)


def _listed_days(text: str, found: list[Match]) -> list[Match]:
    """The days listed before a day of a month (`ngày 10 và 11/6`, `các ngày 25, 26 và 27/6`): each a date of
    that month.

    >>> [m.value["value"] for m in match("Trong 2 ngày 10 và 11/6, tỉnh tổ chức hội chợ")]
    ['XXXX-06-10', 'XXXX-06-11']
    """
    out = []
    for m in found:
        if m.rule == "dates.day" and not m.value.get("interval") and (m.value.get("value") or "")[-3:-2] == "-":
            at, days = m.start, []
            while (d := _LISTED_DAY.search(text, max(0, at - 12), at)) is not None:
                days.insert(0, d)
                at = d.start()
            if not days or not _DAY_WORD_BEFORE.search(text, max(0, days[0].start() - 12), days[0].start()):
                days = []       # ('Có 3 và 11/6': a day's list opens with 'ngày')
            for d in days:
                value = dict(m.value, value=m.value["value"][:-2] + f"{int(d.group('d')):02d}")
                out.append(Match("date", d.start("d"), d.end("d"), d.group("d"), "dates.listed_day", value))
        out.append(m)
    return out


RELATIVE_YEAR_SHIFT = {"this_year": 0, "last_year": -1, "next_year": 1}
PAST_YEAR_IS_THIS_FROM = 11   # 'năm qua' in an article of November or December is the year ending (a review)


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
    >>> [resolve(m.value, datetime.date(2025, 1, 8)) for m in match("Trong tháng trước, tháng qua")]
    ['2024-12', '2024-12']
    >>> [resolve(match("Trong năm qua")[0].value, p) for p in (d, datetime.date(2024, 12, 20))]
    ['2024', '2024']
    >>> resolve(match("năm nay")[0].value, None) is None
    True
    >>> resolve(match("từ ngày 30/12 đến ngày 3/1")[0].value, None, 2024)
    '2024-12-30/2025-01-03'
    >>> resolve(match("từ ngày 12/9 đến hết ngày 15/9")[0].value, None, 2024)
    '2024-09-12/2024-09-15'
    """
    relative, edtf = value.get("relative"), value.get("value")
    if relative:
        if published is None:
            return None
        if relative in ("now", "today"):
            return published.isoformat()
        if relative == "this_month":
            return f"{published.year}-{published.month:02d}"
        if relative == "last_month":
            y, mo = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
            return f"{y}-{mo:02d}"
        year = published.year + (RELATIVE_YEAR_SHIFT[relative] if relative != "past_year"
                                 else -1 if published.month < PAST_YEAR_IS_THIS_FROM else 0)
        return (edtf or "XXXX").replace("XXXX", str(year))
    if edtf is None:
        return None
    if year is None:
        return edtf
    if len(edtf) == 21 and edtf.count("XXXX") == 2 and edtf[5:10] > edtf[16:21]:     # two days, no year
        return f"{year}{edtf[4:11]}{year + 1}{edtf[15:]}"     # '30/12 đến 3/1': into the next year
    return edtf.replace("XXXX", str(year))
