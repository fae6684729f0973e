"""The `ocop` command. Each subcommand lives in its own module under `extract/commands/`, which
defines `register(subparsers)`; this file only lists them."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = ["run", "extract", "reconcile", "conflicts", "timeline", "map", "review", "corrections", "show", "schema",
            "export", "eval"]


def version() -> str:
    """The installed package's version (pyproject.toml), or "unknown" when run from a bare checkout."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed
    try:
        return installed("ocop")
    except PackageNotFoundError:
        return "unknown"


class _Version(argparse.Action):
    """--version, the installed version looked up only when asked for (importlib.metadata costs ~30 ms)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"ocop {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocop", description=(
        "Vietnamese news about the OCOP programme in, validated and traceable records out, "
        "reconciled across sources."))
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"extract.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt as e:     # Ctrl-C; or SIGTERM while workers run (workers.Terminated)
        print(f"ocop: {getattr(e, 'message', 'interrupted')}", file=sys.stderr)
        return getattr(e, "exit_code", 130)
    except BrokenPipeError:
        return 0


def run() -> None:
    """The `ocop` command: `main`, then exit with its code. After a pool of workers was stopped early
    (Ctrl-C, SIGTERM, a closed pipe), the outputs are already whole and the lock released, and the
    interpreter's clean-up of that pool could hang or fail (`workers.POOL_ABANDONED`): the process leaves
    without it. Otherwise it leaves as the interpreter does (`leave`), but for freeing its objects."""
    code = main()
    workers = sys.modules.get("extract.workers")
    if workers is not None and workers.POOL_ABANDONED:
        _flushed()
        os._exit(code)
    leave(code)


def _flushed() -> bool:
    """Flush the output streams; whether they all flushed."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def leave(code: int) -> None:
    """Exit with `code` as the interpreter does at its end — the exit handlers run (`atexit`: processes
    joined, temporary files removed), the output streams flushed — without then freeing every object one
    by one, which after `ocop run` took 0,12–0,15 s (the matchers, the gazetteer, the tokenizer's model).
    Done so only when no other thread runs (the interpreter would wait for it) and the streams flush
    (else the interpreter says why, as before); otherwise `sys.exit`."""
    import threading
    if threading.active_count() == 1:
        import atexit
        atexit._run_exitfuncs()
        if _flushed():
            os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
