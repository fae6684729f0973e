"""Benchmark of reconciliation: how long `reconcile()` takes on synthetic count records.

    .venv/bin/python bench/bench_reconcile.py            # 10.000 and 100.000 records
    .venv/bin/python bench/bench_reconcile.py 1000000    # or any sizes

`synthetic_records(n, seed)` is importable by other benchmarks: n count records (valid against
schemas) of many articles about many places over 2019-2025, shaped like the news: each article gives a
place's all-star total with its star breakdown, sometimes the year's additions and the share of the
country; most articles agree with the true series, some are out of date, copy another article's
wording, round with `hơn`, or are simply wrong.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.reconcile import reconcile  # noqa: E402
from extract.reconcile.samples import count_record  # noqa: E402

YEARS = list(range(2019, 2026))
STAR_SHARES = {"5": 0.004, "5p": 0.008, "4": 0.45}          # the rest is 3 sao
RECORDS_PER_ARTICLE = 6
ARTICLES_PER_PLACE = 120


def _true_series(rng: random.Random) -> dict[int, dict[str, int]]:
    """A place's stock by year and star class, growing by a yearly addition."""
    total = rng.randint(100, 2000)
    out = {}
    for y in YEARS:
        total += rng.randint(50, 500)
        parts = {s: max(0, round(total * share * rng.uniform(0.8, 1.2))) for s, share in STAR_SHARES.items()}
        parts["3"] = total - sum(parts.values())
        out[y] = {"3+": total, **parts}
    return out


def synthetic_records(n: int, seed: int = 0) -> list[dict]:
    """About n count records (see the module's doc)."""
    rng = random.Random(seed)
    n_articles = max(1, n // RECORDS_PER_ARTICLE)
    n_places = max(1, n_articles // ARTICLES_PER_PLACE)
    places = [f"Tỉnh {i:04d}" for i in range(n_places)]
    series = {p: _true_series(rng) for p in places}
    national = {y: sum(series[p][y]["3+"] for p in places) for y in YEARS}
    records: list[dict] = []
    copied: list[str] = []
    for a in range(n_articles):
        art = f"syn{a:07d}"
        place = places[a % n_places]
        y = rng.choice(YEARS[1:])
        stated_year = y - 1 if rng.random() < 0.1 else y                # out of date now and then
        truth = series[place][stated_year]
        month = rng.choice([None, None, 6, 9, 12])
        as_of = f"{y}-{month:02d}" if month else str(y)
        basis = rng.choice(["stated", "stated", "context", "inferred"])
        sentence = None
        if copied and rng.random() < 0.05:                               # a copy of another article
            sentence = rng.choice(copied)
        for k, star in enumerate(["3+", "5", "5p", "4", "3"]):
            value = truth[star]
            if rng.random() < 0.03:                                       # a wrong figure
                value = max(0, value + rng.randint(-30, 30))
            approx = "over" if star == "3+" and rng.random() < 0.05 else "exact"
            sent = sentence if sentence and star == "3+" and str(value) in sentence else None
            rec = count_record(f"{art}#c{k}", art, value, star=star, scope=place, as_of=as_of,
                               time_basis=basis, sentence=sent, approx=approx)
            if approx == "over":
                rec["value"] = int(value // 100 * 100)
                rec["evidence"] = count_record("x", art, rec["value"], star=star)["evidence"]
            records.append(rec)
            if k == 0 and len(copied) < 1000:
                copied.append(rec["evidence"]["sentence"])
        if rng.random() < 0.3:
            added = series[place][y]["3+"] - series[place][y - 1]["3+"]
            records.append(count_record(f"{art}#a", art, added, star="3+", scope=place, kind="added",
                                        as_of=str(y), period=str(y)))
        if rng.random() < 0.1:
            share = round(100 * truth["3+"] / national[stated_year])
            records.append(count_record(f"{art}#s", art, share, metric="share_of_national", scope=place,
                                        as_of=as_of, time_basis=basis))
            records.append(count_record(f"{art}#n", art, national[stated_year], star="3+", scope="Việt Nam",
                                        as_of=as_of, time_basis=basis))
    return records[:n] if len(records) > n else records


def bench(n: int, seed: int = 0) -> dict:
    t0 = time.perf_counter()
    records = synthetic_records(n, seed)
    t1 = time.perf_counter()
    result = reconcile(records)
    t2 = time.perf_counter()
    return {"records": len(records), "claims": len(result.claims), "facts": len(result.facts),
            "conflicts": len(result.conflicts), "generate_s": t1 - t0, "reconcile_s": t2 - t1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(f"{'records':>10} {'claims':>10} {'facts':>9} {'findings':>9} {'reconcile s':>12} {'µs/claim':>9}")
    for n in args.sizes:
        r = bench(n, args.seed)
        per = 1e6 * r["reconcile_s"] / max(r["claims"], 1)
        print(f"{r['records']:>10} {r['claims']:>10} {r['facts']:>9} {r['conflicts']:>9} "
              f"{r['reconcile_s']:>12.2f} {per:>9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
