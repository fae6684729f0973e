"""What a number counts: its metric and kind (its unit: `units.py`, its status: `statuses.py`), read from the
clause around it. Each function returns its answer and the name of the rule that gave it."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import averages, compared, cues, growth, unrated
from .statuses import new_and_renewed, status_of
from .analysis import SentenceInfo

_OWNERS_RIGHT = regex.compile(rf"^\s*(?:OCOP\s+)?(?:{cues.longest_first(cues.words('owners', 'lead'))})\s+\d[\d.]*\s+"
                           rf"(?:{cues.longest_first(cues.words('owners', 'units'))})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
"""The count of the products' owners right after it (`… của 6 chủ thể`): what follows is still said of the products."""

_PASSIVE_WITH_AGENT = regex.compile(
    rf"^\s*(?:\p{{L}}+\s+){{0,3}}?được\s+(?:{cues.longest_first(cues.words('kind', 'passive_agents'))})\s[^,;:()]{{0,50}}?"
    rf"(?:công nhận|chứng nhận|cấp giấy chứng nhận|xếp hạng)(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
_BARE_FOLLOWER = regex.compile(rf"^\s*(?:{cues.longest_first(cues.words('metric', 'bare_followers'))})(?![\p{{L}}\p{{M}}])|^\s*[.!?…]",
                               regex.IGNORECASE)
_RERATED_RIGHT = regex.compile(rf"\s*(?:OCOP\s+)?(?:(?:đã|được|bị)\s+)*(?:{cues.longest_first(cues.words('kind', 'class_changed_after'))})"
                            r"(?![\p{L}\p{M}])", regex.IGNORECASE)
"""Right after the counted noun: the products were raised or lowered a class (`Năm 2024, Bắc Giang có 4 sản
phẩm nâng hạng`), an event of the year."""
_HELD_POTENTIAL = regex.compile(r"(?<![\p{L}\p{M}])(?:chưa|không)\s+đạt[^.;()]*?tiềm năng", regex.IGNORECASE)
"""A product that failed 5 stars and holds the class below (`1 sản phẩm chưa đạt và được xếp hạng tiềm năng 5 sao`)."""
_STOCK_NAMED = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('kind', 'stock_named'))})"
                             rf"(?![\p{{L}}\p{{M}}])(?:(?!được|công nhận|chứng nhận|thêm)[^,;.()]){{0,40}}?"
                             rf"(?:(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('kind', 'stock_links'))})|:)\s*$",
                             regex.IGNORECASE)
_DONE_AFTER_TARGET = regex.compile(r"[,;]\s*(?:(?:hiện|nay|hiện nay|đến nay|đến tháng \d{1,2})\s*,?\s*)?(?:\p{L}+\s+){0,2}?"
                                   r"(?:đã có|đã được|đã công nhận|hiện có)\s*$", regex.IGNORECASE)
"""What was done, said after a plan in its sentence (`Tỉnh phấn đấu năm 2024 có 370 sản phẩm, hiện đã có 324`):
not the plan's."""
_LIST_PHRASE_END = regex.compile(r"[;:()]")    # a noun phrase whose words may be listed with commas

_DISPLAY_LINK = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('metric', 'display_links'))})"
                              rf"(?:\s+(?:hội chợ|triển lãm|phiên chợ|sự kiện|tuần lễ)(?:\s+(?:lần này|này|năm nay))?)?\s*$",
                              regex.IGNORECASE)


_POINTS_NAMED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])số\s+điểm\s+(?:giới thiệu|bán|trưng bày)[^,;.()\d]{0,40}$",
                                     regex.IGNORECASE)
_MOST_PRODUCTS = int(cues.words("metric", "most_products"))


