"""Lists of years: the counts of a list of years, in one sentence or a sentence a year, read by what the
list's first or last item says (`Năm 2019 có 45 sản phẩm, năm 2020 có 60 … được công nhận`; `Năm 2019, tỉnh
công nhận 41 sản phẩm. Năm 2020 có 56 sản phẩm đạt chuẩn.`)."""
from __future__ import annotations

import regex

from .. import basis
from .analysis import SentenceInfo
from .parts import Figure, read_as_added

_YEAR = regex.compile(r"\d{4}")
_ITEM_END = regex.compile(r"(?:\s+OCOP)?\s*(?:,|;|và)\s")
_PREDICATE_AFTER = {"kind.recognized_in_period", "kind.recognized", "kind.event_after", "kind.just_rated"}


def share_year_predicate(text: str, done: list[Figure]) -> None:
    """Items of one list, a year or a place each, take the predicate said once after the last (`Năm 2019 có
    45 sản phẩm, năm 2020 có 60 sản phẩm, năm 2021 có 85 sản phẩm được công nhận`; `Riêng tỉnh Đồng Nai có 60
    sản phẩm, tỉnh Bình Phước có 45 sản phẩm được công nhận mới`): each counts what was recognized, as the
    last does, in its year or in its place at the last's time. An item is one when its count noun ends it
    (a comma or `và` right after)."""
    items = [f for f in done if f.parent is None and f.unit == done[-1].unit]
    last = items[-1] if items else None
    if last is None or len(items) < 2:
        return
    if last.fields["kind"] != "added" or not _PREDICATE_AFTER & set(last.fields["rules"]):
        _share_first_predicate(text, items)
        return
    earlier = items[:-1]
    if any("kind.default_total" not in f.fields["rules"] or not _ITEM_END.match(text, f.end) for f in earlier):
        return
    by_year = all("time.stated" in f.fields["rules"] and _YEAR.fullmatch(f.fields["as_of"] or "") for f in earlier)
    by_place = all("scope.stated" in f.fields["rules"] and f.fields["scope"] != last.fields["scope"]
                   and f.fields["as_of"] == last.fields["as_of"] for f in earlier) \
        and "scope.stated" in last.fields["rules"]
    if not (by_year or by_place):
        return
    for f in earlier:
        read_as_added(f, "kind.list_shares_predicate", period=f.fields["as_of"] if by_year else last.fields["period"])


def year_after_year(text: str, info: SentenceInfo, done: list[Figure], wholes: list[Figure]) -> None:
    """A sentence that opens with its year and gives one count for want of a verb, after a sentence that gave
    one addition of another year (`Năm 2019, tỉnh công nhận 41 sản phẩm. Năm 2020 có 56 sản phẩm đạt chuẩn.
    Năm 2021 là 65 sản phẩm.`): the next year of the list, what it recognized, with its parts; not a count
    many times the year's before (`… 41 sản phẩm được gắn sao. Năm 2023, toàn tỉnh có 320`), a stock."""
    tops = [f for f in done if f.parent is None]
    if len(tops) != 1 or not info.dates or info.dates[0].start - info.start > 2 or info.places:
        return      # (a place of its own, 'Năm 2023, toàn tỉnh có 320 sản phẩm', is a stock's subject)
    f = tops[0]
    prev = [w for w in wholes if w.unit == f.unit]      # (one addition, or its classes: '… 33 sản phẩm 3 sao và 8 …')
    year = f.fields["as_of"] or ""
    if not prev or "kind.default_total" not in f.fields["rules"] or "time.stated" not in f.fields["rules"] \
            or not _YEAR.fullmatch(year) or any(w.fields["kind"] != "added" for w in prev) \
            or len({w.fields["period"] for w in prev}) != 1 \
            or not _YEAR.fullmatch(prev[0].fields["period"] or "") or prev[0].fields["period"] == year \
            or not isinstance(f.fields["value"], int) or not all(isinstance(w.fields["value"], int) for w in prev) \
            or f.fields["value"] > 3 * sum(w.fields["value"] for w in prev) \
            or not (_PREDICATE_AFTER & set(prev[0].fields["rules"]) or "kind.years_listed" in prev[0].fields["rules"]
                    or any(r.startswith("kind.added_cue:") for r in prev[0].fields["rules"])):
        return
    for g in [f] + [g for g in done if g.parent is f and g.fields["kind"] == "total"]:
        read_as_added(g, "kind.years_listed", period=year)


