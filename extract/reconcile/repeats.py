"""The same sentence repeated in one article (a quote given twice, a lead repeated in the body) states one
figure once: its numbers are one claim each, however the context around each copy was read.

Only sentences of at least `REPEAT_MIN_WORDS` words: a short formula (`Trong đó có 2 sản phẩm 4 sao.`)
can be said of two districts in one article, and there each copy is its own figure.

>>> s = "Lũy kế đến nay, toàn tỉnh có 320 sản phẩm OCOP được công nhận từ 3 sao trở lên."
>>> a = {"id": "x#1", "article_id": "x", "value": 320, "scope": "Thái Bình", "as_of": "2022",
...      "time_basis": "context", "evidence": {"start": 10, "end": 22, "sentence": s, "sentence_start": 0}}
>>> b = {**a, "id": "x#2", "scope": "Hà Nam", "as_of": "2024",
...      "evidence": {"start": 110, "end": 122, "sentence": s, "sentence_start": 100}}
>>> [(r["scope"], r["as_of"]) for r in unify_repeats([a, b])]
[('Thái Bình', '2022'), ('Thái Bình', '2022')]
>>> short = {**a, "evidence": {**a["evidence"], "sentence": "Có 320 sản phẩm."}}
>>> [r["scope"] for r in unify_repeats([short, {**b, "evidence": {**b["evidence"], "sentence": "Có 320 sản phẩm."}}])]
['Thái Bình', 'Hà Nam']
"""
from __future__ import annotations

from .corrections import CORRECTION_RULE
from .records import Record

READ_FIELDS = ("metric", "star", "category", "kind", "scope", "scope_level", "as_of", "period", "time_basis",
               "organization", "status", "kind_basis", "scope_basis")
"""What the reader decided about a number (rather than what the words are): the first copy's reading
stands for every copy, unless a later copy's date is stated in its own clause and the first's is not; a
copy a reviewer corrected (`ocop review`) stands before any."""
REPEAT_MIN_WORDS = 12
BASIS_RANK = {"stated": 0, "context": 1, "published": 2, "inferred": 3, None: 4}


def _place_in_sentence(r: dict) -> int:
    ev = r["evidence"]
    start = ev.get("sentence_start")
    return ev["start"] - start if start is not None else ev["sentence"].find(ev.get("text") or "")


def unify_repeats(records: list) -> list:
    """Records (count dicts or `Record`s) with every copy of a repeated sentence read as its best-read copy."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(records):
        sentence = r["evidence"]["sentence"]
        if len(sentence) < 2 * REPEAT_MIN_WORDS - 1 or len(sentence.split()) < REPEAT_MIN_WORDS:
            continue                    # too short to be a repeat (and most sentences are said once)
        key = (r["article_id"], sentence, _place_in_sentence(r), r.get("value"))
        groups.setdefault(key, []).append(i)
    out = list(records)
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda i: (CORRECTION_RULE not in (records[i].get("rules") or ()),
                                           BASIS_RANK.get(records[i].get("time_basis"), 4),
                                           records[i]["evidence"]["start"]))
        for i in members:
            if i != best:
                read = {f: records[best].get(f) for f in READ_FIELDS if f in records[best]}
                out[i] = records[i].replaced(**read) if isinstance(records[i], Record) else {**records[i], **read}
    return out
