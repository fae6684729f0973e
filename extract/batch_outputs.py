"""A batch run's outputs (`records.jsonl`, `articles.jsonl`, `rejected.jsonl`): written by concatenating
the cached results in article-id order, each to a temporary file renamed into place; and the temporary
files a killed run left, removed."""
from __future__ import annotations

import json
import re
from contextlib import ExitStack
from pathlib import Path

from schemas import ArticleOut

from .io import atomic_open
from .manifest import Cache, Entry

OUTPUTS = ("records.jsonl", "articles.jsonl", "rejected.jsonl")

_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
"""The name of a temporary output (`atomic_open`): `.records.jsonl.k3j_x9q2.tmp`."""


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files a killed run (or reconciliation, or export) left beside the outputs."""
    for tmp in out_dir.glob(".*.tmp"):
        if _LEFTOVER.fullmatch(tmp.name) and tmp.is_file():
            tmp.unlink(missing_ok=True)


def write_outputs(out_dir: Path, entries: dict[str, Entry], cache: Cache) -> None:
    """Concatenate the cached results in article-id order into the three outputs (atomically each)."""
    with ExitStack() as stack:
        records, articles, rejected = (stack.enter_context(atomic_open(out_dir / name)) for name in OUTPUTS)
        for article_id in sorted(entries):
            entry = entries[article_id]
            try:
                header, article_line, record_lines, rejected_lines = cache.read(entry.key)
            except ValueError as e:
                cache.remove(entry.key)   # the next run extracts it again
                raise ValueError(f"{e}; it was removed: run again to extract {article_id!r} anew") from None
            articles.write(_with_path(article_line, entry.path))
            records.writelines(record_lines)
            rejected.writelines(rejected_lines)
            entry.records, entry.rejected = len(record_lines), len(rejected_lines)


def _with_path(article_line: str, path: str | None) -> str:
    """The article's line with its path as read in this run (the file may have moved since it was cached)."""
    article = json.loads(article_line)
    if article.get("path") == path:
        return article_line
    return ArticleOut.model_validate({**article, "path": path}).model_dump_json() + "\n"


def expected_lines(entries: dict[str, Entry]) -> dict[str, int]:
    return {"records.jsonl": sum(e.records for e in entries.values()), "articles.jsonl": len(entries),
            "rejected.jsonl": sum(e.rejected for e in entries.values())}
