"""What a count read as a stock for want of a cue carries from what came before it:

- a list's lead, the sentence a list's items follow (`Năm 2024, UBND tỉnh Lạng Sơn công nhận 10 sản phẩm
  OCOP, gồm:`, `Kết quả:`, `Số sản phẩm OCOP được công nhận qua các năm:`): an item that says nothing of
  what happened to its products (`- Huyện Hữu Lũng: 4 sản phẩm;`) is of the lead's figure of its unit (its
  kind, and its time unless the item states one), or else of the kind the lead's words say;
- the addition of the sentence before: a district line of a province's addition (`Các huyện có nhiều sản
  phẩm là Quỳnh Lưu (8 sản phẩm) …`), another class of a round (`Hai sản phẩm … vừa đạt 5 sao. Ngoài ra,
  3 sản phẩm đạt 4 sao`).
"""
from __future__ import annotations

import regex

from .. import basis as reading_basis
from ..gazetteer.provinces import absorbed_into
from ..gazetteer.resolve import on_new_map
from . import cues, figures, parts
from .classes import ONE_CLASS
from .parts import Figure


def item_of_lead(lead: tuple | None, unit: str, metric: str | None, relation: str | None, item_left: str
                 ) -> tuple[str, str, Figure | None] | None:
    """(kind, rule, the lead's figure or None) for a list item's count read as a stock for want of a cue
    (`item_left`: the item's words before it); None when the lead says nothing of it, or the item names a
    stock (`- Tổng số sản phẩm OCOP còn hiệu lực: 150 sản phẩm`)."""
    if lead is None or cues.has(item_left, "kind", "total_before") or cues.has(item_left, "kind", "now_cues"):
        return None
    text, done = lead
    f = next((f for f in reversed(done) if f.unit == unit and f.fields["metric"] == metric
              and f.fields["kind"] in ("added", "total")), None)
    if f is not None and f.fields["evidence"]["sentence"] == text:
        return f.fields["kind"], "kind.item_of_lead", f
    result = parts.reports_result(text, "")
    if _UP_TO_DATE.search(text):
        relation = "until"      # 'Kết quả nổi bật đến tháng 8/2023:': what the list holds up to then
    kind, rule = figures.kind_of(text, text, "", False, relation, False, True, result=result)
    if f is not None and kind in ("total", f.fields["kind"]):
        return f.fields["kind"], "kind.item_of_lead", f
    #   (a label that says what its list is, 'Số sản phẩm được công nhận năm 2021 theo địa phương:', is
    #   read for itself, not by the figures before it)
    return (kind, f"kind.item_of_lead:{rule}", None) if kind != "total" else None


_UP_TO_DATE = regex.compile(r"(?<![\p{L}\p{M}])(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày|tháng|năm|nay|\d)",
                         regex.IGNORECASE)


def opener_whole(wholes: list[Figure], opening: str = "") -> Figure | None:
    """The whole that parts opening a sentence detail (`wholes`: the sentence before's, last first): the last
    one counting rated things, but not a change of a stock the sentence names too (`… có 218 sản phẩm OCOP,
    tăng 42 sản phẩm so với năm 2021. Trong đó, huyện Khoái Châu có 31 sản phẩm`: the 218's); the addition or
    the stock the opening names (`… có thêm 62 sản phẩm, nâng tổng số lên 364. Trong số sản phẩm mới được công
    nhận, có 19 …`: the 62's)."""
    rated = [f for f in wholes if f.fields["metric"] is not None]
    named = _NAMES_NEW.match(opening) and "added" or _NAMES_STOCK.match(opening) and "total"
    if named:       # (none when the sentence before gave no such whole: 'công nhận 98 sản phẩm. Trong số sản phẩm
        return next((f for f in rated if f.fields["kind"] == named), None)     # hiện có, 2 sản phẩm đạt 5 sao')
    first = rated[0] if rated else wholes[0] if wholes else None
    if first is not None and "kind.increase" in first.fields["rules"]:
        return next((f for f in rated[1:] if f.fields["kind"] == "total"), first)
    return first


_NAMES_NEW = regex.compile(r"\W*trong\s+(?:số\s+)?(?:các\s+|những\s+)?sản phẩm\s+(?:mới|vừa|được công nhận|được chứng nhận)",
                        regex.IGNORECASE)
