"""ocop run [PATH...]: the main job, for a terminal or a cron job. Extracts what is new or changed in
corpus/ (or PATHs) into out/, then reconciles everything.

Exit codes: 0 all went well; 3 something was skipped (each named on standard error with its reason);
2 usage; 1 error.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager


def add_batch_arguments(p: argparse.ArgumentParser, out_help: str) -> None:
    from ..limits import DEFAULT_MAX_BYTES
    p.add_argument("--out", default="out", help=out_help)
    p.add_argument("--jobs", type=_positive, default=None, metavar="N",
                   help="processes extracting in parallel (default: the number of cores)")
    p.add_argument("--quiet", action="store_true", help="print only what was skipped and errors (for cron)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"skip files (and JSON lines) larger than this (default: {DEFAULT_MAX_BYTES})")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def register(sub):
    p = sub.add_parser("run", help="the main job: extract what is new in corpus/ (or PATHs) into out/, "
                                   "then reconcile",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", default=["corpus"],
                   help="files or folders (.txt .md .html .jsonl), or - for JSON Lines on standard input "
                        "(default: corpus)")
    add_batch_arguments(p, "output folder (default: out)")
    p.set_defaults(func=run)


class EngineUnavailable(Exception):
    """The engine the arguments ask for cannot be had (the reason is already printed)."""

    def __init__(self, exit_code: int):
        super().__init__(exit_code)
        self.exit_code = exit_code


@contextmanager
def engine_for(args):
    """The engine the arguments ask for, closed afterwards; EngineUnavailable after saying why not."""
    from ..batch import EXIT_ERROR, EXIT_USAGE
    from ..engines import EngineError, make_engine
    if args.engine == "dask" and not args.scheduler:
        print("ocop: --engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)", file=sys.stderr)
        raise EngineUnavailable(EXIT_USAGE)
    if args.engine == "local" and args.scheduler:
        print("ocop: --scheduler is for --engine dask", file=sys.stderr)
        raise EngineUnavailable(EXIT_USAGE)
    try:
        engine = make_engine(args.engine, jobs=args.jobs, scheduler=args.scheduler)
    except EngineError as e:
        print(f"ocop: error: {e}", file=sys.stderr)
        raise EngineUnavailable(EXIT_ERROR) from None
    try:
        yield engine
    finally:
        engine.close()


def execute(args, reconcile: bool) -> int:
    from ..batch import run_batch
    from ..progress import choose_mode
    code = 0
    try:
        with engine_for(args) as engine:
            summary = run_batch(args.paths, args.out, engine=engine, max_bytes=args.max_bytes,
                                progress_mode=choose_mode(args.quiet), quiet=args.quiet)
            if reconcile and not summary.errors:      # on the same cluster as the extraction
                code = reconcile_all(args.out, args.quiet, parts_runner(engine))
    except EngineUnavailable as e:
        return e.exit_code
    return code or summary.exit_code


def parts_runner(engine):
    """Where reconciliation runs its parts: on the Dask cluster of a Dask engine, else in this process."""
    client = getattr(engine, "client", None)
    if client is None:
        return None
    from ..reconcile.parts_run import OnDask
    return OnDask(client)


def reconcile_all(out_dir: str, quiet: bool, runner=None) -> int:
    """Reconcile every record in out_dir (not only the new ones), unless nothing it reads changed since the
    last reconciliation and its outputs are as that one wrote them (reconcile/stamp.py); 0, or 1 after
    saying what failed. `runner`: where the places are reconciled (`parts_runner`)."""
    from pathlib import Path

    from ..reconcile import stamp
    out = Path(out_dir)
    read = stamp.inputs_now(out)        # (before reconciling reads them; hashed once)
    if stamp.is_current(out, read):
        if not quiet:
            print(f"ocop: nothing to reconcile again: records, review decisions and corrections are as the "
                  f"last reconciliation read them -> {out_dir}", file=sys.stderr)
        return 0
    stamp.forget(out)
    from ..engines import EngineError
    from ..reconcile import run_reconcile
    try:
        summary = run_reconcile(out_dir, runner=runner)
    except NotImplementedError:
        if not quiet:
            print("ocop: reconciliation not available", file=sys.stderr)
        return 0
    except (OSError, ValueError, EngineError) as e:   # ReconcileInputError is a ValueError naming the file
        print(f"ocop: error: reconciliation failed: {e}", file=sys.stderr)
        return 1
    try:
        stamp.write_stamp(out, read)
    except OSError:
        pass    # without a stamp the next run reconciles again, which is always right
    if not quiet and hasattr(summary, "line"):
        print(summary.line(), file=sys.stderr)
    return 0


def run(args) -> int:
    from pathlib import Path
    if args.paths == ["corpus"] and not Path("corpus").exists():
        print(f"ocop run: there is no corpus/ folder in {Path.cwd()}, so there is nothing to read (and no out/ "
              f"was made). Run it in the project folder (the one with corpus/), or name the articles: "
              f"`ocop run FILE_OR_FOLDER... [--out DIR]` (- reads JSON Lines on standard input).", file=sys.stderr)
        return 2
    return execute(args, reconcile=True)
