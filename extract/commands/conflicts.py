"""ocop conflicts (not built yet)."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("conflicts", help="(not built yet)")
    p.set_defaults(func=run)


def run(args) -> int:
    print("ocop conflicts: not built yet")
    return 1
