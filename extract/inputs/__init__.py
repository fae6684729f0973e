"""Reading articles as they come: files (`.txt`, `.md`, `.html`/`.htm`, `.jsonl`), folders (recursively,
in name order), and `-` for JSON Lines on standard input; text in UTF-8 (with or without BOM), UTF-16,
Windows-1258, TCVN3 or VNI. Anything that cannot be read is yielded as a `Problem` naming the file (and
line) and the reason, and reading goes on. Articles are yielded one at a time: memory does not grow with
the corpus.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

from schemas import Article

from ..limits import DEFAULT_MAX_BYTES
from .formats import (Problem, iter_jsonl_stream, parse_jsonl_lines, read_html_file, read_text_file)

__all__ = ["Problem", "FileStart", "iter_articles", "count_inputs", "SUFFIXES", "DEFAULT_MAX_BYTES"]

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES



@dataclass
class FileStart:
    """Yielded (when `iter_articles` is given `known`) before what a file yields: the file's path (None
    for standard input), size and modification time, as taken before it was read."""
    path: str | None
    size: int = 0
    mtime_ns: int = 0


def iter_articles(paths: Iterable[str], max_bytes: int | None = DEFAULT_MAX_BYTES,
                  stdin=None, known=None) -> Iterator[Article | Problem]:
    """Articles (and Problems) of `paths`, one at a time. `known(path, stat)`, if given, is asked before each
    file is read: what it returns, if not None, is yielded instead of reading the file (a file known to be
    unchanged); each file read is then preceded by a `FileStart`."""
    read = read_file if known is None else partial(_read_unless_known, known=known)
    for p in paths:
        if p == "-":
            if known is not None:
                yield FileStart(None)
            stream = stdin if stdin is not None else sys.stdin
            buffer = getattr(stream, "buffer", None)
            if buffer is not None:
                yield from iter_jsonl_stream(buffer, "<stdin>", max_bytes)
            else:  # a text stream (tests)
                yield from parse_jsonl_lines(stream, "<stdin>")
            continue
        path = Path(p)
        if not path.exists():
            yield Problem(p, "no such file or folder", "missing")
        elif path.is_dir():
            unreadable: list[OSError] = []
            files = input_files(path, unreadable)
            for e in unreadable:
                yield Problem(e.filename or p, f"folder cannot be read: {e.strerror or e}", "unreadable")
            for f in files:
                yield from read(f, max_bytes)
        else:
            yield from read(path, max_bytes)


def _read_unless_known(path: Path, max_bytes: int | None, known) -> Iterator:
    try:
        st = path.stat()
    except OSError:
        yield FileStart(str(path))
        yield from read_file(path, max_bytes)    # which says why it cannot be read
        return
    instead = known(str(path), st)
    if instead is not None:
        yield instead
        return
    yield FileStart(str(path), st.st_size, st.st_mtime_ns)
    yield from read_file(path, max_bytes)


def input_files(folder: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """The files of `folder` (recursively) that ocop reads, in name order; hidden files and folders
    (such as an output folder's cache) are left out. Folders that cannot be listed are added to
    `unreadable` (their errors name them)."""
    found = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append if unreadable is not None else None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in files
                     if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES)
    return sorted(found)


def read_file(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Article | Problem]:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as f:
                head = f.read(4)
                if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 JSON Lines: decode as a whole
                    f.seek(0)
                    yield from _utf16_jsonl(path, f.read())
                    return
                f.seek(0)
                if size == 0:
                    yield Problem(str(path), "is empty", "empty")
                    return
                yield from iter_jsonl_stream(f, str(path), max_bytes)
            return
        if max_bytes is not None and size > max_bytes:
            yield Problem(str(path), f"is {size} bytes, over the limit of {max_bytes} (--max-bytes)",
                          "too_large")
            return
        raw = path.read_bytes()
    except OSError as e:
        yield Problem(str(path), f"cannot be read: {e.strerror}", "unreadable")
        return
    if not raw.strip():
        yield Problem(str(path), "is empty", "empty")
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, raw)
    else:
        yield read_text_file(path, raw)


def _utf16_jsonl(path: Path, raw: bytes) -> Iterator[Article | Problem]:
    try:
        text = raw.decode("utf-16")
    except UnicodeDecodeError as e:
        yield Problem(str(path), f"starts with a UTF-16 byte-order mark but is not UTF-16 (offset {e.start})",
                      "encoding")
        return
    yield from parse_jsonl_lines(text.splitlines(), str(path))


def count_inputs(paths: Iterable[str]) -> int | None:
    """About how many articles `paths` hold (files, plus lines of JSON Lines files), for a progress bar;
    None when unknown (standard input)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = input_files(path) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(f, "rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                except OSError:
                    pass
            else:
                total += 1
    return total
