"""Reading the extraction's output and writing the account: `run_reconcile(out_dir)`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io import read_jsonl, write_jsonl
from .claims import count_problem, is_count_claim
from .results import ReconcileResult
from .reviewed import ReconcileInputError, load_decisions, load_stored_corrections, reconcile


@dataclass
class ReconcileSummary:
    out_dir: Path
    records: int = 0
    claims: int = 0
    facts: int = 0
    conflicts: int = 0
    decisions: int = 0
    corrections: int = 0
    stale_corrections: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        kinds = ", ".join(f"{n} {t}" for t, n in self.by_type.items())
        return (f"ocop: reconciled {self.claims} claims from {self.records} records -> {self.facts} facts, "
                f"{self.conflicts} findings{f' ({kinds})' if kinds else ''}, {self.decisions} decisions applied"
                f"{f', {self.corrections} claim corrections applied' if self.corrections else ''}"
                f"{f', {self.stale_corrections} stale corrections (see ocop corrections)' if self.stale_corrections else ''}"
                f" -> {self.out_dir}")


def _read(path: Path, required: bool) -> list[dict]:
    if not path.exists():
        if required:
            raise ReconcileInputError(f"{path}: not found (run `ocop extract` or `ocop run` first)")
        return []
    try:
        rows = list(read_jsonl(path, shared=True))     # a million records: names and codes not copied
    except (ValueError, UnicodeDecodeError) as e:
        raise ReconcileInputError(str(e) if str(path) in str(e) else f"{path}: {e}") from None
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or "id" not in row:
            raise ReconcileInputError(f"{path}: line {n} is not a record with an id: {str(row)[:80]!r}")
    return rows


def _check_counts(path: Path, records: list[dict]) -> None:
    for n, r in enumerate(records, 1):
        if is_count_claim(r):
            problem = count_problem(r)
            if problem:
                raise ReconcileInputError(f"{path}:{n}: record {r.get('id')!r}: {problem}")


def run_reconcile(out_dir: str | Path, db: str | Path | None = None, runner=None) -> ReconcileSummary:
    """Read OUT/records.jsonl (+ OUT/articles.jsonl), apply the review decisions stored in `db`
    (default OUT/review.sqlite), write OUT/facts.jsonl and OUT/conflicts.jsonl atomically. Reconciled by
    place, each place's result kept in OUT/reconcile-cache/ (`partition`, `parts_cache`): a place whose
    claims did not change is not reconciled again. `runner`: where the places are reconciled
    (`parts_run.OnDask` for a Dask cluster; default this process)."""
    from .partition import Partitioned
    from .parts_cache import FOLDER, PartCache
    out = Path(out_dir)
    records = _read(out / "records.jsonl", required=True)
    _check_counts(out / "records.jsonl", records)
    articles = _read(out / "articles.jsonl", required=False)
    db_path = Path(db) if db else out / "review.sqlite"
    decisions = load_decisions(db_path)
    cache = PartCache(out / FOLDER)
    result: ReconcileResult = reconcile(records, articles, decisions, corrections=load_stored_corrections(db_path),
                                        parts=Partitioned(runner=runner, cache=cache))
    write_jsonl(out / "facts.jsonl", result.facts)
    write_jsonl(out / "conflicts.jsonl", result.conflicts)
    cache.prune()
    s = result.summary()
    return ReconcileSummary(out, len(records), s["claims"], s["facts"], s["conflicts"], len(decisions),
                            len(result.corrected), len(result.stale), s["by_type"])
