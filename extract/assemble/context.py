"""What a reader knows about the whole article: its own place (`article_place.py`), when it was written (the
publication date, or bounds inferred from the dates it reports), which paragraphs are plans, and how to read
dates without a year."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..matchers import Match, dates
from . import cues
from .analysis import SentenceInfo
from .article_place import settle_place

_YMD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def edtf_key(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of an EDTF value's end, for ordering; None without a known year.

    >>> edtf_key("2022-09-20/2022-12-21"), edtf_key("2025-06~"), edtf_key("XXXX-06-16")
    ((2022, 12, 21), (2025, 6, 0), None)
    """
    if not value:
        return None
    m = _YMD.match(value.split("/")[-1])
    if not m:
        return None
    y, mo, d = m.groups()
    mo = int(mo) if mo and int(mo) <= 12 else 0
    return int(y), mo, int(d or 0)


_SECTION = re.compile(r"\s*(?P<mark>[IVX]{1,4}\.|\d{1,2}\.)\s+(?P<title>[^.!?:;]{3,100})")
"""A numbered heading on a line of its own (`2. Mục tiêu năm 2024`, `II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024`)."""
_LIST_ITEM = re.compile(r"\s*(?:[-–•*+]|\d{1,2}[.)])\s")


def _introduces_plan(sentence: str) -> bool:
    """`Kế hoạch đề ra các mục tiêu cụ thể như: …`: a plan word before a colon that opens a list.

    >>> _introduces_plan("Theo đó, kế hoạch đề ra các mục tiêu cụ thể như: phát triển 30 sản phẩm")
    True
    >>> _introduces_plan("Kết quả như sau: 12 sản phẩm đạt 4 sao")
    False
    >>> _introduces_plan("Kết quả một số chỉ tiêu chủ yếu: huyện có 22 sản phẩm")     # (what was done, measured)
    False
    """
    colon = sentence.find(":")
    return colon > 0 and cues.has(sentence[:colon], "kind", "plan_intro") and cues.target(sentence[:colon]) is not None


def _year_stated(info: SentenceInfo, m: Match, rounds: bool = True) -> int | None:
    """The one year another date of the sentence states (a plain year, not a span), for a day without one;
    with `rounds` False, only a plain year of the sentence's own (not a round's, `đợt 3/2020` was decided in
    January 2021; not the base of a comparison, `so với cuối năm 2024`, nor the start or end of a span)."""
    years = {d.value["value"][:4] for d in info.dates if d is not m and not d.value.get("interval")
             and d.value.get("value") and d.value["value"][:4].isdigit()
             and (rounds or (d.rule != "dates.round_year" and d.value.get("precision") == "year"
                             and d.value.get("relation") in (None, "during")))}
    return int(years.pop()) if len(years) == 1 else None


def _part_year(info: SentenceInfo, m: Match, v: str, published) -> int | None:
    """The year of a part of a year with none stated (`cuối năm`: `XXXX-12~`) in a report published then:
    that year, or the year before when the part lies more than half a year after the publication and the
    sentence looks back (`Trong tháng cuối năm, UBND tỉnh đã công nhận 11 sản phẩm`, written on 3 January)."""
    if published is None:
        return None
    ahead = int(v[5:7]) - published.month if v[5:7].isdigit() else 0
    coming = _COMING.match(info.sentence.doc_text, m.end) is not None or cues.target(info.text) is not None
    return published.year - 1 if ahead > 6 and not coming else published.year


_TO_STATED = re.compile("|".join(dates.VOCAB["relative_to_stated"]), re.IGNORECASE)


def _counted_from_stated(info: SentenceInfo, m: Match, paragraph_year: int | None = None) -> str | None:
    """The year a relative word counts from a plain year its sentence states before it (`Năm 2023, tỉnh công
    nhận 50 sản phẩm, nhiều hơn năm trước 8 sản phẩm`: 2022), else its paragraph (`Năm 2022, tỉnh công nhận
    40 sản phẩm. Năm sau, tỉnh công nhận 50 sản phẩm`: 2023); None when it counts from the publication date."""
    shift = dates.RELATIVE_YEAR_SHIFT.get(m.value.get("relative"))
    if not shift or not _TO_STATED.search(m.text):
        return None
    before = [d for d in info.dates if d.end <= m.start and not d.value.get("relative") and not d.value.get("interval")
              and d.value.get("precision") == "year" and (d.value.get("value") or "")[:4].isdigit()]
    year = int(before[-1].value["value"][:4]) if before else paragraph_year
    return str(year + shift) if year else None


