"""A figure named again: the article points back at a count it gave before, and the second mention is
the same figure (annotation.md: repeated mentions of one figure are one record), with the first's class,
kind and time, not a new figure read from the words around the second."""
from __future__ import annotations

import regex

from ..gazetteer import lookup
from . import cues, parts
from .parts import Figure, opens_among

_SAME = ("metric", "star", "kind", "as_of", "period", "time_basis", "kind_basis")
_PLACE = ("scope", "scope_level", "scope_code", "scope_parent", "scope_basis")
_BACK_REFERENCE = regex.compile(r"\s*(?:OCOP\s+)?(?:này|nói trên|kể trên|đó)(?![\p{L}\p{M}])", regex.IGNORECASE)
"""After a count's noun: `31 sản phẩm này`, `60 sản phẩm nói trên` (not a bare `trên`: `chiếm 12% trên tổng
số`)."""


def _within(g: dict, f: dict) -> bool:
    """The place of the figure `g` is a district or commune of the province of the figure `f`."""
    if f.get("scope_level") != "province" or g.get("scope_level") not in ("district", "commune") or not g.get("scope"):
        return False
    return any(u.province == f["scope"] for u in lookup(g["scope"], level=g["scope_level"]))


def _take(f: Figure, g: Figure, rule: str, place: bool = False) -> None:
    """`f` is `g` named again: its class, kind and time (and place) become `g`'s, by `rule`."""
    fields = _SAME + _PLACE if place else _SAME
    f.fields.update({k: g.fields[k] for k in fields if k in g.fields})
    taken = ("metric.", "star.", "kind.", "time.", "scope.") if place else ("metric.", "star.", "kind.", "time.")
    f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith(taken)] + [rule]


def settle_stocks(figures: list[Figure]) -> None:
    """The whole of an X/Y that repeats a stock of its place stated before (`Cả nước có 17.420 sản phẩm OCOP.
    Trong đó, có 1.204/17.420 sản phẩm đạt 4 sao trở lên`) is that stock, named again: rated products with
    its class, kind and time, not a pool and not the class of its part."""
    stocks: dict[tuple, Figure] = {}
    for f in figures:
        if f.number.value.get("of_role") == "whole":
            g = stocks.get((f.unit, f.fields["value"], f.fields["scope"]))
            if g is not None and (f.fields["metric"] == "ocop_products"
                                  or "metric.evaluated_pool" in f.fields["rules"]):
                _take(f, g, "metric.restated_stock")
        elif f.fields["metric"] == "ocop_products" and f.fields["kind"] == "total" and f.fields["star"] == "3+":
            stocks[(f.unit, f.fields["value"], f.fields["scope"])] = f


def settle_back_reference(f: Figure, earlier: list[Figure], text: str) -> None:
    """A count pointed back at (`Trong số 31 sản phẩm này, …`, `chủ thể có 60 sản phẩm nói trên`), or that a
    sentence opens among (`Trong 14 sản phẩm có …`), is the last figure before it of the same number of the
    same things. Settled as it is read, so that its parts in the sentence (`…, có 20 sản phẩm được đánh giá
    lại`) are read as that figure's."""
    listing = _opens_listing(text, f)
    again = _opens_again(text, f, earlier)
    if f.unit == "%" or not (_BACK_REFERENCE.match(text, f.end) or opens_among(text, f) or _restated_with(text, f)
                             or listing or again):
        return      # ('Trong 14 sản phẩm có 3 …' after '… công nhận 14 sản phẩm': the same 14)
    g = next((g for g in reversed(earlier) if g.unit == f.unit and g.fields["value"] == f.fields["value"]
              and g.number.value.get("of_role") != "whole"), None)
    if listing and g is not None and g.fields["star"] != f.fields["star"] and "star.all_certified" not in f.fields["rules"]:
        return      # (a class of its own: another figure)
    if g is not None and g.fields["metric"] is None and f.fields["metric"] == "ocop_products" \
            and f.fields["kind"] == "added":
        return      # (the products proposed before, now recognized: 'Quyết định … công nhận 18 sản phẩm nói trên là
        #             sản phẩm OCOP 5 sao' after '… đề nghị công nhận 18 sản phẩm đạt hạng 5 sao')
    if g is not None:
        _take(f, g, "metric.named_again", place=True)


