"""Parts that belong to another whole than the one the reading first gave them: a sentence of parts that
adds up to a figure of the sentence before (`Trong đó, …`), and a list under a heading whose counts add up
to one (`Các chủ thể có sản phẩm đạt 4 sao gồm: …`)."""
from __future__ import annotations

import regex

from .. import basis
from . import shared_predicates, year_lists
from .analysis import LEVEL_RANK, SentenceInfo
from .headings import heading_end
from .parts import Figure


def regroup_sentence(text: str, info: SentenceInfo, done: list[Figure], opens_with_parts: bool,
                     wholes: list[Figure]) -> None:
    """The figures of a sentence just read, regrouped under the whole of the sentence before they add up to,
    and given the predicate they share (the functions below)."""
    if opens_with_parts:
        regroup_by_sum(done, wholes)
    else:
        regroup_heading_list(text, info, done, wholes)
        regroup_classes(done, wholes)       # '… 2 sản phẩm đạt 4 sao, 3 sản phẩm đạt 3 sao.'
        regroup_groups(done, wholes)        # '… Nhóm thực phẩm có 31 sản phẩm, nhóm đồ uống có 9 sản phẩm.'
        regroup_places(done, wholes)        # '… Phường A có 2 sản phẩm mới, xã B có 1 sản phẩm.'
    year_lists.share_year_predicate(text, done)     # 'Năm 2019 có 45 sản phẩm, năm 2020 có 60 … được công nhận'
    year_lists.year_after_year(text, info, done, wholes)    # 'Năm 2019, tỉnh công nhận 41 sản phẩm. Năm 2020 có 56 …'
    shared_predicates.share_paired_class(done)      # 'A, B và C có tương ứng 5, 4 và 7 sản phẩm đạt 5 sao'
    shared_predicates.share_all_class(text, done, info.stars)     # '… 3 sản phẩm mới, đều đạt 3 sao'
    shared_predicates.share_next_kind(done)     # 'lần lượt 10 và 7 sản phẩm được tái công nhận'


def regroup_by_sum(done: list[Figure], wholes: list[Figure]) -> None:
    """Parts that open a sentence (`Trong đó, …`) belong to the whole of the sentence before that they add up
    to: `Năm 2024 có thêm 40 sản phẩm …, nâng tổng số lên 320 sản phẩm. Trong đó, 5 sản phẩm đạt 4 sao, 35
    sản phẩm đạt 3 sao` details the 40 (an addition), not the last whole named (the 320). Their kind and time,
    and their place when it was the whole's, become that whole's.
    The parts too large for the last whole, read as stocks for want of one, count with them (`… có 563 sản
    phẩm, tăng 61 sản phẩm … Trong đó có 2 sản phẩm 5 sao, 4 …, 98 sản phẩm 4 sao, 459 sản phẩm 3 sao`)."""
    partz = [f for f in done if f.parent is not None]
    if not partz or any(f.parent is not partz[0].parent or f.parent not in wholes for f in partz):
        return
    loose = [f for f in done if f.parent is None and f.unit == partz[0].unit and f.fields["metric"] == partz[0].fields["metric"]
             and "kind.default_total" in f.fields["rules"] and f.fields["time_basis"] != "stated"]
    if len(partz) + len(loose) < 2:
        return
    total = sum(f.fields["value"] for f in partz + loose if isinstance(f.fields["value"], (int, float)))
    other = next((w for w in wholes if w is not partz[0].parent and w.unit == partz[0].unit
                  and w.fields["value"] == total and partz[0].parent.fields["value"] != total), None)
    if other is None:
        return
    for f in partz:
        _take_whole(f, other, "kind.parts_add_up_to_figure", "scope.part_of_figure" in f.fields["rules"])
        if "star.of_whole" in f.fields["rules"]:    # ('… 13 sản phẩm được nâng hạng lên 4 sao và 20 sản phẩm … 3 sao.
            f.fields["star"] = other.fields["star"]  #   Trong đó, huyện A có 8 sản phẩm được nâng hạng, …': the 13's class)
    for f in loose:
        _take_whole(f, other, "kind.parts_add_up_to_figure", f.fields["scope_basis"] != "stated")


def regroup_classes(done: list[Figure], wholes: list[Figure]) -> None:
    """A sentence of counts of one class each, read as stocks for want of a cue, that add up to an addition
    of the sentence before with no single class (`Năm 2024, tỉnh công nhận 5 sản phẩm OCOP. 2 sản phẩm đạt 4
    sao, 3 sản phẩm đạt 3 sao.`): the classes of that round, its kind and time; a count the round did not rate
    (`…, 1 sản phẩm chưa đạt`) is none of them."""
    rated = [f for f in done if f.fields["metric"] is not None]
    whole = _addition_summed(rated, wholes, of_no_class=True) if len(rated) >= 2 else None
    if whole is not None and all(f.parent is None and _class_line(f, whole) for f in rated):
        for f in rated:
            _take_whole(f, whole, "kind.classes_add_up_to_figure", f.fields["scope_basis"] != "stated")


