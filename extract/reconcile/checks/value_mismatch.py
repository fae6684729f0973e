"""`value_mismatch`: sources give different values for one figure at overlapping days."""
from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import Conflict, Key, Suggested

from ..built import built
from ..findings import SEVERITY_BY_RULE, finding, key_label
from ..policy import Resolution, label
from ..timeline import describe

if TYPE_CHECKING:
    from ..points import TimePoint
    from ..results import Account


def check(account: "Account") -> list[Conflict]:
    """Every time point of every key, in key order."""
    out = []
    for k, resolved in account.resolved.items():
        for point, res in resolved:
            found = value_mismatch(account.models[k], point, res)
            if found:
                out.append(found)
    return out


def value_mismatch(key: Key, point: "TimePoint", res: Resolution) -> Conflict | None:
    """Different values for one figure at overlapping days from different sources."""
    if not point.dated or len(point.groups) < 2 or res.rule == "same_source":
        return None
    severity = SEVERITY_BY_RULE.get(res.rule, "medium")
    if key.kind != "total" and severity == "high":
        severity = "medium"
    pref = res.preferred
    text = (f"Sources disagree on {key_label(key)} at {describe(point.as_of)}: "
            + "; ".join(label(g) for g in point.groups) + ".")
    if res.note:
        text += f" Resolution ({res.rule}): {res.note}"
    suggested = built(Suggested, value=pref.group.value if pref else None, rule=res.rule,
                          as_of=pref.group.as_of_claim.as_of if pref else point.as_of)
    return finding("value_mismatch", severity, key, point.as_of, [g.value for g in point.groups],
                   point.claims, text, suggested)
