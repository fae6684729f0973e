"""Names as keys: one key for every written form of a unit's name (case, old-style tone marks `Hoà`/`Hòa`,
spacing around hyphens), and the index of units by it, built once on first use.

>>> name_key("Khánh Hoà") == name_key("KHÁNH HÒA") == name_key("khánh  hòa")
True
>>> name_key("Bà Rịa-Vũng Tàu") == name_key("Bà Rịa – Vũng Tàu")
True
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache

import regex

from .data import Unit, units

_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
              "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
"""The older tone placement -> the newer one (the dataset writes `Hòa`; articles write both)."""
_OLD_TONE = regex.compile("|".join(_OLD_TONES))
_DASH = regex.compile(r"\s*[-–—]\s*")
_SPACE = regex.compile(r"\s+")


_DAK = regex.compile(r"(?<!\p{L})(?:đắk|đăk|đak|đắc|dak|đắc)(?!\p{L})")
"""The Central Highlands' `Đắk` is written four ways (`Đak Pơ`, `Đăk Pơ`, `Dak Pơ`): one key."""


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """NFC, case-folded, newer tone placement, one space, `-` without spaces, one `đắk`.

    >>> name_key("Đak Pơ") == name_key("Đăk Pơ") == name_key("ĐẮK PƠ")
    True
    """
    return _DAK.sub("đắk", spelling_key(name))


_APOSTROPHE = regex.compile("[’ʼ‘`]")      # `Cư M’gar` is written with any of them: the dataset has `'`


@lru_cache(maxsize=65536)
def spelling_key(name: str) -> str:
    """`name_key` that tells `Đak` from `Đăk`: two spellings of one name differ by it."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = _OLD_TONE.sub(lambda m: _OLD_TONES[m.group()], text)
    return _SPACE.sub(" ", _DASH.sub("-", _APOSTROPHE.sub("'", text))).strip()


def as_written(written: str, name: str) -> str:
    """The gazetteer's name, unless the text spells it otherwise (`Đak Pơ` for the dataset's `Đăk Pơ`):
    then the text's spelling, each word capitalized.

    >>> as_written("huyện", "Huyện"), as_written("ĐAK PƠ", "Đăk Pơ"), as_written("Mường khương", "Mường Khương")
    ('Huyện', 'Đak Pơ', 'Mường Khương')
    """
    if spelling_key(written) == spelling_key(name) or name.endswith(" " + written):    # `1` of `Quận 1`
        return name
    return " ".join(w[:1].upper() + w[1:].lower() for w in written.split())


_NUMBERED = regex.compile(r"^(?:quận|phường)\s+(\d{1,2})$")


def _keys(u: Unit) -> list[str]:
    key = name_key(u.name)
    m = _NUMBERED.match(key)              # `Quận 1`: also `1` (the word is then the one before it)
    return [key, m.group(1)] if m else [key]


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[Unit, ...]]:
    out: dict[str, list[Unit]] = defaultdict(list)
    for u in units():
        for k in _keys(u):
            out[k].append(u)
    return {k: tuple(v) for k, v in out.items()}


def lookup(name: str, level: str | None = None, new: bool | None = None) -> list[Unit]:
    """Units with this name (any written form), optionally of one level and one map."""
    return [u for u in index().get(name_key(name), ()) if (level is None or u.level == level)
            and (new is None or u.new == new)]


_OPENING_NAME = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,3}")


def district_opening(text: str, province: str | None = None) -> tuple[str, str] | None:
    """The district whose bare name opens `text` (longest name first), with its province: a district of
    `province`, or, with no province given, the only district of that name in the country.

    >>> district_opening("Đô Lương có 45 sản phẩm", "Nghệ An"), district_opening("Mộc Châu có 40 sản phẩm")
    (('Đô Lương', 'Nghệ An'), ('Mộc Châu', 'Sơn La'))
    >>> district_opening("Tân Phú có 20 sản phẩm") is None      # several districts bear the name
    True
    >>> district_opening("Lào Cai có 400 sản phẩm", "Lào Cai") is None      # the province, not its city
    True
    """
    run = _OPENING_NAME.match(text)
    if run is None:
        return None
    words = run.group().split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if lookup(name, level="province"):
            return None     # a province's name, bare, is the province's ('ở Lào Cai', not TP Lào Cai)
        found = {u.province for u in lookup(name, level="district")}
        if province in found or (province is None and len(found) == 1):
            return name, province or found.pop()
    return None


_LEAD = regex.compile(r"(?<![\p{L}\p{M}])(?:của|tại|ở|thuộc)\s+(?=\p{Lu})")


def district_after_lead(text: str, province: str) -> str | None:
    """The last district of `province` that `text` names bare after `của`, `tại`, `ở` or `thuộc`.

    >>> district_after_lead("Sản phẩm OCOP của Hải Lăng thuộc 16 chủ thể", "Quảng Trị")
    'Hải Lăng'
    >>> district_after_lead("Sản phẩm của Hà Nội", "Quảng Trị") is None
    True
    """
    found = None
    for m in _LEAD.finditer(text):
        district = district_opening(text[m.end():], province)
        found = district[0] if district else found
    return found

