"""Products put to a council, not rated: the pool an evaluation's result is a part of.

`Hội đồng đã đánh giá 33 sản phẩm của 20 chủ thể. Kết quả, có 28 sản phẩm đạt từ 3 sao trở lên`: the 33
were under review (annotation.md: not rated yet, metric null), and so were their 20 owners; the 28 are
the rated ones. A reader knows it only when the result comes: a count after an evaluation verb is
read as rated (`đã đánh giá, phân hạng 101 sản phẩm` whose classes add up to 101 were all rated) until a
result of the same round counts fewer products as rated from three stars up.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from . import cues
from .owners import owner_number
from .parts import Figure, read_as_added

_VERB_WORDS = set(cues.words("kind", "evaluation_verbs"))
_VERBS = cues.longest_first(_VERB_WORDS)
_EVALUATED_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{_VERBS})(?:\s*(?:,|và)\s*(?:{_VERBS}))*(?:\s+sản phẩm(?:\s+OCOP)?\s+(?=cho|đối với))?"
    rf"\s*(?:cho|đối với)?\s*(?:tổng số|tổng cộng)?\s*:?\s*$"
    rf"|(?<![\p{{L}}\p{{M}}])(?:họp|tổ chức)(?:\s+(?:phiên|kỳ họp|hội nghị|đợt))?\s+(?:{_VERBS})[^,;.()]{{0,40}}?"
    r"\s(?:đối với|cho|với)(?:\s+(?:khoảng|gần|hơn))?\s*$",
    # ('họp phiên đánh giá đợt 1 … đối với 67 sản phẩm', 'tổ chức phiên đánh giá đợt 1 năm 2024 đối với 19 sản phẩm',
    # 'tổ chức đợt đánh giá cuối năm cho khoảng 25 sản phẩm')
    regex.IGNORECASE)


_EVALUATED_AFTER = regex.compile(rf"\s*sản phẩm(?:\s+OCOP)?\s+(?:đã\s+)?(?:được|qua)\s+(?:{_VERBS})(?![\p{{L}}\p{{M}}])"
                             r"(?!\s*(?:lại\s*)?(?:,|và)\s*(?:được\s+)?(?:cấp lại|công nhận|chứng nhận))", regex.IGNORECASE)
"""The passive: `có 50 sản phẩm được đánh giá, phân hạng`, `50 sản phẩm đã qua đánh giá` (not `được đánh giá lại và
cấp lại giấy chứng nhận`: recognized too)."""


def evaluated(text: str, fig: Figure) -> bool:
    """A products count right after an evaluation verb, or before one in the passive, with no class of its own.

    >>> from ..matchers import numbers
    >>> t = "Hội đồng đã đánh giá, phân hạng 33 sản phẩm"
    >>> n = numbers.match(t)[0]
    >>> evaluated(t, Figure(n, "sản phẩm", {"metric": "ocop_products", "star": "3+"}, n.end + 9))
    True
    """
    return fig.fields["metric"] == "ocop_products" and fig.fields["star"] == "3+" and fig.parent is None \
        and (_after_evaluation_verb(text, fig) or _evaluated_in_period(text, fig))


def _evaluated_in_period(text: str, fig: Figure) -> bool:
    """Products a period put to evaluation, in the passive, with no class (`Năm 2024, có 50 sản phẩm được
    đánh giá, phân hạng; trong đó 45 …`; not a stock up to now: `tính đến nay, đã có 44 sản phẩm được đánh giá,
    công nhận`, `3.317 sản phẩm OCOP được đánh giá và phân hạng từ 3 sao trở lên`)."""
    return fig.fields["kind"] == "added" and fig.star_match is None and bool(_EVALUATED_AFTER.match(text, fig.number.end))


def _after_evaluation_verb(text: str, fig: Figure) -> bool:
    return bool(_EVALUATED_BEFORE.search(text, max(0, fig.number.start - 60), fig.number.start))


@dataclass
class Pool:
    figure: Figure
    owners: list[Figure] = field(default_factory=list)   # `của 20 chủ thể`: its owners' count
    results: list[Figure] = field(default_factory=list)  # the classes the round gave (`kết quả 18 … đạt 3 sao`)
    organized: bool = False     # `huyện tổ chức đánh giá 20 sản phẩm`: an evaluation held, its outcome not said


def track(pool: Pool | None, fig: Figure, text: str) -> Pool | None:
    """The pool after reading `fig`: a new one, the same one (and its owners' count), or none when a
    result settled it."""
    if pool is not None and fig.fields["metric"] == "ocop_subjects" and owner_number(text, pool.figure.number,
                                                                                     fig.number):
        pool.owners.append(fig)
        return pool
    if pool is not None and _result_of_fewer(fig, pool.figure, text):
        # 'Số sản phẩm được đánh giá, phân hạng: 62 sản phẩm; số sản phẩm đạt 3 sao trở lên: 55': the result,
        # and the classes the round gave before it ('… đánh giá 22 sản phẩm; 17 sản phẩm đạt 3 sao, 5 sản phẩm
        # không đạt'), are what it added
        _not_rated(pool)
        for f in [*pool.results, fig]:
            _result_added(f)
        return None
    if pool is not None and _class_result(fig, pool.figure, text):
        pool.results.append(fig)
    if evaluated(text, fig):
        close(pool)
        held = _ORGANIZED.search(text, max(0, fig.number.start - 40), fig.number.start)
        return Pool(fig, organized=held is not None and ("kind.default_total" in fig.fields["rules"] or held.group("by")
                                                         or _cue_in(held.group(), fig.fields["rules"])))
    return pool


def _cue_in(words: str, rules: list[str]) -> bool:
    """The figure's kind came from a cue inside the evaluation's own words (`tổ chức đợt đánh giá cho 12 sản phẩm`:
    the round's `đợt`), nothing else said of it."""
    cue = next((r.split(":", 1)[1] for r in rules if r.startswith("kind.added_cue:")), None)
    return cue is not None and cue in words.lower()


def _class_result(fig: Figure, pool: Figure, text: str) -> bool:
    """A count of one class the round gave (`Kết quả, 18 sản phẩm đạt 3 sao`, `trong đó 5 sản phẩm đạt 4
    sao`, a report's next line `- Số sản phẩm đạt 4 sao: 8 sản phẩm`)."""
    star = fig.star_match
    achieved = fig.parent is None and ("kind.default_total" in fig.fields["rules"] or fig.fields["kind"] == "added") \
        and star is not None \
        and bool(_ACHIEVED.search(text, max(0, star.start - 20), star.start))
    return fig.unit == pool.unit and fig.fields["metric"] == "ocop_products" and fig.fields["star"] not in (None, "3+") \
        and (fig.parent is pool or "kind.result_of_round" in fig.fields["rules"] or achieved)


_PASSED = regex.compile(r"\s*(?:sản phẩm\s+)?(?:OCOP\s+)?(?:đã\s+)?(?:được\s+công nhận\s+)?đạt(?:\s+chuẩn)?(?:\s+OCOP)?\s*(?:[,.;)]|$)",
                     regex.IGNORECASE)
"""A part of a pool that passed, with no class (`trong đó 45 sản phẩm đạt chuẩn`)."""
_ORGANIZED = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:tổ chức\s+(?:(?:đợt|phiên)\s+)?(?:{_VERBS})(?:\s+cuối năm)?"
                        r"|(?P<by>họp xét|xem xét|thẩm định|chấm điểm))"
                        r"\s*(?:cho\s+|đối với\s+|với\s+)?(?:(?:khoảng|gần|hơn)\s+)?$", regex.IGNORECASE)
"""An evaluation held over the number right after (`tổ chức đánh giá 20 sản phẩm`; not `… đánh giá và công nhận
50`), or a council considering or scoring it (`by`: `Hội đồng đánh giá, phân hạng … đã họp xét 16 sản phẩm`,
`Hội đồng … huyện … đã chấm điểm 14 sản phẩm`, whatever its name says of the count's kind)."""
_ACHIEVED = regex.compile(r"(?<![\p{L}\p{M}])đạt\s+(?:hạng\s+|chuẩn\s+)?(?:OCOP\s+)?$", regex.IGNORECASE)


def close(pool: Pool | None) -> None:
    """The end of a pool's stretch: when the classes its round gave add up to fewer products than it
    (`Hội đồng đánh giá 20 sản phẩm, kết quả 18 sản phẩm đạt 3 sao`), not all of it was rated."""
    if pool is None or pool.figure.fields["metric"] is None:
        return
    if pool.organized and not pool.results:
        _not_rated(pool)    # 'Tháng 10 vừa qua, huyện tổ chức đánh giá 20 sản phẩm.': under review, no stock
        return
    if not pool.results:
        return
    values, of = [f.fields["value"] for f in pool.results], pool.figure.fields["value"]
    if all(isinstance(v, (int, float)) for v in values) and isinstance(of, (int, float)) and sum(values) < of:
        _not_rated(pool)
        for f in pool.results:
            _result_added(f)
    elif all(isinstance(v, (int, float)) for v in values) and sum(values) == of:
        _result_added(pool.figure)      # all of it rated by the round: what it added


def _result_added(fig: Figure) -> None:
    """What the round rated was added by it (read as a stock when nothing in its own clause said so)."""
    if fig.fields["kind"] == "total" and "kind.default_total" in fig.fields["rules"]:
        read_as_added(fig, "kind.result_of_pool")


def _result_of_fewer(fig: Figure, pool: Figure, text: str) -> bool:
    """A result of the round that counts fewer products as rated from three stars up (`Kết quả, có 28 sản
    phẩm đạt …`, a part of the pool with that class: `đã đánh giá 52 sản phẩm, trong đó 46 sản phẩm đạt
    từ 3 sao trở lên`, or an addition in the pool's sentence: `đã đánh giá 38 sản phẩm, công nhận 33 sản phẩm
    (đạt 3 sao trở lên)`), or a part of the pool that failed (`6 sản phẩm không đạt`)."""
    if fig.unit != pool.unit:
        return False
    value, of = fig.fields["value"], pool.fields["value"]
    same_sentence = fig.fields["evidence"]["sentence_start"] == pool.fields["evidence"]["sentence_start"]
    if (fig.parent is pool or same_sentence) and "metric.failed" in fig.fields["rules"]:
        return True     # ('… 26 sản phẩm được đánh giá, 7 sản phẩm chưa đạt')
    planned = same_sentence and pool.fields["kind"] == fig.fields["kind"] == "target"   # 'sẽ đánh giá khoảng 40 sản
    #   phẩm, phấn đấu có ít nhất 30 sản phẩm đạt chuẩn': the round planned, and the rated it aims at
    recognized = same_sentence and fig.parent is None and any(    # 'đã đánh giá 40 sản phẩm, công nhận 35 sản phẩm'
        r.startswith("kind.added_cue:") and r.split(":", 1)[1] not in _VERB_WORDS for r in fig.fields["rules"])
    result = "kind.result_of_round" in fig.fields["rules"] or planned or recognized or (
        "stars.and_up" in fig.fields["rules"] and (fig.parent is pool or (same_sentence and fig.fields["kind"] != "target")
                                                   or "kind.default_total" in fig.fields["rules"])) \
        or (fig.parent is pool and bool(_PASSED.match(text, fig.number.end)))   # 'trong đó 45 sản phẩm đạt chuẩn'
    if result and fig.fields["star"] == "3+" and isinstance(value, (int, float)) and value < of:
        return True
    # the same products named again with the class the round gave them ('… đánh giá, phân hạng … đối với 6
    # sản phẩm gồm: … Hội đồng đánh giá 6 sản phẩm đạt tiêu chuẩn OCOP 3 sao'): the pool was no rating
    return fig.parent is None and value == of and fig.fields["star"] not in (None, "3+") \
        and _after_evaluation_verb(text, fig)


def _not_rated(pool: Pool) -> None:
    for f in [pool.figure, *pool.owners]:
        f.fields.update(metric=None, star=None)
        f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith(("metric.", "star"))] \
            + ["metric.evaluated_pool"]


def settle_repeats(figures: list[Figure], text: str) -> None:
    """Another mention of a pool the article's result settled (the headline's `Đánh giá, phân hạng 45 sản
    phẩm OCOP` over a body that says the council evaluated 45 and 41 passed): the same evaluated products,
    not rated either."""
    settled = {(f.unit, f.fields["value"]) for f in figures if "metric.evaluated_pool" in f.fields["rules"]}
    for f in figures:
        if (f.unit, f.fields["value"]) in settled and evaluated(text, f):
            _not_rated(Pool(f))
