"""ocop run: the main job on corpus/ into out/ (extract, then reconcile)."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("run", help="the main job: extract corpus/ (or PATHs) into out/, then reconcile")
    p.add_argument("paths", nargs="*", metavar="PATH", default=["corpus"])
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..batch import run_extract
    return run_extract(args.paths, args.out).exit_code
