"""When: the date and time a count is about, from its clause, its sentence, the sentences before it, and
the article as a whole — in that order, as a reader does (where: `scope.py`; whose: `whose.py`)."""
from __future__ import annotations

from datetime import timedelta

import regex

from ..gazetteer.data import REFORM_DATE
from ..gazetteer.resolve import on_new_map
from ..matchers import Match
from . import cues, growth
from .analysis import SentenceInfo
from .context import ArticleContext

YEAR_END_NEWS = (1, 15)   # (month, day) up to which an undated addition belongs to the year before
_JOIN_DATES = regex.compile(r"^\s*(?:và|,|-|–)\s*$")
_BRACKET_BEFORE_DATE = regex.compile(r"[^()\d;.]{0,60}\(\s*")   # '130 sản phẩm OCOP còn hiệu lực (tính đến tháng 2/2024)'


_PROGRAMME_BEFORE = regex.compile(rf"(?:{cues.longest_first(cues.words('programme_words'))})[^,;.]{{0,60}}$",
                                  regex.IGNORECASE)


def programme_period(d: Match, text: str) -> bool:
    """A span of years after a programme's name (`Chương trình OCOP giai đoạn 2018 - 2020`, `Sau 5 năm thực
    hiện Chương trình OCOP (2019 - 2024)`) names the programme: it does not time a figure that another date
    times, and what the programme has recognized over it is its stock at its end."""
    return bool(d.value.get("interval")) and d.value.get("precision") == "year" \
        and bool(_PROGRAMME_BEFORE.search(text, max(0, d.start - 80), d.start))


def whole_programme(d: Match, text: str) -> bool:
    """A span of years named as the programme's, or one from its first year (`Giai đoạn 2019 - 2024, tỉnh đã
    có 330 sản phẩm OCOP được công nhận`): what was recognized over it is the stock at its end."""
    return programme_period(d, text) or bool(d.value.get("interval")) and d.value.get("precision") == "year" \
        and (d.value.get("value") or "")[:4] in _FIRST_YEARS


_FIRST_YEARS = set(cues.words("programme_first_years"))


def _same_shape(a: Match, b: Match) -> bool:
    """Two dates of one list (`năm 2019, 2020, 2021`): the same precision, neither relative (`năm 2019, đến
    nay` is no list)."""
    return a.value.get("precision") == b.value.get("precision") and not a.value.get("relative") \
        and not b.value.get("relative")


_OWN_YEAR_GAP = regex.compile(r"\s+(?:sản phẩm|SP)(?:\s+OCOP)?\s*\(?\s*(?:(?:trong|vào)\s+)?", regex.IGNORECASE)
"""Between a count and the year right after its noun (`18 sản phẩm năm 2020`, `18 sản phẩm (2020)`)."""
_COUNT_BEFORE_YEAR = regex.compile(r"\d[\d.,]*\s+(?:sản phẩm|SP)(?:\s+OCOP)?\s*\(?\s*(?:(?:trong|vào)\s+)?$", regex.IGNORECASE)


