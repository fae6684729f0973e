"""ocop show ARTICLE: the cleaned text with its records highlighted."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub):
    p = sub.add_parser("show", help="an article's cleaned text with its records highlighted (from OUT, or a file)")
    p.add_argument("article", metavar="ARTICLE", help="an article id (or the start of one) in OUT, or a file to extract")
    p.add_argument("--out", default="out", help="output folder to read (default: out)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..io import read_jsonl
    from ..show import render
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    out = Path(args.out)
    if Path(args.article).is_file():
        from ..load import Problem, iter_articles
        from ..pipeline import extract_article
        items = list(iter_articles([args.article]))
        bad = [i for i in items if isinstance(i, Problem)]
        if bad or not items:
            print(f"ocop show: {bad[0] if bad else args.article + ': no article'}", file=sys.stderr)
            return 1
        res = extract_article(items[0])
        print(render(res.article.text, [r.model_dump() for r in res.records], color))
        return 0
    if not (out / "articles.jsonl").exists():
        print(f"ocop show: {out}/articles.jsonl does not exist; run `ocop run` (or `ocop extract … --out {out}`) first",
              file=sys.stderr)
        return 1
    every = [a for a in read_jsonl(out / "articles.jsonl") if a["id"].startswith(args.article)]
    arts = [a for a in every if a["id"] == args.article] or every
    if len(arts) != 1:
        what = "no article" if not arts else f"{len(arts)} articles ({', '.join(a['id'] for a in arts[:5])})"
        print(f"ocop show: {what} in {out}/articles.jsonl match {args.article!r}", file=sys.stderr)
        return 1
    art = arts[0]
    records = [r for r in read_jsonl(out / "records.jsonl") if r["article_id"] == art["id"]]
    head = " · ".join(str(x) for x in (art["id"], art.get("title"), art.get("source"), art.get("published")) if x)
    print(head + "\n")
    print(render(art["text"], records, color))
    return 0
