"""The article's own place: the province it names most often (the title counts twice), else the
district, else the country for a national article; and the commune and district a bare `xã`, `huyện`
stands for."""
from __future__ import annotations

from collections import Counter

import regex

from ..gazetteer import lookup
from ..gazetteer.names import district_opening
from ..gazetteer.provinces import successor
from ..gazetteer.resolve import on_new_map
from . import cues
from .analysis import SentenceInfo

NAMED_IN_A_BUSINESS = 0.25
"""How much a place named inside a business's name or address counts towards the article's place (one where
products are sold counts nothing: `Nhiều siêu thị ở Hà Nội đã ký hợp đồng`)."""
NATIONAL_BODY = 0.5
"""How much a mention of a national body (`Văn phòng Điều phối nông thôn mới Trung ương`, `Hội đồng … cấp quốc
gia`, `Bộ Nông nghiệp …`) counts towards the country as the article's place, once the article says `cả nước`
(which, said twice, makes a national article of one that names no province more)."""
DISTRICT_OF_PROVINCE = 0.5
"""How much a mention of one of its districts counts towards a province the article names (a tie between the
province and another place it names once is the province's when it speaks of its districts)."""
_MARKET_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('scope', 'market_words'))})"
                            r"(?![\p{L}\p{M}])[^,.;:()]{0,20}?(?<![\p{L}\p{M}])(?:ở|tại|sang|như)\s+$", regex.IGNORECASE)


def settle_place(ctx, infos: list[SentenceInfo]) -> None:
    """Set the article's places on `ctx` (an `ArticleContext`): main_place and main_level, main_district,
    district_province, district_is_city, district_admins, main_commune."""
    published = ctx.published
    names: Counter = Counter()
    districts: Counter = Counter()
    communes: Counter = Counter()
    in_province: Counter = Counter()    # mentions of the districts of each province (by its code)
    codes: dict[str, set] = {}          # the codes of each province named (old and new map)
    country = 0
    first_seen: dict[str, int] = {}
    first_district: dict[str, int] = {}
    for i, info in enumerate(infos):
        usable = info.usable_places()
        for p in info.places:
            if p.value["generic"]:
                continue
            # a place in a business's name or address ('HTX Nông nghiệp Hòa Bình') counts for little: the
            # article's place only when it names no other
            if _MARKET_BEFORE.search(info.sentence.doc_text, max(info.start, p.start - 40), p.start):
                continue        # where products are sold: 'Nhiều siêu thị ở Hà Nội đã ký hợp đồng'
            weight = (2 if i == 0 else 1) * (1 if p in usable else NAMED_IN_A_BUSINESS)
            if p.value["level"] == "country" and cues.has(p.text, "scope", "country_words"):
                country += weight
            if p.value["level"] == "commune":
                communes[p.value["name"]] += weight + 1 / (1 + p.start)     # (a tie: the first named)
            if p.value["level"] == "district":
                districts[p.value["name"]] += weight
                first_district.setdefault(p.value["name"], p.start)
                if len(home := {u.province_code for u in p.value.get("units") or ()}) == 1:
                    in_province[home.pop()] += weight
                ctx.district_admins.setdefault(p.value["name"], set()).add(admin_word(p.value["admin"]))
            if p.value["level"] != "province":
                continue
            names[p.value["name"]] += weight
            first_seen.setdefault(p.value["name"], p.start)
            codes.setdefault(p.value["name"], set()).update(u.province_code for u in p.value.get("units") or ())
    for province in names:      # a province's districts speak of it too (an article about Lai Vung, Đồng Tháp)
        names[province] += DISTRICT_OF_PROVINCE * sum(in_province[c] for c in codes.get(province, ()))
    if names:
        ctx.main_place = max(names, key=lambda n: (names[n], -first_seen[n]))
        ctx.main_level = "province"
        new = successor(ctx.main_place) if published is not None and on_new_map(published) else None
        if new and new != ctx.main_place and new in names:
            # written after the 2025 reform about an old province and the new one it is part of ('Nâng tầm sản
            # phẩm OCOP vùng cao Hà Giang' over 'Sau hợp nhất, tỉnh Tuyên Quang có 348 …'): the new one's
            ctx.main_place = new
    bodies = sum(NATIONAL_BODY for info in infos for o in info.orgs
                 if o.value["org_class"] == "agency" and cues.has(o.value["name"], "scope", "national_bodies"))
    if country and country + bodies >= max(2, names.get(ctx.main_place, 0)):
        # an article about the whole country ('cả nước', 'toàn quốc') stays national when it names provinces
        ctx.main_place, ctx.main_level = "Việt Nam", "country"
    national_body = bodies > 0
    local = any(p.value["generic"] and p.value["level"] in ("province", "district")
                for info in infos for p in info.places)     # ('toàn tỉnh', 'huyện': a place not named)
    if not names and not districts and (country or national_body) and not local:
        # 'Bộ Nông nghiệp và Phát triển nông thôn công nhận 14 sản phẩm OCOP 5 sao': no place but the country's
        ctx.main_place, ctx.main_level = "Việt Nam", "country"
    ctx.main_commune = max(communes, key=communes.get) if communes else None
    if ctx.main_level == "province" and not districts:
        for info in infos:      # 'Lục Ngạn là huyện miền núi của tỉnh Bắc Giang. Huyện có 42 sản phẩm'
            if (bare := _named_district(info.text, ctx.main_place)) is not None:
                districts[bare] += 1
                first_district.setdefault(bare, info.start)
    if ctx.main_place is None and not districts and infos and (bare := district_opening(infos[0].text)):
        districts[bare[0]], first_district[bare[0]] = 1, infos[0].start   # 'Lục Ngạn nâng cao giá trị vải thiều'
    if districts:
        ctx.main_district = max(districts, key=lambda n: (districts[n], -first_district[n]))
        ctx.district_is_city = "thành phố" in ctx.district_admins.get(ctx.main_district, ())
        ctx.district_article = ctx.main_level == "province" and _headline_of_district(infos[0], ctx)
        if ctx.main_place is None:      # an article about a district that names no province
            ctx.main_place, ctx.main_level = ctx.main_district, "district"
            provinces = {u.province for u in lookup(ctx.main_district, level="district")}
            ctx.district_province = provinces.pop() if len(provinces) == 1 else None   # 'của tỉnh' is its


