"""A district's pre-scoring that is sent on to the province is not a rating (annotation.md: metric null).

`Hội đồng đánh giá, xếp hạng sản phẩm OCOP thành phố Tây Ninh … Kết quả, có 1 sản phẩm đạt chuẩn 5 sao; 7 sản
phẩm đạt chuẩn 4 sao … Hội đồng cũng đã yêu cầu các chủ thể … trình Hội đồng … OCOP tỉnh đánh giá`: the
classes are the district council's scores, which the province has still to award. A reader knows it from two
things together: the council that scored them is a district's (the last council the article names before the
figure, or the first one for a headline), and the article says the products go on to the province. A district
council that awards its own three stars, with nothing sent on, is left alone.
"""
from __future__ import annotations

import regex

from ..matchers import longest_first
from . import cues
from .analysis import SentenceInfo

_VOCAB = cues.words("prescoring")
_COUNCIL = regex.compile(longest_first(_VOCAB["council"]))
_AWARDING = regex.compile(longest_first(_VOCAB["awarding"]))
_LEVEL_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?P<w>{longest_first(_VOCAB['levels'])})(?![\p{{L}}\p{{M}}])")
_SEND_ON = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(_VOCAB['send_on'])})(?![\p{{L}}\p{{M}}])[^.;!?]{{0,80}}?"
    rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(_VOCAB['to_province'])})(?![\p{{L}}\p{{M}}])")
COUNCIL_REACH = 80     # characters after 'Hội đồng' in which its place or level is named


def _awarding_levels(info: SentenceInfo) -> list[tuple[int, str]]:
    """(offset, "province") of each province's people's committee the sentence names (the body that awards what
    councils scored)."""
    return [c for c in _levels(info, _AWARDING) if c[1] == "province"]


def _levels(info: SentenceInfo, body: regex.Pattern) -> list[tuple[int, str]]:
    """(offset, level) of each body (a council, a people's committee) the sentence names whose place or level is
    told."""
    out = []
    for m in body.finditer(info.text):
        start, reach = info.start + m.end(), info.start + m.end() + COUNCIL_REACH
        place = next((p for p in info.places if start <= p.start < reach and not p.value["generic"]), None)
        word = _LEVEL_WORD.search(info.text, m.end(), m.end() + COUNCIL_REACH)
        if place is not None and (word is None or info.start + word.start() > place.start):
            out.append((info.start + m.start(), place.value["level"]))
        elif word is not None:
            out.append((info.start + m.start(), _VOCAB["levels"][word.group("w")]))
    return out


def settle(counts: list[dict], infos: list[SentenceInfo]) -> None:
    """Make the rated additions a district council scored, in an article that sends them on to the
    province, not rated (metric and star null)."""
    councils = [c for info in infos for c in _levels(info, _COUNCIL)]
    if not any(level == "district" for _, level in councils):
        return
    councils = sorted(councils + [c for info in infos for c in _awarding_levels(info)])
    sent_on = [info.start + m.start() for info in infos for m in _SEND_ON.finditer(info.text)]
    first_district = min(at for at, level in councils if level == "district")
    if not any(at > first_district for at in sent_on):
        return
    for r in counts:
        if r.get("metric") != "ocop_products" or r.get("kind") != "added":
            continue
        at = r["evidence"]["start"]
        before = [level for c_at, level in councils if c_at < at]
        headline = r["evidence"]["sentence_start"] == infos[0].start
        level = before[-1] if before else councils[0][1] if headline else None   # (a body figure before any
        #   council is no council's: 'UBND tỉnh ban hành Quyết định … Toàn tỉnh có 64 sản phẩm được công nhận')
        if level == "district":
            r.update(metric=None, star=None)
            r["rules"] = [x for x in r["rules"] if not x.startswith(("metric.", "star"))] + ["metric.district_prescoring"]
