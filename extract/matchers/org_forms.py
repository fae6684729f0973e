"""What follows a legal form read from its form alone, where underthesea's words cannot change the
reading, so that the tokenizer (a CRF, the dearest step of extraction) is asked only where they can:
`name_end`, the end of a business's name in the shape below, and `no_name`, no name at all (lower-case
words only).

`orgs._name_end` reads a name over words; which syllables the tokenizer groups into one word matters
where a group can be a stop, place, joiner, title, address or trade word, where a capitalized syllable
stands alone before a lower-case one, or where a lower-case word follows the name. None of that can
happen in this shape, read after the legal form (and its gloss):

    lower-case trade words (a capitalized one only before a lower-case one)   `Nông nghiệp`, `yến sào`
    then capitalized syllables                                                `Ngọc An`, `DBFOOD`
    then `,` `;` `:` `(` `)` `.` or the end of the text (or of the stretch tokenized)

when no group of its syllables (every run of them, as the tokenizer could join them) is a stop, place,
joiner, title, address or trade word, no syllable starts another legal form, and underthesea's own regex
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
                | set(VOCAB["title_suffixes"]) | set(VOCAB["address_words"]))
_TRADES = set(VOCAB["trade_abbreviations"])
_SYLLABLE = regex.compile(r"\s+(\p{L}+)")
_PIECE = regex.compile(r"\s*(?:(?P<word>\p{L}+)|,)")
_PLACE_WORDS = set(VOCAB["place_words"])
CLOSING = ",;:()."
MAX_SYLLABLES = 12
MAX_LOWER = 30


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
    expected = words + [text[q]] if q < stop else words
    if not _tokens_are(text, pos, min(q + 2, stop), expected):   # the mark with the character after it (`..`)
        return None
    return syllables[-1][1]


def no_name(text: str, pos: int, stop: int, starts: set[int], agency: bool, trades: bool,
            window: int = 200) -> bool:
    """True when no name can follow a legal form whose words start at `pos`, whatever words the tokenizer
    would make: only lower-case words (and, for a business named by its trades, commas) up to a closing
    mark, a capitalized legal form, or the end of the stretch, none of them an administrative word. A name
    needs a capitalized word, a digit or an administrative word; lower-case words never give one
    (`Hội đồng đánh giá, phân hạng`, `cơ sở đánh giá của Hội đồng`).

    >>> t = "theo kết quả đánh giá của Hội đồng OCOP"
    >>> no_name(t, t.index(" giá"), len(t), {t.index("Hội")}, False, False)
    True
    >>> no_name("cơ sở sản xuất xã Tân Hòa", 5, 25, set(), False, False)
    False
    """
    stop = min(stop, len(text))
    pieces: list[str] = []          # the regex tokens expected: words and commas
    run: list[str] = []             # the words since the last comma (the tokenizer may group them)
    runs = [run]
    p = pos
    while (m := _PIECE.match(text, p)) is not None:
        word = m.group("word")
        if word is None:             # a comma: a business named by its trades goes on through it
            if agency or not trades:
                break
            pieces.append(",")
            run = []
            runs.append(run)
        elif m.start("word") in starts and word[:1].isupper():
            return _tokens_are(text, pos, m.start("word"), pieces) and _no_place(runs, agency)
        elif not all(c.islower() for c in word):
            return False
        else:
            pieces.append(word)
            run.append(word)
        p = m.end()
        if len(pieces) > MAX_LOWER or p >= stop:
            break
    if p >= pos + window - 50 or not pieces and p < stop:
        return False
    q = len(text) - len(text[p:].lstrip()) if p < len(text) else p
    if q >= stop:
        return _tokens_are(text, pos, stop, pieces) and _no_place(runs, agency)
    if text[q] not in CLOSING:        # (a comma here ends an agency's words, or a trade-less form's)
        return False
    return _tokens_are(text, pos, min(q + 2, stop), pieces + [text[q]]) and _no_place(runs, agency)


def _no_place(runs: list[list[str]], agency: bool) -> bool:
    """No run of words, as the tokenizer could group them, is an administrative word (nor, for an
    agency, a province's name)."""
    from . import places
    for words in runs:
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                group = " ".join(words[i:j])
                if group.lower() in _PLACE_WORDS or (agency and group in places.CANONICAL):
                    return False
    return True


def _tokens_are(text: str, start: int, end: int, pieces: list[str]) -> bool:
    """underthesea's regex tokens of text[start:end] begin with `pieces`, one token each (asked of it only
    where `_plain` cannot tell)."""
    chunk = text[start:end]
    return _plain(chunk, pieces) or _tokens(chunk)[:len(pieces)] == pieces


_PLAIN_PIECE = regex.compile(r"\s*(\p{L}+|[,;:().])")
_DOT_WORDS = {"Tp", "Mr", "Mrs", "Ms", "Dr", "ThS"}      # underthesea's abbreviations that take their dot


def _plain(chunk: str, pieces: list[str]) -> bool:
    """`chunk` is `pieces` (words of letters and marks) and white space, in a shape where underthesea's
    regex tokenizer reads each piece as one token, without asking it: a mark other than a comma is followed
    by white space or the end, and a dot follows no word of capitals (`ABC.`) nor one of its abbreviations
    (`Tp.`) — the only patterns of it that join a word or a mark to what touches it here (a URL, an e-mail, a
    date or an emoticon needs other characters: a dot or a colon between letters, `@`, digits, `:)`). Its
    character normalization maps letters to letters (`ð` to `đ`) and its token normalization changes how a
    token is spelt (`Hoà`), not where it ends.

    >>> _plain("Ngọc An, xã", ["Ngọc", "An", ","]), _plain("HTX ABC. Sản", ["ABC", "."])
    (False, False)
    >>> _plain(" Ngọc An, ", ["Ngọc", "An", ","]), _plain(" sản xuất.", ["sản", "xuất", "."])
    (True, True)
    """
    p = 0
    for k, piece in enumerate(pieces):
        m = _PLAIN_PIECE.match(chunk, p)
        if m is None or m.group(1) != piece:
            return False
        p = m.end()
        if piece in ";:()." and chunk[p:p + 1].strip():
            return False                    # `..`, `:)`, `abc.vn`
        if piece == "." and m.start(1) == m.start() and k and (pieces[k - 1].isupper() or pieces[k - 1] in _DOT_WORDS):
            return False                    # `ABC.`, `Tp.`
    return not chunk[p:].strip()
