"""ocop timeline: the time line of one figure with its sources; --plot draws it."""
from __future__ import annotations

import sys
from pathlib import Path

STARS = ["3", "4", "5", "5p", "3+"]


def register(sub):
    p = sub.add_parser("timeline", help="the time line of one figure, with its sources",
                       description="Print the reconciled time line of one figure (from OUT/facts.jsonl), "
                                   "e.g. `ocop timeline ocop_products --scope 'Hà Nội' --star 5`.")
    p.add_argument("metric", metavar="METRIC", help="ocop_products, ocop_subjects, ocop_sales_points, "
                                                    "ocop_centers, share_of_national (the ocop_ may be left out)")
    p.add_argument("--scope", required=True, help="the place in any written form ('Hà Nội', 'ha noi', 'TP Hà Nội'); a province the "
                                                "2025 reform enlarged also shows the old provinces it is made of")
    p.add_argument("--star", choices=STARS, help="star class (default: every class)")
    p.add_argument("--kind", choices=["total", "added", "target"], default="total")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--plot", metavar="FILE", help="also draw it into FILE.png or FILE.svg")
    p.set_defaults(func=run)


def run(args) -> int:
    from schemas import Fact
    from ..io import read_jsonl
    from ..reconcile.eras import merge_note
    from ..reconcile.views import ViewError, load_models, select_facts, timeline_text
    out = Path(args.out)
    try:
        if args.plot:           # a bad file name is refused before any work
            from ..reconcile.plot import check_plot_path
            check_plot_path(args.plot)
        facts = select_facts(load_models(out / "facts.jsonl", Fact, "fact"), args.metric, args.scope,
                             args.star, args.kind)
        wanted = {r for f in facts for r in f.supporting}
        records = {}
        if (out / "records.jsonl").exists():
            records = {r["id"]: r for r in read_jsonl(out / "records.jsonl") if r.get("id") in wanted}
        from ..reconcile.naming import article_names
        names = article_names(read_jsonl(out / "articles.jsonl")) if (out / "articles.jsonl").exists() else {}
        sys.stdout.write(merge_note(args.scope) + timeline_text(facts, records, names=names))
        if args.plot:
            from ..reconcile.plot import plot_timeline
            print(f"plot written to {plot_timeline(facts, records, args.plot, names)}", file=sys.stderr)
    except (ViewError, ValueError) as e:
        print(f"ocop timeline: {e}", file=sys.stderr)
        return 1
    return 0
