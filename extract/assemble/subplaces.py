"""Places below the record's levels: a craft village (`làng nghề`), or a group of a province's districts or
communes (`Các huyện miền núi`, `các địa phương còn lại`). A count of their products is its province's
(annotation.md: a village is no scope level; a group is no one place), and it is a part of the province's
products, not their total. Such a count keeps its province as its place and says so by its rule
`part.within_scope` (reconciliation reads it as a part, at least so many, as it reads a business's count).

>>> t = "Làng lụa Vạn Phúc (quận Hà Đông, Hà Nội) hiện có 5 sản phẩm OCOP."
>>> village_before(t, 0, t.index("5 sản"))
'Làng lụa Vạn Phúc'
>>> t = "Làng nghề truyền thống thêu ren An Hòa (03 sản phẩm), huyện Kim Bảng có 12 sản phẩm"
>>> village_before(t, 0, t.index("03")), village_before(t, 0, t.index("12"))
('Làng nghề truyền thống thêu ren An Hòa', None)
>>> village_before("Các làng nghề đã có 20 sản phẩm", 0, 20) is None
True
>>> t = "Làng nghề truyền thống Mây giang đan Ngọc Động (1 sản phẩm)"
>>> village_before(t, 0, t.index("1 sản"))
'Làng nghề truyền thống Mây giang đan Ngọc Động'
"""
from __future__ import annotations

import regex

from ..gazetteer import lookup
from ..matchers.places import gazetteer_name
from .parts import Figure

RULE = "part.within_scope"
_GAP = r"(?:\s*\([^()]{0,60}\))?\s*(?:,\s*)?(?:(?:hiện|nay|đã|cũng|có|với|gồm)\s+)*\(?\s*"
"""Between a village and its count: its place in brackets, `hiện có`, `với`, or the bracket the count opens."""
_VILLAGE_WORD = regex.compile(r"(?<![\p{L}\p{M}])làng(?![\p{L}\p{M}])", regex.IGNORECASE)
_NAME_THEN_GAP = regex.compile(rf"(?P<name>(?:\s+[\p{{L}}\p{{M}}]+){{1,10}}?){_GAP}", regex.IGNORECASE)


def village_before(text: str, start: int, at: int) -> str | None:
    """The village whose count is the number at `at`: named right before it in text[start:at] (as its
    clause's subject, `Làng nghề X có 5 sản phẩm`, or before the count's bracket, `Làng nghề X (03 sản
    phẩm)`); its name holds a capitalized word."""
    found = None
    for m in _VILLAGE_WORD.finditer(text, max(start, at - 160), at):
        tail = _NAME_THEN_GAP.fullmatch(text, m.end(), at)
        if tail is not None and any(ch.isupper() for ch in tail.group("name")):
            found = text[m.start():tail.end("name")]
    return found


_GROUP = regex.compile(
    r"(?<![\p{L}\p{M}])(?:các|những|một số)\s+(?:huyện|xã|phường|địa phương|thôn|bản)(?![\p{L}\p{M}])"
    r"[^\d.,;:()]{0,60}?(?<![\p{L}\p{M}])(?:có|đã có|hiện có|với|còn lại|chiếm)\s*$",
    regex.IGNORECASE)
_NOT_A_GROUP = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:toàn|tất cả|cả)\s+(?:các\s+)?(?:huyện|xã)|(?:các|những)\s+(?:xã|phường)"
                             r"(?:,\s*(?:phường|thị trấn))?\s+(?:thuộc|của|trên địa bàn)\s+(?:huyện|thị xã|thành phố|quận))",
                             regex.IGNORECASE)
"""Not a group: all of a unit's units (`toàn huyện`), the communes of a district named (`Các xã thuộc huyện
Mai Châu cũ có 30 sản phẩm`: the district's)."""


def group_before(text: str, start: int, at: int) -> str | None:
    """The group of a province's units whose count is the number at `at`, as the subject of its clause
    (`Các huyện miền núi của tỉnh Quảng Nam hiện có 120 sản phẩm`, `các địa phương còn lại 90 sản phẩm`).

    >>> t = "Các huyện miền núi của tỉnh Quảng Nam hiện có 120 sản phẩm OCOP"
    >>> group_before(t, 0, t.index("120"))
    'Các huyện miền núi của tỉnh Quảng Nam hiện có'
    >>> t = "Tỉnh có 400 sản phẩm, các địa phương còn lại 90 sản phẩm"
    >>> group_before(t, 0, t.index("400")), group_before(t, 0, t.index("90"))
    (None, 'các địa phương còn lại')
    >>> group_before("Tất cả các huyện đều có 5 sản phẩm", 0, 24) is None
    True
    """
    m = _GROUP.search(text, max(start, at - 120), at)
    if m is None or _NOT_A_GROUP.search(text, max(start, m.start() - 8), m.end()):
        return None
    return m.group().strip()


def mark(f: Figure, text: str, sentence_start: int) -> None:
    """A count of a village's or a group's products, or a part of one, takes the rule (as it is read, so
    that its parts after it take it too)."""
    if f.fields["metric"] is None:
        return
    if village_before(text, sentence_start, f.number.start) is not None \
            or group_before(text, sentence_start, f.number.start) is not None \
            or (f.parent is not None and RULE in f.parent.fields["rules"]
                and "scope.part_of_figure" in f.fields["rules"]):     # (a part in a place of its own keeps it)
        if RULE not in f.fields["rules"]:
            f.fields["rules"] = f.fields["rules"] + [RULE]


def settle(records: list[dict], article_province: str | None = None) -> None:
    """The rule's count records (in place) take their province as their place, named as the article names
    it (`Thừa Thiên Huế`, which the gazetteer calls `Huế`)."""
    for r in records:
        if r.get("type") != "count" or RULE not in r.get("rules", ()):
            continue
        if r.get("scope_level") in ("district", "commune") and r.get("scope_parent"):
            province = next(iter(lookup(r["scope_parent"], level="province")), None)
            written = article_province if gazetteer_name(article_province) == r["scope_parent"] else r["scope_parent"]
            r.update(scope=written, scope_level="province", scope_parent=None,
                     scope_code=province.code if province else None)
