"""What the counts of a sentence share that is said once: a class after the list (`Bốn sản phẩm gồm 1 sản phẩm
công nhận lại và 3 sản phẩm mới, đều đạt 3 sao`: all three of 3 stars), the class of numbers paired with places
(`… có tương ứng 5, 4 và 7 sản phẩm đạt 5 sao`), and the predicate of a count whose unit is said only with the
next (`lần lượt 10 và 7 sản phẩm được tái công nhận`: the 10 too)."""
from __future__ import annotations

import regex

from . import cues
from .classes import ONE_CLASS
from .parts import Figure

_ALL_OF = regex.compile(rf"[,;]?\s*(?:{cues.longest_first(cues.words('parts', 'all_of_them'))})\s+"
                        r"(?:(?:được\s+)?(?:công nhận|xếp hạng|đạt)\s+)?(?:hạng\s+)?$", regex.IGNORECASE)
"""Before a class said of all the counts before it (`…, đều đạt`, `…, tất cả đều được công nhận`)."""


def share_all_class(text: str, done: list[Figure], stars: list) -> None:
    """Counts of no one class before a class said of all of them (`đều đạt 3 sao`) have it, when the class
    comes after the last count of the sentence and nothing else took it."""
    if not done:
        return
    last_end = max(f.end for f in done)
    star = next((s for s in stars if s.start >= last_end and s.value.get("star") in ONE_CLASS
                 and _ALL_OF.search(text, last_end, s.start)), None)
    if star is None or not text[last_end:star.start].strip(" ,;") or len(text[last_end:star.start]) > 40:
        return
    # (the counts after the last of another class of its own: not '10 sản phẩm (8 … 3 sao, 2 … 4 sao) và 21 sản
    # phẩm được công nhận mới, đều đạt 3 sao')
    other = [i for i, f in enumerate(done) if f.star_match is not None and f.fields["star"] != star.value["star"]]
    for f in done[other[-1] + 1 if other else 0:]:
        if f.fields["metric"] == "ocop_products" and f.fields["star"] == "3+" and f.star_match is None:
            f.fields["star"] = star.value["star"]
            f.fields["rules"] = [r for r in f.fields["rules"] if r != "star.all_certified"] + ["star.said_of_all"]


def share_next_kind(done: list[Figure]) -> None:
    """A count that takes its unit from the next (`10 và 7 sản phẩm được tái công nhận`), read as a stock for
    want of a cue, has the next one's kind, time and status."""
    for f, g in zip(done, done[1:]):
        if "unit.shared_with_next" in f.fields["rules"] and "kind.default_total" in f.fields["rules"] \
                and g.unit == f.unit and g.fields["kind"] != "total" and f.parent is None:
            f.fields["kind"], f.fields["status"] = g.fields["kind"], g.fields["status"]
            f.fields["as_of"], f.fields["period"], f.fields["time_basis"] = \
                g.fields["as_of"], g.fields["period"], g.fields["time_basis"]
            f.fields["rules"] = [r for r in f.fields["rules"] if r != "kind.default_total"] + ["kind.of_next_count"]


def share_paired_class(done: list[Figure]) -> None:
    """Numbers paired with places in order (`lần lượt`, `tương ứng`) whose class is said once, after the last
    (`Hà Nội, Quảng Ninh và Lâm Đồng có tương ứng 5, 4 và 7 sản phẩm đạt 5 sao`) or before the first, in what
    the places share (`Kim Sơn, Yên Mô và Hoa Lư là ba địa phương có nhiều sản phẩm OCOP 4 sao nhất, tương ứng
    21, 17 và 15 sản phẩm`): each has that class."""
    paired = [f for f in done if "scope.respectively" in f.fields["rules"] and f.fields["metric"] == "ocop_products"]
    if len(paired) < 2:
        return
    last, first = paired[-1], paired[0]
    if last.star_match is not None and last.star_match.start > last.number.start:
        source, others = last, paired[:-1]
    elif first.star_match is not None and first.star_match.end <= first.number.start:
        source, others = first, paired[1:]
    else:
        return
    if source.fields["star"] not in ONE_CLASS or any("star.all_certified" not in f.fields["rules"] for f in others):
        return
    for f in others:
        f.fields["star"] = source.fields["star"]
        f.fields["rules"] = [r for r in f.fields["rules"] if r != "star.all_certified"] + ["star.shared_by_pairs"]
