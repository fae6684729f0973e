"""Hostile and odd input through the real command: each is one article's (or line's) problem, never the
batch's, and never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from test_batch_support import REPO, ids, lines, ocop, seed_texts, write_corpus

from extract.pipeline import extract_article
from schemas import Article

ARTICLE = ("Tính đến giữa năm 2025, toàn thành phố Hà Nội đã có 3.317 sản phẩm OCOP được đánh giá và phân hạng "
           "từ 3 sao trở lên. Trong đó, có 6 sản phẩm được công nhận đạt tiêu chuẩn 5 sao cấp quốc gia.")


def records_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in lines(out / "records.jsonl")]


def test_a_lone_surrogate_is_one_lines_error(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    good = write_corpus(corpus, 2)
    bad = {"id": "bad", "text": ARTICLE + " \ud800"}
    (corpus / "feed.jsonl").write_text(json.dumps({"id": "fine", "text": ARTICLE}) + "\n" + json.dumps(bad)
                                       + "\n", encoding="utf-8")
    assert "\\ud800" in (corpus / "feed.jsonl").read_text(encoding="utf-8")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 3, err
    assert (f"ocop: skipped {corpus / 'feed.jsonl'}:2: field 'text' holds a lone surrogate (U+D800 at "
            f"character {len(ARTICLE) + 1}), which is not text") in err
    assert "Traceback" not in err
    assert ids(out / "articles.jsonl") == sorted([p.stem for p in good] + ["fine"])
    piped = ocop("extract", "-", "--out", "-", input=(json.dumps(bad) + "\n").encode())
    assert piped.returncode == 3 and "lone surrogate" in piped.stderr.decode()


def test_a_digit_python_cannot_read_costs_no_record(tmp_path):
    """U+1E4F1 (NAG MUNDARI DIGIT ONE) is a digit to the regex module's newer Unicode tables, not to
    Python 3.11's: the article's other records must all be there."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    text = seed_texts()[0]
    odd = text + "\nCó \U0001e4f1\U0001e4f1 sản phẩm đạt 4 sao."
    (corpus).mkdir()
    (corpus / "odd.txt").write_text(odd, encoding="utf-8")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 0, err
    assert "extraction failed" not in err
    plain = extract_article(Article(id="odd", text=text)).records
    assert len(plain) > 5
    assert len(records_of(out)) >= len(plain)


def test_a_no_break_space_between_digit_groups_is_a_thousands_separator(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "nbsp.txt").write_text(ARTICLE.replace("3.317", "3\u00a0317"), encoding="utf-8")
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    found = [r for r in records_of(out) if r["type"] == "count" and r["value"] == 3317]
    assert found, records_of(out)
    original = (corpus / "nbsp.txt").read_text(encoding="utf-8")
    ev = found[0]["evidence"]
    assert original[ev["original_start"]:ev["original_end"]].startswith("3\u00a0317")


def test_deeply_nested_html_is_read(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for depth in (300, 5000):
        page = ("<html><head><title>OCOP Hà Nội</title></head><body>" + "<div>" * depth
                + f"<p>{ARTICLE}</p><p>{ARTICLE}</p>" + "</div>" * depth + "</body></html>")
        (corpus / f"deep{depth}.html").write_text(page, encoding="utf-8")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    err = run.stderr.decode()
    assert run.returncode == 0, err
    assert "discarding data" not in err and "no main text" not in err
    assert {r["article_id"] for r in records_of(out) if r.get("value") == 3317} == {"deep300", "deep5000"}


def test_an_nfd_file_name_gives_an_nfc_id(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    name = unicodedata.normalize("NFD", "Hà Nội OCOP")
    (corpus / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    assert ids(out / "articles.jsonl") == ["Hà Nội OCOP"]
    assert unicodedata.is_normalized("NFC", ids(out / "articles.jsonl")[0])
    assert {r["article_id"] for r in records_of(out)} == {"Hà Nội OCOP"}


def test_stale_temporary_outputs_are_removed(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    out.mkdir()
    stale = [out / ".records.jsonl.k3j_x9q2.tmp", out / ".facts.jsonl.abcdefgh.tmp",
             out / ".conflicts.jsonl.0123abcd.tmp"]
    for path in stale:
        path.write_text("half a line", encoding="utf-8")
    mine = out / ".notes.tmp"       # not the shape of a temporary output: not ours to remove
    mine.write_text("keep", encoding="utf-8")
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    assert [p for p in stale if p.exists()] == []
    assert mine.exists()


def test_a_moved_file_has_its_new_path(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    [path] = write_corpus(corpus, 1)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    moved = corpus / "archive" / path.name
    moved.parent.mkdir()
    path.rename(moved)
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert run.returncode == 0, run.stderr.decode()
    assert "extracted 0" in run.stderr.decode()
    [article] = [json.loads(line) for line in lines(out / "articles.jsonl")]
    assert article["path"] == str(moved)
    assert json.loads(lines(out / "manifest.jsonl")[0])["path"] == str(moved)


def peak_memory_mb(*args: str) -> tuple[int, float]:
    """(exit code, peak resident memory in MB) of the real command."""
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024


def test_a_huge_json_line_is_skipped_without_being_read_into_memory(tmp_path):
    small, huge = tmp_path / "small.jsonl", tmp_path / "huge.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE}, ensure_ascii=False) + "\n"
    small.write_text(good, encoding="utf-8")
    with open(huge, "w", encoding="utf-8") as f:
        f.write('{"id": "huge", "text": "')
        block = "sản phẩm OCOP đạt 4 sao. " * 4000
        for _ in range(6_000_000_00 // len(block.encode())):     # a 600 MB line
            f.write(block)
        f.write('"}\n' + good.replace('"good"', '"after"'))
    code, baseline = peak_memory_mb("extract", str(small), "--out", str(tmp_path / "a"))
    assert code == 0
    code, peak = peak_memory_mb("extract", str(huge), "--out", str(tmp_path / "b"))
    assert code == 3
    assert peak < baseline + 150, f"{peak:.0f} MB at peak for a 600 MB line ({baseline:.0f} MB for one article)"
    assert ids(tmp_path / "b" / "articles.jsonl") == ["after"]


def test_a_streams_repeated_id_is_reported_and_its_memory_of_ids_leaves_no_file(tmp_path):
    """The ids a pipeline has read live in a private temporary SQLite file (so memory stays flat over any
    number of lines), which is gone as soon as it is opened: the run's temporary folder stays empty."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    feed = "".join(json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False) + "\n"
                   for i in ["a", "b", "a", "c", "b"])
    run = ocop("extract", "-", "--out", "-", "--jobs", "1", input=feed.encode(),
               env={"TMPDIR": str(temp), "SQLITE_TMPDIR": str(temp)})
    err = run.stderr.decode()
    assert run.returncode == 3, err
    assert "ocop: skipped <stdin>:3: article id 'a' already read from <stdin>:1" in err
    assert "ocop: skipped <stdin>:5: article id 'b' already read from <stdin>:2" in err
    assert sorted({json.loads(line)["article_id"] for line in run.stdout.decode().splitlines()}) == ["a", "b", "c"]
    assert list(temp.iterdir()) == []
