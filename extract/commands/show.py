"""ocop show ARTICLE: the cleaned text with its records highlighted, for a person checking what was found.

>>> text = "Hà Nội có 9 sản phẩm 5 sao."
>>> recs = [{"type": "count", "evidence": {"start": 10, "end": 20}, "value": 9, "unit": "sản phẩm",
...          "metric": "ocop_products", "star": "5", "kind": "total", "scope": "Hà Nội", "as_of": None,
...          "rules": ["number.digits"]}]
>>> print(render(text, recs, color=False))
Hà Nội có [9 sản phẩm]¹ 5 sao.
<BLANKLINE>
¹ count 9 sản phẩm · ocop_products · 5 sao · total · Hà Nội · as of ? · number.digits
"""
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
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    out = Path(args.out)
    if Path(args.article).is_file():
        from ..inputs import Problem, iter_articles
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


COLORS = {"count": "\033[1;30;43m", "organization": "\033[1;30;46m", "date": "\033[1;30;45m"}
RESET = "\033[0m"
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def describe(r: dict) -> str:
    if r["type"] == "count":
        bits = [f"{r['value']}" + (f"–{r['value_max']}" if r.get("value_max") is not None else "") + f" {r['unit']}",
                r.get("metric") or "other", f"{r['star']} sao" if r.get("star") else None, r.get("category"),
                r.get("kind"), r.get("scope") or "?", f"as of {r.get('as_of') or '?'}"
                + (f" ({r['time_basis']})" if r.get("time_basis") else ""),
                f"approx {r['approx']}" if r.get("approx") not in (None, "exact") else None,
                r.get("organization"), r.get("status")]
    elif r["type"] == "organization":
        bits = [r["name"], r.get("org_class"), r.get("legal_form"), r.get("location")]
    else:
        bits = [r.get("value"), repr(r.get("text"))]
    return f"{r['type']} " + " · ".join(str(b) for b in bits if b) + " · " + " ".join(r.get("rules", []))


def render(text: str, records: list[dict], color: bool = True) -> str:
    """The text with every record's evidence marked and numbered, then one line a record."""
    recs = sorted(records, key=lambda r: (r["evidence"]["start"], -r["evidence"]["end"]))
    out, pos = [], 0
    for i, r in enumerate(recs, 1):
        s, e = r["evidence"]["start"], r["evidence"]["end"]
        if s < pos:          # overlaps a span already marked: listed below, not marked twice
            continue
        out.append(text[pos:s])
        mark = str(i).translate(_SUP)
        out.append(f"{COLORS[r['type']]}{text[s:e]}{RESET}{mark}" if color else f"[{text[s:e]}]{mark}")
        pos = e
    out.append(text[pos:])
    legend = [f"{str(i).translate(_SUP)} {describe(r)}" for i, r in enumerate(recs, 1)]
    return "".join(out).rstrip("\n") + "\n\n" + "\n".join(legend)
