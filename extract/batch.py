"""Batch runs: articles in, `records.jsonl`, `articles.jsonl`, `rejected.jsonl` out, incrementally.

`run_batch` reads the inputs one article at a time, extracts only articles whose (id, text, pipeline
version) has no cached result in `OUT/cache/`, stores each result there as soon as it is ready, then
writes the outputs by concatenating the cached results in article-id order (each output to a temporary
file renamed into place), and the manifest last. A run killed at any moment therefore leaves the previous
outputs whole, and the next run reuses what the killed one had extracted. The output is the same, in the
same order, whatever the number of processes or the engine.

The pipeline mode (`ocop extract - --out -`) is `streaming.stream_extract`.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterator

from schemas import Article

from . import pipeline
from .engines import EngineError, LocalEngine, Outcome
from .workers import closed_in_workers
from .inputs import DEFAULT_MAX_BYTES, FileStart, Problem, count_inputs, iter_articles
from .batch_outputs import expected_lines, remove_leftovers, write_outputs
from .manifest import (Cache, Entry, InputStats, Known, cache_key, damaged_outputs, keep_unread, load_manifest,
                       write_manifest)
from .out_lock import Locked, lock_output
from .progress import Progress

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
WRITING = ".writing"
"""Present in OUT while outputs are being renamed into place (before the manifest): the next run then
rewrites them even if nothing changed since the last complete run."""
SLOW_HOOK = "OCOP_TEST_SECONDS_PER_ARTICLE"
"""Test hook: when set, the run waits this long after each extracted article (to kill it mid-run)."""


@dataclass
class Summary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    extracted: int = 0
    reused: int = 0                 # results a killed run had extracted and cached
    kept: int = 0                   # articles of files or folders that could not be read, kept as they were
    articles: int = 0
    records: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        return EXIT_SKIPPED if self.problems else EXIT_OK

    def skipped_by_kind(self) -> str:
        counts = Counter(p.kind for p in self.problems)
        return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(counts.items()))


class Messages:
    """What a run says on standard error: problems always, the rest unless quiet."""

    def __init__(self, log=None, quiet: bool = False):
        self.log = log or sys.stderr
        self.quiet = quiet

    def problem(self, p: Problem) -> None:
        print(f"ocop: skipped {p}", file=self.log, flush=True)

    def error(self, message: str) -> None:
        print(f"ocop: error: {message}", file=self.log, flush=True)

    def note(self, message: str) -> None:
        print(f"ocop: {message}", file=self.log, flush=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(f"ocop: {message}", file=self.log, flush=True)


def _slow_hook() -> None:
    seconds = os.environ.get(SLOW_HOOK)
    if seconds:
        time.sleep(float(seconds))


def run_batch(paths: list[str], out_dir: str | Path, *, engine=None, max_bytes: int | None = DEFAULT_MAX_BYTES,
              progress_mode: str = "log", log=None, quiet: bool = False) -> Summary:
    out_dir = Path(out_dir)
    say = Messages(log, quiet)
    try:
        lock = lock_output(out_dir)
    except Locked as e:
        say.error(f"{out_dir} {e}")
        return Summary(errors=[f"{out_dir}: {e}"])
    except OSError as e:
        say.error(f"{out_dir} cannot be locked: {e.strerror or e}")
        return Summary(errors=[f"{out_dir}: {e}"])
    if lock.stale_owner is not None:
        say.info(f"took over the lock of {out_dir} from a run that is gone (pid {lock.stale_owner})")
    with lock, closed_in_workers(lock.fileno()):
        remove_leftovers(out_dir)
        return _run_batch(paths, out_dir, engine, max_bytes, progress_mode, quiet, say)


def _run_batch(paths, out_dir: Path, engine, max_bytes, progress_mode, quiet, say: Messages) -> Summary:
    engine = engine or LocalEngine(1)
    version = pipeline.PIPELINE_VERSION
    try:
        previous = load_manifest(out_dir)
    except OSError as e:    # a folder in its place, no permission
        say.error(f"cannot read {e.filename}: {e.strerror or e}")
        return Summary(errors=[f"{e.filename}: {e.strerror or e}"])
    cache = Cache(out_dir)
    summary = Summary()
    entries: dict[str, Entry] = {}
    progress = Progress(count_inputs(paths), stream=say.log, mode="quiet" if quiet else progress_mode)
    started = time.monotonic()

    def skip(p: Problem, advance: bool = True) -> None:
        summary.problems.append(p)
        say.problem(p)
        if advance:
            progress.advance(extracted=False)

    stats = InputStats(out_dir, max_bytes)

    def to_extract() -> Iterator[Article]:
        known = partial(stats.known, previous=previous, entries=entries, version=version, cache=cache)
        for item in iter_articles(paths, max_bytes, known=known):
            if isinstance(item, FileStart):
                stats.reading(item.path, item.size, item.mtime_ns)
                continue
            if isinstance(item, Known):
                stats.kept(item.path)
                for article_id in item.ids:
                    entries[article_id] = Entry(**vars(previous[article_id]))
                    summary.unchanged += 1
                    progress.advance(extracted=False)
                continue
            if isinstance(item, Problem):
                stats.problem()
                skip(item)
                continue
            if item.id in entries:
                stats.problem()
                skip(Problem(item.path or item.id, f"article id {item.id!r} already read from "
                                                   f"{entries[item.id].path}", "duplicate"))
                continue
            stats.article(item.id)
            h = pipeline.content_hash(item.text)
            entry = Entry(item.id, h, version, item.path, cache_key(item.id, h, version))
            entries[item.id] = entry
            before = previous.get(item.id)
            if before is None:
                summary.new += 1
            elif before.content_hash == h and before.pipeline_version == version:
                summary.unchanged += 1
                entry.records, entry.rejected = before.records, before.rejected
            else:
                summary.changed += 1
            if cache.has(entry.key):
                summary.reused += before is None or before.key != entry.key
                progress.advance(extracted=False)
                continue
            yield item

    try:
        for outcome in engine.map(to_extract()):
            _store(outcome, entries, cache, summary, skip)
            progress.advance()
            _slow_hook()
    except EngineError as e:
        progress.finish()
        summary.errors.append(str(e))
        say.error(str(e))
        return summary
    except KeyboardInterrupt:
        progress.finish()   # end the bar's line before "interrupted"
        raise
    except OSError as e:    # a result cannot be stored: the disk is full, the folder read-only
        progress.finish()
        where = e.filename or out_dir / "cache"
        summary.errors.append(f"{where}: {e.strerror or e}")
        say.error(f"cannot write the cache {where}: {e.strerror or e}; the outputs are as the last run left "
                  "them, and articles cached so far are kept: run again when there is room")
        return summary
    progress.finish()
    summary.kept = keep_unread(previous, entries, cache,
                               [p.where for p in summary.problems if p.kind == "unreadable"])
    summary.removed = len(set(previous) - set(entries))
    writing = out_dir / WRITING
    moved = any(previous[i].path != e.path for i, e in entries.items() if i in previous)
    changed_anything = (summary.new or summary.changed or summary.removed or summary.extracted or moved
                        or previous.keys() != entries.keys() or writing.exists())
    damaged = [] if changed_anything else damaged_outputs(out_dir, expected_lines(entries))
    for problem in damaged:
        say.note(f"{problem}: rewritten from the cache")
    try:
        if changed_anything or damaged:
            writing.touch()     # until the manifest is written: a run killed meanwhile is finished anew
            write_outputs(out_dir, entries, cache)
        _count_unchanged_outputs(entries, summary)
        write_manifest(out_dir, entries)
        writing.unlink(missing_ok=True)
        cache.prune({e.key for e in entries.values()})
    except (OSError, ValueError) as e:
        summary.errors.append(str(e))
        say.error(f"cannot write the outputs in {out_dir}: {e}")
        return summary
    try:
        stats.write(entries)
    except OSError:
        pass    # only a shortcut: without it the next run reads every input
    report(summary, out_dir, time.monotonic() - started, say)
    return summary


def _store(outcome: Outcome, entries: dict[str, Entry], cache: Cache, summary: Summary, skip) -> None:
    entry = entries[outcome.article_id]
    if outcome.error is not None:
        del entries[outcome.article_id]
        skip(Problem(outcome.path or outcome.article_id, f"extraction failed: {outcome.error}",
                     "extraction_failed"), advance=False)
        return
    cache.write(entry.key, entry, outcome.result)
    summary.extracted += 1


def _count_unchanged_outputs(entries: dict[str, Entry], summary: Summary) -> None:
    summary.articles = len(entries)
    summary.records = sum(e.records for e in entries.values())
    summary.rejected = sum(e.rejected for e in entries.values())


def report(summary: Summary, out_dir: Path, seconds: float, say: Messages) -> None:
    skipped = len(summary.problems)
    reused = f" ({summary.reused} reused from an interrupted run)" if summary.reused else ""
    say.info(f"{summary.new} new, {summary.changed} changed, {summary.unchanged} unchanged, "
             f"{summary.removed} removed, {skipped} skipped"
             + (f" ({summary.skipped_by_kind()})" if skipped else "")
             + f"; extracted {summary.extracted}{reused} in {seconds:.1f} s")
    if summary.kept:
        say.info(f"{summary.kept} articles from what could not be read are kept as the last run left them")
    say.info(f"{summary.articles} articles, {summary.records} records, {summary.rejected} rejected -> {out_dir}")


def run_extract(paths: list[str], out_dir: str | Path, log=sys.stderr) -> Summary:
    """Extraction of `paths` into `out_dir` with the defaults (kept for older callers)."""
    return run_batch(paths, out_dir, log=log)
