"""Names read from their form (extract/matchers/org_forms.py) are the names the tokenizer's words give:
every organization found in the seeds' sentences and the matchers' examples is the same with the form
reading on and off, and the form reading does spare the tokenizer in the shapes it is made for."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.doc import make_doc
from extract.matchers import HERE, examples, org_forms, org_windows, orgs
from schemas import Article

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    out = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        out += [s.text for s in make_doc(Article(id=p.stem, text=p.read_text(encoding="utf-8"))).sentences]
    names = sorted(p.name.split(".")[0] for p in HERE.glob("*.examples.jsonl"))
    return out + [ex["text"] for name in names for ex in examples(name)]


def _found(text: str) -> list[tuple]:
    return [(m.start, m.end, m.text, m.rule, m.value) for m in orgs.match(text)]


SHAPES = ["Sản phẩm được Hội đồng đánh giá, phân hạng OCOP cấp tỉnh công nhận.",
          "Các cơ sở chế biến, đóng gói sản phẩm (theo Bộ tiêu chí) đều đạt.",
          "Các hợp tác xã và tổ hợp tác cần tiếp tục đổi mới (theo OCOP).",
          "HTX sản xuất, thương mại, dịch vụ Phú Lộc, xã Tân Lập.", "Hộ kinh doanh cơ sở Tâm Nguyên (Huế).",
          "Theo Sở nông nghiệp, Công ty cổ phần thực phẩm DBFOOD; HTX Nấm Ngon Việt."]


def test_form_reading_gives_the_tokenizers_names(monkeypatch):
    sentences = _sentences() + SHAPES
    with_forms = [_found(s) for s in sentences]
    monkeypatch.setattr(org_forms, "name_end", lambda *args, **kwargs: None)   # always ask the tokenizer
    monkeypatch.setattr(org_forms, "no_name", lambda *args, **kwargs: False)
    without = [_found(s) for s in sentences]
    differ = [(s, a, b) for s, a, b in zip(sentences, with_forms, without) if a != b]
    assert not differ, f"{len(differ)} sentences differ, first: {differ[0]}"


@pytest.mark.parametrize("text,name", [
    ("Sản phẩm của Hợp tác xã Nông nghiệp Ngọc An, xã Tân Lập.", "Hợp tác xã Nông nghiệp Ngọc An"),
    ("Trà hoa vàng của Công ty TNHH Gốm Sứ Quang Vinh; nước mắm.", "Công ty TNHH Gốm Sứ Quang Vinh"),
    ("Bánh tráng của HTX Phú Lộc (huyện Cần Giờ).", "HTX Phú Lộc"),
    ("Gạo của Hợp tác xã Bưởi da xanh Quới Sơn.", "Hợp tác xã Bưởi da xanh Quới Sơn"),
])
def test_clear_forms_need_no_tokenizer(monkeypatch, text, name):
    def refuse(*args):
        raise AssertionError(f"the tokenizer was asked about {text!r}")
    monkeypatch.setattr(org_windows, "word_tokens", refuse)
    assert [m.value["name"] for m in orgs.match(text)] == [name]


@pytest.mark.parametrize("text", [
    "Các cơ sở đánh giá, phân hạng theo tiêu chí của tỉnh (OCOP).",
    "Các cơ sở chế biến, đóng gói sản phẩm (theo Bộ tiêu chí) đều đạt.",
    "Các hợp tác xã và tổ hợp tác cần tiếp tục đổi mới (theo OCOP).",
])
def test_lower_case_words_need_no_tokenizer(monkeypatch, text):
    def refuse(*args):
        raise AssertionError(f"the tokenizer was asked about {text!r}")
    monkeypatch.setattr(org_windows, "word_tokens", refuse)
    assert [m.value["name"] for m in orgs.match(text)] == []


@pytest.mark.parametrize("text,agency", [
    ("Hội đồng thẩm định xã Tân Lập.", True),           # an administrative word: the agency's place
    ("hợp tác xã dịch vụ nông nghiệp xã Yên Lạc.", False),   # a commune in a cooperative's name
    ("Cơ sở sản xuất số 2, Hà Nội.", False),             # a digit
])
def test_open_lower_case_words_ask_the_tokenizer(text, agency):
    m = orgs.TRIGGER.search(text)
    assert not org_forms.no_name(text, m.end(), len(text), set(), agency, trades=m.group()[:1].isupper())


@pytest.mark.parametrize("text", [
    "Công ty Minh Khang sản xuất nước mắm.",            # 'Khang' alone or 'Minh Khang': the words decide
    "HTX Dịch Vụ thương mại Phú Lộc.",                  # two capitals among the trades
    "Công ty TNHH Minh Khang Xã Tân Hòa.",               # an administrative word inside the capitals
    "HTX ABC. Sản phẩm",                                # `ABC.` is one token to the tokenizer
])
def test_open_forms_ask_the_tokenizer(text):
    m = orgs.TRIGGER.search(text)
    assert org_forms.name_end(text, m.end(), len(text), set()) is None


def test_the_tokenizer_never_joins_a_word_with_the_mark_after_it():
    """What the form reading assumes of underthesea's CRF (org_forms.py), checked on the seeds: a closing
    mark is never the end of a longer word (`Vinh ,`)."""
    from extract.tokenizers import word_tokenize
    joined = [w for s in _sentences() for w in word_tokenize(s)
              if len(w) > 1 and w[-1] in org_forms.CLOSING and w[-2].isspace()]
    assert not joined, joined[:10]


def test_plain_pieces_are_the_regex_tokenizers_tokens(monkeypatch):
    """Where org_forms reads the pieces of a stretch as underthesea's regex tokens without asking it
    (`_plain`), they are its tokens: on every sentence of the seeds and the examples, and on shapes its
    patterns would join (`ABC.`, `Tp.`, `..`, `:)`, `abc.vn`)."""
    from extract.segment import align
    from extract.tokenizers import regex_tokens
    asked = []
    plain = org_forms._plain

    def recorded(chunk, pieces):
        found = plain(chunk, pieces)
        asked.append((chunk, list(pieces), found))
        return found
    monkeypatch.setattr(org_forms, "_plain", recorded)
    for s in _sentences() + SHAPES:
        orgs.match(s)
    shapes = [(" ABC. Sản", ["ABC", "."]), (" Tp. Hà", ["Tp", "."]), (" sản xuất.. Hà", ["sản", "xuất", "."]),
              (" an:) x", ["an", ":"]), (" abc.vn", ["abc", "."]), (" http:x", ["http", ":"])]
    asked += [(chunk, pieces, plain(chunk, pieces)) for chunk, pieces in shapes]
    said = [(chunk, pieces) for chunk, pieces, found in asked if found]
    assert len(said) >= 10 and not any(found for _, _, found in asked[-len(shapes):])
    wrong = [(chunk, pieces) for chunk, pieces in said
             if [chunk[a:b] for a, b in align(chunk, regex_tokens(chunk))][:len(pieces)] != pieces]
    assert not wrong, wrong[:5]


def test_form_reading_gives_the_tokenizers_names_on_made_sentences(monkeypatch):
    """The same over sentences made of the gazetteer's names in the shapes org_forms reads (a legal form,
    trade words, a place's name as the proper name, then a mark): names the seeds never had, so words the
    CRF could group otherwise."""
    import random
    from extract.gazetteer.data import units
    rng = random.Random(13)
    names = sorted({u.name for u in units() if 2 <= len(u.name.split()) <= 3
                    and all(w[:1].isupper() and w.isalpha() for w in u.name.split())})
    forms = ["Công ty TNHH", "Công ty CP", "HTX", "Hợp tác xã", "Hộ kinh doanh", "Cơ sở sản xuất", "Tổ hợp tác"]
    trades = ["", "Nông nghiệp", "Dược thảo", "thương mại", "dịch vụ nông nghiệp", "Gốm sứ", "yến sào"]
    marks = [", xã Tân Lập", ". Sản phẩm đạt 4 sao", " (huyện Chương Mỹ)", "; nước mắm", ": bánh"]
    sentences = [f"Sản phẩm của {rng.choice(forms)} {rng.choice(trades)} {rng.choice(names)}{rng.choice(marks)}."
                 .replace("  ", " ") for _ in range(300)]
    read = org_forms.name_end
    spared = []
    monkeypatch.setattr(org_forms, "name_end", lambda *a, **k: spared.append(read(*a, **k)) or spared[-1])
    with_forms = [_found(s) for s in sentences]
    monkeypatch.setattr(org_forms, "name_end", lambda *args, **kwargs: None)
    monkeypatch.setattr(org_forms, "no_name", lambda *args, **kwargs: False)
    without = [_found(s) for s in sentences]
    differ = [(s, a, b) for s, a, b in zip(sentences, with_forms, without) if a != b]
    assert not differ, f"{len(differ)} sentences differ, first: {differ[0]}"
    assert sum(e is not None for e in spared) > 250
