"""What a batch run remembers in its output folder, so the next run extracts only what changed.

- `OUT/manifest.jsonl`: one line per article of the last complete run: id, content hash, pipeline version,
  source path, and the key of its cached result. Written last, atomically.
- `OUT/cache/KEY[:2]/KEY.part`: one article's result, ready to be concatenated into the outputs. The key
  is a hash of (article id, content hash, pipeline version), so a part is valid exactly when it exists;
  parts are written as soon as an article is extracted, which is how a killed run's work is kept.

A part is text: a header line `{"id", "content_hash", "pipeline_version", "records": N, "rejected": M}`,
the article's line, its N record lines (in text order), its M rejected lines.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from .io import atomic_open, to_json

MANIFEST = "manifest.jsonl"
CACHE = "cache"


@dataclass
class Entry:
    id: str
    content_hash: str
    pipeline_version: str
    path: str | None
    key: str
    records: int = 0
    rejected: int = 0


def cache_key(article_id: str, content_hash: str, pipeline_version: str) -> str:
    """>>> cache_key("a", "0" * 64, "1.0") == cache_key("a", "0" * 64, "1.0") != cache_key("a", "0" * 64, "1.1")
    True
    """
    return hashlib.sha256(f"{article_id}\0{content_hash}\0{pipeline_version}".encode("utf-8")).hexdigest()[:40]


def load_manifest(out_dir: Path) -> dict[str, Entry]:
    """The last complete run's entries by article id; {} when there is none (or it cannot be read: the
    run then re-extracts what is not cached, which is always safe)."""
    path = out_dir / MANIFEST
    entries: dict[str, Entry] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    e = Entry(**json.loads(line))
                    entries[e.id] = e
    except FileNotFoundError:
        pass
    except (ValueError, TypeError):
        return {}
    return entries   # other OSErrors (a folder in its place, no permission) go to the caller: they name it


def damaged_outputs(out_dir: Path, expected: dict[str, int]) -> list[str]:
    """Outputs that do not hold what the last complete run wrote: missing, or not the number of lines its
    manifest counts, or not ending with a whole line (a file cut short, or edited by hand). Reads each
    file once, without keeping it."""
    damaged = []
    for name, lines in expected.items():
        path = out_dir / name
        try:
            with open(path, "rb") as f:
                found, last = 0, b"\n"
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    found, last = found + chunk.count(b"\n"), chunk[-1:]
        except FileNotFoundError:
            damaged.append(f"{path} is missing")
            continue
        except OSError as e:
            damaged.append(f"{path} cannot be read ({e.strerror})")
            continue
        if found != lines or last != b"\n":
            damaged.append(f"{path} is damaged ({found} whole lines, {lines} expected)")
    return damaged


def write_manifest(out_dir: Path, entries: dict[str, Entry]) -> None:
    with atomic_open(out_dir / MANIFEST) as f:
        for article_id in sorted(entries):
            f.write(json.dumps(asdict(entries[article_id]), ensure_ascii=False) + "\n")


def keep_unread(previous: dict[str, Entry], entries: dict[str, Entry], cache: Cache, unread: list[str]) -> int:
    """Policy: what cannot be read now (a folder or file without permission) is not taken as removed: the
    last run's articles from there are kept as they were. Returns how many."""
    kept = 0
    for article_id, before in previous.items():
        if article_id in entries or not before.path or not cache.has(before.key):
            continue
        if any(_within(before.path, where) for where in unread):
            entries[article_id] = before
            kept += 1
    return kept


def _within(path: str, where: str) -> bool:
    """Whether an article's path (`a.txt`, `folder/b.jsonl:3`) is the file or inside the folder `where`."""
    path, where = os.path.abspath(path), os.path.abspath(where)
    return path == where or path.startswith((where + os.sep, where + ":"))


