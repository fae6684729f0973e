"""`ocop reconcile` on several cores: the places dealt out to worker processes (`place_split`), each
reading, reconciling and writing its own places (`place_worker`), this process passing between them the
little that reaches across places and interleaving their lines into `OUT/facts.jsonl` and
`OUT/conflicts.jsonl`: the same bytes as reconciling in one process (`io._run`).

Why processes that each read their own records, rather than one process reading everything and handing
places out: a process forked from one that holds a million claims copies every page it touches (their
reference counts), and sending claims from one process to another costs what making them does. Here
the parent forks before reading any record, and holds little while the workers run: each worker's memory
is that of its own places.

The workers are forked (cheap: this process holds only the code and the articles then), die with this
process (`workers.worker_start`), are killed when the run stops early (Ctrl-C, SIGTERM, an error), and
write their lines to files without a name in the output folder (O_TMPFILE), which nothing outlives.
A worker that cannot read its input as `ocop reconcile` does, or fails, makes the run one of a single
process (`run_on_workers` returns None), which reads the input again and says what is wrong with it.
"""
from __future__ import annotations

import heapq
import multiprocessing
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from ..io import atomic_open
from ..workers import RaiseOnSigterm
from .place_split import split_lines

WORKERS = 2
PARALLEL_FROM_BYTES = 8 * 2**20
"""`records.jsonl` from this size on (some 20.000 records) is reconciled on several cores, when the machine
has them: below, starting the workers costs more than they save."""
ONE_PLACE_AT_LEAST = 0.75
"""When the places of one worker hold this share of the records or more, the number of workers chosen by
itself (`workers_for`) is one: the others could take a quarter of the work at most, and every worker
reads the lines of all the articles about its places (in the bench's 500 files, nine tenths of the
records about Hà Nội, each worker read every line: two workers took 1,10 s where one process took 0,82)."""


def workers_for(path: Path, runner) -> int:
    """How many workers reconcile `path` (1: in this process): several on a machine with more than one
    core, for a file large enough, with the places reconciled here (not on a Dask cluster), on Linux."""
    if runner is not None or not sys.platform.startswith("linux"):    # (forked workers that die with it)
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        large = path.stat().st_size >= PARALLEL_FROM_BYTES
    except OSError:
        return 1
    return min(WORKERS, cores) if large else 1


def run_on_workers(out: Path, path: Path, articles: list, names: dict, cache, workers: int,
                   chosen: bool = True):
    """(records, claims, facts, findings, findings by type) of reconciling `path` on `workers` processes,
    facts and findings written to `out`; None when it must be done in one process (see the module's doc).
    `chosen`: the number of workers was asked for; else (chosen by `workers_for`) one worker's places
    holding most of the records (`ONE_PLACE_AT_LEAST`) also make it one process."""
    from .eras import load
    from .stamp import code_version
    load()
    ctx = multiprocessing.get_context("fork")
    try:
        files = [(tempfile.TemporaryFile(dir=out), tempfile.TemporaryFile(dir=out)) for _ in range(workers)]
    except OSError:         # a folder that cannot be written: one process says so, as always
        return None
    procs: list = []
    try:
        with RaiseOnSigterm():     # (SIGTERM stops the run as Ctrl-C does; the workers are stopped by `_stop`)
            split = _split(ctx, procs, path, workers)
            if split is None or (not chosen and split.heaviest() >= ONE_PLACE_AT_LEAST):
                return None
            code = code_version()
            conns = [_started(ctx, procs, _work, (path, split, me, articles, names, cache, code, files[me]),
                              f"ocop-reconcile-{me}") for me in range(workers)]
            records = split.records
            del split
            done = _exchange(conns)
            if done is None:
                return None
            for _, _, _, used in done:
                cache.used |= used
            facts = _interleave(out / "facts.jsonl", conns, [f[0] for f in files])
            conflicts = _interleave(out / "conflicts.jsonl", conns, [f[1] for f in files])
        by_type = sum((d[2] for d in done), Counter())
        return (records, sum(d[1] for d in done), facts, conflicts, dict(sorted(by_type.items())))
    finally:
        _stop(procs)
        for pair in files:
            for f in pair:
                f.close()


STOP_SECONDS = 5
"""How long a worker asked to stop may take to finish the cache entry it is writing, before it is killed."""


