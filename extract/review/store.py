"""Review decisions in SQLite: every decision and undo kept in a history table; the current decision of a
finding is its latest decision (by time decided) that has not been undone.

Every write is one `BEGIN IMMEDIATE` transaction on a WAL database with a busy timeout, so two review
pages (two processes, two connections) on one file wait for each other instead of losing a decision.

>>> import tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "review.sqlite")
>>> load_decisions(db)
[]
>>> with ReviewStore(db) as store:
...     first = store.decide(Decision(finding_id="f1", action="dismiss", reviewer="an",
...                                   decided_at="2026-01-01T00:00:00+00:00"))
...     second = store.decide(Decision(finding_id="f1", action="correct", value=9, reviewer="an",
...                                    decided_at="2026-01-02T00:00:00+00:00"))
...     [d.action for d in store.current().values()]
['correct']
>>> [d.action for d in load_decisions(db)]
['correct']
>>> with ReviewStore(db) as store:
...     store.undo("an").action, [d.action for d in store.current().values()]
('correct', ['dismiss'])
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from schemas import Decision

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another one before giving up (the other holds the lock for milliseconds)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    event        TEXT NOT NULL CHECK (event IN ('decide', 'undo')),
    finding_id   TEXT NOT NULL,
    decision     TEXT,              -- the Decision as JSON (for 'decide')
    fingerprint  TEXT UNIQUE,       -- sha256 of the decision JSON: an import of the same decision is a no-op
    reviewer     TEXT NOT NULL,
    at           TEXT NOT NULL,     -- when the event happened (ISO 8601, UTC)
    decided_at   TEXT,              -- the decision's own time (orders decisions of one finding)
    undone_by    INTEGER REFERENCES history(seq),  -- for 'decide': the undo that removed it
    undoes       INTEGER REFERENCES history(seq)   -- for 'undo': the decision it removed
);
CREATE INDEX IF NOT EXISTS history_finding ON history(finding_id, event, undone_by);
CREATE INDEX IF NOT EXISTS history_reviewer ON history(reviewer, event, undone_by);
"""

CURRENT = """
SELECT h.seq, h.decision FROM history h
WHERE h.event = 'decide' AND h.undone_by IS NULL
  AND NOT EXISTS (SELECT 1 FROM history later
                  WHERE later.finding_id = h.finding_id AND later.event = 'decide'
                    AND later.undone_by IS NULL
                    AND (later.decided_at > h.decided_at
                         OR (later.decided_at = h.decided_at AND later.seq > h.seq)))
"""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def fingerprint(decision: Decision) -> str:
    return hashlib.sha256(decision.model_dump_json().encode("utf-8")).hexdigest()


