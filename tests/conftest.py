"""Test-wide settings: the hypothesis profile (HYPOTHESIS_PROFILE=ci|deep, see hypothesis_profiles.py), the dev set
extracted once (when ../shared is there), a local Dask cluster, and the
real browser the page tests drive (Debian's chromium through Playwright, one per test module)."""
import json
import subprocess
import sys
from pathlib import Path

import hypothesis_profiles
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
"""The real dev set (40 articles with hand-made answers): beside the project in CI, not in a clone."""

hypothesis_profiles.load()


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api

    from extract.review.browser import launch_chromium
    with sync_api.sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def cluster():
    """A real local Dask cluster (two worker processes), one a test module; skips when dask is missing."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as c:
        yield c


@pytest.fixture(scope="session")
def dev_extracted(tmp_path_factory):
    """The dev articles as the shared hook gives them (JSON Lines of id, text and publication date), their
    gold, and `ocop extract`'s output for them in OUT: (folder, the ocop command). Extracted once a test
    session; skips, saying why, when the dev set is not there."""
    if not (DEV / "manifest.jsonl").is_file():
        pytest.skip(f"no dev set at {DEV} (it lies beside the project in CI, not in a clone)")
    tmp = tmp_path_factory.mktemp("dev")
    manifest = [json.loads(line) for line in (DEV / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    with open(tmp / "dev.jsonl", "w", encoding="utf-8") as f, open(tmp / "gold.jsonl", "w", encoding="utf-8") as g:
        for m in manifest:
            row = {"id": m["id"], "text": (DEV / "articles" / f"{m['id']}.txt").read_text(encoding="utf-8")}
            if m.get("published"):
                row["published"] = m["published"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            g.write((DEV / "gold" / f"{m['id']}.jsonl").read_text(encoding="utf-8"))
    ocop = [sys.executable, "-m", "extract.cli"]
    done = subprocess.run([*ocop, "extract", str(tmp / "dev.jsonl"), "--out", str(tmp / "out")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return tmp, ocop
