"""Limits the commands offer as defaults, kept apart from the modules that apply them so that building
the command line (`ocop --help`) imports nothing heavy."""
from __future__ import annotations

DEFAULT_MAX_BYTES = 5_000_000
"""Files (and JSON lines) larger than this are skipped: no news article is that long (`--max-bytes`)."""

SMALL_BATCH_CHARS = 20_000
"""Policy: a run with less than this much text to extract does it in this process, since starting workers
(forking, loading models) costs more than the extraction (about 0.3 s per process on 2 cores)."""
