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

from functools import lru_cache
from typing import Any, Iterator

from schemas.edtf import is_edtf

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


FIELDS = ("id", "article_id", "type", "value", "value_max", "approx", "unit", "metric", "star", "category",
          "scope", "scope_level", "kind", "status", "as_of", "period", "time_basis", "organization", "kind_basis",
          "scope_basis", "rules", "evidence")
"""The fields of a record reconciliation reads."""


class Record(_Slotted):
    """A record's fields, every one set: None where the record has not got it, so that reading a missing
    field costs what reading any does (`getattr` of an empty slot raises an exception it then drops: five
    times the time, and a million records miss a few fields each). `_has` holds the names it has (one
    frozenset for all the records with the same), so that it still reads like the dict it was made from."""

    __slots__ = FIELDS + ("_has",)

    def __getitem__(self, name: str) -> Any:
        if name in self._has:
            return getattr(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name) if name in self._has else default

    def __contains__(self, name: str) -> bool:
        return name in self._has

    def keys(self) -> list[str]:
        return [n for n in FIELDS if n in self._has]

    @classmethod
    def from_dict(cls, data: dict, share=None, sentences: dict | None = None) -> "Record":
        """`share(s, s)`: the shared copy of a short string; `sentences`: those of the article so far."""
        return _build(data, share or _own, sentences)

    def replaced(self, **changes: Any) -> "Record":
        """A copy with some fields changed (as `{**record, **changes}` of a dict)."""
        out = object.__new__(Record)
        for name in FIELDS:
            setattr(out, name, getattr(self, name))
        has = set(self._has)
        for name, value in changes.items():
            if name in _RECORD_FIELDS:
                setattr(out, name, value)
                has.add(name)
        out._has = _shared_names(frozenset(has))
        return out


_MISSING = object()
_RECORD_FIELDS = frozenset(FIELDS)
_NAMES: dict[frozenset, frozenset] = {}
_NAMES_BY_BITS: dict[int, frozenset] = {}


def _shared_names(names: frozenset) -> frozenset:
    return _NAMES.setdefault(names, names)


def _names_of(bits: int) -> frozenset:
    """The field names of a set of bits (bit n: `FIELDS[n]`), one frozenset for every record with them."""
    names = _NAMES_BY_BITS[bits] = _shared_names(frozenset(n for i, n in enumerate(FIELDS) if bits >> i & 1))
    return names


def _builder():
    """`_build(data, share, sentences)`: a `Record` of a dict, as straight-line code (made once here):
    a field at a time in a loop took twice as long, and a million records are read this way."""
    lines = ["def _build(data, share, sentences):", "    rec = new(Record)", "    get = data.get", "    has = 0"]
    for i, name in enumerate(FIELDS):
        lines += [f"    v = get({name!r}, M)", "    if v is not M:", f"        has |= {1 << i}"]
        if name == "id":
            lines.append(f"        rec.{name} = v")
        elif name in ("value", "value_max"):        # a figure many articles state: one int object
            lines.append(f"        rec.{name} = share((int, v), v) if v.__class__ is int else v")
        elif name == "rules":
            lines.append("        rec.rules = _rules(v, share)")
        elif name == "evidence":
            lines.append("        rec.evidence = (_evidence(v, get('id'), share, sentences) if isinstance(v, dict)"
                         " else v)")
        else:
            lines.append(f"        rec.{name} = share(v, v) if v.__class__ is str and len(v) <= {SHORT_TEXT} else v")
        lines += ["    else:", f"        rec.{name} = None"]
    lines += ["    names = by_bits.get(has)", "    rec._has = names if names is not None else names_of(has)",
              "    return rec"]
    space = {"new": object.__new__, "Record": Record, "M": _MISSING, "_rules": _rules, "_evidence": _evidence,
             "by_bits": _NAMES_BY_BITS, "names_of": _names_of}
    exec("\n".join(lines), space)
    return space["_build"]


def _own(_: Any, value: Any) -> Any:
    """`share` of the records given one by one: every value its own (as `dict.setdefault` of a new key)."""
    return value


def _rules(rules: Any, share) -> Any:
    """Rules as a tuple, one tuple for all the records with the same rules."""
    if not isinstance(rules, list):
        return rules
    rules = tuple(rules)
    try:
        return share(rules, rules)
    except TypeError:       # not all strings (an error the schema check reports): not shared
        return rules


def _evidence(data: dict, record_id: Any, share, sentences: dict | None) -> Evidence:
    ev = Evidence()
    get = data.get
    for name in ("start", "end", "sentence_start"):
        value = get(name, _MISSING)
        if value is not _MISSING:
            setattr(ev, name, value)
    value = get("text", _MISSING)
    if value is not _MISSING:
        ev.text = share(value, value) if value.__class__ is str and len(value) <= SHORT_TEXT else value
    value = get("sentence", _MISSING)
    if value is not _MISSING:
        ev.sentence = sentences.setdefault(value, value) if sentences is not None and value.__class__ is str else value
    ev.record_id = record_id
    return ev


def as_record(item: Any) -> Record:
    """A `Record` of a record given as a dict, a pydantic model (its JSON form) or a `Record`."""
    if item.__class__ is Record:
        return item
    if not isinstance(item, dict):
        from pydantic import BaseModel
        item = item.model_dump(mode="json") if isinstance(item, BaseModel) else dict(item)
    return Record.from_dict(item)


_build = _builder()


class RecordReader:
    """Turns parsed lines into `Record`s, sharing strings across them."""

    def __init__(self):
        self._share = {}.setdefault
        self._article = None
        self._sentences: dict[str, str] = {}

    def __call__(self, data: dict) -> Record:
        article = data.get("article_id")
        if article != self._article:        # records come article by article: its sentences only
            self._article, self._sentences = article, {}
        return _build(data, self._share, self._sentences)       # (`Record.from_dict`, a call less)


KINDS = ("total", "added", "target")
STARS = ("3", "4", "5", "5p", "3+", None)
_is_edtf = lru_cache(maxsize=65536)(is_edtf)     # (every record's dates are checked: a few thousand differ)


def count_problem(rec: dict | Record) -> str | None:
    """What makes a count record unusable here (None when it is fine); cheap, so every record is checked.

    >>> count_problem({"id": "a#1", "value": "many"})
    "value is not a number: 'many'"
    >>> count_problem({"id": "a#1", "value": 3, "kind": "total", "as_of": "06/2025",
    ...                "evidence": {"start": 0, "end": 1, "sentence": "3"}})
    "as_of is not an EDTF date: '06/2025'"
    """
    if isinstance(rec.get("value"), bool) or not isinstance(rec.get("value"), (int, float)):
        return f"value is not a number: {rec.get('value')!r}"
    if rec.get("kind", "total") not in KINDS:
        return f"kind is not one of {', '.join(KINDS)}: {rec.get('kind')!r}"
    if rec.get("star") not in STARS:
        return f"star is not one of 3, 4, 5, 5p, 3+: {rec.get('star')!r}"
    for name in ("as_of", "period"):
        if rec.get(name) is not None and not (isinstance(rec[name], str) and _is_edtf(rec[name])):
            return f"{name} is not an EDTF date: {rec[name]!r}"
    ev = rec.get("evidence")
    if not isinstance(ev, (dict, Evidence)) or not ("start" in ev and "end" in ev and "sentence" in ev):
        return "evidence lacks start, end or sentence"
    if not rec.get("article_id"):
        return "article_id is missing"
    return None


def is_count_claim(rec: dict | Record) -> bool:
    return rec.get("type", "count") == "count" and bool(rec.get("metric"))
