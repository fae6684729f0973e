"""A craft village (`làng nghề`) is no place level of the record: a count of a village's products is its
province's (annotation.md), and it is a part of the province's products, not their total. Such a count
keeps its province as its place and says so by its rule `part.village_of_province` (reconciliation reads it
as a part, at least so many, as it reads a business's count).

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
from .parts import Figure

RULE = "part.village_of_province"
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


def mark(f: Figure, text: str, sentence_start: int) -> None:
    """A count of a village's products, or a part of one, takes the village rule (as it is read, so that
    its parts after it take it too)."""
    if f.fields["metric"] is None:
        return
    if village_before(text, sentence_start, f.number.start) is not None \
            or (f.parent is not None and RULE in f.parent.fields["rules"]):
        if RULE not in f.fields["rules"]:
            f.fields["rules"] = f.fields["rules"] + [RULE]


def settle(records: list[dict]) -> None:
    """The village rule's count records (in place) take their province as their place."""
    for r in records:
        if r.get("type") != "count" or RULE not in r.get("rules", ()):
            continue
        if r.get("scope_level") in ("district", "commune") and r.get("scope_parent"):
            province = next(iter(lookup(r["scope_parent"], level="province")), None)
            r.update(scope=r["scope_parent"], scope_level="province", scope_parent=None,
                     scope_code=province.code if province else None)
