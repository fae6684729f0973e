"""Each class of bad input is reported with its file (and line) and reason, skipped, and the rest goes on:
the other articles' records are all there, and the exit code (3) says something was skipped."""
from __future__ import annotations

import json

import pytest
from test_batch_support import article_of, expected_records, ids, lines, ocop, seed_texts, write_corpus

from schemas import Article

ENGLISH = ("The province has many community products rated three and four stars under the programme, "
           "and the authorities expect more of them to reach five stars by the end of next year.\n") * 3


BAD_INPUTS = {
    # name: (file name, content (bytes or str), expected words in the message)
    "empty": ("empty.txt", b"", "is empty"),
    "blank": ("blank.md", b"  \n\t\n", "is empty"),
    "binary": ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file"),
    "over the size limit": ("huge.txt", ("Tỉnh có nhiều sản phẩm OCOP đạt 4 sao. " * 2000).encode("utf-8"),
                            "over the limit of 50000 (--max-bytes)"),
    "not Vietnamese": ("english.txt", ENGLISH.encode("utf-8"), "text is not Vietnamese"),
    "unknown 8-bit encoding": ("latin1.txt", ("Le département compte désormais de nombreux produits "
                                              "labellisés, élevés et récoltés à la ferme. " * 5)
                               .encode("latin-1"), "is not UTF-8"),
    "damaged UTF-8": ("damaged.txt", "Tỉnh có nhiều sản phẩm OCOP đạt 4 sao và được thị trường đón nhận."
                      .encode("utf-8")[:30] + b"\xff\xfe" + "sản phẩm đạt 4 sao, được công nhận".encode("utf-8")
                      * 3, "is UTF-8 with invalid bytes in 1 place(s) (the first at offset 30)"),
    "HTML without text": ("page.html", b"<html><head><title>x</title></head><body><nav>Menu</nav></body></html>",
                          "no main text found in the HTML page"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_file_is_named_skipped_and_the_rest_goes_on(tmp_path, kind):
    name, content, reason = BAD_INPUTS[kind]
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    good = write_corpus(corpus, 3)
    bad = corpus / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1", "--max-bytes", "50000")
    stderr = run.stderr.decode()
    assert run.returncode == 3, stderr
    skipped = [line for line in stderr.splitlines() if line.startswith("ocop: skipped ")]
    assert len(skipped) == 1, stderr
    assert str(bad) in skipped[0] and reason in skipped[0], skipped[0]
    assert "1 skipped" in stderr
    assert ids(out / "articles.jsonl") == [p.stem for p in good]
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in good])


def test_malformed_json_line_is_named_with_its_line(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    good = write_corpus(corpus, 2)
    text = seed_texts()[2]
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "text": text, "title": "Một", "published": "2025-06-01"}, ensure_ascii=False)
        + "\n" + '{"id": "feed-2", "text": "Có 3 sản phẩm\n'
        + json.dumps({"id": "feed-3", "text": text + "\nThêm."}, ensure_ascii=False) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"id": "feed-5", "text": ENGLISH}) + "\n", encoding="utf-8")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    stderr = run.stderr.decode()
    assert run.returncode == 3
    feed = corpus / "feed.jsonl"
    assert f"ocop: skipped {feed}:2: malformed JSON" in stderr
    assert f"ocop: skipped {feed}:4: a line must be a JSON object" in stderr
    assert f"ocop: skipped {feed}:5: article 'feed-5': text is not Vietnamese" in stderr
    assert ids(out / "articles.jsonl") == sorted(["feed-1", "feed-3"] + [p.stem for p in good])
    feed_articles = [Article(id="feed-1", text=text, title="Một", published="2025-06-01"),
                     Article(id="feed-3", text=text + "\nThêm.")]
    assert lines(out / "records.jsonl") == expected_records(feed_articles + [article_of(p) for p in good])


def test_duplicate_id_and_missing_path_are_reported(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    good = write_corpus(corpus / "a", 2)
    (corpus / "b").mkdir()
    (corpus / "b" / good[0].name).write_text(seed_texts()[3], encoding="utf-8")
    run = ocop("run", str(corpus), str(tmp_path / "nowhere"), "--out", str(out), "--jobs", "1")
    stderr = run.stderr.decode()
    assert run.returncode == 3
    assert f"ocop: skipped {corpus / 'b' / good[0].name}: article id '{good[0].stem}' already read from " \
           f"{good[0]}" in stderr
    assert f"ocop: skipped {tmp_path / 'nowhere'}: no such file or folder" in stderr
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in good])


def test_quiet_prints_only_what_was_skipped(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 2)
    (corpus / "empty.txt").write_bytes(b"")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1", "--quiet")
    assert run.returncode == 3
    assert run.stderr.decode().splitlines() == [f"ocop: skipped {corpus / 'empty.txt'}: is empty"]
    assert run.stdout == b""
