"""Cleaning: the article as read -> the one text every record's offsets point into.

Placeholder: NFC only. (Being replaced by the full cleaner: page furniture, captions, related stories.)
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from array import array


@dataclass
class Cleaned:
    text: str          # the cleaned, NFC text
    original: str      # the text as read
    index: array       # index[i]: offset in `original` of cleaned character i; len(text) + 1 entries

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span [start, end) of the cleaned text, as offsets into the original."""
        if start >= end:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1


def clean(raw: str) -> Cleaned:
    text = unicodedata.normalize("NFC", raw)
    if text == raw:
        index = array("l", range(len(text) + 1))
    else:
        index = array("l", [0] * (len(text) + 1))  # placeholder
    return Cleaned(text, raw, index)
