"""Reading the extraction's output and writing the account: `run_reconcile(out_dir)`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io import iter_jsonl, write_jsonl
from .core import gc_paused
from .naming import FIRST_WORDS
from .records import Record, RecordReader, count_problem, is_count_claim
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
    workers: int = 1        # processes that reconciled the places (`place_workers`)

    def line(self) -> str:
        kinds = ", ".join(f"{n} {t}" for t, n in self.by_type.items())
        return (f"ocop: reconciled {self.claims} claims from {self.records} records -> {self.facts} facts, "
                f"{self.conflicts} findings{f' ({kinds})' if kinds else ''}, {self.decisions} decisions applied"
                f"{f', {self.corrections} claim corrections applied' if self.corrections else ''}"
                f"{f', {self.stale_corrections} stale corrections (see ocop corrections)' if self.stale_corrections else ''}"
                f" -> {self.out_dir}")


def _read(path: Path, required: bool, keep=None) -> list:
    """The objects of a JSON Lines file, each made what `keep(obj)` returns (default: the dict itself);
    every line must be an object with an id (the error names the file and the object's number)."""
    if not path.exists():
        if required:
            raise ReconcileInputError(f"{path}: not found (run `ocop extract` or `ocop run` first)")
        return []
    rows, no_id = [], None
    try:
        for n, (_, row) in enumerate(iter_jsonl(path), 1):
            if "id" not in row:
                no_id = no_id or (n, row)
                continue
            rows.append(keep(row) if keep else row)
    except (ValueError, UnicodeDecodeError) as e:
        raise ReconcileInputError(str(e) if str(path) in str(e) else f"{path}: {e}") from None
    if no_id:
        raise ReconcileInputError(f"{path}: line {no_id[0]} is not a record with an id: {str(no_id[1])[:80]!r}")
    return rows


def _read_records(path: Path) -> list[Record]:
    """OUT/records.jsonl as compact `Record`s; a count record reconciliation cannot use is an error
    naming the file, the record's number and its id."""
    read = RecordReader()
    seen, bad = 0, None

    def keep(row: dict) -> Record:
        nonlocal seen, bad
        seen += 1
        if bad is None and is_count_claim(row):
            problem = count_problem(row)
            if problem:
                bad = f"{path}:{seen}: record {row.get('id')!r}: {problem}"
        return read(row)
    records = _read(path, True, keep)
    if bad:
        raise ReconcileInputError(bad)
    return records


def _slim_article(row: dict) -> dict:
    """What reconciliation reads of an article: its id, date, title and first words (to name it)."""
    out = {k: row[k] for k in ("id", "published", "title") if k in row}
    if "text" in row:
        text = row["text"]
        out["text"] = " ".join(text.split()[:FIRST_WORDS + 1]) if isinstance(text, str) else text
    return out


def run_reconcile(out_dir: str | Path, db: str | Path | None = None, runner=None,
                  workers: int | None = None) -> ReconcileSummary:
    """Read OUT/records.jsonl (+ OUT/articles.jsonl), apply the review decisions stored in `db`
    (default OUT/review.sqlite), write OUT/facts.jsonl and OUT/conflicts.jsonl atomically. Reconciled by
    place, each place's result kept in OUT/reconcile-cache/ (`partition`, `parts_cache`): a place whose
    claims did not change is not reconciled again. `runner`: where the places are reconciled
    (`parts_run.OnDask` for a Dask cluster; default this process); `workers`: how many processes reconcile
    the places (default: two on a machine with more than one core, for a large input: `place_workers`)."""
    with gc_paused():       # the collector off from reading to writing; back on once all of it is freed
        return _run(Path(out_dir), db, runner, workers)


def _run(out: Path, db: str | Path | None, runner, workers: int | None = None) -> ReconcileSummary:
    from .partition import Partitioned
    from .parts_cache import FOLDER, PartCache
    from .place_workers import workers_for
    db_path = Path(db) if db else out / "review.sqlite"
    cache = PartCache(out / FOLDER)
    chosen = workers is not None
    workers = workers_for(out / "records.jsonl", runner) if workers is None else workers
    articles = None
    if workers > 1 and runner is None:
        done, articles = _on_workers(out, db_path, cache, workers, chosen)
        if done is not None:
            return done
    records = _read_records(out / "records.jsonl")
    if articles is None:
        articles = _read(out / "articles.jsonl", False, _slim_article)
    decisions = load_decisions(db_path)
    result: ReconcileResult = reconcile(records, articles, decisions, corrections=load_stored_corrections(db_path),
                                        parts=Partitioned(runner=runner, cache=cache))
    s = result.summary()
    write_jsonl(out / "facts.jsonl", result.facts)
    result.facts = []       # (written: freed before the findings are, whose writing takes memory)
    write_jsonl(out / "conflicts.jsonl", result.conflicts)
    cache.prune()
    return ReconcileSummary(out, len(records), s["claims"], s["facts"], s["conflicts"], len(decisions),
                            len(result.corrected), len(result.stale), s["by_type"])


def _on_workers(out: Path, db_path: Path, cache, workers: int, chosen: bool
                ) -> tuple[ReconcileSummary | None, list | None]:
    """The run on `workers` processes (`place_workers`), when there is no review work to apply (decisions
    rerun the whole; corrections change records before they are placed) and, unless `chosen` (asked for),
    when the places can be shared out fairly; None: to be done in one process (which also says what is
    wrong with an input that cannot be read), with the articles when they were read."""
    from .naming import article_names
    from .place_workers import run_on_workers
    try:
        articles = _read(out / "articles.jsonl", False, _slim_article)
        if load_decisions(db_path) or load_stored_corrections(db_path):
            return None, articles
    except ReconcileInputError:
        return None, None
    got = run_on_workers(out, out / "records.jsonl", articles, article_names(articles), cache, workers, chosen)
    if got is None:
        return None, articles
    records, claims, facts, conflicts, by_type = got
    cache.prune()
    return ReconcileSummary(out, records, claims, facts, conflicts, 0, 0, 0, by_type, workers=workers), None