_AHEAD_BEFORE = re.compile(r"(?<![^\W\d_])(?:để|nhằm|sẽ|dự kiến|chuẩn bị)\s[^,;.()]*$", re.IGNORECASE)
"""Before a date in its clause: what is to come (`… được đề nghị hoàn thiện để tham gia đánh giá năm 2024`),
no date an article reports as past or present."""


def _latest_reported_year(infos: list[SentenceInfo], plan_sentences: set[int]) -> int | None:
    """When an article with no publication date was written: the year of the latest date it reports outside
    plans and what is to come."""
    latest = None
    for info in infos:
        if info.start in plan_sentences or is_plan_sentence(info):
            continue
        for m in info.dates:
            # a reported stretch of months or days counts ('6 tháng đầu năm 2024'); a span of years
            # ('giai đoạn 2021 - 2025') is more often a programme's name or plan than a report
            span_of_years = m.value.get("interval") and m.value.get("precision") == "year"
            ahead = bool(_AHEAD_BEFORE.search(info.sentence.doc_text, max(info.start, m.start - 50), m.start))
            k = edtf_key(m.value.get("value")) if not span_of_years and not ahead else None
            if k and (latest is None or k > latest):
                latest = k
    return latest[0] if latest else None


def is_plan_sentence(info: SentenceInfo) -> bool:
    return cues.target(info.text) is not None


@dataclass
class ArticleContext:
    published: date | None
    main_place: str | None = None
    main_level: str | None = None
    main_district: str | None = None    # the district the article names most, for 'trên địa bàn huyện'
    district_province: str | None = None   # the province of the article's district, when it names no province
    district_is_city: bool = False      # the article's district is named a city ('thành phố Thủy Nguyên')
    district_admins: dict = field(default_factory=dict)  # district -> the administrative words it is named with
    #                                                     ('thành phố' for Bảo Lộc in 'Thành phố Bảo Lộc')
    main_commune: str | None = None     # the commune (ward, town) the article names most, for 'Hiện xã có'
    district_article: bool = False      # the headline is about the article's district, not its province ('Mộc
    #                                     Châu có 36 sản phẩm OCOP'): a figure placed nowhere is the district's
    inferred_year: int | None = None
    plan_sentences: set[int] = field(default_factory=set)   # starts of sentences that list targets
    plan_dates: dict[int, Match] = field(default_factory=dict)   # a plan sentence's start -> its plan's year
    date_values: dict[tuple[int, int], str | None] = field(default_factory=dict)  # date span -> EDTF
    # a day whose year its sentence states otherwise than the publication date tells: the record says the
    # year is not certain (`XXXX-04-05`); the figures it times take the sentence's year
    uncertain_days: set[tuple[int, int]] = field(default_factory=set)

    def now(self) -> tuple[str | None, str | None]:
        """The article's 'now' as EDTF, and the time_basis it rests on."""
        if self.published:
            return self.published.isoformat(), "published"
        if self.inferred_year:
            return str(self.inferred_year), "inferred"
        return None, None

    def date_value(self, m: Match | None) -> str | None:
        return self.date_values.get((m.start, m.end)) if m is not None else None

    def date_record_value(self, m: Match) -> str | None:
        """The value of the date's own record: as it times figures, or with its year unknown (`XXXX-04-05`)
        when the sentence's year and the publication date disagree."""
        v = self.date_value(m)
        return "XXXX" + v[4:] if v and (m.start, m.end) in self.uncertain_days else v


UPCOMING_DAYS = 31
"""A day and month with no year up to this many days after the publication date is an upcoming event of
that year (`Sáng mai, ngày 5/3, …` written on 4 March); a later one is last year's."""


