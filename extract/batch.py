"""Running extraction over many articles and writing `records.jsonl`, `articles.jsonl` and
`rejected.jsonl` into an output folder (each written atomically)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .io import write_jsonl
from .load import Problem, iter_articles
from .pipeline import extract_article

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


@dataclass
class Summary:
    articles: int = 0
    records: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.problems else EXIT_OK


def run_extract(paths: list[str], out_dir: str | Path, log=sys.stderr) -> Summary:
    out_dir = Path(out_dir)
    summary = Summary()
    articles, records, rejected = [], [], []
    seen: dict[str, str] = {}
    for item in iter_articles(paths):
        if isinstance(item, Problem):
            summary.problems.append(item)
            print(f"ocop: skipped {item}", file=log)
            continue
        if item.id in seen:
            p = Problem(item.path or item.id, f"article id {item.id!r} already read from {seen[item.id]}")
            summary.problems.append(p)
            print(f"ocop: skipped {p}", file=log)
            continue
        seen[item.id] = item.path or "?"
        try:
            result = extract_article(item)
        except Exception as e:  # one bad article never costs the batch
            p = Problem(item.path or item.id, f"extraction failed: {type(e).__name__}: {e}")
            summary.problems.append(p)
            print(f"ocop: skipped {p}", file=log)
            continue
        articles.append(result.article)
        records.extend(result.records)
        rejected.extend(result.rejected)
    write_jsonl(out_dir / "records.jsonl", records)
    write_jsonl(out_dir / "articles.jsonl", articles)
    write_jsonl(out_dir / "rejected.jsonl", rejected)
    summary.articles, summary.records, summary.rejected = len(articles), len(records), len(rejected)
    print(f"ocop: {summary.articles} articles, {summary.records} records, {summary.rejected} rejected, "
          f"{len(summary.problems)} skipped -> {out_dir}", file=log)
    return summary
