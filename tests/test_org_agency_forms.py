"""Agencies' names read from their form (extract/matchers/org_agency_forms.py) are the names the
tokenizer's words give: every organization found in the seeds' sentences, the matchers' examples, the
whole-article examples and the dev set's articles (when ../shared is there) is the same with the form
reading on and off; the word boundaries the form reading assumes of underthesea's CRF are where the CRF
puts them in all those sentences; and the form reading does spare the tokenizer in the shapes it is made
for, and only there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from extract.doc import make_doc
from extract.gazetteer.names import lookup
from extract.matchers import HERE, examples, org_agency_forms, org_windows, orgs
from extract.segment import word_tokens
from schemas import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "articles"
EXAMPLES = ROOT / "tests" / "data" / "extraction_examples.jsonl"


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    out = [s.text for i, t in enumerate(texts) for s in make_doc(Article(id=f"t{i}", text=t)).sentences]
    names = sorted(p.name.split(".")[0] for p in HERE.glob("*.examples.jsonl"))
    return out + [ex["text"] for name in names for ex in examples(name)] + SHAPES


SHAPES = ["Ngày 11/3, UBND tỉnh Long An ban hành quyết định.", "Hội đồng OCOP Thành phố đã họp.",
          "UBND thành phố Hà Nội, Sở Công Thương và UBND huyện Gia Lâm (Hà Nội) tổ chức hội nghị.",
          "Văn phòng Điều phối NTM Thành phố đã triển khai.", "Hội đồng OCOP tỉnh Kon Tum giao Sở Nông nghiệp.",
          "UBND tỉnh Long An Nguyễn Văn Út cho biết.", "UBND tỉnh công nhận 20 sản phẩm.",
          "UBND TP Hà Nội; UBND thị xã Sơn Tây: Hội đồng thị trấn Trâu Quỳ."]


def _found(sentences: list[str]) -> list[list[tuple]]:
    return [[(m.start, m.end, m.text, m.rule, m.value) for m in orgs.match(s)] for s in sentences]


def test_form_reading_gives_the_tokenizers_names(monkeypatch):
    sentences = _sentences()
    read = org_agency_forms.name_end
    spared = []

    def counted(*args, **kwargs):
        end = read(*args, **kwargs)
        spared.append(end is not None)
        return end
    monkeypatch.setattr(org_agency_forms, "name_end", counted)
    with_forms = _found(sentences)
    monkeypatch.setattr(org_agency_forms, "name_end", lambda *args, **kwargs: None)   # always ask the tokenizer
    without = _found(sentences)
    differ = [(s, a, b) for s, a, b in zip(sentences, with_forms, without) if a != b]
    assert not differ, f"{len(differ)} sentences differ, first: {differ[0]}"
    assert sum(spared) >= 40, sum(spared)       # the shape is common: the comparison is not empty


_TWO_SYLLABLES = sorted(w for w in org_agency_forms.PLACE_WORDS if " " in w)
_PLACE_WORD = "|".join(sorted(org_agency_forms.PLACE_WORDS, key=len, reverse=True))
_AGENCY_HEAD = "|".join(sorted(orgs.AGENCY, key=len, reverse=True))
# a two-syllable administrative word after a capitalized syllable or an agency's legal form
_TWO_AFTER = regex.compile(rf"(?:(?<![\p{{L}}\p{{M}}])(?:{_AGENCY_HEAD})|\p{{Lu}}\p{{L}}*)\s+"
                           rf"(?P<word>(?i:{'|'.join(_TWO_SYLLABLES)}))(?![\p{{L}}\p{{M}}])")
# a place's name of two syllables or more after an administrative word, then a lower-case syllable
_NAME_AFTER = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_PLACE_WORD})"
                            r"(?P<name>(?:\s+\p{Lu}\p{L}*){2,})(?=\s+\p{Ll})")


def test_the_crf_puts_the_boundaries_the_form_reading_assumes():
    """org_agency_forms.py assumes of underthesea's CRF, checked here on every sentence: a two-syllable
    administrative word after a capitalized syllable or an agency's legal form is one word, with a
    boundary before it and, when a lower-case syllable follows, after it; a place's name of two syllables
    or more that the gazetteer knows, after an administrative word and before a lower-case syllable, does
    not have its last syllable begin a word that runs past it."""
    wrong, seen = [], 0
    for s in _sentences():
        twos = list(_TWO_AFTER.finditer(s, overlapped=True))
        names = [m for m in _NAME_AFTER.finditer(s, overlapped=True) if lookup(m.group("name").strip())]
        if not twos and not names:
            continue
        tokens = word_tokens(s)
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        for m in twos:
            seen += 1
            inside = m.start("word") + len(m.group("word").split()[0])
            lower_after = regex.match(r"\s+\p{Ll}", s[m.end("word"):])
            if m.start("word") not in starts or any(inside < t.start < m.end("word") for t in tokens) \
                    or (lower_after and m.end("word") not in ends):
                wrong.append((s, m.group()))
        for m in names:
            seen += 1
            last = m.start("name") + m.group("name").rindex(" ") + 1      # the name's last syllable
            if m.end("name") not in ends and last in starts:
                wrong.append((s, m.group()))
    assert not wrong, f"{len(wrong)} of {seen}, first: {wrong[:3]}"
    assert seen > 100, seen


@pytest.mark.parametrize("text,name", [
    ("Ngày 11/3, UBND tỉnh Long An ban hành quyết định.", "UBND tỉnh Long An"),
    ("Hội đồng OCOP Thành phố đã tổ chức 14 hội nghị.", "Hội đồng OCOP Thành phố"),
    ("Theo UBND thành phố Hà Nội, các công ty đều tham gia.", "UBND thành phố Hà Nội"),
    ("Hội đồng OCOP tỉnh Cà Mau (khóa mới) họp xét.", "Hội đồng OCOP tỉnh Cà Mau"),
    ("Theo UBND tỉnh (Quảng Nam), năm nay có thêm.", "UBND tỉnh"),
])
def test_clear_agency_forms_need_no_tokenizer(monkeypatch, text, name):
    def refuse(*args):
        raise AssertionError(f"the tokenizer was asked about {text!r}")
    monkeypatch.setattr(org_windows, "word_tokens", refuse)
    assert [m.value["name"] for m in orgs.match(text)] == [name]


@pytest.mark.parametrize("text", [
    "UBND tỉnh công nhận 20 sản phẩm.",                  # `tỉnh công`: a one-syllable place word, then lower case
    "Sở Nông nghiệp và PTNT tỉnh Long An tổ chức.",      # lower-case words before the place
    "UBND tỉnh Long An Nguyễn Văn Út cho biết.",         # a person's name after the place's
    "UBND tỉnh Xyzw Qrst tổ chức hội nghị.",             # a name the gazetteer does not know, then lower case
    "UBND tỉnh LA. Sau đó",                              # `LA.` is one regex token
    "UBND Hà Nội tỉnh Long An.",                         # a province's name before the place word
    "UBND Phó tỉnh Long An.",                            # a title right after the legal form
    "UBND thành phố Hà Nội 2024.",                       # a digit after the name
])
def test_open_agency_forms_ask_the_tokenizer(text):
    m = orgs.TRIGGER.search(text)
    assert org_agency_forms.name_end(text, m.end(), len(text), set()) is None


def test_a_legal_form_among_the_words_asks_the_tokenizer():
    text = "UBND Sở tỉnh Long An."
    assert org_agency_forms.name_end(text, 4, len(text), {5}) is None
    assert org_agency_forms.name_end(text, 4, len(text), set()) == len("UBND Sở tỉnh Long An")
