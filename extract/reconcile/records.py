"""Records as reconciliation keeps them: compact, a million at once.

`records.jsonl` is read line by line into `Record`s: slotted objects with only the fields reconciliation
reads (ids, the key's fields, value, dates, the reading's basis, the rules and the evidence span), each
repeated string shared by all the records that have it (places, units, dates, an article's id, and a
sentence among the records of its article). A record reads like the dict it was made from (`r["id"]`,
`r.get("scope")`, `"period" in r`, `{**r}`), so the code that takes records from the Python API as
dicts takes these too, and gives the same results.

>>> r = Record.from_dict({"id": "a#1", "article_id": "a", "value": 3, "scope": None, "x": 1,
...                       "evidence": {"start": 0, "end": 1, "text": "3", "sentence": "3 sản phẩm"}})
>>> r["id"], r.get("scope", "?"), r.get("period", "?"), "scope" in r, "x" in r, r["evidence"]["sentence"]
('a#1', None, '?', True, False, '3 sản phẩm')
>>> sorted({**r}), r["evidence"].get("sentence_start")
(['article_id', 'evidence', 'id', 'scope', 'value'], None)
"""
from __future__ import annotations

from typing import Any, Iterator

SHORT_TEXT = 40
"""Strings up to this length are shared between records (names, codes, dates, units)."""


class _Slotted:
    """Dict-like reading of a slotted object: a field never set reads as missing."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def __contains__(self, name: str) -> bool:
        return hasattr(self, name)

    def keys(self) -> list[str]:
        return [n for n in self.__slots__ if hasattr(self, n)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def items(self) -> list[tuple[str, Any]]:
        return [(n, getattr(self, n)) for n in self.keys()]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_Slotted, dict)):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


class Evidence(_Slotted):
    """A record's evidence span (`record_id`: the record's id, for a claim's list of evidence)."""

    __slots__ = ("start", "end", "text", "sentence", "sentence_start", "record_id")


class Record(_Slotted):
    __slots__ = ("id", "article_id", "type", "value", "value_max", "approx", "unit", "metric", "star",
                 "category", "scope", "scope_level", "kind", "status", "as_of", "period", "time_basis",
                 "organization", "kind_basis", "scope_basis", "rules", "evidence")

    @classmethod
    def from_dict(cls, data: dict, share=None, sentences: dict | None = None) -> "Record":
        """`share(s)`: the shared copy of a short string; `sentences`: those of the article so far."""
        rec = cls()
        fields = _RECORD_FIELDS
        for name, value in data.items():
            if name not in fields:
                continue
            if value.__class__ is str:
                if share is not None and len(value) <= SHORT_TEXT and name != "id":
                    value = share(value, value)
            elif name == "evidence":
                value = _evidence(value, data.get("id"), share, sentences) if isinstance(value, dict) else value
            elif name == "rules" and isinstance(value, list):
                value = tuple(value)
                if share is not None:
                    value = share(value, value)
            setattr(rec, name, value)
        return rec


_RECORD_FIELDS = frozenset(Record.__slots__)
_EVIDENCE_FIELDS = frozenset(Evidence.__slots__) - {"record_id"}


def _evidence(data: dict, record_id: Any, share, sentences: dict | None) -> Evidence:
    ev = Evidence()
    for name, value in data.items():
        if name in _EVIDENCE_FIELDS:
            if value.__class__ is str:
                if name == "sentence" and sentences is not None:
                    value = sentences.setdefault(value, value)
                elif share is not None and len(value) <= SHORT_TEXT:
                    value = share(value, value)
            setattr(ev, name, value)
    ev.record_id = record_id
    return ev


class RecordReader:
    """Turns parsed lines into `Record`s, sharing strings across them."""

    def __init__(self):
        self._shared: dict = {}
        self._article = None
        self._sentences: dict[str, str] = {}

    def __call__(self, data: dict) -> Record:
        article = data.get("article_id")
        if article != self._article:        # records come article by article: its sentences only
            self._article, self._sentences = article, {}
        return Record.from_dict(data, self._shared.setdefault, self._sentences)
