"""The legacy Vietnamese 8-bit encodings TCVN3 (ABC) and VNI-Windows, decoded with tables kept as data
(`legacy_encodings.json` beside this file). Both results are NFC.

TCVN3 gives each letter one byte:

>>> decode_tcvn3(bytes.fromhex("48b5204ee9692063e320332e3331372073b66e207068c86d"))
'Hà Nội có 3.317 sản phẩm'

VNI writes a letter as an ASCII base followed by a mark character (shown here as Windows-1252 shows it):

>>> decode_vni("Haø Noäi coù 3.317 saûn phaåm".encode("cp1252"))
'Hà Nội có 3.317 sản phẩm'
>>> decode_vni("ÑAØ NAÜNG, Vieät Nam, ngöôøi".encode("cp1252"))
'ĐÀ NẴNG, Việt Nam, người'
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex


@lru_cache(maxsize=None)
def _tables() -> dict:
    with open(Path(__file__).with_name("legacy_encodings.json"), encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def _tcvn3_map() -> dict[int, str]:
    return {int(byte, 16): letter for byte, letter in _tables()["tcvn3"].items()}


def decode_tcvn3(raw: bytes) -> str:
    """TCVN3 bytes -> NFC text; bytes outside the table read as Windows-1252 (ASCII and punctuation)."""
    table = _tcvn3_map()
    out = []
    for b in raw:
        letter = table.get(b)
        out.append(letter if letter is not None else bytes([b]).decode("cp1252", errors="replace"))
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=None)
def _vni_pattern() -> tuple[regex.Pattern, dict[str, str]]:
    table = _tables()["vni"]
    # longest sequence first, so that a base letter takes its mark before the mark is read alone
    alternation = "|".join(regex.escape(s) for s in sorted(table, key=lambda s: (-len(s), s)))
    return regex.compile(alternation), table


def decode_vni(raw: bytes) -> str:
    """VNI-Windows bytes -> NFC text."""
    text = raw.decode("cp1252", errors="replace")
    pattern, table = _vni_pattern()
    return unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group()], text))


def decode_cp1258(raw: bytes) -> str:
    """Windows-1258 bytes (base letters with combining tone marks) -> NFC text."""
    return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))


LEGACY_DECODERS = {"Windows-1258": decode_cp1258, "TCVN3 (ABC)": decode_tcvn3, "VNI": decode_vni}
"""Name (as messages say it) -> decoder, for every 8-bit Vietnamese encoding that is detected."""


def encode_legacy(text: str, name: str) -> bytes:
    """The inverse of `LEGACY_DECODERS[name]` (for tests and benchmarks that make legacy files).

    >>> encode_legacy("Việt Nam", "VNI").decode("cp1252")
    'Vieät Nam'
    >>> decode_cp1258(encode_legacy("Sản phẩm đạt 4 sao", "Windows-1258"))
    'Sản phẩm đạt 4 sao'
    """
    text = unicodedata.normalize("NFC", text)
    if name == "TCVN3 (ABC)":
        # TCVN3 lacks most toned capitals: they were typed as small letters in a capitals font
        inverse = {letter: byte for byte, letter in _tcvn3_map().items()}
        return b"".join(bytes([inverse[c]]) if c in inverse else bytes([inverse[c.lower()]])
                        if c.lower() in inverse else c.encode("cp1252", errors="replace") for c in text)
    if name == "VNI":
        inverse = {letter: seq for seq, letter in _tables()["vni"].items()}
        return "".join(inverse.get(c, c) for c in text).encode("cp1252")
    if name == "Windows-1258":
        out = []
        for c in text:
            try:
                out.append(c.encode("cp1258"))
            except UnicodeEncodeError:  # a toned letter cp1258 lacks: base letter + combining tone mark
                base, *marks = unicodedata.normalize("NFD", c)
                head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
                tones = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
                out.append((head + tones).encode("cp1258"))
        return b"".join(out)
    raise ValueError(f"no legacy encoding named {name!r}")
