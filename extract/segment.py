"""Segmentation with underthesea, re-aligned onto the text: every sentence and token has offsets.

underthesea returns strings, which need not be substrings of the text (it may join a word's syllables
with spaces where the text had two, or change a character); `align` walks the text and the tokens
together, skipping white space, so each token gets the span it covers in the text.

>>> text = "Hà Nội có  3.317 sản phẩm OCOP. Trong đó, có 6 sản phẩm 5 sao."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Hà Nội có  3.317 sản phẩm OCOP.', 'Trong đó, có 6 sản phẩm 5 sao.']
>>> t = "H.Đại Lộc có 25 sản phẩm; TX. Điện Bàn có 18."
>>> [t[s:e] for s, e in sentence_spans(t)]
['H.Đại Lộc có 25 sản phẩm; TX. Điện Bàn có 18.']
>>> len(sentence_spans("VOV.VN - Sau khi hợp nhất, tỉnh Quảng Trị có 387 sản phẩm OCOP."))
1
>>> [(t.text, t.start) for t in word_tokens(text, 0, 31)][:4]
[('Hà Nội', 0), ('có', 7), ('3.317', 11), ('sản phẩm', 17)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

_PARA = re.compile(r"[^\n]+")
_LIST_MARK = re.compile(r"(?:\d{1,2}|[IVX]{1,4})\.")
"""A heading's or an item's number, which the sentence splitter may leave as a sentence of its own."""
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])(?:TX|Tx|TT|Tt|H|Q|TP|Tp)\.$")
"""A sentence that seems to end with an administrative abbreviation (`TX.`, `H.`) goes on: `TX. Điện Bàn`."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Token:
    text: str   # the text's own slice [start:end]
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


_WRAP = regex.compile(r"(?<=[\p{L}\d])[ \t]*\n(?=[ \t]*(?P<lower>\p{Ll})?[\p{Ll}\d])")
WRAPPED_DOCUMENT = 3    # line breaks inside sentences that make a text hard-wrapped


def paragraphs(text: str) -> list[tuple[int, int]]:
    r"""Lines as (start, end); in a hard-wrapped text (a crawler kept the page's line breaks: lines that
    end on a word run on to a line that starts in lower case three times or more) the breaks before a
    lower-case word or a digit join their lines.

    >>> t = "Đến cuối năm 2024, tỉnh có\n196 sản phẩm, tăng\nso với năm trước, vượt\nkế hoạch. Mục tiêu\nlà 250.\nTiêu đề"
    >>> [t[s:e] for s, e in paragraphs(t)][0].endswith("Mục tiêu\nlà 250."), len(paragraphs(t))
    (True, 2)
    >>> len(paragraphs("Kết quả\n1 Nước mắm 4 sao\n2 Bánh 3 sao"))
    3
    """
    lines = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    wraps = list(_WRAP.finditer(text))
    if sum(1 for m in wraps if m.group("lower")) < WRAPPED_DOCUMENT:   # a table's rows start with digits
        return lines
    joins = {m.start() for m in wraps}
    out: list[tuple[int, int]] = []
    for s, e in lines:
        if out and any(out[-1][1] <= j < s for j in joins):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets; a line break ends a sentence (headlines, list items) unless the
    text is hard-wrapped (see `paragraphs`)."""
    from .tokenizers import sent_tokenize
    spans = []
    for p_start, p_end in paragraphs(text):
        chunk = text[p_start:p_end]
        if not chunk.strip():
            continue
        flat = chunk.replace("\n", " ")    # a wrapped line break is a space to the sentence splitter
        for s, e in align(flat, sent_tokenize(flat)):
            # trim white space at both ends so a sentence is its own words
            while s < e and chunk[s].isspace():
                s += 1
            while e > s and chunk[e - 1].isspace():
                e -= 1
            if e > s:
                if spans and spans[-1][1] > p_start and (
                        _ABBREVIATION_END.search(text, max(0, spans[-1][1] - 4), spans[-1][1])
                        or _LIST_MARK.fullmatch(text, spans[-1][0], spans[-1][1])     # '2.' of '2. Mục tiêu năm 2024'

                        or (spans[-1][1] == p_start + s and text[spans[-1][1] - 1] == "." and text[p_start + s].isupper())):
                    spans[-1] = (spans[-1][0], p_start + e)     # (and a split inside a word: 'VOV.VN - Sau khi …')
                else:
                    spans.append((p_start + s, p_start + e))
    return spans


def word_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words of text[start:end] (underthesea's word_tokenize), each with its offsets into `text`."""
    from .tokenizers import word_tokenize
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [Token(text[start + s:start + e], start + s, start + e)
            for s, e in align(chunk, word_tokenize(chunk))]


def align(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Spans of `pieces` in `text`, in order, ignoring white space; a piece whose characters differ from
    the text's takes the span up to where the next piece is found.

    >>> align("a  b-c d", ["a b", "-", "c", "x", "d"])
    [(0, 4), (4, 5), (5, 6), (7, 7), (7, 8)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for i, piece in enumerate(pieces):
        while pos < n and text[pos].isspace():
            pos += 1
        if piece and text.startswith(piece, pos):     # the usual case: the word is the text's own
            spans.append((pos, pos + len(piece)))
            pos += len(piece)
            continue
        chars = _SPACE.sub("", piece)
        start = pos
        j, k = pos, 0
        while k < len(chars) and j < n:
            if text[j].isspace():
                j += 1
                continue
            if text[j] != chars[k]:
                break
            j += 1
            k += 1
        if k == len(chars):
            spans.append((start, j))
            pos = j
            continue
        # characters differ: resynchronise on the next piece that can be found
        nxt = next((_SPACE.sub("", p) for p in pieces[i + 1:] if p.strip()), None)
        found = text.find(nxt[:1], start + 1) if nxt else -1
        stop = found if found > start else (n if nxt is None else start)
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        spans.append((start, max(start, stop)))
        pos = max(start, stop)
    return spans
