"""`ocop reconcile` on several cores (extract/reconcile/place_workers.py): two worker processes, each with
its own places, write byte for byte what one process writes, on records made to reach across places (a
total dated by another place's additions, shares of the country held by the other worker, the provinces
of the 2025 reform), the seeds and synthetic records; their cache entries are those of one process; input
they cannot read is reconciled in one process, with its error; a run stopped by a signal leaves no worker
process and no file behind."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_reconcile_parts import across_places, seeds, synthetic

from extract.io import write_jsonl
from extract.reconcile import ReconcileInputError, run_reconcile
from extract.reconcile.parts_cache import FOLDER
from extract.reconcile.place_split import split_lines
from extract.reconcile.place_workers import PARALLEL_FROM_BYTES
from extract.reconcile.samples import count_record

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked (Linux)")


def _folder(path: Path, records: list[dict], articles: list[dict]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    write_jsonl(path / "records.jsonl", records)
    write_jsonl(path / "articles.jsonl", articles)
    return path


def _outputs(path: Path) -> tuple[bytes, bytes]:
    return (path / "facts.jsonl").read_bytes(), (path / "conflicts.jsonl").read_bytes()


def _both(tmp: Path, records: list[dict], articles: list[dict]):
    """(one process's outputs and summary, two workers' outputs and summary) of the same input."""
    one, two = _folder(tmp / "one", records, articles), _folder(tmp / "two", records, articles)
    s1, s2 = run_reconcile(one, workers=1), run_reconcile(two, workers=2)
    assert (s1.workers, s2.workers) == (1, 2)
    assert s1.line().replace(str(one), "") == s2.line().replace(str(two), "")
    return one, two


def era_records() -> list[dict]:
    """Tuyên Quang before the reform and, as the new province, after it (with Hà Giang), in articles that
    also speak of Hà Nội."""
    recs = []
    for i, (as_of, value) in enumerate([("2024", 100), ("2025-09", 300), ("2025-12", 310), ("2023", 90)]):
        recs.append(count_record(f"t{i}#1", f"t{i}", value, star="3+", scope="Tuyên Quang", as_of=as_of))
        recs.append(count_record(f"t{i}#2", f"t{i}", value // 2, star="3+", scope="Hà Giang", as_of=as_of))
        recs.append(count_record(f"t{i}#3", f"t{i}", 500 + i, star="3+", scope="Hà Nội", as_of=as_of))
    recs.append(count_record("g#1", "g", 320, star="3+", scope="Tuyên Quang (mới)", as_of="2025-10"))
    return recs


@pytest.mark.parametrize("name", ["across_places", "eras", "seeds", "synthetic"])
def test_two_workers_write_what_one_process_writes(tmp_path, name):
    records, articles = {"across_places": (across_places(), []), "eras": (era_records(), []),
                         "seeds": seeds(), "synthetic": (synthetic(6000, 4), [])}[name]
    one, two = _both(tmp_path, records, articles)
    assert _outputs(one) == _outputs(two)
    assert _outputs(one)[0] and _outputs(one)[1]
    entries = sorted(p.name for p in (one / FOLDER).rglob("*.pickle"))
    assert entries and entries == sorted(p.name for p in (two / FOLDER).rglob("*.pickle"))


def test_the_places_reaching_across_are_with_different_workers(tmp_path):
    """The fixture puts what reaches across places on both workers: A (whose additions date B's total of
    the same sentence) and B are dealt to different workers, the country to the first (B's share of the
    country is compared with it by the second)."""
    path = tmp_path / "records.jsonl"
    write_jsonl(path, across_places())
    split = split_lines(path, 2)
    assert split.owner["\x01a"] != split.owner["\x01b"]
    assert split.owner["\x00country"] == 0
    assert sorted(set(split.lines)) == [1, 2, 3]       # lines read by one worker, by the other, by both


def test_the_last_run_of_two_workers_is_reused_by_one_process(tmp_path):
    """The cache entries are the same: a run in one process after a run of two workers finishes nothing
    again, and writes the same."""
    out = _folder(tmp_path / "out", synthetic(3000, 5), [])
    run_reconcile(out, workers=2)
    written = _outputs(out)
    entries = {p: p.stat().st_mtime_ns for p in (out / FOLDER).rglob("*.pickle")}
    run_reconcile(out, workers=1)
    assert _outputs(out) == written
    assert {p: p.stat().st_mtime_ns for p in (out / FOLDER).rglob("*.pickle")} == entries


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="two workers need two cores")
def test_one_place_with_most_records_is_reconciled_in_one_process_unless_workers_are_asked_for(tmp_path,
                                                                                                 monkeypatch):
    """Workers chosen by themselves (a file large enough, two cores): one process when one worker's places
    would hold three quarters of the records (as Hà Nội does in the bench's 500 files), two otherwise; two
    when asked for. The same outputs each way."""
    from extract.reconcile import place_workers
    monkeypatch.setattr(place_workers, "PARALLEL_FROM_BYTES", 0)
    skewed = [count_record(f"h{i}#1", f"h{i}", 100 + i, star="3+", scope="Hà Nội", as_of=f"{2010 + i % 15}")
              for i in range(300)]
    skewed += [count_record(f"h{i}#2", f"h{i}", 20 + i, star="3+", scope=place, as_of=f"{2010 + i % 15}")
               for i, place in zip(range(0, 300, 3), ["Quảng Ninh", "Huế", "Thanh Trì"] * 40)]
    assert split_lines(_folder(tmp_path / "split", skewed, []) / "records.jsonl", 2).heaviest() == 0.75
    auto, two = _folder(tmp_path / "auto", skewed, []), _folder(tmp_path / "two", skewed, [])
    assert run_reconcile(auto).workers == 1
    assert run_reconcile(two, workers=2).workers == 2
    assert _outputs(auto) == _outputs(two)
    fair = _folder(tmp_path / "fair", synthetic(6000, 4), [])
    assert split_lines(fair / "records.jsonl", 2).heaviest() < 0.6
    assert run_reconcile(fair).workers == 2


def test_input_the_workers_cannot_read_is_reconciled_in_one_process(tmp_path):
    """A record that is not usable deep in the file: the same error as in one process; a line of JSON that
    is not an object: the same; review decisions: reconciled in one process."""
    records = synthetic(1200, 2)
    bad = [*records[:700], {**records[700], "value": "many"}, *records[701:]]
    out = _folder(tmp_path / "bad", bad, [])
    with pytest.raises(ReconcileInputError) as two:
        run_reconcile(out, workers=2)
    with pytest.raises(ReconcileInputError) as one:
        run_reconcile(out, workers=1)
    assert str(two.value) == str(one.value) and ":701: record" in str(one.value)
    write_jsonl(out / "records.jsonl", records)
    with open(out / "records.jsonl", "a", encoding="utf-8") as f:
        f.write("[1, 2]\n")
    with pytest.raises(ReconcileInputError, match="must be a JSON object"):
        run_reconcile(out, workers=2)


def _children(pid: int) -> set[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(p) for p in text.split()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_run_stopped_by_a_signal_leaves_no_worker_and_no_file(tmp_path, sig):
    """`ocop reconcile` of a file large enough for two workers, stopped once they write cache entries: no
    worker outlives the run, no output is left, nor a temporary file (but after SIGKILL, which the next
    run's prune removes), and the next run writes what one process writes."""
    records = synthetic(30000, 8)
    out = _folder(tmp_path / "out", records, [])
    assert (out / "records.jsonl").stat().st_size >= PARALLEL_FROM_BYTES
    before = set(os.listdir(out))
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "reconcile", "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()          # (the process that reads the file first, then the two workers)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and len(workers) < 2 and time.monotonic() < deadline:
            workers = _children(proc.pid)
            seen |= workers
            time.sleep(0.01)
        assert len(workers) == 2, "the run did not start two workers"
        while proc.poll() is None and not any((out / FOLDER).rglob("*.pickle")) and time.monotonic() < deadline:
            time.sleep(0.005)       # (into their work: writing the cache's entries)
        os.kill(proc.pid, sig)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code != 0
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in seen)
    assert set(os.listdir(out)) - {FOLDER} == before - {FOLDER}
    assert not list((out / FOLDER).rglob("*.tmp")) if sig != signal.SIGKILL else True
    summary = run_reconcile(out)
    assert summary.workers == 2
    fresh = _folder(tmp_path / "fresh", records, [])
    run_reconcile(fresh, workers=1)
    assert _outputs(out) == _outputs(fresh)
    shutil.rmtree(fresh)


def test_a_worker_that_fails_leaves_the_run_to_one_process(tmp_path, monkeypatch, capsys):
    """A worker's own failure (here: making claims raises in the forked workers) is said once, and the run
    is done in one process: the same outputs, no worker left."""
    from extract.reconcile import place_worker

    def broken(*args):
        raise RuntimeError("broken on purpose")
    records = synthetic(1200, 2)
    one, two = _folder(tmp_path / "one", records, []), _folder(tmp_path / "two", records, [])
    run_reconcile(one, workers=1)
    before = _children(os.getpid())     # (other tests' processes, a cluster's, may be there)
    monkeypatch.setattr(place_worker, "make_claims", broken)
    assert run_reconcile(two, workers=2).workers == 1
    assert "a worker failed (RuntimeError('broken on purpose'))" in capsys.readouterr().err
    assert _outputs(one) == _outputs(two)
    assert not {p for p in _children(os.getpid()) - before if _alive(p)}
