"""What the parts of a reconciliation (`partition`) read, as hashes, and their results kept in
`OUT/reconcile-cache/`, so that a run reconciles again only the parts whose claims changed.

A part's entry is named by a hash of everything its result depends on: the code that reconciles (every
source file of the package, `stamp.code_version`), the part's claims (with every field a claim carries:
the review's claim corrections and moved dates are in them), and for the second half of the work the
source order that concerns the part and the country's figures it compares shares with. The same name
therefore always holds the same result, and a changed input is a new name, never a stale entry.

Each entry is written whole under a temporary name (one of this process) and renamed into place; a run
killed at any moment leaves entries whole or absent. An entry that cannot be read (damaged, from another
Python) is removed and recomputed: the cache can cost a reconciliation, never change one. Entries a run
did not use are removed at its end (`prune`).

Entries are pickles, and unpickling runs code: an entry is read only when this user owns it and no one
else can write it (`trusted`); any other is left alone and its result computed again.
"""
from __future__ import annotations

import hashlib
import io
import marshal
import os
import pickle
from contextlib import contextmanager
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from types import UnionType
from typing import Any, Iterable, Union, get_args, get_origin

from pydantic import BaseModel

from .claims import Claim
from .entry_files import EntryWriter, write_entry
from .records import Evidence

FOLDER = "reconcile-cache"
SUFFIX = ".pickle"
_CLAIM_FIELDS = [f.name for f in fields(Claim)]


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


_EV_FIELDS = Evidence.__slots__
_EV_VALUES = attrgetter(*(n for n in _EV_FIELDS if n != "sentence_start"))


def _evidence_values(ev: Evidence) -> tuple:
    """An evidence's fields (a field never set: Ellipsis, which no field read from JSON holds); most
    records have all of them but `sentence_start`."""
    try:
        return (*_EV_VALUES(ev), getattr(ev, "sentence_start", ...))
    except AttributeError:
        return tuple(getattr(ev, n, ...) for n in _EV_FIELDS)


def _values_reader():
    """`_claim_values(claim)`: the values of every field of a claim as a tuple of plain values (the key
    and span as tuples, each evidence as its fields), as straight-line code made once here from the
    fields of `Claim` (a million claims are hashed)."""
    values = []
    for name in _CLAIM_FIELDS:
        if name == "key":
            values.append("*c.key")
        elif name == "span":
            values.append("None if c.span is None else (c.span.lo, c.span.hi)")
        elif name == "evidence":
            values.append("tuple(map(_evidence_values, c.evidence))")
        else:
            values.append(f"c.{name}")
    space = {"_evidence_values": _evidence_values}
    exec("def _claim_values(c):\n    return (" + ", ".join(values) + ")\n", space)
    return space["_claim_values"]


_claim_values = _values_reader()


def _chunk_bytes(rows: list[tuple]) -> bytes:
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
    claims = claims if isinstance(claims, list) else list(claims)
    for i in range(0, len(claims), 1000):
        chunk = _chunk_bytes(list(map(_claim_values, claims[i:i + 1000])))
        h.update(len(chunk).to_bytes(8, "little") + chunk)
    if not claims:
        chunk = _chunk_bytes([])
        h.update(len(chunk).to_bytes(8, "little") + chunk)
    return h.hexdigest()


def entries_digest(entries: list[tuple]) -> str:
    """A hash of source-order entries (before, after, why, days), in their order."""
    return digest(*(repr((sorted(b), sorted(a), why, span)) for b, a, why, span in entries))


_set = object.__setattr__
_FIELDS_SETS: dict[tuple, set] = {}


def _model(cls: type, names: tuple, values: tuple, fields_set: frozenset, texts: tuple = ()):
    """A model read back as `built.built` makes it: its fields set in order (a dict that shares its keys
    with the others of its model), one set of field names for all the models given the same; the fields
    numbered in `texts` were written as UTF-8 bytes (`_ModelPickler`)."""
    if texts:
        values = list(values)
        for i in texts:
            values[i] = values[i].decode("utf-8", "surrogatepass")
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
    the usual way, their dicts would not share keys: a third more memory for a cached result). The fields
    are read one by one, not from the model's `__dict__`: reading that makes CPython give the model a dict
    object of its own (its values were kept inline), which it keeps: 100 MB more for the parts of 1M claims.
    A text field that is not ASCII (a sentence, an explanation) is written as its UTF-8 bytes: the pickler
    would take them from the string with `PyUnicode_AsUTF8AndSize`, which keeps a UTF-8 copy with every
    string it is asked for (a sentence lives as long as its record: 50 MB more at 1M claims)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sets: dict[int, frozenset] = {}

    def reducer_override(self, obj):
        cls = obj.__class__
        fields = _MODEL_FIELDS.get(cls, False)
        if fields is False:
            fields = _model_fields(cls) if issubclass(cls, BaseModel) else _MODEL_FIELDS.setdefault(cls, None)
        if fields is None or obj.__pydantic_extra__ is not None or obj.__pydantic_private__:
            return NotImplemented
        names, read, texts = fields
        try:
            values = read(obj)
        except AttributeError:      # a field never set (`model_construct` without it): as its dict says
            names, values, texts = tuple(obj.__dict__), tuple(obj.__dict__.values()), ()
        fields_set = obj.__pydantic_fields_set__
        frozen = self._sets.get(id(fields_set))
        if frozen is None:
            frozen = self._sets[id(fields_set)] = frozenset(fields_set)
        encoded = [i for i in texts if values[i].__class__ is str and not values[i].isascii()] if texts else None
        if not encoded:
            return _model, (cls, names, values, frozen)
        values = list(values)
        for i in encoded:
            values[i] = values[i].encode("utf-8", "surrogatepass")
        return _model, (cls, names, tuple(values), frozen, tuple(encoded))


_MODEL_FIELDS: dict[type, tuple | None] = {}
"""`_model_fields` of a model's class; None for a class that is no model (what the pickler met)."""


def _is_text(annotation) -> bool:
    """`str`, or `str | None` (and other unions with `str`)."""
    return annotation is str or (get_origin(annotation) in (Union, UnionType) and str in get_args(annotation))


def _model_fields(cls: type) -> tuple:
    """(a model's field names in order, a function that reads them as a tuple, the numbers of its text
    fields): the order every model's `__dict__` has (pydantic and `built.built` set the fields in the
    model's order)."""
    got = _MODEL_FIELDS.get(cls)
    if got is None:
        names = tuple(cls.model_fields)
        read = attrgetter(*names) if len(names) > 1 else lambda obj: tuple(getattr(obj, n) for n in names)
        texts = tuple(i for i, f in enumerate(cls.model_fields.values()) if _is_text(f.annotation))
        got = _MODEL_FIELDS[cls] = (names, read, texts)
    return got


class PartCache:
    """Results of parts by name, as files under `root` (see the module's doc)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.used: set[str] = set()
        self._writer: EntryWriter | None = None

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
        """Store `value` under `name` (atomically): at once, or by the writing thread while `writing`. A
        cache that cannot be written costs only time."""
        self.used.add(name)
        buffer = io.BytesIO()
        _ModelPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        if self._writer is not None:
            self._writer.put(self.path(name), buffer)
        else:
            write_entry(self.path(name), buffer)

    @contextmanager
    def writing(self):
        """While in this block, entries are written by a thread of their own (`entry_files`); all of them
        are written when it ends (those not begun are dropped if it ends by an exception)."""
        if self._writer is not None:
            yield
            return
        self._writer = writer = EntryWriter()
        try:
            yield
        except BaseException:
            writer.abort()
            raise
        finally:
            self._writer = None
        writer.close()

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
