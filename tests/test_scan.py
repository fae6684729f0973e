"""Matchers that try their patterns only where `re` finds a start (extract/matchers/scan.py) find what a
full `regex` scan finds: on every sentence of the seeds and every matcher example, the same matches with
the same groups; and `re` folds case at least as widely as `regex` for every character of the words used."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex

from extract.assemble import cues
from extract.doc import make_doc
from extract.matchers import HERE, dates, examples, numbers, orgs, places, scan
from extract.matchers.numerals import without_invisible
from schemas import Article

ROOT = Path(__file__).resolve().parent.parent


def _cue_lists():
    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, (*path, k))
        elif isinstance(node, list) and node and all(isinstance(w, str) for w in node) and len(path) >= 2:
            yield path
    return [p for p in walk(cues.VOCAB, ()) if not p[-1].startswith("_")]


def _scanners():
    out = [("dates", dates.PATTERN, dates.STARTS, [w.split()[0] for w in dates.FIRST_WORDS]),
           ("numbers", numbers.PATTERN, numbers.STARTS, [w.split()[0] for w in numbers.FIRST_WORDS]),
           ("places", places.pattern(), places._starts(),
            [*places.VOCAB["country"], *places.ADMIN, *places.VOCAB["generic"], *places._canonical()]),
           ("orgs", orgs.TRIGGER, orgs.TRIGGER_STARTS, [*orgs.BUSINESS, *orgs.AGENCY])]
    out += [(f"cues {'/'.join(p)}", cues.pattern(*p), cues.starts(*p), cues.words(*p)) for p in _cue_lists()]
    return out


SCANNERS = _scanners()


def _texts() -> list[str]:
    out = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        out += [s.text for s in make_doc(Article(id=p.stem, text=p.read_text(encoding="utf-8"))).sentences]
    names = sorted(p.name.split(".")[0] for p in HERE.glob("*.examples.jsonl"))
    out += [ex["text"] for name in names for ex in examples(name)]
    return [without_invisible(t)[0] for t in out] + ["(12/2024)", "ĐẾN NAY 5", "Kỳ 2", "ſáng 16/6"]


def _all(m) -> tuple:
    return m.span(), m.groupdict() if m.re.groupindex else m.group()


@pytest.mark.parametrize("name,pattern,starts,words", SCANNERS, ids=[s[0] for s in SCANNERS])
def test_scan_finds_what_the_full_scan_finds(name, pattern, starts, words):
    for text in _texts():
        assert [_all(m) for m in scan.finditer(pattern, starts, text)] == [_all(m) for m in pattern.finditer(text)], text
        first = pattern.search(text, 3)
        found = scan.search(pattern, starts, text, 3)
        assert (found and _all(found)) == (first and _all(first)), text


def test_re_folds_every_character_regex_folds():
    chars = sorted({c for *_, words in SCANNERS for w in words for c in w})
    either = regex.compile("(?i)[" + "".join(regex.escape(c) for c in chars) + "]")
    folded = [chr(u) for u in range(sys.maxunicode + 1) if either.fullmatch(chr(u))]
    missed = [(c, u) for u in folded for c in chars
              if regex.fullmatch(regex.escape(c), u, regex.IGNORECASE) and not re.fullmatch(re.escape(c), u, re.IGNORECASE)]
    assert not missed, missed


def test_word_characters_are_word_characters_to_regex():
    cls = re.compile(f"[{scan.WORD_CHARACTERS}]")
    for u in range(0x2000):
        if cls.fullmatch(chr(u)):
            assert regex.fullmatch(r"\w", chr(u)) and (chr(u).isdigit() or regex.fullmatch(r"\p{L}", chr(u)))
