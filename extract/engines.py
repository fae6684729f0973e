"""Where extraction runs: in this process (`--jobs 1`), in a pool of local processes (`--jobs N`), or on a
Dask cluster (`--engine dask --scheduler ADDRESS`). Every engine maps the pure `extract_article` over a
stream of articles and yields one `Outcome` per article; at most a bounded number of articles are in
flight, so memory does not grow with the corpus.

>>> from schemas import Article

from .workers import StopOnSigterm, abandon, worker_start
>>> [o.article_id for o in LocalEngine(jobs=1).map(iter([Article(id="a", text="Có 3 sản phẩm.")]))]
['a']
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from itertools import chain, islice
from typing import Iterable, Iterator

from schemas import Article

from .workers import StopOnSigterm, abandon, worker_start


@dataclass
class Outcome:
    article_id: str
    path: str | None
    result: object | None = None    # ArticleResult
    error: str | None = None        # "ExceptionType: message" when extraction failed


class EngineError(RuntimeError):
    """The engine cannot run (dask missing, scheduler unreachable, a worker died); the message says why."""


def safe_extract(article: Article) -> Outcome:
    """extract_article, with a failure turned into an Outcome: one bad article never costs the batch."""
    from .pipeline import extract_article
    try:
        return Outcome(article.id, article.path, extract_article(article))
    except Exception as e:  # noqa: BLE001 - reported per article
        return Outcome(article.id, article.path, error=f"{type(e).__name__}: {e}")


def extract_partition(articles: list[Article]) -> list[Outcome]:
    return [safe_extract(a) for a in articles]


def default_jobs() -> int:
    return os.cpu_count() or 1


WARM_UP = "Hà Nội có 3.317 sản phẩm OCOP, trong đó 6 sản phẩm 5 sao."


def warm_for_fork():
    """Policy for local workers: where processes can be forked, load the tokenizer's models once in this
    process so that every worker starts with them instead of loading them again: the matchers and the
    sentence splitter by extracting a one-line article, and the word tokenizer's CRF model (which that
    article does not need, since it names no organization) by tokenizing it. Returns the multiprocessing
    context to use (None: the platform's default)."""
    import multiprocessing
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    safe_extract(Article(id="warm-up", text=WARM_UP))
    from .segment import word_tokens
    word_tokens(WARM_UP)
    return multiprocessing.get_context("fork")


def _few(articles: Iterator[Article], chars: int) -> tuple[list[Article], bool]:
    """The first articles of `articles` up to `chars` characters of text; and whether that was all."""
    taken: list[Article] = []
    total = 0
    for article in articles:
        taken.append(article)
        total += len(article.text)
        if total >= chars:
            return taken, False
    return taken, True


class LocalEngine:
    def __init__(self, jobs: int | None = None, window_per_job: int = 4, small_batch_chars: int | None = None):
        from .limits import SMALL_BATCH_CHARS
        self.jobs = max(1, jobs or default_jobs())
        self.window = self.jobs * window_per_job
        self.small_batch_chars = SMALL_BATCH_CHARS if small_batch_chars is None else small_batch_chars

    def map(self, articles: Iterable[Article], ordered: bool = False) -> Iterator[Outcome]:
        """Outcomes of `articles`; in input order if `ordered`, else as they finish."""
        if self.jobs == 1:
            yield from (safe_extract(a) for a in articles)
            return
        articles = iter(articles)
        if ordered:             # a stream: waiting to see how much comes would hold back the first records
            first = next(articles, None)
            if first is None:
                return
            articles = chain([first], articles)
        else:                   # little to extract (an incremental run): no pool to start, no model to copy
            few, all_of_it = _few(articles, self.small_batch_chars)
            if all_of_it:
                yield from (safe_extract(a) for a in few)
                return
            articles = chain(few, articles)
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool
        context = warm_for_fork()
        try:
            with StopOnSigterm():
                pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=worker_start,
                                           initargs=(os.getpid(),))
                pending: deque = deque()
                try:
                    if ordered:     # a stream: each outcome as soon as it is done, not when the next input comes
                        yield from _fed_in_order(pool, articles, self.window)
                    else:
                        for article in articles:
                            pending.append(pool.submit(safe_extract, article))
                            while len(pending) >= self.window:
                                yield from _drain(pending, ordered, wait, FIRST_COMPLETED)
                        while pending:
                            yield from _drain(pending, ordered, wait, FIRST_COMPLETED)
                except BaseException:   # stopped early (Ctrl-C, SIGTERM, an error, the caller gave up)
                    abandon(pool)
                    raise
                pool.shutdown(wait=True)
        except BrokenProcessPool as e:
            raise EngineError(f"an extraction process died ({e}); articles done so far are kept, "
                              "run again to continue") from None

    def close(self) -> None:
        pass