_NAMES_STOCK = regex.compile(r"\W*trong\s+(?:số\s+)?(?:các\s+|những\s+)?sản phẩm\s+(?:OCOP\s+)?(?:hiện có|còn hiệu lực|hiện nay)",
                          regex.IGNORECASE)


def line_level(level: str | None, scope_rule: str, scope: str | None = None, ctx=None, info=None, n=None) -> str | None:
    """The level of a count's place as a line of a list of places: none for the article's own district (a
    count placed nowhere in a district's article) or a district named after `của`/`tại` in its sentence; an
    old province the article's province absorbed in the 2025 reform is one of its parts, as a district
    (`UBND tỉnh Ninh Bình công nhận 86 sản phẩm … Khu vực Nam Định (cũ) có 41 sản phẩm`), and so is the old
    province of the new one's name, said to be old before the number `n` in its sentence `info` (`khu vực
    Quảng Ngãi (cũ) có 26 sản phẩm`)."""
    if scope_rule in ("scope.article_district", "scope.district_after_lead"):
        return None
    if level == "province" and ctx is not None and ctx.published is not None and on_new_map(ctx.published) \
            and (absorbed_into(scope or "", ctx.main_place)
                 or scope == ctx.main_place and info is not None and named_old(info, n, scope)):
        return "district"
    return level


_OLD = regex.compile(r"\s*\(?\s*cũ(?![\p{L}\p{M}])", regex.IGNORECASE)


def named_old(info, n, scope: str | None) -> bool:
    """The count's sentence names its place before it as an old one (`khu vực Quảng Ngãi (cũ)`)."""
    return any(p.value["name"] == scope and p.end <= n.start and _OLD.match(info.sentence.doc_text, p.end)
               for p in info.places)


def carried_kind(state, info, n, unit: str, star: str | None, metric: str | None, relation: str | None,
                 level: str | None, after_another: bool, dated: bool) -> tuple[str, str, Figure | None] | None:
    """(kind, rule, the figure it is carried from) for a count read as a stock for want of a cue that goes on
    with what came before: a district line of a province's addition, another class of a round (undated,
    `carried_addition`), a list item under its lead (`item_of_lead`); None otherwise."""
    opening = info.text[:n.start - info.start]     # (words before the number: none when it opens the sentence)
    carried = carried_addition(state.wholes, unit, star, info.text, level, after_another, n.value.get("value"),
                               opening) \
        if not dated else None
    if carried is None and not dated and level in ("district", "commune") and state.decision is not None \
            and state.decision.unit == unit and isinstance(n.value.get("value"), int) \
            and n.value["value"] < state.decision.fields["value"]:
        carried = (state.decision, "district_line_of_decision")   # '… công nhận 77 sản phẩm … ¶ Huyện Quỳnh Lưu có 11 …'
    if carried is None and not dated and level == "province" and _detail_of_decision(state, info, n, unit, metric,
                                                                                      star, opening):
        carried = (state.decision, "detail_of_decision")   # '… công nhận 31 sản phẩm. ¶ Đáng chú ý, có 2 sản phẩm …'
    if carried is None and not dated and not after_another and metric == "ocop_products" \
            and _owner_counted(info, n):
        # 'Kết quả đợt 2, có 41 sản phẩm đạt … Công ty X có 3 sản phẩm …' (a province's round or the country's, in
        # the paragraph or right before it; a district's, in the sentence before: 'UBND huyện X trao giấy chứng nhận
        # cho 9 sản phẩm. … trong đó HTX Y có 2 sản phẩm')
        f = addition_of_paragraph(state.wholes, unit) or (
            state.decision if state.decision is not None and state.decision.unit == unit else None) or next(
            (w for w in state.wholes[-1:] if w.unit == unit and w.fields["kind"] == "added"
             and w.fields["scope_level"] == "district" and w.fields["metric"] == "ocop_products"), None)
        carried = (f, "owner_in_round") if f is not None and f.fields["scope_level"] in ("province", "country", "district") \
            and not (f.fields.get("status") == "renewed" and not f.fields.get("organization")) else None
        #   (a place's renewals are no round: 'Có 15 sản phẩm đã được cấp lại giấy chứng nhận. ¶ Công ty X có 5 …')
    if carried is not None:
        return "added", f"kind.{carried[1]}", carried[0]
    return item_of_lead(state.lead, unit, metric, relation, info.sentence.doc_text[info.start:n.start])


