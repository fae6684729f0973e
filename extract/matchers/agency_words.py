"""An agency's words read from their form, without underthesea's tokenizer (a CRF, the dearest step of
extraction): `orgs._name_end` reads an agency's name over words, and what it asks of them is which
syllables make one word where a word can be a stop, administrative, joiner or title word, a place's
name, or a run of capitalized syllables (a proper name). Those come from the vocabulary and the
gazetteer: the syllables (an abbreviation or a code with `&`, `.` or `-` inside is one: `NN&PTNT`) are
joined

- into the longest phrase of two to five pieces (`Bà Rịa - Vũng Tàu`) that the vocabulary
  (orgs.vocab.json: the multi-word stop, administrative, joiner, title, address and verb words,
  `agency_words`, the lower-case words of agencies' names, and `agency_levels`) or the gazetteer holds,
  and otherwise
- a capitalized syllable with the capitalized ones after it, up to an administrative word, a surname
  (a person's name starts there) or the start of a phrase.

>>> t = "Sở Nông nghiệp và Phát triển nông thôn Hà Nội cho biết"
>>> [w.text for w in agency_words(t, 3, len(t))]
['Nông nghiệp', 'và', 'Phát triển nông thôn', 'Hà Nội', 'cho', 'biết']
>>> t = "UBND tỉnh Bắc Ninh Vương Quốc Tuấn vừa ký"
>>> [w.text for w in agency_words(t, 4, len(t))]
['tỉnh', 'Bắc Ninh', 'Vương Quốc Tuấn', 'vừa', 'ký']
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

import regex

from ..segment import Token
from . import load_vocab, places
from .org_windows import Read

T = TypeVar("T")

VOCAB = load_vocab("orgs")
PHRASES = {w.lower() for key in ("stop_words", "place_words", "joiners", "title_suffixes", "address_words",
                                 "verbs_after_name", "commune_words", "agency_words", "agency_levels")
           for w in VOCAB[key] if " " in w}
PLACE_WORDS = set(VOCAB["place_words"])
LONGEST = 5             # syllables of the longest phrase (with a dash: `Bà Rịa - Vũng Tàu`)
FIRST_WINDOW = 60       # characters read first (twice as many each time more is needed)
_SYLLABLE = regex.compile(r"[\p{L}\p{M}\d]+(?:[&.\-][\p{L}\p{M}\d]+)*|[^\s\p{L}\p{M}\d]")
"""A syllable, an abbreviation or a code (`NN&PTNT`, `NN-PTNT`, `TP.HCM`), or one mark."""
_SPACE = regex.compile(r"\s")


def read(text: str, pos: int, stop: int, reading: Callable[[Read], T]) -> tuple[Read, T]:
    """`reading(words)` of the agency's words from `pos`, over a window that ends where it needs no more:
    LONGEST syllables past the last word it looked at (every word up to there is grouped as it would be in
    any longer window), or at `stop`. Returns the words (a `Read`) and the reading's result.

    >>> t = "Văn phòng Điều phối Chương trình xây dựng nông thôn mới thành phố Hà Nội tổ chức hội nghị."
    >>> words, first = read(t, 19, len(t), lambda w: w[0].text)      # looks at the first word only
    >>> first, words[-1].text
    ('Chương trình', 'chức')
    >>> words, last = read(t, 19, len(t), lambda w: w[len(w) - 1].text)  # at the last one: up to `stop`
    >>> last
    '.'
    """
    width = FIRST_WINDOW
    while True:
        space = _SPACE.search(text, min(pos + width, stop), stop)
        end = space.start() if space else stop
        words = Read(agency_words(text, pos, end))
        result = reading(words)
        if end >= stop or words and _syllables_after(words, words[words.furthest].end) >= LONGEST:
            return words, result
        width *= 2


def _syllables_after(words: list[Token], pos: int) -> int:
    return sum(len(w.text.split()) for w in words if w.start >= pos)


def agency_words(text: str, start: int, end: int) -> list[Token]:
    """The words of text[start:end] for reading an agency's name, with their offsets into `text`."""
    syllables = [Token(m.group(), m.start(), m.end()) for m in _SYLLABLE.finditer(text, start, end)]
    words: list[Token] = []
    i, n = 0, len(syllables)
    while i < n:
        size = _phrase_at(syllables, i)
        if not size and _capitalized(syllables[i]):
            size = 1
            while i + size < n and _goes_on(syllables, i + size):
                size += 1
        size = size or 1
        words.append(Token(text[syllables[i].start:syllables[i + size - 1].end],
                           syllables[i].start, syllables[i + size - 1].end))
        i += size
    return words


@lru_cache(maxsize=None)
def _first_syllables() -> tuple[frozenset, frozenset]:
    """The first syllables of the phrases (lower case) and of the gazetteer's names (as written)."""
    return frozenset(p.split()[0] for p in PHRASES), frozenset(n.split()[0] for n in places.CANONICAL if n.strip())


def _phrase_at(syllables: list[Token], i: int) -> int:
    """The syllables of the longest phrase that starts at syllables[i] (0: none)."""
    phrases, names = _first_syllables()
    first = syllables[i].text
    if first not in names and first.lower() not in phrases:
        return 0
    for size in range(LONGEST, 1, -1):
        if i + size <= len(syllables):
            group = " ".join(s.text for s in syllables[i:i + size])
            if group.lower() in PHRASES or group in places.CANONICAL:
                return size
    return 0


def _capitalized(t: Token) -> bool:
    return t.text[:1].isupper() and t.text[:1].isalpha()


def _goes_on(syllables: list[Token], j: int) -> bool:
    """A run of capitalized syllables goes on with syllables[j]."""
    t = syllables[j]
    return t.text[:1].isupper() and t.text.isalpha() and t.lower not in PLACE_WORDS \
        and t.text not in places.SURNAMES and not _phrase_at(syllables, j)
