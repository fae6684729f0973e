"""Claim corrections in the review database: a table beside the decisions' history. Every correction is
kept; the current one of a record is its latest (by time corrected). Withdrawing a correction is a new
correction that changes nothing, so the history says who put the record back and when.

>>> import tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "review.sqlite")
>>> load_corrections(db)
[]
>>> fix = Correction(record_id="a#count@1-3", article_id="a", evidence_text="12", before={"kind": "total"},
...                  after={"kind": "added"}, reviewer="an", corrected_at="2026-01-01T00:00:00+00:00")
>>> with CorrectionStore(db) as store:
...     store.correct(fix) == store.correct(fix), len(store.current())
(True, 1)
>>> [c.changes() for c in load_corrections(db)]
['kind total → added']
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from schemas import Correction

from .store import ReviewDb, _Immediate, now_iso

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id     TEXT NOT NULL,
    correction    TEXT NOT NULL,        -- the Correction as JSON
    fingerprint   TEXT UNIQUE,          -- sha256 of that JSON: importing the same correction is a no-op
    reviewer      TEXT NOT NULL,
    at            TEXT NOT NULL,        -- when it was stored (ISO 8601, UTC)
    corrected_at  TEXT NOT NULL         -- the correction's own time (orders corrections of one record)
);
CREATE INDEX IF NOT EXISTS corrections_record ON corrections(record_id, corrected_at);
"""


def fingerprint(correction: Correction) -> str:
    return hashlib.sha256(correction.model_dump_json().encode("utf-8")).hexdigest()


class CorrectionStore(ReviewDb):
    """One connection to a review database's corrections (the table is created on first use)."""

    TABLE, SCHEMA = "corrections", SCHEMA

    def _insert(self, c: Correction) -> int | None:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO corrections (record_id, correction, fingerprint, reviewer, at, corrected_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (c.record_id, c.model_dump_json(), fingerprint(c), c.reviewer, now_iso(), c.corrected_at))
        return cur.lastrowid if cur.rowcount else None

    def correct(self, correction: Correction) -> int:
        """Store a correction (it becomes its record's current one); returns its number."""
        with _Immediate(self.conn):
            seq = self._insert(correction)
            if seq is None:
                seq = self.conn.execute("SELECT seq FROM corrections WHERE fingerprint = ?",
                                        (fingerprint(correction),)).fetchone()[0]
            return seq

    def import_corrections(self, corrections: list[Correction]) -> int:
        """Add corrections from elsewhere in one transaction; returns how many were new."""
        with _Immediate(self.conn):
            return sum(self._insert(c) is not None for c in corrections)

    def current(self) -> dict[str, Correction]:
        """The current correction of every corrected record (withdrawn ones included), by record id."""
        out: dict[str, Correction] = {}
        for (payload,) in self.conn.execute("SELECT correction FROM corrections ORDER BY corrected_at, seq"):
            c = Correction.model_validate_json(payload)
            out[c.record_id] = c
        return out

    def history(self) -> list[Correction]:
        return [Correction.model_validate_json(p)
                for (p,) in self.conn.execute("SELECT correction FROM corrections ORDER BY seq")]


def load_corrections(path: str | Path) -> list[Correction]:
    """The current correction of every corrected record, oldest first ([] when there is no database)."""
    if not Path(path).exists():
        return []
    with CorrectionStore(path) as store:
        return sorted(store.current().values(), key=lambda c: (c.corrected_at, c.record_id))
