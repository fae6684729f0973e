"""Stable ids: a short hash of what makes a fact or finding what it is, so runs over the same records
give the same ids.

>>> stable_id("c", "value_mismatch", ["a#1", "b#2"]) == stable_id("c", "value_mismatch", ["a#1", "b#2"])
True
>>> stable_id("c", "x")[:2], len(stable_id("c", "x"))
('c-', 14)
"""
from __future__ import annotations

import hashlib
import json

from .places import place_key


def _canonical():
    """`json.dumps(x, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))`, its C encoder
    made once (`json.dumps` makes one a call: half its time for a fact's id; without the check for circular
    references, which ids' plain values never have). Falls back to `json.dumps` without the C encoder."""
    from json import encoder
    if encoder.c_make_encoder is None:
        return lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    make = encoder.c_make_encoder(None, str, encoder.encode_basestring, None, ":", ",", True, False, True)
    return lambda x: "".join(make(x, 0))


_CANONICAL = _canonical()


def stable_id(prefix: str, *parts) -> str:
    """`prefix-` and 12 hex digits of the SHA-1 of the parts as canonical JSON."""
    blob = _CANONICAL(parts)
    return f"{prefix}-{hashlib.sha1(blob.encode('utf-8')).hexdigest()[:12]}"


def key_identity(key) -> list:
    """What a key (`schemas.Key`) is, for ids and matching: the place normalized, so that another
    spelling of it (`TP Hà Nội`) does not change an id.

    >>> from schemas import Key
    >>> key_identity(Key(metric="ocop_products", star="5", scope="TP Hà Nội", kind="total"))
    ['ocop_products', '5', None, 'hà nội', 'total', None]
    """
    return [key.metric, key.star, key.category, place_key(key.scope), key.kind, getattr(key, "status", None)]
