"""Which places each worker of a reconciliation on several cores reconciles (`place_workers`), and which
lines of `records.jsonl` it reads: a first, light reading of every line (its article, its scope), before
any worker starts, so that no worker reads, parses or keeps a record it does not need.

A claim's place is its record's scope, or, from 1 July 2025 on, the new province it lies in
(`eras.scope_at`): a record may make a claim of either place (`units_of`). A worker needs every record
of every place it reconciles, and everything about their articles, since claims are made article by
article (repeats merged, dates inferred from the article's other figures, figures of one sentence dated
together): it reads every line of every article with a record that may make a claim of one of its
places. A worker may so make claims of places it does not reconcile: it drops them once they are dated.

Places are dealt out by their records, the largest first, each to the worker with the fewest records so
far; the country's names go to the first worker (its figures are what every other place's shares of the
country are compared with: `partition`). Input this reading cannot take plainly (a line that is not a
JSON object msgspec parses, a scope that is not text, a carriage return) is left to the reconciliation
in one process (`split_lines` returns None), which reads it as it always did, errors included.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import msgspec

from .eras import _new_map_scope
from .partition import COUNTRY, unit_of
from .places import place_key


class _Where(msgspec.Struct):
    """What the first reading takes of a record (msgspec skips the other fields without building them)."""

    article_id: Any = None
    scope: Any = None
    scope_level: Any = None


_where = msgspec.json.Decoder(_Where).decode


@lru_cache(maxsize=65536)
def units_of(scope: str | None, level: Any) -> tuple[str, ...]:
    """The units (`partition.unit_of`) a record of this scope may make a claim of: its scope's, and the
    new province's when the reform may key it there (`eras.scope_at`, whatever the record's date)."""
    units = [unit_of(place_key(scope))]
    if scope and level in ("province", None):
        newer = unit_of(place_key(_new_map_scope(scope)))
        if newer != units[0]:
            units.append(newer)
    return tuple(units)


@dataclass
class Split:
    """`owner`: the worker of each unit; `lines`: for each line of the file, a bit for each worker that
    reads it (bit w: worker w); `records`: the records in the file (its lines that are not blank); `load`:
    the records of each worker's own places (those without a place left out)."""

    owner: dict[str, int]
    lines: bytearray
    records: int
    load: list[int]

    def heaviest(self) -> float:
        """The share of the places' records that the worker with the most of them reconciles."""
        total = sum(self.load)
        return max(self.load) / total if total else 0.0


def split_lines(path, workers: int) -> Split | None:
    """The places of each of `workers` workers and the lines each reads (see the module's doc); None when
    the file is not plain enough to be split this way. (A line costs a parse, a list append and a dict
    update: what the records say of their places is worked out once for each article, scope and level.)"""
    line_article: list[Any] = []
    append = line_article.append
    seen: dict[tuple, int] = {}         # (article, scope, level) -> records
    get = seen.get
    where = _where
    try:
        with open(path, "rb") as f:
            for raw in f:
                try:
                    w = where(raw)
                except msgspec.MsgspecError:
                    if raw.strip():
                        return None
                    append(_BLANK)
                    continue
                if b"\r" in raw:
                    return None
                at = (w.article_id, w.scope, w.scope_level)
                seen[at] = get(at, 0) + 1
                append(at[0])
    except TypeError:           # an unhashable scope level: an error of its own, said in one process
        return None
    units_by_article: dict[Any, set[str]] = {}
    records_of: dict[str, int] = {}
    for (article, scope, level), n in seen.items():
        if not (scope is None or scope.__class__ is str) or not (article is None or article.__class__ is str):
            return None
        units = units_of(scope, level)
        got = units_by_article.get(article)
        if got is None:
            got = units_by_article[article] = set()
        got.update(units)
        records_of[units[0]] = records_of.get(units[0], 0) + n
    owner = deal(records_of, units_by_article, workers)
    bits = {a: _bits(us, owner) for a, us in units_by_article.items()}
    bits[_BLANK] = 0
    load = [0] * workers
    for u, n in records_of.items():
        if u:           # (not the records without a place: dates and organizations make no claim)
            load[owner[u]] += n
    return Split(owner, bytearray(map(bits.__getitem__, line_article)), sum(seen.values()), load)


_BLANK = object()
"""The article of a blank line (read by no worker)."""


def deal(records_of: dict[str, int], units_by_article: dict[Any, set[str]], workers: int) -> dict[str, int]:
    """Every unit's worker: the country's to the first; the others, the largest first (then by name), each
    to the worker with the fewest records so far (the lowest number among equals)."""
    units = {u for us in units_by_article.values() for u in us}
    load = [0] * workers
    owner: dict[str, int] = {}
    if COUNTRY in units:
        owner[COUNTRY] = 0
        load[0] += records_of.get(COUNTRY, 0)
    for u in sorted(units - {COUNTRY}, key=lambda u: (-records_of.get(u, 0), u)):
        w = min(range(workers), key=lambda i: (load[i], i))
        owner[u] = w
        load[w] += records_of.get(u, 0)
    return owner


def _bits(units: set[str], owner: dict[str, int]) -> int:
    out = 0
    for u in units:
        out |= 1 << owner[u]
    return out
