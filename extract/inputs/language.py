"""Does a text look Vietnamese? Two measures, their vocabulary in `vietnamese.json` beside this file.

- `diacritic_share`: the share of letters that carry Vietnamese diacritics (news prose: about 0.28;
  English: 0). The policy `is_vietnamese` compares it with the data's `min_diacritic_ratio`.
- `common_syllable_share`: the share of syllables that are among the most frequent of news prose; it tells
  the right decoding of a legacy-encoded file from the wrong ones (which give rare letter soup).

>>> round(diacritic_share("Hà Nội có 3.317 sản phẩm OCOP"), 2)
0.28
>>> diacritic_share("Ha Noi has 3,317 OCOP products")
0.0
>>> is_vietnamese("The province of Ha Giang has many OCOP products rated three stars and four stars.")
False
>>> is_vietnamese("Tỉnh có nhiều sản phẩm OCOP đạt 3 sao và 4 sao, được thị trường đón nhận.")
True
>>> is_vietnamese("OCOP 3 sao")   # too short to judge
True
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

_SYLLABLE = regex.compile(r"""
    \p{L}+      # a run of letters: a syllable in Vietnamese writing (hyphens, digits, spaces end it)
""", regex.VERBOSE)


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    with open(Path(__file__).with_name("vietnamese.json"), encoding="utf-8") as f:
        data = json.load(f)
    data["diacritic_letters"] = frozenset(data["diacritic_letters"])
    data["common_syllables"] = frozenset(data["common_syllables"])
    return data


_NOT_LETTER = regex.compile(r"""
    \P{L}+     # anything but letters (digits, spaces, punctuation), removed to count the letters
""", regex.VERBOSE)


@lru_cache(maxsize=None)
def _marked_letter() -> regex.Pattern:
    """One letter with Vietnamese diacritics, either case (the character class comes from the data)."""
    return regex.compile("[" + regex.escape("".join(sorted(vocabulary()["diacritic_letters"]))) + "]",
                         regex.IGNORECASE)


def letter_counts(text: str) -> tuple[int, int]:
    """(letters, letters with Vietnamese diacritics) of `text`, in any normalization.

    >>> letter_counts("Sản phẩm 4 sao")
    (10, 2)
    """
    text = unicodedata.normalize("NFC", text)
    return len(_NOT_LETTER.sub("", text)), len(_marked_letter().findall(text))


def diacritic_share(text: str) -> float:
    """Share of the letters of `text` (any normalization) that carry Vietnamese diacritics."""
    letters, marked = letter_counts(text)
    return marked / letters if letters else 0.0


def common_syllable_share(text: str) -> float:
    """Share of the syllables of `text` that are among the most frequent syllables of Vietnamese news.

    >>> common_syllable_share("Tỉnh có nhiều sản phẩm") > 0.5
    True
    >>> common_syllable_share("Tænh cã nhiÒu s¶n phÈm")
    0.0
    """
    syllables = _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())
    if not syllables:
        return 0.0
    common = vocabulary()["common_syllables"]
    return sum(1 for s in syllables if s in common) / len(syllables)


def is_vietnamese(text: str) -> bool:
    """Policy: a text is Vietnamese unless it has enough letters to judge and too few of them carry
    Vietnamese diacritics (text without diacritics, or in another language, is not extracted)."""
    vocab = vocabulary()
    letters, marked = letter_counts(text)
    if letters < vocab["min_letters"]:
        return True
    return marked / letters >= vocab["min_diacritic_ratio"]


def not_vietnamese_reason(text: str) -> str:
    vocab = vocabulary()
    return (f"text is not Vietnamese: {diacritic_share(text):.0%} of its letters carry Vietnamese diacritics "
            f"(at least {vocab['min_diacritic_ratio']:.0%} expected)")