_WITH_BEFORE = regex.compile(r"(?:^|[,.;:]\s*)(?:Cùng\s+)?[Vv]ới\s+$")
_JUST_RECOGNIZED = regex.compile(r"\s*(?:OCOP\s+)?(?:(?:vừa|mới)\s+(?:được\s+)?(?:công nhận|chứng nhận)|mới(?![\p{L}\p{M}]))",
                                 regex.IGNORECASE)


_LISTING = regex.compile(r"(?:[^,;.:()\d]|\d\s*sao){0,40}?(?<![\p{L}\p{M}])(?:gồm|bao gồm|gồm có)\s+(?![\d(]|\p{L}+\s+\d)", regex.IGNORECASE)


def _opens_listing(text: str, f: Figure) -> bool:
    """A count opening its sentence to list what it counts by name (`Ba sản phẩm được công nhận gồm trà hoa
    vàng, rượu ba kích và chả mực.`): the products counted before, named one by one."""
    opening = text[f.fields["evidence"]["sentence_start"]:f.number.start]
    return not opening.strip() and bool(_LISTING.match(text, f.end))


def _opens_again(text: str, f: Figure, earlier: list[Figure]) -> bool:
    """A count opening its sentence with nothing said of it but its class, the same number of the same
    things in that class as the last figure of the sentence before (`… công nhận 6 sản phẩm OCOP 3 sao của
    huyện Hàm Yên. / 6 sản phẩm 3 sao thuộc về 4 chủ thể: …`): that figure, named again."""
    opening = text[f.fields["evidence"]["sentence_start"]:f.number.start]
    if opening.strip() or "kind.default_total" not in f.fields["rules"] or not earlier:
        return False
    g = earlier[-1]
    return g.unit == f.unit and g.fields["value"] == f.fields["value"] and g.fields["star"] == f.fields["star"] \
        and g.fields["evidence"]["sentence_start"] != f.fields["evidence"]["sentence_start"]


def _restated_with(text: str, f: Figure) -> bool:
    """A clause opening `(Cùng) với N sản phẩm vừa được công nhận, …` names again the products just counted
    (`Cùng với 6 sản phẩm vừa được công nhận, tỉnh hiện có 215 sản phẩm OCOP`)."""
    return bool(_WITH_BEFORE.search(text, max(0, f.number.start - 12), f.number.start)) \
        and bool(_JUST_RECOGNIZED.match(text, f.end))


_FORM_AGAIN = regex.compile(r"(?<![\p{L}\p{M}])của\s+(?P<form>HTX|hợp tác xã|công ty|doanh nghiệp|cơ sở)"
                            r"(?!\s*(?-i:[\p{Lu}\d]))(?![\p{L}\p{M}])", regex.IGNORECASE)
_SAME_FORM = {"htx": ("htx", "hợp tác xã"), "hợp tác xã": ("htx", "hợp tác xã"), "công ty": ("công ty", "cty", "ctcp"),
              "cơ sở": ("cơ sở",), "doanh nghiệp": ("công ty", "cty", "ctcp", "doanh nghiệp", "htx", "hợp tác xã")}


def business_named_again(orgs: list, start: int, end: int, text: str) -> str | None:
    """A business named again by its legal form alone in text[start:end] (`nâng tổng số sản phẩm của HTX
    lên 6`), after its name in the sentence (`Hợp tác xã Nông nghiệp Hồng Thái có thêm 2 sản phẩm, …`): that
    business's name.

    >>> from ..matchers import Match
    >>> t = "HTX Hồng Thái có thêm 2 sản phẩm, nâng tổng số sản phẩm của HTX lên 6 sản phẩm"
    >>> o = Match("organization", 0, 13, "HTX Hồng Thái", "orgs", {"name": "HTX Hồng Thái", "org_class": "business"})
    >>> business_named_again([o], 33, t.index("6"), t)
    'HTX Hồng Thái'
    >>> business_named_again([o], 33, len(t), "HTX Hồng Thái có thêm 2 sản phẩm, nâng tổng số của HTX Tân Lập lên 6")
    """
    m = _FORM_AGAIN.search(text, start, end)
    if m is None:
        return None
    forms = _SAME_FORM[m.group("form").lower()]
    named = [o for o in orgs if o.end <= m.start() and o.value["org_class"] == "business"
             and o.value["name"].lower().startswith(forms)]
    return named[-1].value["name"] if named else None


