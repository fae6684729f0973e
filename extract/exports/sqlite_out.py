"""SQLite export: one file with a table per output (typed columns, indexes on the article id and the
key columns), a view per record type (`counts`, `organizations`, `dates`) that shows only that type's
columns under their JSON names, and link tables that make the lists joinable: `conflict_claims` (one
row a claim of a finding) and `fact_records` (one row a record supporting or contradicting a fact).
It opens as it is in Datasette, DB Browser for SQLite, DBeaver, or `sqlite3`."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import schemas

from .files import temporary_beside
from .tables import Column, Table, column_order, model_columns

SQL_TYPES = {"text": "TEXT", "json": "TEXT", "date": "TEXT", "integer": "INTEGER", "real": "REAL",
             "number": "NUMERIC",  # NUMERIC keeps 3317 an integer and 73.2 a real
             "bool": "INTEGER"}

INDEXES = {  # table -> the column groups looked up or joined on
    "records": [("article_id",), ("type",), ("metric", "star", "kind", "scope", "as_of"), ("organization",),
                ("name",)],
    "facts": [("key_metric", "key_star", "key_kind", "key_scope", "as_of"), ("rank",)],
    "conflicts": [("key_metric", "key_star", "key_kind", "key_scope"), ("type",), ("status",)],
    "articles": [("published",)],
    "conflict_claims": [("conflict_id",), ("article_id",), ("record_id",)],
    "fact_records": [("fact_id",), ("record_id",)],
}
UNIQUE = {"records": "id", "facts": "id", "conflicts": "id", "articles": "id"}


def quote(name: str) -> str:
    """An SQL identifier, quoted.

    >>> quote('values'), quote('a"b')
    ('"values"', '"a""b"')
    """
    return '"' + name.replace('"', '""') + '"'


def view_name(record_type: str) -> str:
    """Policy: the view of one record type is its plural (count -> counts)."""
    return f"{record_type}s"


def create_table(db: sqlite3.Connection, table: Table) -> None:
    cols = ", ".join(f"{quote(c.name)} {SQL_TYPES[c.kind]}" for c in table.columns)
    db.execute(f"CREATE TABLE {quote(table.name)} ({cols})")
    for group in INDEXES.get(table.name, []):
        if all(any(c.name == g for c in table.columns) for g in group):
            name = f"{table.name}_by_{'_'.join(group)}"
            db.execute(f"CREATE INDEX {quote(name)} ON {quote(table.name)} ({', '.join(map(quote, group))})")
    if table.name in UNIQUE:
        key = UNIQUE[table.name]
        db.execute(f"CREATE INDEX {quote(table.name + '_by_' + key)} ON {quote(table.name)} ({quote(key)})")


def create_type_views(db: sqlite3.Connection, table: Table) -> None:
    for record_type, columns in table.by_type.items():
        select = ", ".join(_as_json_name(c) for c in columns)
        db.execute(f"CREATE VIEW {quote(view_name(record_type))} AS SELECT {select} "
                   f"FROM {quote(table.name)} WHERE type = '{record_type}'")


def _as_json_name(col: Column) -> str:
    json_name = "_".join(col.path)
    return quote(col.name) if json_name == col.name else f"{quote(col.name)} AS {quote(json_name)}"


CLAIMS = Table("conflict_claims", "conflicts.jsonl", schemas.Claim.model_validate,
               [Column("conflict_id", ("conflict_id",), "text"),
                *sorted(model_columns(schemas.Claim), key=column_order)])
FACT_RECORDS = Table("fact_records", "facts.jsonl", schemas.Fact.model_validate,
                     [Column("fact_id", ("fact_id",), "text"), Column("record_id", ("record_id",), "text"),
                      Column("role", ("role",), "text")])
FACT_ROLES = ("supporting", "contradicting")  # the fact's lists of record ids, and the role each gives


def link_tables(tables: list[tuple[Table, list[dict]]]) -> list[tuple[Table, list[dict]]]:
    """Rows of the link tables, from the lists of the facts and conflicts that were loaded."""
    rows = {t.name: r for t, r in tables}
    links = []
    if "conflicts" in rows:
        claims = [{"conflict_id": c["id"], **dict.fromkeys(col.name for col in CLAIMS.columns[1:]), **claim}
                  for c in rows["conflicts"] for claim in json.loads(c["claims"])]
        links.append((CLAIMS, claims))
    if "facts" in rows:
        links.append((FACT_RECORDS, [{"fact_id": f["id"], "record_id": rid, "role": role}
                                     for f in rows["facts"] for role in FACT_ROLES
                                     for rid in json.loads(f[role])]))
    return links


def write_sqlite(path: Path, tables: list[tuple[Table, list[dict]]]) -> Path:
    with temporary_beside(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            for table, rows in [*tables, *link_tables(tables)]:
                create_table(db, table)
                names = [c.name for c in table.columns]
                db.executemany(f"INSERT INTO {quote(table.name)} VALUES ({', '.join('?' * len(names))})",
                               [tuple(row[n] for n in names) for row in rows])
                if table.by_type:
                    create_type_views(db, table)
            db.commit()
        finally:
            db.close()
    return path
