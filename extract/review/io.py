"""Moving decisions between machines: JSON Lines of `Decision`s. Export writes the current decision of
every decided finding; import adds decisions not already in the database (importing twice changes nothing).

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> with ReviewStore(os.path.join(d, "a.sqlite")) as a:
...     _ = a.decide(Decision(finding_id="f", action="dismiss", reviewer="an", decided_at="2026-01-01T00:00:00"))
>>> export_decisions(os.path.join(d, "a.sqlite"), os.path.join(d, "x.jsonl"))
1
>>> import_decisions(os.path.join(d, "b.sqlite"), os.path.join(d, "x.jsonl")), \\
...     import_decisions(os.path.join(d, "b.sqlite"), os.path.join(d, "x.jsonl"))
((1, 1), (0, 1))
"""
from __future__ import annotations

from pathlib import Path

from schemas import Decision

from ..io import read_models, write_jsonl
from .store import ReviewStore, load_decisions


def export_decisions(db_path: str | Path, out_path: str | Path) -> int:
    """Write the current decisions (oldest first) to `out_path` atomically; returns how many."""
    return write_jsonl(out_path, load_decisions(db_path))


def read_decisions(path: str | Path) -> list[Decision]:
    """Decisions of a JSON Lines file; a bad line raises ValueError naming the file and line."""
    return list(read_models(path, Decision, "decision"))


def import_decisions(db_path: str | Path, in_path: str | Path) -> tuple[int, int]:
    """Add the file's decisions to the database in one transaction (all or none); returns (new, read)."""
    decisions = read_decisions(in_path)
    with ReviewStore(db_path) as store:
        return store.import_decisions(decisions), len(decisions)
