"""The review server's side of issue 11, over real HTTP: “fix this claim” (POST /correct), a bad value is
an inline message on the page (not a bare 400 page), and undo names the finding it takes back."""
from html import unescape

from extract.review.browser import running_server
from extract.review.corrections import load_corrections
from extract.review.store import load_decisions
from test_review_server import Client, hostile_outputs, server, write_out  # noqa: F401 (server: a fixture)


def test_a_bad_value_is_an_inline_message_on_the_finding_with_the_value_kept(server):
    client, db = server
    status, page, _ = client.post("/decide", {"finding_id": "hostile", "choice": "correct", "value": "bảy",
                                              "csrf": client.token()})
    assert status == 400
    assert 'data-finding-id="hostile"' in page and 'id="decide"' in page           # the page, not a bare error
    assert 'role="alert"' in page and "is not a number" in unescape(page)
    assert 'value="bảy"' in page
    assert load_decisions(db) == []


def test_fix_a_claim_stores_a_correction_and_says_so(server):
    client, db = server
    status, _, resp = client.post("/correct", {"finding_id": "hostile", "record_id": "x#c1", "kind": "added",
                                               "star": "5", "metric": "ocop_products", "scope": "Đà <i>Nẵng</i>",
                                               "as_of": "2024", "period": "", "csrf": client.token()})
    assert status == 303
    [fix] = load_corrections(db)
    assert (fix.record_id, fix.before, fix.after, fix.reviewer) == ("x#c1", {"kind": "total"}, {"kind": "added"},
                                                                    "tester")
    assert fix.evidence_text == "7 sản phẩm"
    _, page, _ = client.get(resp.getheader("Location"))
    assert "Claim “7 sản phẩm” corrected: kind total → added" in unescape(page)
    assert "Corrected: kind total → added — tester" in unescape(page)
    assert "<i>Nẵng" not in page                                                     # still escaped


def test_a_bad_correction_is_inline_and_a_correction_needs_the_token(server):
    client, db = server
    status, page, _ = client.post("/correct", {"finding_id": "hostile", "record_id": "x#c1", "kind": "total",
                                               "as_of": "mid 2024", "csrf": client.token()})
    assert status == 400 and 'data-finding-id="hostile"' in page
    assert "Claim not corrected: the date 'mid 2024' (as of) is not a date" in unescape(page)
    assert client.post("/correct", {"finding_id": "hostile", "record_id": "x#c1", "kind": "added"})[0] == 403
    assert client.post("/correct", {"finding_id": "hostile", "record_id": "nope", "kind": "added",
                                    "csrf": client.token()})[0] == 404
    assert load_corrections(db) == []


def test_undo_names_the_finding_it_takes_back(server):
    client, _ = server
    client.post("/decide", {"finding_id": "hostile", "choice": "dismiss", "csrf": client.token()})
    _, page, _ = client.get("/?status=all&f=hostile")
    undo = unescape(page[page.index('id="undo"'):].split("</form>")[0])
    assert "your last: OCOP products 5 sao in Đà <i>Nẵng</i> (2024): dismissed" in undo


AGAIN = "Đến nay Đà Nẵng có 7 sản phẩm 5 sao."


def test_a_figure_stated_twice_is_one_card_quoting_both_and_one_fix_corrects_both(tmp_path):
    from test_review_server import HOSTILE
    from schemas import Claim, CountRecord, Evidence
    articles, records, conflicts, facts = hostile_outputs()
    start = AGAIN.index("7 sản phẩm")
    at = len(HOSTILE) + 2
    records.append(CountRecord(id="x#c2", article_id="x", value=7, unit="sản phẩm", metric="ocop_products",
                               star="5", scope="Đà Nẵng", kind="total", as_of="2024",
                               evidence=Evidence(start=at + start, end=at + start + 10, text="7 sản phẩm",
                                                 sentence=AGAIN, sentence_start=at)))
    articles[-1].text = f"{HOSTILE}\n\n{AGAIN}"
    hostile = conflicts[-1]
    hostile.claims.insert(1, Claim(record_id="x#c2", article_id="x", value=7, as_of="2024", sentence=AGAIN,
                                   evidence_start=at + start, evidence_end=at + start + 10, same_claim_as="x#c1"))
    out = write_out(tmp_path / "out", (articles, records, conflicts, facts))
    db = tmp_path / "review.sqlite"
    with running_server(out, db, reviewer="tester") as url:
        client = Client(url)
        _, page, _ = client.get("/?f=hostile")
        assert page.count('<article class="claim') == 2 and page.count('data-accept="') == 2
        card = page[page.index('data-record-id="x#c1"'):].split("</article>")[0]
        assert "states the same figure again" in card and "Đến nay Đà Nẵng có" in card
        assert "saved for all 2 records of this claim" in card
        assert 'name="same_claim" value="x#c2"' in page
        status, _, _ = client.post("/correct", {"finding_id": "hostile", "record_id": "x#c1", "same_claim": "x#c2",
                                                "kind": "added", "csrf": client.token()})
        assert status == 303
        assert client.post("/correct", {"finding_id": "hostile", "record_id": "x#c1", "same_claim": "gone#c9",
                                        "kind": "added", "csrf": client.token()})[0] == 404
    fixes = {f.record_id: f for f in load_corrections(db)}
    assert sorted(fixes) == ["x#c1", "x#c2"]
    assert fixes["x#c2"].after == {"kind": "added"} and fixes["x#c2"].before == {"kind": "total"}
    assert fixes["x#c2"].evidence_text == "7 sản phẩm" and fixes["x#c2"].sentence == AGAIN


def test_the_article_page_is_headed_by_the_title_without_its_marks_or_by_the_first_words(tmp_path):
    from test_review_server import HOSTILE
    articles, records, conflicts, facts = hostile_outputs()
    articles[-1].title = None
    articles[0].title = "# Hà Nội tiên phong"
    out = write_out(tmp_path / "out", (articles, records, conflicts, facts))
    with running_server(out, tmp_path / "review.sqlite", reviewer="tester") as url:
        client = Client(url)
        _, untitled, _ = client.get("/article/x")
        _, titled, _ = client.get(f"/article/{articles[0].id}")
    heading = lambda page: unescape(page.split("<h1>", 1)[1].split("</h1>", 1)[0])
    assert heading(untitled) == HOSTILE                                 # its first words: all eight of them
    assert "<script>" not in untitled.split("<h1>", 1)[1].split("</h1>", 1)[0]              # escaped
    assert heading(titled) == "Hà Nội tiên phong"
