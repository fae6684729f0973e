"""A sentence an article repeats is one claim on the review page too, in a real headless browser (Debian's
chromium via Playwright) over real `ocop run` subprocesses: one card saying the sentence is repeated, one
point on the chart (its tooltip naming the article by title, not by its hash id), and one fix by keyboard
that corrects every copy, so the next run drops the finding."""
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from extract.io import read_jsonl
from extract.review.browser import CHROMIUM, running_server
from extract.review.corrections import load_corrections
from test_review_corrections_browser import ocop

sync_api = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():  # make test runs scripts/install-chromium first
    pytest.fail(f"no chromium at {CHROMIUM}: run scripts/install-chromium", pytrace=False)

SAID = "Năm 2024, toàn tỉnh Nam Định có 120 sản phẩm OCOP."
TOTAL = ("Nam Định: sản phẩm OCOP tiếp tục tăng\n\nTính đến cuối năm 2024, tỉnh Nam Định có 350 sản phẩm OCOP "
         "đạt từ 3 sao trở lên. Các sản phẩm được người tiêu dùng trong và ngoài tỉnh đón nhận.\n")
REPEATS = (f"Nông sản Nam Định vươn xa nhờ chương trình OCOP\n\n{SAID} Các chủ thể đã chú trọng cải tiến bao bì, "
           f"nhãn mác và truy xuất nguồn gốc.\n\nNăm 2023, huyện Hải Hậu tổ chức hội chợ nông sản. {SAID}\n")
TOTAL_ID, REPEATS_ID = "018_5f0c2a9e7d41b3c6", "027_b81e4d0a9c3f5e72"     # ids as a crawler names files


def mismatches(out: Path) -> list[dict]:
    return [c for c in read_jsonl(out / "conflicts.jsonl") if c["type"] == "value_mismatch"]


def test_a_repeated_sentence_is_one_card_one_point_and_one_fix(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{TOTAL_ID}.txt").write_text(TOTAL, "utf-8")
    (corpus / f"{REPEATS_ID}.txt").write_text(REPEATS, "utf-8")
    ocop("run", "--quiet", cwd=tmp_path)
    out = tmp_path / "out"
    copies = [r for r in read_jsonl(out / "records.jsonl") if r.get("type") == "count" and r["value"] == 120]
    assert len(copies) == 2 and {r["kind"] for r in copies} == {"total"}, "choose another misread sentence"
    [finding] = mismatches(out)
    assert len(finding["claims"]) == 3                                   # a record each, two of them one claim
    assert sorted(c["same_claim_as"] or "" for c in finding["claims"]) == ["", "", copies[0]["id"]]

    with running_server(out, out / "review.sqlite", reviewer="tester") as url:
        page = browser.new_page()
        page.goto(url + "?f=" + finding["id"])
        cards = page.locator("article.claim")
        assert cards.count() == 2
        n = [cards.nth(i).get_attribute("data-record-id") for i in range(2)].index(copies[0]["id"]) + 1
        card = cards.nth(n - 1)
        assert "The article repeats this sentence: 2 times in all, one claim" in card.inner_text()
        assert card.locator("blockquote").count() == 1 and SAID in card.locator("blockquote").inner_text()
        assert page.locator("button[data-accept]").count() == 2

        points = page.locator("svg.timeline g.claim")
        assert [points.nth(i).locator("text").text_content() for i in range(points.count())] == ["1", "2"]
        tips = [points.nth(i).locator("title").text_content() for i in range(2)]
        assert any("“Nông sản Nam Định vươn xa nhờ chương trình OCOP”" in t for t in tips), tips
        assert any("“Nam Định: sản phẩm OCOP tiếp tục tăng”" in t for t in tips), tips
        assert not any(TOTAL_ID in t or REPEATS_ID in t for t in tips), tips     # no hash id on the page
        assert TOTAL_ID not in page.inner_text("main") and REPEATS_ID not in page.inner_text("main")

        page.keyboard.press("f")
        page.keyboard.press(str(n))
        page.keyboard.type("a")                                            # kind: added
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: copies[0]["id"] in parse_qs(urlsplit(u).query).get("fixed", []))

    fixes = load_corrections(out / "review.sqlite")
    assert sorted(f.record_id for f in fixes) == sorted(r["id"] for r in copies)
    assert {(f.reviewer, tuple(f.after.items())) for f in fixes} == {("tester", (("kind", "added"),))}
    run = ocop("run", cwd=tmp_path)
    assert "2 claim corrections applied" in run.stderr
    assert mismatches(out) == []
    facts = list(read_jsonl(out / "facts.jsonl"))
    assert [f["value"] for f in facts if f["key"]["scope"] == "Nam Định" and f["key"]["kind"] == "added"] == [120]
