"""Reconciliation in parts (extract/reconcile/partition.py) writes, byte for byte, what reconciling all the
records at once writes: with one place a part and with several, on a local Dask cluster, and incrementally
from the cache of an earlier run after an article is added, edited or removed; on records made to reach
across places, on the seeds, on synthetic records of many places, and on the dev set's records (when
../shared is there). The cache is only ever a shortcut: damaged entries are recomputed."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from test_batch_support import ocop

from extract.io import read_jsonl, to_json, write_jsonl
from extract.reconcile import reconcile, run_reconcile
from extract.reconcile.partition import Partitioned
from extract.reconcile.parts_cache import FOLDER, PartCache
from extract.reconcile.samples import count_record
from schemas import Decision

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SIZES = (None, 1, 40, 400, 10 ** 9)
"""Claims a part gathers: one place a part (None), then more and more places, then all but the country."""


def written(result) -> bytes:
    return "".join(to_json(x) + "\n" for x in [*result.facts, *result.conflicts]).encode("utf-8")


def synthetic(n: int = 2400, seed: int = 3) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_reconcile import synthetic_records
    return synthetic_records(n, seed)


def across_places() -> list[dict]:
    """Records whose reconciliation reaches across places: a total of A dated by A's additions moves the
    total of B stated in the same sentence; stated changes of two keys of A order two articles that also
    speak of B (B's explanation cites the first lesson in key order); shares of the country in A and B, the
    country's total in other articles."""
    s = "Tỉnh A có 120 sản phẩm OCOP, tỉnh B có 50 sản phẩm OCOP."
    recs = [
        count_record("x#1", "x", 100, star="3+", scope="A", as_of="2021"),
        count_record("y#1", "y", 20, star="3+", scope="A", kind="added", as_of="2022", period="2022"),
        count_record("z#1", "z", 120, star="3+", scope="A", as_of="2023", time_basis="inferred", sentence=s),
        count_record("z#2", "z", 50, star="3+", scope="B", as_of="2023", time_basis="inferred",
                     sentence=s.replace("120", "12O")),
        count_record("w#1", "w", 48, star="3+", scope="B", as_of="2023"),
        count_record("u#1", "u", 9, scope="A", as_of="2024-06"),
        count_record("v#1", "v", 6, scope="A", as_of="2024-06"),
        count_record("v#2", "v", 3, scope="A", kind="added", as_of="2024-06", period="2024-06"),
        count_record("u#3", "u", 20, star="4", scope="A", as_of="2024-06"),       # the same lesson again,
        count_record("v#4", "v", 17, star="4", scope="A", as_of="2024-06"),       # worded for 4 sao: B's
        count_record("v#5", "v", 3, star="4", scope="A", kind="added", as_of="2024-06", period="2024-06"),
        count_record("u#2", "u", 40, star="3+", scope="B", as_of="2024-06"),
        count_record("v#3", "v", 44, star="3+", scope="B", as_of="2024-06"),
        count_record("s#1", "s", 4, metric="share_of_national", scope="A", as_of="2023"),
        count_record("s#2", "s", 5, metric="share_of_national", scope="B", as_of="2023"),
        count_record("n#1", "n", 3000, star="3+", scope="Việt Nam", as_of="2023"),
        count_record("m#1", "m", 3000, star="3+", scope="cả nước", as_of="2023"),
    ]
    recs[3]["evidence"]["sentence"] = s     # one sentence, two places
    recs[3]["evidence"]["start"] = s.index("50")
    recs[3]["evidence"]["end"] = s.index("50") + 2
    return recs


def seeds() -> tuple[list[dict], list[dict]]:
    return (list(read_jsonl(DATA / "reconcile_seed_records.jsonl")),
            list(read_jsonl(DATA / "reconcile_seed_articles.jsonl")))


def decisions_for(result) -> list[Decision]:
    """A decision of each kind on the first findings that allow one (both_right moves a claim back in time:
    reconciled again)."""
    out = []
    for i, (c, action) in enumerate(zip(result.conflicts, ["both_right", "accept", "correct", "dismiss"])):
        extra = {"older_as_of": "2019"} if action == "both_right" else {"value": c.values[0]}
        out.append(Decision(finding_id=c.id, finding_type=c.type, key=c.key, as_of=c.as_of, action=action,
                            reviewer="an", decided_at=f"2026-01-0{i + 1}T00:00:00", **extra))
    return out


@pytest.mark.parametrize("name", ["across_places", "seeds", "synthetic"])
def test_parts_write_what_the_whole_writes(name):
    records, articles = {"across_places": (across_places(), []), "seeds": seeds(),
                         "synthetic": (synthetic(), [])}[name]
    whole = reconcile(records, articles)
    assert whole.facts and whole.conflicts
    expected = written(whole)
    decisions = decisions_for(whole)
    with_decisions = written(reconcile(records, articles, decisions))
    assert with_decisions != expected           # the decisions change something, so both paths are compared
    for size in SIZES:
        parts = Partitioned(size)
        assert written(reconcile(records, articles, parts=parts)) == expected, size
        assert written(reconcile(records, articles, decisions, parts=Partitioned(size))) == with_decisions, size
    assert Partitioned(None).last == {} and parts.last["parts"] >= 2


def test_the_records_reach_across_places():
    """The fixture does what it says: a total of B is dated by A's additions, a stated change orders
    sources, and a share of the country is compared with the country's total of another part."""
    r = reconcile(across_places(), parts=Partitioned(None))
    b = [f for f in r.facts if f.key.scope == "B" and 50 == f.value]
    assert b and b[0].as_of == "2022" and any("dated to the end of 2022" in s for s in b[0].support)
    assert any(f.rule == "later_source" for f in r.facts)
    assert any(c.type == "share_mismatch" for c in r.conflicts)


def test_dev_records_in_parts(dev_extracted):
    out = dev_extracted[0] / "out"
    records = list(read_jsonl(out / "records.jsonl"))
    articles = list(read_jsonl(out / "articles.jsonl"))
    expected = written(reconcile(records, articles))
    for size in SIZES:
        parts = Partitioned(size)
        assert written(reconcile(records, articles, parts=parts)) == expected, size
    assert parts.last["parts"] >= 2


def _folder(path: Path, records: list[dict], articles: list[dict]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    write_jsonl(path / "records.jsonl", records)
    write_jsonl(path / "articles.jsonl", articles)
    return path


def _outputs(path: Path) -> bytes:
    return (path / "facts.jsonl").read_bytes() + (path / "conflicts.jsonl").read_bytes()


def _fresh(tmp: Path, records: list[dict], articles: list[dict]) -> bytes:
    """What a reconciliation without any cache writes for these records."""
    out = _folder(tmp / "fresh", records, articles)
    shutil.rmtree(out / FOLDER, ignore_errors=True)
    run_reconcile(out)
    return _outputs(out)


def test_incremental_runs_reuse_the_unchanged_places(tmp_path):
    records = synthetic(3000, 5)
    out = _folder(tmp_path / "out", records, [])
    run_reconcile(out)
    assert _outputs(out) == _fresh(tmp_path, records, [])
    entries = sorted(p.name for p in (out / FOLDER).rglob("*.pickle"))
    assert entries
    place = records[7]["scope"]
    changes = {
        "added": records + [count_record("new#1", "new", 4321, star="3+", scope=place, as_of="2024")],
        "edited": [{**r, "value": r["value"] + 1} if r["id"] == records[7]["id"] else r for r in records],
        "removed": [r for r in records if r["article_id"] != records[7]["article_id"]],
    }
    for name, changed in changes.items():
        out = _folder(tmp_path / "out", changed, [])
        parts = Partitioned(cache=PartCache(out / FOLDER))
        got = reconcile(changed, parts=parts)
        assert parts.last["parts"] > 2 and 1 <= parts.last["resolved"] <= 2, (name, parts.last)  # A, maybe the country
        assert written(got) == written(reconcile(changed)), name
        run_reconcile(out)
        assert _outputs(out) == _fresh(tmp_path, changed, []), name
        write_jsonl(out / "records.jsonl", records)     # back as it was: every part from the cache
        run_reconcile(out)
        assert _outputs(out) == _fresh(tmp_path, records, []), name
    assert sorted(p.name for p in (out / FOLDER).rglob("*.pickle")) == entries   # the others were pruned


def test_a_change_in_one_place_reaches_the_places_that_depend_on_it(tmp_path):
    """B's claims stay the same, but what B's findings read from elsewhere changes: the lesson of A's stated
    change about two articles that also speak of B (gone when A's additions go), the country's total B's
    share is compared with. B is reconciled again, not read from the cache."""
    records = across_places()
    out = _folder(tmp_path / "out", records, [])
    run_reconcile(out)
    changes = {
        "no stated change in A": [r for r in records if r["id"] not in ("v#2", "v#5")],
        "another country total": [{**r, "value": 2000} if r["id"] in ("n#1", "m#1") else r for r in records],
    }
    for name, changed in changes.items():
        write_jsonl(out / "records.jsonl", changed)
        run_reconcile(out)
        assert _outputs(out) == _fresh(tmp_path, changed, []), name
        b = [f for f in reconcile(changed).facts if f.key.scope == "B" and f.as_of == "2024-06"]
        assert b and not any(f.rule == "later_source" for f in b) if name.startswith("no") else b, name
        write_jsonl(out / "records.jsonl", records)
        run_reconcile(out)
        assert _outputs(out) == _fresh(tmp_path, records, []), name


def test_decisions_and_corrections_in_an_incremental_run(tmp_path):
    """A review database's decisions and claim corrections, added after a run that filled the cache: the
    corrected claims are new claims of their place, the decisions are applied to the merged account."""
    from extract.review.corrections import CorrectionStore
    from extract.review.store import ReviewStore
    from schemas import Correction
    records, articles = seeds()
    out = _folder(tmp_path / "out", records, articles)
    run_reconcile(out)
    before = _outputs(out)
    with ReviewStore(out / "review.sqlite") as store:
        for d in decisions_for(reconcile(records, articles)):
            store.decide(d)
    fixed = next(r for r in records if r.get("type") == "count" and r.get("kind") == "total")
    with CorrectionStore(out / "review.sqlite") as store:
        store.correct(Correction(record_id=fixed["id"], article_id=fixed["article_id"],
                                 evidence_text=fixed["evidence"]["text"], before={"as_of": fixed.get("as_of")},
                                 after={"as_of": "2020"}, reviewer="an", corrected_at="2026-01-09T00:00:00"))
    run_reconcile(out)
    fresh = _folder(tmp_path / "fresh", records, articles)
    shutil.copy(out / "review.sqlite", fresh / "review.sqlite")
    run_reconcile(fresh)
    assert _outputs(out) == _outputs(fresh) != before


def test_damaged_cache_entries_are_recomputed(tmp_path):
    """As a run killed while writing would leave them if entries were not written whole, and leftovers
    of a killed write: the outputs are the same, the entries rewritten, the leftovers removed."""
    records = synthetic(1200, 2)
    out = _folder(tmp_path / "out", records, [])
    run_reconcile(out)
    expected = _outputs(out)
    entries = sorted((out / FOLDER).rglob("*.pickle"))
    for i, p in enumerate(entries):
        data = p.read_bytes()
        p.write_bytes(data[: len(data) // 2] if i % 2 else b"not a pickle")
    leftover = entries[0].parent / f".{entries[0].name}.x1y2.tmp"
    leftover.write_bytes(b"half")
    run_reconcile(out)
    assert _outputs(out) == expected
    assert sorted((out / FOLDER).rglob("*.pickle")) == entries and not leftover.exists()
    parts = Partitioned(cache=PartCache(out / FOLDER))
    assert written(reconcile(records, parts=parts)) == written(reconcile(records))
    assert parts.last["resolved"] == 0 and parts.last["finished"] == 0     # all rewritten whole


class _Planted:
    """A pickle that, when loaded, leaves a file behind: what a stranger could plant in the cache."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (Path.write_text, (Path(self.marker), "ran"))


@pytest.mark.parametrize("stranger", ["writable by others", "another user's"])
def test_an_entry_someone_else_could_have_written_is_never_loaded(tmp_path, stranger):
    """Unpickling runs code: an entry writable by others, or owned by another user, is not read (its
    result is computed again), so a planted entry runs nothing."""
    import os
    import pickle
    records = synthetic(1200, 2)
    out = _folder(tmp_path / "out", records, [])
    run_reconcile(out)
    expected = _outputs(out)
    entries = sorted((out / FOLDER).rglob("*.pickle"))
    assert entries and all(p.stat().st_mode & 0o777 == 0o600 for p in entries)
    marker = tmp_path / "planted-code-ran"
    for p in entries:
        p.write_bytes(pickle.dumps(_Planted(marker)))
        if stranger == "writable by others":
            p.chmod(0o666)
        elif os.getuid() == 0:
            os.chown(p, 65534, 65534)
        else:
            pytest.skip("giving a file to another user needs root")
    run_reconcile(out)
    assert not marker.exists()
    assert _outputs(out) == expected


def test_a_killed_reconciliation_leaves_a_cache_the_next_run_can_use(tmp_path):
    """`ocop reconcile` killed (SIGKILL) once it has stored some places: the next run writes what a run
    without any cache writes."""
    import os
    import signal
    import subprocess
    import time
    records = synthetic(12000, 6)
    out = _folder(tmp_path / "out", records, [])
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "reconcile", "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and not any((out / FOLDER).rglob("*.pickle")):
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    run_reconcile(out)
    assert _outputs(out) == _fresh(tmp_path, records, [])
    assert not list((out / FOLDER).rglob("*.tmp"))


def test_an_interrupted_reconciliation_leaves_no_writer_running(tmp_path, monkeypatch):
    """Ctrl-C while the parts are finished (their entries written by a thread of their own): the thread is
    joined before the interrupt leaves the reconciliation (the entries it had not begun are dropped), every
    entry written is whole, no temporary file is left; the next run writes what a run without any cache
    writes."""
    import pickle
    import threading

    from extract.reconcile import partition
    records = synthetic(12000, 5)       # (16 places)
    out = _folder(tmp_path / "out", records, [])
    finish, done = partition.finish_task, []

    def interrupted(*args):
        if len(done) == 5:
            raise KeyboardInterrupt
        done.append(1)
        return finish(*args)
    monkeypatch.setattr(partition, "finish_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_reconcile(out)
    assert not [t for t in threading.enumerate() if t.name == "ocop-cache-writer"]
    entries = list((out / FOLDER).rglob("*.pickle"))
    assert len([p for p in entries if p.name.startswith("r")]) <= 5     # (of the five parts finished)
    for p in entries:
        pickle.loads(p.read_bytes())
    assert not list((out / FOLDER).rglob("*.tmp"))
    monkeypatch.setattr(partition, "finish_task", finish)
    run_reconcile(out)
    assert _outputs(out) == _fresh(tmp_path, records, [])


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path):
    """OUT/reconcile-cache is a file, not a folder: nothing is cached, the outputs are the same."""
    records = across_places()
    out = _folder(tmp_path / "out", records, [])
    (out / FOLDER).write_text("not a folder", encoding="utf-8")
    run_reconcile(out)
    assert _outputs(out) == _fresh(tmp_path, records, []) and (out / FOLDER).is_file()


def test_parts_on_a_dask_cluster(cluster):
    from dask.distributed import Client

    from extract.reconcile.parts_run import OnDask
    with Client(cluster.scheduler_address) as client:
        for records, articles in (across_places(), []), seeds(), (synthetic(), []):
            whole = reconcile(records, articles)
            decisions = decisions_for(whole)
            for size in (None, 400):
                parts = Partitioned(size, runner=OnDask(client))
                assert written(reconcile(records, articles, parts=parts)) == written(whole), size
                assert written(reconcile(records, articles, decisions, parts=Partitioned(size, runner=OnDask(client)))) \
                    == written(reconcile(records, articles, decisions)), size


def test_command_line_reconciles_on_a_scheduler(tmp_path, cluster):
    records = synthetic(1500, 4)
    local = _folder(tmp_path / "local", records, [])
    on_dask = _folder(tmp_path / "dask", records, [])
    assert ocop("reconcile", "--out", str(local)).returncode == 0
    done = ocop("reconcile", "--out", str(on_dask), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr.decode()
    assert _outputs(on_dask) == _outputs(local) != b""
    more = records + [count_record("new#1", "new", 4321, star="3+", scope=records[7]["scope"], as_of="2024")]
    for folder in (local, on_dask):     # one place reconciled again on the cluster, the others from the cache
        write_jsonl(folder / "records.jsonl", more)
    assert ocop("reconcile", "--out", str(local)).returncode == 0
    done = ocop("reconcile", "--out", str(on_dask), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr.decode()
    assert _outputs(on_dask) == _outputs(local) == _fresh(tmp_path, more, [])
    bad = ocop("reconcile", "--out", str(on_dask), "--scheduler", cluster.scheduler_address)
    assert bad.returncode == 2 and "--scheduler is for --engine dask" in bad.stderr.decode()