def date_for(info: SentenceInfo, n: Match, clause_end: int, next_figure: int | None = None
             ) -> tuple[Match | None, Match | None]:
    """The date that times the figure (nearest before it in the sentence, else after it in its clause and
    before its breakdown, `next_figure`: `250 sản phẩm, trong đó 50 sản phẩm mới được công nhận năm 2024`
    times the 50; `công nhận 12 sản phẩm … và 73 sản phẩm … năm 2019` times both),
    and the date joined to it (`năm 2021 và 2022`) when there is one. The base of a comparison (`tăng 128
    sản phẩm so với năm 2019`) times no figure, nor does a target's date after it (`có 175 sản phẩm OCOP,
    phấn đấu đến năm 2025 có 250`)."""
    bound = info.end if next_figure is None else next_figure
    dates = [d for d in info.dates if d.value.get("relation") != "compared"]
    starts, own = growth.start_dates(info.sentence.doc_text, info.start, info.end, dates, of=n)   # '… từ 18 (năm 2019) lên'
    before = [d for d in dates if d.end <= n.start and d.value.get("relation") != "since"
              and (d.start, d.end) not in starts]
    if len(before) > 1 and programme_period(before[-1], info.sentence.doc_text):
        before = before[:-1]    # 'đợt … năm 2019, Hội đồng … Chương trình OCOP giai đoạn 2018 - 2020 … 85 sản phẩm'
    own = [d for d in own if n.end <= d.start]
    if own:
        return own[0], None     # 'hiện có 47 sản phẩm, tăng từ 36 sản phẩm năm 2022': the start's own date
    set_for = next((d for d in dates if n.end <= d.start and _SET_FOR.fullmatch(info.sentence.doc_text, n.end, d.start)), None)
    if set_for is not None:
        return set_for, None    # '…, vượt mục tiêu 10.000 sản phẩm đặt ra cho cả giai đoạn 2021 – 2025': the aim's
    dates = [d for d in dates if (d.start, d.end) not in starts or d.end <= n.start]
    after = [d for d in dates if n.end <= d.start < min(clause_end, bound)
             and cues.target(info.sentence.doc_text[n.end:d.start]) is None] or \
        [d for d in dates if n.end <= d.start and _BRACKET_BEFORE_DATE.fullmatch(info.sentence.doc_text, n.end, d.start)] or \
        [d for d in dates if n.end <= d.start < bound and d.value.get("relation") is None
         and d.value.get("precision") == "year"     # '… công nhận 44 sản phẩm (…) năm 2022, trong đó …'
         and ";" not in info.sentence.doc_text[n.end:d.start]     # (not another clause's: '…; năm 2021, …')
         and cues.target(info.sentence.doc_text[n.end:d.start]) is None]    # (nor an aim's: '…, mục tiêu năm 2025 …')
    text = info.sentence.doc_text
    year = next((d for d in dates if n.end <= d.start < bound and _OWN_YEAR_GAP.fullmatch(text, n.end, d.start)
                 and d.value.get("precision") == "year"), None)
    if before and year is not None \
            and _COUNT_BEFORE_YEAR.search(text, max(info.start, before[-1].start - 30), before[-1].start):
        before = [year]     # '11 sản phẩm năm 2019, 18 sản phẩm năm 2020': each its own year, not the item's before
    if before and before[-1].value.get("relative") == "now" and own_event_after_semicolon(text, before[-1].end, n):
        before = before[:-1]    # '… hiện sở hữu 3 sản phẩm; HTX Y có 2 sản phẩm được nâng hạng …': not now's stock
    since = [d for d in dates if d.end <= n.start and d.value.get("relation") == "since"]
    if before and after and before[-1].value.get("relative") == "now" \
            and cues.target(info.sentence.doc_text[before[-1].end:n.start]) is not None:
        before = []     # 'Hiện tỉnh có 130 sản phẩm, … để đạt mục tiêu 150 sản phẩm vào năm 2025': the aim's year
    d = before[-1] if before else (after[0] if after else (since[-1] if since else None))
    if d is not None and not before and after:
        i = info.dates.index(d)     # '44 sản phẩm … năm 2019, 2020, 2021': the list's last year, as before it
        while i + 1 < len(info.dates) and _JOIN_DATES.match(info.sentence.doc_text[info.dates[i].end:info.dates[i + 1].start]) \
                and _same_shape(info.dates[i], info.dates[i + 1]):
            i += 1
        d = info.dates[i]
    joined = None
    if d is not None:
        i = info.dates.index(d)
        if i > 0 and _JOIN_DATES.match(info.sentence.doc_text[info.dates[i - 1].end:d.start]):
            joined = info.dates[i - 1]
    return d, joined


_SET_FOR = regex.compile(r"\s*[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)?(?:\s+OCOP)?\s+(?:đề ra|đặt ra|được giao|giao)\s+"
                      r"(?:cho\s+)?(?:cả\s+)?", regex.IGNORECASE)
"""From a number to the period its target was set for (`10.000 sản phẩm đặt ra cho cả giai đoạn 2021 – 2025`)."""


