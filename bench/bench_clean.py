"""Benchmark of the cleaner (run by hand, not in CI): prints milliseconds per article for the seeds, as
read and in NFD.

    .venv/bin/python bench/bench_clean.py [FILE ...]     (default: corpus/*.txt)
"""
from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.clean import clean  # noqa: E402


def per_call_ms(text: str, repeat: int = 50) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            clean(text)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1000


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path("corpus").glob("*.txt"))
    if not paths:
        print("no articles given and none in corpus/", file=sys.stderr)
        return 2
    clean("warm up: compiles the vocabulary's patterns")
    print(f"{'article':<28}{'KB':>6}{'kept %':>8}{'ms':>8}{'ms NFD':>8}")
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            print(f"{path}: cannot be read ({e})", file=sys.stderr)
            continue
        kept = len(clean(text).text) / max(1, len(text)) * 100
        nfd = unicodedata.normalize("NFD", text)
        print(f"{path.stem:<28}{len(text.encode()) / 1024:>6.1f}{kept:>8.0f}{per_call_ms(text):>8.2f}"
              f"{per_call_ms(nfd):>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