def metric_of(unit: str, n: Match, left: str, right_np: str, sentence: str, around: str, star: Match | None,
              parent_metric: str | None, ocop_article: bool, category: str | None = None,
              sentence_left: str = "", right: str = "", right_start: int = 0,
              parent_rule: str | None = None, each: bool = False) -> tuple[str | None, str]:
    if n.value.get("form") == "vague":
        return None, "metric.vague"
    if unit == "%":
        return None, "metric.percent"
    if unit == cues.words("metric", "products_unit"):
        diff = cues.right_before(left, len(left), "metric", "difference_cues") or compared.difference_with(left)
        if diff and cues.has(diff.group(), "metric", "increase_cues") and ocop_article \
                and cues.has(sentence, "metric", "programme_names"):
            return "ocop_products", "metric.increase"      # '196 sản phẩm OCOP, tăng 126 sản phẩm so với …'
        if diff:
            return None, "metric.difference"
        if not each and averages.per_unit(sentence_left, right_np):     # (`each`: said of each of a list of places)
            return None, "metric.per_unit"      # 'mỗi xã có ít nhất 1 sản phẩm', '2-3 sản phẩm/xã'
        if cues.right_before(left, len(left), "metric", "quantity_verbs", window=40):
            return None, "metric.items_sold"      # 'HTX bán ra thị trường khoảng 20.000 sản phẩm'
        if isinstance(n.value.get("value"), (int, float)) and n.value["value"] > _MOST_PRODUCTS:
            return None, "metric.beyond_any_stock"  # 'Mỗi năm, làng nghề sản xuất khoảng 2 triệu sản phẩm'
        if star is not None and star.rule == "stars.potential_lower":
            return None, "metric.potential_lower"      # 'tiềm năng 4 sao': no class, no rating
        if unrated.not_rated_yet(left, sentence_left, right, right_np, star, right_start) \
                or parent_rule == "metric.not_rated_yet":
            return None, "metric.not_rated_yet"     # proposed, not rated: 'đề nghị xét công nhận 4 sản phẩm'
        if unrated.failed(right, left) and not (star is not None and star.value["star"] == "5p"
                                                and _HELD_POTENTIAL.search(right)):
            return None, "metric.failed"        # a round's products that did not pass: '6 sản phẩm không đạt'
            #   (but one that failed 5 stars and holds 'tiềm năng 5 sao' is rated)
        # ('99 món hàng/44 sản phẩm' on a platform: two counts of one phrase share the words before it)
        lead = sentence_left[-80:] if left.rstrip().endswith("/") else left[-60:]
        if cues.has(lead, "metric", "subset_cues") or cues.has(right_np, "metric", "subset_cues") \
                or parent_rule == "metric.subset" or (cues.right_before(left, len(left), "metric", "transfer_verbs")
                                                      and (cues.has(right.split(";", 1)[0], "metric", "subset_cues")
                                                           or _BROUGHT_TO.match(right_np))):
            return None, "metric.subset"     # '99 món hàng/44 sản phẩm' on an e-commerce platform, 'đưa 5 sản
            #                                  phẩm gồm mận sấy, chè … lên kệ hàng'
        if (cues.has(sentence_left, "metric", "display_words") and _DISPLAY_LINK.search(left)) \
                or parent_rule == "metric.on_display":
            return None, "metric.on_display"    # '150 gian hàng … với hơn 2.000 sản phẩm OCOP' at a fair
        if category and ocop_article:
            return "ocop_products", "metric.products_category"
        own_np = right_np[:star.start - right_start] if star is not None and right_start <= star.start else right_np
        if cues.has(own_np, "metric", "not_products"):     # (not what the sentence says after the class:
            return None, "metric.other_products"            # '3 sản phẩm đạt 3 sao là đơn vị tiêu biểu')
        if star is not None or "OCOP" in right_np[:30]:
            return "ocop_products", "metric.products_star" if star is not None else "metric.products_ocop"
        if parent_metric == "ocop_products":
            return "ocop_products", "metric.products_parent"
        if cues.has(sentence, "metric", "rating_cues"):
            return "ocop_products", "metric.products_rating"
        if (ocop_article or cues.has(around, "metric", "programme_names")) \
                and (not right_np.strip() or _BARE_FOLLOWER.match(right_np)):
            # ('… đến năm 2025 có 400 sản phẩm OCOP. Hiện tỉnh có 356 sản phẩm.': the programme named just before)
            return "ocop_products", "metric.products_of_the_programme"
        return None, "metric.products_unrated"
    if unit == cues.words("metric", "subjects_unit") and (ocop_article or right_np.lstrip().startswith("OCOP")):
        if cues.has(right_np[:30], "metric", "participation_cues") or cues.has(right_np[:30], "metric", "proposal_cues"):
            return None, "metric.subjects_taking_part"      # '31 chủ thể tham gia Chương trình', 'đăng ký'
        return "ocop_subjects", "metric.subjects"       # '110 chủ thể OCOP' says it of itself
    if unit == cues.words("metric", "sales_points_unit") \
            and (cues.has(_LIST_PHRASE_END.split(right, maxsplit=1)[0][:60], "metric", "sales_points_cues")
                 or parent_metric == "ocop_sales_points"      # '…, trong đó huyện Chương Mỹ có 8 điểm'
                 or _POINTS_NAMED_BEFORE.search(left[-60:])):    # 'nâng tổng số điểm bán lên 30 điểm'
        return "ocop_sales_points", "metric.sales_points"    # '120 điểm giới thiệu, bán sản phẩm OCOP'
    if unit == cues.words("metric", "centers_unit") and ocop_article \
            and (cues.has(around, "metric", "centers_cues") or right_np.lstrip().startswith("OCOP")):
        return "ocop_centers", "metric.centers"     # '8 trung tâm OCOP', '2 trung tâm thiết kế sáng tạo'
    return None, "metric.none"


