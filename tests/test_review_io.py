"""Export and import of decisions (JSON Lines): a round trip keeps every field; importing twice adds nothing."""
import json
import subprocess
import sys

import pytest

from extract.review.io import export_decisions, import_decisions
from extract.review.store import ReviewStore, load_decisions
from schemas import Decision, Key

KEY = Key(metric="ocop_products", star="5", scope="Hà Nội", kind="total")


def fill(db):
    with ReviewStore(db) as store:
        store.decide(Decision(finding_id="f1", finding_type="value_mismatch", key=KEY, as_of="2025",
                              claim_ids=["a#c1", "b#c1"], action="accept", value=9, record_id="b#c1",
                              note="Tháng 6/2025 thêm 3 sản phẩm", reviewer="an",
                              decided_at="2026-01-01T10:00:00.000001+00:00"))
        store.decide(Decision(finding_id="f2", action="both_right", older_as_of="2022-12",
                              older_record_id="a#c1", reviewer="binh", decided_at="2026-01-02T10:00:00+00:00"))
        store.decide(Decision(finding_id="f3", action="dismiss", reviewer="an",
                              decided_at="2026-01-03T10:00:00+00:00"))
        store.undo("an")  # f3 is taken back: not exported


def test_round_trip_keeps_every_current_decision(tmp_path):
    fill(tmp_path / "a.sqlite")
    assert export_decisions(tmp_path / "a.sqlite", tmp_path / "a.jsonl") == 2
    assert import_decisions(tmp_path / "b.sqlite", tmp_path / "a.jsonl") == (2, 2)
    export_decisions(tmp_path / "b.sqlite", tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_text("utf-8") == (tmp_path / "b.jsonl").read_text("utf-8")
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    assert lines[0]["note"] == "Tháng 6/2025 thêm 3 sản phẩm" and lines[0]["key"]["scope"] == "Hà Nội"
    assert load_decisions(tmp_path / "a.sqlite") == load_decisions(tmp_path / "b.sqlite")


def test_import_is_idempotent_and_merges(tmp_path):
    fill(tmp_path / "a.sqlite")
    export_decisions(tmp_path / "a.sqlite", tmp_path / "a.jsonl")
    with ReviewStore(tmp_path / "b.sqlite") as store:
        store.decide(Decision(finding_id="f9", action="dismiss", reviewer="chi", decided_at="2026-01-05T00:00:00"))
    assert import_decisions(tmp_path / "b.sqlite", tmp_path / "a.jsonl") == (2, 2)
    assert import_decisions(tmp_path / "b.sqlite", tmp_path / "a.jsonl") == (0, 2)
    with ReviewStore(tmp_path / "b.sqlite") as store:
        assert len(store.history()) == 3
        assert set(store.current()) == {"f1", "f2", "f9"}


def test_an_older_imported_decision_does_not_override_a_newer_local_one(tmp_path):
    fill(tmp_path / "a.sqlite")
    export_decisions(tmp_path / "a.sqlite", tmp_path / "a.jsonl")
    with ReviewStore(tmp_path / "b.sqlite") as store:
        store.decide(Decision(finding_id="f1", action="correct", value=10, reviewer="chi",
                              decided_at="2026-02-01T00:00:00+00:00"))
    import_decisions(tmp_path / "b.sqlite", tmp_path / "a.jsonl")
    current = {d.finding_id: d for d in load_decisions(tmp_path / "b.sqlite")}
    assert current["f1"].value == 10


def test_a_bad_line_is_named_and_nothing_is_imported(tmp_path):
    good = Decision(finding_id="f1", action="dismiss", reviewer="an", decided_at="2026-01-01T00:00:00")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.model_dump_json() + "\n" + '{"finding_id": "f2", "action": "shrug"}\n', "utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl: decision 2: action"):
        import_decisions(tmp_path / "b.sqlite", bad)
    assert load_decisions(tmp_path / "b.sqlite") == []


def test_cli_export_and_import(tmp_path):
    fill(tmp_path / "a.sqlite")
    ocop = [sys.executable, "-m", "extract.cli", "review"]
    run = lambda *args: subprocess.run(ocop + list(args), capture_output=True, text=True, timeout=120)
    done = run("--db", str(tmp_path / "a.sqlite"), "--export", str(tmp_path / "x.jsonl"))
    assert done.returncode == 0 and "wrote 2 decisions" in done.stdout
    done = run("--out", str(tmp_path / "out"), "--import", str(tmp_path / "x.jsonl"))
    assert done.returncode == 0 and "2 new" in done.stdout
    assert len(load_decisions(tmp_path / "out" / "review.sqlite")) == 2
    (tmp_path / "broken.jsonl").write_text("{not json\n", "utf-8")
    done = run("--db", str(tmp_path / "c.sqlite"), "--import", str(tmp_path / "broken.jsonl"))
    assert done.returncode == 1 and "broken.jsonl:1" in done.stderr and "Traceback" not in done.stderr
