"""A count's status: products recognized for the first time (`new`) or again (`renewed`), said right after it.

>>> status_of(" được công nhận lại"), status_of(" mới"), status_of(" của tỉnh")
('renewed', 'new', None)
>>> status_of(" hết thời hạn đã được đánh giá, công nhận lại")
'renewed'
>>> new_and_renewed(" được công nhận và công nhận lại đạt chuẩn OCOP")
True
"""
from __future__ import annotations

import regex

from . import cues

_NEW = regex.compile(rf"^\s*(?:OCOP\s+)?(?:{cues.longest_first(cues.words('status', 'new'))})(?!\s+(?:nâng cao|\p{{L}}*\s*thôn))"
                     r"(?![\p{L}])", regex.IGNORECASE)
_RENEWED = regex.compile(rf"^\s*(?:OCOP\s+)?(?:hết\s+(?:thời\s+)?hạn(?:\s+chứng nhận)?\s+)?(?:(?:đã|đều|cũng)\s+)*"
                         rf"(?:{cues.longest_first(cues.words('status', 'renewed'))})"
                         r"(?![\p{L}])", regex.IGNORECASE)
_NEW_AND_RENEWED = regex.compile(rf"^\s*(?:OCOP\s+)?(?:(?:đã|đều)\s+)*(?:{cues.longest_first(cues.words('status', 'new'))}"
                                 rf"|được\s+công nhận|được\s+chứng nhận)\s*(?:,|và)\s*"
                                 rf"(?:{cues.longest_first(cues.words('status', 'renewed'))})(?![\p{{L}}])", regex.IGNORECASE)


def status_of(right: str) -> str | None:
    """`renewed` or `new` as the words right after a count (`right`, from its unit on) say, else None."""
    if _RENEWED.match(right):
        return "renewed"
    if _NEW.match(right):
        return "new"
    return None


def new_and_renewed(right: str) -> bool:
    """Products recognized and recognized again (`38 sản phẩm được công nhận và công nhận lại`): what a stretch of
    time added, both kinds of recognition, even counted up to a date."""
    return bool(_NEW_AND_RENEWED.match(right))
