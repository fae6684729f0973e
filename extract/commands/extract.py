"""ocop extract PATH... --out DIR: extraction only."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("extract", help="extract records from articles (files, folders, or - for JSON Lines on stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..batch import run_extract
    return run_extract(args.paths, args.out).exit_code
