"""The life of local worker processes: how a worker starts (ignoring Ctrl-C, dying with its parent,
closing what only the parent may hold), SIGTERM while a pool runs, and a pool stopped early (its workers
killed, nothing joined; `POOL_ABANDONED` tells the command to leave without the interpreter's pool
clean-up, which could hang)."""
from __future__ import annotations

import os
from contextlib import contextmanager

_CLOSE_IN_WORKERS: set[int] = set()


@contextmanager
def closed_in_workers(fd: int):
    """While in this block, workers started close `fd` (the output folder's lock: a worker holding it would
    keep the folder locked if it outlived its run)."""
    _CLOSE_IN_WORKERS.add(fd)
    try:
        yield
    finally:
        _CLOSE_IN_WORKERS.discard(fd)


class Terminated(KeyboardInterrupt):
    """The run was sent SIGTERM (a service manager stopping it, `kill`): stopped like Ctrl-C, exit 143."""
    exit_code = 143
    message = "terminated"


def worker_start(parent: int) -> None:
    """A worker's first act. It ignores Ctrl-C (the parent stops the run and says so once); it dies with
    its parent, however the parent dies (on Linux, the kernel sends it SIGKILL then); and it closes what
    only the parent may hold."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent:      # the parent died before the line above: end now
        os._exit(1)
    for fd in _CLOSE_IN_WORKERS:
        try:
            os.close(fd)
        except OSError:
            pass


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGKILL) on Linux; elsewhere nothing (the parent's SIGTERM handler and the
    pool's own shutdown remain)."""
    import sys
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)     # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class RaiseOnSigterm:
    """While in this block (in the main thread): SIGTERM raises `Terminated`, and the run unwinds as after
    Ctrl-C (temporary files removed, the lock released)."""

    def __enter__(self):
        import signal
        import threading
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self._handle)
        return self

    @staticmethod
    def _handle(signum, frame):
        raise Terminated()

    def __exit__(self, *exc):
        import signal
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


class StopOnSigterm(RaiseOnSigterm):
    """While a pool runs: SIGTERM ends the workers at once, then raises `Terminated` in the parent."""

    @staticmethod
    def _handle(signum, frame):
        end_workers()
        raise Terminated()


POOL_ABANDONED = False
"""A pool was stopped early in this process: its manager thread may never end (a worker killed while
sending a result leaves it reading forever), so the process must not wait for it when it exits
(`cli.run` leaves with `os._exit` then)."""


def abandon(pool) -> None:
    """Stop `pool` at once: its workers killed, its queue cancelled, nothing joined (joining could hang, as
    could the interpreter's own clean-up of the pool at exit: see POOL_ABANDONED)."""
    global POOL_ABANDONED
    POOL_ABANDONED = True
    end_workers()
    pool.shutdown(wait=False, cancel_futures=True)


def end_workers() -> None:
    """Kill this process's worker processes (used when the run stops early)."""
    import multiprocessing
    for child in multiprocessing.active_children():
        child.kill()
