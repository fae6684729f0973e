"""What the parts of a reconciliation (`partition`) read, as hashes, and their results kept in
`OUT/reconcile-cache/`, so that a run reconciles again only the parts whose claims changed.

A part's entry is named by a hash of everything its result depends on: the code that reconciles (every
source file of the package, `stamp.code_version`), the part's claims (with every field a claim carries:
the review's claim corrections and moved dates are in them), and for the second half of the work the
source order that concerns the part and the country's figures it compares shares with. The same name
therefore always holds the same result, and a changed input is a new name, never a stale entry.

Each entry is written whole under a temporary name and renamed into place; a run killed at any moment
leaves entries whole or absent. An entry that cannot be read (damaged, from another Python) is removed
and recomputed: the cache can cost a reconciliation, never change one. Entries a run did not use are
removed at its end (`prune`).

Entries are pickles, and unpickling runs code: an entry is read only when this user owns it and no one
else can write it (`trusted`); any other is left alone and its result computed again.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from .claims import Claim
from .records import Evidence

FOLDER = "reconcile-cache"
SUFFIX = ".pickle"
_CLAIM_FIELDS = [f.name for f in fields(Claim)]
ENTRY_MODE = 0o600
"""An entry is readable and writable by its owner only."""


def trusted(st: os.stat_result) -> bool:
    """An entry this user wrote and no one else can have changed: owned by this user, not writable by its
    group or others (on systems without user ids, every entry)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


_FIELD_VALUES = attrgetter(*_CLAIM_FIELDS)
_KEY, _SPAN, _EVIDENCE = _CLAIM_FIELDS.index("key"), _CLAIM_FIELDS.index("span"), _CLAIM_FIELDS.index("evidence")
_EV_FIELDS = Evidence.__slots__
_EV_VALUES = attrgetter(*_EV_FIELDS)


def _evidence_values(ev: Evidence) -> tuple:
    try:
        return _EV_VALUES(ev)
    except AttributeError:      # a field never set: Ellipsis, which no field read from JSON holds
        return tuple(getattr(ev, n, ...) for n in _EV_FIELDS)


def _claim_values(c: Claim) -> list:
    values = list(_FIELD_VALUES(c))
    span = values[_SPAN]
    values[_KEY], values[_SPAN] = tuple(values[_KEY]), None if span is None else (span.lo, span.hi)
    values[_EVIDENCE] = tuple(map(_evidence_values, values[_EVIDENCE]))
    return values


def _chunk_bytes(rows: list[list]) -> bytes:
    """Claims' values as bytes that differ when a value does: `marshal` (format 2: values only, no
    sharing of objects) of plain values; `repr` where a value is of another type."""
    try:
        return b"m" + marshal.dumps(rows, 2)
    except ValueError:
        return b"r" + "\n".join(map(repr, rows)).encode("utf-8", "surrogatepass")


def claims_digest(claims: Iterable[Claim]) -> str:
    """A hash of every field of every claim, in the order given (hashed a thousand claims at a time: a
    large place is never one huge string)."""
    h = hashlib.blake2b(digest_size=20)
    rows = []
    for c in claims:
        rows.append(_claim_values(c))
        if len(rows) == 1000:
            chunk = _chunk_bytes(rows)
            h.update(len(chunk).to_bytes(8, "little") + chunk)
            rows.clear()
    chunk = _chunk_bytes(rows)
    h.update(len(chunk).to_bytes(8, "little") + chunk)
    return h.hexdigest()


def entries_digest(entries: list[tuple]) -> str:
    """A hash of source-order entries (before, after, why, days), in their order."""
    return digest(*(repr((sorted(b), sorted(a), why, span)) for b, a, why, span in entries))


_set = object.__setattr__
_FIELDS_SETS: dict[tuple, set] = {}


def _model(cls: type, names: tuple, values: tuple, fields_set: frozenset):
    """A model read back as `built.built` makes it: its fields set in order (a dict that shares its keys
    with the others of its model), one set of field names for all the models given the same."""
    m = cls.__new__(cls)
    for name, value in zip(names, values):
        _set(m, name, value)
    shared = _FIELDS_SETS.get((cls, fields_set))
    if shared is None:
        shared = _FIELDS_SETS[(cls, fields_set)] = set(fields_set)
    _set(m, "__pydantic_fields_set__", shared)
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


class _ModelPickler(pickle.Pickler):
    """Pickles the facts' and findings' pydantic models as their fields (read back by `_model`; unpickled
    the usual way, their dicts would not share keys: a third more memory for a cached result)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._names: dict[tuple, tuple] = {}
        self._sets: dict[int, frozenset] = {}

    def reducer_override(self, obj):
        if not isinstance(obj, BaseModel) or obj.__pydantic_extra__ is not None or obj.__pydantic_private__:
            return NotImplemented
        names = tuple(obj.__dict__)
        names = self._names.setdefault(names, names)
        fields_set = obj.__pydantic_fields_set__
        frozen = self._sets.get(id(fields_set))
        if frozen is None:
            frozen = self._sets[id(fields_set)] = frozenset(fields_set)
        return _model, (obj.__class__, names, tuple(obj.__dict__.values()), frozen)


class PartCache:
    """Results of parts by name, as files under `root` (see the module's doc)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.used: set[str] = set()

    def path(self, name: str) -> Path:
        return self.root / name[:2] / f"{name}{SUFFIX}"

    def get(self, name: str) -> Any | None:
        """The result stored under `name`, or None (absent, or damaged: then removed)."""
        self.used.add(name)
        path = self.path(name)
        try:
            with open(path, "rb") as f:
                if not trusted(os.fstat(f.fileno())):
                    return None
                return pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception:   # noqa: BLE001 - damaged or unreadable: computed again
            self._remove(path)
            return None

    def put(self, name: str, value: Any) -> None:
        """Store `value` under `name` (atomically). A cache that cannot be written costs only time."""
        from ..io import atomic_open
        self.used.add(name)
        try:
            with atomic_open(self.path(name), "wb", durable=False) as f:
                os.fchmod(f.fileno(), ENTRY_MODE)
                _ModelPickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        except OSError:
            pass

    def prune(self) -> int:
        """Remove the entries (and leftover temporary files) this run did not use; returns how many went."""
        removed = 0
        try:
            for sub in os.scandir(self.root):
                if not sub.is_dir():
                    continue
                for f in os.scandir(sub.path):
                    name = f.name[:-len(SUFFIX)] if f.name.endswith(SUFFIX) else None
                    if name not in self.used:
                        removed += self._remove(Path(f.path))
        except OSError:     # no cache yet, or one that cannot be read: nothing to keep tidy
            pass
        return removed

    @staticmethod
    def _remove(path: Path) -> int:
        try:
            os.unlink(path)
            return 1
        except OSError:
            return 0
