"""Reconciliation keeps records and claims compact (`extract/reconcile/records.py`): `ocop reconcile`
reads records.jsonl into slotted `Record`s, the Python API takes dicts or models. Both must give the same
account, byte for byte, decisions and corrections included; and a Record reads like the dict it came from."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.io import to_json, write_jsonl
from extract.reconcile import reconcile
from extract.reconcile.records import Record, RecordReader, as_record
from extract.reconcile.samples import count_record
from extract.reconcile.values import fmt
from schemas import Correction, Decision

DATA = Path(__file__).parent / "data"


def ocop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          timeout=300)


def read_lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def varied_records(n: int, seed: int) -> list[dict]:
    """Count records of a few places and articles that disagree, repeat a sentence, copy one another's
    wording, give additions and shares, some with an organization, some undated (dated by a date record)."""
    rng = random.Random(seed)
    out: list[dict] = []
    for a in range(n // 6):
        art = f"art{a:04d}"
        place = rng.choice(["Hà Nội", "TP Hà Nội", "Nam Định", "Tuyên Quang"])
        year = rng.choice([2021, 2022, 2023, 2025])
        as_of = rng.choice([str(year), f"{year}-06", f"{year}-09~", None])
        total = rng.choice([120, 135, 150, 1649, 2167]) + rng.choice([0, 0, 0, 3])
        shared = (f"Toàn tỉnh có {fmt(total)} sản phẩm OCOP được công nhận từ 3 sao trở lên, trong đó có "
                  "nhiều sản phẩm.")
        sentence = shared if rng.random() < 0.3 else None
        out.append(count_record(f"{art}#t", art, total, star="3+", scope=place, as_of=as_of, sentence=sentence,
                                time_basis=rng.choice(["stated", "context", None]) if as_of else None,
                                scope_level="province", rules=["kind.default_total", "scope.article"]))
        if sentence and rng.random() < 0.5:       # the same sentence again later in the article
            again = count_record(f"{art}#t2", art, total, star="3+", scope="Nam Định", as_of=as_of,
                                 sentence=sentence, time_basis="context" if as_of else None)
            again["evidence"] = {**again["evidence"], "start": again["evidence"]["start"] + 500}
            out.append(again)
        for star, share in (("5", 0.01), ("4", 0.4), ("3", 0.59)):
            out.append(count_record(f"{art}#{star}", art, round(total * share), star=star, scope=place,
                                    as_of=as_of, time_basis="stated" if as_of else None))
        if rng.random() < 0.4:
            out.append(count_record(f"{art}#a", art, rng.choice([15, 18, 518]), star="3+", scope=place,
                                    kind="added", as_of=str(year - 1), period=str(year - 1)))
        if rng.random() < 0.2:
            out.append(count_record(f"{art}#o", art, 4, star="5", scope=place, as_of=as_of,
                                    organization="Công ty TNHH Sao Mai"))
        if rng.random() < 0.15:
            out.append(count_record(f"{art}#s", art, rng.choice([2, 3]), metric="share_of_national", scope=place,
                                    as_of=as_of, approx="about"))
        if as_of is None:
            out.append({"schema_version": "2", "type": "date", "id": f"{art}#d", "article_id": art,
                        "value": str(year), "text": str(year), "rules": [],
                        "evidence": {"start": 0, "end": 4, "text": str(year), "sentence": f"Năm {year}."}})
    return out


def api_bytes(records, articles=(), **review) -> tuple[str, str]:
    r = reconcile(records, articles, **review)
    return ("".join(to_json(f) + "\n" for f in r.facts), "".join(to_json(c) + "\n" for c in r.conflicts))


@pytest.mark.parametrize("seed", [1, 2])
def test_the_api_and_the_command_write_the_same_bytes(tmp_path, seed):
    records = varied_records(600, seed)
    write_jsonl(tmp_path / "records.jsonl", records)
    done = ocop("reconcile", "--out", str(tmp_path))
    assert done.returncode in (0, 3), done.stderr
    facts, conflicts = api_bytes(records)
    assert conflicts, "the records disagree: there are findings"
    assert (tmp_path / "facts.jsonl").read_text(encoding="utf-8") == facts
    assert (tmp_path / "conflicts.jsonl").read_text(encoding="utf-8") == conflicts


def test_the_api_and_the_command_agree_on_the_seeds_with_decisions_and_corrections(tmp_path):
    shutil.copy(DATA / "reconcile_seed_records.jsonl", tmp_path / "records.jsonl")
    shutil.copy(DATA / "reconcile_seed_articles.jsonl", tmp_path / "articles.jsonl")
    records = read_lines(tmp_path / "records.jsonl")
    articles = read_lines(tmp_path / "articles.jsonl")
    first = reconcile(records, articles).conflicts
    assert len(first) >= 2
    count = next(r for r in records if r.get("type", "count") == "count" and r.get("kind") == "total")
    review = {
        "decisions": [Decision(finding_id=first[0].id, finding_type=first[0].type, action="dismiss", reviewer="an",
                               decided_at="2026-01-01T00:00:00"),
                      Decision(finding_id=first[1].id, finding_type=first[1].type, action="correct",
                               value=first[1].values[0], reviewer="an", decided_at="2026-01-01T00:00:00")],
        "corrections": [Correction(record_id=count["id"], article_id=count["article_id"],
                                   evidence_text=count["evidence"]["text"], before={"kind": count.get("kind")},
                                   after={"kind": "added"}, reviewer="an", corrected_at="2026-01-01T00:00:00")]}
    from extract.review.corrections import CorrectionStore
    from extract.review.store import ReviewStore
    with ReviewStore(tmp_path / "review.sqlite") as store:
        store.import_decisions(review["decisions"])
    with CorrectionStore(tmp_path / "review.sqlite") as store:
        store.import_corrections(review["corrections"])
    done = ocop("reconcile", "--out", str(tmp_path))
    assert done.returncode in (0, 3), done.stderr
    assert "2 decisions applied, 1 claim corrections applied" in done.stderr
    facts, conflicts = api_bytes(records, articles, **review)
    assert (tmp_path / "facts.jsonl").read_text(encoding="utf-8") == facts
    assert (tmp_path / "conflicts.jsonl").read_text(encoding="utf-8") == conflicts
    assert api_bytes(records, articles, **review) == api_bytes([as_record(r) for r in records], articles, **review)


def test_a_record_reads_like_the_dict_it_came_from():
    rec = count_record("a#1", "a", 1649, star="3+", scope="Hà Nội", as_of="2021", extra_field="dropped")
    r = RecordReader()(rec)
    assert isinstance(r, Record)
    for name in ("id", "article_id", "value", "star", "scope", "as_of", "time_basis", "kind", "metric"):
        assert r[name] == rec[name] and r.get(name) == rec.get(name) and (name in r)
    assert r.get("organization") is None and "organization" not in r and r.get("period", "-") == "-"
    assert "extra_field" not in r and "schema_version" not in r
    assert r["rules"] == ("sample",) and r["evidence"]["sentence"] == rec["evidence"]["sentence"]
    assert r["evidence"].record_id == "a#1"
    copy = {**r}
    assert copy["value"] == 1649 and "organization" not in copy
    with pytest.raises(KeyError):
        r["period"]
    moved = r.replaced(as_of="2022", period=None)
    assert (moved["as_of"], moved["period"], r["as_of"], "period" in r) == ("2022", None, "2021", False)


def test_records_of_one_article_share_their_strings():
    read = RecordReader()
    a = read(count_record("a#1", "a", 5, star="5", scope="Hà Nội", as_of="2021", sentence="Có 5 và 9 sản phẩm."))
    b = read(json.loads(json.dumps(count_record("a#2", "a", 9, star="4", scope="Hà Nội", as_of="2021",
                                                sentence="Có 5 và 9 sản phẩm."))))
    assert a["scope"] is b["scope"] and a["as_of"] is b["as_of"] and a["article_id"] is b["article_id"]
    assert a["evidence"]["sentence"] is b["evidence"]["sentence"] and a["rules"] is b["rules"]


def test_a_bad_count_record_is_named_by_the_command_and_the_api(tmp_path):
    records = varied_records(60, 3)
    bad = dict(records[4], as_of="06/2025")
    records[4] = bad
    write_jsonl(tmp_path / "records.jsonl", records)
    done = ocop("reconcile", "--out", str(tmp_path))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"records.jsonl:5: record {bad['id']!r}: as_of is not an EDTF date: '06/2025'" in done.stderr
    with pytest.raises(ValueError, match="as_of is not an EDTF date"):
        reconcile(records)
