"""ocop reconcile: OUT/records.jsonl -> OUT/facts.jsonl and OUT/conflicts.jsonl (review decisions applied)."""
from __future__ import annotations

import argparse
import os
import sys


def register(sub):
    p = sub.add_parser("reconcile", help="reconcile the records of all articles into facts and findings",
                       description="Read OUT/records.jsonl and OUT/articles.jsonl, apply the review decisions "
                                   "in the database, write OUT/facts.jsonl and OUT/conflicts.jsonl.")
    p.add_argument("--out", default="out", help="the folder extraction wrote to (default: out)")
    p.add_argument("--db", default=None, help="review decisions (default: OUT/review.sqlite)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="reconcile the places in this process (default) or on a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--jobs", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..reconcile import ReconcileInputError, run_reconcile
    from ..engines import EngineError
    from .run import EngineUnavailable, engine_for, parts_runner
    try:
        with engine_for(args) as engine:
            summary = run_reconcile(args.out, db=args.db, runner=parts_runner(engine))
    except EngineUnavailable as e:
        return e.exit_code
    except EngineError as e:    # the cluster went away while reconciling
        print(f"ocop: error: {e}", file=sys.stderr)
        return 1
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
