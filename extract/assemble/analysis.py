"""Every matcher run once per sentence; offsets shifted into the document's text."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..doc import Doc, Sentence
from ..matchers import Match, dates, longest_first, numbers, orgs, places, stars
from ..matchers.numerals import DIGIT_WORDS
from ..matchers.place_names import NAME_WORD

_ADMIN_WORD = rf"(?:{longest_first(places.ADMIN)})"
_MERGED_LIST = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(places.VOCAB['merged_after'])})\s+(?:(?:\d+|{longest_first(list(DIGIT_WORDS))})\s+)?(?:(?:các\s+)?{_ADMIN_WORD}\s+)?"
    rf"(?:{NAME_WORD}(?:\s+{NAME_WORD})*(?:\s*,\s*|\s+và\s+)(?:{_ADMIN_WORD}\s+)?)*"
    rf"(?:{NAME_WORD}(?:\s+{NAME_WORD})*\s+thuộc\s+(?:{_ADMIN_WORD}\s+)?)?$",
    regex.IGNORECASE)
"""The units a merger joined, listed after its word (`hợp nhất 3 tỉnh Phú Thọ, Vĩnh Phúc và Hòa Bình`), and the
unit they were of (`sáp nhập xã Vĩnh Hải, xã Nhơn Hải và xã Thanh Hải thuộc huyện Ninh Hải cũ`)."""
_NEW_UNIT = regex.compile(r"\s*\(?\s*mới(?![\p{L}\p{M}])", regex.IGNORECASE)
"""After a unit the merger made: `tỉnh Ninh Bình (mới)`."""
_MERGER_CLAUSE = regex.compile(r"\W*(?:(?-i:[\p{Lu}\d.]{2,})\s*[-–]\s*)?(?:sau khi|khi|từ khi|kể từ khi|kể từ)\s+", regex.IGNORECASE)
"""A merger clause opening its sentence, after a source's tag at most (`VOV.VN - Sau khi hợp nhất với …, `)."""
_RANKED_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(places.VOCAB['country_ranked_after'])})"
    rf"(?:\s+(?:\d+|{longest_first(places.VOCAB['rank_ordinals'])}))?\s+(?:trong\s+|của\s+|trên\s+)?$",
    regex.IGNORECASE)

_RANKED_BEHIND = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:đứng|xếp|chỉ)\s+)*(?:sau|vượt(?:\s+qua)?)\s+$", regex.IGNORECASE)
"""Before a place that another named before it is ranked behind or above (`Thái Bình đứng thứ hai sau Hà Nội
với 61 sản phẩm`, `Thái Bình vượt Nam Định với 61 …`)."""

_OWN_FIGURE_AFTER = regex.compile(r"\s*\(\s*\d")
_DIGIT = regex.compile(r"\d")

LEVEL_RANK = {"country": 0, "province": 1, "district": 2, "commune": 3}
"""The levels of places, coarsest first: a place of a higher rank lies inside one of a lower."""


