"""Record dicts in the record format: ids and evidence; what an excerpt cut off mid-sentence leaves out."""
from __future__ import annotations

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


def cut_off(text: str, end: int) -> bool:
    """A name that runs into the end of an excerpt stopped mid-sentence (`… (Hộ kinh doanh Ti`): its last
    word may be cut, so it is no name to report.

    >>> cut_off("bánh Cookies (Hộ kinh doanh Ti", 30), cut_off("của Công ty TNHH Ba Con Gấu.", 27)
    (True, False)
    """
    return not text[end:].strip() and text.rstrip()[-1:] not in ".!?…)\"”"
