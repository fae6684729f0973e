"""Places: `tỉnh Long An`, `thành phố Hà Nội`, `huyện Chương Mỹ`, `H.Định Quán`, `xã Phú Nam An`, bare
province names, `TP.HCM`, `cả nước` (-> Việt Nam), and bare administrative words standing for the
article's own place (`toàn thành phố`, `Thành phố`: value `generic`, name None, resolved by assembly).

Names are read against the gazetteer (`extract.gazetteer`: every province, district and commune before
and after 1 July 2025), in any letter case and either tone placement; a name the gazetteer does not know
is still a place after an administrative word when it is capitalized (a village, a new name).

Value: `name` (the name a reader knows, without the administrative word), `level` (country | province |
district | commune), `admin` (the administrative word as written, or None), `generic` (bool), `units`
(the gazetteer's units that bear this name at this level; narrowed by the other places of the sentence).

>>> [(m.text, m.value["name"], m.value["level"]) for m in match("UBND thành phố Hà Nội và huyện Chương Mỹ")]
[('thành phố Hà Nội', 'Hà Nội', 'province'), ('huyện Chương Mỹ', 'Chương Mỹ', 'district')]
>>> [(m.text, m.value["name"]) for m in match("Phó Chủ tịch UBND tỉnh Long An Nguyễn Văn A")]
[('tỉnh Long An', 'Long An')]
>>> [(m.text, m.value["name"], m.value["level"]) for m in match("TP Thái Bình khác tỉnh Thái Bình")]
[('TP Thái Bình', 'Thái Bình', 'district'), ('tỉnh Thái Bình', 'Thái Bình', 'province')]
>>> [(m.text, m.value["name"]) for m in match("cả nước có 17.000 sản phẩm, TP.HCM có 400")]
[('cả nước', 'Việt Nam'), ('TP.HCM', 'Hồ Chí Minh')]
>>> [(m.text, m.value["generic"]) for m in match("toàn thành phố đã có 300 sản phẩm")]
[('toàn thành phố', True)]
>>> [(m.text, m.value["name"], m.rule) for m in match("TP Hội An, Điện Bàn và các huyện Duy Xuyên, Đại Lộc")]
... # doctest: +NORMALIZE_WHITESPACE
[('TP Hội An', 'Hội An', 'places.gazetteer'), ('Điện Bàn', 'Điện Bàn', 'places.list'),
 ('huyện Duy Xuyên', 'Duy Xuyên', 'places.gazetteer'), ('Đại Lộc', 'Đại Lộc', 'places.list')]
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import re

import regex

from ..gazetteer import Unit
from ..gazetteer.data import province_units
from . import Match, in_capitals, load_vocab, longest_first, scan
from .place_names import ADMIN_KIND, LETTERS_WORD, NAME_WORD, NameReader, gazetteer_name, narrow_by_sentence

VOCAB = load_vocab("places")
_TONES = VOCAB["old_style_tones"]


def tone_variants(name: str) -> set[str]:
    """A name in both tone placements (hòa / hoà).

    >>> sorted(tone_variants("Khánh Hòa"))
    ['Khánh Hoà', 'Khánh Hòa']
    """
    out = {name}
    for new, old in _TONES.items():
        out |= {n.replace(new, old) for n in out}
    return out


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    """Every written form of a province's name -> the name a reader knows (the gazetteer's provinces
    before and after the reform, the vocabulary's aliases and other names)."""
    out: dict[str, str] = {}
    names = {u.name for u in province_units(False) + province_units(True)} | set(VOCAB["other_names"])
    for p in names:
        for v in tone_variants(p):
            out[v] = p
    for a, p in VOCAB["aliases"].items():
        for v in tone_variants(a):
            out[v] = p
    globals()["CANONICAL"] = out      # from now on `places.CANONICAL` is the plain dict (orgs asks per word)
    return out


class _LazyNames(Mapping):
    """`CANONICAL` until first use: the province names, read from the gazetteer then."""

    def __getitem__(self, key):
        return _canonical()[key]

    def __iter__(self):
        return iter(_canonical())

    def __len__(self):
        return len(_canonical())

    def __contains__(self, key):                # without Mapping's KeyError round trip (orgs asks per word)
        return key in _canonical()

    def get(self, key, default=None):
        return _canonical().get(key, default)


