"""Moving a reviewer's work between machines: one JSON Lines file holds both kinds, `Decision`s (on
findings) and `Correction`s (of claims). Export writes the current decision of every decided finding and
the current correction of every corrected record; import adds what the database does not have yet
(importing twice changes nothing).

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

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from schemas import Correction, Decision

from ..io import iter_jsonl, write_jsonl
from .corrections import CorrectionStore, load_corrections
from .store import ReviewStore, load_decisions


@dataclass
class Work:
    """A reviewer's work as read from a file."""

    decisions: list[Decision]
    corrections: list[Correction]


def export_work(db_path: str | Path, out_path: str | Path) -> tuple[int, int]:
    """Write the current decisions, then the current corrections (oldest first) to `out_path` atomically;
    returns (decisions, corrections)."""
    decisions, corrections = load_decisions(db_path), load_corrections(db_path)
    write_jsonl(out_path, [*decisions, *corrections])
    return len(decisions), len(corrections)


def read_work(path: str | Path) -> Work:
    """Decisions and corrections of a JSON Lines file; a bad line raises ValueError naming file and line."""
    work = Work([], [])
    for n, data in iter_jsonl(path):
        if "finding_id" in data:
            model, what, into = Decision, "decision", work.decisions
        elif "record_id" in data and "corrected_at" in data:
            model, what, into = Correction, "correction", work.corrections
        else:
            raise ValueError(f"{path}: line {n}: neither a decision (finding_id) nor a claim correction "
                             f"(record_id, corrected_at)")
        try:
            into.append(model.model_validate(data))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or what
            raise ValueError(f"{path}: {what} {n}: {where}: {first['msg']}") from None
    return work


def import_work(db_path: str | Path, in_path: str | Path) -> tuple[Work, int, int]:
    """Add the file's decisions and corrections to the database (all or none: the file is read whole
    before anything is written); returns (what was read, new decisions, new corrections)."""
    work = read_work(in_path)
    with ReviewStore(db_path) as store:
        new_decisions = store.import_decisions(work.decisions)
    new_corrections = 0
    if work.corrections:
        with CorrectionStore(db_path) as store:
            new_corrections = store.import_corrections(work.corrections)
    return work, new_decisions, new_corrections


def export_decisions(db_path: str | Path, out_path: str | Path) -> int:
    """`export_work`, counted as lines written."""
    return sum(export_work(db_path, out_path))


def read_decisions(path: str | Path) -> list[Decision]:
    """The decisions of a JSON Lines file (corrections in it are read and checked, not returned)."""
    return read_work(path).decisions


def import_decisions(db_path: str | Path, in_path: str | Path) -> tuple[int, int]:
    """`import_work`, counted as (new lines, lines read)."""
    work, new_d, new_c = import_work(db_path, in_path)
    return new_d + new_c, len(work.decisions) + len(work.corrections)
