"""Products counted before or without a rating: proposed, registered, taking part, under review, or failed
by the round (metric null). `tiềm năng 5 sao` is a rating."""
from __future__ import annotations

from ..matchers import Match
from . import cues


def not_rated_yet(left: str, sentence_left: str, right: str, right_np: str, star: Match | None,
                  right_start: int = 0) -> bool:
    """Proposed, registered, taking part, under review (`tiềm năng 5 sao` is a rating):

    - a proposal or participation cue just before the number or in the noun phrase after it;
    - a proposal cue earlier in the clause that no result cue follows (`đề nghị Hội đồng … công nhận 20 sản
      phẩm là sản phẩm OCOP 5 sao`);
    - when no class or result follows the number, either cue earlier in the sentence.

    >>> not_rated_yet("", "Tham gia thi đánh giá, phân hạng đợt 1 có ", "", "", None)
    True
    >>> not_rated_yet("", "Tham gia chương trình, kết quả có ", "đạt 3 sao", "", None)
    False
    >>> not_rated_yet("", "Có 30 chủ thể tham gia, ", "được công nhận", "được công nhận", None, 100)
    False
    >>> not_rated_yet("các hội đồng đề nghị Hội đồng OCOP cấp Quốc gia đánh giá và công nhận ", "", "là sản phẩm OCOP 5 sao", "", None)
    True
    """
    if star is not None and star.value["star"] == "5p":
        return False
    either = (("metric", "proposal_cues"), ("metric", "participation_cues"))
    if any(cues.has(left[-40:], *c) or cues.has(right_np[:50], *c) for c in either):
        return True
    if _unanswered(left, ("metric", "proposal_cues")) or _proposed_after(right):
        return True
    if (star is not None and star.start >= right_start) or cues.has(right, "metric", "result_cues"):
        return False
    return any(_unanswered(sentence_left, c) for c in either)


def _proposed_after(right: str) -> bool:
    """A proposal cue after the number in its clause, before any result cue (`31 sản phẩm của 8/11 huyện,
    thành phố được các đơn vị trình đề nghị đánh giá`)."""
    m = cues.first(right, "metric", "proposal_cues")
    return m is not None and not cues.has(right[:m.start()], "metric", "result_cues")


def _unanswered(text: str, path: tuple[str, str]) -> bool:
    """A cue of `path` in `text` that no result cue follows."""
    last = None
    for last in cues.finditer(text, *path):
        pass
    return last is not None and not cues.has(text[last.end():], "metric", "result_cues")


def failed(right: str) -> bool:
    """A failure cue after the number in its clause, before any result cue: the products a round did not
    rate.

    >>> failed(" sản phẩm không đạt")
    True
    >>> failed(" sản phẩm chưa đủ điều kiện công nhận")
    True
    >>> failed(" sản phẩm được công nhận, không đạt")
    False
    >>> failed(" sản phẩm đạt 4 sao")
    False
    """
    m = cues.first(right, "metric", "failed_cues")
    return m is not None and not cues.has(right[:m.start()], "metric", "result_cues")
