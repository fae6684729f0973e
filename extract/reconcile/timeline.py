"""Time on a line: EDTF values as closed intervals of days, overlap, and grouping into time points.

A date is the whole span it names: `2025` is every day of 2025, `2025-06` every day of June. An
approximate date (`~`, `%`) is widened by half its width, at least 15 days, so `giữa năm 2025`
(`2025-06~`) reaches into May and July:

>>> show(interval("2025"))
'2025-01-01..2025-12-31'
>>> show(interval("2025-06~"))
'2025-05-17..2025-07-15'
>>> show(interval("2025-33")), show(interval("2025-40"))
('2025-01-01..2025-03-31', '2025-01-01..2025-06-30')
>>> show(interval("2022-09-20/2022-12-21")), show(interval("2021/2025"))
('2022-09-20..2022-12-21', '2021-01-01..2025-12-31')
>>> interval("XXXX-06-16") is None, interval(None) is None
(True, True)

Mid-2025, June 2025 and 2025 all overlap; 2021 and 2022 do not:

>>> overlaps(interval("2025-06~"), interval("2025-06")), overlaps(interval("2025"), interval("2025-06~"))
(True, True)
>>> overlaps(interval("2021"), interval("2022"))
False
"""
from __future__ import annotations

import calendar
from functools import lru_cache
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")

OPEN_START = date(1900, 1, 1).toordinal()
OPEN_END = date(2999, 12, 31).toordinal()
MIN_WIDEN_DAYS = 15
"""An approximate date reaches at least this many days beyond the span it names."""

# EDTF level-2 "months" above 12: (first month, last month) of the span, in the same year
# (winter 24 runs into the next year: handled by letting the last month pass 12).
SUB_YEAR_SPANS: dict[int, tuple[int, int]] = {
    21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14),          # spring, summer, autumn, winter
    25: (3, 5), 26: (6, 8), 27: (9, 11), 28: (12, 14),          # the same, northern hemisphere
    29: (9, 11), 30: (12, 14), 31: (3, 5), 32: (6, 8),          # southern hemisphere
    33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),           # quarters
    37: (1, 4), 38: (5, 8), 39: (9, 12),                        # quadrimesters
    40: (1, 6), 41: (7, 12),                                    # semesters
}


@dataclass(frozen=True, order=True, slots=True)
class Interval:
    """Closed interval of days (proleptic Gregorian ordinals)."""

    lo: int
    hi: int

    @property
    def width(self) -> int:
        return self.hi - self.lo + 1

    def intersect(self, other: "Interval") -> "Interval | None":
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None


def _month_span(year: int, first: int, last: int) -> tuple[int, int]:
    y2, m2 = year + (last - 1) // 12, (last - 1) % 12 + 1
    return (date(year, first, 1).toordinal(),
            date(y2, m2, calendar.monthrange(y2, m2)[1]).toordinal())


