"""The headings and labels lists of counts open with: a heading that names the star class of its items
(`Các sản phẩm được xếp hạng OCOP 4 sao năm 2019: …`), where a heading ends, a label before a number's clause
(`- Số sản phẩm được công nhận mới: 25 sản phẩm`), and a star class labelling a bare number (`trong đó 5 sao:
1; 4 sao: 84`)."""
from __future__ import annotations

import regex

from ..matchers import Match
from ..matchers import stars as stars_matcher
from .analysis import SentenceInfo
from .parts import Figure, blanked

HEADING_END = regex.compile(r":")
_LIST_INTRO = regex.compile(r"\W*(?:các|những)\s[^.;:()]*?\s(?P<verb>là|gồm)\s", regex.IGNORECASE)
"""A plural subject whose list is introduced by 'là'/'gồm' is a heading as a colon is: `Các tỉnh có nhiều
sản phẩm 5 sao là Quảng Ninh với 9 sản phẩm, Hà Nội 6 sản phẩm …`."""


def heading_of(text: str, info: SentenceInfo, n: Match, done: list[Figure]) -> tuple[int, Match] | None:
    """A heading that governs a list (`Các sản phẩm được xếp hạng OCOP 4 sao năm 2019: … TP Tam Kỳ có 2 sản
    phẩm …, huyện Núi Thành có 1 sản phẩm`): where it ends (its colon) and the star class it names, for
    every item of the list, when no count before the colon has taken it (`40 sản phẩm 4 sao: …`)."""
    end = heading_end(text, info, n.start)
    if end is None:
        return None
    taken = max((f.star_match.end for f in done if f.star_match is not None and f.number.start < end),
                default=info.start)
    stars = [s for s in info.stars if taken <= s.start and s.end <= end]
    return (end, stars[-1]) if stars else None


def heading_end(text: str, info: SentenceInfo, upto: int) -> int | None:
    """Where the heading the sentence opens with ends, before `upto`: its first colon, or the `là`/`gồm`
    of a plural subject introducing a list (`Các tỉnh có nhiều sản phẩm 5 sao là Quảng Ninh với 9 sản
    phẩm, …`); None when it opens with none."""
    colon = HEADING_END.search(text, info.start, upto)
    if colon is not None:
        return colon.start()
    intro = _LIST_INTRO.match(text, info.start, upto)
    return intro.start("verb") if intro is not None else None


def label_of(text: str, info: SentenceInfo, n: Match, clause_start: int) -> str | None:
    """The label a sentence opens with before the colon right before the number's clause (`- Số sản phẩm
    được công nhận mới: 25 sản phẩm`): the words that say what is counted, with no number of their own;
    None when there is none."""
    if clause_start <= info.start or text[clause_start - 1] != ":" or blanked(
            text, clause_start, n.start, [p for p in info.places if clause_start <= p.start]).strip():
        return None     # (an item may open with its place: '… nhiều trong năm như: Hà Nội 210 sản phẩm, …')
    label = text[info.start:clause_start - 1]
    return None if any(info.start <= m.start < clause_start for m in info.numbers) or ":" in label else label


def star_label_unit(text: str, info: SentenceInfo, n: Match, done: list[Figure]) -> Figure | None:
    """The figure whose parts are listed by star class with bare numbers (`612 sản phẩm, trong đó 5 sao: 1;
    4 sao: 84`, `4 sao là 84`): a number with no unit right after a star label, after a figure of the
    same sentence, is counted in that figure's unit; None otherwise."""
    if not done or n.value.get("percent"):
        return None
    label = next((s for s in reversed(info.stars) if s.end <= n.start), None)
    if label is None or label.start < done[-1].end or not stars_matcher.LABEL.fullmatch(text, label.end, n.start):
        return None
    return done[-1]
