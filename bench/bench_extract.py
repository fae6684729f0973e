"""Benchmark of extraction (run by hand, not in CI): speed with 1 process and with all cores, the same text
through underthesea's word_tokenize alone, peak memory at N and 10×N articles, and reconciliation time.

    .venv/bin/python bench/bench_extract.py                  # N = 100 (and 1.000 for memory)
    .venv/bin/python bench/bench_extract.py --n 50 --claims 10000,100000
    .venv/bin/python bench/bench_extract.py --skip-memory --skip-reconcile

The corpus is made from corpus/: each article is a seed with its paragraphs shuffled and every number
changed, so no two are alike. Figures printed:

- extraction, in process: articles/s and characters/s of `extract_article` over the corpus (1 core,
  models loaded beforehand), and `word_tokenize` alone over the same texts, and the ratio (of wall times,
  and of CPU times: the one to trust when other processes share the machine);
- `ocop extract DIR --out OUT --jobs 1` and `--jobs <cores>` as a command (wall time, start-up included);
- peak resident memory (RSS) of `ocop extract --jobs 1` at N and 10×N articles (it should not grow), and
  of `ocop extract - --out -` over 10.000 and 100.000 input lines (`--stream-lines`);
- start-up, incremental `ocop run` (nothing changed, one article added, one edited) beside the full run,
  and `ocop reconcile` at 10.000, 100.000 and 1.000.000 records with its peak memory: bench_runs.py.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_runs import run_command as measured_run  # noqa: E402  (bench/ is on the path from here on)

_NUMBER = re.compile(r"\d+")


def varied_text(text: str, rng: random.Random) -> str:
    """A seed article with its paragraphs (after the first) shuffled and every number changed."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), "\n".join(head + body))


def build_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """n varied articles as .txt files in `folder`; returns their total length in characters."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        text = varied_text(seeds[i % len(seeds)], rng)
        (folder / f"bench_{i:07d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def in_process(folder: Path) -> None:
    """extract_article and word_tokenize over the same texts, one core, models loaded first."""
    from underthesea import word_tokenize

    from extract.pipeline import extract_article
    from schemas import Article
    paths = sorted(folder.glob("*.txt"))
    warm = paths[0].read_text(encoding="utf-8")
    extract_article(Article(id="warm", text=warm))
    word_tokenize(warm)

    chars = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    records = 0
    for p in paths:
        text = p.read_text(encoding="utf-8")
        chars += len(text)
        records += len(extract_article(Article(id=p.stem, text=text)).records)
    extract_s, extract_cpu = time.perf_counter() - t0, time.process_time() - cpu0

    t0, cpu0 = time.perf_counter(), time.process_time()
    for p in paths:
        word_tokenize(p.read_text(encoding="utf-8"))
    tokenize_s, tokenize_cpu = time.perf_counter() - t0, time.process_time() - cpu0

    n = len(paths)
    print(f"  extract_article    {n / extract_s:8.1f} articles/s {chars / extract_s:10.0f} chars/s "
          f"({records} records; {extract_cpu:.2f} s of CPU)")
    print(f"  word_tokenize      {n / tokenize_s:8.1f} articles/s {chars / tokenize_s:10.0f} chars/s "
          f"({tokenize_cpu:.2f} s of CPU)")
    # the CPU-time ratio moves less than the wall-time one when other processes share the cores
    print(f"  extraction / word_tokenize speed: {tokenize_s / extract_s:.2f}× "
          f"(CPU time: {tokenize_cpu / extract_cpu:.2f}×; aim: at least 4×)")


def run_command(args: list[str], stdin=None) -> tuple[float, int, int]:
    """(wall seconds, peak memory in KiB of the command's processes (bench_runs.measured), exit code)."""
    wall, peak, code, err = measured_run(args, stdin)
    if code not in (0, 3):
        print(err.decode()[-2000:], file=sys.stderr)
    return wall, peak, code


def as_command(folder: Path, n: int, chars: int, tmp: Path) -> None:
    for jobs in sorted({1, os.cpu_count() or 1}):
        wall, rss, code = run_command(["extract", str(folder), "--out", str(tmp / f"out-j{jobs}"),
                                       "--jobs", str(jobs), "--quiet"])
        print(f"  ocop extract --jobs {jobs:<2} {n / wall:8.1f} articles/s {chars / wall:10.0f} chars/s "
              f"({wall:.1f} s wall, start-up included; exit {code})")


def memory(n: int, tmp: Path) -> None:
    for size in (n, 10 * n):
        folder = tmp / f"mem-{size}"
        build_corpus(folder, size, seed=size)
        wall, rss, code = run_command(["extract", str(folder), "--out", str(tmp / f"mem-out-{size}"),
                                       "--jobs", "1", "--quiet"])
        print(f"  {size:>7} articles: peak RSS {rss / 1024:7.1f} MiB ({wall:.1f} s)")


def stream_lines(path: Path, n: int) -> None:
    """n short articles as JSON Lines (each its own numbers and place)."""
    import json
    rng = random.Random(n)
    places = ["Hà Nội", "Huế", "Đà Nẵng", "Quảng Nam", "Bắc Giang", "Cà Mau"]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = (f"Năm {2015 + i % 10}, {rng.choice(places)} có {rng.randint(1, 5000)} sản phẩm OCOP, "
                    f"trong đó {rng.randint(1, 50)} sản phẩm đạt 4 sao.")
            f.write(json.dumps({"id": f"s{i:07d}", "text": text}, ensure_ascii=False) + "\n")


def stream_memory(lines: int, tmp: Path) -> None:
    """Peak RSS of `ocop extract - --out -` over lines/10 and `lines` input lines (it should stay flat)."""
    for size in (lines // 10, lines):
        path = tmp / f"stream-{size}.jsonl"
        stream_lines(path, size)
        with path.open("rb") as stdin:
            wall, rss, code = run_command(["extract", "-", "--out", "-", "--jobs", "1", "--quiet"], stdin=stdin)
        print(f"  {size:>7} lines: peak RSS {rss / 1024:7.1f} MiB ({wall:.1f} s, exit {code})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="articles in the corpus (memory: N and 10×N)")
    ap.add_argument("--claims", default="10000,100000,1000000", help="reconciliation sizes, comma-separated")
    ap.add_argument("--files", type=int, default=500, help="files of the incremental ocop runs")
    ap.add_argument("--stream-lines", type=int, default=100_000,
                    help="input lines of the streaming memory figure (and a tenth of them)")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-reconcile", action="store_true")
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "corpus"
        chars = build_corpus(folder, args.n)
        print(f"corpus: {args.n} articles, {chars} characters ({chars // args.n} per article)")
        print("in process, 1 core:")
        in_process(folder)
        print("as a command:")
        as_command(folder, args.n, chars, tmp)
        if not args.skip_memory:
            print("peak memory of ocop extract --jobs 1:")
            memory(args.n, tmp)
            print("peak memory of ocop extract - --out - (streaming, --jobs 1):")
            stream_memory(args.stream_lines, tmp)
        from bench_runs import sections
        sections(tmp, args.files, [] if args.skip_reconcile else [int(s) for s in args.claims.split(",") if s])
    return 0


if __name__ == "__main__":
    sys.exit(main())
