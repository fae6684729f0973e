"""Places: `tỉnh Long An`, `thành phố Hà Nội`, `huyện Chương Mỹ`, `xã Phú Nam An`, bare province names,
`TP.HCM`, `cả nước` (-> Việt Nam), and bare administrative words standing for the article's own place
(`toàn thành phố`, `Thành phố`: value `generic`, name None, resolved by assembly).

Value: `name` (canonical, without the administrative word), `level` (country | province | district |
commune), `admin` (the administrative word as written, or None), `generic` (bool).

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
"""
from __future__ import annotations

import regex

from . import Match, load_vocab, longest_first

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


CANONICAL: dict[str, str] = {}
for _p in VOCAB["provinces"]:
    for _v in tone_variants(_p):
        CANONICAL[_v] = _p
for _a, _p in VOCAB["aliases"].items():
    for _v in tone_variants(_a):
        CANONICAL[_v] = _p
CENTRAL = set(VOCAB["central_cities"])
ADMIN = {k.lower(): v for k, v in VOCAB["admin"].items()}
SURNAMES = set(VOCAB["surnames"])

_NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}]*"                       # Chương, Mỹ
_KNOWN = longest_first(CANONICAL)

PATTERN = regex.compile(rf"""
    (?P<country>(?<!\p{{L}})(?i:{longest_first(VOCAB["country"])})(?!\p{{L}}))   # cả nước, Cả nước, Việt Nam
  | (?P<admin>(?<!\p{{L}})(?i:{longest_first(ADMIN)})(?!\p{{L}}))\s*             # tỉnh / TP / huyện ...
    (?:
        (?P<known>{_KNOWN})(?![\p{{L}}\p{{M}}])                                  # a known province name
      | (?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,5}}                        # Chương Mỹ, Phú Nam An
               |\d{{1,2}}(?![\d.,]))                                                # Quận 1, Phường 5
    )
  | (?P<bare>(?<!\p{{L}})(?:{_KNOWN})(?![\p{{L}}\p{{M}}]))                      # Hà Nội, TP.HCM
  | (?P<generic>(?<!\p{{L}})(?:{longest_first(VOCAB["generic"])})(?![\p{{L}}\p{{M}}])(?![ \t]+\p{{Lu}}))  # toàn thành phố
    """, regex.VERBOSE)


def _cut_person(words: list[str]) -> list[str]:
    """A capitalized run after a place name that starts like a person's name is not the place's."""
    for i in range(1, len(words)):
        if words[i] in SURNAMES and len(words) - i >= 2:
            return words[:i]
    return words


def _level(admin: str | None, name: str) -> str:
    kind = ADMIN.get(admin.lower()) if admin else None
    if kind == "city" or kind is None:
        return "province" if (kind is None or name in CENTRAL) else "district"
    return kind


def match(text: str) -> list[Match]:
    out = []
    for m in PATTERN.finditer(text):
        if m.group("country"):
            out.append(Match("place", m.start(), m.end(), m.group(), "places.country",
                             {"name": "Việt Nam", "level": "country", "admin": None, "generic": False}))
        elif m.group("admin") and (m.group("known") or m.group("name")):
            admin = m.group("admin")
            if m.group("known"):
                name, end, rule = CANONICAL[m.group("known")], m.end("known"), "places.admin_known"
            else:
                words = _cut_person(m.group("name").split())
                raw = " ".join(words)
                end = m.start("name") + len(raw) if raw == m.group("name")[:len(raw)] else m.end("name")
                name, rule = CANONICAL.get(raw, raw), "places.admin_name"
            out.append(Match("place", m.start(), end, text[m.start():end], rule,
                             {"name": name, "level": _level(admin, name), "admin": admin, "generic": False}))
        elif m.group("bare"):
            name = CANONICAL[m.group("bare")]
            out.append(Match("place", m.start(), m.end(), m.group(), "places.known",
                             {"name": name, "level": "province", "admin": None, "generic": False}))
        elif m.group("generic") or m.group("admin"):
            g = m.group("generic") or m.group("admin")
            start = m.start("generic") if m.group("generic") else m.start("admin")
            out.append(Match("place", start, start + len(g), g, "places.generic",
                             {"name": None, "level": VOCAB["generic"].get(g, ADMIN.get(g.lower())),
                              "admin": g, "generic": True}))
    return out
