"""Record dicts in the record format: ids and evidence."""
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
