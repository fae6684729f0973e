"""ocop conflicts: the findings of the last reconciliation as a table, most severe first."""
from __future__ import annotations

import sys
from pathlib import Path

FINDING_TYPES = ["value_mismatch", "parts_sum", "stock_flow", "decrease", "share_mismatch"]


def register(sub):
    p = sub.add_parser("conflicts", help="print the findings (most severe first)",
                       description="Print OUT/conflicts.jsonl as a table, most severe first; by default "
                                   "only findings still open (or reopened).")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--type", choices=FINDING_TYPES, help="only findings of this type")
    p.add_argument("--all", action="store_true", help="also findings a reviewer has decided")
    p.set_defaults(func=run)


def run(args) -> int:
    from schemas import Conflict
    from ..reconcile.views import ViewError, conflicts_table, load_models
    try:
        found = load_models(Path(args.out) / "conflicts.jsonl", Conflict, "finding")
    except ViewError as e:
        print(f"ocop conflicts: {e}", file=sys.stderr)
        return 1
    shown = [c for c in found if (args.all or c.status != "decided") and (not args.type or c.type == args.type)]
    if not shown:
        print("no findings" + (f" of type {args.type}" if args.type else "")
              + ("" if args.all else " open (use --all to include decided ones)"))
        return 0
    from ..io import read_jsonl
    from ..reconcile.naming import article_names
    articles = Path(args.out) / "articles.jsonl"
    try:
        names = article_names(read_jsonl(articles)) if articles.exists() else {}
    except ValueError:      # the table still reads without titles
        names = {}
    sys.stdout.write(conflicts_table(shown, colour=sys.stdout.isatty(), names=names))
    hidden = len(found) - len(shown)
    print(f"{len(shown)} findings" + (f" ({hidden} not shown: "
                                      + ("of other types" if args.type else "")
                                      + (" or " if args.type and not args.all else "")
                                      + ("decided (see --all)" if not args.all else "") + ")" if hidden else ""))
    return 0