def _stop(procs: list) -> None:
    """The processes still running asked to stop (SIGTERM: a worker finishes the cache entry it is writing
    and drops the others, as a run in one process does on Ctrl-C), killed if they do not; all joined."""
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(STOP_SECONDS)
        if p.is_alive():
            p.kill()
            p.join()


def _started(ctx, procs: list, target, args: tuple, name: str):
    """A forked process running `target(conn, *args)` (it dies with this one); this end of its pipe."""
    mine, theirs = ctx.Pipe()
    p = ctx.Process(target=_start, args=(os.getpid(), target, theirs, *args), name=name, daemon=True)
    p.start()
    theirs.close()
    procs.append(p)
    return mine


def _start(parent: int, target, conn, *args) -> None:
    """A forked process's life: `workers.worker_start`, then SIGTERM raises `Terminated` in it (the cache's
    writer stops after the entry it is writing, as on Ctrl-C; `_stop`)."""
    import signal

    from ..workers import worker_start
    worker_start(parent)
    signal.signal(signal.SIGTERM, RaiseOnSigterm._handle)
    target(conn, *args)


def _split(ctx, procs: list, path: Path, workers: int):
    """`place_split.split_lines` in a process of its own: the million small objects of its reading leave
    this process's heap as they were (the workers forked from it share its pages; 30 MiB less in all)."""
    conn = _started(ctx, procs, _split_work, (path, workers), "ocop-reconcile-split")
    try:
        return conn.recv()
    except EOFError:
        return None
    finally:
        procs.pop().join()      # (gone before the workers start)
        conn.close()


def _split_work(conn, path: Path, workers: int) -> None:
    try:
        conn.send(split_lines(path, workers))
    except BaseException:       # noqa: BLE001 - read in one process, which says what is wrong
        conn.send(None)
    finally:
        conn.close()
        os._exit(0)


def _work(conn, *args) -> None:
    from .place_worker import work
    work(conn, *args)


def _exchange(conns: list) -> list | None:
    """What the parent passes between the workers (see `place_worker`) until each says it is done; their
    last messages (claims, findings by type, cache entries used), or None when one could not do its part."""
    def each() -> list | None:
        try:
            got = [c.recv() for c in conns]
        except EOFError:            # a worker died
            return None
        for m in got:
            if m[0] == "unusable":
                if len(m) > 1:      # (not the input: a failure of the worker's own, said once)
                    print(f"ocop: reconciling in one process: a worker failed ({m[1]})", file=sys.stderr)
                return None
        return got

    moves = each()
    if moves is None:
        return None
    everyone = sorted((m for _, ms in moves for m in ms), key=lambda m: m[0])
    for c in conns:
        c.send(("moves", everyone))
    lessons = each()
    if lessons is None:
        return None
    whole = [e for _, e in sorted((entry for _, es in lessons for entry in es), key=lambda e: e[0])]
    for c in conns:
        c.send(("lessons", whole))
    try:                # (passed on as it came: a worker that did not send it says so to the others)
        country = conns[0].recv_bytes()
    except EOFError:
        return None
    for c in conns[1:]:
        c.send_bytes(country)
    del country
    return each()


def _keys(conn, w: int):
    """(sort key, worker, offset, length) of a worker's lines, in its order, as it sends them
    (`place_worker.keys_bytes`, then b"e")."""
    from .place_worker import keys_of
    while True:
        try:
            message = conn.recv_bytes()
        except EOFError:
            raise OSError("a reconciliation worker ended before sending all its results") from None
        keys = keys_of(message)
        if keys is None:
            return
        for key, at, size in keys:
            yield key, w, at, size


def _interleave(path: Path, conns: list, files: list) -> int:
    """The workers' lines (each sent in its order, by its sort keys) as one file in the order of the keys,
    written atomically; returns how many lines. (Read line by line, not mapped: the pages of a mapped
    file would count in this process's memory.)"""
    fds = []
    for f in files:
        f.flush()
        fds.append(f.fileno())
    n = 0
    with atomic_open(path, "wb") as out:
        lines: list[bytes] = []         # (written 500 at a time: a write a line costs a fifth more)
        add, pread = lines.append, os.pread
        for _, w, at, size in heapq.merge(*[_keys(c, w) for w, c in enumerate(conns)]):
            add(pread(fds[w], size, at))
            if len(lines) == LINES_A_WRITE:
                out.write(b"".join(lines))
                n += len(lines)
                lines.clear()
        out.write(b"".join(lines))
    return n + len(lines)


LINES_A_WRITE = 500
