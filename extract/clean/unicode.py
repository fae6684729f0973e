"""Character clean-up with an exact offset map: the first step of cleaning.

`normalize(raw)` returns the text in NFC with plain spaces and `\\n` line ends, no zero-width or control
characters, digit groups parted by a no-break space (`3\\u00a0317`) written as Vietnamese do (`3.317`),
and for every output character where it came from in `raw`:

- `index[i]`: offset in `raw` of the (start of the) source of character i, plus one last entry;
- `ends[i]`: offset in `raw` just after that source (`\\r\\n` -> `\\n` spans two characters, a base letter
  with its combining marks spans them all).

NFC is applied cluster by cluster (a base and its combining marks), so each output character maps to the
start of the cluster it came from and the map stays monotonic.

>>> n = normalize("Ha\\u0300 N\\u00a0o\\u0323\\u0302i\\u200b\\r\\n")
>>> n.text
'Hà N ội\\n'
>>> list(n.index)
[0, 1, 3, 4, 5, 6, 9, 11, 13]
>>> n.index[7], n.ends[7]   # the '\\n' came from '\\r\\n'
(11, 13)
>>> normalize("\u00d0iện Biên").text   # an Icelandic eth typed for Đ
'Điện Biên'

"""
from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass

import regex

_SPECIAL = regex.compile(r"""
      (?P<crlf>  \r\n? )                        # Windows and old Mac line ends -> \n
    | (?P<brk>   [\x0b\x0c\x85\u2028\u2029] )   # other line and paragraph separators -> \n
    | (?P<group> (?<=(?<![\d.,])\d{1,3}(?:[\u00a0\u202f]\d{3})*) [\u00a0\u202f] (?=\d{3}(?!\d)) )
                                                # a no-break space between digit groups (3\u00a0317) -> '.'
    | (?P<space> [\t\p{Zs}--[\x20]] )           # tab, NBSP, narrow, thin and other spaces -> ' '
    | (?P<drop>  [\p{Cc}\p{Cf}--[\n]] )         # controls, zero-width (200B-D, 2060, FEFF), soft hyphen: removed
    | (?P<eth>   [\u00d0\u00f0] )               # Icelandic eth typed for Vietnamese Đ/đ ('Ðiện Biên') -> Đ, đ
    """, regex.VERBOSE | regex.V1)

_CLUSTER = regex.compile(r"""
    [^\n\p{M}]? \p{M}+                          # a base character (if any) and the combining marks after it
    """, regex.VERBOSE | regex.V1)


@dataclass
class Normalized:
    text: str
    index: array    # len(text) + 1 entries
    ends: array     # len(text) entries


def normalize(raw: str) -> Normalized:
    """NFC, spaces, line ends, invisible characters removed; with the offset map back into `raw`."""
    text, index, ends = _map_characters(raw)
    if not unicodedata.is_normalized("NFC", text):
        clusters = [m.span() for m in _CLUSTER.finditer(text)]
        composed = _compose_one_per_cluster(text, index, ends, clusters)
        text, index, ends = composed or _compose(text, index, ends, clusters)
        if not unicodedata.is_normalized("NFC", text):   # rare scripts: starters that compose too
            text, index, ends = _compose(text, index, ends, _general_clusters(text))
    index.append(ends[-1] if ends else 0)
    return Normalized(text, index, ends)


def _map_characters(raw: str) -> tuple[str, array, array]:
    """Line ends, spaces and invisible characters, one regex pass; untouched runs are copied whole."""
    identity = _identity(len(raw) + 1)
    pieces: list[str] = []
    index, ends = array("l"), array("l")
    pos = 0
    for m in _SPECIAL.finditer(raw):
        start, end = m.span()
        if start > pos:
            pieces.append(raw[pos:start])
            index.extend(identity[pos:start])
            ends.extend(identity[pos + 1:start + 1])
        kind = m.lastgroup
        if kind != "drop":
            if kind == "eth":
                pieces.append("\u0110" if m.group() == "\u00d0" else "\u0111")
            else:
                pieces.append({"space": " ", "group": "."}.get(kind, "\n"))
            index.append(start)
            ends.append(end)
        pos = end
    if pos == 0:
        return raw, identity[:len(raw)], identity[1:len(raw) + 1]
    pieces.append(raw[pos:])
    index.extend(identity[pos:len(raw)])
    ends.extend(identity[pos + 1:len(raw) + 1])
    return "".join(pieces), index, ends


_IDENTITY = array("l", range(1 << 16))


def _identity(size: int) -> array:
    """0, 1, 2, ... (at least `size` of them), built once and sliced: slicing an array is a copy in C,
    filling one from a range is a loop."""
    global _IDENTITY
    while len(_IDENTITY) < size:
        _IDENTITY = _IDENTITY + array("l", range(len(_IDENTITY), 2 * len(_IDENTITY)))
    return _IDENTITY


def _compose_one_per_cluster(text: str, index: array, ends: array, clusters: list[tuple[int, int]]):
    """The common case (Vietnamese in NFD): the whole text's NFC has exactly one character per cluster,
    so the map keeps each cluster's first position. None when that is not so."""
    composed = unicodedata.normalize("NFC", text)
    if len(composed) != len(text) - sum(end - start - 1 for start, end in clusters):
        return None
    if any(unicodedata.combining(text[start]) or unicodedata.category(text[start])[0] == "M"
           for start, _ in clusters):
        return None
    new_index, new_ends = array("l"), array("l")
    pos = 0
    for start, end in clusters:
        new_index.extend(index[pos:start + 1])
        new_ends.extend(ends[pos:start])
        new_ends.append(ends[end - 1])
        pos = end
    new_index.extend(index[pos:len(text)])
    new_ends.extend(ends[pos:len(text)])
    return composed, new_index, new_ends


def _compose(text: str, index: array, ends: array, clusters) -> tuple[str, array, array]:
    """NFC of each cluster [start, end) of `text`; its output characters all map to the cluster's start."""
    pieces: list[str] = []
    new_index, new_ends = array("l"), array("l")
    pos = 0
    for span in clusters:
        start, end = span
        if end - start < 1:
            continue
        pieces.append(text[pos:start])
        new_index.extend(index[pos:start])
        new_ends.extend(ends[pos:start])
        composed = unicodedata.normalize("NFC", text[start:end])
        pieces.append(composed)
        new_index.extend([index[start]] * len(composed))
        new_ends.extend([ends[end - 1]] * len(composed))
        pos = end
    pieces.append(text[pos:])
    new_index.extend(index[pos:len(text)])
    new_ends.extend(ends[pos:len(text)])
    return "".join(pieces), new_index, new_ends


def _general_clusters(text: str):
    """Runs of characters that NFC may combine, for any script (a character-by-character walk)."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or _starts_cluster(text[i - 1], text[i]):
            if i - start > 1 or not unicodedata.is_normalized("NFC", text[start:i]):
                yield (start, i)
            start = i


def _starts_cluster(prev: str, ch: str) -> bool:
    if ch == "\n" or prev == "\n":
        return True
    if unicodedata.combining(ch):
        return False
    nfc = unicodedata.normalize
    return nfc("NFC", prev + ch) == nfc("NFC", prev) + nfc("NFC", ch)
