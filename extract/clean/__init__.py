"""Cleaning: the article as read -> the one text every record's offsets point into.

Two steps, each keeping an exact map back to the original:

1. characters (`unicode.py`): NFC, plain spaces, `\\n` line ends, no zero-width or control characters;
2. lines (`lines.py`, with `patterns.py` compiling the words of `clean.vocab.json`): page furniture, captions, related-story blocks, bylines dropped whole; blank
   lines collapsed to one; no blank lines at the start or the end.

>>> c = clean("Thứ tư 12/3/2025 08:15\\r\\nHa\\u0300 Nội có 9 sản phẩm.\\r\\n\\r\\n\\r\\nẢnh: TTXVN\\r\\nHết.\\r\\n")
>>> c.text
'Hà Nội có 9 sản phẩm.\\n\\nHết.'
>>> c.original_slice(0, 6)
'Ha\\u0300 Nội'
>>> c.to_original(0, 2)
(24, 27)
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .lines import Line, classify
from .unicode import normalize


@dataclass
class Cleaned:
    text: str          # the cleaned, NFC text
    original: str      # the text as read
    index: array       # index[i]: offset in `original` of cleaned character i; len(text) + 1 entries
    ends: array | None = field(default=None, repr=False)
    # ends[i]: offset in `original` just after the source of character i (a letter and its combining
    # marks, '\r\n'); None: every character came from one original character

    def source_end(self, i: int) -> int:
        """Offset in `original` just after the source of cleaned character i."""
        return self.ends[i] if self.ends is not None else self.index[i] + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span [start, end) of the cleaned text, as offsets into the original."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is not inside the cleaned text of length {len(self.text)}")
        if start >= end:
            o = self.index[start]
            return o, o
        return self.index[start], self.source_end(end - 1)

    def original_slice(self, start: int, end: int) -> str:
        """The original text of the cleaned span [start, end) (dropped lines inside it included)."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


def clean(raw: str) -> Cleaned:
    norm = normalize(raw)
    lines = classify(norm.text)
    text, index, ends = [], array("l"), array("l")
    for start, end in kept_spans(lines, len(norm.text)):
        text.append(norm.text[start:end])
        index.extend(norm.index[start:end])
        ends.extend(norm.ends[start:end])
    index.append(ends[-1] if ends else 0)
    return Cleaned("".join(text), raw, index, ends)


def kept_spans(lines: list[Line], size: int) -> list[tuple[int, int]]:
    """Spans of the normalized text to keep: the kept lines, a line break after each but the last, and
    one blank line (its line break) where one or more blank lines separated two kept lines."""
    spans: list[tuple[int, int]] = []
    previous: Line | None = None     # the last kept line with text
    blank: Line | None = None        # the first blank line since then
    for line in lines:
        if line.drop:
            continue
        if line.blank:
            blank = blank or line
            continue
        if previous is not None:
            spans.append((previous.end, previous.end + 1))
            if blank is not None:
                spans.append((blank.end, min(blank.end + 1, size)))
        spans.append((line.start, line.end))
        previous, blank = line, None
    return spans


def explain(raw: str) -> list[tuple[int, str, str]]:
    """The dropped lines of `raw` as (line number from 1, reason, line), to see what cleaning does."""
    return [(n, line.drop, line.text) for n, line in enumerate(classify(normalize(raw).text), 1) if line.drop]