@dataclass
class SentenceInfo:
    sentence: Sentence
    paragraph: int
    numbers: list[Match] = field(default_factory=list)
    dates: list[Match] = field(default_factory=list)
    stars: list[Match] = field(default_factory=list)
    places: list[Match] = field(default_factory=list)
    orgs: list[Match] = field(default_factory=list)
    _usable: list[Match] | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    @property
    def text(self) -> str:
        return self.sentence.text

    def businesses(self) -> list[Match]:
        """The sentence's businesses (not its agencies)."""
        return [o for o in self.orgs if o.value["org_class"] == "business"]

    def usable_places(self) -> list[Match]:
        """Places that can be a figure's scope or the article's place: not a business's own name or
        address (`HTX Nông nghiệp Hòa Bình`, `Công ty X (xã Y, huyện Z)`), not an agency's level named by its word
        alone (`được UBND tỉnh công nhận` in a district's report: who recognized, not where), not the country a place is
        ranked against, nor the units a merger joined. Worked out once: a sentence's places and
        organizations are set when it is analysed."""
        if self._usable is None:
            skip = []
            for o in self.orgs:
                if o.value["org_class"] == "business":
                    skip.append((o.start, o.end + (len(o.value["location"]) + 12 if o.value["location"] else 0)))
            agencies = [(o.start, o.end) for o in self.orgs if o.value["org_class"] == "agency"]
            self._usable = [p for p in self.places if not any(a <= p.start < b for a, b in skip)
                            and not (p.value["generic"] and (any(a <= p.start < b for a, b in agencies) or _COUNCIL_BEFORE.search(
                                self.text, max(0, p.start - self.start - 20), p.start - self.start)))
                            and not self._ranked_against(p) and not self._merged(p)]
        return self._usable

    def _merged(self, p: Match) -> bool:
        """A unit listed after a merger word (`hợp nhất 3 tỉnh Phú Thọ, Vĩnh Phúc và Hòa Bình`): what the
        new unit was made of, not a figure's place."""
        m = _MERGED_LIST.search(self.text, max(0, p.start - self.start - 80), p.start - self.start)
        # (a merger clause opening the sentence ends at its comma: 'Sau khi hợp nhất với tỉnh Tiền Giang, tỉnh
        # Đồng Tháp hiện có 560 sản phẩm' gives the subject after it)
        return m is not None and not (_MERGER_CLAUSE.fullmatch(self.text, 0, m.start())
                                      and "," in self.text[m.start():p.start - self.start]) \
            and not _NEW_UNIT.match(self.text, p.end - self.start)   # ('…, tỉnh Ninh Bình (mới) hiện có 1.019 …')

    def _ranked_against(self, p: Match) -> bool:
        """The country a place is ranked against (`Hà Nội dẫn đầu cả nước với 3.000 sản phẩm`, `đứng thứ 2
        toàn quốc`), a place another named before it is ranked behind or above (`sau Hà Nội`, `vượt Nam
        Định`), or the larger unit a place named before it is (`Huyện Yên Thế đứng đầu tỉnh Bắc Giang về
        số sản phẩm OCOP với 27 sản phẩm`, `đứng thứ hai toàn tỉnh`, `Xã Tân Lập là xã dẫn đầu huyện Lục
        Ngạn`): no figure's place."""
        at = p.start - self.start
        if _RANKED_BEHIND.search(self.text, max(0, at - 20), at) and not _OWN_FIGURE_AFTER.match(self.text, p.end - self.start) \
                and (first := next((q for q in self.places if q.end <= p.start and not q.value["generic"]), None)) \
                and not _DIGIT.search(self.text, first.end - self.start, at):
            return True     # ('A đứng thứ hai sau Hà Nội với 61 sản phẩm': A's, not Hà Nội's; but 'A có 36 sản phẩm, chỉ
            #                  sau huyện B với 45 sản phẩm', 'sau huyện B (45 sản phẩm)': B's own)
        ranked = p.value["level"] == "country" or any(q.end <= p.start and LEVEL_RANK.get(
            q.value["level"], 0) > LEVEL_RANK.get(p.value["level"], 9) for q in self.places)
        return ranked and bool(_RANKED_BEFORE.search(self.text, max(0, p.start - self.start - 30), p.start - self.start))


def _shift(ms: list[Match], offset: int) -> list[Match]:
    return [m.shifted(offset) for m in ms]


_COUNCIL_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+(?:cấp\s+)?$",
                             regex.IGNORECASE)
"""A people's committee or council right before a place's word, named by it alone (`được UBND tỉnh công nhận`)."""

_MATCHERS = (("orgs", orgs.match), ("numbers", numbers.match), ("dates", dates.match), ("stars", stars.match),
             ("places", places.match))
"""The matchers, each a pure function of a sentence's text, in the order they run."""


def analyse(doc: Doc) -> list[SentenceInfo]:
    """Every sentence with its matches. Each matcher goes through all the sentences before the next one
    starts (not the five matchers in turn on each sentence): one matcher's code and tables (its patterns,
    the gazetteer, the word tokenizer's CRF model) stay in the processor's caches while it works, which
    took the bench's extraction from about 1,10 to 1,00 s of CPU, the same matches."""
    out = []
    text = doc.text
    paragraph, last_end = 0, 0
    for s in doc.sentences:
        if "\n" in text[last_end:s.start]:
            paragraph += 1
        last_end = s.end
        out.append(SentenceInfo(s, paragraph))
    for name, match in _MATCHERS:
        for info in out:
            setattr(info, name, _shift(match(info.sentence.text), info.sentence.start))
    for info in out:
        if info.dates and info.orgs:    # a date inside a name is no date ('HTX Nông nghiệp 19/5 Mộc Châu')
            info.dates = [d for d in info.dates if not any(o.start <= d.start and d.end <= o.end for o in info.orgs)]
    return out
