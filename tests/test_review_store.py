"""The review database: current decisions, undo, history, and two writers on one file losing nothing."""
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from extract.review.store import ReviewStore, load_decisions
from schemas import Decision, Key

ROOT = Path(__file__).resolve().parent.parent


def decision(finding_id, action="dismiss", reviewer="an", at="2026-01-01T00:00:00+00:00", **kw):
    return Decision(finding_id=finding_id, action=action, reviewer=reviewer, decided_at=at, **kw)


def test_missing_database_gives_no_decisions_and_is_not_created(tmp_path):
    db = tmp_path / "review.sqlite"
    assert load_decisions(db) == []
    assert not db.exists()


def test_latest_decision_is_current_and_carries_the_finding(tmp_path):
    db = tmp_path / "review.sqlite"
    key = Key(metric="ocop_products", star="5", scope="Hà Nội", kind="total")
    with ReviewStore(db) as store:
        store.decide(decision("f1", "accept", value=6, record_id="a#c1", at="2026-01-01T00:00:00+00:00"))
        store.decide(decision("f1", "accept", value=9, record_id="b#c1", key=key, as_of="2025",
                              finding_type="value_mismatch", claim_ids=["a#c1", "b#c1"],
                              at="2026-01-02T00:00:00+00:00"))
        store.decide(decision("f2", "dismiss"))
    current = {d.finding_id: d for d in load_decisions(db)}
    assert set(current) == {"f1", "f2"}
    assert current["f1"].value == 9 and current["f1"].key == key and current["f1"].claim_ids == ["a#c1", "b#c1"]


def test_undo_takes_back_the_reviewers_last_decision_only(tmp_path):
    db = tmp_path / "review.sqlite"
    with ReviewStore(db) as store:
        store.decide(decision("f1", "dismiss", reviewer="an", at="2026-01-01T00:00:00+00:00"))
        store.decide(decision("f1", "correct", value=9, reviewer="an", at="2026-01-02T00:00:00+00:00"))
        store.decide(decision("f2", "dismiss", reviewer="binh", at="2026-01-03T00:00:00+00:00"))
        undone = store.undo("an")
        assert undone.action == "correct"
        assert {k: d.action for k, d in store.current().items()} == {"f1": "dismiss", "f2": "dismiss"}
        assert store.undo("an").action == "dismiss"
        assert store.undo("an") is None
        assert set(store.current()) == {"f2"}
        events = [(h["event"], h["finding_id"], h["reviewer"]) for h in store.history()]
    assert events == [("decide", "f1", "an"), ("decide", "f1", "an"), ("decide", "f2", "binh"),
                      ("undo", "f1", "an"), ("undo", "f1", "an")]
    assert [d.finding_id for d in load_decisions(db)] == ["f2"]


def test_database_uses_wal(tmp_path):
    db = tmp_path / "review.sqlite"
    ReviewStore(db).close()
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path):
    bad = tmp_path / "review.sqlite"
    bad.write_bytes(b"this is not sqlite at all, just some text" * 20)
    with pytest.raises(ValueError, match="review.sqlite"):
        load_decisions(bad)


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from extract.review.store import ReviewStore
    from schemas import Decision
    name, n, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    for i in range(n):
        with ReviewStore(db) as store:   # a fresh connection each time, like a page request
            store.decide(Decision(finding_id=f"{{name}}-{{i}}", action="dismiss", reviewer=name,
                                  decided_at=f"2026-01-01T00:00:{{i % 60:02d}}.{{i:06d}}+00:00"))
            store.decide(Decision(finding_id="shared", action="correct", value=i, reviewer=name,
                                  decided_at=f"2026-01-01T00:00:00.{{i:06d}}+00:00"))
""")


def test_two_processes_writing_one_database_lose_nothing(tmp_path):
    db = tmp_path / "review.sqlite"
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT)))
    n = 60
    procs = [subprocess.Popen([sys.executable, str(script), name, str(n), str(db)], stderr=subprocess.PIPE,
                              text=True) for name in ("an", "binh")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with ReviewStore(db) as store:
        history = store.history()
        current = store.current()
    assert len(history) == 2 * 2 * n
    assert {f"{w}-{i}" for w in ("an", "binh") for i in range(n)} <= set(current)
    assert len(current) == 2 * n + 1


def test_two_threads_with_their_own_connections_lose_nothing(tmp_path):
    db = tmp_path / "review.sqlite"
    ReviewStore(db).close()
    errors = []

    def write(name):
        try:
            with ReviewStore(db) as store:
                for i in range(100):
                    store.decide(decision(f"{name}-{i}", reviewer=name, at=f"2026-01-01T00:00:00.{i:06d}"))
                    if i % 10 == 9:
                        store.undo(name)
        except Exception as e:  # surfaced below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("an", "binh")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    current = {d.finding_id for d in load_decisions(db)}
    assert current == {f"{w}-{i}" for w in ("an", "binh") for i in range(100) if i % 10 != 9}


def test_a_new_database_is_made_whole_and_an_empty_file_is_still_refused(tmp_path):
    """Two pages opening a new database at once once met a 0-byte file the other had just begun, and refused
    it as a copy cut short: a new file is made under a temporary name and linked into place whole."""
    import os

    from extract.review.store import create_whole
    db = tmp_path / "review.sqlite"
    create_whole(db)
    assert db.stat().st_size > 0 and os.listdir(tmp_path) == ["review.sqlite"]     # no temporary left
    before = db.read_bytes()
    create_whole(db)                                                                # there is one: untouched
    assert db.read_bytes() == before
    with ReviewStore(db) as store:
        assert store.history() == []
    empty = tmp_path / "cut.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match="is empty"):
        ReviewStore(empty)