def regroup_groups(done: list[Figure], wholes: list[Figure]) -> None:
    """A sentence of counts of one product group each, read as stocks for want of a cue, that add up to an
    addition of the sentence before (`Năm 2023, tỉnh công nhận 47 sản phẩm OCOP. Nhóm thực phẩm có 31 sản
    phẩm, nhóm đồ uống có 9 sản phẩm, nhóm dược liệu có 7 sản phẩm.`): its split by group, its kind and time."""
    rated = [f for f in done if f.fields["metric"] is not None]
    if len(rated) < 2 or any(f.fields["category"] is None or f.parent is not None
                             or "kind.default_total" not in f.fields["rules"] for f in rated):
        return
    whole = _addition_summed(rated, wholes)
    for f in rated if whole is not None else []:
        _take_whole(f, whole, "kind.groups_add_up_to_figure", f.fields["scope_basis"] != "stated")


def regroup_places(done: list[Figure], wholes: list[Figure]) -> None:
    """A sentence of counts of places each inside the place of an addition of the sentence before, that add up
    to it (`Đợt 1/2024, thị xã Hương Trà có 3 sản phẩm được công nhận. Phường Hương Văn có 2 sản phẩm mới, xã
    Hương Toàn có 1 sản phẩm.`): its breakdown by place, each an addition at its time, in its own place."""
    if len(done) < 2 or any(f.parent is not None or f.fields["metric"] != "ocop_products" or f.fields["scope_basis"] != "stated"
                            or f.fields["kind"] not in ("added", "total") for f in done):
        return
    whole = _addition_summed(done, wholes)
    if whole is None or any(LEVEL_RANK.get(f.fields["scope_level"], 0) <= LEVEL_RANK.get(whole.fields["scope_level"], 9)
                            or f.fields["time_basis"] == "stated" for f in done):
        return
    for f in done:
        if "kind.default_total" in f.fields["rules"]:
            _take_whole(f, whole, "kind.places_add_up_to_figure", False)


def _addition_summed(figures: list[Figure], wholes: list[Figure], of_no_class: bool = False) -> Figure | None:
    """The last of `wholes` that is an addition of OCOP products (of no one class, with `of_no_class`) as many
    as `figures` add up to, in their unit."""
    total = sum(f.fields["value"] for f in figures if isinstance(f.fields["value"], (int, float)))
    return next((w for w in reversed(wholes) if w.unit == figures[0].unit and w.fields["value"] == total
                 and w.fields["kind"] == "added" and w.fields["metric"] == "ocop_products"
                 and (not of_no_class or w.fields["star"] in (None, "3+"))), None)


def _take_whole(f: Figure, whole: Figure, rule: str, its_place: bool) -> None:
    """`f` is a part of `whole`: its kind and time become the whole's, and its place too when `its_place`."""
    f.parent = whole
    f.fields.update(kind=whole.fields["kind"], as_of=whole.fields["as_of"], period=whole.fields["period"],
                    time_basis=whole.fields["time_basis"])
    f.fields["rules"] = f.fields["rules"] + [rule]
    if its_place:
        f.fields.update(scope=whole.fields["scope"], scope_level=whole.fields["scope_level"])
        if "scope.part_of_figure" not in f.fields["rules"]:
            f.fields["rules"] += ["scope.part_of_figure"]
    f.fields.update(kind_basis=basis.kind_basis(f.fields["rules"]), scope_basis=basis.scope_basis(f.fields["rules"]))