def settle_headline(figures: list[Figure], infos: list) -> None:
    """A headline's count that the body gives again is that figure (annotation.md: repeated mentions are
    one record; a headline figure without its own date takes the time the body states):

    - given with what happened to it (`Cao Bằng: 3 sản phẩm đạt OCOP 4*` over `Hội đồng tỉnh đã … công
      nhận 3 sản phẩm đạt 4*`): its kind and time are the body's, not a stock read from the headline's
      few words;
    - given with its class (`Quảng Ngãi công nhận 9 sản phẩm OCOP` over `… công nhận 9 sản phẩm OCOP hạng 4
      sao`), the headline naming none: its class, kind and time are the body's;
    - the same or rounded (`Hưng Yên có gần 400 sản phẩm OCOP` over `Tỉnh có 398 sản phẩm OCOP tính đến hết
      năm 2024`, `Hà Tĩnh công nhận thêm 35 sản phẩm OCOP` over `… công nhận 35 sản phẩm OCOP năm 2024`): its
      time is the body's (`headline_rounds`);
    - a target with no time of its own takes the one time of the body's targets (`Hưng Yên phấn đấu có thêm
      35 sản phẩm OCOP` over `Năm 2025, tỉnh phấn đấu có thêm 30 sản phẩm OCOP`);
    - `N sản phẩm được công nhận` with no cue of time, the body reporting a decision that recognized
      products without the number (`Lào Cai: 15 sản phẩm được công nhận OCOP` over `UBND tỉnh vừa ban hành
      quyết định công nhận kết quả …`), is what that decision added (`_decided`)."""
    if not infos:
        return
    headline_start = infos[0].start
    body = [g for g in figures if g.fields["evidence"]["sentence_start"] != headline_start]
    decided = any(cues.has(info.text, "kind", "decision_news") for info in infos[1:])
    for f in figures:
        if f.fields["evidence"]["sentence_start"] != headline_start or f.fields["metric"] != "ocop_products":
            continue
        same = [g for g in body if g.unit == f.unit and g.fields["value"] == f.fields["value"]
                and all(g.fields[k] == f.fields[k] for k in ("metric", "scope"))]
        finer = [g for g in body if g.unit == f.unit and g.fields["value"] == f.fields["value"]
                 and g.fields["metric"] == f.fields["metric"] and _within(g.fields, f.fields)
                 and (g.fields["star"] == f.fields["star"] or "star.all_certified" in f.fields["rules"])]
        if not same and len(finer) != 1 and f.fields.get("scope_basis") == "default":
            # placed by no word of its own: the one place the body states for it, the country's too ('Thêm 21 sản
            # phẩm OCOP 5 sao' over '… Hội đồng OCOP cấp Quốc gia đã công nhận 21 sản phẩm đạt 5 sao')
            finer = [g for g in body if g.unit == f.unit and g.fields["value"] == f.fields["value"]
                     and g.fields["metric"] == f.fields["metric"] and g.fields["star"] == f.fields["star"]
                     and g.fields.get("scope_basis") == "stated"]
        if not same and len(finer) == 1:
            _take(f, finer[0], "scope.headline_of_figure", place=True)   # 'Bắc Kạn: thêm 2 sản phẩm OCOP' over
            continue                                                    # '… 2 sản phẩm … của 2 hộ ở huyện Ba Bể'
        if decided and not same and _decided(f, infos[0]):
            parts.read_as_added(f, "kind.headline_of_decision")
            continue
        if f.fields["kind"] == "target" and f.fields["as_of"] is None:
            aims = [g for g in body if g.fields["kind"] == "target" and g.fields["metric"] == f.fields["metric"]
                    and g.fields["as_of"]]
            if len({g.fields["as_of"] for g in aims}) == 1:    # 'Hưng Yên phấn đấu có thêm 35 sản phẩm OCOP'
                f.fields.update({k: aims[0].fields[k] for k in ("as_of", "period", "time_basis")})
                f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith("time.")] + ["time.headline_of_aims"]
            continue
        if f.fields["kind"] == "total" and f.fields.get("kind_basis") != "stated":
            g = next((g for g in same if g.fields["star"] == f.fields["star"] and g.fields["kind"] not in ("total", "target")
                      and g.fields.get("kind_basis") != "default"), None)   # (a headline with no plan word is no target)
            if g is not None:
                _take(f, g, "kind.headline_of_figure")
                continue
        classes = {g.fields["star"] for g in same}
        if "star.all_certified" in f.fields["rules"] and len(classes) == 1 and "3+" not in classes:
            _take(f, same[0], "star.headline_of_figure")
            continue
        if f.fields.get("time_basis") == "stated":
            _time_from_headline(f, body, figures)
        if f.fields.get("time_basis") == "published":
            told = [g for g in body if g.unit == f.unit
                    and all(g.fields[k] == f.fields[k] for k in ("metric", "star", "scope", "kind"))
                    and (g.fields["value"] == f.fields["value"] or headline_rounds(f.fields, g.fields["value"]))]
            g = next((g for g in told if g.fields.get("time_basis") == "stated"), None)
            if any(h.fields.get("time_basis") == "published" and h.fields.get("approx") in (None, "exact") for h in told):
                g = None        # (the body gives it exactly for now too)
            if g is not None:
                f.fields.update({k: g.fields[k] for k in ("as_of", "period", "time_basis")})
                f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith("time.")] + ["time.headline_of_figure"]


