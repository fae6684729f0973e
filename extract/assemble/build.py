"""Record dicts in the record format: ids and evidence; what an excerpt cut off mid-sentence leaves out."""
from __future__ import annotations

import regex

from ..doc import Doc
from .analysis import SentenceInfo


def record_id(article_id: str, type_: str, start: int, end: int) -> str:
    """Stable: the same article text always yields the same ids.

    >>> record_id("003_abc", "count", 120, 131)
    '003_abc#count@120-131'
    """
    return f"{article_id}#{type_}@{start}-{end}"


def evidence(doc: Doc, info: SentenceInfo, start: int, end: int) -> dict:
    o_start, o_end = doc.cleaned.to_original(start, end)
    return {"start": start, "end": end, "text": doc.text[start:end], "sentence": info.text,
            "sentence_start": info.start, "original_start": o_start, "original_end": o_end}


def record(doc: Doc, info: SentenceInfo, type_: str, start: int, end: int, rules: list[str], **fields) -> dict:
    return {"type": type_, "id": record_id(doc.id, type_, start, end), "article_id": doc.id,
            "evidence": evidence(doc, info, start, end), "rules": rules, **fields}


def for_place(fields: dict, place) -> dict:
    """The count record `fields` said of one more place (a place match): the same figure, that place's
    (`Thành phố Chí Linh và huyện Thanh Hà mỗi địa phương có 7 sản phẩm`: 7 for Chí Linh too), with an id
    of its own."""
    return {**fields, "id": f"{fields['id']}~{place.start}", "scope": place.value["name"],
            "scope_level": place.value["level"], "scope_basis": "stated", "scope_code": None, "scope_parent": None,
            "evidence": dict(fields["evidence"]),
            "rules": [r for r in fields["rules"] if not r.startswith("scope.")] + ["scope.each_of_list"]}


def cut_off(text: str, end: int) -> bool:
    r"""A name that runs into the end of an excerpt stopped mid-sentence (`… (Hộ kinh doanh Ti`): its last
    word may be cut, so it is no name to report.

    A list's item on a line of its own ends where its line does (`- Huyện Hậu Lộc: 2 sản phẩm`, `3. Nước mắm
    – Hộ kinh doanh Lê Văn Tám`): not cut.

    >>> cut_off("bánh Cookies (Hộ kinh doanh Ti", 30), cut_off("của Công ty TNHH Ba Con Gấu.", 27)
    (True, False)
    >>> cut_off("cụ thể:\n- Huyện Hậu Lộc: 2 sản phẩm", 34), cut_off("gồm:\n3. Nước mắm – Hộ kinh doanh Lê Văn Tám", 42)
    (False, False)
    """
    return not text[end:].strip() and text.rstrip()[-1:] not in ".!?…)\"”" \
        and not _LIST_ITEM_LINE.match(text, text.rfind("\n", 0, end) + 1)


_LIST_ITEM_LINE = regex.compile(r"[ \t]*(?:[-+•*–]|\d{1,2}[.)])[ \t]")


_PROPER = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*")


def short_names(orgs: list) -> set[str]:
    """Businesses named short beside their full name in the article (`HTX Tân Cương: Nâng tầm chè xứ Thái`
    over `Hợp tác xã Chè an toàn Tân Cương`, `Công ty Sâm Ngọc Linh` beside `Công ty CP Sâm Ngọc Linh Kon
    Tum`): a name whose words after its legal form are proper names only, which another name of the same
    legal form (or of any, for a bare `Công ty`) holds, longer. Annotation.md takes a business's name as
    first written in full: the short one is no record of its own.

    >>> from ..matchers import orgs as matcher
    >>> sorted(short_names(matcher.match("HTX Tân Cương: Nâng tầm chè. Hợp tác xã Chè an toàn Tân Cương có 5 sản phẩm.")))
    ['HTX Tân Cương']
    >>> short_names(matcher.match("HTX Tân Lập và HTX Dịch vụ Phú Lộc."))
    set()
    """
    from ..matchers.orgs import BUSINESS
    forms = {f.lower() for f in BUSINESS}
    names = [o.value for o in orgs if o.value["org_class"] == "business"]
    short = set()
    for a in names:
        words = a["name"].split()
        k = next((k for k in range(1, len(words)) if " ".join(words[:k]).lower() in forms
                  and all(_PROPER.fullmatch(w) for w in words[k:])), None)    # its form, then proper words only
        if k is None:
            continue
        tail = words[k:]
        if any(a["legal_form"] in (None, b["legal_form"]) and len(b["name"]) > len(a["name"])
               and _holds_run(b["name"].split(), tail) for b in names):
            short.add(a["name"])
    return short


def _holds_run(words: list[str], run: list[str]) -> bool:
    """`run` stands in `words` as one stretch, after their first word (the legal form's)."""
    return any(words[i:i + len(run)] == run for i in range(1, len(words) - len(run) + 1))
