"""The reform of 1 July 2025 in reconciliation, over invented records: Hà Giang (2023), Tuyên Quang (2023)
and Tuyên Quang (new, 2025-12, which holds the former Hà Giang) are three figures: no value_mismatch
between an old province and the new one it became part of, and the time line shows all three lines."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.reconcile import reconcile
from extract.reconcile.samples import count_record

ROOT = Path(__file__).resolve().parents[1]


def records() -> list[dict]:
    return [
        count_record("a#1", "a", 120, star="3+", scope="Hà Giang", as_of="2023", scope_level="province"),
        count_record("b#1", "b", 95, star="3+", scope="Tuyên Quang", as_of="2023", scope_level="province"),
        count_record("c#1", "c", 260, star="3+", scope="Tuyên Quang", as_of="2025-12", scope_level="province"),
        # the same new province, written otherwise, by another article: one figure with c's
        count_record("d#1", "d", 250, star="3+", scope="tỉnh Tuyên Quang", as_of="2025-12", scope_level="province"),
    ]


def test_old_and_new_provinces_are_separate_figures():
    result = reconcile(records())
    scopes = {f.key.scope for f in result.facts}
    assert scopes == {"Hà Giang", "Tuyên Quang", "Tuyên Quang (mới)"}
    mismatches = [c for c in result.conflicts if c.type == "value_mismatch"]
    # the two articles about the new province disagree (260 / 250): that is still found ...
    assert mismatches, [c.type for c in result.conflicts]
    for c in mismatches:
        # ... but never between the old province and the new one
        assert {cl.article_id for cl in c.claims} <= {"c", "d"}, c.explanation
        assert c.key.scope == "Tuyên Quang (mới)"


def test_a_figure_before_the_reform_keeps_its_old_province():
    result = reconcile(records())
    old = [f for f in result.facts if f.key.scope == "Tuyên Quang"]
    assert [(f.as_of, f.value) for f in old] == [("2023", 95)]


def ocop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("eras")
    with open(d / "records.jsonl", "w", encoding="utf-8") as f:
        for r in records():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    p = ocop("reconcile", "--out", str(d))
    assert p.returncode == 0, p.stderr
    return d


@pytest.mark.parametrize("typed", ["Tuyên Quang", "tỉnh TUYÊN QUANG", "tuyen quang", "Tuyên Quang (mới)"])
def test_timeline_of_the_new_province_shows_the_old_ones_as_separate_lines(out, typed):
    p = ocop("timeline", "ocop_products", "--scope", typed, "--out", str(out))
    assert p.returncode == 0, p.stderr
    titles = [ln for ln in p.stdout.splitlines() if ln and not ln.startswith(" ")]
    assert any(t.endswith("in Tuyên Quang (mới)") for t in titles), p.stdout
    assert any(t.endswith("in Tuyên Quang") for t in titles), p.stdout
    assert any(t.endswith("in Hà Giang") for t in titles), p.stdout
    assert "380" not in p.stdout and "355" not in p.stdout     # never added up


def test_timeline_of_an_absorbed_province_is_its_own(out):
    p = ocop("timeline", "ocop_products", "--scope", "Hà Giang", "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert "in Hà Giang" in p.stdout and "Tuyên Quang" not in p.stdout
