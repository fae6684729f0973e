"""The real dev set (../shared/dev: 40 real OCOP articles with hand-made answers), when it is beside the
project: ocop extracts it as the shared hook does (id, text and publication date only, no title), its
scores stay above the floors in tests/data/dev_floors.json, and `ocop eval` agrees with the shared scorer.
Without ../shared these tests skip and say why; the project's own tests do not need it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev"
FLOORS = json.loads((ROOT / "tests" / "data" / "dev_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (DEV / "manifest.jsonl").is_file(),
                                reason=f"no dev set at {DEV} (it lies beside the project in CI, not in a clone)")


@pytest.fixture
def dev_run(dev_extracted):
    """The dev articles as JSON Lines input, their gold, and ocop's records for them (conftest.py)."""
    return dev_extracted


def _ocop_scores(tmp: Path, ocop: list[str]) -> dict:
    done = subprocess.run([*ocop, "eval", str(tmp / "gold.jsonl"), "--records", str(tmp / "out" / "records.jsonl"),
                           "--json"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_dev_scores_stay_above_their_floors(dev_run):
    scores = _ocop_scores(*dev_run)
    low = {name: round(scores[name]["f1"], 3) for name, floor in FLOORS.items()
           if not name.startswith("_") and scores[name]["f1"] < floor}
    assert not low, f"below the floors of tests/data/dev_floors.json: {low}"


def test_ocop_eval_agrees_with_the_shared_scorer(dev_run):
    tmp, ocop = dev_run
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"no shared scorer at {scorer}")
    done = subprocess.run([sys.executable, str(scorer), str(tmp / "gold.jsonl"), str(tmp / "out" / "records.jsonl"),
                           "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shared = json.loads(done.stdout)
    ours = _ocop_scores(tmp, ocop)
    for name, s in shared.items():
        if isinstance(s, dict) and "f1" in s:
            assert round(ours[name]["f1"], 4) == s["f1"], (name, ours[name], s)