CANONICAL: Mapping[str, str] = _LazyNames()
CENTRAL = set(VOCAB["central_cities"])
ADMIN = {k.lower(): v for k, v in VOCAB["admin"].items()}
ABBREVIATIONS = {k.lower() for k in VOCAB["abbreviations"]}
SURNAMES = set(VOCAB["surnames"])
GENERIC = {**VOCAB["generic"], **{w[0].upper() + w[1:]: level for w, level in VOCAB["generic"].items()}}
"""The words for the article's own place, also capitalized at a sentence's start (`Toàn tỉnh có …`)."""

_ANY_WORD = rf"(?:{LETTERS_WORD}|\d{{1,2}}(?!\d|[.,]\d))"   # mường, KHƯƠNG, 1, M'gar


def _admin_alternation() -> str:
    dotted = [w for w in ADMIN if w.endswith(".")]           # H.Định Quán: no space needed after the dot
    words = [w for w in ADMIN if not w.endswith(".")]
    return rf"(?:(?i:{longest_first(dotted)})|(?i:{longest_first(words)})(?!\p{{L}}))"


def _first_letters() -> str:
    """Every letter a place can start with, as a character class: the pattern is tried only there (the
    alternation of a hundred names is slow to try at every position)."""
    caseless = [*VOCAB["country"], *ADMIN]
    exact = [*GENERIC, *_canonical()]
    letters = {w[0].lower() for w in caseless} | {w[0].upper() for w in caseless} | {w[0] for w in exact}
    return "[" + "".join(regex.escape(c) for c in sorted(letters)) + "]"


@lru_cache(maxsize=1)
def pattern() -> regex.Pattern:
    known = longest_first(_canonical())
    return regex.compile(rf"""
        (?={_first_letters()})
        (?:
        (?P<country>(?<!\p{{L}})(?i:{longest_first(VOCAB["country"])})(?!\p{{L}}))   # cả nước, Việt Nam
      | (?P<bare>(?<!\p{{L}})(?:{known})(?![\p{{L}}\p{{M}}]))                   # Hà Nội, TP.HCM
      | (?P<admin>(?<!\p{{L}}){_admin_alternation()})[ \t]*                         # tỉnh / TP / H. ...
        (?:(?i:{longest_first(VOCAB["descriptors"])})[ \t]+(?=\p{{Lu}}))?             # huyện đảo Lý Sơn
        (?P<words>{_ANY_WORD}(?:(?:[ \t]+|[ \t]*[-–][ \t]*){_ANY_WORD}){{0,6}})?      # Mường khương, 1
      | (?P<generic>(?<!\p{{L}})(?:{longest_first(GENERIC)})(?![\p{{L}}\p{{M}}])
                   (?![ \t]+\p{{Lu}}))                                     # toàn thành phố (not 'của tỉnh X')
        )""", regex.VERBOSE)


def _cut_person(words: list[str]) -> list[str]:
    """A capitalized run after a place name that starts like a person's name is not the place's."""
    for i in range(1, len(words)):
        if words[i] in SURNAMES and len(words) - i >= 2:
            return words[:i]
    return words


_PERSON_BEFORE = regex.compile(
    rf"(?:(?<!\p{{L}})(?:{longest_first(VOCAB['person_titles'])})"      # ông, bà, anh, chị …
    rf"|(?:{longest_first(SURNAMES)})(?:[ \t]+{NAME_WORD})*)[ \t]+$")    # Nguyễn, Nguyễn Văn …
_HAMLET_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(VOCAB['hamlet_words'])})[ \t]+$", regex.IGNORECASE)
_HAMLET_INSIDE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{longest_first(VOCAB['hamlet_words_inside'])})[ \t]+$", regex.IGNORECASE)
_MANY_BEFORE = regex.compile(rf"(?:(?<![\p{{L}}\p{{M}}]){longest_first(VOCAB['generic_not_after'])}|\d%?)\s*$",
                             regex.IGNORECASE)
