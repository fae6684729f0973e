"""The article ids a stream has read, and where from, kept so that memory does not grow with the stream.

A pipeline (`ocop extract - --out -`) may read any number of lines; to report a repeated id it must remember
every id, which in a dict grows by ~150 bytes a line. `SeenIds` keeps them in a private temporary SQLite
database instead: SQLite deletes its file as soon as it opens it (nothing is left behind, even by a killed
run), and its page cache is capped, so the process's memory stays flat.

>>> seen = SeenIds()
>>> seen.add("a", "<stdin> line 1"), seen.add("a", "<stdin> line 9"), seen.origin("a")
(True, False, '<stdin> line 1')
>>> seen.add("b", None), seen.add("b", "x"), seen.origin("b"), len(seen)
(True, False, None, 2)
"""
from __future__ import annotations

import sqlite3

CACHE_KIB = 2048     # SQLite's page cache; the rest of the table lives in its deleted temporary file


class SeenIds:
    """Ids already read, each with where it was first read from (a path, or None)."""

    def __init__(self, cache_kib: int = CACHE_KIB):
        # "" is a private temporary database; the stream's reading thread may not be the one that made it
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, origin TEXT) WITHOUT ROWID")
        self._count = 0

    def add(self, article_id: str, origin: str | None) -> bool:
        """Remember `article_id` as read from `origin`; False (and the first origin kept) if it was already."""
        new = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (article_id, origin)).rowcount == 1
        self._count += new
        return new

    def origin(self, article_id: str) -> str | None:
        """Where `article_id` was first read from (None if that was not known, or it was never read)."""
        row = self._db.execute("SELECT origin FROM seen WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self._db.close()
