"""ocop extract PATH... --out DIR: extraction only (no reconciliation), incremental like `ocop run`.

`ocop extract - --out -` is the pipeline mode: JSON Lines articles on standard input, records as JSON
Lines on standard output (in input order, as each article is done), messages on standard error.
Exit codes: 0 ok; 3 something was skipped (named on standard error); 2 usage; 1 error.
"""
from __future__ import annotations

import argparse

from .run import EngineUnavailable, add_batch_arguments, engine_for, execute


def register(sub):
    p = sub.add_parser("extract", help="extract records from articles (files, folders, or - for JSON Lines "
                                       "on stdin); --out - streams records to stdout",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_batch_arguments(p, "output folder, or - for records on standard output (default: out)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..streaming import stream_extract
    if args.out != "-":
        return execute(args, reconcile=False)
    try:
        with engine_for(args) as engine:
            return stream_extract(args.paths, engine=engine, max_bytes=args.max_bytes, quiet=args.quiet).exit_code
    except EngineUnavailable as e:
        return e.exit_code