DETAIL_OPENS = regex.compile(rf"\W*(?:{cues.longest_first(cues.words('parts', 'detail_openers'))})(?![\p{{L}}\p{{M}}])",
                           regex.IGNORECASE)


def _detail_of_decision(state, info, n, unit: str, metric: str | None, star: str | None, opening: str) -> bool:
    """A count of the decision's place in a sentence opening with a detail's words (`Đáng chú ý`, `Xét theo
    nhóm`), or with the count of one class (`Bảy sản phẩm đạt hạng 4 sao`), in the paragraphs after it: a part
    of what it recognized, no larger."""
    d = state.decision
    return d is not None and d.unit == unit and metric == d.fields["metric"] \
        and isinstance(n.value.get("value"), int) and isinstance(d.fields["value"], int) \
        and n.value["value"] < d.fields["value"] \
        and (bool(DETAIL_OPENS.match(info.text)) or star in ONE_CLASS and bool(_BULLET.fullmatch(opening))
             and bool(_RATED_AFTER.match(info.sentence.doc_text, n.end)))


_RATED_AFTER = regex.compile(r"[^,;.()\d]{0,25}?\s(?:đều\s+)?(?:đạt|được\s+(?:công nhận|chứng nhận|xếp))(?![\p{L}\p{M}])",
                          regex.IGNORECASE)
"""The count's products are said to reach their class (`Bảy sản phẩm đạt hạng 4 sao`), not to hold it (`Bốn sản
phẩm 5 sao của vùng gồm …`)."""


_OWNER_HAS = regex.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:hiện\s+)?(?:có|với)\s*", regex.IGNORECASE)
_PRODUCTS_OF = regex.compile(r"\s*(?:OCOP\s+)?(?:[^,;.()\d]{0,30}?\s)?của\s*", regex.IGNORECASE)


def _owner_counted(info, n) -> bool:
    """The count is a business's products: its subject (`Công ty X có 3 sản phẩm`, `… như Công ty X có 2 sản
    phẩm`) or its owner after it (`Hai sản phẩm của Doanh nghiệp tư nhân X đạt 4 sao`)."""
    text = info.sentence.doc_text
    return any(o.end <= n.start and (_SUBJECT_BEFORE.fullmatch(text, info.start, o.start)     # ('HTX X, ấp Y có 2 …')
                                     or _OWNER_HAS.fullmatch(text, o.end, n.start))
               or n.end <= o.start and _PRODUCTS_OF.fullmatch(text, n.end, o.start) for o in info.businesses())


_SUBJECT_BEFORE = regex.compile(r"\W*(?:Riêng\s+|Trong đó,?\s+)?", regex.IGNORECASE)
"""Before a business opening its sentence, its subject."""


LINE_RULES = {"kind.district_line_of_addition", "kind.district_line_of_decision"}


def addition_detailed(of: Figure) -> Figure:
    """The addition that `of`, the figure a district line was carried from, details: the addition it is a
    line or a part of (`công nhận 25 sản phẩm. Có 17 sản phẩm công nhận mới, 8 sản phẩm công nhận lại.`)."""
    while of.addition is not None or of.parent is not None:
        of = of.addition or of.parent
    return of


def rated_line(of: Figure | None, kind_rule: str, metric: str | None, star: str | None, rules: list[str]) -> tuple:
    """(metric, star, rules) of a district line of an addition of rated products, whose words name a kind of
    product and no rating (`… công nhận 23 sản phẩm OCOP. Huyện Gò Dầu có 4 sản phẩm muối tôm.`): rated."""
    if of is None or kind_rule not in LINE_RULES or "metric.products_unrated" not in rules \
            or of.fields["metric"] != "ocop_products":
        return metric, star, rules
    rules = [r for r in rules if not r.startswith(("metric.", "star."))]
    return "ocop_products", "3+", rules[:1] + ["metric.line_of_addition", "star.all_certified"] + rules[1:]


