"""Parquet export through pyarrow (the optional extra `ocop[parquet]`): one file a table, typed columns,
the schema version in the file's metadata."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .files import temporary_beside
from .tables import ExportError, Table

INSTALL_HINT = "pip install 'ocop[parquet]'"


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ExportError(f"the parquet format needs pyarrow, which is not installed: {INSTALL_HINT}") \
            from None
    return pyarrow


def arrow_type(kind: str):
    pa = _pyarrow()
    return {"text": pa.string(), "json": pa.string(), "integer": pa.int64(), "number": pa.float64(),
            "real": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}[kind]


def _value(kind: str, value):
    if value is None:
        return None
    if kind == "date":
        return date.fromisoformat(value)
    if kind in ("number", "real"):
        return float(value)
    return value


def write_parquet(path: Path, table: Table, rows: list[dict], schema_version: str) -> Path:
    pa = _pyarrow()
    schema = pa.schema([pa.field(c.name, arrow_type(c.kind)) for c in table.columns],
                       metadata={"ocop.table": table.name, "ocop.schema_version": schema_version})
    data = {c.name: [_value(c.kind, row[c.name]) for row in rows] for c in table.columns}
    arrow_table = pa.Table.from_pydict(data, schema=schema)
    with temporary_beside(path) as tmp:
        pa.parquet.write_table(arrow_table, tmp)
    return path