def _time_from_headline(f: Figure, body: list[Figure], figures: list[Figure]) -> None:
    """The body gives the headline's figure again with no time of its own (`Quảng Ngãi: Năm 2023 công nhận 40
    sản phẩm OCOP` over `UBND tỉnh đã công nhận 40 sản phẩm OCOP, trong đó …`): it and its parts take the year
    the headline states."""
    for g in body:
        if g.unit == f.unit and g.fields.get("time_basis") == "published" \
                and all(g.fields[k] == f.fields[k] for k in ("value", "metric", "star", "scope", "kind")):
            for h in [g] + [p for p in figures if p.parent is g and "time.part_of_figure" in p.fields["rules"]]:
                h.fields.update({k: f.fields[k] for k in ("as_of", "period", "time_basis")})
                h.fields["rules"] = [r for r in h.fields["rules"] if not r.startswith("time.")] + ["time.of_headline"]


def _decided(f: Figure, headline) -> bool:
    """A headline's stock read for want of a cue (`kind.default_total`) whose number is said to be recognized
    (`15 sản phẩm được công nhận OCOP`, `15 sản phẩm của Lào Cai được công nhận`)."""
    right = headline.sentence.doc_text[f.end:headline.end]
    return "kind.default_total" in f.fields["rules"] and cues.has(right[:40], "kind", "added_after")


ROUNDING = 0.1
"""How far a headline's rounded figure (`gần 400`, `hơn 16.000`) may be from the body's exact one."""


def headline_rounds(f: dict, exact: float) -> bool:
    """A headline's qualified figure `f` rounds `exact`: on the side its qualifier says, within ROUNDING.

    >>> headline_rounds({"value": 400, "approx": "about"}, 398), headline_rounds({"value": 16000, "approx": "over"}, 16194)
    (True, True)
    >>> headline_rounds({"value": 400, "approx": "over"}, 398), headline_rounds({"value": 400, "approx": "exact"}, 398)
    (False, False)
    """
    value, approx = f["value"], f.get("approx")
    if approx not in ("about", "over", "under") or not value or abs(exact - value) > ROUNDING * value:
        return False
    return approx == "about" or (exact > value) == (approx == "over")