def now_holds(text: str, at: int | None, n: Match, next_start: int, dates: list[Match]) -> bool:
    """Whether the sentence's now cue (at `at`) holds for the number `n`: for the figures after it, unless a
    clause after the cue's gives one of them a date of its own (`Toàn tỉnh hiện có 214 sản phẩm, năm 2022
    tỉnh công nhận 40 sản phẩm`: 40 is 2022's); and for the one before it in its clause (`có 120 sản phẩm
    đến nay`), not across a comma (`công nhận 52 sản phẩm, lũy kế có 301 sản phẩm`: 52 is the year's)."""
    if at is None:
        return False
    if at < n.start:
        if own_event_after_semicolon(text, at, n):
            return False    # '… hiện sở hữu 3 sản phẩm 4 sao; HTX Y có 2 sản phẩm được nâng hạng lên 4 sao'
        comma = cues.COMMA.search(text, at, n.start)
        return comma is None or not any(comma.end() <= d.start and d.end <= n.start and not d.value.get("relative")
                                        and d.value.get("relation") not in ("since", "until") for d in dates)
    return at < next_start and not cues.COMMA.search(text, n.end, at)


_OWN_EVENT = regex.compile(
    rf"\s*sản phẩm(?:\s+OCOP)?\s+(?:(?:vừa|mới|đã)\s+)?"
    rf"(?:{cues.longest_first(cues.words('kind', 'event_after') + cues.words('kind', 'added_after'))})(?![\p{{L}}\p{{M}}])",
    regex.IGNORECASE)


def own_event_after_semicolon(text: str, cue_end: int, n: Match) -> bool:
    """A semicolon between a now cue (ending at `cue_end`) and the number `n`, whose products the words right
    after it say something happened to (`2 sản phẩm được nâng hạng`): a clause of its own, no stock of now."""
    return ";" in text[cue_end:n.start] and _OWN_EVENT.match(text, n.end) is not None


def relation_of(d: Match | None, now_in_sentence: bool) -> str | None:
    if d is None:
        return "until_now" if now_in_sentence else None
    rel = d.value.get("relation")
    if d.value.get("relative") == "now" or rel == "since":
        return "until_now"
    if rel == "until" and d.rule == "dates.round_year":
        return "during"     # 'Đến đợt 1 năm 2023, UBND tỉnh tiếp tục công nhận 37 sản phẩm': that round's
    if rel == "until":
        return "until"
    if rel == "during" or (rel is None and d.value.get("precision") == "year") or d.value.get("interval"):
        return "during"
    return rel


def year_so_far(info: SentenceInfo, n: Match) -> bool:
    """The number's sentence counts from the start of a year, a month or a day before it (`Từ đầu năm đến nay,
    có 12 sản phẩm được công nhận`, `Từ đầu năm 2024, …`, `Từ ngày 1/7 đến nay, tỉnh đã công nhận 12 sản
    phẩm`): what it counts was added within that stretch, not held (not `từ năm 2019 đến nay`: the programme's
    whole span)."""
    return any(d.end <= n.start and d.value.get("relation") == "since" and (
        (d.rule == "dates.year_part" and (d.value.get("value") or "").endswith("-01~"))
        or d.value.get("precision") in ("day", "month")) for d in info.dates)     # 'Từ ngày 1/7 đến nay, …'


def _before_publication(value: str | None, ctx: ArticleContext) -> bool:
    return bool(value) and value[:4].isdigit() and ctx.published is not None and int(value[:4]) < ctx.published.year


def time_of(kind: str, d: Match | None, joined: Match | None, ctx: ArticleContext, now_in_sentence: bool,
            last_time: tuple | None, measured: bool = False) -> tuple[str | None, str | None, str | None, str]:
    """(as_of, period, time_basis, rule). `measured`: a target what was done is measured against (`vượt mục
    tiêu đề ra là 200`), whose year may be past."""
    if d is not None:
        if d.value.get("relative") == "now" or (d.value.get("relation") == "since"):
            as_of, basis = ctx.now()
            return as_of, None, basis, "time.now"
        v = ctx.date_value(d)
        if v is None:
            as_of, basis = ctx.now()
            return as_of, None, basis, "time.relative_unresolved"
        if joined is not None and ctx.date_value(joined):
            start = ctx.date_value(joined).split("/")[0]
            v = f"{start}/{v.split('/')[-1]}"
        if "/" in v:
            return v.split("/")[-1], v if kind != "total" else None, "stated", "time.interval"
        period = v if kind == "added" and d.value.get("precision") == "year" else None
        return v, period, "stated", "time.stated"
    if now_in_sentence:
        as_of, basis = ctx.now()
        return as_of, None, basis, "time.now_cue"
    if last_time is not None and not (kind == "target" and not measured and _before_publication(last_time[0], ctx)):
        return last_time[0], last_time[1], "context", "time.context"   # (a plan's year is never past)
    if kind == "added" and ctx.published and (ctx.published.month, ctx.published.day) <= YEAR_END_NEWS:
        # news of the first days of January reports the rounds of the year that just ended
        return f"{ctx.published.year - 1}-12~", None, "published", "time.article_news_year_end"
    if kind in ("total", "added"):
        # a stock with no date holds now; an addition with no date is the article's news (a round decided
        # when it was written): both take the article's time
        as_of, basis = ctx.now()
        return as_of, None, basis, ("time.article_now" if kind == "total" else "time.article_news") \
            if as_of else "time.none"
    return None, None, None, "time.none"


