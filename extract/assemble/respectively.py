"""`lần lượt`, `tương ứng` (respectively): a list of places or of star classes, then `lần lượt` and as many numbers,
each number the figure of the item in its place (`Hà Nội và TP.HCM lần lượt có 2.900 và 400 sản phẩm`,
`Số sản phẩm đạt 3 sao và 4 sao lần lượt là 11.300 và 2.600 sản phẩm`), or the places after `lần lượt là`
and the numbers after `với` (`Dẫn đầu lần lượt là Hà Nội, Quảng Ninh với 3.100 và 745 sản phẩm`).

>>> from ..matchers import numbers, places, stars
>>> t = "Hà Nội và TP.HCM lần lượt có 2.900 và 400 sản phẩm"
>>> [(t[n.start:n.end], item.value["name"]) for n, item in pairs(t, 0, len(t), places.match(t), [], numbers.match(t))]
[('2.900', 'Hà Nội'), ('400', 'Hồ Chí Minh')]
>>> t = "Số sản phẩm đạt 3 sao và 4 sao lần lượt là 11.300 và 2.600 sản phẩm"
>>> [(t[n.start:n.end], code) for n, code in pairs(t, 0, len(t), [], stars.match(t), numbers.match(t))]
[('11.300', '3'), ('2.600', '4')]
"""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues

_RESPECTIVELY = regex.compile(r"(?<![\p{L}\p{M}])(?:lần lượt|tương ứng)(?:\s+(?:là|có|đạt|chiếm|với))?\s*", regex.IGNORECASE)
_ITEM_JOIN = regex.compile(r"\s*(?:,|và|;)\s*")
WITH_NUMBERS = regex.compile(r"(?<![\p{L}\p{M}])(?:với|có)\s+(?=\d[\d.,]*(?:\s*,\s*\d[\d.,]*)*\s+và\s+\d)",
                          regex.IGNORECASE)
"""`với N và M`, `có N, M và P`: the numbers of a list of places the sentence opens with (after an opening
clause of its time at most), in order, `lần lượt` unsaid (`Hà Tĩnh và Quảng Trị có 146 và 181 sản phẩm`)."""
_PREDICATE = regex.compile(r"(?:[^\d;.:()]|\d\s*sao(?![\p{L}\p{M}])"
                           rf"|\d+\s+(?:{cues.longest_first(cues.words('parts', 'each_place_units'))})(?![\p{{L}}\p{{M}}]))*"
                           r"(?:\(\s*)?")
"""Between the items and `lần lượt`: what they share, no number nor clause of its own, a class aside
(`Các huyện A, B có nhiều sản phẩm OCOP nhất, lần lượt là …`, `… có số sản phẩm 4 sao tăng mạnh nhất, lần
lượt với …`), the count of the items themselves (`A, B và C là 3 địa phương dẫn đầu, lần lượt có …`), the
bracket the numbers are in (`… đã có sản phẩm OCOP 5 sao (lần lượt 1 và 2 sản phẩm)`)."""
_OPENING_CLAUSE = regex.compile(r"[^;:()\d]*(?:\d[^;:()]*)?,\s*")
"""What may stand before a list of places a sentence opens with: a clause set off by a comma (`Đến hết tháng
10/2024, Hà Nội, Thái Bình và Nam Định …`)."""
_SHORT = 60     # characters of what the items share
_NUMBER_JOIN = regex.compile(r"\s*(?:[\p{L}\p{M}]+\s+){0,2}?(?:,|và|;)\s*")


def said(sentence: str) -> bool:
    """The sentence may pair items with numbers in order (a quick test before `pairs`)."""
    return "lần lượt" in sentence or "tương ứng" in sentence or bool(WITH_NUMBERS.search(sentence))


