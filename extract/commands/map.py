"""ocop map: the latest figure of every province at a date, drawn as dots on the country (no tiles)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

STARS = ["3", "4", "5", "5p", "3+"]


def register(sub):
    p = sub.add_parser("map", help="the latest figure of every province at a date, drawn on the country",
                       description="Draw the latest reconciled figure of each province (from OUT/facts.jsonl) at "
                                   "a date: a dot at the province's place, sized and coloured by the value, e.g. "
                                   "`ocop map ocop_products --star 3+ --plot map.png`.")
    p.add_argument("metric", metavar="METRIC", help="ocop_products, ocop_subjects, ocop_sales_points, ocop_centers "
                                                    "(the ocop_ may be left out)")
    p.add_argument("--star", choices=STARS, default="3+", help="star class (default: 3+, every certified product)")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="YYYY-MM-DD (default: today)")
    p.add_argument("--out", default="out", help="output folder with facts.jsonl (default: out)")
    p.add_argument("--plot", metavar="FILE", required=True, help="the picture: FILE.png or FILE.svg")
    p.set_defaults(func=run)


def run(args) -> int:
    from schemas import Fact
    from ..reconcile.mapplot import latest_by_province, map_title, plot_map
    from ..reconcile.values import fmt
    from ..reconcile.views import ViewError, load_models
    try:
        try:
            when = date.fromisoformat(args.as_of) if args.as_of else date.today()
        except ValueError:
            raise ViewError(f"--as-of {args.as_of!r}: give a date as YYYY-MM-DD") from None
        facts = load_models(Path(args.out) / "facts.jsonl", Fact, "fact")
        metric = args.metric if args.metric.startswith("ocop_") else f"ocop_{args.metric}"
        dots = latest_by_province(facts, metric, args.star, when)
        path = plot_map(dots, args.plot, map_title(metric, args.star, when))
        for d in sorted(dots, key=lambda d: -d.value):
            print(f"{d.province:<24} {fmt(d.value):>8}  ({d.as_of})")
        print(f"map written to {path}", file=sys.stderr)
    except ViewError as e:
        print(f"ocop map: {e}", file=sys.stderr)
        return 1
    return 0
