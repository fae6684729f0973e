"""`ocop map` as a user runs it (real subprocesses, real files): the latest figure of each province at a
date, on the map of that date, drawn into a PNG or SVG; clear errors for bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.reconcile.samples import count_record

ROOT = Path(__file__).resolve().parents[1]


def ocop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("map")
    recs = [
        count_record("a#1", "a", 120, star="3+", scope="Hà Giang", as_of="2023", scope_level="province"),
        count_record("b#1", "b", 95, star="3+", scope="Tuyên Quang", as_of="2023", scope_level="province"),
        count_record("c#1", "c", 260, star="3+", scope="Tuyên Quang", as_of="2025-12", scope_level="province"),
        count_record("e#1", "e", 3317, star="3+", scope="Hà Nội", as_of="2025-06", scope_level="province"),
        count_record("e#2", "e", 3000, star="3+", scope="Hà Nội", as_of="2024-06", scope_level="province"),
        count_record("f#1", "f", 12, star="3+", scope="Mường Khương", as_of="2024", scope_level="district"),
    ]
    with open(d / "records.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    assert ocop("reconcile", "--out", str(d)).returncode == 0
    return d


def listed(stdout: str) -> dict[str, str]:
    return {ln[:24].strip(): ln[24:].split()[0] for ln in stdout.splitlines() if ln.strip()}


def test_after_the_reform_the_new_province_stands_for_the_old_ones(out, tmp_path):
    png = tmp_path / "map.png"
    p = ocop("map", "ocop_products", "--as-of", "2026-01-01", "--out", str(out), "--plot", str(png))
    assert p.returncode == 0, p.stderr
    assert listed(p.stdout) == {"Tuyên Quang (mới)": "260", "Hà Nội": "3.317"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_before_the_reform_the_old_provinces_and_the_figure_of_that_date(out, tmp_path):
    svg = tmp_path / "map.svg"
    p = ocop("map", "products", "--star", "3+", "--as-of", "2024-12-31", "--out", str(out), "--plot", str(svg))
    assert p.returncode == 0, p.stderr
    assert listed(p.stdout) == {"Hà Giang": "120", "Tuyên Quang": "95", "Hà Nội": "3.000"}
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]


@pytest.mark.parametrize("args,message", [
    (["--plot", "map.gif"], "give a .png or .svg file name"),
    (["--as-of", "2024-13-01", "--plot", "map.png"], "give a date as YYYY-MM-DD"),
    (["--as-of", "2020-01-01", "--plot", "map.png"], "no province has a figure at that date"),
])
def test_bad_input_is_a_clear_error(out, tmp_path, args, message):
    p = ocop("map", "ocop_products", "--out", str(out), *[a if a.startswith("-") or "map." not in a
                                                         else str(tmp_path / a) for a in args])
    assert p.returncode == 1 and message in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_the_review_page_shows_the_finding_on_the_country(tmp_path):
    import http.client
    from urllib.parse import urlsplit

    from extract.review.browser import running_server
    recs = [
        count_record("c#1", "c", 260, star="3+", scope="Tuyên Quang", as_of="2025-12", scope_level="province"),
        count_record("d#1", "d", 250, star="3+", scope="Tuyên Quang", as_of="2025-12", scope_level="province"),
        count_record("e#1", "e", 3317, star="3+", scope="Hà Nội", as_of="2025-06", scope_level="province"),
    ]
    out = tmp_path / "out"
    out.mkdir()
    with open(out / "records.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    assert ocop("reconcile", "--out", str(out)).returncode == 0
    with running_server(out, tmp_path / "review.sqlite", reviewer="tester") as url:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode("utf-8")
        conn.close()
    assert '<svg class="placemap"' in page
    assert "Tuyên Quang (mới): 250 / 260" in page and "Hà Nội 3.317" in page
