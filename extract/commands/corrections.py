"""ocop corrections [--out DIR] [--db FILE] [--export FILE.jsonl | --import FILE.jsonl]: the claim
corrections reviewers made (each applied before every reconciliation), which of them are stale, and moving
them (with the decisions: one file carries a reviewer's work) between machines."""
from __future__ import annotations

import sys
from pathlib import Path

from .review import add_moves, move_work


def register(sub):
    p = sub.add_parser("corrections", help="list the reviewers' claim corrections (stale ones marked); "
                                           "export or import them with the decisions",
                       description=__doc__)
    p.add_argument("--out", default="out", help="the output folder of `ocop run` (default: out)")
    p.add_argument("--db", help="the review database (default: OUT/review.sqlite)")
    add_moves(p)
    p.set_defaults(func=run)


def run(args) -> int:
    db = Path(args.db) if args.db else Path(args.out) / "review.sqlite"
    moved = move_work(args, db, "corrections")
    if moved is not None:
        return moved
    try:
        return show(Path(args.out), db)
    except (ValueError, OSError) as e:
        print(f"ocop corrections: {e}", file=sys.stderr)
        return 1


def show(out: Path, db: Path) -> int:
    from ..io import read_jsonl
    from ..reconcile.corrections import stale_reason
    from ..reconcile.naming import article_names
    from ..review.corrections import load_corrections
    corrections = load_corrections(db)
    if not corrections:
        print(f"no claim corrections in {db}")
        return 0
    records_path = out / "records.jsonl"
    records = {r["id"]: r for r in read_jsonl(records_path) if "id" in r} if records_path.exists() else None
    names = article_names(read_jsonl(out / "articles.jsonl")) if (out / "articles.jsonl").exists() else {}
    stale = 0
    for c in corrections:
        if records is None:
            state = "unchecked (no records.jsonl)"
        elif c.withdrawn:
            state = "withdrawn"
        else:
            reason = stale_reason(c, records.get(c.record_id))
            state = f"STALE: {reason}" if reason else "applied"
            stale += bool(reason)
        print(f"{c.corrected_at[:16].replace('T', ' ')}  {c.reviewer}  {names.get(c.article_id, c.article_id)}")
        print(f"    “{c.evidence_text}” in: {c.sentence}")
        print(f"    {c.changes()}{' — ' + c.note if c.note else ''}")
        print(f"    {state}  [{c.record_id}]")
    print(f"{len(corrections)} corrections" + (f", {stale} stale (never applied to another record; correct the "
                                               f"claim again on the review page)" if stale else ""))
    return 0
