"""The words an organization's name is read over: underthesea's word tokenizer (a CRF, the dearest step
of extraction) asked for a short window of the sentence, from the name's legal form to a little past the
last word the reading looks at, instead of the whole stretch of the sentence where names are.

A window starts at the legal form of the first name of the sentence that needs words, and ends between
two words: first FIRST_WINDOW characters after the form; when the reading looks at one of the window's
last MARGIN syllables (or runs out of words), the window is tokenized again twice as long, up to `stop`
(where the sentence's stretch of names ends). A later name of the sentence that starts inside the window
is read over its words when they are enough for it (the same test); otherwise, or when it starts past
the window, it gets a window of its own (so a list of names is not tokenized again from its first).

Why the words of a window are the words of a longer one, where the reading looks: the CRF's features of
a syllable are that syllable and its neighbours, at most two either side (the 43 templates of the
model's features.bin, `T[-2]` … `T[2]`, their pairs, lower case, title case, digits, dictionary); the
reading's words are grouped by the tags of their syllables and of the syllable after them, so with
MARGIN = 3 syllables after the last word looked at, every one of those tags is computed from the same
features as in any longer window. The decoding is not local (Viterbi chooses the best tag sequence of
the whole window: a different end could in principle change an earlier tag through the transition
weights), which is why the records of the seeds and the dev set were compared before and after
(identical) and tests/test_org_windows.py compares every name of the seeds' sentences and the
matchers' examples read in short windows and in the full stretch.
"""
from __future__ import annotations

from typing import Callable

import regex

from ..segment import Token, word_tokens

FIRST_WINDOW = 60       # characters after a legal form tokenized first (twice as many each time more is needed)
MARGIN = 3              # syllables of a window after the last word a reading looked at
_SPACE = regex.compile(r"\s")


class Read(list):
    """Words that keep the index of the furthest one read (`words[i]`)."""
    furthest = 0

    def __getitem__(self, i):
        if type(i) is int and i > self.furthest:
            self.furthest = i
        return list.__getitem__(self, i)


class Words:
    """The windows of one sentence (`text`) whose names need words; `stop`: where its names' stretch ends."""

    def __init__(self, text: str, stop: int):
        self.text, self.stop = text, stop
        self.start = self.end = -1
        self.tokens: list[Token] = []

    def _tokenize(self, start: int, end: int) -> None:
        self.start, self.end, self.tokens = start, end, word_tokens(self.text, start, end)

    def read(self, start: int, pos: int, reading: Callable[[list[Token]], tuple[Read, object]]):
        """`reading(words)` of the name whose legal form starts at `start` and words at `pos`, over a
        window long enough for it. `reading` returns the words it read (a `Read`) and its result, which
        are returned."""
        if self.start <= start < self.end:
            words, result = reading(self.tokens)
            if self._enough(words):
                return words, result
        width = FIRST_WINDOW
        self._tokenize(start, self._end(pos + width))
        while True:
            words, result = reading(self.tokens)
            if self._enough(words):
                return words, result
            width *= 2
            self._tokenize(start, self._end(max(pos + width, self.end + 1)))

    def _enough(self, words: Read) -> bool:
        """The window holds MARGIN syllables after the last word read (or ends where names' stretch does)."""
        return self.end >= self.stop or bool(words) and self._after(words[words.furthest].end) >= MARGIN

    def _after(self, pos: int) -> int:
        """Syllables of the window from `pos` on."""
        return sum(len(t.text.split()) for t in self.tokens if t.start >= pos)

    def _end(self, at: int) -> int:
        """The first white space at or after `at`, not past `stop` (a window ends between words)."""
        space = _SPACE.search(self.text, min(at, self.stop), self.stop)
        return space.start() if space else self.stop
