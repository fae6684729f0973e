"""`ocop show`: an article's cleaned text with its records marked, for a person checking what was found.

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
