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

_NAMES: dict[tuple, set[str]] = {}
_FIELDS: dict[type, list[tuple[str, Any, Any]]] = {}
_set = object.__setattr__


def _fields(model: type[BaseModel]) -> list[tuple[str, Any, Any]]:
    """(name, default, default factory) of each field, in the model's order."""
    out = _FIELDS.get(model)
    if out is None:
        assert not model.__pydantic_root_model__ and not model.__pydantic_post_init__
        out = _FIELDS[model] = [(name, f.default, f.default_factory) for name, f in model.model_fields.items()]
    return out


def built(model: type[M], **values: Any) -> M:
    """`model.model_construct(**values)`, the set of field names given shared by every such call."""
    shape = (model, *values)
    names = _NAMES.get(shape)
    if names is None:
        names = _NAMES[shape] = set(values)
    data = {}
    for name, default, factory in _fields(model):
        if name in values:
            data[name] = values[name]
        elif factory is not None:
            data[name] = factory()
        elif default is not PydanticUndefined:
            data[name] = default
    m = model.__new__(model)
    _set(m, "__dict__", data)
    _set(m, "__pydantic_fields_set__", names)
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