def class_of_line(state, unit: str, n, kind: str, star: str | None, rules: list[str], category: str | None) -> tuple:
    """(star, rules) of an addition that names no class of its own, smaller than the paragraph's addition of
    one class before it (`… nâng hạng cho 7 sản phẩm từ 3 sao lên 4 sao. Thị xã Đông Triều có 3 sản phẩm
    được nâng hạng.`): a part of it, of its class (a product group's is a split by group, of no class; an
    item of a list of classes, `- Sản phẩm đạt 3 sao: 32 sản phẩm`, is one class of a round of several)."""
    if kind != "added" or "star.all_certified" not in rules or category is not None:
        return star, rules
    last = next((f for f in reversed(state.wholes) if f.unit == unit), None)
    of = last if last is not None and "star.of_addition" in last.fields["rules"] else addition_of_paragraph(state.wholes, unit)
    classes = {f.fields["star"] for f in state.wholes if f.unit == unit and f.fields["metric"] == "ocop_products"}
    if of is None or of.parent is not None or of.fields["star"] not in ONE_CLASS or of.fields["metric"] != "ocop_products" \
            or len(classes) > 1 or any(r.startswith("kind.item_of_lead") for r in of.fields["rules"]) \
            or not isinstance(n.value.get("value"), int) or not isinstance(of.fields["value"], int) \
            or n.value["value"] >= of.fields["value"]:
        return star, rules
    return of.fields["star"], [r for r in rules if r != "star.all_certified"] + ["star.of_addition"]


def settle_lines(read: list[Figure], ctx) -> None:
    """Places' counts read as the district lines of an addition (`Năm 2023, tỉnh công nhận 86 sản phẩm. TP
    Đà Lạt dẫn đầu với 74 sản phẩm, tiếp đến là TP Bảo Lộc với 52 sản phẩm`) that add up to more than it,
    and than any addition of its time read before them, are no breakdown of it: each is its place's stock,
    held now. (Businesses' counts are another breakdown of the round, and a list its addition leads with a
    colon is one whatever its sum.)"""
    lines: dict[tuple, list[int]] = {}
    for i, f in enumerate(read):
        if f.addition is not None and f.fields["organization"] is None:
            lines.setdefault((id(f.addition), f.fields["scope_level"]), []).append(i)
    for group in lines.values():
        whole = read[group[0]].addition
        values = {read[i].fields["scope"]: read[i].fields["value"] for i in group}
        if not all(isinstance(v, int) for v in values.values()) or whole.fields["evidence"]["sentence"].rstrip().endswith(":") \
                or sum(values.values()) <= max((f.fields["value"] for f in read[:group[0]] if _alike(f, whole)), default=0):
            continue
        as_of, basis = ctx.now()
        for f in (read[i] for i in group):
            f.fields.update(kind="total", as_of=as_of, period=None, time_basis=basis)
            f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith(("kind.", "time."))] + \
                ["kind.lines_exceed_addition", "time.article_now"]
            f.fields["kind_basis"] = reading_basis.kind_basis(f.fields["rules"])


def _alike(f: Figure, whole: Figure) -> bool:
    """`f` is an addition of what `whole` adds, in its year, of no business."""
    year = lambda g: (g.fields["period"] or g.fields["as_of"] or "")[:4]     # noqa: E731
    return f.fields["kind"] == "added" and f.unit == whole.unit and f.fields["metric"] == whole.fields["metric"] \
        and f.fields["organization"] is None and isinstance(f.fields["value"], int) and year(f) == year(whole)


def addition_of_paragraph(wholes: list[Figure], unit: str) -> Figure | None:
    """The paragraph's last whole figure when it is a province's (or the country's) addition, or a district
    line of one (`… vừa công nhận 11 sản phẩm. Huyện Lâm Hà có 4 sản phẩm. Thành phố Bảo Lộc có 4 sản phẩm.`)."""
    f = next((f for f in reversed(wholes) if f.unit == unit), None)
    return f if f is not None and f.fields["kind"] == "added" and (
        f.fields["scope_level"] in ("province", "country") or "kind.district_line_of_addition" in f.fields["rules"]) \
        else None


