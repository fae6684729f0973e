"""Article ids in explanations replaced by the articles' names: the tree of the ids' characters
(`naming._tree`) matches what the plain list of the ids, longest first, matches."""
from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from extract.reconcile import naming


def _listed(ids: tuple[str, ...]) -> re.Pattern:
    """The pattern as it was: every id in turn, longest first."""
    return re.compile(r"(?<![\w#@-])(?:" + "|".join(map(re.escape, ids)) + r")(?![\w#@-])")


def _both(names: dict[str, str], text: str) -> tuple[str, str]:
    ids = tuple(sorted(names, key=len, reverse=True))
    naming._CACHE.clear()
    got = naming._pattern(ids).sub(lambda m: names[m.group(0)], text)
    want = _listed(ids).sub(lambda m: names[m.group(0)], text)
    return got, want


def test_ids_that_begin_other_ids_are_named_as_the_list_names_them():
    names = {i: f"<{i}>" for i in ("001", "001_a", "001_ab", "001-b", "01", "a.b", "a.b.c", "x y", "x", "Đà_1")}
    text = ("001 và 001_a, 001_ab; 001_abc 001-b-c 001-b #001 @01 a.b.c a.b.d x y x yz 0011 Đà_1 Đà_12 "
            "(001_a) 001_a.")
    got, want = _both(names, text)
    assert got == want
    assert "<001_ab>" in got and "<a.b.c>" in got and "<x y>" in got and "<Đà_1>" in got and "001_abc" in got


def test_many_ids_of_a_corpus_are_named_alike():
    rng = random.Random(5)
    ids = [f"bench_{n:07d}" for n in range(600)] + [f"bench_{n:07d}_{rng.randint(0, 9)}" for n in range(0, 600, 7)]
    names = {i: f"“{i[::-1]}”" for i in ids}
    words = ids + ["bench_", "bench_00000", "và", "-", "#", "bench_0000001x", "(", ")", ","]
    for _ in range(50):
        text = " ".join(rng.choice(words) for _ in range(40))
        got, want = _both(names, text)
        assert got == want


def test_a_long_id_is_named_too():
    long = "a" * (naming.TRIE_AT_MOST + 5)
    names = {long: "L", "a": "A", "aa": "AA"}
    got, want = _both(names, f"{long} a aa aaa {long}a")
    assert got == want == "L A AA aaa " + long + "a"


@given(st.lists(st.text(alphabet="ab_-. #1", min_size=1, max_size=5), min_size=1, max_size=8, unique=True),
       st.text(alphabet="ab_-. #1,", max_size=40))
def test_any_ids_in_any_text(ids, text):
    names = {i: f"[{n}]" for n, i in enumerate(ids)}
    got, want = _both(names, text)
    assert got == want
