"""Cleaning (extract/clean/): every example of extract/clean/clean.examples.jsonl, the seeds (offsets map back,
NFD and invisible characters change nothing, page furniture and other stories go, the article stays), and
properties of the offset map on any text."""
from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from hypothesis_profiles import any_digits, examples, lone_surrogates

from extract.clean import Cleaned, clean, explain
from extract.clean.unicode import normalize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_PATH = ROOT / "extract" / "clean" / "clean.examples.jsonl"
SEEDS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))}
RELATED_HEADING = "Có thể bạn quan tâm"


def load_examples() -> list[tuple[str, dict]]:
    out = []
    with open(EXAMPLES_PATH, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                out.append((f"{EXAMPLES_PATH.name}:{n}", json.loads(line)))
    return out


EXAMPLES = load_examples()


# ---- checks shared by every test -------------------------------------------------------------------

def spaces_and_breaks(ch: str) -> str:
    """What the cleaner turns one source character into (None-like '' when it removes it)."""
    if ch in "\r\n\x0b\x0c\x85\u2028\u2029":
        return "\n"
    if ch == "\t" or unicodedata.category(ch) == "Zs":
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return ""
    return ch


def assert_offsets_exact(c: Cleaned) -> None:
    """The map's shape, and every kept character found again at its offset in the original."""
    assert len(c.index) == len(c.text) + 1
    assert all(c.index[i] <= c.index[i + 1] for i in range(len(c.text))), "index is not monotonic"
    assert c.index[-1] <= len(c.original)
    for i, ch in enumerate(c.text):
        source = c.original[c.index[i]:c.source_end(i)]
        assert source, f"character {i} {ch!r} has an empty source"
        mapped = unicodedata.normalize("NFC", "".join(spaces_and_breaks(x) for x in source))
        assert mapped.startswith(ch), f"character {i} {ch!r} maps back to {source!r}"


def assert_lines_whole(c: Cleaned) -> None:
    """Every cleaned line is a whole line of the (normalized) original: nothing was cut inside a line."""
    original_lines = set(normalize(c.original).text.split("\n"))
    for line in c.text.split("\n"):
        assert line == "" or line in original_lines, f"{line!r} is not a whole line of the original"


# ---- examples -------------------------------------------------------------------------------------

def test_examples_have_positive_and_negative_cases():
    assert any("absent" in ex or ("clean" in ex and ex["clean"] != ex["raw"]) for _, ex in EXAMPLES)
    assert any("clean" in ex and ex["clean"] == ex["raw"] for _, ex in EXAMPLES), "no example of text kept as is"


@pytest.mark.parametrize("where,ex", EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_example(where, ex):
    assert {"clean", "absent", "present"} & ex.keys(), f"{where}: says nothing to check"
    c = clean(ex["raw"])
    if "clean" in ex:
        assert c.text == ex["clean"], f"{where}: {ex['comment']}\ndropped: {explain(ex['raw'])}"
    for gone in ex.get("absent", []):
        assert gone not in c.text, f"{where}: {gone!r} should be gone"
    for kept in ex.get("present", []):
        assert kept in c.text, f"{where}: {kept!r} should stay; dropped: {explain(ex['raw'])}"
    assert_offsets_exact(c)
    assert_lines_whole(c)


# ---- seeds ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_offsets_map_back(name):
    c = clean(SEEDS[name])
    assert_offsets_exact(c)
    assert_lines_whole(c)
    # a span maps back to the same words (the seeds are NFC, so exactly, NBSP aside)
    rng = random.Random(name)
    for _ in range(200):
        a = rng.randrange(len(c.text))
        b = min(len(c.text), a + rng.randrange(1, 40))
        if "\n" not in c.text[a:b]:
            assert c.original_slice(a, b).replace("\u00a0", " ") == c.text[a:b]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_in_nfd_cleans_to_the_same_text(name):
    nfd = unicodedata.normalize("NFD", SEEDS[name])
    assert nfd != SEEDS[name]
    c = clean(nfd)
    assert c.text == clean(SEEDS[name]).text
    assert_offsets_exact(c)


def sprinkle(text: str, seed: str) -> tuple[str, str]:
    """Zero-width characters, soft hyphens and NBSPs inserted inside words; and the same text with only
    the NBSPs, as plain spaces (what the cleaner should see)."""
    rng = random.Random(seed)
    noisy, plain = [], []
    for ch in text:
        noisy.append(ch)
        plain.append(ch)
        if ch.isalpha() and rng.random() < 0.08:
            noisy.append(rng.choice(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]))
        elif ch.isalpha() and rng.random() < 0.01:
            noisy.append("\u00a0")
            plain.append(" ")
    return "".join(noisy), "".join(plain)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_with_invisible_characters_cleans_to_the_same_text(name):
    noisy, plain = sprinkle(SEEDS[name], name)
    c = clean(noisy)
    assert c.text == clean(plain).text
    assert_offsets_exact(c)
    assert "\u200b" not in c.text and "\u00a0" not in c.text


# What a person reading the seeds marks as not the article (captions, widgets, other stories).
NOT_ARTICLE = {
    "000_81a9d1e10ca821b1": ["Nam Sơn (t/h)"],
    "001_d422352a16ae81a9": ["Theo dõi Pháp luật & Xã hội trên", "Ảnh: VGP |", "Ảnh: TTXVN |", "![]()",
                             "Nâng tầm sản phẩm OCOP nông nghiệp", "Gìn giữ bản sắc, tinh hoa",
                             "Bảo tồn văn hóa làng nghề qua", "Pháp luật và Xã hội", "Mở Zalo"],
    "004_16b518ffe5fb6797": ["(Ảnh NGỌC SƠN)", RELATED_HEADING, "Kinh tế số thúc đẩy", "Quảng Ninh: Bảo đảm",
                             "VN-Index", "sổ đỏ", "Cục Thuế", "Giá vàng", "Luật Dầu khí", "bất động sản"],
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_furniture_and_other_stories_are_gone(name):
    text = clean(SEEDS[name]).text
    for gone in NOT_ARTICLE.get(name, []):
        assert gone not in text, f"{name}: {gone!r} is still there"
    assert text == text.strip(), "blank lines left at the start or the end"
    assert "\n\n\n" not in text


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_article_lines_stay(name):
    """Every body line that speaks of products (before any related-story heading, not marked above as
    furniture) is a line of the cleaned text; so are 001's headline and section headings."""
    body = SEEDS[name].split(RELATED_HEADING)[0]
    kept = set(clean(SEEDS[name]).text.split("\n"))
    not_article = NOT_ARTICLE.get(name, [])
    lines = [l for l in body.split("\n") if "sản phẩm" in l and not any(x in l for x in not_article)]
    assert lines
    for line in lines:
        assert line.replace("\u00a0", " ") in kept, f"{name}: lost {line[:80]!r}"


def test_seed_001_headings_stay():
    kept = clean(SEEDS["001_d422352a16ae81a9"]).text.split("\n")
    for heading in ["Hà Nội tiên phong lan tỏa giá trị nông sản và tinh hoa làng nghề Việt",
                    "Dẫn đầu cả nước về số lượng và chất lượng sản phẩm OCOP",
                    "Những sản phẩm tiêu biểu của Thủ đô",
                    "Mở rộng kết nối, xúc tiến tiêu thụ sản phẩm OCOP"]:
        assert heading in kept


def test_seed_004_ends_with_the_article():
    text = clean(SEEDS["004_16b518ffe5fb6797"]).text
    assert text.endswith("sản phẩm OCOP du lịch…")
    assert text.startswith("Hà Nội: Gia tăng giá trị từ sản phẩm OCOP\n\n")


def test_to_original_spans():
    c = clean("Thứ tư 12/3/2025 08:15\r\nHa\u0300 Nội có 9 sản phẩm.\r\n")
    start = c.text.index("Hà")
    assert c.original_slice(start, start + 6) == "Ha\u0300 Nội"
    assert c.to_original(start, start) == (c.index[start],) * 2
    assert c.to_original(len(c.text), len(c.text)) == (c.index[-1],) * 2
    with pytest.raises(ValueError, match="not inside"):
        c.to_original(3, len(c.text) + 5)


# ---- properties -----------------------------------------------------------------------------------

PIECES = ["Hà Nội", "Ha\u0300", "o\u0323\u0302", "\u0301", "sản phẩm", " ", "\n", "\n\n", "\r\n", "\r", "\t",
          "\u00a0", "\u200b", "\u00ad", "\ufeff", "\x00", "3 sao.", "Ảnh: VGP |", "(Ảnh: TL)", "Chia sẻ",
          "Có thể bạn quan tâm", "Tin liên quan:", "![]() |", "Nam Sơn (t/h)", "Pháp luật và Xã hội",
          "Thứ tư 12/3/2025 08:15", "{title}", "anh-1.jpg", "\u1100\u1161\u11a8", "\u0f73", "\u212b", "x" * 130 + "."]
texts = st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(PIECES), any_digits, lone_surrogates),
                                     max_size=40).map("".join))


@settings(max_examples=examples(300))
@given(texts)
def test_any_text_gives_a_consistent_map(raw):
    c = clean(raw)
    assert len(c.index) == len(c.text) + 1
    assert all(c.index[i] <= c.index[i + 1] for i in range(len(c.text)))
    assert 0 <= c.index[0] and c.index[-1] <= len(raw)
    assert all(c.index[i] < c.source_end(i) <= len(raw) for i in range(len(c.text)))
    assert_lines_whole(c)
    if c.text:
        a, b = c.to_original(0, len(c.text))
        assert 0 <= a <= b <= len(raw)
