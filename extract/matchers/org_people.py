"""A person named right after the business they head: `Giám đốc HTX Tân Tiến Nguyễn Văn An cho biết`,
`Chủ tịch HĐQT Công ty CP Vinamit Nguyễn Văn Bé`. A title right before the legal form says a person
follows the name; the name ends before the run of capitalized syllables that starts with a surname (three
or four syllables, the person's full name; two are as often the name's own last words: `HTX Nông nghiệp
Hợp Lý Xanh`), when a proper name of the business comes before it (`Hộ kinh doanh Nguyễn Văn Tuấn` is
named after its owner: there the run is the name).

>>> t = "Giám đốc HTX Tân Tiến Nguyễn Văn An cho biết"
>>> t[t.index("HTX"):name_end_before_person(t, t.index("HTX"), t.index(" Tân"), t.index(" cho"))]
'HTX Tân Tiến'
>>> t = "Chủ nhiệm HTX Nguyễn Văn Bình cho biết"
>>> name_end_before_person(t, t.index("HTX"), t.index(" Nguyễn"), t.index(" cho")) == t.index(" Nguyễn")
True
>>> t = "Sản phẩm của HTX Tân Tiến Nguyễn Văn An"
>>> name_end_before_person(t, t.index("HTX"), t.index(" Tân"), len(t)) == len(t)
True
"""
from __future__ import annotations

import regex

from . import load_vocab, longest_first, places

VOCAB = load_vocab("orgs")
_TITLE_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(VOCAB['person_titles'])})\s+$", regex.IGNORECASE)
_CAPITAL = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*")
_SYLLABLES = regex.compile(r"\S+")


def name_end_before_person(text: str, start: int, pos: int, end: int, agency: bool = False) -> int:
    """`end`, or the end of the organization's own name when a titled person's name closes text[pos:end]
    (`start`: where the legal form starts; `pos`: where the name's words start). An agency's person is a
    full name of three or four syllables that is no place's (`Phó Giám đốc Sở Nông nghiệp và Phát triển
    nông thôn Lê Văn Hùng cho biết`; `Sở NN&PTNT Hà Nam` keeps its province), after any word, titled or
    not: no agency is named after a person (`UBND tỉnh Quảng Trị Lê Văn Hải vừa ký`)."""
    if not agency and not _TITLE_BEFORE.search(text, max(0, start - 40), start):
        return end
    words = list(_SYLLABLES.finditer(text, pos, end))
    run = 0                                   # capitalized syllables at the end
    while run < len(words) and _CAPITAL.fullmatch(words[-1 - run].group()):
        run += 1
    for k in range(min(run, 4), 2, -1):       # the person: a full name, 3-4 syllables from a surname
        first = words[-k]
        if first.group() not in places.SURNAMES:
            continue
        if agency:
            if len(words) > k and text[first.start():end] not in places.CANONICAL:
                return words[-k - 1].end()
            if len(words) == k and text[first.start():end] not in places.CANONICAL:
                return pos      # 'Chủ tịch Hội đồng Lê Trung Hồ': the council's head, the council unnamed
        elif len(words) - k >= 1 and _CAPITAL.fullmatch(words[-k - 1].group()):
            return words[-k - 1].end()
        elif len(words) == k and _COOPERATIVE.match(text, start, pos):
            return pos      # 'Chủ nhiệm HTX Nguyễn Văn Bình cho biết': the head of a cooperative not named
    return end


_COOPERATIVE = regex.compile(r"(?:HTX|hợp tác xã)\s*$", regex.IGNORECASE)
"""A cooperative is named after its place or trade, never after a person: a titled person's name right
after its bare form is no name of it."""
