"""Issue 11's "Done when", in a real headless browser (Debian's chromium driven by Playwright) over real
`ocop run` subprocesses: one article's count of products added in a year ("Năm 2024, toàn tỉnh … có 120
sản phẩm", which ocop reads as a stock for want of a cue) is read as a total and set against another article's year-end total (350); the reviewer fixes
that claim's kind with the keyboard; the next `ocop run` drops the finding and the facts carry the right
values; extracting again does not undo the fix; once the article changes, the correction shows as stale
and is applied to no other record."""
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from extract.io import read_jsonl
from extract.review.browser import CHROMIUM, running_server
from extract.review.corrections import load_corrections

sync_api = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():  # make test runs scripts/install-chromium first
    pytest.fail(f"no chromium at {CHROMIUM}: run scripts/install-chromium", pytrace=False)

TOTAL = ("Nam Định: sản phẩm OCOP tiếp tục tăng\n\nTính đến cuối năm 2024, tỉnh Nam Định có 350 sản phẩm OCOP "
         "đạt từ 3 sao trở lên. Các sản phẩm được người tiêu dùng trong và ngoài tỉnh đón nhận, nhiều sản phẩm "
         "đã có mặt tại các siêu thị lớn.\n")
ADDED = ("Nông sản Nam Định vươn xa nhờ chương trình OCOP\n\nNăm 2024, toàn tỉnh Nam Định có 120 sản phẩm "
         "OCOP. Các chủ thể đã chú trọng cải tiến bao bì, nhãn mác và truy xuất nguồn gốc để sản phẩm vươn xa "
         "hơn.\n")


def ocop(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "extract.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def rows(path: Path) -> list[dict]:
    return list(read_jsonl(path))


def nam_dinh(facts, kind):
    return [f for f in facts if f["key"]["scope"] == "Nam Định" and f["key"]["kind"] == kind
            and f["key"]["star"] == "3+"]


def the_120(out: Path) -> dict:
    [rec] = [r for r in rows(out / "records.jsonl") if r.get("type") == "count" and r["value"] == 120]
    return rec


def test_fix_a_misread_claim_by_keyboard_then_run(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "total.txt").write_text(TOTAL, "utf-8")
    (corpus / "added.txt").write_text(ADDED, "utf-8")
    ocop("run", "--quiet", cwd=tmp_path)
    out = tmp_path / "out"
    db = out / "review.sqlite"
    misread = the_120(out)
    assert misread["kind"] == "total", "the extractor now reads this added count right: choose another misread"
    [finding] = [c for c in rows(out / "conflicts.jsonl") if c["type"] == "value_mismatch"]
    assert sorted(finding["values"]) == [120, 350]

    with running_server(out, db, reviewer="tester") as url:
        page = browser.new_page()
        page.goto(url + "?f=" + finding["id"])
        cards = page.locator("article.claim")
        n = [cards.nth(i).get_attribute("data-record-id") for i in range(cards.count())].index(misread["id"]) + 1
        assert "Nông sản Nam Định vươn xa" in cards.nth(n - 1).inner_text()     # named by title, not id
        page.keyboard.press("f")
        page.keyboard.press(str(n))
        kind = page.locator(f"#fix-{n}-kind")
        assert kind.evaluate("el => el === document.activeElement")
        page.keyboard.type("a")                 # the option that starts with a: added
        assert kind.input_value() == "added"
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: misread["id"] in parse_qs(urlsplit(u).query).get("fixed", []))
        assert "kind total → added" in page.inner_text(".flash")
        assert "kind total → added" in page.inner_text(f"#fix-{n}-panel")

    [fix] = load_corrections(db)
    assert (fix.record_id, fix.before, fix.after, fix.reviewer) == (misread["id"], {"kind": "total"},
                                                                     {"kind": "added"}, "tester")
    ocop("run", "--quiet", cwd=tmp_path)
    assert [c for c in rows(out / "conflicts.jsonl") if c["type"] == "value_mismatch"] == []
    facts = rows(out / "facts.jsonl")
    assert [(f["value"], f["rank"]) for f in nam_dinh(facts, "total")] == [(350, "preferred")]
    assert [f["value"] for f in nam_dinh(facts, "added")] == [120]

    # extraction again (the rules changed, or the file was touched): the record comes back as read, and
    # the correction is applied again
    (out / "manifest.jsonl").unlink()
    shutil.rmtree(out / "cache", ignore_errors=True)
    ocop("run", "--quiet", cwd=tmp_path)
    assert the_120(out)["kind"] == "total"
    assert [c for c in rows(out / "conflicts.jsonl") if c["type"] == "value_mismatch"] == []
    assert [f["value"] for f in nam_dinh(rows(out / "facts.jsonl"), "added")] == [120]

    # the article changes: the record id now points at other words (or is gone); the correction is stale,
    # never applied to the record that took its place
    (corpus / "added.txt").write_text(ADDED.replace("Năm 2024, toàn tỉnh", "Tính đến năm 2024, toàn tỉnh"), "utf-8")
    run = ocop("run", cwd=tmp_path)
    assert "1 stale corrections" in run.stderr
    assert all("review.correction" not in r["rules"] for r in rows(out / "records.jsonl"))
    assert the_120(out)["kind"] == "total"                      # the new record stands as read ...
    assert [c for c in rows(out / "conflicts.jsonl") if c["type"] == "value_mismatch"]   # ... and disagrees
    listing = ocop("corrections", cwd=tmp_path).stdout
    assert "STALE" in listing and "kind total → added" in listing
    with running_server(out, db, reviewer="tester") as url:
        page = browser.new_page()
        page.goto(url + "?status=all")
        stale = page.inner_text(".stale-corrections")
        assert "Stale corrections (1)" in stale and "“120 sản phẩm”" in stale and "kind total → added" in stale
