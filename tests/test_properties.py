"""Property tests (hypothesis): any text in, no crash, and every offset honest.

- the number and date matchers: every match's `text` equals the slice of the text it points at;
- the whole extractor: every record's evidence text is the cleaned text's slice, inside its sentence.

Texts are drawn from an alphabet rich in what the patterns look at (digits, separators, Vietnamese words
of counting and dating, diacritics in both normal forms, zero-width and non-breaking spaces) so that the
patterns fire often, and in what breaks programs: digits of every Unicode block (some newer than Python's
own tables) and lone surrogates. Example counts come from the hypothesis profile (`HYPOTHESIS_PROFILE=ci`
by default, `deep` by hand for minutes; see hypothesis_profiles.py).
"""
from __future__ import annotations

import importlib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import any_digits, examples, lone_surrogates

WORDS = ["sản phẩm", "OCOP", "sao", "3 sao", "4", "5 sao", "tiềm năng", "hơn", "khoảng", "gần", "năm", "tháng",
         "ngày", "2024", "6/2025", "31/12/2023", "1.317", "64,7%", "105–110", "hai trăm", "ba", "mười", "Hà Nội",
         "tỉnh", "huyện", "HTX", "Công ty", "đạt", "được công nhận", "tính đến", "đến nay", "quý II", "đầu năm",
         "trong đó", "tổng số", "\u200b", "\u00a0", "\n", ", ", ". ", "-", "/", "(", ")", "“", "”",
         unicodedata.normalize("NFD", "Hà Nội"), unicodedata.normalize("NFD", "sản phẩm")]

hostile = st.one_of(any_digits, lone_surrogates, st.tuples(any_digits, st.sampled_from(". , / \u00a0".split(" ")),
                                                          any_digits).map("".join))
vietnamese_texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6), hostile),
                            max_size=40).map(" ".join)
any_texts = st.one_of(vietnamese_texts, st.text(max_size=200))


def matcher(name: str):
    try:
        module = importlib.import_module(f"extract.matchers.{name}")
    except ImportError as e:
        pytest.skip(f"extract.matchers.{name} is not there yet ({e})")
    if not hasattr(module, "match"):
        pytest.skip(f"extract.matchers.{name} has no match() yet")
    return module.match


@pytest.mark.parametrize("name", ["numbers", "dates"])
def test_matcher_any_text_no_crash_and_honest_slices(name):
    match = matcher(name)

    @settings(max_examples=examples(150))
    @given(text=any_texts)
    def check(text):
        for m in match(text):
            assert 0 <= m.start <= m.end <= len(text), (m, text)
            assert text[m.start:m.end] == m.text, (m, text)

    check()


@settings(max_examples=examples(40))
@given(text=vietnamese_texts)
def test_extractor_any_text_no_crash_and_evidence_is_the_cleaned_slice(text):
    from extract.clean import clean
    from extract.pipeline import extract_article
    from schemas import Article
    if any("\ud800" <= ch <= "\udfff" for ch in text):     # not text: refused with a reason, not a crash
        with pytest.raises(ValueError, match="lone surrogate"):
            extract_article(Article(id="prop", text=text))
        return
    result = extract_article(Article(id="prop", text=text))
    cleaned = clean(text).text
    assert result.article.text == cleaned
    for r in result.records:
        ev = r.evidence
        assert cleaned[ev.start:ev.end] == ev.text
        assert ev.text in ev.sentence
        if ev.sentence_start is not None:
            assert cleaned[ev.sentence_start:ev.sentence_start + len(ev.sentence)] == ev.sentence
        if ev.original_start is not None and ev.original_end is not None:
            assert 0 <= ev.original_start <= ev.original_end <= len(text)
    for rejected in result.rejected:
        assert rejected["article_id"] == "prop"