def point_interval(point: str) -> Interval | None:
    """The days one EDTF point covers, or None when its year is unknown (`XXXX-06-16`).

    >>> show(point_interval("2023-04-07")), show(point_interval("202X"))
    ('2023-04-07..2023-04-07', '2020-01-01..2029-12-31')
    """
    qualifier = point[-1] if point and point[-1] in "~?%" else ""
    bits = point.rstrip("~?%").split("-")
    year_text = bits[0]
    if not year_text or year_text.startswith("X") or len(year_text) != 4:
        return None
    if "X" in year_text:                               # a decade or century: 202X, 19XX
        digits = year_text.rstrip("X")
        span = 10 ** (4 - len(digits))
        first = int(digits) * span
        lo, hi = date(first, 1, 1).toordinal(), date(first + span - 1, 12, 31).toordinal()
    else:
        year = int(year_text)
        month = bits[1] if len(bits) > 1 else "XX"
        day = bits[2] if len(bits) > 2 else "XX"
        if month == "XX":
            lo, hi = _month_span(year, 1, 12)
        elif int(month) > 12:
            lo, hi = _month_span(year, *SUB_YEAR_SPANS.get(int(month), (1, 12)))
        elif day == "XX":
            lo, hi = _month_span(year, int(month), int(month))
        else:
            lo = hi = date(year, int(month), int(day)).toordinal()
    if qualifier in "~%" and qualifier:
        widen = max(MIN_WIDEN_DAYS, (hi - lo + 1) // 2)
        lo, hi = lo - widen, hi + widen
    return Interval(lo, hi)


@lru_cache(maxsize=65536)
def interval(edtf: str | None) -> Interval | None:
    """The days an EDTF date or interval covers (`..` is open), or None when unknown."""
    if not edtf:
        return None
    if "/" not in edtf:
        return point_interval(edtf)
    start, _, end = edtf.partition("/")
    lo_iv = point_interval(start) if start and start != ".." else None
    hi_iv = point_interval(end) if end and end != ".." else None
    if lo_iv is None and hi_iv is None:
        return None
    lo = lo_iv.lo if lo_iv else OPEN_START
    hi = hi_iv.hi if hi_iv else OPEN_END
    return Interval(lo, hi) if lo <= hi else None


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    return a is not None and b is not None and a.lo <= b.hi and b.lo <= a.hi


FLOW_SLACK_DAYS = 31
"""A flow fits between two totals when it starts and ends within this many days of them."""


def flow_fits(before: Interval, flow: Interval, after: Interval) -> bool:
    """Additions over `flow` are what a total gained from `before` to `after`: the period starts where
    the earlier total stands and ends where the later one does.

    >>> flow_fits(interval("2021"), interval("2022"), interval("2022"))
    True
    >>> flow_fits(interval("2021"), interval("2022"), interval("2025"))
    False
    """
    return (before.lo < flow.lo <= before.hi + FLOW_SLACK_DAYS + 1
            and after.lo - FLOW_SLACK_DAYS - 1 <= flow.hi <= after.hi and before.hi < after.hi)


def iso(day: int) -> str:
    return date.fromordinal(day).isoformat()


def show(iv: Interval | None) -> str:
    return "unknown" if iv is None else f"{iso(iv.lo)}..{iso(iv.hi)}"


def year_of(day: int) -> int:
    return date.fromordinal(day).year


def group_overlapping(items: Sequence[T], span: Callable[[T], Interval]) -> list[list[T]]:
    """Group items into time points: sorted by span, an item joins the current group while it overlaps
    what all members share (their common days); otherwise it starts a new group. Wide spans cannot
    chain far-apart items together, since the shared days only shrink.

    >>> spans = {"2021": interval("2021"), "2022": interval("2022"), "2025": interval("2025"),
    ...          "mid-2025": interval("2025-06~"), "June 2025": interval("2025-06")}
    >>> [[k for k in g] for g in group_overlapping(list(spans), spans.get)]
    [['2021'], ['2022'], ['2025', 'mid-2025', 'June 2025']]
    """
    groups: list[list[T]] = []
    common: Interval | None = None
    for item in sorted(items, key=lambda it: (span(it).lo, span(it).hi)):
        iv = span(item)
        shared = common.intersect(iv) if common is not None else None
        if shared is None:
            groups.append([item])
            common = iv
        else:
            groups[-1].append(item)
            common = shared
    return groups


def group_equal(items: Iterable[T], span: Callable[[T], Interval]) -> list[list[T]]:
    """Group items whose spans are the same days (flows and targets: another period is another figure)."""
    out: dict[Interval, list[T]] = {}
    for item in items:
        out.setdefault(span(item), []).append(item)
    return [out[k] for k in sorted(out)]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def describe(edtf: str | None) -> str:
    """An EDTF value in words, for explanations.

    >>> describe("2025-06"), describe("2025-06~"), describe("2022"), describe("2021/2025"), describe(None)
    ('June 2025', 'about June 2025', '2022', '2021 to 2025', 'an unstated date')
    >>> describe("2022-12-31"), describe("2025-33")
    ('31 December 2022', 'Q1 2025')
    """
    if not edtf:
        return "an unstated date"
    if "/" in edtf:
        a, _, b = edtf.partition("/")
        if b in ("", ".."):
            return f"{describe(a)} or later"
        if a in ("", ".."):
            return f"{describe(b)} or earlier"
        return f"{describe(a)} to {describe(b)}"
    prefix = "about " if edtf[-1] in "~%" else ""
    suffix = "?" if edtf[-1] == "?" else ""
    bits = edtf.rstrip("~?%").split("-")
    if len(bits) == 1 or bits[1] == "XX":
        text = bits[0]
    else:
        m = int(bits[1])
        if m > 12:
            names = {33: "Q1", 34: "Q2", 35: "Q3", 36: "Q4", 40: "first half of", 41: "second half of"}
            text = f"{names.get(m, 'part of')} {bits[0]}"
        elif len(bits) == 3 and bits[2] != "XX":
            text = f"{int(bits[2])} {MONTHS[m - 1]} {bits[0]}"
        else:
            text = f"{MONTHS[m - 1]} {bits[0]}"
    return f"{prefix}{text}{suffix}"
