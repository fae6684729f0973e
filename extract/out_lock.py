"""The output folder's lock: `OUT/.lock`, so that two runs (two cron jobs that overlap) never write the
same folder.

The lock is an exclusive `flock` on the file, which also holds the owner's process id. The kernel releases
it when the owner dies, but not while another process still holds the same open file (a worker a killed
run left behind, in versions before workers died with their run). Such a lock is stale: its owner pid is
dead. It is recognised and taken: the old file is removed (the leftover keeps a lock on a file no longer
in the folder) and a new one is locked.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with lock_output(folder) as lock:
...     try:
...         lock_output(folder)
...     except Locked as e:
...         str(e) == f"is being written by another ocop run (pid {os.getpid()})"
True
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK = ".lock"
_TAKE = ".lock.take"
"""Held (briefly) while a stale lock is taken, so that two runs never both take it."""


class Locked(OSError):
    """The folder is locked by a live run; the message says by whom."""


class OutputLock:
    """The held lock (a context manager that releases it). `stale_owner`: the dead run's pid when the
    lock was taken from it, else None."""

    def __init__(self, file, stale_owner: int | None):
        self.file, self.stale_owner = file, stale_owner

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        self.file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def lock_output(out_dir: Path) -> OutputLock:
    """Lock `out_dir` (created if needed); `Locked` if a live run holds it, OSError if it cannot be."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK
    stale = None
    for _ in range(5):
        f = open(path, "a+", encoding="ascii")     # not "w": that would wipe a live owner's pid
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner, inode = _owner(f), os.fstat(f.fileno()).st_ino
            f.close()
            if owner is None or _alive(owner):
                held = f" (pid {owner})" if owner else ""
                raise Locked(f"is being written by another ocop run{held}") from None
            _take(out_dir, path, inode)
            stale = owner
            continue
        except BaseException:
            f.close()
            raise
        if not _same_file(f, path):     # taken and replaced by another run meanwhile: lock the new one
            f.close()
            continue
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\n")
        f.flush()
        return OutputLock(f, stale)
    raise Locked("is locked by runs that keep replacing its lock file")


def _owner(f) -> int | None:
    """The pid written in the lock file; or, for a lock file without one (written by an older ocop), the
    pid that took the lock, as the kernel lists it in /proc/locks."""
    f.seek(0)
    text = f.read(32).strip()
    return int(text) if text.isdigit() else _flock_pid(os.fstat(f.fileno()).st_ino)


def _flock_pid(inode: int) -> int | None:
    """From lines such as `1: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF` (None if not found)."""
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                if "FLOCK" in parts and "->" not in parts and len(parts) > 5 and \
                        parts[5].endswith(f":{inode}") and parts[4].isdigit():
                    return int(parts[4])
    except OSError:
        pass
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:     # someone else's process: alive
        return True
    try:    # a zombie (dead, not yet reaped by its parent) holds nothing
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def _take(out_dir: Path, path: Path, inode: int) -> None:
    """Remove the stale lock file (if it is still the one found stale)."""
    with open(out_dir / _TAKE, "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == inode:
                os.unlink(path)
        except FileNotFoundError:
            pass


def _same_file(f, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(f.fileno()).st_ino
    except FileNotFoundError:
        return False
