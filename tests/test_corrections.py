"""Claim corrections without a browser: applying them (and refusing stale ones), the review database,
moving them with decisions in one file, `ocop corrections` and `ocop eval --corrections`."""
import json
import subprocess
import sys

import pytest

from extract.reconcile import reconcile
from extract.reconcile.corrections import apply_corrections
from extract.review.corrections import CorrectionStore, load_corrections
from extract.review.decide import Reject
from extract.review.fixes import correction_from_form
from extract.review.io import export_work, import_work
from extract.review.store import ReviewStore, load_decisions
from schemas import Correction, Decision


def count(rid, value, sentence, kind="total", as_of="2024", text=None, article="a"):
    text = text or f"{value} sản phẩm"
    start = sentence.index(text)
    return {"id": rid, "article_id": article, "type": "count", "value": value, "unit": "sản phẩm",
            "metric": "ocop_products", "star": "3+", "kind": kind, "scope": "Nam Định", "as_of": as_of,
            "period": None, "time_basis": "stated", "rules": ["numbers.digits", "kind.default_total", "scope.stated"],
            "evidence": {"start": start, "end": start + len(text), "text": text, "sentence": sentence}}


TOTAL = count("t#count@0-3", 350, "Cuối năm 2024 có 350 sản phẩm OCOP.", as_of="2024-12~", article="t")
ADDED = count("a#count@0-3", 120, "Riêng năm 2024 có 120 sản phẩm OCOP.")


def fix(record, **after):
    return correction_from_form({"record_id": [record["id"]], **{k: [v] for k, v in after.items()}},
                                {record["id"]: record}, "an")


def test_a_correction_moves_the_claim_to_its_figure_and_the_finding_goes():
    before = reconcile([TOTAL, ADDED])
    assert [c.type for c in before.conflicts] == ["value_mismatch"]
    fixed = apply_corrections([TOTAL, ADDED], [fix(ADDED, kind="added")])
    after = reconcile(fixed.records)
    assert after.conflicts == []
    assert {(f.key.kind, f.value) for f in after.facts} == {("total", 350), ("added", 120)}
    assert ADDED["kind"] == "total"   # the input records are not changed


def test_not_an_ocop_figure_leaves_the_record_out():
    fixed = apply_corrections([TOTAL, ADDED], [fix(ADDED, metric="not_ocop")])
    assert [f.value for f in reconcile(fixed.records).facts] == [350]


def test_stale_when_the_id_now_reads_other_words_or_is_gone():
    c = fix(ADDED, kind="added")
    other = count(ADDED["id"], 125, "Riêng năm 2024 có 125 sản phẩm OCOP.")
    out = apply_corrections([TOTAL, other], [c])
    assert out.applied == [] and out.records[1]["kind"] == "total"
    assert "now reads '125 sản phẩm', not '120 sản phẩm'" in out.stale[0].reason
    assert apply_corrections([TOTAL], [c]).stale[0].correction is c


def test_a_later_correction_that_changes_nothing_withdraws_the_earlier(tmp_path):
    db = tmp_path / "review.sqlite"
    with CorrectionStore(db) as store:
        store.correct(fix(ADDED, kind="added"))
        store.correct(fix(ADDED, kind="total"))
    [current] = load_corrections(db)
    assert current.withdrawn and current.changes() == "as extracted (correction withdrawn)"
    assert apply_corrections([ADDED], [current]).records[0]["kind"] == "total"


@pytest.mark.parametrize("field, value, says", [("kind", "sum", "kind 'sum' is not one of"),
                                                ("as_of", "mid 2024", "not a date like"),
                                                ("star", "6", "star '6' is not one of")])
def test_bad_form_values_are_refused(field, value, says):
    with pytest.raises(Reject, match=says):
        fix(ADDED, **{field: value})


def test_one_file_carries_decisions_and_corrections(tmp_path):
    a, b, moved = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "work.jsonl"
    with ReviewStore(a) as store:
        store.decide(Decision(finding_id="f1", action="dismiss", reviewer="an", decided_at="2026-01-01T00:00:00"))
    with CorrectionStore(a) as store:
        store.correct(fix(ADDED, kind="added"))
    assert export_work(a, moved) == (1, 1)
    kinds = [("finding_id" in json.loads(line), "corrected_at" in json.loads(line))
             for line in moved.read_text("utf-8").splitlines()]
    assert kinds == [(True, False), (False, True)]
    work, new_d, new_c = import_work(b, moved)
    assert (new_d, new_c) == (1, 1) and import_work(b, moved)[1:] == (0, 0)
    assert [c.after for c in load_corrections(b)] == [{"kind": "added"}] and len(load_decisions(b)) == 1


