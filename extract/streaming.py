"""The pipeline mode (`ocop extract - --out -`): records on standard output as each article is done, in
input order, messages on standard error; nothing kept but the articles in flight, so memory does not grow
with the input."""
from __future__ import annotations

import os
import sys
from typing import Iterator

from schemas import Article

from .batch import Messages, Summary
from .engines import EngineError, LocalEngine
from .inputs import DEFAULT_MAX_BYTES, Problem, iter_articles
from .io import to_json
from .seen_ids import SeenIds


def _quiet_closed_output(out) -> None:
    """Point a closed standard output at /dev/null, so the interpreter's last flush does not fail again."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def stream_extract(paths: list[str], out=None, *, engine=None, max_bytes: int | None = DEFAULT_MAX_BYTES,
                   log=None, quiet: bool = False, stdin=None) -> Summary:
    """Records of `paths` as JSON Lines on `out` (standard output), article after article in input order;
    messages on `log` (standard error)."""
    out = out or sys.stdout
    say = Messages(log, quiet)
    engine = engine or LocalEngine(1)
    summary = Summary()
    seen = SeenIds()

    def articles() -> Iterator[Article]:
        for item in iter_articles(paths, max_bytes, stdin=stdin):
            if isinstance(item, Problem):
                summary.problems.append(item)
                say.problem(item)
            elif seen.add(item.id, item.path):
                yield item
            else:
                p = Problem(item.path or item.id, f"article id {item.id!r} already read from "
                            f"{seen.origin(item.id)}", "duplicate")
                summary.problems.append(p)
                say.problem(p)

    try:
        for outcome in engine.map(articles(), ordered=True):
            if outcome.error is not None:
                p = Problem(outcome.path or outcome.article_id, f"extraction failed: {outcome.error}",
                            "extraction_failed")
                summary.problems.append(p)
                say.problem(p)
                continue
            try:
                for r in outcome.result.records:
                    out.write(to_json(r) + "\n")
                out.flush()
            except BrokenPipeError:     # the reader is gone (`| head`): stop, keeping the exit code
                _quiet_closed_output(out)
                say.info("standard output was closed by its reader; stopped")
                return summary
            summary.articles += 1
            summary.extracted += 1
            summary.records += len(outcome.result.records)
            summary.rejected += len(outcome.result.rejected)
    except EngineError as e:
        summary.errors.append(str(e))
        say.error(str(e))
        return summary
    say.info(f"{summary.articles} articles, {summary.records} records, {summary.rejected} rejected, "
             f"{len(summary.problems)} skipped")
    return summary
