"""The place of a round's result: what a province's round recognized is the province's, in an article
about one of its districts too (`Krông Pắc có thêm 5 sản phẩm …` ¶ `UBND tỉnh Đắk Lắk vừa công nhận 46 sản
phẩm OCOP đợt 2, trong đó huyện Krông Pắc có 5 sản phẩm. Kết quả đợt này gồm 12 sản phẩm 4 sao và 34 sản phẩm
3 sao.`: the 12 and the 34 are Đắk Lắk's)."""
from __future__ import annotations

import regex

from . import cues

_FROM_ARTICLE = ("scope.article_district", "scope.article")
_DISTRICT_COUNCIL = regex.compile(r"(?<![\p{L}\p{M}])(?:UBND|Ủy ban nhân dân|Hội đồng)(?:\s+[^.;()\d]{0,60}?)?\s(?:huyện|thị xã)\s",
                                  regex.IGNORECASE)
"""A district's council or people's committee: a round it holds is the district's, whatever place it is written
with (`Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Mường Tè và Tam Đường (Lai Châu)`)."""


def round_place(state, info, n, scope: str | None, scope_rule: str, level: str | None, kind: str,
                district: str | None) -> tuple | None:
    """(scope, level, rule) of a round's result that only the article's district placed: the place of the
    round's addition the sentence before gave (or the decision the paragraph follows), when this sentence names
    the round's result before the number and counts no more than it, or of the last one read, when it counts
    as many; None otherwise."""
    if not (scope_rule in _FROM_ARTICLE or scope_rule == "scope.context" and scope == district) \
            or level != "district" or kind != "added":
        return None     # (the article's district, stated or carried)
    left = info.text[:n.start - info.start]
    if not (cues.has(left, "kind", "result_cues") or cues.has(left, "kind", "round_after")):
        return None
    value = n.value.get("value")
    near = [*reversed(state.wholes), *([state.decision] if state.decision is not None else [])]
    for f in [*near, *([state.last_addition] if state.last_addition is not None else [])]:
        if f.fields["kind"] == "added" and f.fields["scope_level"] in ("province", "country") \
                and not _DISTRICT_COUNCIL.search(f.fields["evidence"]["sentence"]) \
                and f.fields["metric"] == "ocop_products" and isinstance(value, int) \
                and isinstance(f.fields["value"], int) and (value <= f.fields["value"] if f in near
                                                            else value == f.fields["value"]):
            # (an addition read further back: the same round's, restated — 'Kết quả có 46 sản phẩm đạt sao')
            return f.fields["scope"], f.fields["scope_level"], "scope.place_of_round"
    return None
