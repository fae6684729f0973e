"""Output files as flat tables: the columns come from the pydantic models, so a table has the same
columns whether it holds a thousand rows or none, and follows the models when they change.

Column names are the JSON field names; a nested object is flattened with an underscore, and a list or
mapping is kept as one JSON string:

>>> [c.name for c in model_columns(schemas.Fact)][:7]
['schema_version', 'id', 'key_metric', 'key_star', 'key_category', 'key_scope', 'key_kind']
>>> {c.name: c.kind for c in model_columns(schemas.Fact)
...  if c.name in ("value", "confidence", "supporting", "as_of")}
{'as_of': 'text', 'value': 'number', 'confidence': 'real', 'supporting': 'json'}

Records of all types share one table. A field two types both have with different kinds of value gets the
type's name in front in the table: the date record's EDTF `value` is the column `date_value`, so that
`value` stays the count's number.

>>> [c.name for c in RECORDS.columns if c.name in ("value", "date_value", "text", "name")]
['value', 'name', 'date_value', 'text']
"""
from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from pydantic import BaseModel, ValidationError

import schemas

from ..io import iter_jsonl

KINDS = ("text", "integer", "number", "real", "bool", "date", "json")
"""number: an int or a float (a count's value); real: always a float; json: a list or mapping as JSON."""


class ExportError(ValueError):
    """A problem with an input file, named with its line (shown to the user without a traceback)."""


@dataclass(frozen=True)
class Column:
    name: str                 # the column's name in the table
    path: tuple[str, ...]     # where the value sits in a JSON line (("evidence", "start"))
    kind: str                 # one of KINDS


@dataclass
class Table:
    name: str                         # table name, and file name of the export (records.csv)
    source: str                       # the JSON Lines file it is read from, in the output folder
    validate: Callable[[dict], BaseModel]
    columns: list[Column]
    by_type: dict[str | None, list[Column]] = field(default_factory=dict)  # record type -> its columns
    drop: tuple[str, ...] = ()        # fields of the line left out of the table

    def columns_of(self, line: dict) -> list[Column]:
        return self.by_type.get(line.get("type"), self.columns) if self.by_type else self.columns


def _kind(annotation) -> str | type[BaseModel]:
    """The column kind of a field's type, or the model class when the field is a nested object."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        kinds = {_kind(a) for a in options}
        if len(kinds) == 1:
            return kinds.pop()
        return "number" if kinds <= {"integer", "real", "number"} else "json"
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        return "integer" if all(isinstance(v, int) and not isinstance(v, bool) for v in values) else "text"
    if origin in (list, dict, set, tuple) or annotation in (list, dict, set, tuple):
        return "json"
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return annotation
        if issubclass(annotation, bool):
            return "bool"
        if issubclass(annotation, int):
            return "integer"
        if issubclass(annotation, float):
            return "real"
        if issubclass(annotation, datetime):
            return "text"
        if issubclass(annotation, date):
            return "date"
    return "text"


def model_columns(model: type[BaseModel], prefix: tuple[str, ...] = (),
                  drop: tuple[str, ...] = ()) -> list[Column]:
    """The flat columns of a model, nested models flattened with an underscore."""
    columns = []
    for name, info in model.model_fields.items():
        if name in drop:
            continue
        kind = _kind(info.annotation)
        path = prefix + (name,)
        if isinstance(kind, type):
            columns += model_columns(kind, path)
        else:
            columns.append(Column("_".join(path), path, kind))
    return columns


def column_order(column: Column) -> tuple[int, int]:
    """Policy: the identifying columns first, the evidence and rules last, the version at the very end."""
    lead = ("id", "article_id", "type")
    if column.path[0] in lead:
        return (0, lead.index(column.path[0]))
    if column.path[0] in ("evidence", "rules"):
        return (2, 0)
    if column.path[0] == "schema_version":
        return (3, 0)
    return (1, 0)


def clashing_column_name(record_type: str, column: Column) -> str:
    """Policy: a field that means another kind of value in another record type is prefixed by its type."""
    return f"{record_type}_{column.name}"


def union_columns(models: dict[str, type[BaseModel]]) -> tuple[list[Column], dict[str, list[Column]]]:
    """One table for several record types: the union of their columns, and each type's own columns."""
    table: dict[str, Column] = {}
    by_type: dict[str, list[Column]] = {}
    for record_type, model in models.items():
        own = []
        for col in model_columns(model):
            if col.name in table and table[col.name].kind != col.kind:
                col = Column(clashing_column_name(record_type, col), col.path, col.kind)
            table.setdefault(col.name, col)
            own.append(col)
        by_type[record_type] = sorted(own, key=column_order)
    return sorted(table.values(), key=column_order), by_type


