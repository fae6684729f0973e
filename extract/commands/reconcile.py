"""ocop reconcile: OUT/records.jsonl -> OUT/facts.jsonl and OUT/conflicts.jsonl (review decisions applied)."""
from __future__ import annotations

import os
import sys


def register(sub):
    p = sub.add_parser("reconcile", help="reconcile the records of all articles into facts and findings",
                       description="Read OUT/records.jsonl and OUT/articles.jsonl, apply the review decisions "
                                   "in the database, write OUT/facts.jsonl and OUT/conflicts.jsonl.")
    p.add_argument("--out", default="out", help="the folder extraction wrote to (default: out)")
    p.add_argument("--db", default=None, help="review decisions (default: OUT/review.sqlite)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..reconcile import ReconcileInputError, run_reconcile
    try:
        summary = run_reconcile(args.out, db=args.db)
    except (ReconcileInputError, ValueError) as e:    # ValueError: a review database that is not one
        print(f"ocop reconcile: {e}", file=sys.stderr)
        return 1
    except OSError as e:    # a read-only folder, a full disk, a file without permission
        print(f"ocop: error: {os_error(e, args.out)}", file=sys.stderr)
        return 1
    print(summary.line(), file=sys.stderr)
    return 0


def os_error(e: OSError, folder: str) -> str:
    """One line for an OSError: the file it names (the folder, for a temporary output) and why."""
    where = e.filename or folder
    if str(where).endswith(".tmp"):
        return f"cannot write in {os.path.dirname(str(where)) or folder}: {e.strerror or e}"
    return f"{where}: {e.strerror or e}"
