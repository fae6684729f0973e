"""ocop review: a local web page to settle the findings of `ocop run`; decisions kept in SQLite.

With --export or --import it moves decisions to or from a JSON Lines file instead of serving the page.
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub):
    p = sub.add_parser("review", help="review conflicts in a local web page (decisions kept in SQLite)")
    p.add_argument("--out", default="out", help="the output folder of `ocop run` (default: out)")
    p.add_argument("--db", help="the decisions database (default: OUT/review.sqlite)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this "
                   "machine only)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 = any free port)")
    p.add_argument("--reviewer", help="your name, stored with each decision (default: the OS user)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument("--verbose", action="store_true", help="log every request")
    add_moves(p)
    p.set_defaults(func=run)


def add_moves(p) -> None:
    """--export / --import: a reviewer's work (decisions and claim corrections) in one JSON Lines file."""
    moves = p.add_mutually_exclusive_group()
    moves.add_argument("--export", metavar="FILE.jsonl",
                       help="write the current decisions and claim corrections to FILE and exit")
    moves.add_argument("--import", dest="import_", metavar="FILE.jsonl",
                       help="add the decisions and claim corrections of FILE to the database and exit "
                            "(importing twice is harmless)")


def move_work(args, db: Path, command: str) -> int | None:
    """Carry out --export or --import (the exit code), or None when neither was asked for."""
    from ..review.io import export_work, import_work
    try:
        if args.export:
            d, c = export_work(db, args.export)
            print(f"ocop {command}: wrote {d} decisions and {c} claim corrections from {db} to {args.export}")
            return 0
        if args.import_:
            work, new_d, new_c = import_work(db, args.import_)
            print(f"ocop {command}: read {len(work.decisions)} decisions and {len(work.corrections)} claim "
                  f"corrections from {args.import_}; {new_d + new_c} new in {db} ({new_d} decisions, "
                  f"{new_c} corrections)")
            return 0
    except (ValueError, OSError) as e:
        print(f"ocop {command}: {e}", file=sys.stderr)
        return 1
    return None


def run(args) -> int:
    from ..review.decide import default_reviewer

    db = Path(args.db) if args.db else Path(args.out) / "review.sqlite"
    moved = move_work(args, db, "review")
    if moved is not None:
        return moved
    return serve(args, db, args.reviewer or default_reviewer())


def serve(args, db: Path, reviewer: str) -> int:
    from ..review.server import LOOPBACK, address, make_server

    if not 0 <= args.port <= 65535:
        print(f"ocop review: --port {args.port} is not a port (0-65535)", file=sys.stderr)
        return 2
    try:
        server = make_server(args.out, db, reviewer, args.host, args.port, quiet=not args.verbose)
    except OSError as e:
        print(f"ocop review: cannot listen on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    except ValueError as e:     # the database is not a review database
        print(f"ocop review: {e}", file=sys.stderr)
        return 1
    url = address(server)
    if args.host not in LOOPBACK:
        print(f"ocop review: WARNING: listening on {args.host}, not only on this machine: anyone who can "
              f"reach it can read the articles and record decisions as {reviewer}.", file=sys.stderr)
    print(f"ocop review: serving {args.out} at {url} (decisions in {db}, reviewer {reviewer}); Ctrl-C stops",
          flush=True)
    if not args.no_browser:
        import webbrowser
        try:
            webbrowser.open(url)
        except Exception:  # no browser here: the address is printed above
            pass
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("ocop review: stopped")
    finally:
        server.server_close()
    return 0
