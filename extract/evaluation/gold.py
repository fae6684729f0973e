"""Reading a gold file (records.md, "Gold files") and a records file, with errors naming file and line."""
from __future__ import annotations

from pathlib import Path

from ..io import iter_jsonl

GOLD_TYPES = {"count": ("value",), "organization": ("name",), "date": ("value",)}  # type -> required


class EvalError(ValueError):
    """A problem with an input file (shown to the user without a traceback)."""


def _objects(path: Path):
    try:
        yield from iter_jsonl(path)
    except FileNotFoundError:
        raise EvalError(f"{path}: no such file") from None
    except OSError as e:
        raise EvalError(f"{path}: cannot be read: {e.strerror}") from None
    except ValueError as e:
        raise EvalError(str(e)) from None


def load_gold(path: str | Path) -> list[dict]:
    gold = []
    for n, g in _objects(Path(path)):
        if not g.get("article"):
            raise EvalError(f"{path}:{n}: a gold line needs 'article'")
        if g.get("type") not in GOLD_TYPES:
            raise EvalError(f"{path}:{n}: unknown gold type {g.get('type')!r} "
                            f"(one of {', '.join(GOLD_TYPES)})")
        for need in GOLD_TYPES[g["type"]]:
            if g.get(need) is None:
                raise EvalError(f"{path}:{n}: a gold {g['type']} needs {need!r}")
        if g.get("time") is not None and not isinstance(g["time"], list):
            raise EvalError(f"{path}:{n}: 'time' must be a list of accepted years or null, "
                            f"not {g['time']!r}")
        gold.append(g)
    if not gold:
        raise EvalError(f"{path}: has no gold lines")
    return gold


def load_records(path: str | Path) -> list[dict]:
    records = []
    for n, r in _objects(Path(path)):
        if not (r.get("article_id") or r.get("article")):
            raise EvalError(f"{path}:{n}: a record needs 'article_id'")
        records.append(r)
    return records
