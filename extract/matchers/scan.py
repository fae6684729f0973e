"""Scanning a text with a big `regex` pattern only where a match can start.

`regex` tries a pattern at every position of the text, and a pattern that opens with look-arounds and
an alternation of a hundred words is slow to try: most of a matcher's time went there. Python's `re` finds
where a word list can start much faster. `finditer(pattern, starts, text)` asks `pattern` only at the
places `starts` finds, in order, and gives the same matches as `pattern.finditer(text)`, provided that

- `starts` finds every place where `pattern` can match (it may find more: `pattern` decides), and
- `pattern` never matches the empty string.

`starts_before(…)` builds such a finder (`Starts`, two `re` patterns) from what a matcher's pattern opens
with: what may not come before a match (letters and digits, which `re` and `regex` agree on, and the
characters given) and the characters or words it starts with (case-insensitive words: `re` folds at least
every character `regex` folds, which tests/test_scan.py checks for every word of the vocabularies).

>>> import regex
>>> p = regex.compile(r"(?<!\\w)(?:năm|tháng)\\s+\\d+", regex.IGNORECASE)
>>> s = starts_before(first_words=["năm", "tháng"])
>>> [m.group() for m in finditer(p, s, "Năm 2020, tháng 6 và năm 2021")]
['Năm 2020', 'tháng 6', 'năm 2021']
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

WORD_CHARACTERS = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""Digits and the Latin letters (Vietnamese ones included): `\\w` to `re` and to `regex` alike."""
LETTERS = WORD_CHARACTERS[3:]
"""The Latin letters (Vietnamese ones included): `\\p{L}` to `regex`. Where a pattern's word may not be
followed by `\\w`, it is not followed by one of WORD_CHARACTERS; where not by `\\p{L}`, not by one of
LETTERS: the `word_end` a start finder may ask (it may find more starts than the pattern, never fewer)."""


def starts_before(first_words: Iterable[str] = (), first_chars: str = "", not_after: str = "",
                  after_digits: bool = False, first_patterns: Iterable[str] = (), word_end: str = "") -> Starts:
    """Where a match can start: not after a letter or digit (a letter only with `after_digits`; nor after a
    character of `not_after`), and at one of `first_chars` (a character class's contents, as `\\d(`), at
    one of `first_patterns` (`re` patterns, matched where the start is) or at one of `first_words` (any
    case; with `word_end`, a character class's contents, a whole word: not followed by one of them)."""
    first_letters = "".join(sorted({re.escape(w[0]) for w in first_words}))
    options = ([f"[{first_chars}]"] if first_chars else []) + list(first_patterns) + \
        ([f"(?i:(?=[{first_letters}]){prefix_tree(first_words, word_end)})"] if first_words else [])
    before = (WORD_CHARACTERS[3:] if after_digits else WORD_CHARACTERS) + re.escape(not_after)
    return Starts(before, "|".join(options))


class Starts:
    """The places where one of `options` (a `re` alternation) starts, not after a character of `before`
    (a character class's contents). Found by `re` in two steps that are quick for it: a character that is
    not in `before` (a scan `re` does in C without trying the pattern), then `options` right after it;
    the very first position is tried on its own (`first`: its look-behind sees the text before it)."""

    def __init__(self, before: str, options: str):
        self.first = re.compile(f"(?<![{before}])(?=(?:{options}))")
        self.after = re.compile(f"[^{before}](?=(?:{options}))")

    def positions(self, text: str, pos: int = 0) -> Iterator[int]:
        """The starts in `text` from `pos` on, in order (the character before `pos` counts as before)."""
        if self.first.match(text, pos):
            yield pos
        for m in self.after.finditer(text, pos):
            yield m.end()


def prefix_tree(words: Iterable[str], word_end: str = "") -> str:
    """A `re` alternation that matches where one of `words` starts, as a tree of shared prefixes (a
    long alternation of words is slow for `re` too); a word that another begins with ends the branch, or,
    with `word_end` (a character class's contents), the word must end there, not before one of them, or
    the branch goes on.

    >>> prefix_tree(["năm", "nay", "ngày", "nayx", "quý"])
    '(?:n(?:ay|gày|ăm)|quý)'
    >>> prefix_tree(["ba", "bao"], word_end="a-z")
    'ba(?:o(?![a-z])|(?![a-z]))'
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node and not word_end:
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(f"(?![{word_end}])")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return emit(tree)


def finditer(pattern, starts: Starts, text: str) -> Iterator:
    """`pattern.finditer(text)`, trying `pattern` only where `starts` finds a start (`positions`, written
    out here: this runs ~60.000 times per 100 articles)."""
    match, pos = pattern.match, 0
    if starts.first.match(text):
        m = match(text, 0)
        if m is not None:
            yield m
            pos = m.end()
    for found in starts.after.finditer(text):
        start = found.end()
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def search(pattern, starts: Starts, text: str, pos: int = 0):
    """`pattern.search(text, pos)`, trying `pattern` only where `starts` finds a start."""
    match = pattern.match
    if starts.first.match(text, pos):
        m = match(text, pos)
        if m is not None:
            return m
    for found in starts.after.finditer(text, pos):
        m = match(text, found.end())
        if m is not None:
            return m
    return None
