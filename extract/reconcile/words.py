"""Words for explanations: how a key and a star class read to a person.

>>> from extract.reconcile.claims import KeyT
>>> key_words(KeyT("ocop_products", "5", None, "hà nội", "total", None), "Hà Nội")
'OCOP products 5 sao in Hà Nội'
>>> key_words(KeyT("ocop_products", "3+", None, "hà nội", "added", "new"), "Hà Nội")
'OCOP products từ 3 sao trở lên (new) in Hà Nội, added'
"""
from __future__ import annotations

STAR_NAMES = {"3": "3 sao", "4": "4 sao", "5": "5 sao", "5p": "tiềm năng 5 sao", "3+": "từ 3 sao trở lên"}
METRIC_NAMES = {"ocop_products": "OCOP products", "ocop_subjects": "OCOP subjects (chủ thể)",
                "ocop_sales_points": "OCOP sales points", "ocop_centers": "OCOP centres",
                "share_of_national": "share of the country's OCOP products"}
KIND_WORDS = {"total": None, "added": "added", "target": "target"}
STATUS_WORDS = {"new": "new", "renewed": "re-rated"}


def key_words(key, scope: str | None = None) -> str:
    """A key (`KeyT` or `schemas.Key`) in words."""
    metric = METRIC_NAMES.get(key.metric, key.metric)
    star = STAR_NAMES.get(key.star) if key.star else None
    head = " ".join(b for b in (metric, star, f"({key.category})" if key.category else None,
                                f"({STATUS_WORDS[key.status]})" if key.status else None) if b)
    place = scope if scope is not None else getattr(key, "scope", None)
    text = f"{head} in {place}" if place else head
    kind = KIND_WORDS[key.kind]
    return f"{text}, {kind}" if kind else text


CITE_AT_MOST = 3
"""Explanations name at most this many articles for one value, then say how many more."""


def cite(articles) -> str:
    """Article ids for an explanation, sorted, the list cut short when long.

    >>> cite(["b", "a"]), cite(["a", "b", "c", "d", "e"])
    ('a, b', 'a, b, c and 2 more')
    """
    ids = sorted(set(articles))
    shown = ", ".join(ids[:CITE_AT_MOST])
    return shown + (f" and {len(ids) - CITE_AT_MOST} more" if len(ids) > CITE_AT_MOST else "")