def test_a_bad_correction_line_is_named_and_nothing_is_imported(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = Decision(finding_id="f1", action="dismiss", reviewer="an", decided_at="2026-01-01T00:00:00")
    broken = fix(ADDED, kind="added").model_dump(mode="json") | {"after": {"value": "9"}, "before": {}}
    bad.write_text(good.model_dump_json() + "\n" + json.dumps(broken) + "\n", "utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl: correction 2: after: .*cannot correct value"):
        import_work(tmp_path / "b.sqlite", bad)
    assert load_decisions(tmp_path / "b.sqlite") == []


def ocop(*args, cwd):
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_cli_lists_corrections_and_eval_counts_the_rules_overruled(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (TOTAL, ADDED)),
                                       "utf-8")
    with CorrectionStore(out / "review.sqlite") as store:
        store.correct(fix(ADDED, kind="added"))
    listing = ocop("corrections", cwd=tmp_path)
    assert listing.returncode == 0 and "kind total → added" in listing.stdout and "applied" in listing.stdout
    report = ocop("eval", "--corrections", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    [row] = [line for line in report.stdout.splitlines() if line.startswith("kind.default_total")]
    assert row.split()[1:4] == ["1", "2", "50%"]
    reconciled = ocop("reconcile", cwd=tmp_path)
    assert "1 claim corrections applied" in reconciled.stderr
    assert (out / "conflicts.jsonl").read_text("utf-8") == ""


def test_findings_on_claims_read_by_default_say_check_the_claims_and_come_last(tmp_path):
    from extract.reconcile import run_reconcile
    out = tmp_path / "out"
    out.mkdir()
    well_read = [dict(count(f"{a}#count@0-2", v, f"Hiện có {v} sản phẩm OCOP.", article=a, as_of="2024-12"),
                      scope="Hà Nam", rules=["numbers.digits", "kind.total_cue:hiện có", "scope.stated"])
                 for a, v in (("h1", 40), ("h2", 44))]
    records = [TOTAL, ADDED, *well_read]
    (out / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    (out / "articles.jsonl").write_text(json.dumps({"id": "a", "title": "# Riêng năm 2024", "text": "x"},
                                                   ensure_ascii=False) + "\n", "utf-8")
    run_reconcile(out)
    found = [json.loads(line) for line in (out / "conflicts.jsonl").read_text("utf-8").splitlines()]
    assert [c["key"]["scope"] for c in found] == ["Hà Nam", "Nam Định"]
    assert found[0]["check_claims"] == []
    [why] = found[1]["check_claims"]
    assert why.startswith("the 120 of “Riêng năm 2024” is a total only by default")
    table = ocop("conflicts", cwd=tmp_path).stdout
    assert table.index("Hà Nam") < table.index("CHECK THE CLAIMS") and "check the claims: the 120 of" in table


def test_tenfold_values_and_a_part_read_as_the_whole_are_suspect():
    from extract.reconcile.suspects import looks_tenfold, mark_suspects
    assert looks_tenfold(1571, 15710) and looks_tenfold(12, 1200) and not looks_tenfold(12, 13)
    part = count("p#count@0-2", 120, "Riêng năm 2024 có 120 sản phẩm OCOP.", kind="added", article="p")
    stated = {"rules": ["kind.total_cue:hiện có", "scope.stated"]}
    result = reconcile([TOTAL | stated, ADDED | stated, part])
    mark_suspects(result, [TOTAL | stated, ADDED | stated, part], {"p": "“P”"})
    [c] = result.conflicts
    assert c.check_claims == ["120 is also stated as an added count for Nam Định (“P”): a part or an addition of "
                              "the figure, read as the whole?"]


def test_a_sentence_repeated_in_one_article_is_one_claim_whatever_its_context():
    """Through the real extraction: the second copy sits after another year and place."""
    from extract.inputs import Article
    from extract.pipeline import extract_article
    said = "Toàn tỉnh đã có 320 sản phẩm OCOP được công nhận đạt từ 3 sao trở lên trong chương trình."
    text = (f"Sản phẩm OCOP tỉnh Thái Bình\n\nNăm 2022, tỉnh Thái Bình tổ chức đánh giá sản phẩm. {said}\n\n"
            f"Năm 2024, tỉnh Hà Nam tổ chức hội chợ. {said}\n")
    records = [r.model_dump(mode="json") for r in extract_article(Article(id="x", text=text)).records]
    copies = [r for r in records if r["type"] == "count" and r["value"] == 320]
    assert len(copies) == 2
    [claim] = [c for c in reconcile(records).claims if c.value == 320]
    assert sorted(claim.record_ids) == sorted(r["id"] for r in copies)


def test_a_correction_of_one_copy_of_a_repeated_sentence_stands_for_the_claim():
    """A correction stored for one copy only (made before the page showed one card a claim, or imported)
    is not undone by the other copy's reading: the corrected copy's reading stands for the claim."""
    from extract.inputs import Article
    from extract.pipeline import extract_article
    said = "Lũy kế đến nay, toàn tỉnh Nam Định hiện có 120 sản phẩm OCOP được công nhận từ 3 sao trở lên."
    text = (f"Nông sản Nam Định\n\n{said} Các chủ thể cải tiến bao bì.\n\n"
            f"Năm 2023, huyện Hải Hậu tổ chức hội chợ. {said}\n")
    records = [r.model_dump(mode="json") for r in extract_article(Article(id="x", text=text)).records]
    first, second = [r for r in records if r["type"] == "count" and r["value"] == 120]
    assert first["kind"] == second["kind"] == "total"
    for corrected in (first, second):
        result = reconcile(records, corrections=[fix(corrected, kind="added")])
        [claim] = [c for c in result.claims if c.value == 120]
        assert claim.key.kind == "added" and sorted(claim.record_ids) == sorted([first["id"], second["id"]])