_CAPITALIZED_RUN = regex.compile(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,5}}|\d{{1,2}}(?!\d|[.,]\d)")


def _level(admin: str | None, name: str) -> str:
    kind = ADMIN.get(admin.lower()) if admin else None
    if kind == "city" or kind is None:
        return "province" if (kind is None or name in CENTRAL) else "district"
    return kind


def _place(start: int, end: int, text: str, rule: str, name: str | None, level: str | None,
           admin: str | None, units: tuple[Unit, ...] = (), generic: bool = False) -> Match:
    return Match("place", start, end, text[start:end], rule,
                 {"name": name, "level": level, "admin": admin, "generic": generic, "units": units})


_SUBJECT_AFTER = {w: regex.compile(rf"\s+{longest_first(VOCAB['generic_as_subject'][after] if isinstance(after, str) else after)}"
                                  r"(?![\p{L}\p{M}])")
                  for w, after in VOCAB["generic_as_subject"].items()}


def _generic_here(text: str, m) -> bool:
    """An admin word with no name after it stands for the article's place (`UBND thành phố cũng …`, `huyện
    có 18 sản phẩm`), not after a quantity or a level (`các huyện`, `cấp huyện`), and, for some words, only
    as a clause's subject."""
    if _MANY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False
    before = text[max(0, m.start() - 12):m.start()].rstrip()
    if any(before.endswith(w) for w in VOCAB["not_after"].get(m.group("admin").lower(), ())):
        return False                                        # 'Hợp tác xã có 5 sản phẩm'

    after = _SUBJECT_AFTER.get(m.group("admin"))
    return after is None or bool(after.match(text, m.end("admin")))


_NUMBERED_KINDS = ("quận", "phường", "xã")
"""The units some of which have a number for a name (`Quận 5`, `Phường 3`, `xã Hải Thanh 1` aside)."""


def _admin_match(m, text: str, reader: NameReader) -> Match | None:
    admin = m.group("admin")
    before = text[max(0, m.start() - 12):m.start()].rstrip()
    if any(before.endswith(w) for w in VOCAB["not_after"].get(admin.lower(), ())):
        return None                                         # Hợp tác xã Mường Khương: a cooperative
    abbreviation = admin.lower() in ABBREVIATIONS
    if not m.group("words"):
        return None
    if m.group("words")[:1].isdigit() and ADMIN_KIND.get(admin.lower(), admin.lower()) not in _NUMBERED_KINDS:
        return None     # 'mỗi huyện 5 sản phẩm': a number after a unit with no numbered ones (Quận 5, Phường 3)
    hit = reader.after_admin(text, m.start("words"), m.end("words"), admin)
    run = _CAPITALIZED_RUN.match(text, m.start("words"))
    run_end = None
    if run and run.end() <= m.end("words"):
        raw = " ".join(_cut_person(run.group().split()))
        run_end = m.start("words") + len(raw) if run.group().startswith(raw) else run.end()
    if hit is not None and (run_end is None or hit[0] >= run_end or reader.starts_name(text, hit[0], run_end)):
        end, name, level, units = hit
        return _place(m.start(), end, text, "places.gazetteer", name, level, admin, units)
    if run_end is not None and not abbreviation and ADMIN.get(admin.lower()) != "province":
        raw = text[m.start("words"):run_end]          # a name the gazetteer does not know (`xã Phú Nam An`)
        if raw.split()[0] in SURNAMES and len(raw.split()) >= 3:
            return None                               # UBND tỉnh Trần Phước Hiền: a person, not a place
        name = CANONICAL.get(raw, raw)
        return _place(m.start(), run_end, text, "places.admin_name", name, _level(admin, name), admin)
    return None


@lru_cache(maxsize=1)
def _starts() -> re.Pattern:
    """Where `pattern()` can start (see scan.py): at a word of one of its branches, not after a letter."""
    words = [*VOCAB["country"], *ADMIN, *GENERIC, *_canonical()]
    return scan.starts_before(first_words=words, after_digits=True)


@lru_cache(maxsize=1)
def _reader() -> NameReader:
    return NameReader(_canonical())


