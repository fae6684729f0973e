"""Progress of a batch run: a bar on a terminal, a plain log line now and then otherwise, nothing with
--quiet. Everything goes to standard error.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(total=4, stream=out, mode="log", every_seconds=0)
>>> p.advance(); p.advance(); p.finish()
>>> print(out.getvalue().splitlines()[0].split(" (")[0])
ocop: 1/4 articles
"""
from __future__ import annotations

import sys
import time


def choose_mode(quiet: bool, stream=None) -> str:
    """Policy: "quiet" with --quiet, "bar" on a terminal, "log" otherwise (a file, a pipe, cron)."""
    stream = stream or sys.stderr
    if quiet:
        return "quiet"
    return "bar" if getattr(stream, "isatty", lambda: False)() else "log"


def format_duration(seconds: float) -> str:
    """>>> format_duration(75), format_duration(3725)
    ('1:15', '1:02:05')
    """
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    def __init__(self, total: int | None, stream=None, mode: str = "log", every_seconds: float = 10.0,
                 width: int = 30):
        self.total = total
        self.stream = stream or sys.stderr
        self.mode = mode
        self.every = every_seconds
        self.width = width
        self.done = 0          # articles handled (extracted, reused or skipped)
        self.extracted = 0     # of which extracted in this run (the rate counts these)
        self.start = time.monotonic()
        self._last = self.start   # the first log line comes after `every_seconds`

    def advance(self, extracted: bool = True) -> None:
        self.done += 1
        self.extracted += extracted
        if self.total is not None and self.done > self.total:
            self.total = self.done
        now = time.monotonic()
        if self.mode == "bar" and now - self._last >= 0.1:
            self._last = now
            self._draw(now)
        elif self.mode == "log" and extracted and now - self._last >= self.every:
            self._last = now
            print(f"ocop: {self._status(now)}", file=self.stream, flush=True)

    def _status(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.extracted / elapsed
        if self.total:
            left = self.total - self.done
            eta = f", about {format_duration(left / rate)} left" if rate > 0 and left > 0 else ""
            return f"{self.done}/{self.total} articles ({rate:.1f}/s{eta})"
        return f"{self.done} articles ({rate:.1f}/s)"

    def _draw(self, now: float) -> None:
        if self.total:
            filled = int(self.width * self.done / self.total)
            bar = "[" + "#" * filled + "." * (self.width - filled) + "] "
        else:
            bar = ""
        print(f"\r{bar}{self._status(now)}\x1b[K", end="", file=self.stream, flush=True)

    def finish(self) -> None:
        if self.mode == "bar":
            self._draw(time.monotonic())
            print(file=self.stream, flush=True)
