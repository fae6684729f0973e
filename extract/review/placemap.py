"""The finding's figure on the country, beside its time line: the latest settled value of the same figure
in every province at the finding's date (`ocop map`'s dots, drawn as a small inline SVG: no tiles, no
downloads), the finding's own province ringed and labelled with the values in dispute.

>>> from extract.reconcile import reconcile
>>> from extract.reconcile.samples import count_record
>>> r = reconcile([count_record("a#1", "a", 6, as_of="2025-06"), count_record("b#1", "b", 9, as_of="2025-06"),
...                count_record("c#1", "c", 4, scope="Lào Cai", as_of="2025-03")])
>>> svg = place_map_svg(r.conflicts[0], r.facts)
>>> svg.startswith('<svg class="placemap"'), "Hà Nội: 6 / 9" in svg, "Lào Cai 4" in svg
(True, True, True)
"""
from __future__ import annotations

import math
from datetime import date
from html import escape

from schemas import Conflict, Fact

from ..reconcile.eras import NEW_MARK, province_of
from ..reconcile.mapplot import latest_by_province
from ..reconcile.timeline import interval
from ..reconcile.values import fmt

WIDTH, HEIGHT = 270, 360
WEST, EAST, SOUTH, NORTH = 101.8, 113.2, 8.2, 23.6    # room on the right for labels


def _xy(lat: float, lon: float) -> tuple[float, float]:
    return (round((lon - WEST) / (EAST - WEST) * WIDTH, 1), round((NORTH - lat) / (NORTH - SOUTH) * HEIGHT, 1))


def place_map_svg(conflict: Conflict, facts: list[Fact]) -> str:
    """'' when the finding is not about a province's total."""
    from ..gazetteer.data import province_units
    from ..gazetteer.provinces import coordinates
    key = conflict.key
    if key.kind != "total" or not key.scope:
        return ""
    new = key.scope.endswith(NEW_MARK)
    province = key.scope[: -len(NEW_MARK)] if new else province_of(key.scope)
    where = coordinates(province, new) if province else None
    if where is None:
        return ""
    iv = interval(conflict.as_of)
    when = date.fromordinal(iv.hi) if iv else date.today()
    dots = [d for d in latest_by_province(facts, key.metric, key.star, when)
            if d.province != (key.scope if new else province)]
    parts = [f'<svg class="placemap" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'role="img" aria-label="{escape(key.scope)} among the provinces">']
    for u in province_units(False) + province_units(True):
        x, y = _xy(u.lat, u.lon)
        parts.append(f'<circle cx="{x}" cy="{y}" r="1.5" fill="#ccc"/>')
    top = max([d.value for d in dots] + [max(conflict.values or [1])]) or 1
    for d in dots:
        x, y = _xy(d.lat, d.lon)
        r = round(2 + 10 * math.sqrt(d.value / top), 1)
        parts.append(f'<circle cx="{x}" cy="{y}" r="{r}" fill="#3b7dd8" fill-opacity="0.6">'
                     f'<title>{escape(d.province)} {fmt(d.value)} ({escape(d.as_of)})</title></circle>'
                     f'<text x="{x + r + 1}" y="{y + 3}" font-size="7">{escape(d.province)} {fmt(d.value)}</text>')
    x, y = _xy(*where)
    values = " / ".join(fmt(v) for v in conflict.values)
    parts.append(f'<circle cx="{x}" cy="{y}" r="8" fill="none" stroke="#d62728" stroke-width="2"/>'
                 f'<text x="{x + 10}" y="{y - 6}" font-size="9" font-weight="bold" fill="#d62728">'
                 f'{escape(key.scope)}: {escape(values)}</text></svg>')
    return "".join(parts)
