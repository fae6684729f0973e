"""The tenfold reasons of `suspects.reasons_for` (a value 10, 100, 1000 … times another) are those of every
pair of the finding's values, in order, though pairs under 9 times apart are skipped without a look."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.reconcile.suspects import looks_tenfold, reasons_for
from extract.reconcile.values import fmt
from schemas import Conflict, Key


def _tenfold_reasons(values: list) -> list[str]:
    """What every pair of the sorted values gives, as a plain loop would."""
    values = sorted(set(values))
    return [f"{fmt(hi)} is {round(hi / lo):,} times {fmt(lo)}: a misplaced digit or thousands mark?".replace(",", ".")
            for i, lo in enumerate(values) for hi in values[i + 1:] if looks_tenfold(lo, hi)]


def _conflict(values: list) -> Conflict:
    key = Key(metric="ocop_products", star="3+", scope="Nam Định", kind="total")
    return Conflict(id="c1", type="value_mismatch", severity="medium", key=key, values=values, explanation="x",
                    claims=[])


def test_tenfold_values_among_others():
    values = [0, 3, 12, 30, 98, 120, 1200, 1201, 11760, 12000, 120000]
    got = reasons_for(_conflict(values), {}, {}, {})
    assert got == list(dict.fromkeys(_tenfold_reasons(values)))
    assert "1.200 is 100 times 12: a misplaced digit or thousands mark?" in got and len(got) > 8


@given(st.lists(st.one_of(st.integers(-50, 100_000), st.floats(0.01, 1e6)), max_size=12))
def test_any_values(values):
    assert reasons_for(_conflict(values), {}, {}, {}) == list(dict.fromkeys(_tenfold_reasons(values)))
