"""Input formats: .txt, .md, .html/.htm (trafilatura), .jsonl, folders, and `-` for standard input;
`ocop extract - --out -` streams records in a real shell pipe."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from test_batch_support import REPO, expected_records, ids, lines, ocop, seed_texts, write_corpus

from extract.inputs import iter_articles
from extract.inputs.formats import Problem
from schemas import Article

PAGE = """<!DOCTYPE html><html lang="vi"><head>
<meta charset="utf-8"><title>{title} | Báo Nông thôn</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Báo Nông thôn">
<meta property="article:published_time" content="2025-06-12T08:30:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/kt">Kinh tế</a> <a href="/xh">Xã hội</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<aside>Tin liên quan: Giá lúa hôm nay tăng nhẹ</aside>
<footer>Bản quyền © Báo Nông thôn. Giấy phép số 123/GP-BTTTT</footer>
</body></html>"""


def html_page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return PAGE.format(title=title, paragraphs=paragraphs)


def test_txt_and_md_files_in_folders(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "b.txt").write_text(seed_texts()[0], encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "a.md").write_text("# Hà Nội có thêm sản phẩm 5 sao\n\n" + seed_texts()[1],
                                                      encoding="utf-8")
    (tmp_path / "sub" / "notes.csv").write_text("x,y", encoding="utf-8")       # not an input
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(seed_texts()[2], encoding="utf-8")  # hidden: left out
    items = list(iter_articles([str(tmp_path)]))
    assert [(a.id, a.path) for a in items] == [("b", str(tmp_path / "b.txt")),
                                                ("a", str(tmp_path / "sub" / "deeper" / "a.md"))]
    assert items[0].text == seed_texts()[0] and items[0].title is None
    assert items[1].title == "Hà Nội có thêm sản phẩm 5 sao"


def test_html_main_text_title_and_date(tmp_path):
    text = seed_texts()[2]
    path = tmp_path / "bai-viet.html"
    path.write_text(html_page("Thêm 9 sản phẩm OCOP 5 sao", text), encoding="utf-8")
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article), article
    assert article.id == "bai-viet"
    assert article.title == "Thêm 9 sản phẩm OCOP 5 sao"
    assert article.published == date(2025, 6, 12)
    assert article.source == "Báo Nông thôn"
    first_paragraph = text.split("\n")[0].strip()
    assert first_paragraph in article.text
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text


def test_htm_in_windows_1258(tmp_path):
    from extract.inputs.legacy import encode_legacy
    text = seed_texts()[3]
    (tmp_path / "old.htm").write_bytes(encode_legacy(html_page("Tin cũ", text), "Windows-1258"))
    (article,) = list(iter_articles([str(tmp_path / "old.htm")]))
    assert isinstance(article, Article), article
    assert text.split("\n")[0].strip()[:60] in article.text


def test_legacy_page_heavy_with_scripts_is_judged_by_its_visible_text(tmp_path):
    """A TCVN3 page whose markup, styles and scripts outweigh its words: the encoding is still found."""
    from extract.inputs.decode import Refused, decode_bytes
    from extract.inputs.legacy import encode_legacy
    text = seed_texts()[2].lower()   # TCVN3 has no toned capitals
    script = "<script>" + "".join(f"var config{i} = {{site: 'news', section: 'economy', id: {i}}};\n"
                                  for i in range(1000)) + "</script>"
    style = "<style>" + ".article-body p { margin: 0 0 12px; font-family: Arial; }\n" * 100 + "</style>"
    page = html_page("tin mới", text).replace("</head>", script + style + "</head>")
    raw = encode_legacy(page, "TCVN3 (ABC)")
    with pytest.raises(Refused, match="looks most like TCVN3"):   # judged by all its words, it is unsure
        decode_bytes(raw)
    assert decode_bytes(raw, markup=True).encoding == "TCVN3 (ABC)"
    (tmp_path / "old.html").write_bytes(raw)
    (article,) = list(iter_articles([str(tmp_path / "old.html")]))
    assert isinstance(article, Article), article
    assert text.split("\n")[0].strip()[:60] in article.text


def test_jsonl_fields_and_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(json.dumps(d, ensure_ascii=False) for d in [
        {"id": "x1", "text": seed_texts()[0], "title": "T", "published": "2025-01-02",
         "url": "https://example.vn/x1", "source": "Báo A", "extra": "ignored"},
        {},
        {"id": "x2", "text": seed_texts()[1]},
    ]).encode("utf-8"))
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], Article) and items[0].path == f"{path}:1"
    assert (items[0].title, items[0].published, items[0].url, items[0].source) == \
        ("T", date(2025, 1, 2), "https://example.vn/x1", "Báo A")
    assert isinstance(items[1], Problem) and items[1].where == f"{path}:2" and "not an article" in items[1].message
    assert items[2].id == "x2" and items[2].path == f"{path}:3"


def test_jsonl_line_over_the_limit_is_skipped_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    big, small = seed_texts()[4], seed_texts()[2]
    path.write_text(json.dumps({"id": "big", "text": big}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "small", "text": small}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(iter_articles([str(path)], max_bytes=len(small.encode("utf-8")) + 100))
    assert isinstance(items[0], Problem) and items[0].where == f"{path}:1" and "over the limit" in items[0].message
    assert items[1].id == "small"


def test_stdin_dash_into_an_output_folder(tmp_path):
    feed = "".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n"
                   for i, t in enumerate(seed_texts()[:3]))
    run = ocop("extract", "-", "--out", str(tmp_path / "out"), "--jobs", "1", input=feed.encode("utf-8"))
    assert run.returncode == 0, run.stderr.decode()
    assert ids(tmp_path / "out" / "articles.jsonl") == ["s0", "s1", "s2"]
    assert not (tmp_path / "out" / "facts.jsonl").exists()   # extraction only


def test_streaming_in_a_real_pipe(tmp_path):
    """cat feed.jsonl | ocop extract - --out - | (a consumer): records on stdout, messages on stderr."""
    articles = [Article(id=f"p{i}", text=t) for i, t in enumerate(seed_texts())]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n"
                            for a in articles[:3]) + "{not json\n"
                    + "".join(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n"
                              for a in articles[3:]), encoding="utf-8")
    cat = subprocess.Popen(["cat", str(feed)], stdout=subprocess.PIPE)
    ocop_proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "extract", "-", "--out", "-", "--jobs", "2"],
                                 stdin=cat.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    cat.stdout.close()
    consumer = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdout.write(sys.stdin.read())"],
                                stdin=ocop_proc.stdout, stdout=subprocess.PIPE)
    ocop_proc.stdout.close()
    piped, _ = consumer.communicate(timeout=600)
    stderr = ocop_proc.stderr.read().decode()
    assert ocop_proc.wait(timeout=60) == 3, stderr
    assert "ocop: skipped <stdin>:4: malformed JSON" in stderr
    out = piped.decode("utf-8").splitlines()
    # in input order (not sorted), exactly the pure pipeline's records
    expected = [line for a in articles for line in expected_records([a])]
    assert out == expected
    for line in out:
        json.loads(line)


def test_streaming_from_files_to_stdout(tmp_path):
    paths = write_corpus(tmp_path / "c", 2)
    run = ocop("extract", str(tmp_path / "c"), "--out", "-", "--jobs", "1")
    assert run.returncode == 0, run.stderr.decode()
    assert "2 articles" in run.stderr.decode()
    from test_batch_support import article_of
    assert run.stdout.decode("utf-8").splitlines() == expected_records([article_of(p) for p in paths])
    assert not (REPO / "-").exists()
