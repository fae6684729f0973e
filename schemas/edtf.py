"""The subset of EDTF (ISO 8601-2) that ocop writes, and a validator for it.

>>> [is_edtf(v) for v in ["2025", "2025-06", "2023-04-07", "2025-06~", "XXXX-06-16", "2021/2025",
...                        "2022-09-20/2022-12-21", "2025-21"]]
[True, True, True, True, True, True, True, True]
>>> [is_edtf(v) for v in ["", "25", "2025-13", "2025/06", "2025-06-32", "06/2025", "2025~~"]]
[False, False, False, False, False, False, False]
>>> year_range("2025-06~"), year_range("2021/2025"), year_range("XXXX-06-16")
((2025, 2025), (2021, 2025), None)
"""
from __future__ import annotations

import re

_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_MONTH = r"(?:0[1-9]|1[0-2]|2[1-9]|3\d|4[01]|XX)"  # 21-41: seasons, quarters, halves (EDTF level 2)
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_QUAL = r"[~?%]?"
_POINT = rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?{_QUAL}"
_EDTF = re.compile(rf"^(?:{_POINT})(?:/(?:{_POINT}|\.\.)?)?$|^\.\./{_POINT}$")


def is_edtf(value: str) -> bool:
    """True for a date or interval in the EDTF subset ocop uses."""
    if not value or not _EDTF.match(value):
        return False
    for part in value.split("/"):
        if part and part != ".." and "-" in part:
            bits = part.rstrip("~?%").split("-")
            if len(bits) == 3 and bits[1].isdigit() and int(bits[1]) > 12:
                return False  # a day goes with a month, not with a season
    return True


def year_range(value: str | None) -> tuple[int, int] | None:
    """First and last year an EDTF value covers, or None when the year is unknown."""
    if not value:
        return None
    years = []
    for part in value.split("/"):
        y = part[:4]
        if y.isdigit():
            years.append(int(y))
    return (min(years), max(years)) if years else None
