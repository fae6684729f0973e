"""The unit a count's place is: among the units that bear its name at its level, the one its sentence
points to (`xã Tân Hòa, huyện Chợ Gạo`), in the article's province, on the map of the figure's date
(a commune named in 2026 is one of the 3,321 new ones). Fills `scope_code` and `scope_parent`.

>>> from extract.gazetteer import lookup
>>> u = pick(lookup("Mường Khương", level="commune"), "Lào Cai", "2023")
>>> u.code, u.kind, u.new
('02761', 'thị trấn', False)
>>> pick(lookup("Mường Khương", level="commune"), None, "2026-01").kind
'xã'
>>> pick(lookup("Tân Hòa", level="commune"), None, "2023") is None      # many communes: not known for sure
True
"""
from __future__ import annotations

from datetime import date

from .data import REFORM_DATE, Unit
from .names import lookup, name_key
from .provinces import successor

LEVELS = ("province", "district", "commune")


def on_new_map(when: str | date | None) -> bool | None:
    """Whether a date (EDTF or a date) falls on the map from 1 July 2025; None when unknown.

    >>> on_new_map("2025-06~"), on_new_map("2025-07"), on_new_map("2025"), on_new_map("2026")
    (False, True, None, True)
    """
    if when is None:
        return None
    if isinstance(when, date):
        return when >= REFORM_DATE
    end = when.split("/")[-1].strip("~?%")
    try:
        year = int(end[:4])
    except ValueError:
        return None
    if year != REFORM_DATE.year:
        return year > REFORM_DATE.year
    if len(end) >= 7 and end[5:7].isdigit():
        return int(end[5:7]) >= REFORM_DATE.month
    return None


def pick(units, province: str | None, when: str | date | None) -> Unit | None:
    """One unit among `units`: of the article's province (or of the new province it became part of),
    on the map of `when`; None when several remain with different codes."""
    units = list(units)
    if province:
        units = [u for u in units if _of_province(u, province)] or units
    new = on_new_map(when)
    if new is not None:
        units = [u for u in units if u.new == new] or units
    elif len({u.new for u in units}) > 1:
        units = [u for u in units if not u.new] or units    # a year of the reform: the map of most of it
    if not units or len({(u.level, u.code) for u in units}) > 1:
        return None
    return units[0]


def _of_province(u: Unit, province: str) -> bool:
    """The unit lies in `province` (or in the new province its own became part of)."""
    key = name_key(province)
    return name_key(u.province) == key or name_key(successor(u.province) or "") == key


def fill_scope_units(records: list[dict], place_units: dict[tuple[str, str], tuple[Unit, ...]],
                     province: str | None, published: date | None) -> None:
    """Give each count record its `scope_code` and `scope_parent` (in place). `place_units` holds the
    units the article's place matches were narrowed to, by (name, level)."""
    for r in records:
        if r.get("type") != "count" or r.get("scope_level") not in LEVELS or not r.get("scope"):
            continue
        units = place_units.get((r["scope"], r["scope_level"])) or lookup(r["scope"], level=r["scope_level"])
        if province and r["scope_level"] != "province" and not any(_of_province(u, province) for u in units):
            # (narrowed by its administrative word to another province's: 'huyện Phong Điền' in an article
            # about Huế, whose Phong Điền is a thị xã on the gazetteer's map)
            units = [u for u in lookup(r["scope"], level=r["scope_level"]) if _of_province(u, province)] or units
        unit = pick(units, province if r["scope_level"] != "province" else None, r.get("as_of") or published)
        if unit is None:
            continue
        r["scope_code"] = unit.code
        r["scope_parent"] = unit.province if unit.level != "province" else None


def units_named(sentences) -> dict[tuple[str, str], tuple[Unit, ...]]:
    """(name, level) -> the fewest units any of the article's mentions of it was narrowed to (by the
    places of its sentence); `sentences` are the assembly's sentence infos, with their place matches."""
    out: dict[tuple[str, str], tuple[Unit, ...]] = {}
    for info in sentences:
        for p in info.places:
            units = p.value.get("units")
            if units and p.value["name"]:
                key = (p.value["name"], p.value["level"])
                if key not in out or len(units) < len(out[key]):
                    out[key] = units
    return out
