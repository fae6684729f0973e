"""The place a sentence or a clause opens with: the subject the reader is at after it (`Bến Lức là một trong
những địa phương …`, `Tại huyện Tân Lạc, …`), a district of the article's province named bare at a clause's
or a list item's opening (`Đến nay, Đô Lương có 45 sản phẩm`), a place match resolved against the
article (`resolve_place`: a bare `huyện` is the article's district), and the most specific link of a chain
of places naming one (`most_specific`: `xã Bản Liền, huyện Bắc Hà (Lào Cai)`)."""
from __future__ import annotations

import regex

from ..gazetteer.names import district_opening
from ..gazetteer.provinces import absorbed_into
from ..matchers import Match
from ..matchers.places import CENTRAL
from . import cues
from .analysis import LEVEL_RANK, SentenceInfo
from .context import ArticleContext


def resolve_place(p: Match, ctx: ArticleContext) -> tuple[str | None, str | None, str]:
    if p.value["generic"]:
        if p.value["level"] == "district" and ctx.main_district:
            return ctx.main_district, "district", "scope.generic_is_article_district"   # 'trên địa bàn huyện'
        if p.value["level"] == "commune" and ctx.main_commune:
            return ctx.main_commune, "commune", "scope.generic_is_article_commune"   # 'Hiện xã có 5 sản phẩm'
        if p.value["level"] == "province" and ctx.district_province:
            return ctx.district_province, "province", "scope.generic_is_district_province"   # 'của tỉnh'
        if p.value["level"] == "city" and ctx.main_level == "district" and ctx.district_province in CENTRAL \
                and not ctx.district_is_city:
            # 'thành phố trao chứng nhận' in an article about Gia Lâm: Hà Nội
            return ctx.district_province, "province", "scope.generic_is_district_province"
        return ctx.main_place, ctx.main_level, "scope.generic_is_article_place"
    return p.value["name"], p.value["level"], "scope.stated"


_SUBJECT_LEAD = regex.compile(rf"[\W\d_]*(?:(?:{cues.longest_first(cues.words('scope', 'subject_leads'))})\s+)?",
                           regex.IGNORECASE)


def subject_place(info: SentenceInfo, ctx: ArticleContext,
                  current: tuple | None = None) -> tuple[str | None, str | None] | None:
    """The place a sentence opens with, as its subject (`Bến Lức là một trong những địa phương …`, `Tại
    huyện Tân Lạc, …`): where the reader is after it; None when it opens otherwise. A bare name opening the
    sentence is a place when it is a district of the article's province (`Bến Lức là …` in an article about
    Long An); `Huyện …` with no name keeps the reader in the district it is in (`current`)."""
    lead = _SUBJECT_LEAD.match(info.text)
    at = info.start + (lead.end() if lead else 0)
    first = next((p for p in info.usable_places() if p.start == at), None)
    if first is None:
        return _district_of_article(info.text[at - info.start:], ctx)
    if first.value["level"] not in ("province", "district", "country"):
        return None
    if first.value["generic"] and first.value["level"] == "district" and current and current[1] == "district":
        return None
    name, level, _ = resolve_place(first, ctx)
    return (name, level) if name else None


def _district_of_article(opening: str, ctx: ArticleContext) -> tuple[str, str] | None:
    """The district of the article's province whose bare name opens the text (longest name first), or the
    commune the article is about (`Xã Tùng Lộc … . Tùng Lộc có 8 thôn và 4 sản phẩm OCOP`)."""
    found = district_opening(opening, ctx.main_place) if ctx.main_level == "province" else None
    if found:
        return found[0], "district"
    commune = ctx.main_commune
    if commune and opening.startswith(commune) and not opening[len(commune):len(commune) + 1].isalpha():
        return commune, "commune"
    return None


