"""Bytes -> text: which encoding a file is in, decided by policy functions, or a refusal that says why.

Order of the checks (`decode_bytes`):
1. a byte-order mark: UTF-8, UTF-16 or UTF-32, decoded as it says;
2. NUL bytes: UTF-16 without a mark when they sit at every other byte, otherwise a binary file;
3. valid UTF-8 (repaired when it is TCVN3 or VNI that went through Windows-1252 on its way to UTF-8);
4. otherwise each 8-bit Vietnamese encoding (Windows-1258, TCVN3, VNI) and UTF-8-with-bad-bytes is tried,
   and the decoding whose syllables look most like Vietnamese news wins if it wins clearly; else the file
   is refused with a message naming the encoding it most looks like.

>>> decode_bytes("Hà Nội có 3.317 sản phẩm".encode("utf-8")).encoding
'UTF-8'
>>> d = decode_bytes("Hà Nội có 3.317 sản phẩm".encode("utf-16"))
>>> d.encoding, d.text
('UTF-16', 'Hà Nội có 3.317 sản phẩm')
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
Traceback (most recent call last):
...
extract.inputs.decode.Refused: is a binary file (NUL bytes), not text
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from .language import common_syllable_share
from .legacy import LEGACY_DECODERS

BOMS = [(codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")]
"""Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one)."""

MIN_LEGACY_SHARE = 0.10
"""A legacy decoding is taken only if at least this share of its syllables are common Vietnamese ones…"""
MIN_LEGACY_LEAD = 0.05
"""…and it leads the next-best decoding by at least this much."""
MAX_CONTROL_SHARE = 0.01
"""More control characters than this (besides tab, line breaks, form feed) and the file is not text."""


class Refused(ValueError):
    """The bytes cannot be turned into text with confidence; the message says why (without the file),
    `kind` what sort of problem it is ("binary" or "encoding")."""

    def __init__(self, message: str, kind: str = "encoding"):
        super().__init__(message)
        self.kind = kind


_MARKUP = regex.compile(r"""
      <(script|style)\b.*?</\1\s*>     # a script or style element, content and all
    | <!--.*?-->                        # a comment
    | <[^>]*>                           # a tag
""", regex.VERBOSE | regex.DOTALL | regex.IGNORECASE)


def visible_text(html: str) -> str:
    """What a page shows, roughly (to judge its encoding by its words, not by its markup).

    >>> visible_text('<p class="x">Sản phẩm</p><script>var a = "<b>";</script> 4 sao')
    ' Sản phẩm  4 sao'
    """
    return _MARKUP.sub(" ", html)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str   # as messages name it: "UTF-8", "UTF-16", "Windows-1258", "TCVN3 (ABC)", "VNI", ...


def decode_bytes(raw: bytes, markup: bool = False) -> Decoded:
    """The text of `raw`, or `Refused`. `markup`: the bytes are an HTML page, whose encoding is judged by
    its visible text."""
    def score(text: str) -> float:
        return common_syllable_share(visible_text(text) if markup else text)

    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec), name)
            except UnicodeDecodeError as e:
                raise Refused(f"starts with a {name} byte-order mark but is not {name} "
                              f"(bad bytes at offset {e.start})") from None
    if b"\x00" in raw:
        utf16 = utf16_without_bom(raw)
        if utf16 is None:
            raise Refused("is a binary file (NUL bytes), not text", "binary")
        return Decoded(utf16, "UTF-16 (no byte-order mark)")
    if control_share(raw) > MAX_CONTROL_SHARE:
        raise Refused(f"is a binary file ({control_share(raw):.0%} control bytes), not text", "binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return decode_legacy(raw, e.start, score)
    return legacy_saved_as_utf8(text, score) or Decoded(text, "UTF-8")


def utf16_without_bom(raw: bytes) -> str | None:
    """Policy: UTF-16 without a byte-order mark when (nearly) all NUL bytes sit at odd offsets (little
    endian) or at even ones (big endian) and make up about half of the bytes, as in mostly-ASCII text."""
    if len(raw) % 2:
        return None
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    half = len(raw) // 2
    for nuls, wrong, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * half and wrong == 0:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    return None


def control_share(raw: bytes) -> float:
    """Share of bytes that are control characters other than tab, line feed, vertical tab, form feed,
    carriage return and the old end-of-file mark (Ctrl-Z)."""
    allowed = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A}
    bad = sum(1 for b in raw if b < 0x20 and b not in allowed)
    return bad / max(1, len(raw))


def legacy_saved_as_utf8(text: str, score=common_syllable_share) -> Decoded | None:
    """Policy for old pages converted carelessly: TCVN3 or VNI bytes shown as Windows-1252 and saved as
    UTF-8 ("Hµ Néi", "Haø Noäi"). Taken only when the text is all Windows-1252 characters (some not
    ASCII) and one legacy reading of those bytes is clearly more Vietnamese than the text as it is.

    >>> legacy_saved_as_utf8("Haø Noäi coù 3.317 saûn phaåm OCOP, trong ñoù coù 6 saûn phaåm 5 sao").text
    'Hà Nội có 3.317 sản phẩm OCOP, trong đó có 6 sản phẩm 5 sao'
    >>> legacy_saved_as_utf8("Hà Nội có 3.317 sản phẩm OCOP") is None
    True
    """
    if text.isascii():
        return None
    try:
        raw = text.encode("cp1252")   # Vietnamese proper has letters Windows-1252 lacks (ạ, ơ, đ...)
    except UnicodeEncodeError:
        return None
    own = score(text)
    readings = {name: LEGACY_DECODERS[name](raw) for name in ("TCVN3 (ABC)", "VNI")}
    share, name = max((score(t), n) for n, t in readings.items())
    if share >= MIN_LEGACY_SHARE and share - own >= MIN_LEGACY_LEAD:
        return Decoded(readings[name], f"{name} saved as UTF-8")
    return None


def decode_legacy(raw: bytes, first_bad_utf8: int, score=common_syllable_share) -> Decoded:
    """Policy for bytes that are not UTF-8: try every 8-bit Vietnamese encoding (and UTF-8 with its bad
    bytes replaced, for a damaged UTF-8 file) and take the clear winner by common-syllable share."""
    candidates = {name: decode(raw) for name, decode in LEGACY_DECODERS.items()}
    candidates["UTF-8"] = raw.decode("utf-8", errors="replace")
    scores = sorted(((score(text), name) for name, text in candidates.items()), reverse=True)
    (best, name), (second, _) = scores[0], scores[1]
    if name == "UTF-8":
        places = len(regex.findall("\ufffd+", candidates["UTF-8"]))
        raise Refused(f"is UTF-8 with invalid bytes in {places} place(s) (the first at offset {first_bad_utf8}); "
                      "repair the file or save it again as UTF-8")
    if best >= MIN_LEGACY_SHARE and best - second >= MIN_LEGACY_LEAD:
        return Decoded(candidates[name], name)
    raise Refused(f"is not UTF-8 (byte {raw[first_bad_utf8]:#04x} at offset {first_bad_utf8}); it looks most "
                  f"like {name} but could not be decoded with confidence ({best:.0%} common Vietnamese "
                  f"syllables); convert it to UTF-8")
