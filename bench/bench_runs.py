"""Benchmark of commands as a user runs them (run by hand, not in CI): start-up, incremental `ocop run`,
and reconciliation's time and peak memory. Printed by bench_extract.py; on its own:

    .venv/bin/python bench/bench_runs.py                       # 500 files; 10k, 100k, 1M claims
    .venv/bin/python bench/bench_runs.py --files 200 --claims 10000,100000

- start-up: `ocop --help`, and `ocop extract` of one short article (the best of a few runs each);
- incremental: `ocop run` over N files from scratch (every core), then the same run with nothing changed,
  with one article added, with one article edited; each beside the full run as a ratio;
  then `ocop reconcile` alone after one more article, with the places' cached results and without;
- reconciliation: `ocop reconcile` of synthetic records (bench_reconcile.synthetic_records) at each size,
  as a command: wall time, CPU time and the peak memory of its processes (`measure_command`); then again with one article added
  (only its place reconciled again, the others read from OUT/reconcile-cache/).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


MEASURE = Path(__file__).resolve().parent / "measure_command.py"
"""Runs a command and writes its peak memory (summed over its processes) and CPU time to a file."""


def measured(args: list[str], stdin=None, cwd: Path = ROOT) -> tuple[float, int, float, int, bytes]:
    """(wall seconds, peak memory in KiB: the largest process's peak RSS or the PSS summed over all the
    command's processes, whichever is larger (`measure_command`), CPU seconds of all its processes, exit
    code, standard error) of `ocop ARGS` in a fresh process."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as got:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(MEASURE), got.name, sys.executable, "-m", "extract.cli",
                                 *args], cwd=cwd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, err = proc.communicate()
        wall = time.perf_counter() - t0
        peak, cpu = (got.read() or "0 0").split()
    return wall, int(peak), float(cpu), proc.returncode, err


def run_command(args: list[str], stdin=None, cwd: Path = ROOT) -> tuple[float, int, int, bytes]:
    """(wall seconds, peak memory in KiB (`measured`), exit code, standard error) of `ocop ARGS`."""
    wall, peak, _, code, err = measured(args, stdin, cwd)
    return wall, peak, code, err


def command(args: list[str], cwd: Path = ROOT) -> tuple[float, int, float]:
    """(wall seconds, peak memory in MiB, CPU seconds) of `ocop ARGS` in a fresh process; exits on failure."""
    wall, peak, cpu, code, err = measured(args, cwd=cwd)
    if code not in (0, 3):
        sys.exit(f"ocop {' '.join(args)} failed ({code}): {err.decode()[-2000:]}")
    return wall, peak / 1024, cpu


def best(args: list[str], times: int = 3, before=None) -> float:
    walls = []
    for _ in range(times):
        if before:
            before()
        walls.append(command(args)[0])
    return min(walls)


def start_up(tmp: Path) -> None:
    seed = sorted((ROOT / "corpus").glob("*.txt"))[0]
    one = tmp / "one" / seed.name
    one.parent.mkdir(parents=True)
    shutil.copy(seed, one)
    out = tmp / "one-out"
    help_s = best(["--help"], 5)
    print(f"  ocop --help                       {help_s:6.2f} s   (aim: under 0.2 s)")
    for jobs in sorted({1, os.cpu_count() or 1}):
        s = best(["extract", str(one), "--out", str(out), "--jobs", str(jobs), "--quiet"], 3,
                 before=lambda: shutil.rmtree(out, ignore_errors=True))
        print(f"  ocop extract, one article, --jobs {jobs} {s:5.2f} s   ({len(seed.read_text(encoding='utf-8'))}"
              f" characters; aim: under 1 s)")


