"""Output models built from values reconciliation made itself (facts, findings, their claims): not
validated again, and all the models of one shape share one set of the field names given (pydantic keeps
such a set with every model, about 700 bytes: a million claims in findings would carry 700 MB of them).

What `model_construct` does, without its per-field work in Python (and without its look at each default
factory's signature, which leaves a cycle of objects behind each call: a million with the collector off):

>>> from schemas import Conflict, Key, Suggested
>>> a, b = built(Suggested, value=3, rule="sources"), built(Suggested, value=4, rule="sources")
>>> a.model_dump_json(), a.model_fields_set is b.model_fields_set, a.model_fields_set == {"value", "rule"}
('{"value":3,"rule":"sources","as_of":null}', True, True)
>>> kw = dict(id="c-1", type="decrease", severity="low", key=Key(metric="m", kind="total"), explanation="x")
>>> c = built(Conflict, **kw)
>>> c.model_dump_json() == Conflict.model_construct(**kw).model_dump_json() == Conflict(**kw).model_dump_json()
True
>>> c.check_claims.append("y"); built(Conflict, **kw).check_claims
[]
"""
from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

M = TypeVar("M", bound=BaseModel)

_SHAPES: dict[tuple, tuple] = {}
_set = object.__setattr__


def _shape(model: type[BaseModel], given: tuple[str, ...]) -> tuple:
    """(names given as a set, the defaults before them, those after them) when the names given are the
    model's fields in order with only defaults around them; (names, None, None) otherwise."""
    assert not model.__pydantic_root_model__ and not model.__pydantic_post_init__
    fields = list(model.model_fields.items())
    names = [n for n, _ in fields]
    k = names.index(given[0]) if given and given[0] in names else -1
    if k < 0 or tuple(names[k:k + len(given)]) != given:
        return set(given), None, None
    around = [(n, f.default, f.default_factory) for n, f in fields if n not in given]
    if any(f is None and d is PydanticUndefined for _, d, f in around):
        return set(given), None, None       # a required field missing: as model_construct, left out
    return set(given), around[:k], around[k:]


def built(model: type[M], **values: Any) -> M:
    """`model.model_construct(**values)`, the set of field names given shared by every such call. The
    fields are set one by one in the model's order, so that the instances of a model share their
    dicts' keys (CPython's key-sharing instance dicts: about half the memory of a dict each)."""
    key = (model, *values)
    make = _SHAPES.get(key)
    if make is None:
        make = _SHAPES[key] = _maker(model, tuple(values))
    return make(values)


def _maker(model: type[M], given: tuple[str, ...]):
    """`make(values)`: the model of a dict of the fields `given`, as straight-line code made once a shape
    (a million claims in findings are built this way), or by a loop over the model's fields when the names
    given are not its fields in order."""
    names, before, after = _shape(model, given)
    space: dict[str, Any] = {"new": model.__new__, "model": model, "_set": _set, "names": names}
    lines = ["def make(v):", "    m = new(model)"]
    if before is None:
        lines += ["    for name, f in model.model_fields.items():",
                  "        if name in v:",
                  "            _set(m, name, v[name])",
                  "        elif f.default_factory is not None:",
                  "            _set(m, name, f.default_factory())",
                  "        elif f.default is not undefined:",
                  "            _set(m, name, f.default)"]
        space["undefined"] = PydanticUndefined
    else:
        for n, (name, default, factory) in enumerate([*before, *((g, None, None) for g in given), *after]):
            if name in given:
                lines.append(f"    _set(m, {name!r}, v[{name!r}])")
            elif factory is not None:
                space[f"d{n}"] = factory
                lines.append(f"    _set(m, {name!r}, d{n}())")
            else:
                space[f"d{n}"] = default
                lines.append(f"    _set(m, {name!r}, d{n})")
    lines += ["    _set(m, '__pydantic_fields_set__', names)", "    _set(m, '__pydantic_extra__', None)",
              "    _set(m, '__pydantic_private__', None)", "    return m"]
    exec("\n".join(lines), space)
    return space["make"]


def set_field(m: BaseModel, name: str, value: Any) -> None:
    """`m.name = value` as pydantic does it for a field of a model that does not validate assignments (the
    value set, the name added to the fields set), without its look at the model's `__dict__`: that makes
    CPython give the model a dict object of its own (its values were kept inline), 64 bytes more for
    each of a million."""
    _set(m, name, value)
    m.__pydantic_fields_set__.add(name)
