"""Star classes: `5 sao`, `(5) sao`, `tiềm năng 5 sao`, `từ 3 sao trở lên`, `3 - 4 sao`, `4 và 5 sao`.

Each match's value: `star` (the record's code: "3", "4", "5", "5p" = tiềm năng 5 sao, "3+" = 3 sao trở
lên), `stars` (every class named, for `3 - 4 sao`), `national` (cấp quốc gia).

>>> [(m.text, m.value["star"]) for m in match("gồm 4 sản phẩm 5 sao và 13 sản phẩm tiềm năng 5 sao")]
[('5 sao', '5'), ('tiềm năng 5 sao', '5p')]
>>> [(m.text, m.value["star"]) for m in match("2 sản phẩm 5 sao tiềm năng và 1 sản phẩm 4 sao TN")]
[('5 sao tiềm năng', '5p'), ('4 sao TN', None)]
>>> [(m.text, m.value["star"]) for m in match("được chứng nhận đạt từ 3 sao trở lên")]
[('từ 3 sao trở lên', '3+')]
>>> [(m.text, m.value["star"], m.value["stars"]) for m in match("sản phẩm đạt 3 - 4 sao")]
[('3 - 4 sao', '3+', ['3', '4'])]
>>> [(m.text, m.value["star"]) for m in match("nâng cấp 2 sản phẩm từ 3 sao lên 4 sao; 1 sản phẩm OCOP cấp quốc gia")]
[('3 sao lên 4 sao', '4'), ('sản phẩm OCOP cấp quốc gia', '5')]
>>> [(m.text, m.value["national"]) for m in match("sản phẩm OCOP cấp quốc gia (5) sao")]
[('(5) sao', True)]
>>> match("Khách sạn 5 sao ở Hà Nội")[0].value["star"]   # the matcher finds it; assembly decides
'5'
>>> match("sao chép, ngôi sao, 5 sao chổi")
[]
"""
from __future__ import annotations

import regex

from . import Match, load_vocab, longest_first

VOCAB = load_vocab("stars")
_NUM = longest_first(list(VOCAB["digits"]) + list(VOCAB["words"]))
_JOIN = longest_first(VOCAB["joiners"])

_ASTERISK = r"[*\u2605\u2b50]\ufe0f?"
"""A star written as a sign: `4*`, `4★`, `4⭐`."""
_SIGN = regex.compile(r"[*\u2605\u2b50]")
_STARTS = longest_first(["từ", "đạt", "tiềm", *VOCAB["potential"], *VOCAB["words"]])
PATTERN = regex.compile(rf"""
    (?=[\d(]|(?<![\p{{L}}\p{{M}}])(?i:{_STARTS})(?![\p{{L}}\p{{M}}]))   # quick test: a class can start here
    (?P<from>\b(?:từ|đạt)\s+)?                          # từ / đạt: part of the span only with 'trở lên'
    (?P<core>
      (?P<upfrom>(?:\(\s*{_NUM}\s*\)|\b{_NUM})(?:\s*{_JOIN}\s*{_NUM})?(?:\s+sao)?
         \s+{longest_first(VOCAB["class_change"])}\s+)?  # từ 3 sao lên 4 sao, từ 4 sao xuống 3 sao: the class now
      (?P<potential>\b{longest_first(VOCAB["potential"])}
         (?:[\s,]+{longest_first(VOCAB["potential_fillers"])})*\s+)?   # tiềm năng (đạt hạng) 5 sao
      (?:
        (?:
            \(\s*(?P<paren>{_NUM})\s*\)                  # (5) sao
          | (?P<first>\b{_NUM})(?:\s*{_JOIN}\s*(?P<second>{_NUM}))?   # 5 / 3 - 4 / 4 và 5
        )
        \s+sao\b(?!\s+(?:chổi|chép|kê|lưu|y|sáng)\b)   # not sao chổi, sao chép, sao kê ...
      | \(\s*(?P<asterisk>[345])\s*{_ASTERISK}\s*\)            # (4*)
      | (?<![\d.,])(?P<label>[345])\s*{_ASTERISK}(?=\s*:)          # 4*: 12 sản phẩm (a list's label)
      | (?<=(?:phẩm|SP|OCOP|đạt|hạng)\s{{1,3}})(?P<bare_ast>[345])\s*{_ASTERISK}(?![\d*])   # 15 sản phẩm 4*, 4⭐
      )
    )
    (?P<up>\s+{longest_first(VOCAB["and_up"])})?         # 3 sao trở lên
    (?P<potential_after>\s+\(?\s*{longest_first(VOCAB["potential"])}(?![\p{{L}}\p{{M}}])
       (?!(?:\s+[\p{{L}}\p{{M}}]+){{0,4}}\s+\d\s*sao)(?:\s*\))?)?    # 5 sao tiềm năng, 5 sao (tiềm năng); not '4 sao tiềm năng 5 sao'
    """, regex.VERBOSE | regex.IGNORECASE)
_NATIONAL_LEVEL = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){longest_first(VOCAB['national_level'])}(?![\p{{L}}\p{{M}}])",
                                regex.IGNORECASE)

