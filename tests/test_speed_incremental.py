"""What `ocop run` leaves alone when little or nothing changed (issue 13): an unchanged run reconciles
nothing, unless a review decision, the records or its own outputs changed; an input file is known
unchanged by its size and modification time, without being read; a run with little to extract does it in
one process; the word tokenizer's model is loaded before workers are forked. No timings here: bench/
measures them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch_support import REPO, lines, ocop, write_corpus

from extract.batch import SLOW_HOOK, run_batch
from extract.engines import LocalEngine

SKIPPED = "nothing to reconcile again"


def age(paths: list[Path], seconds: float = 60) -> None:
    """Set the files' modification time `seconds` back (a file just written is not trusted by its time)."""
    past = time.time() - seconds
    for p in paths:
        os.utime(p, (past, past))


def test_an_unchanged_run_does_not_reconcile_again_until_something_it_reads_changes(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 2)
    for name, n in (("a", "3.317"), ("b", "3.400")):     # two sources that disagree: a finding to decide
        (corpus / f"{name}.txt").write_text(f"Đến hết tháng 6/2024, thành phố Hà Nội có {n} sản phẩm OCOP "
                                            f"được công nhận.\n", encoding="utf-8")
    first = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert first.returncode == 0 and "reconciled" in first.stderr.decode(), first.stderr.decode()
    facts = (out / "facts.jsonl").read_bytes()
    assert facts and (out / "conflicts.jsonl").exists()

    again = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert again.returncode == 0 and SKIPPED in again.stderr.decode(), again.stderr.decode()
    assert (out / "facts.jsonl").read_bytes() == facts

    (out / "facts.jsonl").write_bytes(facts[: len(facts) // 2])        # an output damaged: written anew
    damaged = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert SKIPPED not in damaged.stderr.decode() and (out / "facts.jsonl").read_bytes() == facts

    from schemas import Decision
    from extract.review.store import ReviewStore
    finding = json.loads(lines(out / "conflicts.jsonl")[0])
    with ReviewStore(out / "review.sqlite") as store:             # a reviewer decided: reconciled anew
        store.decide(Decision(finding_id=finding["id"], action="dismiss", reviewer="t",
                              decided_at="2026-01-01T00:00:00+00:00"))
    decided = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert SKIPPED not in decided.stderr.decode() and "1 decisions applied" in decided.stderr.decode()
    dismissed = {json.loads(line)["id"]: json.loads(line) for line in lines(out / "conflicts.jsonl")}
    assert dismissed[finding["id"]]["status"] == "decided"
    assert SKIPPED in ocop("run", str(corpus), "--out", str(out), "--jobs", "1").stderr.decode()

    write_corpus(corpus, 1, start=3)                                 # an added article: reconciled anew
    added = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert "1 new" in added.stderr.decode() and SKIPPED not in added.stderr.decode()


def test_ocop_reconcile_afterwards_is_seen_by_the_next_run(tmp_path):
    """`ocop reconcile` with another review database rewrites the outputs: the next run reconciles them anew."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 2)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    facts = (out / "facts.jsonl").read_bytes()
    (out / "facts.jsonl").write_text("", encoding="utf-8")
    run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert SKIPPED not in run.stderr.decode() and (out / "facts.jsonl").read_bytes() == facts


def test_a_file_of_the_same_size_and_time_is_not_read_again(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 3)
    age(paths)
    assert run_batch([str(corpus)], out, quiet=True).extracted == 3
    records = (out / "records.jsonl").read_bytes()

    # Same bytes count, same time, other digits: a run that read it would extract it again. It is not read
    # (as make and git do); the size and time are the contract, and any real edit changes the time.
    text = paths[0].read_text(encoding="utf-8")
    digit = next(i for i, ch in enumerate(text) if ch.isdigit())
    other = text[:digit] + str((int(text[digit]) + 1) % 10) + text[digit + 1:]
    st = paths[0].stat()
    paths[0].write_text(other, encoding="utf-8")
    os.utime(paths[0], ns=(st.st_atime_ns, st.st_mtime_ns))
    assert paths[0].stat().st_size == st.st_size
    same = run_batch([str(corpus)], out, quiet=True)
    assert (same.extracted, same.unchanged) == (0, 3) and (out / "records.jsonl").read_bytes() == records

    age([paths[0]], 30)                          # its time changed: read, found changed, extracted
    changed = run_batch([str(corpus)], out, quiet=True)
    assert (changed.extracted, changed.changed, changed.unchanged) == (1, 1, 2)


def test_a_file_just_written_is_read_again_and_a_problem_is_said_again(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 2)
    (corpus / "english.txt").write_text("This is an English text about nothing in particular. " * 5,
                                        encoding="utf-8")
    age([*paths, corpus / "english.txt"])
    os.utime(paths[1])                                 # now: too recent to be known by its time
    first = run_batch([str(corpus)], out, quiet=True)
    stats = json.loads((out / "input-stats.json").read_text(encoding="utf-8"))["files"]
    assert sorted(Path(p).name for p in stats) == [paths[0].name]
    assert [p.kind for p in first.problems] == ["not_vietnamese"]
    second = run_batch([str(corpus)], out, quiet=True)
    assert [p.kind for p in second.problems] == ["not_vietnamese"] and second.unchanged == 2
    other = run_batch([str(corpus)], out, quiet=True, max_bytes=10_000_000)   # other limits: all read
    assert other.unchanged == 2 and other.extracted == 0


def test_little_to_extract_is_extracted_in_one_process(tmp_path):
    from test_faults_kill import session_members
    from test_batch_kill import wait_for_parts
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    env = {**os.environ, SLOW_HOOK: "3"}
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out),
                             "--jobs", "2"], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        wait_for_parts(out, 1, proc)
        members = session_members(proc.pid)
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert members == [proc.pid] and proc.returncode == 0


def test_the_same_records_in_one_process_as_in_a_pool(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4)
    few = run_batch([str(corpus)], tmp_path / "few", engine=LocalEngine(2), quiet=True)
    pool = run_batch([str(corpus)], tmp_path / "pool", engine=LocalEngine(2, small_batch_chars=0), quiet=True)
    assert few.extracted == pool.extracted == 4
    for name in ("records.jsonl", "articles.jsonl", "manifest.jsonl"):
        assert (tmp_path / "few" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_the_warm_up_before_forking_loads_the_word_tokenizer_model():
    code = ("import underthesea.pipeline.word_tokenize as w; from extract.engines import warm_for_fork; "
            "assert w.word_tokenize_model is None; warm_for_fork(); print(w.word_tokenize_model is not None)")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "True", done.stderr


def test_incremental_runs_write_what_a_run_from_scratch_writes(tmp_path):
    """Unchanged files known by their time, reconciliation skipped or not: after each step (nothing changed,
    one added, one edited, one removed) the outputs are those of a fresh run over the same files."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 6)
    age(paths)
    outputs = ("records.jsonl", "articles.jsonl", "rejected.jsonl", "facts.jsonl", "conflicts.jsonl")

    def step(n: int) -> None:
        run = ocop("run", str(corpus), "--out", str(out), "--jobs", "2")
        fresh = tmp_path / f"fresh{n}"
        again = ocop("run", str(corpus), "--out", str(fresh), "--jobs", "1")
        assert run.returncode == again.returncode == 0, run.stderr.decode() + again.stderr.decode()
        for name in outputs:
            assert (out / name).read_bytes() == (fresh / name).read_bytes(), (n, name)

    step(0)
    step(1)                                                  # nothing changed
    write_corpus(corpus, 1, seed=5, start=6)                 # one added
    step(2)
    paths[2].write_text(paths[2].read_text(encoding="utf-8") + "\nCó thêm 7 sản phẩm OCOP 4 sao.\n",
                        encoding="utf-8")                    # one edited
    step(3)
    paths[4].unlink()                                        # one removed
    step(4)
