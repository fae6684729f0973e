"""Killing `ocop run` (its parent process, SIGKILL or SIGTERM, mid-run, with a pool of workers) leaves no
process behind, the caller's pipe closes, and the next run works without clean-up; a lock a dead run's
leftover still holds is recognised and taken. Real subprocesses, real signals, real `flock`."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch_kill import wait_for_parts
from test_batch_support import REPO, article_of, expected_records, lines, ocop, write_corpus

from extract.batch import SLOW_HOOK

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def session_members(sid: int) -> list[int]:
    """Processes of session `sid` still alive (a run started in its own session: the run and its workers,
    wherever they were reparented to)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            members.append(int(entry))
    return members


def left_behind(sid: int, patience: float = 30) -> list[int]:
    """Members of the session still alive after the kernel had `patience` seconds to end them."""
    deadline = time.monotonic() + patience
    while (members := session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return members


def start(corpus: Path, out: Path, jobs: int = 2) -> subprocess.Popen:
    env = {**os.environ, SLOW_HOOK: "0.3"}
    return subprocess.Popen([sys.executable, "-m", "extract.cli", "run", str(corpus), "--out", str(out),
                             "--jobs", str(jobs)], env=env, cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_parent_leaves_no_worker_and_the_next_run_works(tmp_path, sig):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 10)
    proc = start(corpus, out)
    try:
        wait_for_parts(out, 2, proc)
        assert len(session_members(proc.pid)) >= 3, "the run has no pool of workers to leave behind"
        proc.send_signal(sig)      # the parent only, as `kill PID` does
        try:
            _, err = proc.communicate(timeout=60)     # hangs if a leftover keeps the pipe open
        except subprocess.TimeoutExpired:
            pytest.fail("the caller's pipe stayed open after the run was killed")
    finally:
        stranded = left_behind(proc.pid)
        for pid in stranded:
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
    assert stranded == [], f"processes left behind after {sig.name}: {stranded}"
    assert proc.returncode == -sig if sig == signal.SIGKILL else proc.returncode in (143, -signal.SIGTERM)
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "ocop: terminated" in err.decode(), err.decode()
        assert "Traceback" not in err.decode()

    after = ocop("run", str(corpus), "--out", str(out), "--jobs", "2")
    assert after.returncode == 0, after.stderr.decode()
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths])
    assert not list(out.glob(".*.tmp"))


HOLDER = """
import fcntl, sys, time
f = open(sys.argv[1], "a+")
fcntl.flock(f, fcntl.LOCK_EX)
f.seek(0); f.truncate(); f.write(sys.argv[2] + "\\n"); f.flush()
print("locked", flush=True)
time.sleep(600)
"""


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def hold_lock(out: Path, owner: int) -> subprocess.Popen:
    """A process holding OUT/.lock with `owner` written in it (as a worker a killed run left behind)."""
    out.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out / ".lock"), str(owner)],
                              stdout=subprocess.PIPE)
    assert holder.stdout.readline() == b"locked\n"
    return holder


def test_a_stale_lock_whose_owner_is_dead_is_taken(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    paths = write_corpus(corpus, 2)
    owner = dead_pid()
    holder = hold_lock(out, owner)
    try:
        run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 0, run.stderr.decode()
    assert f"took over the lock of {out} from a run that is gone (pid {owner})" in run.stderr.decode()
    assert lines(out / "records.jsonl") == expected_records([article_of(p) for p in paths])


def test_a_lock_whose_owner_lives_is_respected(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    holder = hold_lock(out, os.getpid())
    try:
        run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 1
    assert f"is being written by another ocop run (pid {os.getpid()})" in run.stderr.decode()
    assert "Traceback" not in run.stderr.decode()
    assert not (out / "records.jsonl").exists()


ORPHAN = """
import fcntl, os, sys, time
f = open(sys.argv[1], "w")                 # as earlier versions of ocop did: no pid written
fcntl.flock(f, fcntl.LOCK_EX)
if os.fork():                              # the locker exits; its child keeps the lock, as a stranded worker
    os._exit(0)
print(os.getpid(), flush=True)
time.sleep(600)
"""


def test_a_lock_held_by_a_stranded_worker_of_an_older_version_is_taken(tmp_path):
    """No pid in the lock file: the kernel's /proc/locks names the process that took the lock, which is
    dead; the process still holding it is its orphan."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 1)
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", ORPHAN, str(out / ".lock")], stdout=subprocess.PIPE)
    orphan = int(holder.stdout.readline())
    holder.wait()
    try:
        run = ocop("run", str(corpus), "--out", str(out), "--jobs", "1")
    finally:
        os.kill(orphan, signal.SIGKILL)
    assert run.returncode == 0, run.stderr.decode()
    assert f"took over the lock of {out} from a run that is gone (pid {holder.pid})" in run.stderr.decode()