_LEAD_SAYS_ADDED = regex.compile(r"(?<![\p{L}\p{M}])(?:được\s+)?(?:công nhận|chứng nhận|đạt chuẩn|gắn sao)(?![\p{L}\p{M}])"
                              r"[^\d:;.]{0,40}:\s*$", regex.IGNORECASE)
"""A list's lead in its sentence that says its items were recognized (`Số sản phẩm được công nhận qua từng
năm: năm 2019 có 3 sản phẩm, …`)."""


def _share_lead(text: str, items: list[Figure]) -> bool:
    """Items of a list of years after a lead in their sentence that says they were recognized: each what its
    year added."""
    start = items[0].fields["evidence"]["sentence_start"]
    colon = text.rfind(":", start, items[0].number.start)
    run = []        # (the items up to one said otherwise: '…; 5 tháng đầu năm 2023 có thêm 5 sản phẩm')
    for f in items:
        if "kind.default_total" not in f.fields["rules"] or "time.stated" not in f.fields["rules"] \
                or not _YEAR.fullmatch(f.fields["as_of"] or ""):
            break
        run.append(f)
    if colon < 0 or len(run) < 2 or not _LEAD_SAYS_ADDED.search(text, start, colon + 1) \
            or any(c.isdigit() for c in text[start:colon]) or len({f.fields["as_of"] for f in run}) < len(run):
        return False
    items = run
    for f in items:
        read_as_added(f, "kind.list_lead_says_added", period=f.fields["as_of"])
    return True


def _share_first_predicate(text: str, items: list[Figure]) -> None:
    """Items of a list of years after the first, said without the predicate the first takes, after it or
    before it (`Năm 2020 tỉnh có 21 sản phẩm được công nhận, năm 2021 có 30 sản phẩm, năm 2022 có 38 sản phẩm
    OCOP`; `Năm 2019, tỉnh công nhận 27 sản phẩm; năm 2020 có 46 sản phẩm`): each counts what its year
    recognized, as the first does."""
    first, later = items[0], items[1:]
    if _share_lead(text, items) or _share_first_stock(text, first, later):
        return
    said = _PREDICATE_AFTER & set(first.fields["rules"]) or any(r.startswith("kind.added_cue:") for r in first.fields["rules"])
    if first.fields["kind"] != "added" or not said or not _YEAR.fullmatch(first.fields["as_of"] or ""):
        return
    if any("kind.default_total" not in f.fields["rules"] or "time.stated" not in f.fields["rules"]
           or not _YEAR.fullmatch(f.fields["as_of"] or "") for f in later) \
            or any(not _ITEM_END.match(text, f.end) for f in later[:-1]) \
            or len({f.fields["as_of"] for f in items}) < len(items):
        return      # (a year apiece: 'Năm 2023, tỉnh có 52 sản phẩm được công nhận, lũy kế … có 318' is no list)
    for f in later:
        read_as_added(f, "kind.list_shares_predicate", period=f.fields["as_of"])


def _share_first_stock(text: str, first: Figure, later: list[Figure]) -> bool:
    """Items of a list of years after a first that is a stock in its year (`Năm 2020, huyện có 9 sản phẩm OCOP;
    năm 2021 là 15 sản phẩm; năm 2022 là 21 sản phẩm`), each read as its year's rating for want of a verb:
    each is the stock of its year, as the first is. Whether they were."""
    years = [f.fields["as_of"] or "" for f in [first, *later]]
    if "kind.default_total" not in first.fields["rules"] or "time.stated" not in first.fields["rules"] \
            or not all(_YEAR.fullmatch(y) for y in years) or len(set(years)) < len(years) \
            or any("kind.rated_during" not in f.fields["rules"] or "time.stated" not in f.fields["rules"] for f in later) \
            or any(not _ITEM_END.match(text, f.end) for f in [first, *later[:-1]]):
        return False
    for f in later:
        f.fields.update(kind="total", period=None)
        f.fields["rules"] = [r for r in f.fields["rules"] if r != "kind.rated_during"] + ["kind.list_shares_stock"]
        f.fields["kind_basis"] = basis.kind_basis(f.fields["rules"])
    return True
