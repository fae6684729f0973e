"""Reading numerals: digits as Vietnamese write them (`3.317`, `73,2`) and number words (`hai mươi mốt`);
and the zero-width characters that must not split a number (`3.317\u200b`). Used by numbers.py and dates.py."""
from __future__ import annotations

import regex

from . import Match, load_vocab

VOCAB = load_vocab("numbers")
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"   # zero-width characters dropped before matching
DIGIT_WORDS: dict[str, int] = VOCAB["digit_words"]
MULTIPLIERS: dict[str, int] = VOCAB["multiplier_words"]
NUMBER_WORDS = (list(DIGIT_WORDS) + VOCAB["ten_words"] + VOCAB["tens_words"] + VOCAB["zero_tens_words"]
                + VOCAB["hundred_words"] + list(MULTIPLIERS))
THOUSANDS = regex.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
PLAIN = regex.compile(r"^\d+(?:,\d+)?$")


def read_digits(raw: str) -> int | float | None:
    """The value of a written numeral: dot = thousands, comma = decimal; None for code-like tokens, and for
    digits Python's own Unicode tables do not know yet (newer than its `unicodedata`: U+1E4F1).

    >>> [read_digits(s) for s in ["3.317", "12.875", "02", "73,2", "5.073,2", "71,00", "4.0", "1.2.3"]]
    [3317, 12875, 2, 73.2, 5073.2, 71, None, None]
    >>> read_digits("\U0001e4f1") is None
    True
    """
    if not (THOUSANDS.match(raw) or PLAIN.match(raw)):
        return None
    try:
        value = float(raw.replace(".", "").replace(",", "."))
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


# kinds of number words, for the little grammar below
def _kind(word: str) -> str:
    if word in DIGIT_WORDS:
        return "unit"
    if word in VOCAB["ten_words"]:
        return "ten"
    if word in VOCAB["tens_words"]:
        return "tens"
    if word in VOCAB["zero_tens_words"]:
        return "zero"
    if word in VOCAB["hundred_words"]:
        return "hundred"
    return "mult"


# state -> kinds that may follow; a state is the kind of the last word read (plus "start")
NEXT = {"start": {"unit", "ten"}, "unit": {"tens", "hundred", "mult"}, "ten": {"unit", "mult"},
        "tens": {"unit", "mult"}, "hundred": {"unit", "ten", "zero", "mult"}, "zero": {"unit"},
        "mult": {"unit", "ten", "mult"}, "last_unit": {"mult"}}


def read_words(words: list[str]) -> tuple[int, int] | None:
    """(value, how many words it used) of a run of number words; None when it does not start a number.

    >>> [read_words(s.split()) for s in ["hai mươi mốt", "mười hai", "hai trăm năm mươi", "một trăm linh năm"]]
    [(21, 3), (12, 2), (250, 4), (105, 4)]
    >>> [read_words(s.split()) for s in ["năm", "tư", "ba năm", "hai mươi năm", "một nghìn tỷ", "ba chục"]]
    [None, None, (3, 1), (20, 2), (1000000000000, 3), (30, 2)]
    """
    state, used, total, section, current = "start", 0, 0, 0, 0
    for word in (w.lower() for w in words):
        kind = _kind(word)
        after_tens = state in ("ten", "tens")
        if kind not in NEXT[state] or (word in VOCAB["only_after_tens"] and not after_tens):
            break
        if kind == "unit":
            current += DIGIT_WORDS[word]
            state = "last_unit" if after_tens or state == "zero" else "unit"
        elif kind == "ten":
            current += 10
            state = "ten"
        elif kind == "tens":
            current *= 10
            state = "tens"
        elif kind == "hundred":
            section, current, state = section + current * 100, 0, "hundred"
        elif kind == "zero":
            state = "zero"
        else:
            small, mult = section + current, MULTIPLIERS[word]
            total = (total + small) * mult if 0 < total < mult else total + max(small, 1) * mult
            section, current, state = 0, 0, "mult"
        used += 1
    last, before_last = words[used - 1].lower() if used else "", words[used - 2].lower() if used > 1 else ""
    if last in VOCAB["never_last"] and before_last not in VOCAB["zero_tens_words"]:   # 'ba năm': 3 years
        return read_words(words[:used - 1]) if used > 1 else None
    if used == 0 or state == "zero":
        return None
    return total + section + current, used


def without_invisible(text: str) -> tuple[str, list[int] | None]:
    """`text` without zero-width characters, and where each kept character was (None: nothing dropped).

    >>> without_invisible("3.317\\u200b sản phẩm")
    ('3.317 sản phẩm', [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    """
    if not any(ch in text for ch in INVISIBLE):
        return text, None
    kept = [i for i, ch in enumerate(text) if ch not in INVISIBLE]
    return "".join(text[i] for i in kept), kept + [len(text)]


def back_to(text: str, where: list[int] | None, found: list[Match]) -> list[Match]:
    """Matches found in the text `without_invisible` returned, with offsets into the original `text`."""
    if where is None:
        return found
    out = []
    for m in found:
        start, end = where[m.start], where[m.end - 1] + 1
        value = dict(m.value)
        for key in ("number_start", "number_end"):
            if key in value:
                value[key] = where[value[key]] if key == "number_start" else where[value[key] - 1] + 1
        out.append(Match(m.label, start, end, text[start:end], m.rule, value))
    return out
