"""Issue 3's "Done when" on corpus/, through the real extraction: `run_extract(["corpus"], tmp)` then
`run_reconcile(tmp)`, reading the files they write."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from extract.io import read_jsonl
from extract.reconcile import run_reconcile
from extract.reconcile.timeline import interval
from schemas import Conflict, Fact

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
A000, A001, A002, A003, A004 = ("000_81a9d1e10ca821b1", "001_d422352a16ae81a9", "002_559d534dd66d6be0",
                                "003_075c10e0e264decf", "004_16b518ffe5fb6797")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from extract.batch import run_extract
    d = tmp_path_factory.mktemp("corpus_out")
    run_extract([str(CORPUS)], d, log=io.StringIO())
    summary = run_reconcile(d)
    assert summary.facts > 0
    return d


@pytest.fixture(scope="module")
def facts(out) -> list[Fact]:
    return [Fact.model_validate(x) for x in read_jsonl(out / "facts.jsonl")]


@pytest.fixture(scope="module")
def conflicts(out) -> list[Conflict]:
    return [Conflict.model_validate(x) for x in read_jsonl(out / "conflicts.jsonl")]


def hanoi(facts, star, kind="total"):
    return [f for f in facts if f.key.metric == "ocop_products" and f.key.star == star
            and f.key.scope == "Hà Nội" and f.key.kind == kind]


def test_hanoi_five_star_line_reads_4_then_6_then_9(facts):
    line = [(f.as_of[:4], f.value, f.articles) for f in hanoi(facts, "5") if f.rank == "preferred"]
    assert [(y, v) for y, v, _ in line] == [("2021", 4), ("2022", 6), ("2025", 9)], line
    assert A002 in line[0][2] and A003 in line[1][2] and {A000, A004} <= set(line[2][2])


def test_nine_preferred_for_2025_and_001s_six_deprecated_naming_june_2025(facts):
    in_2025 = [f for f in hanoi(facts, "5") if f.as_of.startswith("2025")]
    [nine] = [f for f in in_2025 if f.rank == "preferred"]
    [six] = [f for f in in_2025 if f.value == 6]
    assert nine.value == 9
    assert six.rank == "deprecated" and six.articles == [A001]
    assert "June 2025" in six.explanation and "“Dấu mốc đặc biệt đầu tiên" in six.explanation


def test_explanations_name_articles_by_title_or_first_words_never_by_hash_id(facts, conflicts):
    texts = [f.explanation for f in facts if f.explanation] + [c.explanation for c in conflicts]
    assert texts
    for text in texts:
        assert not any(a in text for a in (A000, A001, A002, A003, A004)), text
    assert any("“Hà Nội: Gia tăng giá trị từ sản phẩm OCOP”" in t for t in texts)


def test_a_value_mismatch_cites_001_and_000_or_004(conflicts):
    found = [c for c in conflicts if c.type == "value_mismatch" and c.key.star == "5" and c.key.scope == "Hà Nội"
             and c.key.kind == "total"]
    assert len(found) == 1
    arts = {cl.article_id for cl in found[0].claims}
    assert A001 in arts and arts & {A000, A004}


def test_parts_sum_for_001_with_the_gap_of_22_and_none_for_002_003_004(conflicts):
    parts = [c for c in conflicts if c.type == "parts_sum"]
    mine = [c for c in parts if {cl.article_id for cl in c.claims} == {A001}]
    assert len(mine) == 1 and mine[0].values == [3317, 3295]
    assert "22 short" in mine[0].explanation and "tiềm năng 5 sao" in mine[0].explanation
    assert not [c for c in parts if {cl.article_id for cl in c.claims} & {A002, A003, A004}]


def test_no_conflict_between_figures_of_different_years(conflicts):
    for c in conflicts:
        if c.type != "value_mismatch":
            continue
        spans = [interval(cl.as_of) for cl in c.claims if cl.as_of]
        assert all(a.lo <= b.hi and b.lo <= a.hi for a in spans for b in spans), c.explanation


def test_stock_flow_2021_to_2022_is_support_not_a_conflict(facts, conflicts):
    [total] = [f for f in hanoi(facts, "3+") if f.value == 2167]
    assert any(s.startswith("stock_flow: 2.167") and "1.649" in s and "518" in s for s in total.support)
    assert not [c for c in conflicts if c.type == "stock_flow" and c.key.star == "3+"]


def test_a_stock_flow_explained_by_products_moving_suggests_the_value_the_move_explains(conflicts):
    [moved] = [c for c in conflicts if c.type == "stock_flow" and "likely moved" in c.explanation]
    assert moved.key.star == "5p" and "2 products likely moved from tiềm năng 5 sao to 5 sao" in moved.explanation
    assert moved.suggested.value == moved.values[2] == 12      # the later total, not 13 + 1


def test_the_timeline_and_the_table_name_articles_by_title(out):
    import subprocess
    import sys
    run = lambda *a: subprocess.run([sys.executable, "-m", "extract.cli", *a, "--out", str(out)],
                                    capture_output=True, text=True, timeout=120)
    timeline = run("timeline", "products", "--scope", "Hà Nội", "--star", "5")
    table = run("conflicts")
    assert timeline.returncode == table.returncode == 0
    assert "“Năm 2021,Thành phố Hà Nội đã đánh giá, …”: Năm 2021" in timeline.stdout
    assert "sources “Hà Nội tiên phong lan tỏa giá…”" in table.stdout
    for text in (timeline.stdout, table.stdout):
        assert not any(a in text for a in (A000, A001, A002, A003, A004)), text
