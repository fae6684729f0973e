"""`decrease`: a total that falls over time (unless `stock_flow` already looked at the pair)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import Conflict, Suggested

from ..claims import KeyT
from ..built import built
from ..findings import dated_preferred, finding, key_label
from ..policy import label
from ..values import fmt

if TYPE_CHECKING:
    from ..results import Account, FactRow


def check(account: "Account") -> list[Conflict]:
    return decrease_all(account.rows, account.checked)


def decrease_all(rows: dict[KeyT, list["FactRow"]], checked: set | None = None) -> list[Conflict]:
    """Successive totals that fall, except where a stock-flow check already looked at the pair."""
    out = []
    for k, rs in rows.items():
        if k.kind != "total":
            continue
        totals = dated_preferred(rs)
        for a, b in zip(totals, totals[1:]):
            if checked and (a.fact.id, b.fact.id) in checked:
                continue
            found = decrease(a, b)
            if found:
                out.append(found)
    return out


def decrease(a: "FactRow", b: "FactRow") -> Conflict | None:
    """A later total clearly below an earlier one (their allowed values do not meet)."""
    ga, gb = a.verdict.group, b.verdict.group
    if gb.allows[1] >= ga.allows[0]:
        return None
    drop = ga.value - gb.value
    text = (f"{key_label(a.fact.key)} falls from {label(ga)} to {label(gb)}, {fmt(drop)} fewer. Possible, "
            f"since ratings expire after 36 months or products move to another star class, but worth a look.")
    severity = "low" if drop <= 0.1 * max(ga.value, 1) else "medium"
    return finding("decrease", severity, a.fact.key, b.fact.as_of, [ga.value, gb.value],
                   [*ga.claims, *gb.claims], text, built(Suggested, value=gb.value, rule="later_date",
                                                              as_of=b.fact.as_of))
