"""Products counted per unit, an average (annotation.md: averages per unit are optional), no place's count:
`mỗi xã có ít nhất 1 sản phẩm`, `100% xã có ít nhất 1 sản phẩm OCOP`, `2-3 sản phẩm/xã`."""
from __future__ import annotations

import regex

from . import cues

_UNITS = cues.longest_first(cues.words("metric", "per_unit_units"))
_PER_UNIT_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{cues.longest_first(cues.words('metric', 'per_unit_leads'))})\s*(?:{_UNITS})"
    rf"(?:\s*,\s*(?:{_UNITS}))*(?![\p{{L}}\p{{M}}])(?:(?!sản phẩm|OCOP)[^,;.:()\d“”\"]){{0,30}}$", regex.IGNORECASE)
_PER_UNIT_AFTER = regex.compile(rf"^\s*(?:OCOP\s*)?/\s*(?:{_UNITS})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


def per_unit(left: str, right: str) -> bool:
    """Products counted per unit (`mỗi xã có ít nhất 1 sản phẩm`, `100% xã có ít nhất 1 sản phẩm OCOP`,
    `2-3 sản phẩm/xã`), no place's count.

    >>> per_unit("đến năm 2025, 100% xã có ít nhất ", " OCOP.")
    True
    >>> per_unit("Bình quân mỗi huyện có ", ".")
    True
    >>> per_unit("Trung bình ", "/xã.")
    True
    >>> per_unit("Thực hiện Chương trình mỗi xã một sản phẩm đến nay, tỉnh đã có ", "")
    False
    >>> per_unit("mỗi xã một sản phẩm, tỉnh có ", "")
    False
    """
    return bool(_PER_UNIT_BEFORE.search(left[-80:]) or _PER_UNIT_AFTER.match(right))
