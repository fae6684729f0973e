"""What the last reconciliation of an output folder read and wrote, kept in `OUT/reconciled.json`, so that
`ocop run` knows when reconciling again would give the same account and skips it.

The stamp holds a hash of everything the account depends on: the bytes of the records and articles, the
rows of the review database (decisions and claim corrections), the code and data that reconcile (every
source file of the package and the schemas); and a hash of the facts and conflicts it wrote. Reconciliation is skipped only when all of them hash the same now. Inputs are hashed before they are
read and outputs after they are written, so whatever changes in between is seen as a change by the next
run: being wrong can only cost a reconciliation, never keep a stale account. Hashing is ~1 GB/s, some
hundred times faster than reconciling the same records.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

STAMP = "reconciled.json"
INPUTS = ("records.jsonl", "articles.jsonl")
DATABASE = "review.sqlite"
OUTPUTS = ("facts.jsonl", "conflicts.jsonl")
CODE_SUFFIXES = {".py", ".json", ".tsv", ".db", ".jsonl"}


def file_digest(path: Path) -> str | None:
    """A hash of the file's bytes; None when there is no such file; a value never equal to another when it
    cannot be read."""
    h = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except FileNotFoundError:
        return None
    except OSError as e:        # reconciling will say what is wrong with it
        return f"unreadable ({e.strerror}) {os.urandom(8).hex()}"
    return h.hexdigest()


def database_digest(path: Path) -> str | None:
    """A hash of every row of every table of the SQLite database `path` (the review decisions and claim
    corrections), read-only: what it holds, not how its pages happen to be laid out (closing a connection
    may checkpoint its log and rewrite pages without changing a row). None when there is no such file; a
    value never equal to another when it cannot be read (so reconciliation runs and says why)."""
    import sqlite3
    if not path.is_file():
        return None
    h = hashlib.blake2b(digest_size=20)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            for table in tables:      # an empty table adds nothing: reading may create one
                for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                    h.update(f"{table}\0{row!r}\n".encode("utf-8"))
        finally:
            conn.close()
    except sqlite3.Error as e:
        return f"unreadable ({e}) {os.urandom(8).hex()}"
    return h.hexdigest()


def code_version() -> str:
    """A hash of every file of the package (extract/) and of the schemas that can change an account."""
    package = Path(__file__).resolve().parents[1]
    root = package.parent
    h = hashlib.blake2b(digest_size=20)
    for folder in (package, root / "schemas"):
        for dirpath, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if Path(name).suffix in CODE_SUFFIXES:
                    path = Path(dirpath) / name
                    h.update(path.relative_to(root).as_posix().encode() + b"\0")
                    h.update(path.read_bytes())
    return h.hexdigest()


def inputs_now(out_dir: Path) -> dict:
    """The stamp's input half, as the folder is now (taken before reconciling reads it)."""
    files = {name: file_digest(out_dir / name) for name in INPUTS}
    files[DATABASE] = database_digest(out_dir / DATABASE)
    return {"code": code_version(), "inputs": files}


def outputs_now(out_dir: Path) -> dict:
    return {name: file_digest(out_dir / name) for name in OUTPUTS}


def is_current(out_dir: Path, inputs: dict) -> bool:
    """Whether the folder's facts and conflicts are what reconciling it now would write (see the module);
    `inputs`: `inputs_now(out_dir)`, taken once a run."""
    try:
        stamp = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or any(v is None for v in stamp.get("outputs", {None: None}).values()):
        return False
    return stamp.get("outputs") == outputs_now(out_dir) and \
        {k: stamp.get(k) for k in ("code", "inputs")} == inputs


def forget(out_dir: Path) -> None:
    """Remove the stamp (before reconciling: a run that fails halfway leaves none)."""
    try:
        os.unlink(out_dir / STAMP)
    except FileNotFoundError:
        pass
    except OSError:             # the folder cannot be written: reconciling will say so
        pass


def write_stamp(out_dir: Path, inputs: dict) -> None:
    """Record `inputs` (from `inputs_now` before reconciling) with the outputs as they are now."""
    from ..io import atomic_open
    with atomic_open(out_dir / STAMP, durable=False) as f:
        f.write(json.dumps({**inputs, "outputs": outputs_now(out_dir)}, sort_keys=True) + "\n")
