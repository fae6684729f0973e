"""`stock_flow`: totals at two dates against the additions stated for the time between them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import Conflict, Suggested

from ..claims import STAR_CLASSES, KeyT
from ..built import built
from ..findings import SMALL_SHARE, dated_preferred, finding, key_label
from ..timeline import Interval, describe, flow_fits, overlaps
from ..values import agree, fmt, fmt_claim
from ..words import STAR_NAMES, cite

if TYPE_CHECKING:
    from ..results import Account, FactRow


def check(account: "Account") -> list[Conflict]:
    return stock_flow_all(account.rows, account.checked)


def _flow_span(r: "FactRow") -> Interval | None:
    return r.verdict.group.as_of_claim.span


def stock_flow_all(rows: dict[KeyT, list["FactRow"]], checked: set | None = None) -> list[Conflict]:
    """Every pair of successive totals with additions stated for the time between them; the pairs
    checked (passing or not) go into `checked`, so a fall they explain is not reported again."""
    out = []
    for k, rs in rows.items():
        if k.kind != "total":
            continue
        totals = dated_preferred(rs)
        flows = [r for r in rows.get(k.with_(kind="added"), []) if r.fact.rank == "preferred"
                 and _flow_span(r) is not None and not r.verdict.group.best.partial]
        for a, b in zip(totals, totals[1:]):
            for f in flows:
                if flow_fits(a.point.common, _flow_span(f), b.point.common):
                    if checked is not None:
                        checked.add((a.fact.id, b.fact.id))
                    found = stock_flow(a, f, b, rows)
                    if found:
                        out.append(found)
    return out


def _class_shift_note(a: "FactRow", b: "FactRow", residual: float, rows: dict[KeyT, list["FactRow"]]) -> str:
    """When a star class changed by more (or less) than its additions explain and another class over
    the same dates by the opposite amount, products likely moved between them (a tiềm năng 5 sao
    product rated 5 sao nationally, a product re-rated one class down)."""
    key = a.point.key
    if key.star not in STAR_CLASSES or not residual:
        return ""
    for other in STAR_CLASSES:
        if other == key.star:
            continue
        totals = dated_preferred(rows.get(key._replace(star=other), []))
        at_a = [r for r in totals if overlaps(r.point.common, a.point.common)]
        at_b = [r for r in totals if overlaps(r.point.common, b.point.common)]
        if not at_a or not at_b or at_a[0] is at_b[0]:
            continue
        flows = [r for r in rows.get(key._replace(star=other, kind="added"), []) if r.fact.rank == "preferred"
                 and _flow_span(r) is not None and flow_fits(a.point.common, _flow_span(r), b.point.common)]
        added = flows[0].verdict.group.value if flows else 0
        before, after = at_a[0].verdict.group.value, at_b[0].verdict.group.value
        shift = (after - before) - added
        if shift == -residual:
            gained, lost = (STAR_NAMES[other], STAR_NAMES[key.star]) if shift > 0 else (STAR_NAMES[key.star],
                                                                                         STAR_NAMES[other])
            return (f" Over the same dates {STAR_NAMES[other]} went from {fmt(before)} to {fmt(after)} with "
                    f"{fmt(added) if flows else 'no'} additions stated, {fmt(abs(shift))} "
                    f"{'more' if shift > 0 else 'fewer'} than they explain: {fmt(abs(shift))} products likely "
                    f"moved from {lost} to {gained}.")
    return ""


def stock_flow(a: "FactRow", f: "FactRow", b: "FactRow", rows: dict[KeyT, list["FactRow"]]) -> Conflict | None:
    ga, gf, gb = a.verdict.group, f.verdict.group, b.verdict.group
    diff_range = (gb.allows[0] - ga.allows[1], gb.allows[1] - ga.allows[0])
    diff = gb.value - ga.value
    sums = (f"{fmt(gb.value)} ({describe(b.fact.as_of)}, {cite(gb.articles)}) − {fmt(ga.value)} "
            f"({describe(a.fact.as_of)}, {cite(ga.articles)}) = {fmt(diff)}")
    flow_text = (f"{fmt_claim(gf.value, gf.best.value_max, gf.best.approx)} added in "
                 f"{describe(f.fact.period or f.fact.as_of)} ({cite(gf.articles)})")
    if agree(diff_range, gf.allows):
        line = f"stock_flow: {sums}, the {flow_text}"
        for r in (a, f, b):
            r.fact.support.append(line)
        return None
    if diff < gf.value:
        why = ("The total grew by less than the additions: ratings expire after 36 months and re-rated "
               "products are counted again among the additions, or products moved to another star class.")
    else:
        why = ("The total grew by more than the stated additions: some additions are not in the sources, "
               "or products moved in from another star class.")
    shifted = _class_shift_note(a, b, diff - gf.value, rows)
    text = f"Totals and additions of {key_label(a.fact.key)} do not agree: {sums}, but {flow_text}. {why}{shifted}"
    gap = abs(diff - gf.value)
    severity = "low" if shifted or gap <= max(SMALL_SHARE * max(gb.value, 1), 2) else "medium"
    return finding("stock_flow", severity, a.fact.key, b.fact.as_of, [ga.value, gf.value, gb.value],
                   [*ga.claims, *gf.claims, *gb.claims], text,
                   # products that moved between classes explain the later total: suggest it, not a + added
                   built(Suggested, value=gb.value if shifted else ga.value + gf.value, rule="stock_flow",
                             as_of=b.fact.as_of))
