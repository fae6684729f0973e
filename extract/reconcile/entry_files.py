"""The files of `OUT/reconcile-cache/` (`parts_cache`): an entry's bytes written whole under a temporary
name and renamed into place (`write_entry`), by a thread of their own while the parts are reconciled
(`EntryWriter`).

Creating a file, writing and renaming it wait on the file system (about half a millisecond each on the
machine of the README's figures: a million records make 2.778 entries), and the interpreter's lock is
released while they wait: in a thread, that time is spent reconciling. The thread writes one entry at a
time, in the order given, holds at most `QUEUED` entries not yet written (the memory it may take), and is
always joined before the reconciliation it serves returns or fails: no thread outlives it. A run killed
at any moment leaves entries whole or absent (at most a temporary file, which the next run's `prune`
removes).
"""
from __future__ import annotations

import io
import os
import queue
import threading
from pathlib import Path

ENTRY_MODE = 0o600
"""An entry is readable and writable by its owner only."""
QUEUED = 8
"""Entries handed to the thread and not yet written, at most."""
_TMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_entry(path: Path, data: io.BytesIO) -> None:
    """The bytes of `data` (a pickle, not copied again) as the file `path`, atomically (under a temporary
    name of this process, then renamed). A cache that cannot be written costs only time: an OSError leaves
    nothing behind and is not raised."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")    # (a name no other process writes)
    try:
        try:
            fd = os.open(tmp, _TMP_FLAGS, ENTRY_MODE)
        except FileNotFoundError:       # the entry's folder is not there yet
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, _TMP_FLAGS, ENTRY_MODE)
        with open(fd, "wb") as f:
            os.fchmod(fd, ENTRY_MODE)   # (a leftover of this process id: its mode as it was)
            f.write(data.getbuffer())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if not isinstance(e, OSError):
            raise


class EntryWriter:
    """Writes entries in a thread of its own (see the module's doc): `put(path, data)` hands one over,
    `close()` waits until all are written, `abort()` drops those not begun and waits for the one being."""

    def __init__(self):
        self._queue: queue.Queue = queue.Queue(QUEUED)
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="ocop-cache-writer", daemon=True)
        self._thread.start()

    def put(self, path: Path, data: io.BytesIO) -> None:
        self._queue.put((path, data))

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def abort(self) -> None:
        self._stop = True
        while True:                     # (room for the end mark: entries not begun are dropped)
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if not self._stop:
                write_entry(*item)
