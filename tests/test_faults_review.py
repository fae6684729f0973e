"""The review page and database under hostile use: a value too large to be a figure, a form posted from
another site, methods the page does not use, article ids full of URL syntax, a stalled connection, a
database that is not a review database. Real HTTP server, real sockets, real SQLite files, the real
command; and Debian's chromium following the article links."""
from __future__ import annotations

import html
import re
import socket
import sqlite3
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from test_batch_support import ocop
from test_review_server import Client, hostile_outputs, write_out

from extract.review.browser import CHROMIUM, launch_chromium, running_server
from extract.review.server import address, make_server
from extract.review.store import load_decisions
from schemas import Claim, Conflict

ODD_IDS = ["a?b=1", "c#d", "50%off", "../../etc/passwd", "..", "x/y z"]


def odd_outputs():
    """The hostile sample plus articles whose ids are URL syntax, and a finding citing them all."""
    articles, records, conflicts, facts = hostile_outputs()
    article = next(a for a in articles if a.id == "x")
    record = next(r for r in records if r.id == "x#c1")
    claims = []
    for n, odd in enumerate(ODD_IDS):
        articles.append(article.model_copy(update={"id": odd, "title": f"Bài {n}"}))
        copy = record.model_copy(update={"id": f"{odd}#c1", "article_id": odd, "value": 7 + n})
        records.append(copy)
        claims.append(Claim(record_id=copy.id, article_id=odd, value=copy.value, as_of="2024",
                            sentence=record.evidence.sentence, evidence_start=record.evidence.start,
                            evidence_end=record.evidence.end))
    base = next(c for c in conflicts if c.id == "hostile")
    conflicts.append(Conflict(**{**base.model_dump(), "id": "odd", "claims": claims,
                                 "values": [c.value for c in claims]}))
    return articles, records, conflicts, facts


@pytest.fixture
def served(tmp_path):
    out = write_out(tmp_path / "out", odd_outputs())
    db = tmp_path / "review.sqlite"
    with running_server(out, db, reviewer="tester") as url:
        yield Client(url), db, url


def article_links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'class="article-link" href="([^"]+)"', page)]


def test_a_value_too_large_to_be_a_figure_is_refused_and_nothing_is_stored(served):
    client, db, _ = served
    status, page, _ = client.post("/decide", {"csrf": client.token(), "finding_id": "hostile",
                                              "choice": "correct", "value": "9" * 400})
    assert status == 400
    assert "is too large to be a figure" in page and "(400 characters)" in page
    assert load_decisions(db) == []


def test_a_form_from_another_origin_is_refused_even_with_the_token(served):
    client, db, url = served
    fields = {"csrf": client.token(), "finding_id": "hostile", "choice": "dismiss"}
    for foreign in ("http://evil.example", "null", f"https://{urlsplit(url).netloc}"):
        status, page, _ = client.post("/decide", fields, Origin=foreign)
        assert status == 403 and "not from this page" in page, foreign
    assert client.post("/undo", {"csrf": fields["csrf"]}, Origin="http://evil.example")[0] == 403
    assert load_decisions(db) == []
    status, _, _ = client.post("/decide", fields, Origin=f"http://{urlsplit(url).netloc}")
    assert status == 303
    assert [d.action for d in load_decisions(db)] == ["dismiss"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "BREW"])
def test_methods_the_page_does_not_use_get_405(served, method):
    client, db, _ = served
    status, _, resp = client.request(method, "/decide")
    assert status == 405 and resp.getheader("Allow") == "GET, HEAD, POST"
    assert load_decisions(db) == []


def test_article_links_work_whatever_the_id_holds(served):
    client, _, _ = served
    status, page, _ = client.get("/?f=odd")
    assert status == 200
    links = article_links(page)
    assert len(links) == len(ODD_IDS)
    for n, link in enumerate(links):
        status, article, _ = client.get(link)
        assert status == 200, (link, article)
        assert f"Bài {n}" in article


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (scripts/install-chromium)")
def test_chromium_follows_the_article_links(served):
    """The browser resolves and normalises URLs itself (`..` segments, `#` fragments): the links must
    survive that."""
    from playwright.sync_api import sync_playwright
    _, _, url = served
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            page.goto(url + "?f=odd")
            hrefs = page.eval_on_selector_all("a.article-link", "links => links.map(a => a.href)")
            assert len(hrefs) == len(ODD_IDS)
            for n, href in enumerate(hrefs):
                response = page.goto(href)
                assert response.status == 200, href
                assert f"Bài {n}" in page.content()
        finally:
            browser.close()


def test_a_stalled_connection_is_closed(tmp_path):
    out = write_out(tmp_path / "out", hostile_outputs())
    server = make_server(out, tmp_path / "review.sqlite", "tester", "127.0.0.1", 0, timeout=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        parts = urlsplit(address(server))
        with socket.create_connection((parts.hostname, parts.port), timeout=60) as stalled:
            stalled.sendall(b"GET / HTTP/1.1\r\nHost: ")      # and nothing more
            try:
                assert stalled.recv(1024) == b""                # the server hung up
            except socket.timeout:
                pytest.fail("the server kept a stalled connection open for a minute")
        assert Client(address(server)).get("/")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def foreign_database(path: Path, history: bool = False) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('an')")
        if history:
            conn.execute("CREATE TABLE history (id INTEGER, url TEXT, visited TEXT)")
    conn.close()
    return path


@pytest.mark.parametrize("history", [False, True], ids=["other tables", "its own history table"])
def test_export_from_another_programs_database_is_one_line_and_leaves_it_alone(tmp_path, history):
    db = foreign_database(tmp_path / "other.sqlite", history)
    before = db.read_bytes()
    run = ocop("review", "--db", str(db), "--export", str(tmp_path / "x.jsonl"))
    err = run.stderr.decode()
    assert run.returncode == 1
    assert f"ocop review: {db}: not a review database: it is another program's SQLite file" in err
    assert "Traceback" not in err
    assert db.read_bytes() == before
    assert not (tmp_path / "x.jsonl").exists()


def test_an_empty_database_file_is_refused_not_taken_as_no_decisions(tmp_path):
    out = write_out(tmp_path / "out", hostile_outputs())
    db = out / "review.sqlite"
    db.touch()
    for args in (["review", "--out", str(out), "--export", str(tmp_path / "x.jsonl")],
                 ["reconcile", "--out", str(out)]):
        run = ocop(*args)
        err = run.stderr.decode()
        assert run.returncode == 1, err
        assert f"{db}: is empty (0 bytes), not a review database" in err and "Traceback" not in err
    assert db.stat().st_size == 0
