"""A run killed with SIGKILL in the middle leaves the previous outputs whole, and the next run completes,
reusing what the killed run had extracted. A real subprocess and a real signal; the test hook
OCOP_TEST_SECONDS_PER_ARTICLE slows the run down so the kill lands mid-extraction."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from test_batch_support import REPO, expected_records, article_of, ids, lines, ocop, write_corpus

from extract.batch import SLOW_HOOK
from extract.batch_outputs import OUTPUTS


def start_run(corpus, out, seconds_per_article: float) -> subprocess.Popen:
    env = {**os.environ, SLOW_HOOK: str(seconds_per_article)}
    return subprocess.Popen([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out),
                             "--jobs", "1"], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_parts(out, n: int, proc: subprocess.Popen, timeout: float = 300) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = sum(1 for _ in (out / "cache").rglob("*.part")) if (out / "cache").exists() else 0
        if parts >= n:
            return parts
        assert proc.poll() is None, f"the run ended before it was killed: {proc.stderr.read().decode()}"
        time.sleep(0.05)
    raise AssertionError(f"no {n} cached articles after {timeout} s")


def snapshot(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in (*OUTPUTS, "manifest.jsonl")}


def test_killed_run_leaves_previous_outputs_whole_and_next_run_completes(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    old = write_corpus(corpus, 3)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    previous = snapshot(out)

    new = write_corpus(corpus, 9, seed=3, start=3)
    proc = start_run(corpus, out, seconds_per_article=0.4)
    try:
        wait_for_parts(out, 3 + 3, proc)      # the 3 old ones plus 3 extracted by this run
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    assert snapshot(out) == previous        # the previous outputs, byte for byte

    after = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert after.returncode == 0, after.stderr.decode()
    message = after.stderr.decode()
    assert "9 new, 0 changed, 3 unchanged, 0 removed, 0 skipped" in message
    reused = int(message.split(" reused from an interrupted run")[0].rsplit("(", 1)[1])
    assert reused >= 3
    assert f"extracted {9 - reused} ({reused} reused" in message
    everything = old + new
    assert ids(out / "articles.jsonl") == sorted(p.stem for p in everything)
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in everything])
    assert not list(out.glob(".*.tmp"))


def test_kills_at_any_moment_leave_each_output_old_or_new_and_whole(tmp_path):
    """Kill a run at a series of moments (during extraction and while the outputs are being written): each
    output is always either the previous run's file or the finished one, never a torn one."""
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    write_corpus(corpus, 2)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    previous = snapshot(out)
    write_corpus(corpus, 4, seed=5, start=2)
    assert ocop("run", str(corpus), "--out", str(fresh), "--jobs", "1").returncode == 0
    finished = snapshot(fresh)
    finished["manifest.jsonl"] = None      # holds paths; compared below by article ids

    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0, 3.0):
        proc = start_run(corpus, out, seconds_per_article=0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        for name in OUTPUTS:
            data = (out / name).read_bytes()
            assert data in (previous[name], finished[name]), f"{name} torn after a kill at {delay} s"
            for line in data.decode("utf-8").splitlines():
                json.loads(line)
    final = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert final.returncode == 0, final.stderr.decode()
    for name in OUTPUTS:
        assert (out / name).read_bytes() == finished[name]
    assert ids(out / "manifest.jsonl") == ids(fresh / "manifest.jsonl")


def test_ctrl_c_stops_quietly_and_the_next_run_completes(tmp_path):
    """Ctrl-C in a terminal sends SIGINT to the whole process group, workers included."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 8)
    env = {**os.environ, SLOW_HOOK: "0.3"}
    proc = subprocess.Popen([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out),
                             "--jobs", "2"], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        wait_for_parts(out, 2, proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "ocop: interrupted" in err.decode() and "Traceback" not in err.decode()
    assert not (out / "records.jsonl").exists()
    after = ocop("run", str(corpus), "--out", str(out), "--jobs", "2")
    assert after.returncode == 0, after.stderr.decode()
    assert "reused from an interrupted run" in after.stderr.decode()
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths])


def test_outputs_half_renamed_then_input_reverted_are_rewritten(tmp_path):
    """A run killed between renaming the outputs and writing the manifest, and the input put back as it
    was: the next run must not trust the outputs just because the input matches the manifest."""
    from extract.batch import WRITING
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 2)
    assert ocop("run", str(corpus), "--out", str(out), "--jobs", "1").returncode == 0
    complete = snapshot(out)
    (out / "records.jsonl").write_text("", encoding="utf-8")   # as if a killed run had renamed it
    (out / WRITING).touch()                                    # ...while it was writing
    again = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    assert again.returncode == 0, again.stderr.decode()
    assert "extracted 0" in again.stderr.decode()
    assert snapshot(out) == complete
    assert not (out / WRITING).exists()
