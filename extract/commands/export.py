"""ocop export (not built yet)."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("export", help="(not built yet)")
    p.set_defaults(func=run)


def run(args) -> int:
    print("ocop export: not built yet")
    return 1
