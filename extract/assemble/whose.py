"""Whose products a count counts: the business it is said of (`Công ty X có 5 sản phẩm`, `… của HTX Y`,
its address skipped: `HTX Z ở xã A được công nhận 2 sản phẩm`), and the product it names (`là bánh tráng Ba
Liên của …`)."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues, parts, restated
from .analysis import SentenceInfo
from .scope import OF, WITH_LEAD

_SUBJECT_LINK = regex.compile(rf"\s*(?:,\s*(?=(?:là\s+)?(?:{cues.longest_first(cues.words('owners', 'apposition_leads'))})))?"
                           rf"(?:(?:hiện|đã|cũng|vừa|nay)\s+)*(?:{cues.longest_first(cues.words('owners', 'subject_links'))}"
                           rf"|(?:{cues.longest_first(cues.words('owners', 'building_verbs'))})(?:(?:\s+[\p{{Ll}}\p{{M}}]+){{1,4}}?\s+với)?)"
                           rf"(?:\s+(?:thêm|tới|đến))*\s*", regex.IGNORECASE)
_OPEN_BRACKET = regex.compile(r"\s*\(\s*")
_PASSIVE_LINK = regex.compile(
    rf"\s*(?:(?:hiện|đã|vừa|cũng|mới)\s+)*được\s+(?:{cues.longest_first(cues.words('kind', 'passive_agents'))})\s"
    r"[^,;.()]{0,50}?(?:công nhận|chứng nhận|xếp hạng|cấp giấy chứng nhận cho|cấp chứng nhận cho)(?:\s+(?:thêm|mới))?\s*",
    regex.IGNORECASE)
"""A business rated by an agency: `HTX Nông nghiệp Hồng Lạc được UBND huyện Kiến Xương công nhận 2 sản phẩm`."""
_FORM_SUBJECT = regex.compile(r"(?<![\p{L}\p{M}])(?:HTX|hợp tác xã|công ty|cty|doanh nghiệp|cơ sở)\s+(?:[\p{L}\p{M}]+\s+){0,2}?"
                           r"(?:có|sở hữu)\s*$", regex.IGNORECASE)
"""The business named again by its form as the subject of the count (`Ông X, Giám đốc HTX Y, cho biết HTX có 4
sản phẩm`): still its count across the comma."""
_TRAILING_COMMA = regex.compile(r"\s*,\s*")
_NO_LINK = regex.compile(r"\s*:?\s*")     # 'Các chủ thể gồm Công ty TNHH Minh Phát 3 sản phẩm, …'
_KICKER = regex.compile(r"\s*[:–-]\s")     # a business opening a sentence (a headline) before a colon or a dash
_GLOSS = regex.compile(r"\s*\((?=[^()]{2,80}\))(?:[^()\d]|(?<![\d.,])\d{1,3}(?!\d|[.,]\d|\s*(?:sản phẩm|SP|sao|\*|%)))+\)",
                       regex.IGNORECASE)
"""A business's address in brackets (`(xã Lát, huyện Lạc Dương)`, `(phường 3, thành phố Đà Lạt)`, `(thôn Bản Phố
1, xã Bắc Hà)`; not a count, `(2 sản phẩm)`): no count's."""
_AT_PLACE = regex.compile(r"\s*(?:(?:(?:có\s+)?trụ sở(?:\s+chính)?|đóng(?:\s+trụ sở)?|đặt(?:\s+trụ sở)?|(?:có\s+)?địa chỉ)\s+)?"
                       r"(?:ở|tại)\s+(?P<hamlet>(?:thôn|ấp|bản|xóm|tổ|khóm|khu phố|làng nghề|làng)\s+[\p{L}\p{M}\d]+"
                       r"(?:\s+\p{Lu}[\p{L}\p{M}]*)*\s*,?\s*)?", regex.IGNORECASE)
_COMMA_ADDRESS = regex.compile(r"\s*,\s*(?P<hamlet>(?:thôn|ấp|bản|xóm|tổ|khóm|khu phố)\s+[\p{L}\p{M}\d]+(?:\s+\p{Lu}[\p{L}\p{M}]*)*"
                            r"\s*,?\s*)?", regex.IGNORECASE)
"""An address after a comma: `HTX X, xã Ia Mrơn có …`, `HTX Y, ấp Tân Lập có …`, `HTX Z, thôn 3, xã Hà Bầu có …`."""
_PLACE_JOIN = regex.compile(r"\s*,?\s*")
_PRODUCT = regex.compile(r"\blà\s+(?P<p>[^,;()“”\"]{3,80}?)\s+(?:của|do)\s", regex.IGNORECASE)


def org_of(info: SentenceInfo, n: Match, window_start: int, window_end: int, text: str) -> str | None:
    """The business whose products are counted: `… của Công ty X` after the number, or the subject
    before it (`Công ty X có 5 sản phẩm`)."""
    for o in info.businesses():
        if n.end <= o.start < window_end and OF.search(text[n.end:o.start][-8:]) and (
                "," not in text[n.end:o.start]
                or (text.count(",", n.end, o.start) == 1 and _ALL_OF.search(text, n.end, o.start))):
            if any(_AND_ANOTHER.fullmatch(text, o.end, q.start) for q in info.orgs if q.start > o.end):
                return None     # the products of several: '5 sản phẩm của HTX X và Công ty TNHH Y'
            return o.value["name"]      # (not '40 sản phẩm OCOP, nổi bật là sản phẩm … của Công ty X')
        link = _address_end(info, o.end, n.start, text)
        # (the window may start inside the name, after its gloss: 'Hợp tác xã (HTX) Chè Tân Lập hiện có …')
        if (window_start <= o.end or o.end < link and window_start <= link) and o.end <= n.start and (
                (cues.has(text[link:n.start], "kind", "have_before")
                 and ("," not in text[link:n.start] or _FORM_SUBJECT.search(text, link, n.start)
                      or not any(link <= p.start < n.start for p in info.places)))
                or _SUBJECT_LINK.fullmatch(text, link, n.start) or _PASSIVE_LINK.fullmatch(text, link, n.start)
                or _NO_LINK.fullmatch(text, link, n.start)):
            # 'Công ty X có 5 sản phẩm', 'HTX Y với 3 sản phẩm', '… hiện sở hữu 4 sản phẩm', 'HTX Z được UBND huyện
            # công nhận 2 sản phẩm', 'gồm Công ty X 3 sản phẩm, …' (not 'Theo Công ty X, tỉnh có 100 sản phẩm')
            return o.value["name"]

        if o.end <= n.start and _OPEN_BRACKET.fullmatch(text, link, n.start):
            return o.value["name"]      # 'Công ty TNHH Hồng Lam (2 sản phẩm), HTX Quyết Thắng (1 sản phẩm)', 'Hộ
            #   kinh doanh X, xã Nam Dương (02 sản phẩm)'
        if o.start == info.start and _KICKER.match(text, o.end, n.start):
            return o.value["name"]      # 'HTX Chè Hảo Đạt: Từ vườn chè nhỏ đến 5 sản phẩm OCOP'
    return None


_ALL_OF = regex.compile(r",\s*(?:đều|tất cả|cả)\s+(?:là\s+)?(?:của|thuộc|do)\s*$", regex.IGNORECASE)
"""The products of one business said after a comma: `4 sản phẩm OCOP 3 sao, đều của HTX X`."""
_AND_ANOTHER = regex.compile(r"\s*(?:,|và|cùng)\s*(?:[^,;.()\d]{1,30}?\s+(?=của\s))?(?:của\s+)?")
"""Between the owner and another business: `5 sản phẩm của HTX X và Công ty TNHH Y`, or another product of that
one (`trà shan tuyết của HTX X và rượu ngô của Công ty Y`): the products of several."""


def _address_end(info: SentenceInfo, at: int, limit: int, text: str) -> int:
    """Where a business's address after its name ends (`Công ty X (TP Thái Nguyên) có …`, `HTX Y ở xã Thành
    Lợi, huyện Z được công nhận …`): what links it to its count comes after; `at` when no address follows."""
    gloss = _GLOSS.match(text, at, limit)
    if gloss:
        return gloss.end()
    lead = _AT_PLACE.match(text, at, limit) or _COMMA_ADDRESS.match(text, at, limit)
    end = lead.end() if lead is not None and lead.group("hamlet") else at
    for p in info.places if lead else ():    # (a business's address is no usable place; after a comma, a named one)
        if p.start == (lead.end() if end in (at, lead.end()) else end + len(_PLACE_JOIN.match(text, end).group())) \
                and p.end <= limit and not (p.value["generic"] and "," in lead.group()):
            end = p.end
    if end > at and lead is not None and "," in lead.group() and (comma := _TRAILING_COMMA.match(text, end, limit)):
        end = comma.end()       # 'Cơ sở X, xã Hòa Đa, có 2 sản phẩm'
    return end


def product_of(right: str) -> str | None:
    m = _PRODUCT.search(right)
    return m.group("p").strip() if m else None


def names_blanked(piece: str, start: int, businesses: list[Match]) -> str:
    """`piece` (of the text from `start`) with the businesses' names in it blanked, offsets kept."""
    for o in businesses:
        a, b = max(o.start, start), min(o.end, start + len(piece))
        if a < b:
            piece = piece[:a - start] + " " * (b - a) + piece[b - start:]
    return piece


_ADDRESS_LEAD = regex.compile(r"(?<![\p{L}\p{M}])(?:trụ sở(?:\s+chính)?|địa chỉ)\s*(?:(?:ở|tại)\s+|:\s*)", regex.IGNORECASE)


def address_places(info: SentenceInfo, text: str) -> set[str]:
    """The places the sentence gives as an address (`Công ty có trụ sở tại phường Vĩnh Nguyên, thành phố Nha
    Trang, với 85 lao động`): where a business is, not where the reader goes.

    >>> from extract.assemble.analysis import analyse
    >>> from extract.doc import make_doc
    >>> from schemas import Article
    >>> t = "Công ty có trụ sở tại phường Vĩnh Nguyên, thành phố Nha Trang, với 85 lao động."
    >>> info = analyse(make_doc(Article(id="x", text=t)))[0]
    >>> sorted(address_places(info, t))
    ['Nha Trang', 'Vĩnh Nguyên']
    """
    names: set[str] = set()
    for lead in _ADDRESS_LEAD.finditer(text, info.start, info.end):
        at = lead.end()
        for p in sorted(info.places, key=lambda p: p.start):
            if p.start < at:
                continue
            if not _PLACE_JOIN.fullmatch(text, at, p.start):
                break
            names.add(p.value["name"])
            at = p.end
    return names




_SAME_OWNER_GAP = regex.compile(r"(?:\s|,|và|đạt|chuẩn|hạng|OCOP|được|nâng|từ|lên|công nhận|chứng nhận|lại|mới)*",
                             regex.IGNORECASE)   # (what happened to the items: 'được nâng hạng từ 3 sao lên 4 sao, …')


def same_owner(text: str, prev: parts.Figure | None, n: Match, stars: list[Match] = ()) -> str | None:
    """The organization of the count just before, when this one is the next item of its list with only its
    class, and what happened to it, between (`HTX X có 3 sản phẩm đạt 3 sao, 1 sản phẩm đạt 4 sao`, `Công ty X
    có 2 sản phẩm được nâng hạng từ 3 sao lên 4 sao, 1 sản phẩm được công nhận lại 3 sao`: all are its).

    >>> from ..matchers import numbers, stars as star_matcher
    >>> t = "HTX X có 3 sản phẩm đạt 3 sao, 1 sản phẩm đạt 4 sao"
    >>> a, b = numbers.match(t)      # the counts (the numbers of classes are none)
    >>> same_owner(t, parts.Figure(a, "sản phẩm", {"organization": "HTX X"}, a.end + 9), b, star_matcher.match(t))
    'HTX X'
    """
    if prev is None or not prev.fields.get("organization"):
        return None
    return prev.fields["organization"] if _SAME_OWNER_GAP.fullmatch(parts.blanked(text, prev.end, n.start, stars)) else None


def owner_of(info: SentenceInfo, n: Match, unit: str, start: int, end: int, last: bool, done: list, parent,
             text: str) -> str | None:
    """The business whose products the count `n` (of `unit`, its words from `start` to `end`; `last`: the
    sentence's last count) counts: named in its words, the owner of the count before it in the sentence (`…,
    1 sản phẩm đạt 4 sao`), of its whole (`Công ty X có 3 sản phẩm, trong đó 1 sản phẩm 5 sao`), or named
    again (`…, nâng tổng số sản phẩm của HTX lên 6 sản phẩm`). One product, the last count of its sentence,
    may have its owner after a bracket or a `là …` (`1 sản phẩm đạt 3 sao (mật ong … của HTX Quảng Hồng)`,
    `… (sản phẩm OCOP 5 sao) là … của Công ty X`): its words run to the sentence's end."""
    if n.value.get("value") == 1 and last:
        end = info.end
    products = cues.words("metric", "products_unit")
    organization = org_of(info, n, start, end, text) if unit != "%" else None
    if organization is None and unit == products and done and done[-1].unit == unit:
        organization = same_owner(text, done[-1], n, info.stars)
    if organization is None and parent is not None and parent in done and parent.unit == unit:
        organization = parent.fields["organization"]
    if organization is None and (bracket := _BRACKET_AFTER.match(text, end, info.end)) is not None:
        organization = org_of(info, n, start, bracket.end(), text)  # '1 sản phẩm 5 sao (nem … của Công ty X), 15 …'
    if organization is None and unit == products and parent is None and WITH_LEAD.fullmatch(text, info.start, n.start):
        organization = _subject_after(info, n, text)    # 'Với 4 sản phẩm OCOP, …, Công ty X là chủ thể …'
    if organization is None and unit == products:
        organization = restated.business_named_again(info.orgs, start, end, text)
    if organization is None and unit == products:
        organization = _speaker_business(info, n, start, text)   # 'chủ HTX X chia sẻ: “HTX chúng tôi có 4 …”'
    return organization


_SPEAKER_SUBJECT = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('owners', 'speaker_subjects'))})"
                                 r"(?![\p{L}\p{M}])(?:\s+(?:hiện|đã|nay|cũng|đang))*\s+(?:có|sở hữu|với)\s*$", regex.IGNORECASE)
_QUOTE_OPENS = regex.compile(r"[:,]?\s*[\"“'‘]")


def _speaker_business(info: SentenceInfo, n: Match, start: int, text: str) -> str | None:
    """The business whose owner or head speaks the quote the count stands in with their own as its subject
    (`Bà X, chủ Hộ kinh doanh Y chia sẻ: “Gia đình tôi có 2 sản phẩm OCOP 3 sao”`): the one business named
    before the quote opens."""
    if not _SPEAKER_SUBJECT.search(text, max(info.start, n.start - 40), n.start):
        return None
    quote = next((m for m in _QUOTE_OPENS.finditer(text, info.start, n.start)), None)
    if quote is None:
        return None
    named = [o for o in info.businesses() if o.end <= quote.start()]
    return named[-1].value["name"] if len(named) == 1 else None


_BRACKET_AFTER = regex.compile(r"\s*\((?:(?!\s+và\s)[^()\d;,])*(?<![\p{L}\p{M}])của\s[^()\d;]*\)", regex.IGNORECASE)
"""A bracket right after a count's words that names one owner of what it counts (`(nem Lai Vung của Công ty X)`;
not a list: `(rượu ba kích và hai sản phẩm chả mực của Công ty Y)`, `(… của HTX A, Quảng Lạc; vịt quay …)`,
nor a breakdown: `(trong đó có 2 sản phẩm 5 sao đều của Công ty Z)`)."""
_CLAUSE_OPENS = regex.compile(r"[,:]\s*$")


def _subject_after(info: SentenceInfo, n: Match, text: str) -> str | None:
    """The business a sentence opening with `Với` and the count names as its subject after the count's
    clauses (`Với 4 sản phẩm đạt chuẩn OCOP, trong đó có 1 sản phẩm 4 sao, Công ty X là chủ thể …`)."""
    o = next((o for o in info.businesses() if o.start >= n.end), None)
    return o.value["name"] if o is not None and _CLAUSE_OPENS.search(text, n.end, o.start) else None
