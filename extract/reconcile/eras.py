"""Provinces before and after the reorganisation of 1 July 2025, for reconciliation.

A figure about a province whose territory the reform changed is a figure about the province *of its
date*: `Tuyên Quang` in 2023 is the old province; `Tuyên Quang` at 2025-12 is the new one, which also
holds the former Hà Giang. The new one is keyed (and shown) as `Tuyên Quang (mới)`, so the two are
separate figures: never compared (no value_mismatch between them), never added up. Provinces the reform
left whole (Hà Nội, Huế, …) keep one key.

>>> from extract.reconcile.timeline import interval
>>> scope_at("Tuyên Quang", "province", interval("2025-12")), scope_at("Tuyên Quang", "province", interval("2023"))
('Tuyên Quang (mới)', 'Tuyên Quang')
>>> scope_at("Hà Nội", "province", interval("2026")), scope_at("Hà Giang", "province", interval("2026"))
('Hà Nội', 'Hà Giang')
>>> related_scopes("tỉnh TUYÊN QUANG")
['Tuyên Quang (mới)', 'Hà Giang', 'Tuyên Quang']
>>> related_scopes("tuyen quang (moi)"), related_scopes("TP.HCM")[:2]
(['Tuyên Quang (mới)', 'Hà Giang', 'Tuyên Quang'], ['Hồ Chí Minh (mới)', 'Bà Rịa - Vũng Tàu'])
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import regex

from .places import loose_place_key
from .timeline import Interval

NEW_MARK = " (mới)"
"""What a new province's name carries when the reform changed its territory (as the press writes it)."""
_REFORM_DAY = date(2025, 7, 1).toordinal()
_MARK = regex.compile(r"\s*\((?i:mới|moi|cũ|cu)\)\s*$")


@lru_cache(maxsize=4096)
def province_of(scope: str) -> str | None:
    """The province a written scope names (any written form), or None."""
    from ..gazetteer.provinces import successor
    from ..matchers import places
    text = _MARK.sub("", scope)
    for m in places.match(text):
        if m.value["level"] == "province" and m.value["units"]:
            return m.value["units"][0].province
    loose = loose_place_key(text)
    for name in _province_names():
        if loose_place_key(name) == loose and successor(name):
            return name
    return None


def load() -> None:
    """Load the gazetteer and the place matcher `province_of` reads (0,4 s), in a process about to fork
    workers that all read them (`place_workers`): loaded once, their pages shared."""
    _changed_new(province_of("Hà Nội") or "Hà Nội")


@lru_cache(maxsize=1)
def _province_names() -> tuple[str, ...]:
    from ..gazetteer.data import province_units
    return tuple(sorted({u.name for u in province_units(False)}))


@lru_cache(maxsize=4096)
def _changed_new(province: str) -> bool:
    from ..gazetteer.provinces import absorbed
    return len(absorbed(province)) > 1


def scope_at(scope: str | None, level: str | None, span: Interval | None) -> str | None:
    """The scope a figure is keyed by: a province the reform enlarged, at a date from 1 July 2025 on,
    is the new province (`X (mới)`); anything else is as written."""
    if not scope or level not in ("province", None) or span is None or span.lo < _REFORM_DAY:
        return scope
    return _new_map_scope(scope)


@lru_cache(maxsize=8192)
def _new_map_scope(scope: str) -> str:
    if scope.endswith(NEW_MARK):
        return scope
    province = province_of(scope)
    if province is None or not _changed_new(province):
        return scope
    return province + NEW_MARK


def related_scopes(scope: str) -> list[str]:
    """What `ocop timeline --scope` shows for a place typed in any form: the province (the new one when
    the reform enlarged it) and, as separate lines, the old provinces it is made of. A place that is not
    a province: itself."""
    from ..gazetteer.provinces import absorbed
    province = province_of(scope)
    if province is None:
        return [scope]
    if _changed_new(province):
        return [province + NEW_MARK] + absorbed(province)
    return [province]           # left whole by the reform, or an old province that was absorbed


def merge_note(scope: str) -> str:
    """A line saying what a new province is made of, for the top of its time line ('' otherwise).

    >>> print(merge_note("Tuyên Quang"), end="")
    Tuyên Quang (mới): from 2025-07-01 made of Hà Giang, Tuyên Quang; each is its own line, never added up.
    """
    scopes = related_scopes(scope)
    if len(scopes) < 2:
        return ""
    return (f"{scopes[0]}: from 2025-07-01 made of {', '.join(scopes[1:])}; "
            "each is its own line, never added up.\n\n")
