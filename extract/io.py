"""Reading and writing JSON Lines; every output file is written to a temporary file and renamed into
place, so a run killed at any moment leaves the previous file whole."""
from __future__ import annotations

import io
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import msgspec
from pydantic import BaseModel, ValidationError


def to_json(item: Any) -> str:
    if isinstance(item, BaseModel):
        return item.model_dump_json()
    return json.dumps(item, ensure_ascii=False, default=str)


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()
"""The mode a plain `open` would give a new file (0o644 with the usual umask)."""


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", durable: bool = True):
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed.
    `durable`: flush it to disk before the rename (so it survives a power cut, not only a killed process)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)  # mkstemp makes files only their owner can read; outputs are shared
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as f:
            yield f
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def to_json_bytes(item: Any) -> bytes:
    """`to_json(item)` as UTF-8 bytes, made as bytes (a model's JSON is made as bytes by pydantic: not
    decoded to text and encoded back)."""
    if isinstance(item, BaseModel):
        return item.__pydantic_serializer__.to_json(item)
    return json.dumps(item, ensure_ascii=False, default=str).encode("utf-8")


def write_jsonl(path: str | os.PathLike, items: Iterable[Any]) -> int:
    """Write items (pydantic models or plain data) one a line, atomically; returns how many."""
    n = 0
    lines: list[bytes] = []
    with atomic_open(path, "wb") as f:
        for item in items:
            lines.append(to_json_bytes(item))
            n += 1
            if len(lines) == 1000:
                lines.append(b"")
                f.write(b"\n".join(lines))
                lines.clear()
        if lines:
            lines.append(b"")
            f.write(b"\n".join(lines))
    return n


SHORT_TEXT = 40
"""`read_jsonl(..., shared=True)` shares string values up to this length (names, codes, dates, units)."""


def shared_loads():
    """json.loads for many objects alike (a million records): every key, and every string value of up to
    SHORT_TEXT characters, is one object shared by all the lines that have it instead of a copy a line
    (the records then take about 40% of the memory; reading takes about 15% longer)."""
    seen: dict[str, str] = {}
    share = seen.setdefault

    def pairs(items: list) -> dict:
        return {share(k, k): share(v, v) if v.__class__ is str and len(v) <= SHORT_TEXT else v for k, v in items}
    return json.JSONDecoder(object_pairs_hook=pairs).decode


_decode = msgspec.json.Decoder().decode


def loads(line: str) -> Any:
    """`json.loads`, parsed by msgspec (2-3 times faster: `ocop reconcile` reads a million records; the
    same objects, numbers of any size included). A line msgspec refuses (NaN, a number out of a float's
    range, a lone surrogate, malformed JSON) is parsed by `json`, which gives what it always gave, or the
    error it always raised."""
    try:
        return _decode(line)
    except msgspec.MsgspecError:
        return json.loads(line)


def _lines(path: str | os.PathLike, shared: bool) -> Iterator[tuple[int, str | bytes]]:
    """(line number, line) of a text file as `open(path, encoding="utf-8")` reads it. Without `shared`, a
    line is given as its bytes (msgspec parses them: `loads` of the text would decode it and msgspec
    encode it again, a third of the time), as text only where it holds a carriage return (a line break
    of text mode's: the pieces are numbered as text mode numbers them)."""
    if shared:
        with open(path, encoding="utf-8") as f:
            yield from enumerate(f, 1)
        return
    with open(path, "rb") as f:
        n = 0
        for raw in f:
            if b"\r" in raw:
                for line in io.StringIO(raw.decode("utf-8"), newline=None):
                    n += 1
                    yield n, line
            else:
                n += 1
                yield n, raw


_NOTHING = object()


def iter_jsonl(path: str | os.PathLike, shared: bool = False) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSON Lines file. A line that is not JSON or not
    an object, or a file that is not UTF-8, raises ValueError naming the file (and line); a missing file
    raises FileNotFoundError. `shared`: strings shared between lines (see `shared_loads`)."""
    parse = shared_loads() if shared else loads
    try:
        for n, line in _lines(path, shared):
            if not line.strip():
                continue
            data = _NOTHING
            if line.__class__ is bytes:
                try:
                    data = _decode(line)
                except msgspec.MsgspecError:    # read as text: `json` parses it, or says why it cannot
                    line = line.decode("utf-8")
                    if not line.strip():
                        continue
            try:
                if data is _NOTHING:
                    data = parse(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: malformed JSON: {e.msg}") from None
            if not isinstance(data, dict):
                raise ValueError(f"{path}:{n}: a line must be a JSON object")
            yield n, data
    except UnicodeDecodeError:
        raise ValueError(f"{path}: is not UTF-8") from None


def read_jsonl(path: str | os.PathLike, shared: bool = False) -> Iterator[dict]:
    """The objects of a JSON Lines file (errors and `shared` as `iter_jsonl`)."""
    for _, data in iter_jsonl(path, shared):
        yield data


def read_models(path: str | os.PathLike, model, what: str = "line") -> Iterator:
    """The lines of a JSON Lines file validated by a pydantic model; a line that fails raises ValueError
    naming the file, the line and the first bad field: `facts.jsonl: record 3: value: …`."""
    for n, data in iter_jsonl(path):
        try:
            yield model.model_validate(data)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or what
            raise ValueError(f"{path}: {what} {n}: {where}: {first['msg']}") from None