def settled_by_scope(n: Match, metric: str | None, star: str | None, rules: list[str], scope_rule: str,
                     level: str | None, round_result: bool | str) -> tuple[str | None, str | None, list[str]]:
    """What the figure's place says of its metric:

    - the whole of an X/Y in a round's result (`round_result`), not said to be a place's stock, or followed
      by what X reached with no OCOP in its noun phrase (`round_result` "pool": `18/25 sản phẩm của Lạng Sơn
      đạt chuẩn OCOP 3 sao`), is the products evaluated, not rated (`Kết quả, có 29/31 sản phẩm đạt …`; but
      `2.167/9.852 sản phẩm … của cả nước`, `33/55 sản phẩm 4 sao của tỉnh`, and `Tỷ lệ sản phẩm 4 sao đạt
      25/245 sản phẩm`, no round's);
    - a share whose place is the country itself is no share of the country (`7.360 chủ thể OCOP, trong đó
      2.426 hợp tác xã (chiếm 33%)` in a national article).
    """
    rule = None
    of_place = scope_rule in ("scope.whole_of_country", "scope.whole_of_place")
    if n.value.get("of_role") == "whole" and metric == "ocop_products" \
            and (round_result == "pool" or round_result and not of_place):
        rule = "metric.evaluated_pool"
    elif metric == "share_of_national" and level == "country":
        rule = "metric.percent"
    if rule is None:
        return metric, star, rules
    return None, None, [r for r in rules if not r.startswith(("metric.", "star"))] + [rule]


_RESULT_AFTER = regex.compile(r"(?P<np>[^,;.()\n]{0,50}?)[ \t](?:đã\s+|được\s+)?(?:đạt|công nhận)(?![\p{L}\p{M}])",
                              regex.IGNORECASE)
_OF_PLACE_AFTER = regex.compile(r"[^,;.()\n]{0,30}?[ \t](?:của|trên)\s+(?:toàn\s+)?(?:tỉnh|thành phố|huyện|thị xã|cả nước|địa bàn)"
                                r"(?![\p{L}\p{M}])", regex.IGNORECASE)


