"""The units of the `vietnamadminunits` dataset as `Unit`s, read once per process (about 25 ms).

Before the reorganisation (`new=False`): provinces, districts (huyện, quận, thị xã, thành phố thuộc
tỉnh) and communes (xã, phường, thị trấn). From 1 July 2025 (`new=True`): provinces and communes (xã,
phường, đặc khu); there are no districts. Codes are the official ones (GSO): a province keeps its code
across the reform when its name survives, so (`new`, `level`, `code`) names a unit, not the code alone.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

REFORM_DATE = date(2025, 7, 1)
"""Provinces merged and districts abolished on this day (Resolution 202/2025/QH15)."""

PACKAGE = "vietnamadminunits"


class GazetteerMissing(RuntimeError):
    """The dataset of the package is not installed."""


class Unit(NamedTuple):
    code: str                  # official code: 2 digits (province), 3 (district), 5 (commune)
    name: str                  # the name a reader knows, without the administrative word: `Mường Khương`
    kind: str                  # the administrative word, lower case: tỉnh, thành phố, huyện, thị xã, xã, …
    level: str                 # province | district | commune
    new: bool                  # True: a unit of the map from 1 July 2025
    province: str              # the province it is in (itself for a province)
    province_code: str
    district: str | None = None       # for a commune before the reform
    lat: float | None = None
    lon: float | None = None

    @property
    def full_name(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"


def dataset_path() -> Path:
    spec = find_spec(PACKAGE)     # the package's own modules are not imported (they need shapely, geopy)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerMissing(f"the {PACKAGE} package is not installed (pip install {PACKAGE})")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"
    if not path.exists():
        raise GazetteerMissing(f"{path}: the {PACKAGE} dataset is missing")
    return path


_OLD = """SELECT provinceShort, provinceCode, province, provinceLat, provinceLon,
                 districtShort, districtCode, district, districtType, districtLat, districtLon,
                 wardShort, wardCode, ward, wardType, wardLat, wardLon FROM admin_units_legacy"""
_NEW = """SELECT provinceShort, provinceCode, province, provinceLat, provinceLon,
                 wardShort, wardCode, ward, wardType, wardLat, wardLon FROM admin_units"""


KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
_TAG = re.compile(r"\s*\([^)]*\)$")


def _split(full: str | None, short: str, type_: str | None, default: str) -> tuple[str, str]:
    """(name, administrative word) of a unit: `Thị xã Cai Lậy`, `Cai Lậy (Thị xã)` -> (`Cai Lậy`, `thị xã`).
    The dataset tags short names that two units of a province share; the full name says which is which."""
    name = _TAG.sub("", short)
    low = (full or "").lower()
    kind = next((k for k in KINDS if low.startswith(k + " ")), None)
    return name, kind or (type_ or default).lower()


@lru_cache(maxsize=1)
def units() -> tuple[Unit, ...]:
    """Every unit, old map first. Read once per process."""
    with sqlite3.connect(f"file:{dataset_path()}?mode=ro", uri=True) as conn:
        old, new = conn.execute(_OLD).fetchall(), conn.execute(_NEW).fetchall()
    out: dict[tuple, Unit] = {}
    for (p, pc, pfull, plat, plon, d, dc, dfull, dtype, dlat, dlon, w, wc, wfull, wtype, wlat, wlon) in old:
        if (False, "province", pc) not in out:
            out[False, "province", pc] = Unit(pc, p, _split(pfull, p, None, "tỉnh")[1], "province", False, p, pc,
                                              lat=plat, lon=plon)
        if (False, "district", dc) not in out:
            name, kind = _split(dfull, d, dtype, "huyện")
            out[False, "district", dc] = Unit(dc, name, kind, "district", False, p, pc, lat=dlat, lon=dlon)
        if w:
            name, kind = _split(wfull, w, wtype, "xã")
            out[False, "commune", wc] = Unit(wc, name, kind, "commune", False, p, pc,
                                             district=out[False, "district", dc].name, lat=wlat, lon=wlon)
    for (p, pc, pfull, plat, plon, w, wc, wfull, wtype, wlat, wlon) in new:
        if (True, "province", pc) not in out:
            out[True, "province", pc] = Unit(pc, p, _split(pfull, p, None, "tỉnh")[1], "province", True, p, pc,
                                             lat=plat, lon=plon)
        name, kind = _split(wfull, w, wtype, "xã")
        out[True, "commune", wc] = Unit(wc, name, kind, "commune", True, p, pc, lat=wlat, lon=wlon)
    return tuple(out.values())


_PROVINCES = """SELECT DISTINCT provinceShort, provinceCode, province, provinceLat, provinceLon FROM {table}"""


@lru_cache(maxsize=2)
def province_units(new: bool) -> list[Unit]:
    """The 63 provinces of the old map (`new=False`) or the 34 of the new one (one small query: the
    province names are wanted when the place pattern is built, before any other unit)."""
    with sqlite3.connect(f"file:{dataset_path()}?mode=ro", uri=True) as conn:
        rows = conn.execute(_PROVINCES.format(table="admin_units" if new else "admin_units_legacy")).fetchall()
    return [Unit(pc, p, _split(pfull, p, None, "tỉnh")[1], "province", new, p, pc, lat=lat, lon=lon)
            for p, pc, pfull, lat, lon in rows]
