"""Provinces across the reform of 1 July 2025: which old provinces make up each new one (the dataset's
converter table), and where each province lies.

>>> absorbed("Tuyên Quang")
['Hà Giang', 'Tuyên Quang']
>>> successor("Hà Giang"), successor("Hà Nội"), successor("Huế")
('Tuyên Quang', 'Hà Nội', 'Huế')
>>> is_merged("Tuyên Quang"), is_merged("Hà Giang"), is_merged("Hà Nội")
(True, True, False)
"""
from __future__ import annotations

import json
import sqlite3
from functools import lru_cache

from .data import dataset_path, province_units
from .names import name_key


@lru_cache(maxsize=1)
def _merges() -> dict[str, tuple[str, ...]]:
    """new province name -> the old provinces' names it is made of."""
    path = dataset_path()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = dict(conn.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy"))
        names.update(conn.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units"))
    with open(path.parent / "converter_2025.json", encoding="utf-8") as f:
        table = json.load(f)["DICT_PROVINCE"]
    return {names[new]: tuple(sorted(names[o] for o in olds)) for new, olds in table.items()}


@lru_cache(maxsize=1)
def _successors() -> dict[str, str]:
    return {name_key(old): new for new, olds in _merges().items() for old in olds}


def absorbed(new_province: str) -> list[str]:
    """The old provinces a new province is made of (itself included when its name survived)."""
    for new, olds in _merges().items():
        if name_key(new) == name_key(new_province):
            return list(olds)
    return []


def successor(old_province: str) -> str | None:
    """The new province an old one is part of since 1 July 2025 (None: not a province's name)."""
    return _successors().get(name_key(old_province))


def absorbed_into(old_province: str, new_province: str | None) -> bool:
    """Whether `old_province` is one the reform merged into another province, `new_province`.

    >>> absorbed_into("Bình Định", "Gia Lai"), absorbed_into("Gia Lai", "Gia Lai"), absorbed_into("Hà Nội", "Gia Lai")
    (True, False, False)
    """
    return new_province is not None and name_key(old_province) != name_key(new_province) \
        and successor(old_province) == new_province


def is_merged(province: str) -> bool:
    """Whether the reform changed this province's territory (it absorbed others or was absorbed)."""
    new = successor(province)
    return new is not None and len(absorbed(new)) > 1


def coordinates(province: str, new: bool) -> tuple[float, float] | None:
    """(lat, lon) of a province on the old or the new map."""
    for u in province_units(new):
        if name_key(u.name) == name_key(province):
            return u.lat, u.lon
    return None