_RECORD_MODELS = {"count": schemas.CountRecord, "organization": schemas.OrganizationRecord,
                  "date": schemas.DateRecord}
_record_columns, _record_by_type = union_columns(_RECORD_MODELS)
RECORDS = Table("records", "records.jsonl", schemas.validate_record, _record_columns, _record_by_type)
FACTS = Table("facts", "facts.jsonl", schemas.Fact.model_validate,
              sorted(model_columns(schemas.Fact), key=column_order))
CONFLICTS = Table("conflicts", "conflicts.jsonl", schemas.Conflict.model_validate,
                  sorted(model_columns(schemas.Conflict), key=column_order))
ARTICLES = Table("articles", "articles.jsonl", schemas.ArticleOut.model_validate,
                 sorted(model_columns(schemas.ArticleOut, drop=("text",)), key=column_order), drop=("text",))
TABLES = (RECORDS, FACTS, CONFLICTS, ARTICLES)


def flatten(line: dict, columns: list[Column]) -> dict[str, Any]:
    """A JSON line (as the models write it) -> {column name: value}, lists and mappings as JSON text.

    >>> flatten({"key": {"metric": "m", "star": None}, "supporting": ["a#c1"]},
    ...         [Column("key_metric", ("key", "metric"), "text"),
    ...          Column("supporting", ("supporting",), "json")])
    {'key_metric': 'm', 'supporting': '["a#c1"]'}
    """
    row = {}
    for col in columns:
        value: Any = line
        for step in col.path:
            value = value.get(step) if isinstance(value, dict) else None
        if col.kind == "json" and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        row[col.name] = value
    return row


def unflatten(row: dict[str, Any], columns: list[Column]) -> dict:
    """A table row -> the JSON line it came from (a nested object whose columns are all null is null).

    >>> cols = [Column("key_metric", ("key", "metric"), "text"), Column("s_rule", ("s", "rule"), "text")]
    >>> unflatten({"key_metric": "m", "s_rule": None}, cols)
    {'key': {'metric': 'm'}, 's': None}
    """
    line: dict = {}
    for col in columns:
        value = row.get(col.name)
        if col.kind == "json" and isinstance(value, str):
            value = json.loads(value)
        node = line
        for step in col.path[:-1]:
            node = node.setdefault(step, {})
        node[col.path[-1]] = value
    objects = sorted({c.path[:i] for c in columns for i in range(1, len(c.path))}, key=len, reverse=True)
    for path in objects:  # innermost first, so that an object of null objects is null too
        parent = line
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and all(v is None for v in parent[path[-1]].values()):
            parent[path[-1]] = None
    return line


def read_lines(path: Path, table: Table) -> Iterator[dict]:
    """The lines of one output file, each validated by its model and dumped as JSON data."""
    lines = iter_jsonl(path)
    while True:
        try:
            n, data = next(lines)
        except StopIteration:
            return
        except ValueError as e:
            raise ExportError(str(e)) from None
        try:
            model = table.validate(data)
        except ValidationError as e:
            bad = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            raise ExportError(f"{path}:{n}: not a valid {table.name[:-1]} line ({bad})") from None
        yield model.model_dump(mode="json")


def table_rows(out_dir: Path, table: Table) -> list[dict[str, Any]] | None:
    """The table's rows from OUT/<source>, or None when that file does not exist."""
    path = Path(out_dir) / table.source
    if not path.exists():
        return None
    empty = dict.fromkeys(c.name for c in table.columns)
    return [{**empty, **flatten(line, table.columns_of(line))} for line in read_lines(path, table)]
