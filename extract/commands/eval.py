"""ocop eval GOLD [--out DIR] [--records FILE] [--json] [--errors]: how well the records match
hand-labelled answers."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub):
    p = sub.add_parser("eval", help="score records against a hand-labelled gold file (precision, recall, F1)",
                       description="Scores OUT/records.jsonl against GOLD (JSON Lines in the gold format of "
                                   "the record contract) per record type; only the gold's articles are scored.")
    p.add_argument("gold", metavar="GOLD", nargs="?", help="the gold file (JSON Lines)")
    p.add_argument("--out", default="out", help="the output folder whose records.jsonl is scored (default: out)")
    p.add_argument("--records", metavar="FILE", help="score this records file instead of OUT/records.jsonl")
    p.add_argument("--json", action="store_true", help="print the scores (and the items) as one JSON object")
    p.add_argument("--errors", action="store_true", help="list the missed, spurious and mismatched items")
    p.add_argument("--corrections", action="store_true",
                   help="report which rules reviewers' claim corrections overrule most (no GOLD needed)")
    p.add_argument("--db", help="with --corrections: the review database (default: OUT/review.sqlite)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.corrections:
        return run_corrections(args)
    if not args.gold:
        print("ocop eval: give a GOLD file to score against, or --corrections", file=sys.stderr)
        return 2
    from ..evaluation import EvalError, as_json, load_gold, load_records, report, score
    records_path = Path(args.records) if args.records else Path(args.out) / "records.jsonl"
    try:
        gold = load_gold(args.gold)
        records = load_records(records_path)
    except EvalError as e:
        print(f"ocop eval: {e}", file=sys.stderr)
        return 1
    gold_articles = {g["article"] for g in gold}
    unseen = sorted(gold_articles - {r.get("article_id", r.get("article")) for r in records})
    if unseen:
        print(f"ocop eval: {len(unseen)} of {len(gold_articles)} gold articles have no records in "
              f"{records_path}: {', '.join(unseen[:5])}{' …' if len(unseen) > 5 else ''}", file=sys.stderr)
    scores = score(gold, records)
    if args.json:
        print(json.dumps(as_json(scores), ensure_ascii=False))
    else:
        print(report(scores, errors=args.errors))
    return 0


def run_corrections(args) -> int:
    from ..evaluation.corrections import corrections_report
    from ..io import read_jsonl
    from ..review.corrections import load_corrections
    out = Path(args.out)
    db = Path(args.db) if args.db else out / "review.sqlite"
    records_path = Path(args.records) if args.records else out / "records.jsonl"
    try:
        corrections = load_corrections(db)
        records = list(read_jsonl(records_path)) if records_path.exists() else []
    except (ValueError, OSError) as e:
        print(f"ocop eval: {e}", file=sys.stderr)
        return 1
    print(corrections_report(corrections, records))
    return 0
