"""The time line of one figure as a small inline SVG: every claim a numbered point (numbers match the claim
cards), the reconciled values a line, the suggested value a dashed line.

>>> year_fraction("2025-06"), year_fraction("2022"), year_fraction("2021/2025"), year_fraction("XXXX-06")
(2025.455, 2022.997, 2025.997, None)
>>> nice_ticks(0, 9.9)
[0, 2, 4, 6, 8, 10]
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

from schemas import Conflict, Fact

from .data import claim_groups

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 14, 30

_POINT = re.compile(r"""
    ^(?P<year>\d{4})            # a known year
    (?:-(?P<month>\d{2}))?      # maybe a month (21-41 are seasons and quarters)
    (?:-(?P<day>\d{2}))?        # maybe a day
    [~?%]?$                     # an EDTF qualifier
""", re.VERBOSE)


def year_fraction(edtf: str | None) -> float | None:
    """Where an EDTF date sits on a time line in years (an interval: its end; a year-only figure: the year's
    end, what it came to by then, not mid-year)."""
    if not edtf:
        return None
    point = [p for p in edtf.split("/") if p and p != ".."][-1:] or [""]
    m = _POINT.match(point[0])
    if not m:
        return None
    year = int(m["year"])
    month = int(m["month"]) if m["month"] else None
    if month is None:
        return round(year + 364 / 365, 3)
    if month > 12:
        return year + 0.5
    day = int(m["day"]) if m["day"] else 15
    return round(year + (month - 1) / 12 + (day - 1) / 365, 3)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    span = max(high - low, 1e-9)
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, v = [], start
    while v < high + step * 0.999:
        ticks.append(int(v) if float(v).is_integer() else round(v, 6))
        v += step
    return ticks


@dataclass
class Point:
    x: float
    y: float
    label: str
    title: str


def _fmt(v: float | int) -> str:
    return f"{v:,.0f}".replace(",", ".") if float(v).is_integer() else f"{v:g}"


def timeline_svg(conflict: Conflict, facts: list[Fact], published: dict[str, str | None],
                 names: dict[str, str] | None = None) -> str:
    """The SVG for a finding; `published` maps article ids to publication dates (a claim without a date
    of its own is placed at its article's); `names` maps them to what a person calls the article (its
    title, `naming.article_names`), which the points' tooltips say. One point a claim, numbered as the
    page's cards (the records of a repeated sentence are one claim)."""
    claims = []
    undated = []
    for n, group in enumerate(claim_groups(conflict), 1):
        claim = group[0]
        when = claim.as_of or published.get(claim.article_id)
        x = year_fraction(when)
        if x is None:
            undated.append(str(n))
            continue
        article = (names or {}).get(claim.article_id) or "an article"
        claims.append(Point(x, float(claim.value), str(n), f"claim {n}: {_fmt(claim.value)} ({when}, {article})"))
    line = sorted((Point(x, float(f.value), f.rank, f"{_fmt(f.value)} at {f.as_of}: {f.rank}, rule {f.rule}")
                   for f in facts if f.rank != "deprecated" and (x := year_fraction(f.as_of)) is not None),
                  key=lambda p: p.x)
    deprecated = [Point(x, float(f.value), "deprecated", f"{_fmt(f.value)} at {f.as_of}: deprecated")
                  for f in facts if f.rank == "deprecated" and (x := year_fraction(f.as_of)) is not None]
    suggested = conflict.suggested.value if conflict.suggested and conflict.suggested.value is not None else None

    everything = claims + line + deprecated
    if not everything:
        return (f'<svg class="timeline" viewBox="0 0 {WIDTH} 40" role="img" aria-label="no dated claims">'
                f'<text x="8" y="24">No claim of this finding has a date to place on a time line.</text></svg>')
    xs = [p.x for p in everything]
    ys = [p.y for p in everything] + ([float(suggested)] if suggested is not None else [])
    x0, x1 = math.floor(min(xs)) - 0.25, math.ceil(max(xs)) + 0.25
    ticks_y = nice_ticks(0, max(ys) * 1.1 or 1)
    y1 = ticks_y[-1]

    def px(x: float) -> float:
        return round(LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT), 1)

    def py(y: float) -> float:
        return round(HEIGHT - BOTTOM - y / y1 * (HEIGHT - TOP - BOTTOM), 1)

    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="time line of {escape(conflict.key.label())}">']
    for t in ticks_y:
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py(t)}" y2="{py(t)}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{py(t) + 4}" text-anchor="end">{_fmt(t)}</text>')
    for year in range(math.ceil(x0), math.floor(x1) + 1):
        parts.append(f'<line class="axis" x1="{px(year)}" x2="{px(year)}" y1="{HEIGHT - BOTTOM}" '
                     f'y2="{HEIGHT - BOTTOM + 4}"/><text class="tick" x="{px(year + 0.5)}" '
                     f'y="{HEIGHT - 10}" text-anchor="middle">{year}</text>'
                     if year + 0.5 < x1 else "")
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
                 f'y2="{HEIGHT - BOTTOM}"/>')
    if suggested is not None:
        parts.append(f'<line class="suggested" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py(suggested)}" '
                     f'y2="{py(suggested)}"><title>suggested {_fmt(suggested)}</title></line>'
                     f'<text class="suggested-label" x="{LEFT + 4}" y="{py(suggested) - 4}">'
                     f'suggested {_fmt(suggested)}</text>')
    if line:
        coords = " ".join(f"{px(p.x)},{py(p.y)}" for p in line)
        parts.append(f'<polyline class="chosen" points="{coords}"/>')
        parts += [f'<circle class="fact" cx="{px(p.x)}" cy="{py(p.y)}" r="3"><title>{escape(p.title)}'
                  f'</title></circle>' for p in line]
    parts += [f'<circle class="deprecated" cx="{px(p.x)}" cy="{py(p.y)}" r="4"><title>{escape(p.title)}'
              f'</title></circle>' for p in deprecated]
    placed: list[tuple[float, float]] = []
    for p in sorted(claims, key=lambda p: (p.x, p.label)):
        cx, cy = px(p.x), py(p.y)
        while any(abs(cx - x) < 17 and abs(cy - y) < 17 for x, y in placed):  # keep close points apart
            cx += 17
        placed.append((cx, cy))
        parts.append(f'<g class="claim"><circle cx="{cx}" cy="{cy}" r="8"><title>{escape(p.title)}</title>'
                     f'</circle><text x="{cx}" y="{cy + 4}" text-anchor="middle">{p.label}</text></g>')
    if undated:
        parts.append(f'<text class="tick" x="{LEFT}" y="{TOP}">undated: claim {", ".join(undated)}</text>')
    parts.append("</svg>")
    return "".join(parts)
