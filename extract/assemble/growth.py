"""A growth told from where it started to where it is (`tăng từ 18 sản phẩm năm 2019 lên 372 sản phẩm`):
two stocks, not additions. The start is a total at its own date; the end is a total at its own date, or
now: the date of the start (between `từ` and `lên`) times the start only, and is no date the sentences
after it take.

>>> t = "Số sản phẩm OCOP tăng từ 18 sản phẩm (năm 2019) lên 372 sản phẩm."
>>> [t[a:b] for a, b in spans(t, 0, len(t))]
['từ 18 sản phẩm (năm 2019) lên']
>>> role(t, 0, len(t), t.index("18")), role(t, 0, len(t), t.index("372"))
('from', 'to')
>>> bool(FROM.search("Số sản phẩm OCOP tăng từ ")), bool(FROM.search(" Từ ")), bool(FROM.search("có thêm từ "))
(True, True, False)
>>> t = "Huyện có 68 sản phẩm OCOP, tăng từ 51 sản phẩm năm 2021."
>>> [t[a:b] for a, b in spans(t, 0, len(t))], role(t, 0, len(t), t.index("51"))
(['từ 51 sản phẩm năm 2021'], 'from')
>>> t = "nâng tổng số sản phẩm lên 372 sản phẩm"
>>> role(t, 0, len(t), t.index("372")) is None
True
>>> t = "nâng hạng từ 3 sao lên 4 sao; công nhận đạt từ 3 sao trở lên 45 sản phẩm"
>>> spans(t, 0, len(t))
[]
"""
from __future__ import annotations

import regex

_LETTER = r"[\p{L}\p{M}]"
_VERB = r"(?:tăng|nâng|phát triển)"
_UP = r"(?:lên|tăng lên|lên tới|lên đến)"
FROM = regex.compile(rf"(?:^\s*|[,;:]\s*|(?<!{_LETTER}){_VERB}\s+)từ\s*$", regex.IGNORECASE)
"""Right before the starting number: `Từ 38 sản phẩm …`, `…, từ 38 …`, `tăng từ 18 …`."""
_SPAN = (rf"(?<!{_LETTER})từ\s+(?:khoảng\s+|hơn\s+)?\d[\d.,]*(?![\d.,]*\s*(?:sao|\*))"   # not 'từ 3 sao lên 4 sao'
         rf"[^,;.!?]*?(?<!trở\s)(?<!{_LETTER}){_UP}(?!{_LETTER})")                      # nor '3 sao trở lên'

_SPANS = regex.compile(_SPAN, regex.IGNORECASE)
_OPEN_SPANS = regex.compile(rf"(?<!{_LETTER})(?<=tăng\s+)từ\s+(?:khoảng\s+|hơn\s+)?\d[\d.,]*(?![\d.,]*\s*(?:sao|\*|%|[-–]))"
                            r"[^,;.!?()]*", regex.IGNORECASE)
"""A growth told from its start only, to the clause's end (`có 68 sản phẩm, tăng từ 51 sản phẩm năm 2021`)."""
OPEN_FROM = regex.compile(rf"(?<!{_LETTER})tăng\s+từ\s*$", regex.IGNORECASE)
_QUALIFIER = regex.compile(r"\s*(?:(?:khoảng|hơn|gần)\s+)?", regex.IGNORECASE)
_START = regex.compile(r"từ\s+(?:(?:khoảng|hơn|gần)\s+)?", regex.IGNORECASE)


def spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each stretch from a growth's `từ` to its `lên` in text[start:end], or to its clause's end when it
    says no `lên` (`…, tăng từ 51 sản phẩm năm 2021`)."""
    closed = [m.span() for m in _SPANS.finditer(text, start, end)]
    return closed + [m.span() for m in _OPEN_SPANS.finditer(text, start, end)
                     if not any(a <= m.start() < b for a, b in closed)]


def start_dates(text: str, start: int, end: int, dates: list, of=None) -> tuple[set[tuple[int, int]], list]:
    """The dates of `dates` inside a growth's start (`từ 18 sản phẩm (năm 2019) lên …`), as (start, end), but
    for those of the start the number `of` is; and those, in order (`có 47 sản phẩm, tăng từ 36 sản phẩm năm
    2022`: the 36's own date)."""
    found = spans(text, start, end)
    own = [(a, b) for a, b in found if of is not None and a < of.start < b]
    inside = lambda d, stretches: any(a < d.start and d.end <= b for a, b in stretches)     # noqa: E731
    return ({(d.start, d.end) for d in dates if inside(d, [s for s in found if s not in own])},
            [d for d in dates if inside(d, own)])


def role(text: str, start: int, end: int, at: int) -> str | None:
    """"from" when the number at `at` is where a growth in text[start:end] started, "to" where it got."""
    for a, b in spans(text, start, end):
        if a < at and _START.fullmatch(text, a, at):
            return "from"
        if b <= at and _QUALIFIER.fullmatch(text, b, at):
            return "to"
    return None


def start_class(text: str, info, n, done: list):
    """The class the growth's start took, for where it got (`Sản phẩm 4 sao của tỉnh tăng từ 40 lên 73 sản
    phẩm`: both of 4 stars); None when `n` is no growth's end right after its start."""
    if not done or done[-1].star_match is None or role(text, info.start, info.end, n.start) != "to" \
            or role(text, info.start, info.end, done[-1].number.start) != "from":
        return None
    return done[-1].star_match
