"""A business's name read from its form alone, where underthesea's words cannot change the reading, so
that the tokenizer (a CRF, the dearest step of extraction) is asked only where they can.

`orgs._name_end` reads a name over words; which syllables the tokenizer groups into one word matters
where a group can be a stop, place, joiner, title or trade word, where a capitalized syllable stands
alone before a lower-case one, or where a lower-case word follows the name. None of that can happen in
this shape, read after the legal form (and its gloss):

    lower-case trade words (a capitalized one only before a lower-case one)   `Nông nghiệp`, `yến sào`
    then capitalized syllables                                                `Ngọc An`, `DBFOOD`
    then `,` `;` `:` `(` `)` `.` or the end of the text (or of the stretch tokenized)

when no group of its syllables (every run of them, as the tokenizer could join them) is a stop, place,
joiner, title or trade word, no syllable starts another legal form, and underthesea's own regex
tokenizer reads each syllable and the closing mark as one token each. Over any grouping, the trade words
are passed over and every capitalized word is a proper name, so the name ends with the last capitalized
syllable: the end `orgs` finds with the tokenizer's words. (The tokenizer never joins a word with the
punctuation after it: a CRF trained on words, where a mark is never inside one.)

>>> text = "Sản phẩm của Hợp tác xã Nông nghiệp Ngọc An, xã Tân Lập"
>>> end = name_end(text, text.index(" Nông"), len(text), set())
>>> text[:end].endswith("Ngọc An"), name_end("Công ty Minh Khang sản xuất", 7, 27, set()) is None
(True, True)
"""
from __future__ import annotations

import regex

from . import load_vocab

VOCAB = load_vocab("orgs")
_GROUP_WORDS = (set(VOCAB["stop_words"]) | set(VOCAB["place_words"]) | set(VOCAB["joiners"])
                | set(VOCAB["title_suffixes"]))
_TRADES = set(VOCAB["trade_abbreviations"])
_SYLLABLE = regex.compile(r"\s+(\p{L}+)")
CLOSING = ",;:()."
MAX_SYLLABLES = 12


def _tokens(chunk: str) -> list[str]:
    """underthesea's regex tokens of `chunk` (the pieces its CRF groups into words)."""
    from ..tokenizers import regex_tokens
    return regex_tokens(chunk)


def name_end(text: str, pos: int, stop: int, starts: set[int], window: int = 200) -> int | None:
    """The end of the name whose words start at `pos` (after a business's legal form), or None when the
    words the tokenizer would find can change it. `stop`: the end of the stretch `orgs` would tokenize;
    `starts`: where other legal forms start (a name ends before them); `window`: how far names go."""
    syllables: list[tuple[int, int]] = []
    p, stop = pos, min(stop, len(text))
    while (m := _SYLLABLE.match(text, p)) is not None:
        syllables.append(m.span(1))
        p = m.end()
        if len(syllables) > MAX_SYLLABLES:
            return None
    q = len(text) - len(text[p:].lstrip()) if p < len(text) else p    # the closing mark (or the end)
    if not syllables or p > stop or q >= pos + window or (q < stop and text[q] not in CLOSING):
        return None
    words = [text[s:e] for s, e in syllables]
    if any(s in starts for s, _ in syllables):
        return None
    capitals = 0                              # the capitalized syllables at the end: the proper name
    while capitals < len(words) and words[-1 - capitals][:1].isupper():
        capitals += 1
    if capitals == 0:
        return None
    trade = words[:len(words) - capitals]
    for i, w in enumerate(trade):
        if w[:1].isupper():
            if not (w[1:] == "" or all(c.islower() for c in w[1:])) or trade[i + 1][:1].isupper():
                return None                   # an abbreviation, or two capitals: proper words inside the trade
        elif not all(c.islower() for c in w):
            return None
    if not all(w[:1].isupper() and w.isalpha() for w in words[len(trade):]):
        return None
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            group = " ".join(words[i:j])
            if group.lower() in _GROUP_WORDS or group.upper() in _TRADES:
                return None
    tokens = _tokens(text[pos:min(q + 2, stop)])    # the mark with the character after it (`..`, `:)`)
    expected = words + [text[q]] if q < stop else words
    if tokens[:len(expected)] != expected:
        return None
    return syllables[-1][1]