_GOES_ON = regex.compile(rf"[\s\-–•*]*(?:\d|(?:{cues.longest_first(cues.words('parts', 'round_goes_on'))})(?![\p{{L}}\p{{M}}]))",
                       regex.IGNORECASE)


_BULLET = regex.compile(r"[\s\-–•*]*")
"""What may stand before a number that opens its sentence (`Chín sản phẩm còn lại đạt hạng 3 sao`)."""


_MOST = regex.compile(r"(?<![\p{L}\p{M}])nhiều\s+[^,;.()]{0,30}?\s+nhất(?![\p{L}\p{M}])", regex.IGNORECASE)
"""`có nhiều sản phẩm 5 sao nhất`: a ranking of places, by their stocks."""


def carried_addition(wholes: list[Figure], unit: str, star: str | None, sentence: str, level: str | None,
                     after_another: bool, value=None, opening: str = "") -> tuple[Figure, str] | None:
    """The addition of the sentence before that a stock-looking count goes on with, and the rule: a line of
    the list that details the paragraph's addition (`district_line_of_addition`, `_line_of`), another class
    of a round (`class_of_round`, the sentence's first count)."""
    if level in ("district", "commune", "province"):
        f = addition_of_paragraph(wholes, unit)
        if _line_of(f, level, value, sentence):
            return f, "district_line_of_addition"
        if level != "province":
            return None
    f = class_of_round(wholes, unit, star, sentence, opening) if not after_another else None
    if f is not None:
        return f, "class_of_round"
    f = addition_of_paragraph(wholes, unit)
    if f is not None and not after_another and (star in ONE_CLASS or star is None) and DETAIL_OPENS.match(sentence) \
            and isinstance(value, int) and isinstance(f.fields["value"], int) and value < f.fields["value"]:
        return f, "detail_of_round"     # '… trong đó 19 sản phẩm đạt từ 3 sao trở lên. Đáng mừng là có 4 sản phẩm
    return None                         # đạt 4 sao', '… Xét theo nhóm, thực phẩm có 14 sản phẩm, đồ uống 7 …'


def _line_of(f: Figure | None, level: str, value, sentence: str) -> bool:
    """Whether a count of a place at `level` (`value`) is a line of the list that details `f`, the
    paragraph's addition or its line before (a business's count in the round is one too, placed where the
    business is: `Công ty X (Quảng Nam) có 2 sản phẩm đạt 5 sao. Các tỉnh A, B mỗi tỉnh có 1 sản phẩm`): a
    district's (or commune's) of a province's addition, a province's of the country's; no larger than the
    addition (a line after a line may be); a province's
    not in a sentence that ranks places by their stocks (`dẫn đầu`, `có nhiều sản phẩm 5 sao nhất`) nor
    after a stock's rise (`tăng 1,2 nghìn sản phẩm`)."""
    if f is None:
        return False
    line = "kind.district_line_of_addition" in f.fields["rules"] or "kind.owner_in_round" in f.fields["rules"]
    if isinstance(value, int) and isinstance(f.fields["value"], int) and value > f.fields["value"] and not line:
        return False
    if level != "province":
        return True
    if cues.has(sentence, "kind", "ranking_words") or _MOST.search(sentence) or "kind.increase" in f.fields["rules"]:
        return False
    return f.fields["scope_level"] == "country" or line and f.fields["scope_level"] == "province"


def class_of_round(wholes: list[Figure], unit: str, star: str | None, sentence: str, opening: str = "") -> Figure | None:
    """The addition of one class the sentence before gave, when this sentence goes on with another class of
    the same round, opening with its number or `Ngoài ra` (`Hai sản phẩm OCOP của Hòa Bình vừa đạt 5 sao.
    Ngoài ra, 3 sản phẩm đạt 4 sao.`): the round's, in its time."""
    f = next((f for f in reversed(wholes) if f.unit == unit), None)
    return f if f is not None and star in ONE_CLASS and f.fields["kind"] == "added" \
        and f.fields["metric"] == "ocop_products" and f.fields["star"] in ONE_CLASS \
        and (_GOES_ON.match(sentence) or _BULLET.fullmatch(opening)) else None
