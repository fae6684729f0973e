"""The base of a comparison: a figure stated for the date a sentence measures against (`tăng 40 sản phẩm
so với năm 2023 (170 sản phẩm)`, `gấp đôi năm 2020 là 105 sản phẩm`, `so với 105 sản phẩm năm 2020`) is
that date's figure, timed by it, not by the sentence's own date, and no part of the figure compared."""
from __future__ import annotations

import regex

from ..matchers import Match
from . import cues
from .analysis import SentenceInfo

_DATE_THEN_FIGURE = regex.compile(r"\s*(?:\(\s*|là\s+|:\s*|,\s*khi\s+[^\d,;:.()]{0,50})$", regex.IGNORECASE)
_COMPARED_LEAD = regex.compile(r"(?<![\p{L}\p{M}])so với\s*$", regex.IGNORECASE)
"""Before a figure compared with (not `nhiều hơn 20 sản phẩm so với năm 2023`: the 20 is the difference)."""
_NOUN_THEN_DATE = regex.compile(r"\s*[\p{L}\p{M} ]{0,25}?\s*$")


def base_date(info: SentenceInfo, n: Match) -> Match | None:
    """The date whose figure `n` is, when `n` is the base of a comparison: right after a compared date
    (`so với năm 2023 (170 …)`, `gấp đôi năm 2020 là 105 …`, `So với năm 2019, khi tỉnh mới có 14 …`), or after `so với` with its date right after
    its noun (`so với 105 sản phẩm năm 2020`); else None.

    >>> from ..matchers import dates, numbers
    >>> from ..doc import Sentence
    >>> t = "Năm 2024, tỉnh có 210 sản phẩm, tăng 40 sản phẩm so với năm 2023 (170 sản phẩm)."
    >>> info = SentenceInfo(Sentence(t, 0, len(t), 0), 0); info.dates = dates.match(t)
    >>> [base_date(info, m).text if base_date(info, m) else None for m in numbers.match(t)]
    [None, None, 'so với năm 2023']
    """
    text = info.sentence.doc_text
    for d in info.dates:
        if d.end <= n.start and d.value.get("relation") == "compared" and _DATE_THEN_FIGURE.fullmatch(text, d.end, n.start):
            return d
    if _COMPARED_LEAD.search(text, max(info.start, n.start - 20), n.start):
        after = next((d for d in info.dates if d.start >= n.end), None)
        if after is not None and after.value.get("precision") == "year" and not after.value.get("relative") \
                and _NOUN_THEN_DATE.fullmatch(text, n.end, after.start):
            return after
    return None


def compared_figure(done: list, unit: str):
    """The figure a base is compared with: the last of the sentence's figures of its unit that is a stock or
    an addition (not the difference between them: `tăng 40 sản phẩm`); None when there is none."""
    return next((f for f in reversed(done) if f.unit == unit and f.fields["kind"] in ("total", "added")
                 and not any(r in f.fields["rules"] for r in ("kind.difference", "kind.increase"))), None)


_COMPARED_WITH = regex.compile(rf"\s+(?:so với\s+)?(?:{cues.longest_first(cues.words('metric', 'compared_units'))})"
                               r"(?![\p{L}\p{M}])(?:(?!(?<![\p{L}\p{M}])(?:khi|là)(?![\p{L}\p{M}]))[^\d,;:.()]){0,30}$",
                               regex.IGNORECASE)
"""What a difference is with, then up to the number (not its own value restated: `thấp hơn năm ngoái khi con số này
là hơn 2.300 sản phẩm` gives last year's count, no difference)."""


def difference_with(left: str):
    """A difference cue, then what is compared with, right before the number (`nhiều hơn huyện Yên Châu 26
    sản phẩm`, `kém thành phố Sơn La 4`): the cue, else None.

    >>> difference_with("Mộc Châu có 56 sản phẩm, nhiều hơn huyện Yên Châu ").group()
    'nhiều hơn'
    >>> difference_with("Mộc Châu có 56 sản phẩm, trong đó huyện Yên Châu ") is None
    True
    """
    m = cues.last(left[-60:], "metric", "difference_cues")
    return m if m is not None and _COMPARED_WITH.match(left[-60:], m.end()) else None
