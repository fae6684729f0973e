"""The Python API: `from extract import extract_text, extract_articles, reconcile`, on the real pipeline."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import schemas

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "000_81a9d1e10ca821b1.txt"
SENTENCE = ("Tính đến giữa năm 2025, Hà Nội có 3.317 sản phẩm OCOP, trong đó có 6 sản phẩm 5 sao của "
            "Công ty TNHH Gốm sứ Quang Vinh.")
RECORD_TYPES = (schemas.CountRecord, schemas.OrganizationRecord, schemas.DateRecord)


def test_import_extract_is_cheap():
    code = ("import sys, extract; heavy = [m for m in ('pydantic', 'underthesea', 'extract.pipeline') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_extract_text_finds_records_with_evidence():
    from extract import extract_text
    records = extract_text(SENTENCE, article_id="mine", published="2025-07-01")
    assert records and all(isinstance(r, RECORD_TYPES) for r in records)
    assert {r.article_id for r in records} == {"mine"}
    counts = {r.value: r for r in records if r.type == "count"}
    assert 3317 in counts and counts[3317].metric == "ocop_products"
    assert "Công ty TNHH Gốm sứ Quang Vinh" in {r.name for r in records if r.type == "organization"}


def test_extract_text_is_the_pipeline():
    from extract import extract_text
    from extract.pipeline import extract_article
    article = schemas.Article(id="x", text=SENTENCE, published="2025-07-01", title="t")
    assert extract_text(SENTENCE, "x", published="2025-07-01", title="t") == extract_article(article).records
    with pytest.raises(TypeError, match="not bytes"):
        extract_text(SENTENCE.encode())


def test_extract_articles_on_a_corpus_article():
    from extract import ArticleResult, extract_articles
    results = list(extract_articles(ARTICLE))
    assert len(results) == 1 and isinstance(results[0], ArticleResult)
    result = results[0]
    assert result.article.id == ARTICLE.stem and result.article.text
    for record in result.records:  # every evidence is the cleaned text's slice
        ev = record.evidence
        assert result.article.text[ev.start:ev.end] == ev.text
    assert result.records, "the corpus article yields records"


def test_extract_articles_takes_paths_models_and_dicts(tmp_path):
    from extract import extract_articles
    (tmp_path / "one.txt").write_text(SENTENCE, encoding="utf-8")
    given = [str(tmp_path), schemas.Article(id="two", text=SENTENCE), {"id": "three", "text": SENTENCE}]
    results = list(extract_articles(given))
    assert [r.article.id for r in results] == ["one", "two", "three"]
    found = [[(r.type, r.evidence.start, r.evidence.text) for r in result.records] for result in results]
    assert found[0] == found[1] == found[2]  # the same text, however it is given


def test_extract_articles_errors_name_the_input(tmp_path):
    from extract import ArticleError, extract_articles
    with pytest.raises(ArticleError, match="nowhere.txt: no such file"):
        list(extract_articles(tmp_path / "nowhere.txt"))
    with pytest.raises(ArticleError, match="'bad'"):
        list(extract_articles({"id": "bad"}))
    with pytest.raises(TypeError, match="not int"):
        list(extract_articles([42]))


def evidence(text: str, span: str) -> dict:
    start = text.index(span)
    return {"start": start, "end": start + len(span), "text": span, "sentence": text}


def test_reconcile_gives_facts_and_conflicts():
    from extract import reconcile
    early = "Đến cuối năm 2024, Hà Nội có 3.000 sản phẩm OCOP."
    late = "Tính đến tháng 6/2025, Hà Nội có 3.317 sản phẩm OCOP."
    records = [
        schemas.CountRecord(id=f"{aid}#c1", article_id=aid, value=value, unit="sản phẩm",
                            metric="ocop_products", star="3+", kind="total", scope="Hà Nội",
                            scope_level="province", as_of=as_of, time_basis="stated",
                            evidence=evidence(text, span))
        for aid, text, span, value, as_of in [("a", early, "3.000 sản phẩm", 3000, "2024-12~"),
                                              ("b", late, "3.317 sản phẩm", 3317, "2025-06")]]
    result = reconcile(records)
    assert all(isinstance(f, schemas.Fact) for f in result.facts)
    assert all(isinstance(c, schemas.Conflict) for c in result.conflicts)
    assert {f.value for f in result.facts} == {3000, 3317}


def test_reconcile_is_also_the_subpackage():
    import extract.reconcile as package
    from extract import reconcile
    assert reconcile is package and callable(reconcile)
    assert hasattr(package, "run_reconcile")
    code = "import extract.reconcile\nfrom extract import reconcile\nprint(callable(reconcile))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "True"  # whichever is imported first


def count_line(rid, article, value, sentence, scope, kind="total", as_of="2024", rules=None):
    span = f"{value} sản phẩm"
    return {"id": rid, "article_id": article, "type": "count", "value": value, "unit": "sản phẩm",
            "metric": "ocop_products", "star": "3+", "kind": kind, "scope": scope, "as_of": as_of, "period": None,
            "time_basis": "stated", "rules": rules or ["numbers.digits", "kind.default_total", "scope.stated"],
            "evidence": evidence(sentence, span)}


def test_reconcile_gives_what_ocop_reconcile_writes(tmp_path):
    """The same records, articles and review database: the API's facts and findings are the command's,
    with the claim correction applied, articles named by title and misreadings labelled."""
    import json

    from extract import reconcile
    from extract.review.corrections import CorrectionStore
    from extract.review.fixes import correction_from_form
    from extract.review.store import ReviewStore
    stated = ["numbers.digits", "kind.total_cue:hiện có", "scope.stated"]
    records = [
        count_line("t#1", "t", 350, "Cuối năm 2024 Nam Định có 350 sản phẩm OCOP.", "Nam Định", as_of="2024-12~"),
        count_line("n#1", "n", 120, "Riêng năm 2024 Nam Định có 120 sản phẩm OCOP.", "Nam Định"),
        count_line("h#1", "h", 40, "Hà Nam hiện có 40 sản phẩm OCOP.", "Hà Nam", as_of="2024-12", rules=stated),
        count_line("k#1", "k", 44, "Hà Nam hiện có 44 sản phẩm OCOP.", "Hà Nam", as_of="2024-12", rules=stated),
        count_line("b#1", "b", 200, "Cuối năm 2024 Thái Bình có 200 sản phẩm OCOP.", "Thái Bình", as_of="2024-12~"),
        count_line("m#1", "m", 30, "Năm 2024 Thái Bình có 30 sản phẩm OCOP.", "Thái Bình")]
    articles = [{"id": a, "title": f"# Bài {a.upper()} về OCOP", "text": "…"} for a in "tnhkbm"]
    out = tmp_path / "out"
    out.mkdir()
    for name, rows in (("records.jsonl", records), ("articles.jsonl", articles)):
        (out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    assert subprocess.run([sys.executable, "-m", "extract.cli", "reconcile"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120).returncode == 0
    first = [json.loads(line) for line in (out / "conflicts.jsonl").read_text("utf-8").splitlines()]
    hanam = next(c for c in first if c["key"]["scope"] == "Hà Nam")
    db = out / "review.sqlite"
    with ReviewStore(db) as store:
        store.decide(schemas.Decision(
            finding_id=hanam["id"], finding_type=hanam["type"], key=hanam["key"], as_of=hanam["as_of"],
            claim_ids=[c["record_id"] for c in hanam["claims"]], action="accept", record_id="k#1", value=44,
            reviewer="lan", decided_at="2026-01-01T00:00:00+00:00"))
    with CorrectionStore(db) as store:
        store.correct(correction_from_form({"record_id": ["m#1"], "kind": ["added"]}, {"m#1": records[5]}, "lan"))

    done = subprocess.run([sys.executable, "-m", "extract.cli", "reconcile"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "1 claim corrections applied" in done.stderr, done.stderr
    written = {name: (out / f"{name}.jsonl").read_text("utf-8").splitlines() for name in ("facts", "conflicts")}
    result = reconcile(records, articles, review_db=db)
    given = {"facts": [f.model_dump_json() for f in result.facts],
             "conflicts": [c.model_dump_json() for c in result.conflicts]}
    assert {k: [json.loads(x) for x in v] for k, v in given.items()} == \
        {k: [json.loads(x) for x in v] for k, v in written.items()}
    # and what makes them the command's: the correction, the decision, titles, the label
    assert [c.record_id for c in result.corrected] == ["m#1"] and result.stale == []
    assert {c.key.scope for c in result.conflicts} == {"Hà Nam", "Nam Định"}        # Thái Bình's is gone
    assert next(c for c in result.conflicts if c.key.scope == "Hà Nam").status == "decided"
    nam_dinh = next(c for c in result.conflicts if c.key.scope == "Nam Định")
    assert nam_dinh.check_claims and "“Bài N về OCOP”" in nam_dinh.check_claims[0]
    assert "“Bài T về OCOP”" in nam_dinh.explanation and " t " not in f" {nam_dinh.explanation} "
    # the same inputs given as models instead of a database
    from extract.reconcile.reviewed import load_decisions, load_stored_corrections
    again = reconcile(records, articles, decisions=load_decisions(db), corrections=load_stored_corrections(db))
    assert [c.model_dump() for c in again.conflicts] == [c.model_dump() for c in result.conflicts]
