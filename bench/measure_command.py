"""Runs a command and writes its peak memory and CPU time to a file (used by bench_runs.run_command):

    python bench/measure_command.py RESULT_FILE COMMAND ARGS...

RESULT_FILE gets `peak_kib cpu_seconds`. The peak is the largest of: the peak resident memory of the
command's largest process (`wait4`'s ru_maxrss, exact for one process), and, sampled every 20 ms (less
often when a sample takes long: `AT_MOST`), the proportional set size (PSS) summed over the command and
every process under it (a page two processes share counts half in each: the memory the run as a whole
holds; Linux only). The CPU time is user +
system of the command and the children it waited for.

Started from this small process, not from the bench (a child's peak RSS counts the pages of the process
it was forked from, here the bench's corpora)."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time


def _tree(root: int) -> list[int]:
    """The process and every process under it (by /proc's parent ids)."""
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += kids.get(pid, [])
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


EVERY = 0.02
AT_MOST = 9
"""The PSS is sampled every `EVERY` seconds, or less often when a sample takes long: the sampler waits
`AT_MOST` times what the last one took (a tenth of a core at most). Reading `smaps_rollup` walks the
page tables of the process: at 1.000.000 records (three processes, 1,4 GiB) a sample every 20 ms kept
one of the machine's two cores busy and made `ocop reconcile` 5 s slower (30,9 s against 26,1 s with a
sample every 200 ms; the same peak: 1.398 and 1.408 MiB)."""


def main() -> int:
    result, args = sys.argv[1], sys.argv[2:]
    proc = subprocess.Popen(args)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        wait = EVERY
        while not done.wait(wait):
            began = time.perf_counter()
            peak[0] = max(peak[0], sum(_pss_kib(p) for p in _tree(proc.pid)))
            wait = max(EVERY, AT_MOST * (time.perf_counter() - began))
    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.exists("/proc/self/smaps_rollup"):
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    if sampler.is_alive():
        sampler.join()
    with open(result, "w") as f:
        f.write(f"{max(peak[0], usage.ru_maxrss)} {usage.ru_utime + usage.ru_stime:.3f}")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
