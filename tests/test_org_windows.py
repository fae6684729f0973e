"""Names read over the words of short windows (extract/matchers/org_windows.py) are the names read over
the words of the sentence's whole stretch of names: every organization found in the seeds' sentences, the
dev set's (when ../shared is there) and the matchers' examples is the same both ways; a name with more of
its sentence after it is read over fewer characters; a name that runs past its first window is read whole;
an agency's name is read without the tokenizer, over windows of its own form-read words (the same test)."""
from __future__ import annotations

from pathlib import Path

from extract.doc import make_doc
from extract.matchers import HERE, agency_words, examples, org_windows, orgs
from schemas import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "articles"


def _sentences() -> list[str]:
    out = []
    for folder in (ROOT / "corpus", DEV):
        for p in sorted(folder.glob("*.txt")):
            out += [s.text for s in make_doc(Article(id=p.stem, text=p.read_text(encoding="utf-8"))).sentences]
    names = sorted(p.name.split(".")[0] for p in HERE.glob("*.examples.jsonl"))
    return out + [ex["text"] for name in names for ex in examples(name)]


def _found(sentences: list[str], monkeypatch) -> tuple[list, int]:
    """Every sentence's organizations, and the characters given to the tokenizer."""
    asked = []
    words = org_windows.word_tokens

    def counted(text, start, end):
        asked.append(end - start)
        return words(text, start, end)
    monkeypatch.setattr(org_windows, "word_tokens", counted)
    found = [[(m.start, m.end, m.text, m.rule, m.value) for m in orgs.match(s)] for s in sentences]
    return found, sum(asked)


def test_short_windows_read_the_names_of_the_whole_stretch(monkeypatch):
    sentences = _sentences()
    short, _ = _found(sentences, monkeypatch)
    monkeypatch.setattr(org_windows, "FIRST_WINDOW", 10_000)      # every window the whole stretch
    monkeypatch.setattr(agency_words, "FIRST_WINDOW", 10_000)     # (an agency's too)
    whole, _ = _found(sentences, monkeypatch)
    differ = [(s, a, b) for s, a, b in zip(sentences, short, whole) if a != b]
    assert not differ, f"{len(differ)} sentences differ, first: {differ[0]}"
    assert sum(map(len, short)) > 50


def test_a_name_is_read_over_a_window_shorter_than_the_stretch(monkeypatch):
    text = ("Công ty TNHH Minh Phát cho biết trong năm qua toàn tỉnh đã tổ chức đánh giá, phân hạng và công "
            "nhận thêm nhiều sản phẩm OCOP.")
    short, short_chars = _found([text], monkeypatch)
    monkeypatch.setattr(org_windows, "FIRST_WINDOW", 10_000)
    whole, whole_chars = _found([text], monkeypatch)
    assert [m[2] for m in short[0]] == ["Công ty TNHH Minh Phát"]
    assert short == whole and 0 < short_chars < whole_chars, (short_chars, whole_chars)


def test_a_reading_that_looks_at_the_windows_end_gets_a_longer_window(monkeypatch):
    """A name that runs past the first window (lower-case words on the way to more of it) is read whole."""
    monkeypatch.setattr(org_windows, "FIRST_WINDOW", 5)
    text = "Công ty TNHH Thương mại và Dịch vụ Nông sản Sạch Hà Nội tổ chức hội nghị."
    windows = []
    words = org_windows.word_tokens
    monkeypatch.setattr(org_windows, "word_tokens", lambda t, a, b: windows.append(b - a) or words(t, a, b))
    assert [m.value["name"] for m in orgs.match(text)] == ["Công ty TNHH Thương mại và Dịch vụ Nông sản Sạch Hà Nội"]
    assert len(windows) > 1 and windows == sorted(windows), windows


def test_an_agency_is_read_without_the_tokenizer(monkeypatch):
    """An agency's words come from their form (agency_words.py): the tokenizer is never asked for them; a
    name longer than the first window of them is read whole."""
    def refused(*_):
        raise AssertionError("the tokenizer was asked")
    monkeypatch.setattr(org_windows, "word_tokens", refused)
    monkeypatch.setattr(agency_words, "FIRST_WINDOW", 5)
    text = "Văn phòng Điều phối Chương trình xây dựng nông thôn mới thành phố Hà Nội tổ chức hội nghị."
    assert [m.value["name"] for m in orgs.match(text)] == [
        "Văn phòng Điều phối Chương trình xây dựng nông thôn mới thành phố Hà Nội"]


def test_short_windows_read_the_names_of_made_sentences(monkeypatch):
    """The same over sentences made of the gazetteer's names after long legal forms, with more words after
    them than a first window holds: names the seeds never had."""
    import random
    from extract.gazetteer.data import units
    rng = random.Random(13)
    names = sorted({u.name for u in units() if 2 <= len(u.name.split()) <= 3
                    and all(w[:1].isupper() and w.isalpha() for w in u.name.split())})
    heads = ["UBND tỉnh", "Sở Nông nghiệp và Phát triển nông thôn tỉnh", "Hội đồng OCOP tỉnh",
             "Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh", "Công ty Cổ phần Nông nghiệp Công nghệ cao",
             "HTX dịch vụ nông nghiệp", "Bộ Nông nghiệp và Môi trường", "Cục Thuế"]
    middles = [" tổ chức hội nghị tổng kết chương trình mỗi xã một sản phẩm", " vừa ban hành quyết định công nhận",
               " phối hợp với Sở Công Thương và UBND huyện", " đã trao giấy chứng nhận cho các chủ thể"]
    sentences = [f"Ngày 5/3, {rng.choice(heads)} {rng.choice(names)}{rng.choice(middles)} {rng.choice(names)}"
                 f"{rng.choice(middles)} năm 2024." for _ in range(200)]
    short, _ = _found(sentences, monkeypatch)
    monkeypatch.setattr(org_windows, "FIRST_WINDOW", 10_000)
    monkeypatch.setattr(agency_words, "FIRST_WINDOW", 10_000)
    whole, _ = _found(sentences, monkeypatch)
    differ = [(s, a, b) for s, a, b in zip(sentences, short, whole) if a != b]
    assert not differ, f"{len(differ)} sentences differ, first: {differ[0]}"
    assert sum(map(len, short)) > 300
