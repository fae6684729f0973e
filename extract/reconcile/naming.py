"""Articles named for a person: by title, or (with no title) by their first words, never by a hash id.

Reconciliation's explanations cite articles by id (ids are what records carry); `name_articles` rewrites
the explanations of facts and findings with the names, once the articles are known.

>>> names = article_names([{"id": "001_d4", "title": "# Hà Nội tiên phong", "text": "…"},
...                        {"id": "002_55", "title": None, "text": "Dấu mốc đặc biệt đầu tiên ghi nhận vào năm 2020, khi 4 sản phẩm"}])
>>> names["001_d4"], names["002_55"]
('“Hà Nội tiên phong”', '“Dấu mốc đặc biệt đầu tiên ghi nhận …”')
>>> rename("001_d4 counts 9; 002_55 and 001_d4x count 6", names)
'“Hà Nội tiên phong” counts 9; “Dấu mốc đặc biệt đầu tiên ghi nhận …” and 001_d4x count 6'
"""
from __future__ import annotations

import re
from typing import Any, Iterable

FIRST_WORDS = 8
"""An article without a title is named by this many of its first words."""
TITLE_AT_MOST = 90
"""A longer title is cut (at a word) to this many characters."""


def _short(text: str, limit: int = TITLE_AT_MOST) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def article_name(article: dict) -> str:
    """“Title”, or “its first words …”, or the id when the article has neither."""
    title = re.sub(r"^#+\s*", "", (article.get("title") or "").strip()).strip()
    if title:
        return f"“{_short(title)}”"
    words = (article.get("text") or "").split()
    if words:
        head = " ".join(words[:FIRST_WORDS])
        return f"“{_short(head)}{' …' if len(words) > FIRST_WORDS else ''}”"
    return str(article.get("id"))


def article_names(articles: Iterable[Any]) -> dict[str, str]:
    out = {}
    for a in articles:
        a = a if isinstance(a, dict) else a.model_dump(mode="json")
        if a.get("id"):
            out[a["id"]] = article_name(a)
    return out


def rename(text: str | None, names: dict[str, str]) -> str | None:
    """`text` with every article id (a whole word) replaced by the article's name."""
    if not text or not names:
        return text
    pattern = _pattern(tuple(sorted(names, key=len, reverse=True)))
    return pattern.sub(lambda m: names[m.group(0)], text)


_CACHE: dict[tuple, re.Pattern] = {}
_BESIDE = r"[\w#@-]"
"""What an article id cited in a text does not touch on either side (else it is part of a longer word)."""
TRIE_AT_MOST = 200
"""Ids up to this long are matched through a tree of their characters (longer ones: as a list of them)."""


def _pattern(ids: tuple[str, ...]) -> re.Pattern:
    """Any of `ids` (longest first) as a whole word. The ids are put in a tree of their characters, so that a
    place where an id may begin tries its next characters once instead of every id in turn (on 500
    articles 12 times faster); a longer id is tried before an id it starts with, as in a list of them
    longest first, so it matches the same."""
    if ids not in _CACHE:
        _CACHE.clear()
        if all(ids) and max(map(len, ids), default=0) <= TRIE_AT_MOST:
            body = _tree(ids)
        else:
            body = "(?:" + "|".join(map(re.escape, ids)) + ")"
        _CACHE[ids] = re.compile(f"(?<!{_BESIDE}){body}(?!{_BESIDE})")
    return _CACHE[ids]


def _tree(ids: tuple[str, ...]) -> str:
    """A pattern of `ids` (none empty) as a tree: `ab(?:c(?:d)?|e)?` for `ab`, `abc`, `abcd`, `abe`. The branches
    of a node begin with different characters (at most one can match); where an id ends and a longer one
    goes on, the longer is tried first (a greedy `?`) and the shorter when what follows does not fit."""
    root: dict = {}
    for w in ids:
        node = root
        for ch in w:
            node = node.get(ch) or node.setdefault(ch, {})
        node[""] = True
    escaped: dict[str, str] = {}

    def pattern(node: dict) -> str:
        branches = []
        for ch, child in node.items():
            if ch:
                run = [escaped.get(ch) or escaped.setdefault(ch, re.escape(ch))]
                while len(child) == 1 and "" not in child:      # (a chain of single characters, as one run)
                    (ch, child), = child.items()
                    run.append(escaped.get(ch) or escaped.setdefault(ch, re.escape(ch)))
                branches.append("".join(run) + pattern(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return pattern(root)


def name_articles(result, names: dict[str, str]) -> None:
    """Rewrite the explanations of a `ReconcileResult`'s facts and findings with article names
    (`article_names(articles)`)."""
    if not names:
        return
    pattern = _pattern(tuple(sorted(names, key=len, reverse=True)))     # once, not once a text

    def named(text: str | None) -> str | None:
        return pattern.sub(lambda m: names[m.group(0)], text) if text else text
    for f in result.facts:
        f.explanation = named(f.explanation)
        f.support = [named(line) for line in f.support]
    for c in result.conflicts:
        c.explanation = named(c.explanation)
