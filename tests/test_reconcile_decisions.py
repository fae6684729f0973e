"""Review decisions flow back: a decided finding keeps its id, the facts take the reviewer's value;
a decision whose finding changed reopens it instead of being applied."""
from __future__ import annotations

from extract.reconcile import reconcile
from extract.reconcile.samples import count_record as rec
from schemas import Decision

RECORDS = [rec("a#1", "a", 6, as_of="2025-06~"), rec("b#1", "b", 9, as_of="2025")]


def decide(conflict, action, **kw) -> Decision:
    return Decision(finding_id=conflict.id, finding_type=conflict.type, key=conflict.key, as_of=conflict.as_of,
                    claim_ids=[c.record_id for c in conflict.claims], action=action, reviewer="lan",
                    decided_at=kw.pop("decided_at", "2026-11-22T10:00:00Z"), **kw)


def ranks(result) -> dict:
    return {(f.as_of, f.value): (f.rank, f.rule, f.confidence) for f in result.facts}


def test_the_finding_id_is_stable_while_its_claims_are_the_same():
    assert reconcile(RECORDS).conflicts[0].id == reconcile(list(reversed(RECORDS))).conflicts[0].id
    more = reconcile(RECORDS + [rec("c#1", "c", 7, as_of="2025")]).conflicts[0]
    assert more.id != reconcile(RECORDS).conflicts[0].id


def test_accept_makes_the_accepted_claim_the_preferred_fact():
    [c] = reconcile(RECORDS).conflicts
    r = reconcile(RECORDS, decisions=[decide(c, "accept", record_id="b#1")])
    [c2] = r.conflicts
    assert c2.id == c.id and c2.status == "decided" and c2.decision.record_id == "b#1"
    got = ranks(r)
    assert got[("2025", 9)] == ("preferred", "review", 1.0)
    assert got[("2025-06~", 6)][0] == "deprecated"


def test_correct_sets_a_value_no_source_states():
    [c] = reconcile(RECORDS).conflicts
    r = reconcile(RECORDS, decisions=[decide(c, "correct", value=8, note="the ministry list has 8")])
    pref = [f for f in r.facts if f.rank == "preferred"]
    assert [(f.value, f.rule, f.confidence) for f in pref] == [(8, "review", 1.0)]
    assert pref[0].supporting == [] and sorted(pref[0].contradicting) == ["a#1", "b#1"]
    assert "the ministry list has 8" in pref[0].explanation
    assert {f.rank for f in r.facts if f.value in (6, 9)} == {"deprecated"}


def test_dismiss_closes_the_finding_and_leaves_the_facts():
    [c] = reconcile(RECORDS).conflicts
    before = ranks(reconcile(RECORDS))
    r = reconcile(RECORDS, decisions=[decide(c, "dismiss")])
    assert r.conflicts[0].status == "decided" and ranks(r) == before


def test_both_right_moves_the_older_claim_and_both_stand():
    [c] = reconcile(RECORDS).conflicts
    r = reconcile(RECORDS, decisions=[decide(c, "both_right", record_id="a#1", older_as_of="2024-12")])
    assert [(x.id, x.status) for x in r.conflicts] == [(c.id, "decided")]
    got = ranks(r)
    assert got[("2024-12", 6)][0] == "preferred" and got[("2025", 9)][0] == "preferred"


def test_a_decision_on_changed_claims_reopens_the_finding_and_is_not_applied():
    [c] = reconcile(RECORDS).conflicts
    d = decide(c, "accept", record_id="b#1")
    changed = RECORDS + [rec("c#1", "c", 6, as_of="2025-06")]
    r = reconcile(changed, decisions=[d])
    [c2] = r.conflicts
    assert c2.id != c.id and c2.status == "reopened" and c2.decision == d
    assert all(f.rule != "review" for f in r.facts)


def test_the_latest_decision_on_a_finding_counts():
    [c] = reconcile(RECORDS).conflicts
    early = decide(c, "accept", record_id="a#1", decided_at="2026-11-01T00:00:00Z")
    late = decide(c, "accept", record_id="b#1", decided_at="2026-11-02T00:00:00Z")
    r = reconcile(RECORDS, decisions=[late, early])
    assert ranks(r)[("2025", 9)][0] == "preferred" and r.conflicts[0].decision == late


def test_run_reconcile_applies_decisions_stored_in_the_review_database(tmp_path):
    from extract.io import read_jsonl, write_jsonl
    from extract.reconcile import run_reconcile
    from extract.review.store import ReviewStore
    write_jsonl(tmp_path / "records.jsonl", RECORDS)
    run_reconcile(tmp_path)
    [c] = list(read_jsonl(tmp_path / "conflicts.jsonl"))
    with ReviewStore(tmp_path / "review.sqlite") as store:
        from schemas import Conflict
        store.decide(decide(Conflict.model_validate(c), "accept", record_id="b#1"))
    summary = run_reconcile(tmp_path)
    assert summary.decisions == 1
    [c2] = list(read_jsonl(tmp_path / "conflicts.jsonl"))
    assert c2["id"] == c["id"] and c2["status"] == "decided"
    nine = [f for f in read_jsonl(tmp_path / "facts.jsonl") if f["value"] == 9]
    assert nine[0]["rank"] == "preferred" and nine[0]["rule"] == "review"


def test_a_damaged_review_database_is_a_clear_error(tmp_path):
    import pytest
    from extract.io import write_jsonl
    from extract.reconcile import ReconcileInputError, run_reconcile
    write_jsonl(tmp_path / "records.jsonl", RECORDS)
    (tmp_path / "review.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ReconcileInputError, match="review.sqlite: cannot read review decisions"):
        run_reconcile(tmp_path)