def result_after_whole(text: str, n: Match, end: int) -> str | None:
    """The whole of an X/Y followed by what X reached (`18/25 sản phẩm của Lạng Sơn đạt chuẩn OCOP 3 sao`):
    the class is X's, and Y is the products put to the round (`pool`), or the stock of OCOP products its
    noun phrase names (`33/55 sản phẩm OCOP của tỉnh đạt 4 sao`: `stock`); None for other numbers.

    >>> from ..matchers import numbers
    >>> t = "18/25 sản phẩm của Lạng Sơn đạt chuẩn OCOP 3 sao"
    >>> y = numbers.match(t)[1]
    >>> result_after_whole(t, y, y.end + 9), result_after_whole("33/55 sản phẩm OCOP của tỉnh đạt 4 sao", y, 14)
    ('pool', 'stock')
    """
    if n.value.get("of_role") != "whole" or (m := _RESULT_AFTER.match(text, end)) is None \
            or _OF_PLACE_AFTER.match(text, m.end()):
        return None     # ('33/55 sản phẩm đạt 4 sao của tỉnh': the province's 4-star products, 33 of them here)
    return "stock" if "OCOP" in m.group("np") else "pool"


def is_share(unit: str, left: str, info: SentenceInfo) -> bool:
    """A place's percentage of the country (`chiếm 22% của cả nước`, `Hà Nội đóng góp hơn 20%`)."""
    return unit == "%" and cues.has(left[-30:], "metric", "share_cues") and any(
        p.value["level"] == "country" for p in info.places)


_RATED_DURING = regex.compile(r"\s*(?:OCOP\s+)?(?:đạt|được\s+(?:công nhận|chứng nhận|xếp hạng))[^,;.()]{0,30}?"
                           r"(?<![\p{L}\p{M}])trong\s+(?:năm|đợt|kỳ|tháng|quý|giai đoạn)(?![\p{L}\p{M}])", regex.IGNORECASE)
"""Rated in a stretch of time said after the count and its rating: what that stretch added."""
_REACHES = regex.compile(r"\s*(?:OCOP\s+)?(?:đều\s+)?đạt\s+(?:chuẩn|hạng|OCOP|[345]\s*sao)", regex.IGNORECASE)
_BROUGHT_TO = regex.compile(r"[^,;.()]{0,40}?\s(?:về|ra|đến|tới)\s+(?-i:\p{Lu})", regex.IGNORECASE)
"""Products brought to a place (`Lào Cai đưa 120 sản phẩm OCOP về Thủ đô`): those shown or sold there."""
_PREVIOUS_PREDICATE = regex.compile(r"^\s*(?:đã\s+)?được\s+(?:công nhận|chứng nhận)[^,;.()\d]{0,20}?(?:,|\s+và)\s*",
                                    regex.IGNORECASE)
"""What the count before says happened to it, joined to this one (`có 9 làng nghề được công nhận và 87 sản phẩm
OCOP`): that count's, not this one's."""


