"""Where a business's name ends past what its words say, and where the text places it: a flattened
table's next cell (`HTX Cà phê Mường Bang⇥Mai Sơn⇥4 sao`), a titled person or an address the words ran
into (`Công ty TNHH Cam Vinh Giám đốc Nguyễn Văn Nam`, `… Yên Lạc Thị trấn Yên Lạc`, `… TP.HCM`); the
places after it (`tại xã Phú Nam An (huyện Chương Mỹ)`).

>>> t = "HTX Cà phê Mường Bang\tMai Sơn\t4 sao"
>>> t[:cut(t, 4, len(t) - 6, agency=False)]
'HTX Cà phê Mường Bang'
>>> location("Công ty X tại xã Phú Nam An (huyện Chương Mỹ).", 9)
'xã Phú Nam An, huyện Chương Mỹ'
"""
from __future__ import annotations

import regex

from . import load_vocab, longest_first, places

VOCAB = load_vocab("orgs")
_AFTER_NAME = regex.compile(
    rf"\s+(?-i:(?:{longest_first([t[:1].upper() + t[1:] for t in VOCAB['person_titles'] if len(t) > 4])})\s+\p{{Lu}}"
    r"|Thị trấn\s|Thị xã\s|TP\.\s*\p{Lu}|Tp\.\s*\p{Lu})")
"""What starts after a name the words ran into: a titled person (`Giám đốc Nguyễn Văn Nam`), a town's or a
city's address (`Thị trấn Yên Lạc`, `TP.HCM`)."""
_CELL_BREAK = regex.compile(r"\t|[ \u00a0]{2,}|\s\|\s")
"""What separates a flattened table's cells: no name holds it."""
_LOCATION_LEAD = regex.compile(rf"\s*(?:{longest_first(VOCAB['location_lead'])})\s*")
_BETWEEN_PLACES = regex.compile(r"^[\s,()]*$")


def cut(text: str, pos: int, end: int, agency: bool) -> int:
    """`end`, or where the name whose words start at `pos` ends before a cell break, a titled person or an
    address (searched a little past `end`: 'Yên Lạc Thị' is read as one word before 'xã Phúc Yên'); an
    agency's place is its name's ('UBND TP.Thủy Nguyên')."""
    found = _CELL_BREAK.search(text, pos, end) or (
        None if agency else _AFTER_NAME.search(text, pos, min(len(text), end + 8)))
    return found.start() if found is not None and found.start() < end else end


def location(text: str, end: int) -> str | None:
    """The places the text gives a business right after its name (`tại xã A (huyện B)`), or None."""
    lead = _LOCATION_LEAD.match(text, end)
    if not lead:
        return None
    found, pos = [], lead.end()
    for p in places.match(text[pos:pos + 120]):
        if p.value["generic"] or not _BETWEEN_PLACES.match(text[pos:pos + p.start] if not found else
                                                            text[found[-1][1]:pos + p.start]):
            break
        found.append((p.text, pos + p.end))
    return ", ".join(t for t, _ in found) or None