def pairs(text: str, start: int, end: int, places: list[Match], stars: list[Match], numbers: list[Match],
          years: list[Match] = ()) -> list[tuple[Match, Match | str | tuple]]:
    """(number, place match or star code) for each number after `lần lượt` in the sentence starting at
    `start` (and ending at `end`), paired in order with the places or star classes listed right before it; [] when their counts
    differ."""
    m = _RESPECTIVELY.search(text, start, end)
    subject_only = m is None        # ('A và B là hai địa phương có nhiều sản phẩm nhất với 24 và 21 sản phẩm')
    m = m or WITH_NUMBERS.search(text, start, end)
    if m is None:
        return []
    after = [n for n in numbers if m.end() <= n.start < end]
    counted = after[:1]
    for n in after[1:]:
        if not _NUMBER_JOIN.fullmatch(text, counted[-1].end, n.start):
            break
        counted.append(n)
    listed = [p for p in places if start <= p.start and p.end <= m.start() and not p.value.get("generic")]
    run = listed[-1:]
    for p in reversed(listed[:-1]):
        if not _ITEM_JOIN.fullmatch(text, p.end, run[0].start):
            break
        run.insert(0, p)
    if len(run) >= 2 and len(run) == len(counted) and _shared(text, run[-1].end, m.start()) \
            and not (subject_only and text[start:run[0].start].strip()
                     and not _OPENING_CLAUSE.fullmatch(text, start, run[0].start)):
        return list(zip(counted, run))
    if subject_only:
        return []
    ahead = _run_ahead([p for p in places if m.end() <= p.start and counted and p.end <= counted[0].start], text)
    if len(ahead) >= 2 and len(ahead) == len(counted) and not text[m.end():ahead[0].start].strip() \
            and _WITH.fullmatch(text, ahead[-1].end, counted[0].start):
        return list(zip(counted, ahead))    # 'lần lượt là Hà Nội, Quảng Ninh và Thanh Hóa với 3.100, 745 và 710'
    classes = [s for s in stars if start <= s.start and s.end <= m.start()]
    codes = classes[-1].value["stars"] if classes and _shared(text, classes[-1].end, m.start()) else []
    if len(codes) >= 2 and len(codes) == len(counted):      # '3 sao và 4 sao' is one match of two classes
        return list(zip(counted, codes))
    listed_years = _run([d for d in years if start <= d.start and d.end <= m.start() and not d.value.get("interval")
                         and d.value.get("precision") == "year" and (d.value.get("value") or "")[:4].isdigit()], text)
    if len(listed_years) >= 2 and len(listed_years) == len(counted):    # 'Các năm 2020, 2021, 2022, … lần lượt là 6, 5 và 7'
        return [(n, ("year", d.value["value"][:4])) for n, d in zip(counted, listed_years)]
    # the numbers before, the classes after: '14 và 6 sản phẩm lần lượt đạt 3 sao và 4 sao'
    before = _run([n for n in numbers if start <= n.start and n.end <= m.start()], text, _NUMBER_JOIN)
    after_classes = [s for s in stars if m.end() <= s.start < end]
    codes = after_classes[0].value["stars"] if after_classes and not text[m.end():after_classes[0].start].strip() else []
    if len(before) >= 2 and len(codes) == len(before):
        return list(zip(before, codes))
    return []


_EACH = regex.compile(rf"\s*[:,(]?\s*(?:mỗi\s+(?:{cues.longest_first(cues.words('parts', 'each_place_units'))})|đều|cùng)"
                      r"(?:\s+[\p{Ll}\p{M}]+){0,3}\s+", regex.IGNORECASE)
"""From the last of a list of places to the number they each have: `… mỗi địa phương có `, `… đều có `, `…: mỗi đơn
vị `, `…, mỗi huyện `, `… (mỗi huyện `."""


def each_said(sentence: str) -> bool:
    """The sentence may give one number to each of a list (a quick test before `each_of`)."""
    return "mỗi" in sentence or "đều" in sentence or "cùng" in sentence


def each_of(text: str, start: int, places: list[Match], n: Match) -> list[Match]:
    """The places of a list that each have the number `n` (`Thành phố Chí Linh và huyện Thanh Hà mỗi địa
    phương có 7 sản phẩm`, `A, B và C đều có 5 sản phẩm`), in the sentence starting at `start`; [] when
    no such list has it.

    >>> from ..matchers import numbers, places
    >>> t = "Thành phố Chí Linh và huyện Thanh Hà mỗi địa phương có 7 sản phẩm"
    >>> [p.value["name"] for p in each_of(t, 0, places.match(t), numbers.match(t)[0])]
    ['Chí Linh', 'Thanh Hà']
    >>> t = "Huyện Gia Lâm mỗi xã có 2 sản phẩm"
    >>> each_of(t, 0, places.match(t), numbers.match(t)[0])
    []
    """
    listed = [p for p in places if start <= p.start and p.end <= n.start and not p.value.get("generic")]
    if not listed or not _EACH.fullmatch(text, listed[-1].end, n.start):
        return []
    run = _run(listed, text)
    return run if len(run) > 1 else []


def _shared(text: str, start: int, end: int) -> bool:
    return end - start <= _SHORT and bool(_PREDICATE.fullmatch(text, start, end))


_WITH = regex.compile(r"\s*(?:với|có)\s*", regex.IGNORECASE)


def _run_ahead(items: list[Match], text: str) -> list[Match]:
    """The first items of `items` joined one to the next by a list's joiner."""
    run = items[:1]
    for p in items[1:]:
        if not _ITEM_JOIN.fullmatch(text, run[-1].end, p.start):
            break
        run.append(p)
    return run


def _run(items: list[Match], text: str, join: regex.Pattern = None) -> list[Match]:
    """The last items of `items` joined one to the next by a list's joiner."""
    join = join or _ITEM_JOIN
    run = items[-1:]
    for p in reversed(items[:-1]):
        if not join.fullmatch(text, p.end, run[0].start):
            break
        run.insert(0, p)
    return run


def apply(fig, item: Match | str | None) -> None:
    """The figure `fig` (a parts.Figure) is the item's: its place, or its star class (for rated products)."""
    if item is None:
        return
    f = fig.fields
    if isinstance(item, tuple):     # a year: the figure's time
        f.update(as_of=item[1], period=item[1] if f["kind"] == "added" else None, time_basis="stated")
        f["rules"] = [r for r in f["rules"] if not r.startswith("time.")] + ["time.respectively"]
        return
    if isinstance(item, str):
        if f["metric"] != "ocop_products":
            return
        f["star"] = item
        f["rules"] = [r for r in f["rules"] if not r.startswith(("star.", "stars."))] + ["star.respectively"]
    else:
        f.update(scope=item.value["name"], scope_level=item.value["level"], scope_basis="stated")
        f["rules"] = [r for r in f["rules"] if not r.startswith("scope.")] + ["scope.respectively"]
