"""ocop export --format csv|parquet|sqlite [--out DIR] [--to PATH]: the output as flat tables."""
from __future__ import annotations

import sys

FORMATS = ("csv", "parquet", "sqlite")


def register(sub):
    p = sub.add_parser("export", help="write records, facts, conflicts and articles as CSV, Parquet or SQLite",
                       description="Flat tables of an output folder: column names as in the JSON, nested "
                                   "objects flattened with an underscore (evidence_start), lists as JSON text.")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", default="out", help="the output folder to export (default: out)")
    p.add_argument("--to", metavar="PATH",
                   help="where to write: a folder for csv/parquet (default OUT/export/), "
                        "a file for sqlite (default OUT/ocop.sqlite)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..exports import ExportError, export
    try:
        result = export(args.out, args.format, args.to)
    except (ExportError, OSError) as e:
        print(f"ocop export: {e}", file=sys.stderr)
        return 1
    for source in result.missing:
        print(f"ocop export: no {source} in {args.out}; its table is left out", file=sys.stderr)
    rows = ", ".join(f"{n} {name}" for name, n in result.rows.items())
    for path in result.written:
        print(path)
    print(f"ocop export: {rows} as {args.format} -> {result.destination}", file=sys.stderr)
    return 0
