"""The words of an organization's name: what a word after a legal form is (a proper name, a trade word, an
administrative word, an address, a name's number), and the tokenizer's words repaired where it joined
across a name's edge (`refine`). `orgs._name_end` reads a name over them."""
from __future__ import annotations

import regex

from ..segment import Token
from . import load_vocab, places

VOCAB = load_vocab("orgs")
STOP = set(VOCAB["stop_words"])
VERBS_AFTER_NAME = set(VOCAB["verbs_after_name"])
JOINERS = set(VOCAB["joiners"])
PLACE_WORDS = set(VOCAB["place_words"])
TRADE_ABBREVIATIONS = set(VOCAB["trade_abbreviations"])
VILLAGE_WORDS = set(VOCAB["village_words"])
ADDRESS_WORDS = VOCAB["address_words"]
NAME_WINDOW = 200          # characters after a legal form that a name and its location can take
_SYLLABLE = regex.compile(r"\S+")

_ABBR = regex.compile(r"^(?=.*\p{Lu})[\p{Lu}\d][\p{Lu}\d&.\-]+$")   # TNHH, SX-TM, NN&PTNT, OCOP (a number is not)


def is_word(t: Token) -> bool:
    return t.text[:1].isalnum()


def capitalized(t: Token) -> bool:
    return t.text[:1].isupper()


def lower(t: Token) -> bool:
    return t.text[:1].islower()


def all_caps_words(t: Token) -> bool:
    """Every syllable capitalized (a dash between them is none: `Bà Rịa - Vũng Tàu`)."""
    return all(s[:1].isupper() for s in t.text.split() if s not in ("-", "–"))


def is_proper(tokens: list[Token], i: int) -> bool:
    """A proper-name word: every syllable capitalized (Quang Vinh, Việt Nam) or an abbreviation; one
    capitalized syllable followed by lower-case trade words (Dâu tằm tơ) is a trade word."""
    t = tokens[i]
    if t.text.upper() in TRADE_ABBREVIATIONS:
        return False      # 'HTX DV chế biến, thu mua …': a trade, not the name
    if _ABBR.match(t.text):
        return True
    if not all_caps_words(t) or not t.text[:1].isalpha():
        return False
    if len(t.text.split()) > 1:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return not (nxt is not None and lower(nxt) and nxt.lower not in STOP and nxt.lower not in VERBS_AFTER_NAME
                and nxt.lower not in JOINERS)     # ('Cơ sở sản xuất tương Hoa Sen và bột sen': 'và' ends it)


def refine(text: str, tokens: list[Token], pos: int) -> list[Token]:
    """The words from `pos` on, repaired where the tokenizer joined across a name's edge: a word that
    straddles `pos` is cut there (`Bộ Nông nghiệp…` read as one word), and a word whose capitalized
    syllables (two or more) run into lower-case ones is cut between them (`Tân Thịnh tạo`)."""
    out = []
    for t in tokens:
        if t.end <= pos:
            continue
        if t.start > pos + NAME_WINDOW:
            break
        if t.start < pos:
            start = pos + len(text[pos:t.end]) - len(text[pos:t.end].lstrip())
            if start >= t.end:
                continue
            t = Token(text[start:t.end], start, t.end)
        out += split_word(text, t)
    return out


def split_word(text: str, t: Token) -> list[Token]:
    if " " not in t.text:
        return [t]      # one syllable: nothing to cut
    syllables = list(_SYLLABLE.finditer(t.text))
    mark = next((j for j, s in enumerate(syllables) if not s.group()[:1].isalnum()), None)
    if mark is not None and len(syllables) > 1:      # 'Thái |': a mark the tokenizer joined to a word
        cut = [j for j in (mark, mark + 1) if 0 < j < len(syllables)]
        return _cut(text, t, syllables, cut[0])
    k = 0
    while k < len(syllables) and syllables[k].group()[:1].isupper():
        if k > 0 and syllables[k].group().lower() in PLACE_WORDS:
            break   # Minh Khang Xã: an administrative word inside a word starts the place
        k += 1
    if 1 <= k < len(syllables) and (k >= 2 or syllables[k].group().lower() in PLACE_WORDS
                                    or syllables[k].group() in STOP):
        # 'Hòa Bình đạt', 'Hưng Thịnh Phát đạt' read as words 'Bình đạt', 'Phát đạt': the name ends, the
        # clause goes on (a lower-case stop word is never inside a name's word)
        return _cut(text, t, syllables, k)
    # 'cao Trọng Đức', 'Nông nghiệp U&I': a lower-case syllable followed by a capitalized one
    for j in range(1, len(syllables)):
        if syllables[j - 1].group()[:1].islower() and syllables[j].group()[:1].isupper():
            return _cut(text, t, syllables, j)
    return [t]


def _cut(text: str, t: Token, syllables: list, k: int) -> list[Token]:
    cut = t.start + syllables[k - 1].end()
    rest = t.start + syllables[k].start()
    return [Token(text[t.start:cut], t.start, cut)] + split_word(text, Token(text[rest:t.end], rest, t.end))


def starts_place(t: Token) -> bool:
    """The word is an administrative word, or begins with one (`Xã Tân Hòa` read as one word)."""
    low = t.lower
    return low in PLACE_WORDS or any(low.startswith(w + " ") for w in PLACE_WORDS)


def village_in_name(tokens: list[Token], i: int) -> bool:
    """A capitalized village word with its capitalized name, in a business's name before any other proper
    name (`HTX Nông nghiệp Bản Hồ`; after one, it is the address: `HTX Mỹ Xuyên Ấp Hòa Lời`)."""
    t = tokens[i]
    if not capitalized(t) or t.lower.split()[0] not in VILLAGE_WORDS:
        return False
    rest = t.text.split()[1:] or (tokens[i + 1].text.split() if i + 1 < len(tokens) else [])
    return bool(rest) and all(s[:1].isupper() for s in rest)


def ends_name(tokens: list[Token], i: int) -> bool:
    """Nothing of a name after tokens[i]: the end, a mark, or a lower-case stop or administrative word."""
    if i + 1 >= len(tokens):
        return True
    t = tokens[i + 1]
    return not is_word(t) or (lower(t) and (t.lower in STOP or starts_place(t)))


def short_number(t: Token) -> bool:
    return t.text.isdigit() and len(t.text) <= 2


def starts_address(tokens: list[Token], i: int) -> bool:
    """The words from tokens[i] begin an address (`Khu công nghiệp Mỹ Tho`, `KCN Tân Hương`), however the
    tokenizer grouped them."""
    ahead = " ".join(t.lower for t in tokens[i:i + 3]) + " "
    return any(ahead.startswith(w + " ") for w in ADDRESS_WORDS)


def place_end(tokens: list[Token], i: int) -> int:
    """Index of the last word of the place that starts at tokens[i] (an administrative word): its capitalized
    words up to a person's surname, or a province's whole name (`UBND tỉnh Sóc Trăng Lâm Hoàng Nghiệp`); the
    first of them may start with one (`xã Phùng Xá`, `phường Trần Phú`: places named after people)."""
    j = i + 1
    while j < len(tokens) and is_word(tokens[j]) and all_caps_words(tokens[j]) \
            and (j == i + 1 or tokens[j].text.split()[0] not in places.SURNAMES):
        j += 1
        if tokens[j - 1].text in places.CANONICAL:
            break
    return j - 1
