"""Exports of an output folder as flat tables other tools open: CSV files, Parquet files, one SQLite
database. `export(out_dir, "sqlite")` reads OUT/records.jsonl, facts.jsonl, conflicts.jsonl and
articles.jsonl (the ones that exist; records.jsonl must), validates every line, and writes the tables
(see tables.py for the columns)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .tables import TABLES, ExportError, Table, table_rows

FORMATS = ("csv", "parquet", "sqlite")


@dataclass
class ExportResult:
    destination: Path | None = None                         # the folder (csv, parquet) or file (sqlite)
    written: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)      # table -> rows written
    missing: list[str] = field(default_factory=list)        # source files not found (table left out)


def default_destination(out_dir: Path, fmt: str) -> Path:
    """Policy: files go to OUT/export/ (CSV, Parquet); the SQLite database is OUT/ocop.sqlite."""
    return Path(out_dir) / ("ocop.sqlite" if fmt == "sqlite" else "export")


def load_tables(out_dir: Path) -> tuple[list[tuple[Table, list[dict]]], list[str]]:
    loaded, missing = [], []
    for table in TABLES:
        rows = table_rows(out_dir, table)
        if rows is None:
            missing.append(table.source)
        else:
            loaded.append((table, rows))
    if "records.jsonl" in missing:
        raise ExportError(f"{Path(out_dir) / 'records.jsonl'}: no such file (run `ocop extract` or "
                          f"`ocop run` first, or give the output folder with --out)")
    return loaded, missing


def export(out_dir: str | Path, fmt: str, to: str | Path | None = None) -> ExportResult:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out_dir = Path(out_dir)
    dest = Path(to) if to else default_destination(out_dir, fmt)
    loaded, missing = load_tables(out_dir)
    result = ExportResult(dest, missing=missing, rows={t.name: len(rows) for t, rows in loaded})
    if fmt == "sqlite":
        from .sqlite_out import write_sqlite
        result.written.append(write_sqlite(dest, loaded))
    elif fmt == "csv":
        from .csv_out import write_csv
        result.written += [write_csv(dest / f"{t.name}.csv", t, rows) for t, rows in loaded]
    else:
        from schemas import SCHEMA_VERSION

        from .parquet_out import write_parquet
        result.written += [write_parquet(dest / f"{t.name}.parquet", t, rows, SCHEMA_VERSION)
                           for t, rows in loaded]
    return result


__all__ = ["FORMATS", "ExportError", "ExportResult", "export", "default_destination"]