def _days_ahead(published: date, md: tuple, next_year: bool = False) -> int:
    """How many days after `published`, in its year (or the next), the month and day of `md` fall (large
    when invalid)."""
    try:
        return (date(published.year + next_year, md[1], md[2] or 1) - published).days
    except (ValueError, TypeError):
        return 10 ** 6


_JOINED = re.compile(r"\s*(?:và|hoặc|,|đến|-|–)\s*")


_QUARTER = re.compile(r"XXXX-3[3-6]")
_QUARTER_START = {"33": (2000, 1, 1), "34": (2000, 4, 1), "35": (2000, 7, 1), "36": (2000, 10, 1)}
"""A quarter with no year (`quý IV`) is placed by its first day, as a day and month are."""
_COMING = re.compile(r"\s+(?:tới|sắp tới|tới đây)(?!\w)|[^.;]{0,60}(?<!\w)(?:sẽ|dự kiến|chuẩn bị|sắp|cần|phải)(?!\w)", re.IGNORECASE)
"""A day or month still to come: `Tháng 10 tới`, `Ngày 15/8 tới`, `… sẽ diễn ra từ 5/1 đến 10/1`, `Trong 6 tháng
cuối năm, các tỉnh cần tổ chức …`."""


def _joined_year(info: SentenceInfo, m: Match) -> int | None:
    """The year of the date joined right after `m` (`tháng 11 và tháng 12/2024`, `ngày 30/11 và 1/12/2024`)."""
    nxt = next((d for d in info.dates if d.start >= m.end), None)
    if nxt is None or not _JOINED.fullmatch(info.text, m.end - info.start, nxt.start - info.start):
        return None
    y = (nxt.value.get("value") or "")[:4]
    return int(y) if y.isdigit() else None


