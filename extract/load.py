"""Reading articles: `.txt` files (id = file name without extension) and `.jsonl` files (one article a
line), folders recursively, `-` for JSON Lines on standard input. A file or line that cannot be read is
reported as a `Problem` naming it, and reading goes on."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from schemas import Article

SUFFIXES = {".txt", ".jsonl"}


@dataclass(frozen=True)
class Problem:
    where: str      # file, or file:line
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def iter_articles(paths: Iterable[str]) -> Iterator[Article | Problem]:
    for p in paths:
        if p == "-":
            yield from _jsonl_lines(sys.stdin, "<stdin>")
            continue
        path = Path(p)
        if not path.exists():
            yield Problem(p, "no such file or folder")
        elif path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file() and x.suffix.lower() in SUFFIXES):
                yield from _file(f)
        else:
            yield from _file(path)


def _file(path: Path) -> Iterator[Article | Problem]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield Problem(str(path), f"cannot be read: {e.strerror}")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Problem(str(path), f"is not UTF-8 (byte {raw[e.start]:#04x} at offset {e.start})")
        return
    if not text.strip():
        yield Problem(str(path), "is empty")
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_lines(text.splitlines(), str(path))
    else:
        yield Article(id=path.stem, text=text, path=str(path))


def _jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Article | Problem]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(f"{where}:{n}", f"malformed JSON: {e.msg}")
            continue
        if not isinstance(data, dict):
            yield Problem(f"{where}:{n}", "a line must be a JSON object with 'id' and 'text'")
            continue
        try:
            art = Article.model_validate({**data, "path": f"{where}:{n}"})
        except ValidationError as e:
            bad = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            yield Problem(f"{where}:{n}", f"not an article ({bad})")
            continue
        if not art.text.strip():
            yield Problem(f"{where}:{n}", f"article {art.id!r} has an empty text")
            continue
        yield art
