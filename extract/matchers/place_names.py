"""Reading place names against the gazetteer, for `places.match`: the name after an administrative word
(longest known name first, in any letter case), the names listed after it without their word
(`TP Hội An, Điện Bàn`), districts enumerated beside a sibling (`thành phố Phủ Lý có 38 …; Lý Nhân có
18 …`), and the narrowing of a name that many units bear by the other places of its sentence.

>>> r = NameReader({})
>>> text = "huyện Mường khương"
>>> end, name, level, units = r.after_admin(text, 6, len(text), "huyện")
>>> text[:end], name, level, [(u.code, u.province) for u in units]
('huyện Mường khương', 'Mường Khương', 'district', [('083', 'Lào Cai')])
>>> r.after_admin("xã hội hóa", 3, 10, "xã") is None     # common words are not names
True
"""
from __future__ import annotations

import regex

from ..gazetteer import Unit, as_written, lookup, name_key
from ..gazetteer.names import index
from . import Match, load_vocab, longest_first

VOCAB = load_vocab("places")


def gazetteer_name(province: str | None) -> str | None:
    """The gazetteer's name of a province named by an earlier name readers still use (`Thừa Thiên Huế` ->
    `Huế`), which the records keep as written.

    >>> gazetteer_name("Thừa Thiên Huế"), gazetteer_name("Hà Nội")
    ('Huế', 'Hà Nội')
    """
    return VOCAB["other_names"].get(province, province) if province else province
ADMIN_LEVEL = {k.lower(): v for k, v in VOCAB["admin"].items()}
"""Administrative word -> the level it names (`city`: a province or a district, by the name)."""
ADMIN_KIND = {k.lower(): v for k, v in VOCAB["admin_kind"].items()}
"""An abbreviation -> the administrative word it stands for (`h.` -> `huyện`)."""
MAX_WORDS = 6

LETTERS_WORD = r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?"
"""A word of a place's name: letters, with an apostrophe inside (`M'gar`, `H’leo`)."""
NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}]*(?:['’][\p{L}\p{M}]+)?"
"""A capitalized word of a place's name (`Chương`, `Mỹ`, `M'gar`)."""
_WORD = regex.compile(rf"{LETTERS_WORD}|\d{{1,2}}(?!\d|[.,]\d)")
_LIST_JOIN = regex.compile(r"[ \t]*(?:,[ \t]*và|,|;|và)[ \t]+(?!(?i:các|những)\b)")
_NAME_RUN = regex.compile(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,4}}")
_OPEN_BEFORE = regex.compile(rf"(?P<run>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,4}})[ \t]*\([ \t]*$")
_CLOSE = regex.compile(r"[ \t]*\)")
_ENUM_LEAD = regex.compile(rf"(?:[,;:]|\bvà|(?<![\p{{L}}\p{{M}}])(?i:{longest_first(VOCAB['next_item_leads'])}))[ \t]+(?=\p{{Lu}})")
"""Before a district enumerated beside one named with its word: a list's joiner, or the lead of a ranking's next
item (`huyện Hương Khê có nhiều nhất với 6 sản phẩm, tiếp đến là Can Lộc (5 sản phẩm)`)."""
_ENUM_TAIL = regex.compile(r"[ \t]*(?:có|đạt|với|\(|:|\d)")
_EACH_AFTER = regex.compile(rf"(?<=\p{{L}})(?:[ \t]*,)?[ \t]+(?:mỗi[ \t]+(?:{longest_first(VOCAB['each_units'])})|đều|cùng)(?![\p{{L}}\p{{M}}])")
"""After a list of places, what says one number is each one's: `mỗi huyện`, `đều`, `cùng` (after a comma too:
`Quản Bạ và Bắc Quang, mỗi huyện có 5 sản phẩm`)."""
_IS_PLACE = regex.compile(rf"[ \t]+là[ \t]+(?:một[ \t]+(?:trong[ \t]+(?:những|các|số)[ \t]+)?)?"
                       rf"(?:{longest_first(VOCAB['each_units'])})(?![\p{{L}}\p{{M}}])")
"""After a sentence's subject: it is a district, a place (`… là huyện`, `… là một trong những địa phương`)."""
_LAST_NAME_RUN = regex.compile(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,4}}$")
_RUN_REACH = 40    # characters back from a list's end in which its last name stands (five words at most)
_JOIN_BEFORE = regex.compile(r"(?:,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)$")
_COUNT_WORDS = [*load_vocab("numbers")["digit_words"], *load_vocab("numbers")["ten_words"]]
_DISTRICTS_LISTED = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(VOCAB['districts_listed'])}"
                                  rf"|(?:\d{{1,2}}|{longest_first(_COUNT_WORDS)})\s+(?:{longest_first(VOCAB['counted_districts'])}))"
                                  r"(?![\p{L}\p{M}])", regex.IGNORECASE)
