"""CSV export: one file a table, UTF-8 with a byte order mark (so that Excel shows Vietnamese right;
LibreOffice, pandas, DuckDB and Python's csv with encoding "utf-8-sig" read it as plain UTF-8), a header
row of the column names, empty cells for nulls, lists as JSON text.

>>> cell(3317), cell(73.2), cell(None), cell(True), cell("Hà Nội")
('3317', '73.2', '', 'true', 'Hà Nội')
>>> parse_cell("number", "3317"), parse_cell("number", "73.2"), parse_cell("text", ""), parse_cell("bool", "true")
(3317, 73.2, None, True)
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .files import temporary_beside
from .tables import Column, Table

ENCODING = "utf-8-sig"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_cell(kind: str, text: str) -> Any:
    """A CSV cell back to its value, by the column's kind (an empty cell is null)."""
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "real":
        return float(text)
    if kind == "number":
        return int(text) if text.lstrip("-").isdigit() else float(text)
    if kind == "bool":
        return text == "true"
    return text


def write_csv(path: Path, table: Table, rows: list[dict]) -> Path:
    with temporary_beside(path) as tmp:
        with open(tmp, "w", encoding=ENCODING, newline="") as f:
            writer = csv.writer(f)
            writer.writerow([c.name for c in table.columns])
            for row in rows:
                writer.writerow([cell(row[c.name]) for c in table.columns])
    return path


def read_csv(path: Path, columns: list[Column]) -> list[dict]:
    """Rows of an exported CSV file with their values typed again (for checks and notebooks)."""
    kinds = {c.name: c.kind for c in columns}
    with open(path, encoding=ENCODING, newline="") as f:
        return [{k: parse_cell(kinds[k], v) for k, v in row.items()} for row in csv.DictReader(f)]
