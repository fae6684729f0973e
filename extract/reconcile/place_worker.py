"""One worker of a reconciliation on several cores (`place_workers`): it reads the lines of its places'
articles (`place_split`), makes their claims, and reconciles its places as `partition.Partitioned` does,
exchanging with the other workers, through the parent, the little that reaches across places:

1. the moves of dating by flows (`dating.flow_moves`): each worker finds those of its own places (a move
   is found from one place's claims), all of them are applied in the order of the whole, by every worker
   (a total moved takes the figures of its sentence with it, which may be of another worker's place);
2. the lessons of its parts' first pass, from which the parent makes the one source order of the whole;
3. the country's figures (`partition.Country`), from the worker that has the country's part, with the
   records of the country's claims (a finding about a share of the country cites them: `suspects`).

It then names the articles and labels the findings (`naming`, `suspects`) as `reviewed.reconcile` does,
writes its facts and findings in their order as JSON lines to the files it was given, and sends the parent
their sort keys, from which the parent interleaves the workers' lines (`place_workers`).
"""
from __future__ import annotations

import marshal
import os
import pickle
from collections import Counter, defaultdict

from ..io import loads, to_json_bytes
from ..workers import Terminated
from .claims import make_claims
from .dating import apply_moves, flow_moves, in_order_again
from .naming import name_articles
from .partition import COUNTRY, Country, Partitioned, PartResult, unit_of
from .place_split import units_of
from .places import place_key
from .records import RecordReader, count_problem, is_count_claim
from .results import conflict_order, fact_order
from .suspects import label, other_readings, records_by_id


class Unusable(Exception):
    """A line this worker cannot read as `ocop reconcile` reads it: the run is done in one process, which
    says what is wrong."""


def read_records(path, lines: bytearray, bit: int) -> list:
    """The `Record`s of the lines marked with `bit` (as `io._read_records` reads them)."""
    read = RecordReader()
    records = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f):
            if not lines[n] & bit:
                continue
            data = loads(raw)
            if not isinstance(data, dict) or "id" not in data or (is_count_claim(data) and count_problem(data)):
                raise Unusable()
            records.append(read(data))
    return records


class WorkerParts(Partitioned):
    """`Partitioned` for the places of worker `me` (`owner`: each unit's worker), exchanging through `conn`;
    each part's facts and findings, once cached, are named, labelled and written out at once (`files`),
    their sort keys kept (`keys`): no part's models are kept to the end."""

    def __init__(self, conn, me: int, owner: dict[str, int], records: list, cache, code: str, names: dict,
                 files: tuple):
        super().__init__(cache=cache)
        self._code = code
        self.conn, self.me, self.owner, self.records, self.names = conn, me, owner, records, names
        self.by_id: dict = {}
        self.by_place: dict[str | None, list] = defaultdict(list)     # (for `suspects.other_readings`)
        self.writers = [_Lines(f) for f in files]
        self.by_type: Counter = Counter()

    def mine(self, key) -> bool:
        return self.owner.get(unit_of(key.place)) == self.me

    def dated(self, claims: list) -> list:
        mine = {k for k in {c.key for c in claims} if self.mine(k)}
        owned = [c for c in claims if c.key in mine]
        found = flow_moves(owned)       # (a move is found from its place's claims: the same as among all)
        self.conn.send(("moves", [(order, t.article_id, t.record_id, end, note) for order, t, end, note in found]))
        everyone = _expect(self.conn.recv(), "moves")
        articles = {a for _, a, _, _, _ in everyone}
        by_name = {(c.article_id, c.record_id): c for c in claims if c.article_id in articles}
        moved = apply_moves(claims, [(by_name[(a, r)], end, note) for _, a, r, end, note in everyone
                                     if (a, r) in by_name])
        claims[:] = owned       # (the others freed)
        del owned
        in_order_again(claims, [c for c in moved if c.key in mine])
        self._keep_records()
        return claims

    def _keep_records(self) -> None:
        """Only the records of this worker's places, indexed for `suspects`: a finding's claims are of its
        part's place (or the country's, sent with its figures), and the other readings of a value it looks
        for are of that place. (The records of other places, read for their articles, are freed.)"""
        owner, me = self.owner, self.me
        ours: dict[tuple, bool] = {}        # (scope, level) -> of this worker's places

        def kept(r) -> bool:
            at = (r.scope, r.scope_level)
            got = ours.get(at)
            if got is None:
                got = ours[at] = any(owner.get(u) == me for u in units_of(*at))
            return got
        self.records[:] = [r for r in self.records if kept(r)]
        self.by_id = records_by_id(self.records)
        for r in self.by_id.values():
            self.by_place[place_key(getattr(r, "scope", None))].append(r)

    def source_order(self, parts: list, taught: list[list]) -> list[tuple]:
        """(Each entry sent with its part's rank: entries that sort alike are in the parts' order.)"""
        self.conn.send(("lessons", [((at, part_rank(p)), e) for p, t in zip(parts, taught) for at, e in t]))
        return _expect(self.conn.recv(), "lessons")

    def country_known(self, country: Country, name: str) -> tuple[Country, str]:
        if self.owner.get(COUNTRY, 0) == self.me:
            ids = {ev.record_id for c in country.claims for ev in c.evidence}
            self.conn.send(("country", country, name, [r for r in self.records if r.id in ids]))
            return country, name
        country, name, records = _expect(self.conn.recv(), "country")
        for r in records:       # (cited by the findings about shares of the country)
            self.by_id.setdefault(r.id, r)
        return country, name

    def part_done(self, part, result: PartResult) -> PartResult:
        """The part's facts and findings named and labelled (as `reviewed.reconcile` does the whole's),
        written, their sort keys kept: the part's rank after the keys of `merge`'s sort and of `suspects`'
        (those of two parts that sort alike are in the parts' order)."""
        name_articles(result, self.names)
        values = {v for c in result.conflicts for v in c.values}
        places = {place_key(c.key.scope) for c in result.conflicts}
        label(result.conflicts, self.by_id,
              other_readings((r for p in places for r in self.by_place.get(p, ())), values), self.names)
        rank = part_rank(part)
        self.writers[0].add(result.facts, lambda f: (fact_order(f), rank))
        self.writers[1].add(result.conflicts, lambda c: (bool(c.check_claims), conflict_order(c), rank))
        self.by_type.update(c.type for c in result.conflicts)
        return PartResult([], [], result.country)