_NATIONAL_AFTER = regex.compile(rf"\s*{longest_first(VOCAB['national'])}", regex.IGNORECASE)
_NATIONAL_BEFORE = regex.compile(rf"{longest_first(VOCAB['national'])}\s*$", regex.IGNORECASE)


def _code(word: str) -> str:
    w = word.lower()
    return VOCAB["digits"].get(w) or VOCAB["words"][w]


def _classify(m) -> tuple[str | None, str, list[str]]:
    """The star code, the rule name, and every class named."""
    stars = [_code(m.group("paren") or m.group("first") or m.group("asterisk")
                    or m.group("label") or m.group("bare_ast"))]
    if m.group("second"):
        stars.append(_code(m.group("second")))
    if m.group("up"):
        # 'từ 3 sao trở lên' is every certified product; '5 sao trở lên' is 5 stars, there is none above it;
        # '4 sao trở lên' has no code of its own
        if stars[0] == "5":
            return "5", "stars.and_up_top", stars
        return ("3+", "stars.and_up", stars) if stars[0] == "3" else (None, "stars.and_up_high", stars)
    if m.group("potential") or m.group("potential_after"):
        # 'tiềm năng 5 sao' is a rating class; 'tiềm năng 4 sao' is none (annotation.md: metric null)
        return ("5p", "stars.potential", stars) if stars[-1] == "5" else (None, "stars.potential_lower", stars)
    if m.group("upfrom"):
        return stars[-1], "stars.upgrade", stars
    if len(stars) > 1:
        # '3 - 4 sao', 'từ 3 đến 5 sao': every certified class from 3 up; '4 và 5 sao' has no code
        return ("3+", "stars.range_from_3", stars) if stars[0] == "3" else (None, "stars.range", stars)
    return stars[0], "stars.paren" if m.group("paren") else "stars.digit", stars


_COUNT_FROM = regex.compile(r"(?<![\p{L}\p{M}])từ\s+\d[\d.,]*\s+[^\d,;.()]{1,30}?\s*$", regex.IGNORECASE)
"""`từ` and a count before a class and `trở lên`: the `trở lên` is the count's (`từ 5 sản phẩm 4 sao trở lên`)."""


_CLASS_JOIN = regex.compile(rf"\s*{_JOIN}\s*")
LABEL_GAP = r"(?:\s*:|\s+(?:là|cho|có|gồm))?\s*"
"""Between a star class and the number it labels: `4 sao: 20 sản phẩm`, `4 sao là 84`, `đạt 4 sao cho 31
sản phẩm và 3 sao cho 12 sản phẩm`, `hạng 4 sao có 2 sản phẩm`, `loại 4 sao gồm 2 sản phẩm`, `hạng 4 sao 2
sản phẩm`."""
LABEL = regex.compile(LABEL_GAP)
LABELS_NUMBER = regex.compile(LABEL_GAP + r"\d")     # the class is followed by the number it labels


def _join_classes(text: str, found: list[Match]) -> list[Match]:
    """`3 sao và 4 sao`, `3 sao, 4 sao`: classes named one after the other are one range."""
    out: list[Match] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.rule in ("stars.digit", "stars.range_from_3", "stars.range") \
                and m.rule == "stars.digit" and _CLASS_JOIN.fullmatch(text, prev.end, m.start) \
                and not LABELS_NUMBER.match(text, m.end):     # '1 sản phẩm 5 sao, 4 sao là 84': a label
            stars = prev.value["stars"] + m.value["stars"]
            star, rule = ("3+", "stars.range_from_3") if stars[0] == "3" else (None, "stars.range")
            out[-1] = Match("star", prev.start, m.end, text[prev.start:m.end], rule,
                            {"star": star, "stars": stars, "national": prev.value["national"] or m.value["national"]})
        else:
            out.append(m)
    return out


def match(text: str) -> list[Match]:
    folded = text.casefold()
    if "sao" not in folded and "quốc gia" not in folded and not _SIGN.search(folded):
        return []       # every form names 'sao', a star's sign or the national level
    out = []
    for m in PATTERN.finditer(text):
        star, rule, stars = _classify(m)
        if m.group("up") and not m.group("from") and len(stars) == 1 and not m.group("potential") \
                and _COUNT_FROM.search(text, max(0, m.start() - 50), m.start()):
            star, rule = stars[0], "stars.of_count_and_up"  # 'từ 5 sản phẩm 4 sao trở lên': 4 stars, five or more
        start = m.start() if m.group("up") else m.start("core")
        end = m.end()
        national = bool(_NATIONAL_AFTER.match(text, end)
                        or _NATIONAL_BEFORE.search(text[max(0, start - 20):start]))
        out.append(Match("star", start, end, text[start:end], rule,
                         {"star": star, "stars": stars, "national": national}))
    out = _join_classes(text, out)
    # 'sản phẩm OCOP cấp quốc gia' with no class written: the national level is 5 stars
    for m in _NATIONAL_LEVEL.finditer(text):
        if not any(m.start() <= s.start <= m.end() + 12 or s.start <= m.start() < s.end for s in out):
            out.append(Match("star", m.start(), m.end(), m.group(), "stars.national_level",
                             {"star": "5", "stars": ["5"], "national": True}))
    return sorted(out, key=lambda x: x.start)