class Cache:
    def __init__(self, out_dir: Path):
        self.root = out_dir / CACHE

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.part"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def write(self, key: str, entry: Entry, result) -> None:
        """Store one article's `ArticleResult` (atomically: a part exists whole or not at all). Not synced to
        disk one by one (that would cost more than the rest of storing): a part a power cut damaged is
        found by `read`, removed, and extracted again."""
        header = {"id": entry.id, "content_hash": entry.content_hash,
                  "pipeline_version": entry.pipeline_version,
                  "records": len(result.records), "rejected": len(result.rejected)}
        with atomic_open(self.path(key), durable=False) as f:
            f.write(json.dumps(header, ensure_ascii=False) + "\n")
            f.write(to_json(result.article) + "\n")
            for r in result.records:
                f.write(to_json(r) + "\n")
            for r in result.rejected:
                f.write(to_json(r) + "\n")

    def read(self, key: str) -> tuple[dict, str, list[str], list[str]]:
        """(header, article line, record lines, rejected lines) of a part; ValueError if it is damaged."""
        path = self.path(key)
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        try:
            header = json.loads(lines[0])
            n, m = header["records"], header["rejected"]
        except (IndexError, ValueError, KeyError, TypeError):
            raise ValueError(f"{path}: damaged cache part (bad header)") from None
        if len(lines) != 2 + n + m or not all(line.endswith("\n") for line in lines):
            raise ValueError(f"{path}: damaged cache part ({len(lines)} lines, {2 + n + m} expected)")
        return header, lines[1], lines[2:2 + n], lines[2 + n:]

    def remove(self, key: str) -> None:
        try:
            os.unlink(self.path(key))
        except FileNotFoundError:
            pass

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in os.scandir(self.root):
            if sub.is_dir():
                for f in os.scandir(sub.path):
                    if f.name.endswith(".part"):
                        yield f.name[:-len(".part")]

    def prune(self, keep: set[str]) -> int:
        """Remove parts (and leftover temporary files) not in `keep`; returns how many parts went."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for sub in os.scandir(self.root):
            if not sub.is_dir():
                continue
            for f in os.scandir(sub.path):
                key = f.name[:-len(".part")] if f.name.endswith(".part") else None
                if key is None or key not in keep:
                    try:
                        os.unlink(f.path)
                        removed += key is not None
                    except FileNotFoundError:
                        pass
        return removed


INPUT_STATS = "input-stats.json"
RACY_SECONDS = 2
"""A file changed less than this before a run looked at it is not remembered by its size and time: it
could change again within the same tick of the clock, keeping both (file systems keep times to 1 ns .. 2 s)."""


@dataclass
class Known:
    """An input file whose size and modification time are those of the last run: its articles (by id) are
    the last run's, and the file was not read."""
    path: str
    ids: list[str]


class InputStats:
    """The size and modification time of every input file of the last complete run, with the ids of the
    articles read from it (`OUT/input-stats.json`), so that the next run knows an unchanged file without
    reading it. A file is remembered only when all it gave were articles that reached the manifest (files
    with a problem are read again, so that the problem is said again), and only when it was last changed
    RACY_SECONDS or more before the run. The stats are only a shortcut to what reading would find: a
    missing or unreadable stats file, or another --max-bytes, only means reading everything."""

    def __init__(self, out_dir: Path, max_bytes: int | None):
        import time
        self.path = out_dir / INPUT_STATS
        self.max_bytes = max_bytes
        self.before = self._load()
        self.now: dict[str, list] = {}
        self.spoiled: set[str] = set()
        self.current: str | None = None
        self.racy_after = time.time_ns() - RACY_SECONDS * 1_000_000_000

    def _load(self) -> dict[str, list]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("max_bytes") != self.max_bytes \
                or not isinstance(data.get("files"), dict):
            return {}
        return data["files"]

    def known(self, path: str, st: os.stat_result, *, previous: dict[str, Entry], entries: dict[str, Entry],
              version: str, cache: Cache) -> Known | None:
        """`path` as the last run left it (its size and time), if the articles it gave then are all in the
        last manifest with this pipeline version and cached, and none was read already this run."""
        known = self.before.get(path)
        if not (isinstance(known, list) and len(known) == 3 and known[:2] == [st.st_size, st.st_mtime_ns]):
            return None
        ids = list(known[2])
        if not ids or any(i in entries or i not in previous or previous[i].pipeline_version != version
                          or not cache.has(previous[i].key) for i in ids):
            return None
        return Known(path, ids)

    def reading(self, path: str | None, size: int, mtime_ns: int) -> None:
        """What follows (articles, problems) comes from the file `path` (None: standard input)."""
        self.current = path
        if path is not None:
            self.now[path] = [size, mtime_ns, []]
            if mtime_ns >= self.racy_after:
                self.spoiled.add(path)

    def article(self, article_id: str) -> None:
        if self.current is not None:
            self.now[self.current][2].append(article_id)

    def problem(self) -> None:
        if self.current is not None:
            self.spoiled.add(self.current)

    def kept(self, path: str) -> None:
        """`path` was known unchanged: remember it as it was."""
        self.current = None
        self.now[path] = self.before[path]

    def write(self, entries: dict[str, Entry]) -> None:
        files = {p: v for p, v in self.now.items()
                 if p not in self.spoiled and v[2] and all(i in entries and entries[i].path is not None
                                                          for i in v[2])}
        with atomic_open(self.path, durable=False) as f:
            json.dump({"max_bytes": self.max_bytes, "files": files}, f, ensure_ascii=False)