def part_rank(part) -> tuple:
    """Where a part stands among the parts (`partition.split`: the country's first, then the others by
    name): what orders two of its entries, facts or findings that sort alike with another part's."""
    return (0, "") if part.is_country else (1, part.units[0])


class _Lines:
    """Items written as JSON lines to a file, in any order, with (their sort key, offset, length)."""

    def __init__(self, f):
        self.f, self.at, self.keys = f, 0, []

    def add(self, items: list, key) -> None:
        lines = []
        for item in items:
            line = to_json_bytes(item) + b"\n"
            self.keys.append((key(item), self.at, len(line)))
            self.at += len(line)
            lines.append(line)
        self.f.write(b"".join(lines))

    def sorted_keys(self) -> list:
        self.f.flush()
        self.keys.sort()
        return self.keys


def _expect(message: tuple, what: str):
    if message[0] != what:
        raise Unusable()
    return message[1] if len(message) == 2 else message[1:]


KEYS_A_MESSAGE = 20_000


def keys_bytes(keys: list) -> bytes:
    """Sort keys as the parent reads them (`keys_of`): `marshal` of their plain values (text,
    numbers, tuples: a third of the time `pickle` takes), pickled when a value is of another type."""
    try:
        return b"m" + marshal.dumps(keys)
    except ValueError:
        return b"p" + pickle.dumps(keys, pickle.HIGHEST_PROTOCOL)


def keys_of(message: bytes) -> list | None:
    """The sort keys of a message `keys_bytes` made; None for any other message (the end of them)."""
    how = message[:1]
    if how not in (b"m", b"p"):
        return None
    return (marshal.loads if how == b"m" else pickle.loads)(memoryview(message)[1:])


def work(conn, path, split, me: int, articles: list, names: dict, cache, code: str, files) -> None:
    """Worker `me`'s whole run (see the module's doc); it ends the process (`os._exit`: a million objects
    are not freed one by one)."""
    try:
        records = read_records(path, split.lines, 1 << me)
        parts = WorkerParts(conn, me, split.owner, records, cache, code, names, files)
        claims = make_claims(records, articles)
        result = parts(claims)
        keys = [w.sorted_keys() for w in parts.writers]
        conn.send(("done", len(result.claims), parts.by_type, cache.used))
        for ks in keys:
            for i in range(0, len(ks), KEYS_A_MESSAGE):
                conn.send_bytes(keys_bytes(ks[i:i + KEYS_A_MESSAGE]))
            conn.send_bytes(b"e")
    except Unusable:
        conn.send(("unusable",))
    except Terminated:              # stopped by the parent (`place_workers._stop`): nothing to say
        pass
    except BaseException as e:      # noqa: BLE001 - said to the parent, which reconciles in one process
        conn.send(("unusable", repr(e)))
    finally:
        try:
            conn.close()
        finally:
            os._exit(0)
