"""Where things go on a drawn time line, kept apart from matplotlib so it can be tested on its own:
where a figure's date is drawn, which figures share a panel, and labels that do not sit on each other.

>>> where("2024")            # a year-only figure: drawn as the year's span, its point at the end
(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), datetime.date(2024, 12, 31))
>>> where("2025-06-30")[2], where("2025-06")[0] is None, where("2025-06~")[0] is None
(datetime.date(2025, 6, 30), True, True)
>>> panels({"5 sao": [4, 9], "3 sao": [534, 1859], "all": [1649, 3463]})
[['3 sao', 'all'], ['5 sao']]
>>> label_offsets([(0.0, 10.0), (0.0, 10.0), (100.0, 10.0)], x_near=5, y_near=1)
[0, 1, 0]
"""
from __future__ import annotations

from datetime import date

from .timeline import interval

SPAN_DAYS = 62
"""A date less precise than about two months (a year, a quarter, `6 tháng đầu năm`) is drawn as a span."""
SCALE_RATIO = 10
"""Figures whose largest values differ more than this are drawn in separate panels."""


def where(edtf: str | None) -> tuple[date | None, date | None, date | None]:
    """(span start, span end, point) for a date: a precise one is a point (no span) at its middle; a
    wide one (a year-only figure) is its span, with the point at its end (a year's count is what it came
    to by the year's end, not at mid-year)."""
    iv = interval(edtf)
    if iv is None:
        return None, None, None
    if iv.hi - iv.lo > SPAN_DAYS and not edtf.endswith("~"):    # `2025-06~` is about a month, not a span
        end = date.fromordinal(iv.hi)
        return date.fromordinal(iv.lo), end, end
    return None, None, date.fromordinal((iv.lo + iv.hi) // 2)


def panels(values: dict[str, list[float]]) -> list[list[str]]:
    """Figures grouped into panels of similar scale, the largest first."""
    tops = sorted(((max(vs) if vs else 0, name) for name, vs in values.items()), reverse=True)
    out: list[list[str]] = []
    head = None
    for top, name in tops:
        if head is None or top * SCALE_RATIO < head:
            out.append([name])
            head = top
        else:
            out[-1].append(name)
    return [sorted(p) for p in out]


def label_offsets(points: list[tuple[float, float]], x_near: float, y_near: float) -> list[int]:
    """For each point (in order), how many label heights to lift its label so that no two labels that
    would overlap share a height."""
    placed: list[tuple[float, float, int]] = []
    out = []
    for x, y in points:
        level = 0
        taken = {lv for px, py, lv in placed if abs(px - x) < x_near and abs(py - y) < y_near}
        while level in taken:
            level += 1
        placed.append((x, y, level))
        out.append(level)
    return out
