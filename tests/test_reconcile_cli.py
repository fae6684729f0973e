"""`ocop reconcile`, `ocop conflicts` and `ocop timeline` as a user runs them (real subprocesses, real
files), including the messages for user errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def ocop(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("out")
    shutil.copy(DATA / "reconcile_seed_records.jsonl", d / "records.jsonl")
    shutil.copy(DATA / "reconcile_seed_articles.jsonl", d / "articles.jsonl")
    p = ocop("reconcile", "--out", str(d))
    assert p.returncode == 0, p.stderr
    assert "facts" in p.stderr and "findings" in p.stderr
    return d


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_reconcile_writes_facts_and_conflicts_that_are_stable_across_runs(out, tmp_path):
    facts, conflicts = (out / "facts.jsonl").read_bytes(), (out / "conflicts.jsonl").read_bytes()
    assert lines(out / "facts.jsonl") and lines(out / "conflicts.jsonl")
    shutil.copy(out / "records.jsonl", tmp_path / "records.jsonl")
    assert ocop("reconcile", "--out", str(tmp_path)).returncode == 0
    assert (tmp_path / "facts.jsonl").read_bytes() == facts
    assert (tmp_path / "conflicts.jsonl").read_bytes() == conflicts


def test_conflicts_prints_the_most_severe_first_and_filters_by_type(out):
    p = ocop("conflicts", "--out", str(out))
    assert p.returncode == 0, p.stderr
    heads = [ln for ln in p.stdout.splitlines() if ln[:6].strip() in ("HIGH", "MEDIUM", "LOW")]
    order = {"HIGH": 0, "MEDIUM": 1, "LOW": 2}
    sev = [order[h.split()[0]] for h in heads]
    assert heads and sev == sorted(sev)
    assert "value_mismatch" in p.stdout and "22 short" in p.stdout.replace("\n    ", " ")
    only = ocop("conflicts", "--out", str(out), "--type", "parts_sum")
    assert "parts_sum" in only.stdout and "value_mismatch" not in only.stdout


def test_timeline_matches_the_place_however_it_is_typed(out):
    outputs = [ocop("timeline", "ocop_products", "--scope", s, "--star", "5", "--out", str(out))
               for s in ("Hà Nội", "ha noi", "TP Hà Nội")]
    assert all(p.returncode == 0 for p in outputs), [p.stderr for p in outputs]
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
    text = outputs[0].stdout
    assert "4 (2021) → 6 (2022) → 9 (June 2025)" in text
    assert "deprecated" in text and "002_559d534dd66d6be0:" in text    # no title, no text: the id


def test_timeline_plot_draws_png_and_svg(out, tmp_path):
    for name, magic in (("t.png", b"\x89PNG"), ("t.svg", b"<?xml")):
        p = ocop("timeline", "products", "--scope", "Hà Nội", "--out", str(out), "--plot", str(tmp_path / name))
        assert p.returncode == 0, p.stderr
        assert (tmp_path / name).read_bytes().startswith(magic)


def test_user_errors_are_one_clear_line(out, tmp_path):
    missing = ocop("reconcile", "--out", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "records.jsonl: not found" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "records.jsonl").write_text('{"id": "a#1", "type": "count"}\n{oops\n', encoding="utf-8")
    p = ocop("reconcile", "--out", str(bad))
    assert p.returncode == 1 and "records.jsonl:2" in p.stderr and "Traceback" not in p.stderr
    nowhere = ocop("timeline", "ocop_products", "--scope", "Đà Nẵng", "--out", str(out))
    assert nowhere.returncode == 1 and "Đà Nẵng" in nowhere.stderr and "Hà Nội" in nowhere.stderr
    plot = ocop("timeline", "ocop_products", "--scope", "Hà Nội", "--out", str(out), "--plot", str(tmp_path / "x.gif"))
    assert plot.returncode == 1 and ".png or .svg" in plot.stderr
    no_out = ocop("conflicts", "--out", str(tmp_path / "nothing"))
    assert no_out.returncode == 1 and "conflicts.jsonl: not found" in no_out.stderr


def test_a_failed_run_keeps_the_previous_output(out, tmp_path):
    shutil.copy(out / "records.jsonl", tmp_path / "records.jsonl")
    assert ocop("reconcile", "--out", str(tmp_path)).returncode == 0
    before = (tmp_path / "facts.jsonl").read_bytes()
    with open(tmp_path / "records.jsonl", "a", encoding="utf-8") as f:
        f.write('{"id": "x#1", "type": "count", "metric": "ocop_products", "article_id": "x", '
                '"value": "many", "evidence": {}}\n')
    p = ocop("reconcile", "--out", str(tmp_path))
    assert p.returncode == 1 and "'many'" in p.stderr and "x#1" in p.stderr
    assert (tmp_path / "facts.jsonl").read_bytes() == before