def undated(figures: list, ctx: ArticleContext, text: str) -> list:
    """`figures`, those no date of their own timed given the time their words say:

    - a target that nothing of the article timed (no year of its own, of its paragraph, its plan or its
      heading), the publication's year, as annotation.md reads a figure whose text says nothing of its time
      (`Theo kế hoạch, … tỉnh phấn đấu có 6 sản phẩm đạt 4 sao`, published in 2025);
    - in an article written after the 2025 reform, a stock its clause puts before the merger (`Trước sáp
      nhập, thị trấn Năm Căn có 9 sản phẩm OCOP`): the reform's eve."""
    for f in figures:
        if f.fields["kind"] == "target" and f.fields["as_of"] is None and ctx.published is not None:
            f.fields.update(as_of=str(ctx.published.year), time_basis="published")
            f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith("time.")] + ["time.article_year"]
        elif f.fields["kind"] == "total" and f.fields.get("time_basis") != "stated" and on_new_map(ctx.published) \
                and _BEFORE_REFORM.search(text, f.fields["evidence"]["sentence_start"], f.number.start):
            f.fields.update(as_of=(REFORM_DATE - timedelta(days=1)).isoformat(), period=None, time_basis="stated")
            f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith("time.")] + ["time.before_reform"]
    return figures


_BEFORE_REFORM = regex.compile(r"(?<![\p{L}\p{M}])(?:trước\s+(?:khi\s+|thời điểm\s+)?|tại thời điểm\s+)"
                               r"(?:sáp nhập|sắp xếp|hợp nhất)(?![\p{L}\p{M}])[^.;:]*$", regex.IGNORECASE)


_FOUNDING = regex.compile(rf"(?:{cues.longest_first(cues.words('kind', 'founding'))})(?![\p{{L}}\p{{M}}])[^,;:.()]{{0,20}}$",
                          regex.IGNORECASE)
_OF_PRODUCTS_NAMED = regex.compile(r"(?:(?<![\p{L}\p{M}])(?:các|những)\s+sản phẩm(?:\s+OCOP)?\s+|\(\s*)(?:đã\s+)?(?:được\s+)?"
                                r"(?:công nhận|chứng nhận)(?:\s+(?:từ|vào|trong))?\s*$", regex.IGNORECASE)
_LAPSED_AFTER = regex.compile(rf"\s*(?:(?:đã|đều|nay)\s+)*(?:{cues.longest_first(cues.words('metric', 'lapsed_cues'))})"
                           r"(?![\p{L}\p{M}])", regex.IGNORECASE)


def times_nothing(text: str, start: int, d: Match) -> bool:
    """A date in the sentence starting at `start` that times no figure after it: when a business began
    (`được thành lập năm 2016`, `khởi nghiệp từ năm 2018`), or which products, not when (`đánh giá lại các sản
    phẩm được công nhận năm 2020 đã hết hạn`, `41 sản phẩm được công nhận năm 2021 hết hạn`, `58 sản phẩm hết hạn
    (công nhận năm 2020)`)."""
    return bool(_FOUNDING.search(text, max(start, d.start - 50), d.start)
                or _OF_PRODUCTS_NAMED.search(text, max(start, d.start - 60), d.start)
                or _LAPSED_AFTER.match(text, d.end))