def regroup_heading_list(text: str, info: SentenceInfo, done: list[Figure], wholes: list[Figure]) -> None:
    """A list under a heading whose counts add up to a whole of the sentence before details it (`UBND tỉnh
    vừa công nhận 4 sản phẩm OCOP 4 sao. Các chủ thể có sản phẩm đạt 4 sao gồm: Công ty X (2 sản phẩm), HTX
    Y (1 sản phẩm), Hộ kinh doanh Z (1 sản phẩm)`): the items take its kind and time, and its place where
    they state none."""
    end = heading_end(text, info, info.end)
    items = [f for f in done if end is not None and f.number.start > end]
    if len(items) < 2 or any(f.unit != items[0].unit for f in items):
        return
    total = sum(f.fields["value"] for f in items if isinstance(f.fields["value"], (int, float)))
    if len(items) != len(done):
        # the whole before the heading, in the sentence (`UBND tỉnh vừa công nhận 9 sản phẩm OCOP của 3 chủ thể:
        # Công ty X 4 sản phẩm 4 sao, HTX Y 3 sản phẩm 3 sao, HTX Z 2 sản phẩm 3 sao`)
        whole = next((w for w in done if w.number.start < end and w.unit == items[0].unit and w.fields["value"] == total
                      and w.fields["metric"] == "ocop_products"), None)
        if whole is not None and all(f.parent in (None, whole) for f in items):
            _list_of(whole, [f for f in items if f.parent is None], "kind.list_adds_up_to_figure")
        return
    if any(f.parent is not None for f in items):
        return
    whole = next((w for w in wholes if w.unit == items[0].unit and w.fields["value"] == total), None)
    rule = "kind.list_adds_up_to_figure"
    if whole is None and _HEADING_POINTS_BACK.match(text, info.start, end):
        # 'UBND tỉnh vừa công nhận 6 sản phẩm đạt OCOP 4 sao. Các sản phẩm gồm: … HTX X (2 sản phẩm), Cơ sở Y (1
        # sản phẩm), còn lại của …': the products named before, some of them counted
        whole = next((w for w in reversed(wholes) if w.unit == items[0].unit and w.fields["metric"] == "ocop_products"
                      and isinstance(w.fields["value"], (int, float)) and w.fields["value"] >= total), None)
        rule = "kind.list_of_figure"
    if whole is not None:
        _list_of(whole, items, rule)


def _list_of(whole: Figure, items: list[Figure], rule: str) -> None:
    """The items of a list take `whole`'s kind and time, its place where they state none, and its class
    where they name none; items by product group of a whole of no one class are a split by group, of no
    class (`Các sản phẩm được công nhận gồm: 11 sản phẩm thực phẩm, 2 sản phẩm đồ uống …`)."""
    for f in items:
        _take_whole(f, whole, rule, f.fields["scope_basis"] != "stated")
        if f.fields["star"] != "3+" or f.fields["metric"] != "ocop_products":
            continue
        if whole.fields["star"] not in (None, "3+"):
            f.fields["star"], star_rule = whole.fields["star"], "star.of_whole"
        elif f.fields["category"]:
            f.fields["star"], star_rule = None, "star.split_by_group"
        else:
            continue
        f.fields["rules"] = [r for r in f.fields["rules"] if not r.startswith("star")] + [star_rule]


_HEADING_POINTS_BACK = regex.compile(r"\W*(?:Các|Những)\s+sản phẩm(?:\s+(?:này|trên|nói trên|được công nhận|đạt \d sao|"
                                r"đạt OCOP \d sao|mới))?\s+(?:gồm|bao gồm|gồm có|là)\s*:?\s*$", regex.IGNORECASE)
"""A list's heading that points back at products named before (`Các sản phẩm gồm:`, `Các sản phẩm này gồm:`)."""


def class_lines(state, done: list[Figure]) -> None:
    """Counts of one class each, a sentence (a list line) apiece after an addition of no one class, read as
    stocks for want of a cue, that add up to it (`UBND tỉnh công nhận 34 sản phẩm OCOP năm 2024. Cụ thể: / -
    Sản phẩm đạt 4 sao: 9 sản phẩm; / - Sản phẩm đạt 3 sao: 25 sản phẩm.`; `Sản phẩm đạt 4 sao (7 sản phẩm):
    Công ty X 3 sản phẩm; …`): its round's classes, with its kind and time, and so are their items; the
    sentence after them details the addition, not the last class (`Trong số này có 21 sản phẩm mới …`).
    `state` (a reader.ReaderState) keeps the addition and the lines read so far."""
    tops = [f for f in done if f.parent is None]
    if len(tops) == 1 and state.classes is not None and _class_line(tops[0], state.classes[0]):
        whole, lines, members = state.classes
        lines, members = lines + tops, members + [f for f in done if f is tops[0] or f.parent is tops[0]]
        total = sum(f.fields["value"] for f in lines)
        state.classes = (whole, lines, members) if total < whole.fields["value"] else None
        if total == whole.fields["value"]:
            for f in members:
                _take_whole(f, whole if f in lines else f.parent, "kind.class_lines_add_up_to_figure",
                            f in lines and f.fields["scope_basis"] != "stated")
            state.wholes = [whole]
        return
    addition = next((f for f in reversed(tops) if f.fields["kind"] == "added" and f.fields["metric"] == "ocop_products"
                     and f.fields["star"] in (None, "3+") and isinstance(f.fields["value"], int)), None)
    state.classes = (addition, [], []) if addition is not None else None


def _class_line(f: Figure, whole: Figure) -> bool:
    return f.unit == whole.unit and f.fields["metric"] == "ocop_products" and f.fields["star"] not in (None, "3+") \
        and ("kind.default_total" in f.fields["rules"] or "kind.item_of_lead" in f.fields["rules"]) \
        and f.fields["time_basis"] != "stated" \
        and isinstance(f.fields["value"], int)