_DATELINE = regex.compile(r"^[ \t]*(\p{Lu}[\p{Lu}\p{M}]+(?:[ \t]+\p{Lu}[\p{Lu}\p{M}]*){0,4})[ \t]*[-–—]", regex.MULTILINE)
"""A place in capitals opening a line before a dash: a dateline (`QUẢNG NAM – Toàn tỉnh hiện có …`)."""


def match(text: str) -> list[Match]:
    """The places of `text`; a line in capitals (`HÀ TĨNH CÓ THÊM 35 SẢN PHẨM OCOP`) and a dateline in
    capitals (`QUẢNG NAM – …`) are read as if title-cased too (the same length, so the offsets hold; each
    match keeps the text as written), beside what is read as written (`TP.HCM`).

    >>> [(m.text, m.value["name"]) for m in match("QUẢNG NAM – Toàn tỉnh hiện có 450 sản phẩm OCOP")]
    [('QUẢNG NAM', 'Quảng Nam'), ('Toàn tỉnh', None)]
    """
    found = _match(text)
    view = text.title() if in_capitals(text) else _DATELINE.sub(lambda m: m.group().title(), text)
    if view != text and len(view) == len(text):
        found += [Match(m.label, m.start, m.end, text[m.start:m.end], m.rule, m.value) for m in _match(view)
                  if text[m.start:m.end] != m.text and not any(f.start < m.end and m.start < f.end for f in found)]
        found.sort(key=lambda p: p.start)
    return found


_EACH_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])mỗi\s+$", regex.IGNORECASE)


def _match(text: str) -> list[Match]:
    out: list[Match] = []
    reader = _reader()
    pat, starts, pos = pattern(), _starts(), 0
    if text[:1].isupper() and (":" in text[:40] and (out := reader.kicker(text))      # `Đông Hòa: …`
                               or " là " in text[:50] and (out := reader.subject_is(text))):  # `Bắc Quang là huyện …`
        pos = out[0].end
    while (m := scan.search(pat, starts, text, pos)) is not None:
        pos = m.end()
        if m.group("country"):
            out.append(_place(m.start(), m.end(), text, "places.country", "Việt Nam", "country", None))
        elif m.group("bare"):
            if _PERSON_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue                                    # ông Thái Bình, Nguyễn Thái Bình: a person
            if _HAMLET_BEFORE.search(text, max(0, m.start() - 15), m.start()) \
                    and not _HAMLET_INSIDE.search(text, max(0, m.start() - 20), m.start()):
                continue                                    # thôn Phú Thọ, đường Bắc Ninh: a hamlet, a street
            name = CANONICAL[m.group("bare")]
            out.append(_place(m.start(), m.end(), text, "places.known", name, "province", None,
                              reader.provinces(name)))
        elif m.group("admin"):
            if _EACH_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                pos = m.end("admin")    # 'mỗi quận 1 sản phẩm': each district, no District 1
                continue
            found = _admin_match(m, text, reader)
            if found is None:
                pos = m.end("admin")
                if m.group("admin") in GENERIC and _generic_here(text, m):
                    # `UBND thành phố cũng …`, `huyện có 18 sản phẩm`: the article's city or district
                    out.append(_place(m.start(), pos, text, "places.generic", None,
                                      GENERIC[m.group("admin")], m.group("admin"), generic=True))
                continue
            out.append(found)
            pos = found.end
            if found.value["units"] and found.value["level"] in ("district", "commune"):
                members = reader.list_after(text, found)
                out += members
                pos = members[-1].end if members else pos
        else:
            g = m.group("generic")
            out.append(_place(m.start(), m.end(), text, "places.generic", None, GENERIC.get(g), g,
                              generic=True))
    out += reader.enumerated(text, out)
    out += reader.each_listed(text, out)        # 'Đồng Văn và Mèo Vạc mỗi huyện 5 sản phẩm'
    out += reader.before_bracket(text, out)      # 'Đông Triều (Quảng Ninh) có 45 sản phẩm'
    out.sort(key=lambda p: p.start)
    return narrow_by_sentence(out)


__all__ = ["CANONICAL", "SURNAMES", "gazetteer_name", "match", "tone_variants"]
