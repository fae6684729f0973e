"""Place names as keys: `Hà Nội`, `TP Hà Nội`, `thành phố Hà Nội` and `ha noi` are one place.

The administrative words are data (longest first, so `thành phố` wins over `thành`), not code:

>>> place_key("TP Hà Nội"), place_key("thành phố  Hà Nội"), place_key("Hà Nội")
('hà nội', 'hà nội', 'hà nội')
>>> loose_place_key("ha noi") == loose_place_key("TP. Hà Nội")
True
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

ADMIN_WORDS = ["thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "phường", "xã", "tp.", "tp",
               "tx.", "tx", "tt.", "h."]
"""Words naming the kind of place, dropped in front of a name (`TP Hà Nội` -> `Hà Nội`)."""

NATIONAL_NAMES = ["việt nam", "cả nước", "toàn quốc", "nước ta"]
"""Names that mean the whole country (the share_of_national denominator)."""

_ADMIN_PREFIX = regex.compile(
    r"""^(?:{words})      # one administrative word ...
        (?=\s|$)\s*       # ... standing alone, then the name
    """.format(words="|".join(regex.escape(w) for w in sorted(ADMIN_WORDS, key=len, reverse=True))),
    regex.VERBOSE | regex.IGNORECASE)


@lru_cache(maxsize=65536)
def place_key(scope: str | None) -> str | None:
    """NFC, lower case, single spaces, without a leading administrative word."""
    if scope is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", scope).casefold().split())
    stripped = _ADMIN_PREFIX.sub("", text, count=1).strip()
    return stripped or text


def strip_marks(text: str) -> str:
    """Without Vietnamese tone and vowel marks (`hà nội` -> `ha noi`); đ becomes d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def loose_place_key(scope: str | None) -> str | None:
    """For matching what a person types: also without marks (`ha noi`)."""
    key = place_key(scope)
    return strip_marks(key) if key is not None else None
