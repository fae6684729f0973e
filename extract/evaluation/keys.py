"""How an extracted record and a gold answer are compared: the normalized keys of the gold format of
records.md ("Gold files"), with the same meaning as the shared scorer's.

>>> scope_key("Thành phố Hà Nội"), scope_key("cả nước"), scope_key("thị xã Sơn Tây"), scope_key(None)
('hà nội', 'việt nam', 'sơn tây', None)
>>> org_key("Công ty Trách nhiệm hữu hạn Gốm sứ Quang Vinh."), org_key("Hợp tác xã  Tân Thịnh")
('công ty tnhh gốm sứ quang vinh', 'htx tân thịnh')
>>> is_business("HTX Tân Thịnh"), is_business("Cty Tôm Việt"), is_business("Sở Nông nghiệp và Môi trường")
(True, True, False)
>>> number(3317.0), number("73.20"), number("hơn 3")
(3317, 73.2, None)
>>> unit_key("sản phẩm OCOP"), unit_key("phần trăm"), unit_key("Quận, huyện"), unit_key("SP"), unit_key("HTX")
('sản', '%', 'quận', 'sản', 'hợp')
>>> year_of({"as_of": "2025-06~"}), year_of({"as_of": None, "period": "2021/2025"}), year_of({"as_of": "XXXX-06-16"})
('2025', '2025', None)
"""
from __future__ import annotations

import unicodedata

# Administrative words a scope may start with; the place is the rest. Longest first.
ADMIN_WORDS = tuple(sorted(("thành phố ", "tp. ", "tp ", "tỉnh ", "huyện ", "quận ", "thị xã ", "xã ",
                            "phường ", "thị trấn "), key=len, reverse=True))
# Ways of saying the whole country: all are the scope "việt nam".
NATION = frozenset({"cả nước", "việt nam", "toàn quốc"})
# Legal forms written out in full, and their short form (an organization is matched on the short one).
LEGAL_FORMS = (("trách nhiệm hữu hạn", "tnhh"), ("cổ phần", "cp"), ("hợp tác xã", "htx"))
# How the name of a business (not an agency) starts, once normalized.
BUSINESS_STARTS = ("công ty", "cty", "ctcp", "htx", "tổ hợp tác", "doanh nghiệp", "dntn", "cơ sở", "hộ ",
                   "tập đoàn", "chi nhánh", "xí nghiệp")
# Abbreviated counted nouns, read as the words they stand for ('7 SP' counts sản phẩm).
UNIT_ABBREVIATIONS = {"sp": "sản phẩm", "htx": "hợp tác xã", "cty": "công ty", "dn": "doanh nghiệp"}
PERCENT_WORDS = ("phần trăm",)


def norm(text) -> str:
    """NFC, case-folded, runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def scope_key(scope: str | None) -> str | None:
    if scope is None:
        return None
    key = norm(scope)
    for word in ADMIN_WORDS:
        if key.startswith(word):
            key = key[len(word):]
    return "việt nam" if key in NATION else key


def org_key(name: str) -> str:
    key = norm(name).strip(" .,;:")
    for long, short in LEGAL_FORMS:
        key = key.replace(long, short)
    return key


def is_business(name: str) -> bool:
    return org_key(name).startswith(BUSINESS_STARTS)


def number(value) -> int | float | None:
    """A value as a number to compare: integral values as int, others rounded to 6 places."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return int(f) if f == int(f) else round(f, 6)


def unit_key(unit: str | None) -> str:
    """What a count is matched on besides its value: `%`, or the unit's first syllable (`sản` for
    `sản phẩm`). This is a matching key fixed by the gold format, not a word of the text."""
    key = norm(unit or "")
    if "%" in key or key.startswith(PERCENT_WORDS):
        return "%"
    head = key.partition(" ")[0].strip(",.;:()")
    return UNIT_ABBREVIATIONS.get(head, head).partition(" ")[0]


def year_of(record: dict) -> str | None:
    """The year a count holds at: of `as_of`, else of the end of `period`."""
    for field in ("as_of", "period"):
        value = record.get(field)
        if isinstance(value, str) and value:
            year = value.split("/")[-1][:4]
            if year.isdigit():
                return year
    return None
