"""ocop timeline (not built yet)."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("timeline", help="(not built yet)")
    p.set_defaults(func=run)


def run(args) -> int:
    print("ocop timeline: not built yet")
    return 1
