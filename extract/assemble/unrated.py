"""Products counted before or without a rating: proposed, registered, taking part, under review, or failed
by the round (metric null). `tiềm năng 5 sao` is a rating."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues

_NEXT_PREDICATE = regex.compile(r"\s(?:và|còn|nhưng)\s|,")   # '… 3 sao và đang hoàn thiện hồ sơ …'


def not_rated_yet(left: str, sentence_left: str, right: str, right_np: str, star: Match | None,
                  right_start: int = 0) -> bool:
    """Proposed, registered, taking part, under review (`tiềm năng 5 sao` is a rating):

    - a proposal or participation cue just before the number or in the noun phrase after it;
    - a proposal cue earlier in the clause that no result cue follows (`đề nghị Hội đồng … công nhận 20 sản
      phẩm là sản phẩm OCOP 5 sao`);
    - a participation cue after the number in its clause when no result follows it (`2 sản phẩm … của Công
      ty X (địa chỉ: …) được tham gia nâng hạng … lên 5 sao`);
    - when no class or result follows the number, either cue earlier in the sentence.

    >>> not_rated_yet("", "Tham gia thi đánh giá, phân hạng đợt 1 có ", "", "", None)
    True
    >>> not_rated_yet("", "Tham gia chương trình, kết quả có ", "đạt 3 sao", "", None)
    False
    >>> not_rated_yet("", "Có 30 chủ thể tham gia, ", "được công nhận", "được công nhận", None, 100)
    False
    >>> not_rated_yet("HTX có ", "HTX có ", "sản phẩm OCOP 3 sao và đang hoàn thiện hồ sơ để nâng hạng ", "", None)
    True
    >>> star = Match("star", 19, 24, "3 sao", "stars.x", {"star": "3"})
    >>> not_rated_yet("HTX có ", "HTX có ", "sản phẩm OCOP 3 sao và đang hoàn thiện hồ sơ để nâng hạng ", "", star, 5)
    False
    >>> star = Match("star", 13, 18, "5 sao", "stars.x", {"star": "5"})
    >>> not_rated_yet("có ", "có ", "sản phẩm đạt điểm 5 sao cấp tỉnh đang trình Trung ương xem xét", "", star, 0)
    True
    >>> not_rated_yet("các hội đồng đề nghị Hội đồng OCOP cấp Quốc gia đánh giá và công nhận ", "", "là sản phẩm OCOP 5 sao", "", None)
    True
    >>> not_rated_yet("Hiện có ", "Hiện có ", " đang được Hội đồng tỉnh đánh giá, phân hạng.", "", None)
    True
    """
    if star is not None and star.start >= right_start and _AIMED_FOR.search(right[:star.start - right_start]):
        return True         # 'hỗ trợ 5 - 7 sản phẩm hoàn thiện hồ sơ để đạt tiềm năng 5 sao': a class aimed for
    if (star is not None and star.value["star"] == "5p") or _SAID_RECOGNIZED.match(right_np) \
            or cues.has(right_np, "kind", "stock_after"):
        return False        # ('có 6 sản phẩm đang chờ công nhận và 25 sản phẩm OCOP đã được công nhận': the 25 are;
        #                     still valid: '… không đăng ký đánh giá lại, hiện có 163 sản phẩm OCOP còn hiệu lực')
    left, sentence_left = _without_bases(left), _without_bases(sentence_left)
    either = (("metric", "proposal_cues"), ("metric", "participation_cues"))
    star_at = star.start - right_start if star is not None and star.start >= right_start else None
    noun_phrase = right_np[:50] if star_at is None else right_np[:min(50, star_at)]   # it ends at the class
    if any(_just_before(left[-40:], c) for c in either) or cues.has(noun_phrase, "metric", "proposal_cues") \
            or _takes_part_in(noun_phrase):
        return True
    if _unanswered(left, ("metric", "proposal_cues")) or _proposed_after(right, star_at) \
            or _takes_part_after(right, star_at):
        return True
    review = _UNDER_REVIEW_AFTER.match(right)
    if review and (star_at is None or star_at >= review.end()):
        return True         # 'Hiện có 25 sản phẩm đang được Hội đồng tỉnh đánh giá, phân hạng (5 sao)'
    if (star is not None and star.start >= right_start) or cues.has(right, "metric", "result_cues"):
        return False
    if cues.right_before(left, len(left), "metric", "review_cues", window=30) or _UNDER_REVIEW.search(left[-80:]):
        return True     # under review: 'tổ chức đánh giá lại 30 sản phẩm OCOP hết hạn', 'đang đánh giá 15 sản phẩm'
    aim = left[left.rfind(",") + 1:]
    if _SAID_OCOP.match(right) and cues.target(aim) and not any(_unanswered(aim, c) for c in either):
        return False    # a target whose own words say OCOP products, whatever took part in an earlier clause ('…
        #                 hướng dẫn 11 sản phẩm tham gia đánh giá, phấn đấu cả năm có thêm ít nhất 15 sản phẩm OCOP')
    return any(_unanswered(sentence_left, c) for c in either)


_SAID_OCOP = regex.compile(r"\s*OCOP(?![\p{L}\p{M}])")


_UNDER_REVIEW = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('metric', 'review_markers'))})\s+(?:(?:tổ chức|tiến hành)\s+)?"
    rf"(?:(?:đợt|phiên)\s+)?(?:{cues.longest_first(cues.words('kind', 'evaluation_verbs'))})(?:\s*(?:,|và)\s*(?:phân hạng|xếp hạng))?"
    r"(?:\s+cuối năm)?"
    r"(?:\s+thêm)?(?:\s+(?:cho|đối với))?(?:\s+(?:khoảng|gần|hơn|trên))?\s*$", regex.IGNORECASE)
"""An evaluation under way or to come right before the number (`đang đánh giá`, `sẽ tổ chức đánh giá, phân hạng`,
`sẽ tổ chức chấm điểm cho`, `tiếp tục tổ chức đợt đánh giá cuối năm cho khoảng`)."""
_UNDER_REVIEW_AFTER = regex.compile(
    rf"\s*(?:OCOP\s+)?(?:{cues.longest_first(cues.words('metric', 'review_markers'))})\s+(?:được|trong quá trình)\s+(?:[^,.;:()]{{0,40}}?\s)?"
    rf"(?:{cues.longest_first(cues.words('kind', 'evaluation_verbs'))})(?![\p{{L}}\p{{M}}])(?!\s+cao)", regex.IGNORECASE)
"""The counted products under an evaluation under way or to come, said right after them in the passive
(`25 sản phẩm đang được Hội đồng tỉnh đánh giá`, `600 sản phẩm đang trong quá trình xét duyệt`; not `đang được
khách hàng đánh giá cao`): its class, if
one follows, is the one aimed for."""


_AIMED_FOR = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('metric', 'aim_before_class'))})"
                        r"(?:\s+(?:hạng|lên))?\s*$", regex.IGNORECASE)


def _without_bases(text: str) -> str:
    """`text` with the proposals a decision is taken on blanked (same length): `Theo đề nghị của UBND huyện,
    UBND tỉnh đã công nhận 8 sản phẩm` rates the 8.

    >>> _without_bases("Theo đề nghị của UBND huyện, UBND tỉnh đã công nhận ")
    'Theo          của UBND huyện, UBND tỉnh đã công nhận '
    >>> _without_bases("UBND huyện đề nghị công nhận ")
    'UBND huyện đề nghị công nhận '
    """
    for m in cues.finditer(text, "metric", "proposal_cues"):
        if cues.right_before(text, m.start(), "metric", "proposal_bases", window=15):
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def _took_part(noun_phrase: str) -> bool | None:
    """Whether the products the count's noun phrase says took part in a round passed it: True with a
    result after the participation cue, False without, None with no participation cue."""
    m = cues.first(noun_phrase, "metric", "participation_cues")
    return None if m is None else cues.has(noun_phrase[m.end():], "metric", "result_cues")


def _takes_part_in(noun_phrase: str) -> bool:
    """A participation cue in the count's noun phrase with no result after it: `45 sản phẩm tham gia đánh
    giá`, not `52/62 sản phẩm tham gia đánh giá đạt chuẩn OCOP`, whose pool took part and which passed.

    >>> _takes_part_in(" tham gia đánh giá"), _takes_part_in(" tham gia đánh giá đạt chuẩn OCOP")
    (True, False)
    """
    return _took_part(noun_phrase) is False


def passed_round(noun_phrase: str) -> bool:
    """The count's noun phrase says its products took part in a round and passed (`52/62 sản phẩm tham
    gia đánh giá đạt chuẩn OCOP`): they are the round's result.

    >>> passed_round(" tham gia đánh giá đạt chuẩn OCOP"), passed_round(" tham gia đánh giá")
    (True, False)
    """
    return _took_part(noun_phrase) is True


def _proposed_after(right: str, star_at: int | None = None) -> bool:
    """A proposal cue after the number in its clause, before any result cue and before the class the
    products hold when a new predicate follows the class (`31 sản phẩm của 8/11 huyện, thành phố được các đơn
    vị trình đề nghị đánh giá`, `6 sản phẩm đạt điểm 5 sao cấp tỉnh đang trình Trung ương`; not `4 sản phẩm
    OCOP 3 sao và đang hoàn thiện hồ sơ để nâng hạng`, whose proposal is another count's)."""
    m = cues.first(right, "metric", "proposal_cues")
    return m is not None and not cues.has(right[:m.start()], "metric", "result_cues") \
        and (star_at is None or star_at > m.start() or not _NEXT_PREDICATE.search(right, star_at, m.start()))


_SAID_RECOGNIZED = regex.compile(r"\s*(?:OCOP\s+)?(?:đã\s+)?được\s+(?:UBND\s+\S+\s+)?(?:công nhận|chứng nhận)(?![\p{L}\p{M}])",
                              regex.IGNORECASE)
_RENEWED_AFTER = regex.compile(r"[^,;.()]{0,40}?(?<![\p{L}\p{M}])(?<!(?:không|chưa)\s+)(?:(?:đã\s+)?được\s+(?:\S+\s+){0,3}?(?:công nhận|chứng nhận|cấp)"
                            r"(?:\s+giấy chứng nhận)?\s+lại|được cấp lại|được gia hạn)", regex.IGNORECASE)
"""Lapsed products rated again after the lapse is said: '42 sản phẩm OCOP hết hạn của Quảng Bình đã được công nhận lại'
(not '27 sản phẩm bị thu hồi hoặc không được cấp lại')."""
_CERTIFICATE = regex.compile(r"giấy\s+chứng\s+nhận", regex.IGNORECASE)


def _just_before(left: str, path: tuple[str, str]) -> bool:
    """A cue of `path` before the number in its own clause, no comma or semicolon after it (`đề nghị công
    nhận 4 sản phẩm`; not `45 sản phẩm tham gia, 38 sản phẩm đạt …`, where it is the count before's).

    >>> _just_before("đề nghị xét công nhận ", ("metric", "proposal_cues"))
    True
    >>> _just_before("với 45 sản phẩm tham gia, ", ("metric", "participation_cues"))
    False
    """
    m = cues.last(left, *path)
    return m is not None and not cues.COMMA.search(left, m.end())


def _takes_part_after(right: str, star_at: int | None) -> bool:
    """A participation cue after the number in its clause, with no result cue in the clause and no class
    the products hold before it.

    >>> _takes_part_after("sản phẩm … của Công ty X (địa chỉ: thị trấn Lim) được tham gia nâng hạng lên 5 sao", None)
    True
    >>> _takes_part_after("sản phẩm của HTX tham gia Chương trình OCOP đã đạt 3 sao", None)
    False
    >>> _takes_part_after("sản phẩm OCOP, từ 25 đến 35 chủ thể tham gia", None)    # the other count's
    False
    """
    m = cues.first(right, "metric", "participation_cues")
    return m is not None and not cues.has(right, "metric", "result_cues") and (star_at is None or star_at > m.start()) \
        and not _ANOTHER_COUNT.search(right, 0, m.start())


_ANOTHER_COUNT = regex.compile(r"(?:,|;|\svà)\s*(?:từ\s+)?\d")
"""Another item of a list of counts between a number and a cue after it: the cue is that item's."""


def _unanswered(text: str, path: tuple[str, str]) -> bool:
    """A cue of `path` in `text` that no result cue follows."""
    m = cues.last(text, *path)
    return m is not None and not cues.has(text[m.end():], "metric", "result_cues")


def failed(right: str, left: str = "") -> bool:
    """A failure cue after the number in its clause, before any result cue: the products a round did not
    rate; a lapse cue (their rating lapsed or was withdrawn) unless a recognition verb just before the
    number rates them again; a withdrawal before the number in its own stretch.

    >>> failed(" sản phẩm không đạt")
    True
    >>> failed(" sản phẩm chưa đủ điều kiện công nhận")
    True
    >>> failed(" sản phẩm được công nhận, không đạt")
    False
    >>> failed(" sản phẩm đạt 4 sao")
    False
    >>> failed(" sản phẩm đã hết hạn chứng nhận"), failed(" sản phẩm OCOP hết hiệu lực", "chứng nhận lại lần 02 cho ")
    (True, False)
    >>> failed(" sản phẩm đã hết hạn.", "Vĩnh Long: 245 sản phẩm OCOP còn thời hạn chứng nhận, ")
    True
    >>> failed(" sản phẩm được cấp lại giấy chứng nhận 3 sao do hết hạn")
    False
    >>> failed(" sản phẩm do chủ thể ngừng sản xuất", "thu hồi giấy chứng nhận OCOP đối với ")
    True
    >>> failed(" sản phẩm đã hết hạn.", "Năm 2024, giấy chứng nhận OCOP của ")
    True
    >>> failed(" sản phẩm OCOP hết hạn của Quảng Bình đã được công nhận lại.")
    False
    >>> failed(" sản phẩm được công nhận năm 2019 hết hạn"), failed(" sản phẩm bị thu hồi hoặc không được cấp lại")
    (True, True)
    """
    if cues.has(left[-90:], "metric", "withdrawn_before"):
        return True         # 'thu hồi giấy chứng nhận OCOP đối với 5 sản phẩm'
    left = _CERTIFICATE.sub(lambda c: "_" * len(c.group()), left)    # the certificate, not a verb that rates
    for path in (("metric", "failed_cues"), ("metric", "lapsed_cues")):
        m = cues.first(right, *path)
        result = cues.first(right[:m.start()], "metric", "result_cues") if m is not None else None
        if m is None or result is not None and not (
                path[1] == "lapsed_cues" and _DATED.fullmatch(right, result.end(), m.start())):
            continue        # (not 'được công nhận năm 2019 hết hạn': a recognition long past, lapsed now)
        if path[1] == "lapsed_cues" and (_just_before(left[-40:], ("status", "renewed"))
                                         or _just_before(left[-40:], ("kind", "added_verbs"))
                                         or cues.has(right[:m.start()], "status", "renewed")
                                         or _RENEWED_AFTER.match(right, m.end())):
            continue        # (a verb of their own clause rates them again, not one of a clause before)
        return True
    return False


def part_of_lapsed(whole, right: str) -> bool:
    """A part of products whose rating lapsed or was withdrawn (`80 sản phẩm hết hạn, trong đó có 3 sản phẩm 5
    sao được công nhận năm 2021`) holds none, unless its own words rate it again (`…, trong đó 20 sản phẩm đã
    được công nhận lại`)."""
    own = right.split(";", 1)[0]
    return "metric.failed" in whole.fields["rules"] and not cues.has(own, "status", "renewed") \
        and not _RENEWED_AFTER.match(own)


_DATED = regex.compile(r"\s*(?:(?:vào|từ|trong)\s+)?(?:năm\s+)?\d{4}\s*(?:(?:đã|đều|nay)\s+)*", regex.IGNORECASE)


_SAID_RATED = regex.compile(r"^\s*(?:(?:đã\s+|được\s+)*(?:đạt|công nhận|chứng nhận)(?:\s+(?:là|chuẩn|sản phẩm|đạt))*\s+)?OCOP(?![\p{L}\p{M}])",
                            regex.IGNORECASE)
_UNSTATED = ("metric.products_rating", "metric.products_of_the_programme")


def whole_of_rated_part(part_right: str, parent) -> bool:
    """A whole that names neither OCOP nor a class, whose part is said to be rated (`Công ty có 12 sản phẩm,
    trong đó 4 sản phẩm đạt OCOP 4 sao`, `HTX có hơn 30 sản phẩm, trong đó 6 sản phẩm được công nhận OCOP`):
    the business's products, of which only the part holds a rating.

    >>> class F: fields = {"rules": ["metric.products_rating"]}
    >>> whole_of_rated_part(" đạt OCOP 4 sao.", F), whole_of_rated_part(" được công nhận OCOP.", F)
    (True, True)
    >>> whole_of_rated_part(" đạt 4 sao.", F), whole_of_rated_part(" OCOP.", F)     # ('mang đến 15 sản phẩm, trong đó 3 sản phẩm OCOP')
    (False, True)
    """
    return bool(_SAID_RATED.match(part_right)) and any(r in parent.fields["rules"] for r in _UNSTATED) \
        and not _REST_RATED.search(part_right)     # ('…, trong đó 4 sản phẩm OCOP 4 sao, còn lại đạt 3 sao': all rated)


_REST_RATED = regex.compile(r"(?<![\p{L}\p{M}])còn lại\s+(?:đều\s+)?(?:đạt|là|được)(?![\p{L}\p{M}])", regex.IGNORECASE)


_LIST_JOIN = regex.compile(r"\s*(?:,|;|và)\s*")


def listed_after_unrated(done: list, n: Match, text: str, unit: str):
    """The metric rule of a count listed right after a not-rated one (`đề nghị công nhận 16 sản phẩm 3 sao, 2 sản
    phẩm 4 sao`: the 2 are proposed too; `Trong số 23 sản phẩm bị thu hồi, huyện A có 6 sản phẩm, B 5 sản phẩm`:
    the 5 were withdrawn too), or None."""
    prev = done[-1] if done else None
    if prev is None or prev.unit != unit:
        return None
    after = max(prev.end, prev.star_match.end if prev.star_match is not None else 0)
    if "metric.not_rated_yet" in prev.fields["rules"]:
        return "metric.not_rated_yet" if _LIST_JOIN.fullmatch(text, after, n.start) else None
    if {"metric.failed", "metric.part_of_lapsed", "metric.listed_with_lapsed"} & set(prev.fields["rules"]):
        # (a place's count, its own words saying nothing of a rating: not '…; 5 sản phẩm đạt 4 sao')
        return "metric.listed_with_lapsed" if _PLACE_JOIN.fullmatch(text, after, n.start) \
            and not _OWN_RATING.match(text, n.end) else None
    return None


_PLACE_JOIN = regex.compile(r"\s*(?:,|và)\s*[^,;.:()\d]{0,30}")
_OWN_RATING = regex.compile(r"[^,;.()]*?(?<![\p{L}\p{M}])(?:đạt|được|sao)(?![\p{L}\p{M}])", regex.IGNORECASE)