"""`các huyện`, or a number of them (`Ba huyện có nhiều sản phẩm OCOP nhất là Thọ Xuân (46 sản phẩm), …`)."""
_LISTED_LEAD = regex.compile(rf"(?:[,;:]|(?<![\p{{L}}\p{{M}}])(?:và|{longest_first(VOCAB['list_openers'])}))[ \t]+(?=\p{{Lu}})")


def _case_ok(words: list[str]) -> bool:
    """A name after an administrative word starts with a capital (`Mường khương`, `MƯỜNG KHƯƠNG`) or a digit
    (`Quận 1`); all in lower case it is ordinary words (`huyện thống nhất kế hoạch`, `xã hội`)."""
    return words[0][:1].isupper() or words[0][:1].isdigit()


class NameReader:
    def __init__(self, canonical):
        self.canonical = canonical        # written forms of province names -> the name a reader knows
        self.longest: dict[str, int] = {}  # a name's first word -> the most words a name starting so has
        for key in [*index(), *(name_key(c) for c in canonical)]:
            words = key.split()
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))

    def _fits(self, admin: str, units: list[Unit]) -> tuple[str | None, list[Unit]]:
        """The level an administrative word gives this name, and the units of that level (those of the
        word's own kind first: `huyện Phú Quốc` is a district that became a city)."""
        word = admin.lower()
        level = ADMIN_LEVEL.get(word)
        kind = ADMIN_KIND.get(word, word)
        if level == "city":
            central = [u for u in units if u.level == "province" and u.kind == "thành phố"]
            if central:
                return "province", central
            level = "district"
        fit = [u for u in units if u.level == level]
        if level == "district" and any(u.kind == kind for u in fit):
            fit = [u for u in fit if u.kind == kind]      # `huyện Cai Lậy`, not `thị xã Cai Lậy`
        return (level, sorted(fit, key=lambda u: u.kind != kind)) if fit else (None, [])

    def after_admin(self, text: str, start: int, end: int,
                    admin: str) -> tuple[int, str, str, tuple[Unit, ...]] | None:
        """The longest known name of the right level at `start` (at most six words, up to `end`):
        (its end, the name a reader knows, the level, the units)."""
        words = list(_WORD.finditer(text, start, end))[:MAX_WORDS]
        if not words or not _case_ok([words[0].group()]):
            return None
        most = self.longest.get(name_key(words[0].group()), 0)     # no name starts so: nothing to look up
        for n in range(min(len(words), most), 0, -1):
            stop = words[n - 1].end()
            written = text[start:stop]
            canonical = self.canonical.get(written)     # aliases of provinces (`TP.HCM`)
            units = lookup(gazetteer_name(canonical) if canonical else written)
            level, fit = self._fits(admin, units)
            if not fit:
                continue
            name = canonical if canonical and level == "province" else as_written(written, fit[0].name)
            return stop, name, level, tuple(fit)
        return None

    def starts_name(self, text: str, start: int, end: int) -> bool:
        """Whether another known name starts after a name (`huyện Mỹ Đức Hà Nội`), so that the
        capitalized words after the first name are not the rest of it."""
        words = list(_WORD.finditer(text, start, end))
        return any(lookup(text[words[0].start():w.end()]) for w in words) if words else True

    def provinces(self, name: str) -> tuple[Unit, ...]:
        return tuple(lookup(gazetteer_name(name), level="province"))

    def list_after(self, text: str, head: Match) -> list[Match]:
        """Names listed after a district or commune without their word: `TP Hội An, Điện Bàn`."""
        out, pos = [], head.end
        level, provinces = head.value["level"], {u.province for u in head.value["units"]}
        while (join := _LIST_JOIN.match(text, pos)) and (run := _NAME_RUN.match(text, join.end())):
            hit = self._member(run, level, provinces)
            if hit is None:
                break
            end, units = hit
            written = text[run.start():end]
            out.append(Match("place", run.start(), end, written, "places.list",
                             {"name": as_written(written, units[0].name), "level": level, "admin": None,
                              "generic": False, "units": units}))
            pos = end
        return out

    @staticmethod
    def _member(run, level: str, provinces: set[str] | None) -> tuple[int, tuple[Unit, ...]] | None:
        """The longest prefix of a capitalized run that is a unit of this level in these provinces,
        ending where the run ends or before a word that is not a name's."""
        words = list(_WORD.finditer(run.group()))
        for n in range(len(words), 0, -1):
            units = tuple(u for u in lookup(run.group()[:words[n - 1].end()], level=level)
                          if provinces is None or u.province in provinces)
            if units and n == len(words):
                return run.start() + words[n - 1].end(), units
        return None

    def kicker(self, text: str) -> list[Match]:
        """A district's name that opens a headline or a sentence before a colon, the way news names the place
        it reports from: `Đông Hòa: Trao giấy chứng nhận OCOP …`. A name that is a province's too
        (`Tuyên Quang: …`, whose capital bears it) is the province's: news names a city with its word."""
        run = _NAME_RUN.match(text)
        if run is None or not text.startswith(":", run.end()):
            return []
        units = tuple(lookup(run.group(), level="district"))
        if not units or len(run.group().split()) < 2 or self.provinces(run.group()):
            return []
        return [Match("place", 0, run.end(), run.group(), "places.kicker",
                      {"name": as_written(run.group(), units[0].name), "level": "district", "admin": None,
                       "generic": False, "units": units})]

    def subject_is(self, text: str) -> list[Match]:
        """A district's name that opens a sentence as its subject, said to be a district or a place (`Hoàng Su
        Phì là huyện có nhiều sản phẩm nhất với 8 sản phẩm`, `Mộc Châu là một trong những địa phương …`); as
        with a kicker, a name that is a province's too is the province's."""
        run = _NAME_RUN.match(text)
        if run is None or not _IS_PLACE.match(text, run.end()):
            return []
        units = tuple(lookup(run.group(), level="district"))
        if not units or len(run.group().split()) < 2 or self.provinces(run.group()):
            return []
        return [Match("place", 0, run.end(), run.group(), "places.subject_is",
                      {"name": as_written(run.group(), units[0].name), "level": "district", "admin": None,
                       "generic": False, "units": units})]

    def before_bracket(self, text: str, found: list[Match]) -> list[Match]:
        """A district named without its word before its province in brackets, the way news places it:
        `Đông Triều (Quảng Ninh) hiện có 45 sản phẩm`. The longest end of the capitalized run before the
        bracket that is a district of that province."""
        out = []
        for p in found:
            if p.value["level"] != "province" or p.value["generic"] or not p.value["units"] \
                    or not _CLOSE.match(text, p.end) \
                    or (opened := _OPEN_BEFORE.search(text, max(0, p.start - 80), p.start)) is None:
                continue
            provinces = {u.province for u in p.value["units"]}
            words = list(_WORD.finditer(opened.group("run")))
            for k in range(max(0, len(words) - 4), len(words)):
                start = opened.start("run") + words[k].start()
                units = tuple(u for u in lookup(text[start:opened.end("run")], level="district")
                              if u.province in provinces)
                if units and text[start:start + 1].isupper() and not any(
                        f.start < opened.end("run") and start < f.end for f in found):
                    written = text[start:opened.end("run")]
                    out.append(Match("place", start, opened.end("run"), written, "places.before_bracket",
                                     {"name": as_written(written, units[0].name), "level": "district",
                                      "admin": None, "generic": False, "units": units}))
                    break
        return out

    def each_listed(self, text: str, found: list[Match]) -> list[Match]:
        """Districts named bare in a list that one number is then said of each of (`Đồng Văn và Mèo Vạc mỗi
        huyện 5 sản phẩm`, `Bắc Quang, Hoàng Su Phì, Quản Bạ cùng có 6 sản phẩm`): each a place, whatever
        its province."""
        out: list[Match] = []
        if "mỗi" not in text and "đều" not in text and "cùng" not in text:
            return out      # (a quick test: most sentences say none of these)
        taken = [(p.start, p.end) for p in found]
        for each in _EACH_AFTER.finditer(text):
            items, end = [], each.start()
            while (run := _LAST_NAME_RUN.search(text, max(0, end - _RUN_REACH), end)) is not None:
                hit = self._member(run, "district", None)
                if hit is None or hit[0] != run.end() or any(a < run.end() and run.start() < b for a, b in taken):
                    break
                items.insert(0, Match("place", run.start(), run.end(), run.group(), "places.each_listed",
                                      {"name": as_written(run.group(), hit[1][0].name), "level": "district",
                                       "admin": None, "generic": False, "units": hit[1]}))
                join = _JOIN_BEFORE.search(text, max(0, run.start() - 8), run.start())
                if join is None:
                    break
                end = join.start()
            if len(items) > 1:
                out += items
        return out

    def enumerated(self, text: str, found: list[Match]) -> list[Match]:
        """Districts enumerated without their word beside one named with it, each with its figure:
        `thành phố Phủ Lý có 38 sản phẩm; Lý Nhân có 18 sản phẩm`."""
        heads = [p for p in found if p.rule == "places.gazetteer" and p.value["level"] == "district"]
        listed = _DISTRICTS_LISTED.search(text) if not heads else None
        if not heads and listed is None:
            return []
        # beside a named sibling, its province's districts; after 'các huyện … là', any province's
        provinces = {u.province for p in heads for u in p.value["units"]} if heads else None
        taken = [(p.start, p.end) for p in found]
        out = []
        leads = _ENUM_LEAD.finditer(text) if heads else _LISTED_LEAD.finditer(text, listed.end())
        for lead in leads:
            run = _NAME_RUN.match(text, lead.end())
            if run is None or any(a < run.end() and run.start() < b for a, b in taken):
                continue
            hit = self._member(run, "district", provinces)
            if hit is None or not _ENUM_TAIL.match(text, hit[0]):
                continue
            end, units = hit
            written = text[run.start():end]
            out.append(Match("place", run.start(), end, written, "places.enumerated",
                             {"name": as_written(written, units[0].name), "level": "district", "admin": None,
                              "generic": False, "units": units}))
            taken.append((run.start(), end))
        return out


def narrow_by_sentence(places: list[Match]) -> list[Match]:
    """A name many units bear is the one in the province (or district) the sentence also names:
    `xã Tân Hòa, huyện Chợ Gạo` is the Tân Hòa of Chợ Gạo."""
    if not any(len(p.value["units"]) > 1 for p in places):
        return places
    provinces = {p.value["name"] for p in places if p.value["level"] == "province" and p.value["units"]}
    provinces |= {p.value["units"][0].province for p in places if p.value["units"]
                  and len({u.province for u in p.value["units"]}) == 1}
    districts = {name_key(p.value["name"]) for p in places if p.value["level"] == "district" and p.value["units"]}
    for p in places:
        units = p.value["units"]
        if len(units) < 2:
            continue
        if p.value["level"] == "commune":
            in_district = tuple(u for u in units if u.district and name_key(u.district) in districts)
            units = in_district or units
        in_province = tuple(u for u in units if u.province in provinces)
        p.value["units"] = in_province or units
    return places