def build_context(infos: list[SentenceInfo], published: date | None) -> ArticleContext:
    ctx = ArticleContext(published)
    settle_place(ctx, infos)
    # plans: from a sentence that opens with a plan word (or introduces a list of them) to its paragraph's end
    # ('Kế hoạch năm 2025:' on a line of its own: the list items on the lines after it are its paragraph's)
    plan_paragraph, heading, plan_date = None, False, None
    section, section_date = None, None      # the rank of a numbered heading of plans whose section goes on, its year
    for info in infos:
        if (numbered := _SECTION.fullmatch(info.text)) is not None:
            rank = "roman" if numbered.group("mark")[0] in "IVX" else "digit"
            if section is not None and (rank == section or rank == "roman"):
                section = None      # ('3. Nhiệm vụ, giải pháp' after '2. Mục tiêu năm 2024': the next section)
            if cues.pattern("kind", "plan_sections").match(numbered.group("title")):
                section = rank
                section_date = next((d for d in info.dates if d.value.get("precision") == "year"), None)
        if section is not None:
            ctx.plan_sentences.add(info.start)
            if section_date is not None:
                ctx.plan_dates[info.start] = section_date
            continue
        head = info.text[:40].lstrip("-–•* \"“‘'«")
        item = info.paragraph != plan_paragraph and heading and bool(_LIST_ITEM.match(info.text))
        if item:
            plan_paragraph = info.paragraph
        elif info.paragraph != plan_paragraph:
            heading = False
        if not item and (cues.pattern("kind", "plan_openers").match(head) or _introduces_plan(info.text)):
            plan_paragraph, heading = info.paragraph, info.text.rstrip().endswith(":")
            plan_date = next((d for d in info.dates if d.value.get("precision") == "year"), None)
        elif info.paragraph == plan_paragraph and (cues.pattern("kind", "plan_breakers").match(head) or any(
                d.value.get("relative") == "now" and all(d.end <= n.start for n in info.numbers)
                for d in info.dates)):
            plan_paragraph = None    # 'Tuy nhiên, đến nay mới có 15 sản phẩm được công nhận': a report again
        if info.paragraph == plan_paragraph:
            ctx.plan_sentences.add(info.start)
            if plan_date is not None:
                ctx.plan_dates[info.start] = plan_date
    if published is None:
        ctx.inferred_year = _latest_reported_year(infos, ctx.plan_sentences)
    # every date's full value: relative ones against the publication date, a missing year from the
    # latest full date before it when the day comes after that date in the same year
    last_full = None
    paragraph, paragraph_year, stated_year = None, None, None
    for info in infos:
        if info.paragraph != paragraph:
            paragraph, paragraph_year, stated_year = info.paragraph, None, None
        for m in info.dates:
            year = None
            v = m.value.get("value")
            if v and v.startswith("XXXX") and v.endswith("~") and len(v) <= 8 and not m.value.get("relative"):
                # 'cuối năm', 'giữa năm' with no year ('cuối tháng 12' is a day's, below): the year its sentence
                # states, else this year, known only from the publication date
                part_year = _year_stated(info, m, rounds=False) or _part_year(info, m, v, published)
                ctx.date_values[(m.start, m.end)] = f"{part_year}{v[4:]}" if part_year else None
                continue
            if published is None and v and v.startswith("XXXX"):
                md = edtf_key("2000" + v[4:].split("/")[0])
                if last_full and md and (md[1], md[2]) >= (last_full[1], last_full[2]):
                    year = last_full[0]
                else:
                    # no full date before it: 'Ngày 4/3, UBND tỉnh công nhận 40 sản phẩm OCOP năm 2024' takes
                    # the one year its sentence states, else the year its paragraph stated before it
                    year = _year_stated(info, m) or paragraph_year
            elif published is not None and v and v.startswith("XXXX"):
                # (a stretch of months is placed by its end: '6 tháng đầu năm' reported in February is last year's;
                # one of days by its start: 'từ ngày 30/12 đến ngày 3/1' written on 3 January began last year)
                months = m.value.get("interval") and m.value.get("precision") == "month"
                md = _QUARTER_START.get(v[5:7]) if _QUARTER.fullmatch(v) else \
                    edtf_key("2000" + v.split("/")[-1 if months else 0][4:])
                ahead = _days_ahead(published, md) if md else 10 ** 6
                coming = _COMING.match(info.sentence.doc_text, m.end) is not None or cues.target(info.text) is not None
                year = published.year if md and ((md[1], md[2]) <= (published.month, published.day)
                                                 or ahead <= UPCOMING_DAYS or (ahead < 366 and coming)) \
                    else published.year - 1
                if md and coming and 0 < _days_ahead(published, md, next_year=True) <= UPCOMING_DAYS:
                    year = published.year + 1      # 'sẽ diễn ra từ 5/1 đến 10/1', written on 20 December
                stated = _year_stated(info, m, rounds=False)
                if stated is not None and stated != year and not m.value.get("relative"):
                    # 'Chiều ngày 05/4, … sản phẩm OCOP năm 2023' (annotation.md): the sentence's year
                    year = stated
                    ctx.uncertain_days.add((m.start, m.end))
            if v and v.startswith("XXXX") and not m.value.get("relative"):
                year = _joined_year(info, m) or year     # 'tháng 11 và tháng 12/2024': the year they share
            present = published or (date(ctx.inferred_year, 12, 31) if ctx.inferred_year and m.value.get("relative")
                                    and m.value.get("precision") == "year" else None)
            # ('Năm ngoái, tỉnh công nhận 68 sản phẩm' in an undated article whose present is June 2024: 2023)
            ctx.date_values[(m.start, m.end)] = dates.resolve(m.value, present, year)
            if (counted := _counted_from_stated(info, m, stated_year)) is not None:
                ctx.date_values[(m.start, m.end)] = counted     # 'Năm 2023, …, nhiều hơn năm trước 8 sản phẩm'
            if not m.value.get("relative") and not m.value.get("interval") and m.value.get("precision") == "year" \
                    and (v or "")[:4].isdigit():
                stated_year = int(v[:4])        # (the paragraph's last plain year, for 'Năm sau, …')
            if published is None and v and m.value.get("precision") == "year" and not m.value.get("interval") \
                    and m.value.get("relation") in (None, "during") and not is_plan_sentence(info):
                # (read only where there is no publication date to time a day by)
                stated = ctx.date_values[(m.start, m.end)]
                paragraph_year = int(stated[:4]) if stated and stated[:4].isdigit() else paragraph_year
            k = edtf_key(ctx.date_values[(m.start, m.end)])
            if k and k[2] and not m.value.get("interval"):
                last_full = k
    return ctx