def bare_district_opening(info: SentenceInfo, ctx: ArticleContext, n: Match, clause_start: int,
                           named_before: bool = False) -> tuple[str, str] | None:
    """A district of the article's province named bare at the opening of the number's clause or list item
    (after a subject lead; of the sentence: after its date), before `n`: `Đến nay, Đô Lương có 45 sản phẩm
    OCOP`, `Riêng Nghi Lộc có 40 sản phẩm, Diễn Châu có 38 sản phẩm`; labelling it before a colon: `gồm: Tam
    Kỳ: 3 sản phẩm; Điện Bàn: 4 sản phẩm`."""
    at = max(0, clause_start - info.start, info.text.rfind(",", 0, n.start - info.start) + 1)
    if _LABEL_COLON.fullmatch(info.text, at - 1, n.start - info.start):     # (the colon after the label)
        at = max(info.text.rfind(c, 0, at - 1) for c in ",;:\n") + 1
        at += len(info.text[at:]) - len(info.text[at:].lstrip(" \t-+•*–"))
    if at == 0 and info.dates and info.dates[0].start - info.start <= 2 and info.dates[0].end <= n.start:
        at = info.dates[0].end - info.start
    lead = _SUBJECT_LEAD.match(info.text, at)
    at = lead.end() if lead else at
    if named_before and any(info.start + at <= p.end and p.start < n.start for p in info.places):
        return None     # (the item names a place of its own)
    return _district_of_article(info.text[at:n.start - info.start], ctx)


_LABEL_COLON = regex.compile(r":\s*")


LIST_JOIN = regex.compile(r"^\s*(?:,\s*)?(?:và|cùng)?\s*$")
"""Between two places of a list: `,`, `và`, `cùng`."""
_CHAIN = regex.compile(r"^(?:\s+cũ)?\s*[,(-]?\s*(?:(?:khu vực|thuộc|địa bàn)\s+){0,2}$", regex.IGNORECASE)
"""Between two links of a chain of places: `xã Tân Lạc, huyện …`, `xã Tân Lạc (khu vực Hòa Bình cũ)`,
`huyện Lục Ngạn cũ (tỉnh Bắc Ninh)`, `phường Tuy Hòa, thuộc khu vực Phú Yên cũ`."""


def most_specific(places: list[Match], i: int, text: str) -> Match:
    """places[i], or the places right before it when they name one place, the more specific first
    ('huyện Thạch Thất, Hà Nội', 'huyện Tiền Hải tỉnh Thái Bình', 'huyện Đông Anh (Hà Nội)', 'xã Bản Liền,
    huyện Bắc Hà (Lào Cai)', 'xã Tân Lạc (khu vực Hòa Bình cũ)')."""
    p = places[i]
    while i > 0 and _CHAIN.match(text[places[i - 1].end:p.start]) and not places[i - 1].value["generic"] \
            and LEVEL_RANK.get(places[i - 1].value["level"], 0) > LEVEL_RANK.get(p.value["level"], 0):
        listed = i > 1 and places[i - 2].value["level"] == places[i - 1].value["level"] \
            and LIST_JOIN.match(text[places[i - 2].end:places[i - 1].start])
        # 'huyện Mường Tè và Tam Đường (Lai Châu)': several districts, the figure is their province's
        if listed:
            return p
        i, p = i - 1, places[i - 1]     # 'Xã Bản Liền, huyện Bắc Hà (Lào Cai)': the commune
    return p


def business_place(info: SentenceInfo, n: Match, text: str, ctx: ArticleContext) -> Match | None:
    """The place written with the business last named before the number (`Công ty CP Chè X (Thái Nguyên)
    hiện có 8 sản phẩm`, `HTX X ở Hà Tĩnh có 4 sản phẩm`, `HTX Y (huyện Cần Giờ) có 4 sản phẩm`): where its
    products are, as the owners' place is (annotation: `của 2 hộ ở huyện Ba Bể` → Ba Bể); the district of an
    address that names its commune too (`(xã Chí Đám, huyện Đoan Hùng)`). Not an old province
    the article's absorbed (`Công ty X (tỉnh Bắc Kạn cũ)` about Thái Nguyên: the article's province)."""
    owner = next((o for o in reversed(info.businesses()) if o.end <= n.start), None)
    if owner is None or not owner.value["location"]:
        return None
    reach = min(n.start, owner.end + len(owner.value["location"]) + 12)
    found = [p for p in info.places if owner.end <= p.start and p.end <= reach and not p.value["generic"]
             and p.value["level"] in ("province", "district", "commune")]
    if any(p.value["level"] == "province" and absorbed_into(p.value["name"] or "", ctx.main_place) for p in found):
        return None
    districts = [p for p in found if p.value["level"] == "district"]
    return districts[0] if districts else most_specific(found, len(found) - 1, text) if found else None