def _headline_of_district(headline: SentenceInfo, ctx) -> bool:
    """The headline names the article's district (by its bare name too: `Mộc Châu có 36 sản phẩm OCOP`)
    and not its province."""
    named = {p.value["name"] for p in headline.usable_places() if not p.value["generic"]}
    bare = district_opening(headline.text, ctx.main_place)
    return ctx.main_place not in named and (ctx.main_district in named or bare is not None and bare[0] == ctx.main_district)


_ADMIN_SHORT = {"tp": "thành phố", "tx": "thị xã", "h": "huyện", "q": "quận", "tt": "thị trấn"}


def admin_word(admin: str | None) -> str:
    """A place's administrative word, lower case and spelt out (`TP.` → `thành phố`, `TX` → `thị xã`), without
    the word of a whole (`toàn thành phố` → `thành phố`)."""
    word = _WHOLE.sub("", (admin or "").lower().rstrip("."))
    return _ADMIN_SHORT.get(word, word)


_WHOLE = regex.compile(r"^(?:toàn|cả|trên địa bàn)\s+")


def _named_district(text: str, province: str) -> str | None:
    """A district of `province` whose bare name opens a sentence that says it is a district (`Lục Ngạn là
    huyện miền núi`)."""
    found = district_opening(text, province)
    return found[0] if found and _IS_DISTRICT.match(text, len(found[0])) else None


_IS_DISTRICT = regex.compile(r"\s+(?:\([^()]{1,30}\)\s+)?(?:là|hiện là|vốn là)\s+(?:một\s+)?(?:huyện|thị xã)"
                             r"(?![\p{L}\p{M}])")
"""What says the name before it is a district's: `Lục Ngạn là huyện miền núi`, `Mộc Châu (Sơn La) là một huyện`."""