def incremental(tmp: Path, files: int) -> None:
    from bench_extract import build_corpus, varied_text
    import random
    corpus, out = tmp / "runs", tmp / "runs-out"
    build_corpus(corpus, files, seed=7)
    past = time.time() - 60          # the files as a corpus is: not written in the last seconds
    for p in corpus.iterdir():
        os.utime(p, (past, past))
    run = ["run", str(corpus), "--out", str(out), "--quiet"]
    full = command(run)[0]
    unchanged = best(run, 3)
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    added = corpus / "zz_added.txt"
    added.write_text(varied_text(seeds[1].read_text(encoding="utf-8"), random.Random(1)), encoding="utf-8")
    one_added = command(run)[0]
    edited = sorted(corpus.glob("bench_*.txt"))[files // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nCó thêm 3 sản phẩm OCOP 4 sao.\n", encoding="utf-8")
    one_edited = command(run)[0]
    print(f"  ocop run, {files} files, from scratch   {full:6.2f} s")
    for name, s, aim in (("nothing changed", unchanged, " (aim: under 1 s)"),
                         ("one article added", one_added, " (aim: under 2 s)"),
                         ("one article edited", one_edited, "")):
        print(f"  ocop run, {name:<21}{s:6.2f} s = {s / full:6.1%} of the full run{aim}")
    reconcile_again(corpus, out, seeds)


def reconcile_again(corpus: Path, out: Path, seeds: list[Path]) -> None:
    """`ocop reconcile` alone after one more article: with the places' results of the run before
    (OUT/reconcile-cache/), and without them."""
    from bench_extract import varied_text
    import random
    (corpus / "zz_added_2.txt").write_text(varied_text(seeds[2].read_text(encoding="utf-8"), random.Random(2)),
                                           encoding="utf-8")
    command(["extract", str(corpus), "--out", str(out), "--quiet"])
    cache = out / "reconcile-cache"
    kept = out.parent / "kept-cache"
    shutil.copytree(cache, kept)
    again = best(["reconcile", "--out", str(out)], 3,
                 before=lambda: (shutil.rmtree(cache), shutil.copytree(kept, cache)))
    scratch = best(["reconcile", "--out", str(out)], 3, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    print(f"  ocop reconcile, one article added {again:6.2f} s = {again / scratch:6.1%} of reconciling without the "
          f"cache ({scratch:.2f} s)")


def reconcile_runs(tmp: Path, sizes: list[int]) -> None:
    from bench_reconcile import synthetic_records

    from extract.io import write_jsonl
    for n in sizes:
        out = tmp / f"rec-{n}"
        records = synthetic_records(n, 0)
        places = len({r["scope"] for r in records})
        write_jsonl(out / "records.jsonl", records)
        del records
        wall, peak, cpu = command(["reconcile", "--out", str(out)])
        size = (out / "records.jsonl").stat().st_size / 2**20
        print(f"  {n:>9} records ({size:6.0f} MiB): {wall:7.2f} s ({1e6 * wall / n:5.1f} µs/record; CPU "
              f"{cpu:6.2f} s), peak memory {peak:7.0f} MiB (all its processes; aim at 1M: under 30 s and "
              f"1.5 GB)", flush=True)
        with open(out / "records.jsonl", "a", encoding="utf-8") as f:     # one more article about one place
            for r in synthetic_records(6, 1):
                f.write(json.dumps({**r, "id": "added-" + r["id"], "article_id": "added"}, ensure_ascii=False) + "\n")
        again = command(["reconcile", "--out", str(out)])[0]
        print(f"  {'':>9} one article added: {again:7.2f} s = {again / wall:6.1%} (the other {places - 1} places "
              f"from OUT/reconcile-cache/)", flush=True)
        shutil.rmtree(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=500, help="files of the incremental runs")
    ap.add_argument("--claims", default="10000,100000,1000000", help="reconciliation sizes, comma-separated")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as name:
        sections(Path(name), args.files, [int(s) for s in args.claims.split(",") if s])
    return 0


def sections(tmp: Path, files: int, sizes: list[int]) -> None:
    print("start-up:")
    start_up(tmp)
    print("incremental ocop run:")
    incremental(tmp, files)
    if sizes:
        print("ocop reconcile (as a command):")
        reconcile_runs(tmp, sizes)


if __name__ == "__main__":
    sys.exit(main())