_END = object()


def _fed_in_order(pool, articles: Iterator[Article], window: int) -> Iterator[Outcome]:
    """Outcomes in input order, each yielded as soon as it (and those before it) are done. A thread
    reads the input and submits (at most `window` in flight), so waiting for the next input line never
    holds back a finished article (`ocop extract - --out -` in a pipeline)."""
    import queue
    import threading
    futures: queue.Queue = queue.Queue()
    room = threading.Semaphore(window)
    stop = threading.Event()

    def feed() -> None:
        try:
            for article in articles:
                room.acquire()
                if stop.is_set():
                    break
                futures.put(pool.submit(safe_extract, article))
        except BaseException as e:  # the input's own error (it is raised where the outcomes are read)
            futures.put(e)
        futures.put(_END)

    # The first article is submitted here, so the workers are forked by this thread: a worker dies with the
    # thread that forked it (PR_SET_PDEATHSIG), and the feeder thread ends when the input does.
    first = next(articles, None)
    if first is None:
        return
    room.acquire()
    futures.put(pool.submit(safe_extract, first))
    feeder = threading.Thread(target=feed, name="ocop-input", daemon=True)
    feeder.start()
    try:
        while (item := futures.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            outcome = item.result()
            room.release()
            yield outcome
    finally:
        stop.set()
        room.release()      # a feeder waiting for room wakes up and stops


def _drain(pending: deque, ordered: bool, wait, first_completed) -> Iterator[Outcome]:
    """Yield at least one finished outcome, removing it from `pending`."""
    if ordered:
        yield pending.popleft().result()
        return
    done, _ = wait(pending, return_when=first_completed)
    for f in done:
        pending.remove(f)
        yield f.result()


class DaskEngine:
    """Extraction on a Dask cluster: the stream of articles is cut into partitions, each mapped through
    `extract_partition` on a worker. `scheduler` is an address (tcp://host:8786) or a Cluster object.
    Workers need ocop installed (`pip install 'ocop[dask]'`)."""

    def __init__(self, scheduler, partition_size: int = 16, partitions_in_flight: int | None = None):
        try:
            from dask.distributed import Client
        except ImportError:
            raise EngineError("--engine dask needs Dask: pip install 'ocop[dask]' "
                              "(or pip install 'dask[distributed]')") from None
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        try:
            self.client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        self.partition_size = partition_size
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.in_flight = partitions_in_flight or 2 * workers

    def map(self, articles: Iterable[Article], ordered: bool = False) -> Iterator[Outcome]:
        from dask.distributed import wait
        it = iter(articles)
        pending: deque = deque()
        while True:
            part = list(islice(it, self.partition_size))
            if part:
                pending.append(self.client.submit(extract_partition, part, pure=False))
            while pending and (len(pending) >= self.in_flight or not part):
                if ordered:
                    yield from pending.popleft().result()
                else:
                    done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
                    for f in done:
                        pending.remove(f)
                        yield from f.result()
            if not part:
                return

    def close(self) -> None:
        self.client.close()


def make_engine(name: str = "local", jobs: int | None = None, scheduler=None):
    if name == "local":
        return LocalEngine(jobs)
    if name == "dask":
        return DaskEngine(scheduler)
    raise EngineError(f"unknown engine {name!r} (local or dask)")