def open_review_db(path: Path, table: str, schema: str) -> sqlite3.Connection:
    """A connection to the review database at `path` (made whole when new), with `table` created from
    `schema` when missing. ValueError naming the file when it is empty, another program's, or no SQLite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    create_whole(path)
    if path.is_file() and path.stat().st_size == 0:
        raise ValueError(f"{path}: is empty (0 bytes), not a review database: a copy cut short? "
                         "Restore it, or remove it to start with no decisions")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        foreign_tables(conn, path)     # never add our tables to another program's file
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is None:
            with _Immediate(conn):
                for statement in schema.split(";"):
                    if statement.strip():
                        conn.execute(statement)
        return conn
    except sqlite3.DatabaseError as e:
        raise ValueError(f"{path}: not a review database ({e})") from None


class ReviewDb:
    """One connection to a review database, with the table of `TABLE` made from `SCHEMA` when missing (a
    `with` block closes it). Use one per thread."""
    TABLE, SCHEMA = "history", SCHEMA

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = open_review_db(self.path, self.TABLE, self.SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ReviewStore(ReviewDb):
    """The decisions of a review database (created on first use)."""

    # -- transactions -------------------------------------------------------------------------------
    def _write(self):
        return _Immediate(self.conn)

    # -- writes -------------------------------------------------------------------------------------
    def decide(self, decision: Decision) -> int:
        """Store a decision (it becomes its finding's current one); returns its history number."""
        with self._write():
            seq = self._insert(decision)
            if seq is None:  # the very same decision is stored already
                seq = self.conn.execute("SELECT seq FROM history WHERE fingerprint = ?",
                                        (fingerprint(decision),)).fetchone()[0]
            return seq

    def import_decisions(self, decisions: list[Decision]) -> int:
        """Add decisions from elsewhere in one transaction; ones already here are skipped. Returns how
        many were new."""
        with self._write():
            return sum(self._insert(d) is not None for d in decisions)

    def _insert(self, decision: Decision) -> int | None:
        """Insert a 'decide' event (inside a transaction); None when the same decision is there already."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO history (event, finding_id, decision, fingerprint, reviewer, at, decided_at)"
            " VALUES ('decide', ?, ?, ?, ?, ?, ?)",
            (decision.finding_id, decision.model_dump_json(), fingerprint(decision), decision.reviewer,
             now_iso(), decision.decided_at))
        return cur.lastrowid if cur.rowcount else None

    def undo(self, reviewer: str, finding_id: str | None = None) -> Decision | None:
        """Remove the reviewer's latest current decision (of one finding, if given); the finding falls
        back to its earlier decision, if any. Returns the removed decision, or None if there was none."""
        with self._write():
            where, params = "", [reviewer]
            if finding_id is not None:
                where, params = " AND finding_id = ?", [reviewer, finding_id]
            row = self.conn.execute(
                "SELECT seq, finding_id, decision FROM history WHERE event = 'decide' AND undone_by IS NULL"
                f" AND reviewer = ?{where} ORDER BY seq DESC LIMIT 1", params).fetchone()
            if row is None:
                return None
            seq, found_id, payload = row
            cur = self.conn.execute(
                "INSERT INTO history (event, finding_id, reviewer, at, undoes) VALUES ('undo', ?, ?, ?, ?)",
                (found_id, reviewer, now_iso(), seq))
            self.conn.execute("UPDATE history SET undone_by = ? WHERE seq = ?", (cur.lastrowid, seq))
            return Decision.model_validate_json(payload)

    # -- reads --------------------------------------------------------------------------------------
    def current(self) -> dict[str, Decision]:
        """The current decision of every decided finding, by finding id."""
        out = {}
        for _seq, payload in self.conn.execute(CURRENT + " ORDER BY h.decided_at, h.seq"):
            decision = Decision.model_validate_json(payload)
            out[decision.finding_id] = decision
        return out

    def history(self) -> list[dict]:
        """Every event, oldest first: seq, event, finding_id, reviewer, at, decision (or None), undoes."""
        rows = self.conn.execute(
            "SELECT seq, event, finding_id, reviewer, at, decision, undoes, undone_by FROM history ORDER BY seq")
        return [dict(seq=s, event=e, finding_id=f, reviewer=r, at=a,
                     decision=Decision.model_validate_json(d) if d else None, undoes=u, undone_by=ub)
                for s, e, f, r, a, d, u, ub in rows]

    def last_undoable(self, reviewer: str) -> Decision | None:
        """The decision `undo(reviewer)` would remove."""
        row = self.conn.execute(
            "SELECT decision FROM history WHERE event = 'decide' AND undone_by IS NULL AND reviewer = ?"
            " ORDER BY seq DESC LIMIT 1", (reviewer,)).fetchone()
        return Decision.model_validate_json(row[0]) if row else None


HISTORY_COLUMNS = {"seq", "event", "finding_id", "decision", "fingerprint", "reviewer", "at", "decided_at",
                   "undone_by", "undoes"}


OWN_TABLES = {"history", "corrections"}
"""The tables a review database holds: decisions' history, and claim corrections (review/corrections.py)."""


def create_whole(path: Path) -> None:
    """Make a new database file at `path` (unless there is one) whole: under a temporary name first, then
    linked into place, so that another process opening it at the same moment never sees it empty (an
    empty file is refused as a copy cut short). Where the file system has no hard links, sqlite makes it."""
    if path.exists():
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")      # writes the header: the file is a database now
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass                                            # another process made it first: it is used
        except OSError:
            pass                                            # no hard links here
    finally:
        os.unlink(tmp)


def foreign_tables(conn: sqlite3.Connection, path: Path) -> None:
    """ValueError when the database is another program's: it has tables that are not ours, or a `history`
    table without the columns of ours (an empty database is made ours)."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    if not tables:
        return
    columns = {row[1] for row in conn.execute("PRAGMA table_info(history)")}
    if set(tables) - OWN_TABLES or ("history" in tables and not HISTORY_COLUMNS <= columns):
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise ValueError(f"{path}: not a review database: it is another program's SQLite file (tables: {shown})")


class _Immediate:
    """`with` block = one BEGIN IMMEDIATE transaction: committed on success, rolled back on error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False


def load_decisions(path: str | Path) -> list[Decision]:
    """The current decision of every decided finding (the latest one; an undo removes it), or [] when the
    database does not exist."""
    if not Path(path).exists():
        return []
    with ReviewStore(path) as store:
        return list(store.current().values())