def kind_of(left_clause: str, kind_window: str, right: str, plan: bool, time_relation: str | None,
            now_in_sentence: bool, rating_in_sentence: bool, result: bool = False,
            span: bool = False, months: bool = False, counted: bool = True, dated: bool = False,
            decided: bool = False) -> tuple[str, str]:
    """total / added / target, and the rule (cue) that decided. `result`: the sentence reports the outcome
    of an evaluation round before the number (`Kết quả, có 9 sản phẩm đạt 4 sao`); `span`: the figure's
    date is a stretch of time (`qua 10 tháng năm 2023`), not a year or a day; `months`: a stretch of months
    (`4 tháng đầu năm có 15 sản phẩm đạt OCOP`: what those months added); `counted`: things are counted,
    not a percentage (`đạt 126,5% kế hoạch` is no plan's value); `dated`: a date of the figure's own, a day
    or a month too (`Tháng 3/2025, 2 sản phẩm được công nhận 3 sao`: what that month added); `decided`: the
    sentence before names a decision that it gives no count of (what is said recognized now is its).

    >>> kind_of("qua 10 tháng năm 2023 tỉnh đã chứng nhận được ", "qua 10 tháng năm 2023 tỉnh đã chứng nhận được ",
    ...         " sản phẩm", False, "during", False, True, span=True)
    ('added', 'kind.achieved_in_period:chứng nhận được')
    >>> kind_of("Năm 2021, tỉnh đã công nhận được ", "Năm 2021, tỉnh đã công nhận được ", " sản phẩm", False, "during",
    ...         False, True)
    ('total', 'kind.total_cue:công nhận được')
    >>> kind_of("Có ", "Có ", " thuộc 5 chủ thể được công nhận 3 sao trong đợt này.", False, None, False, True)
    ('added', 'kind.result_of_round')
    >>> kind_of("Giai đoạn 2021-2025, Hà Nội có ", "Hà Nội có ", " sản phẩm được đánh giá, phân hạng, nâng tổng số "
    ...         "sản phẩm OCOP của thành phố lên ", False, "during", False, True)
    ('added', 'kind.raises_total')
    >>> kind_of("Bình Dương: Phát triển chương trình OCOP với ", "với ", " được công nhận", False, None, False, True)
    ('total', 'kind.default_total')
    """
    kind_window = _PREVIOUS_PREDICATE.sub("", kind_window, count=1)  # ('9 làng nghề được công nhận và 87 sản phẩm')
    right = _OWNERS_RIGHT.sub("", right, count=1)   # ('9 sản phẩm của 6 chủ thể được UBND tỉnh công nhận': the products')
    if growth.FROM.search(kind_window) and (cues.has(right, "kind", "growth_to")
                                            or counted and growth.OPEN_FROM.search(kind_window)):
        return "total", "kind.growth_from"      # 'Từ 38 sản phẩm năm 2019, đến nay … có 260': where it started
    if plan and cues.has(right[:40], "kind", "already_rated_after"):
        return "total", "kind.stock_in_plan"      # '… chất lượng 44 sản phẩm OCOP đã được chứng nhận …'
    done_after = _DONE_AFTER_TARGET.search(kind_window)     # '…, hiện đã có 324 sản phẩm', '…, đã có 3 sản phẩm'
    if plan and not done_after:
        return "target", "kind.plan_paragraph"
    if cues.names_target(left_clause) or (counted and cues.target_named_after(kind_window, right)):
        return "target", "kind.target_named"      # '…, vượt mục tiêu đề ra là 200 sản phẩm', '30 sản phẩm kế hoạch'
    if cues.target(left_clause) and not done_after:
        return "target", "kind.target_cue"
    if "(" in kind_window and cues.measured_target(left_clause[:left_clause.rfind("(")]):
        return "target", "kind.plan_of_measure"    # 'vượt chỉ tiêu kế hoạch 118 sản phẩm (mỗi năm có 400 …)'
    if status_of(right) == "renewed":
        return "added", "kind.renewed"     # 'đến nay, 12 sản phẩm đã được công nhận lại': recognized again, an addition
    if new_and_renewed(right):
        return "added", "kind.new_and_renewed"
    if _STOCK_NAMED.search(kind_window[-90:]):
        return "total", "kind.stock_named"      # 'Năm 2024, số sản phẩm OCOP của tỉnh đạt 210 sản phẩm'
    near = cues.nearest_before(kind_window, len(kind_window),
                               ("total_before", "achieved_before", "added_before", "added_verbs", "have_before"))
    by_agent = bool(_PASSIVE_WITH_AGENT.match(right))
    passive_added = cues.first(right, "kind", "added_after") is not None or by_agent
    cumulative = time_relation in ("until", "until_now") or now_in_sentence
    decided = decided or cues.has(left_clause, "kind", "decision_refs")     # 'Theo Quyết định, có 27 sản phẩm …'
    if not cumulative and (total := cues.last(kind_window, "kind", "decision_sums")) is not None \
            and (decided or time_relation == "during" and cues.has(right, "kind", "added_after")):
        # ('… công nhận kết quả đợt 2. Tổng cộng có 26 sản phẩm', 'Năm 2024, huyện có tổng cộng 14 sản phẩm được
        # công nhận mới và công nhận lại qua 3 đợt')
        return "added", f"kind.sum_of_decision:{total.group().lower()}"
    if near and near[0] == "total_before":
        return "total", f"kind.total_cue:{near[1]}"
    if cues.has(cues.CLAUSE_MARKS.split(right, maxsplit=1)[0], "kind", "stock_after"):
        return "total", "kind.still_valid"      # '… còn 246 sản phẩm OCOP còn hiệu lực'
    if cues.has(right, "kind", "raises_total_after"):
        return "added", "kind.raises_total"     # '… có 1.200 sản phẩm …, nâng tổng số … lên 3.317'
    if cues.has(right, "kind", "just_after") and not cumulative:
        return "added", "kind.just_rated"       # 'Ba sản phẩm của huyện … vừa được UBND tỉnh công nhận'
    if (cues.has(right, "kind", "event_after") or _RERATED_RIGHT.match(right)) and not cumulative:
        return "added", "kind.event_after"      # 'Hai sản phẩm của HTX … được nâng hạng lên 4 sao'
    if near and near[0] == "achieved_before":     # 'đã công nhận được': so far, unless within a stretch
        if time_relation == "during" and span:
            return "added", f"kind.achieved_in_period:{near[1]}"
        return "total", f"kind.total_cue:{near[1]}"
    if near and near[0] == "added_before":
        return "added", f"kind.added_cue:{near[1]}"
    if near and near[0] == "added_verbs":
        if cumulative:
            return "total", f"kind.recognized_up_to_date:{near[1]}"
        return "added", f"kind.added_cue:{near[1]}"
    if status_of(right) and not cumulative:
        return "added", "kind.status_after"     # '3 sản phẩm mới', '7 sản phẩm đánh giá lại'
    if (result or cues.has(right, "kind", "round_after")) and not cumulative:
        return "added", "kind.result_of_round"
    if decided and near is not None and near[0] == "have_before" and not cumulative and _REACHES.match(right):
        return "added", "kind.reached_by_decision"  # 'Theo Quyết định …, huyện X có sáu sản phẩm đạt chuẩn OCOP, gồm …'
    if passive_added and not now_in_sentence and time_relation != "until_now" \
            and (time_relation is not None or by_agent or dated or decided):
        # 'năm 2023 có 36 sản phẩm được công nhận', 'Đến tháng 6, ba sản phẩm được công nhận 5 sao', '8 sản phẩm
        # được UBND thành phố công nhận'; with no time nor agent nor decision, 'N sản phẩm được công nhận' is how
        # many hold the rating
        if near is None or time_relation == "during" or decided or (dated and time_relation is None):
            return "added", "kind.recognized_by_decision" if decided else \
                "kind.recognized_in_period" if near else "kind.recognized"
    if near and near[0] == "have_before" and time_relation == "during" and not now_in_sentence \
            and (within := cues.last(kind_window, "kind", "added_before")) is not None:
        return "added", f"kind.added_cue:{within.group().lower()}"   # 'Riêng năm 2023, tỉnh có 38 sản phẩm đạt chuẩn'
    if near and near[0] == "have_before" and months and rating_in_sentence and not now_in_sentence:
        return "added", "kind.had_in_months"      # '4 tháng đầu năm có 15 sản phẩm đạt OCOP'
    if near is None and time_relation == "during" and rating_in_sentence:
        return "added", "kind.rated_during"
    if near and near[0] == "have_before" and not now_in_sentence and _RATED_DURING.match(right):
        return "added", "kind.rated_during"     # 'HTX X có 3 sản phẩm đạt 4 sao trong năm 2021'
    return "total", "kind.default_total"
