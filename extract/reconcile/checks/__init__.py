"""Findings: one module a check, each a leaf (it imports the shared helpers below it, never another check
or `core`). A check that passes leaves a line in `support` on the facts it concerns; one that fails yields
a `Conflict` with a severity and an explanation a person can read.

- `value_mismatch`: sources give different values for one key at overlapping days.
- `parts_sum`: within one source, parts (star classes, product groups, new + re-rated) do not add up.
- `stock_flow`: totals at two dates and the additions between them do not agree.
- `decrease`: a total falls over time.
- `share_mismatch`: a stated share of the country against the counts it implies.

Each module has `check(account) -> list[Conflict]` (`account`: `results.Account`, the claims and the facts
made of them); a new check is a new module here and one line in `CHECKS`.
"""
from __future__ import annotations

from . import decrease, parts_sum, share_mismatch, stock_flow, value_mismatch

CHECKS = [
    value_mismatch.check,
    parts_sum.check,
    stock_flow.check,
    decrease.check,          # after stock_flow: skips the pairs stock_flow looked at
    share_mismatch.check,
]
"""Every check, in the order they run."""
