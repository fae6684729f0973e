"""Encodings: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1258, TCVN3 and VNI are
detected and decoded to the same text (and so the same records) as UTF-8; what cannot be decoded with
confidence is refused with a message naming the encoding it looks like. NFD and mixed-normalization text
gives the same records as NFC."""
from __future__ import annotations

import json
import unicodedata

import pytest
from test_batch_support import seed_texts

from extract.inputs import iter_articles
from extract.inputs.decode import Refused, decode_bytes
from extract.inputs.formats import Problem
from extract.inputs.legacy import encode_legacy
from extract.io import to_json
from extract.pipeline import extract_article
from schemas import Article


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def without_toned_capitals(text: str) -> str:
    """TCVN3 has no code for most toned capitals (they were typed as small letters in a capitals font)."""
    return "".join(c.lower() if c.isupper() and len(unicodedata.normalize("NFD", c)) > 1
                   and c not in "ĂÂÊÔƠƯĐ" else c for c in nfc(text))


def records_of(text: str, article_id: str = "a") -> list[dict]:
    """The records of a text, without the offsets into the text as read (`original_start`/`_end`), which
    rightly differ when the same words are encoded or normalized differently."""
    out = []
    for r in extract_article(Article(id=article_id, text=text)).records:
        data = json.loads(to_json(r))
        data["evidence"].pop("original_start", None)
        data["evidence"].pop("original_end", None)
        out.append(data)
    return out


def read_one(path) -> Article:
    items = list(iter_articles([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


ENCODERS = {
    "UTF-8": lambda t: t.encode("utf-8"),
    "UTF-8 (BOM)": lambda t: t.encode("utf-8-sig"),
    "UTF-16": lambda t: t.encode("utf-16"),
    "UTF-16 (no byte-order mark)": lambda t: t.encode("utf-16-le"),
    "Windows-1258": lambda t: encode_legacy(t, "Windows-1258"),
    "TCVN3 (ABC)": lambda t: encode_legacy(t, "TCVN3 (ABC)"),
    "VNI": lambda t: encode_legacy(t, "VNI"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
@pytest.mark.parametrize("seed", [0, 2])
def test_each_encoding_is_detected_and_gives_the_utf8_records(tmp_path, encoding, seed):
    text = nfc(seed_texts()[seed])
    if encoding == "TCVN3 (ABC)":
        text = without_toned_capitals(text)
    raw = ENCODERS[encoding](text)
    assert decode_bytes(raw).encoding == encoding
    path = tmp_path / "art.txt"
    path.write_bytes(raw)
    article = read_one(path)
    assert nfc(article.text) == text
    assert records_of(article.text) == records_of(text)


def test_legacy_results_are_nfc():
    text = "Sản phẩm đạt chuẩn OCOP 4 sao của huyện được người tiêu dùng đón nhận. " * 3
    for name in ("Windows-1258", "TCVN3 (ABC)", "VNI"):
        decoded = decode_bytes(encode_legacy(text, name))
        assert decoded.text == unicodedata.normalize("NFC", decoded.text) == text, name


def test_vni_and_tcvn3_are_read_from_html_and_markdown_too(tmp_path):
    text = without_toned_capitals(seed_texts()[1])
    (tmp_path / "a.md").write_bytes(encode_legacy("# Tin mới\n\n" + text, "VNI"))
    article = read_one(tmp_path / "a.md")
    assert article.title == "Tin mới" and text in article.text


@pytest.mark.parametrize("form", ["NFD", "mixed"])
def test_decomposed_and_mixed_text_gives_the_nfc_records(tmp_path, form):
    text = nfc(seed_texts()[0])
    if form == "NFD":
        variant = unicodedata.normalize("NFD", text)
    else:  # every other paragraph decomposed
        variant = "\n".join(unicodedata.normalize("NFD", p) if i % 2 else p
                            for i, p in enumerate(text.split("\n")))
    assert variant != text
    path = tmp_path / "a.txt"
    path.write_text(variant, encoding="utf-8")
    article = read_one(path)
    assert article.text == variant      # the text as read; cleaning normalizes
    assert records_of(article.text) == records_of(text)
    assert records_of(text), "the seed article gives records"


def test_unknown_8bit_text_is_refused_naming_the_suspect():
    latin1 = ("Le département compte désormais de nombreux produits labellisés. " * 4).encode("latin-1")
    with pytest.raises(Refused) as e:
        decode_bytes(latin1)
    message = str(e.value)
    assert message.startswith("is not UTF-8 (byte 0xe9 at offset 4); it looks most like ")
    assert any(name in message for name in ("Windows-1258", "TCVN3 (ABC)", "VNI"))
    assert "convert it to UTF-8" in message


def test_damaged_utf8_is_refused_as_utf8():
    raw = "Tỉnh có nhiều sản phẩm OCOP đạt 4 sao và được thị trường đón nhận".encode("utf-8")
    with pytest.raises(Refused, match=r"is UTF-8 with invalid bytes in 1 place\(s\) \(the first at offset 8\)"):
        decode_bytes(raw[:8] + b"\xc0" + raw[8:])


def test_binary_and_bad_bom_are_refused():
    with pytest.raises(Refused, match="binary file"):
        decode_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 10)
    with pytest.raises(Refused, match="binary file"):
        decode_bytes(bytes(range(1, 32)) * 10)
    with pytest.raises(Refused, match="starts with a UTF-16 byte-order mark but is not UTF-16"):
        decode_bytes(b"\xff\xfe" + b"a\x00b")  # an odd number of bytes


def test_refusal_reaches_the_user_with_the_file(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(("Le département compte désormais de nombreux produits. " * 4).encode("latin-1"))
    (problem,) = list(iter_articles([str(path)]))
    assert isinstance(problem, Problem) and problem.kind == "encoding"
    assert str(problem).startswith(f"{path}: is not UTF-8")


def test_zero_width_and_non_breaking_spaces_do_not_break_numbers_or_names():
    import re
    text = nfc(seed_texts()[2])
    noisy = re.sub(r"(\d)([.,])(\d)", "\\1\u200b\\2\\3", text)          # zero-width space inside 3.317
    noisy = re.sub(r"(\d) (sản phẩm|sao)", "\\1\u00a0\\2", noisy)       # NBSP between number and unit
    noisy = noisy.replace("OCOP", "OC\u200dOP").replace("Hà Nội", "Hà\u00a0Nội")
    assert noisy != text
    assert records_of(noisy) == records_of(text)
    assert records_of(text)


@pytest.mark.parametrize("name", ["TCVN3 (ABC)", "VNI"])
def test_legacy_text_saved_as_utf8_is_repaired(tmp_path, name):
    """Old pages whose TCVN3/VNI bytes were shown as Windows-1252 and saved as UTF-8 ("Hµ Néi")."""
    text = without_toned_capitals(seed_texts()[3])
    mojibake = encode_legacy(text, name).decode("cp1252", errors="replace")
    assert "\ufffd" not in mojibake
    path = tmp_path / "old.txt"
    path.write_text(mojibake, encoding="utf-8")
    assert decode_bytes(path.read_bytes()).encoding == f"{name} saved as UTF-8"
    assert nfc(read_one(path).text) == text


def test_french_in_utf8_is_left_alone():
    text = "Le département compte désormais de nombreux produits labellisés, élevés à la ferme. " * 3
    assert decode_bytes(text.encode("utf-8")).encoding == "UTF-8"
