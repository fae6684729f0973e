"""ocop eval: scores on small hand-made gold/record pairs whose scores are worked out by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.evaluation import as_json, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
PRODUCTS = {"unit": "sản phẩm", "metric": "ocop_products"}

GOLD = [
    {"article": "a", "type": "count", "value": 6, **PRODUCTS, "star": "5", "kind": "total", "scope": "Hà Nội",
     "time": ["2025"]},
    {"article": "a", "type": "count", "value": 4, **PRODUCTS, "star": "5", "kind": ["added", "total"],
     "scope": "Hà Nội", "time": ["2020"], "organization": "Công ty TNHH Gốm sứ Quang Vinh"},
    {"article": "a", "type": "count", "value": 100, "unit": "làng nghề", "metric": None, "star": None,
     "kind": "total", "scope": "Hà Nội", "time": None, "optional": True},
    {"article": "a", "type": "count", "value": 110, "unit": "điểm", "metric": "ocop_sales_points", "star": None,
     "kind": "total", "scope": "Hà Nội", "time": None},
    {"article": "a", "type": "organization", "name": "Công ty TNHH Gốm sứ Quang Vinh", "class": "business"},
    {"article": "a", "type": "organization", "name": "HTX Gốm sứ Tân Thịnh", "class": "business"},
    {"article": "a", "type": "organization", "name": "Sở Nông nghiệp và Môi trường", "class": "agency"},
    {"article": "a", "type": "date", "value": "2025-06~", "alt": ["2025-06"]},
    {"article": "a", "type": "date", "value": "2020"},
    {"article": "b", "type": "count", "value": 5, **PRODUCTS, "star": "3+", "kind": "total", "scope": "Việt Nam",
     "time": None},
]


def count(article, value, star, **kw):
    return {"type": "count", "article_id": article, "value": value, **PRODUCTS, "star": star, **kw}


RECORDS = [
    count("a", 6, "5", kind="total", scope="thành phố Hà Nội", as_of="2025-06~"),  # scope normalized
    count("a", 6.0, "5", kind="total", scope="Hà Nội", as_of="2025"),               # same key: counts once
    count("a", 4, "5", kind="total", scope="Hà Nội", as_of="2020",                  # a kind the gold accepts
          organization="Công ty Trách nhiệm hữu hạn Gốm sứ Quang Vinh"),          # legal form written out
    {"type": "count", "article_id": "a", "value": 100, "unit": "làng nghề"},          # optional: no penalty
    count("a", 12, "4", kind="total", scope="Hà Nội"),                              # spurious
    count("b", 5, "3+", kind="added", scope="cả nước", as_of="2024"),               # right key, wrong kind
    count("z", 1, "5", kind="total"),                                                # article not in gold
    {"type": "organization", "article_id": "a", "name": "Công ty TNHH Gốm sứ Quang Vinh", "org_class": "business"},
    {"type": "organization", "article_id": "a", "name": "Sở Nông nghiệp và Môi trường", "org_class": "agency"},
    {"type": "organization", "article_id": "a", "name": "Công ty CP Sao Mai", "org_class": "business"},
    {"type": "date", "article_id": "a", "value": "2025-06"},                          # an accepted alternative
    {"type": "date", "article_id": "a", "value": "2023"},                             # spurious
]


@pytest.fixture
def scores():
    return {s.name: s for s in score(GOLD, RECORDS)}


def test_core_scores(scores):
    key, strict = scores["core_key"], scores["core_strict"]
    # gold keys (a,6,5) (a,4,5) (b,5,3+); predicted keys those three and (a,12,4)
    assert (key.pred, key.gold, key.precision, key.recall) == (4, 3, 0.75, 1.0)
    assert key.f1 == pytest.approx(6 / 7)
    # (b,5,3+) is found but its kind is wrong: 2 strict matches
    assert (strict.precision, strict.recall) == (0.5, pytest.approx(2 / 3))
    assert strict.f1 == pytest.approx(4 / 7)
    assert strict.spurious == ["a  12 4 sao"] and strict.missed == []
    assert strict.mismatched == ["b  5 3+ sao: kind added (gold total)"]


def test_counts_score(scores):
    counts = scores["counts"]
    # gold (a,6,sản) (a,4,sản) (a,110,điểm) (b,5,sản); the optional (a,100,làng) is not scored
    assert (counts.pred, counts.gold, counts.precision, counts.recall, counts.f1) == (4, 4, 0.75, 0.75, 0.75)
    assert counts.missed == ["a  110 điểm"] and counts.spurious == ["a  12 sản"]


def test_orgs_score(scores):
    orgs = scores["orgs"]  # businesses only: the agency is neither gold nor prediction
    assert (orgs.pred, orgs.gold, orgs.precision, orgs.recall) == (2, 2, 0.5, 0.5)
    assert orgs.missed == ["a  HTX Gốm sứ Tân Thịnh"] and orgs.spurious == ["a  Công ty CP Sao Mai"]


def test_dates_score(scores):
    dates = scores["dates"]
    assert (dates.pred, dates.gold, dates.precision, dates.recall) == (2, 2, 0.5, 0.5)
    assert dates.missed == ["a  2020"] and dates.spurious == ["a  2023"]


def test_strict_checks_year_organization_and_category():
    gold = [{"article": "a", "type": "count", "value": 3, **PRODUCTS, "star": "4", "kind": "total",
             "scope": "Sơn La", "time": ["2024", "2025"], "organization": "HTX Chè Tà Xùa",
             "category": "đồ uống"}]
    right = count("a", 3, "4", kind="total", scope="tỉnh Sơn La", period="2021/2025",
                  organization="Hợp tác xã Chè Tà Xùa", category="đồ uống chè")
    assert {s.name: s.f1 for s in score(gold, [right])}["core_strict"] == 1.0
    for wrong in ({"as_of": "2023"}, {"organization": "HTX Chè Suối Giàng"}, {"category": "thực phẩm"}):
        s = {s.name: s for s in score(gold, [{**right, **wrong}])}
        assert (s["core_key"].f1, s["core_strict"].f1) == (1.0, 0.0), wrong


def test_nothing_predicted_and_nothing_to_find():
    s = {s.name: s for s in score(GOLD, [])}
    assert (s["counts"].precision, s["counts"].recall, s["counts"].f1) == (0.0, 0.0, 0.0)
    only_optional = [g for g in GOLD if g.get("optional")]
    s = {s.name: s for s in score(only_optional, [{"type": "count", "article_id": "a", "value": 100,
                                                   "unit": "làng nghề"}])}
    assert (s["counts"].precision, s["counts"].recall) == (1.0, 1.0)


def as_records(gold: list[dict]) -> list[dict]:
    """The records a perfect extractor writes for a gold file."""
    out = []
    for g in gold:
        r = {"type": g["type"], "article_id": g["article"]}
        if g["type"] == "count":
            kind = g["kind"][0] if isinstance(g.get("kind"), list) else g.get("kind")
            r |= {k: g.get(k) for k in ("value", "unit", "metric", "star", "scope", "organization", "category")}
            r |= {"kind": kind, "as_of": g["time"][0] if g.get("time") else None}
        elif g["type"] == "organization":
            r |= {"name": g["name"], "org_class": g.get("class", "business")}
        else:
            r |= {"value": g["value"]}
        out.append(r)
    return out


def test_identical_records_score_one():
    gold = load_gold(ROOT / "tests" / "data" / "gold_seeds.jsonl")
    for s in score(gold, as_records(gold)):
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), s.name
        assert s.missed == s.spurious == s.mismatched == []


def run_eval(*args):
    return subprocess.run([sys.executable, "-m", "extract.cli", "eval", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def write(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_eval_command(tmp_path):
    gold = write(tmp_path / "gold.jsonl", GOLD)
    write(tmp_path / "records.jsonl", RECORDS)
    text = run_eval(gold, "--out", tmp_path, "--errors")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "counts      missed     a  110 điểm" in lines
    assert "orgs        spurious   a  Công ty CP Sao Mai" in lines
    assert "core_strict mismatched b  5 3+ sao: kind added (gold total)" in lines
    assert "count        counts        0.750  0.750  0.750      4      4" in lines
    assert lines[-1] == "headline: core_strict F1 0.571 | counts F1 0.750 | orgs F1 0.500 | dates F1 0.500"
    js = run_eval(gold, "--records", tmp_path / "records.jsonl", "--json")
    data = json.loads(js.stdout)
    assert data == as_json(score(GOLD, RECORDS))
    assert data["orgs"] | {"missed": None, "spurious": None, "mismatched": None} == {
        "type": "organization", "p": 0.5, "r": 0.5, "f1": 0.5, "pred": 2, "gold": 2,
        "missed": None, "spurious": None, "mismatched": None}


def test_eval_errors_name_the_file_and_line(tmp_path):
    records = write(tmp_path / "records.jsonl", RECORDS)
    bad_gold = write(tmp_path / "gold.jsonl", [GOLD[0], {"article": "a", "type": "place", "value": 1}])
    done = run_eval(bad_gold, "--records", records)
    assert done.returncode == 1 and "gold.jsonl:2: unknown gold type 'place'" in done.stderr
    assert "Traceback" not in done.stderr
    missing = run_eval(write(tmp_path / "g2.jsonl", GOLD), "--out", tmp_path / "nowhere")
    assert missing.returncode == 1 and "nowhere/records.jsonl: no such file" in missing.stderr
    (tmp_path / "r.jsonl").write_text('{"type": "date"\n', encoding="utf-8")
    broken = run_eval(tmp_path / "g2.jsonl", "--records", tmp_path / "r.jsonl")
    assert broken.returncode == 1 and "r.jsonl:1: malformed JSON" in broken.stderr
    other = write(tmp_path / "other.jsonl", [{"type": "date", "article_id": "q", "value": "2020"}])
    warned = run_eval(tmp_path / "g2.jsonl", "--records", other)
    assert warned.returncode == 0 and "2 of 2 gold articles have no records" in warned.stderr
