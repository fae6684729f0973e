"""An agency's name read from its form alone, where underthesea's words cannot change the reading, so
that the tokenizer (a CRF, the dearest step of extraction) is asked only where they can (as
org_forms.py does for businesses): `name_end`, the end of an agency's name in the shape below.

    capitalized syllables (none, or words of the name)        `OCOP`, `NTM`
    then an administrative word                               `tỉnh`, `thành phố`, `Thành phố`, `TP`
    then capitalized syllables (none, or the place's name)    `Long An`, `Hà Nội`
    then `,` `;` `:` `(` `)` `.`, the end of the stretch, or a lower-case syllable

as in `UBND tỉnh Long An vừa …`, `Hội đồng OCOP Thành phố đã …`, `UBND thành phố Hà Nội, …`.

What `orgs._name_end` does with an agency's words here, and why the grouping cannot change it: each word
of the first capitalized syllables is capitalized, so it is part of the name (an agency takes every
capitalized word), unless it is another legal form (none of them starts one), a province's name (no run of
them is one), or an administrative word (none is, the first one ends them); the administrative word starts
the place, which `_place_end` runs through the following words while they are capitalized and do not open
with a surname (no syllable of the place's name is one), and the name ends with the place. The words the
tokenizer could make otherwise are repaired by `orgs._refine`: a word across the end of the legal form is
cut there, a capitalized word run into a one-syllable administrative word or two capitalized ones into any,
and a lower-case word into a capitalized one, are cut between them. What is left depends on the CRF; the
reading assumes, and tests/test_org_agency_forms.py checks on every agency of the seeds, the examples and
the dev set, that it puts a word boundary

- before and after a closing mark (as org_forms.py assumes: a CRF trained on words, where a mark is never
  inside one);
- before a two-syllable administrative word that follows a capitalized syllable, none inside one (after
  an agency's legal form too), and one after it when a lower-case syllable follows (a word of its own in
  the CRF's dictionary);
- after a place's name of two syllables or more that the gazetteer knows, when a lower-case syllable
  follows, or else a word that starts before the name's last syllable: the CRF does not make one word of
  a name's last syllable with the word after it, cutting the name (`Cao Bằng cấp` may be one word, which
  `_refine` cuts after `Bằng`; `Cao` + `Bằng cấp` would not be).

A one-syllable administrative word followed by a lower-case syllable (`tỉnh ủy`, `xã hội`) is left to
the tokenizer, and so is a place's name of one syllable (`Bưởi da` can be one word) or one the gazetteer
does not know followed by one. Each syllable must also be one of underthesea's regex tokens (letters only,
followed by a space, a closing mark or the end).

>>> text = "UBND tỉnh Long An vừa ban hành quyết định"
>>> text[:name_end(text, 4, len(text), set())]
'UBND tỉnh Long An'
>>> name_end("Sở Nông nghiệp và PTNT tỉnh Long An", 2, 35, set()) is None    # lower-case words: the words decide
True
"""
from __future__ import annotations

import regex

from ..gazetteer.names import lookup
from . import load_vocab, places

VOCAB = load_vocab("orgs")
PLACE_WORDS = {w for w in VOCAB["place_words"] if regex.fullmatch(r"\p{L}+(?: \p{L}+)?", w)}
_TITLES = set(VOCAB["title_suffixes"])
_SYLLABLE = regex.compile(r"\s+(\p{L}+)(?=\s|[,;:().]|$)")
CLOSING = ",;:()."
MAX_SYLLABLES = 12


def name_end(text: str, pos: int, stop: int, starts: set[int], window: int = 200) -> int | None:
    """The end of the agency's name whose words start at `pos` (after its legal form), or None when the
    words the tokenizer would find can change it. `stop`: the end of the stretch `orgs` would tokenize;
    `starts`: where other legal forms start; `window`: how far names go."""
    stop = min(stop, len(text))
    syllables: list[tuple[int, int]] = []
    p = pos
    while len(syllables) <= MAX_SYLLABLES and (m := _SYLLABLE.match(text, p)) is not None:
        syllables.append(m.span(1))
        p = m.end()
    words = [text[s:e] for s, e in syllables]
    lows = [w.lower() for w in words]
    k = 0                                       # the administrative word: words[k:k + size]
    while k < len(words):
        if k + 1 < len(words) and lows[k] + " " + lows[k + 1] in PLACE_WORDS:
            size = 2
            break
        if lows[k] in PLACE_WORDS:
            size = 1
            break
        if not words[k][:1].isupper():
            return None                         # a lower-case word before the place: the words decide
        k += 1
    else:
        return None
    if lows[0] in _TITLES or any(s in starts for s, _ in syllables[:k + size]):
        return None
    if _group_in(words[:k], places.CANONICAL):
        return None                             # a province's name among the first words ends the name there
    n = k + size                                # the place's name: words[k + size:n]
    while n < len(words) and words[n][:1].isupper():
        if words[n] in places.SURNAMES:
            return None                         # a person's name may follow the place's: the words decide
        n += 1
    end = syllables[n - 1][1]
    if end > stop or end >= pos + window:
        return None
    if n < len(words):                          # a lower-case syllable follows
        if syllables[n][1] > stop:
            return None                         # (cut by the end of the stretch)
        if n - (k + size) >= 2:
            return end if lookup(" ".join(words[k + size:n])) else None
        return end if n == k + size and size == 2 else None
    q = end + len(text[end:stop]) - len(text[end:stop].lstrip())
    if q >= stop:
        return end                              # the stretch ends after the name: nothing follows it
    mark, after = text[q], text[q + 1:q + 2]
    if mark not in CLOSING or (mark == "." and words[n - 1].isupper()):
        return None                             # `ABC.` is one regex token
    if after and not after.isspace() and (mark == "." or not after.isalpha()):
        return None                             # `..`, `:)`, `tinh.vn` are
    return end


def _group_in(words: list[str], names) -> bool:
    """Some run of `words` (as the tokenizer could group them) is one of `names`."""
    return any(" ".join(words[i:j]) in names for i in range(len(words)) for j in range(i + 1, len(words) + 1))
