"""Matchers: each finds one kind of thing in a text and says why (spaCy-style `match`, Duckling-style
examples). Every matcher module `NAME.py` has

- `match(text: str) -> list[Match]`: offsets point into `text`;
- its vocabulary as data beside it (`NAME.vocab.json` or `.tsv`), loaded once;
- `NAME.examples.jsonl`: one example a line, `{"text": ..., "matches": [{"text": ..., attr: value, ...}]}`;
  an example with `"matches": []` is negative: the matcher must find nothing in it. Every expected match
  must be found with exactly that text, and each listed attribute must equal the match's `value[attr]`;
  with `"exact": true` the matcher must find no other match either (negatives are always exact).

`tests/test_matcher_examples.py` runs every example of every matcher.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Match:
    label: str            # "number", "date", "star", "place", "org", ...
    start: int            # offsets into the text the matcher was given
    end: int
    text: str             # text[start:end]
    rule: str             # name of the rule (pattern) that fired
    value: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def shifted(self, offset: int) -> "Match":
        return Match(self.label, self.start + offset, self.end + offset, self.text, self.rule, self.value)


def load_vocab(name: str) -> Any:
    """The vocabulary file `NAME.vocab.json` beside the matchers."""
    return _load_json(str(HERE / f"{name}.vocab.json"))


@lru_cache(maxsize=None)
def _load_json(path: str) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def in_capitals(text: str) -> bool:
    """Letters in `text`, all of them capitals (`HÀ TĨNH CÓ THÊM 35 SẢN PHẨM OCOP`): there capitals say
    nothing of names.

    >>> in_capitals("HÀ TĨNH CÓ 35"), in_capitals("Hà Tĩnh"), in_capitals("35")
    (True, False, False)
    """
    return any(ch.isupper() for ch in text) and not any(ch.islower() for ch in text)


def longest_first(words) -> str:
    """A regex alternation of `words`, longest first so that the longest form wins.

    >>> longest_first(["ba", "ba mươi", "bốn"])
    '(?:ba\\\\ mươi|bốn|ba)'
    """
    import regex
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def examples(name: str) -> list[dict]:
    path = HERE / f"{name}.examples.jsonl"
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                ex = json.loads(line)
                ex["_where"] = f"{path.name}:{n}"
                out.append(ex)
    return out
