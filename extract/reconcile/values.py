"""What values a stated figure allows, and when two statements agree.

A qualifier widens a number to the values it allows; the width follows how round the number is
(`hơn 17.000` is read as 17.000 to 18.000, `hơn 1.300` as 1.300 to 1.400):

>>> allowed(17000, approx="over"), allowed(105, 110, "range"), allowed(36, approx="at_least")
((17000, 18000), (105, 110), (36, inf))
>>> agree(allowed(17000, approx="over"), allowed(17316)), agree(allowed(105, 110, "range"), allowed(110))
(True, True)
>>> agree(allowed(6), allowed(9))
False

Percentages are stated rounded; `22%` allows 21,5 to 22,5:

>>> allowed(22, unit="%")
(21.5, 22.5)
"""
from __future__ import annotations

import math

INF = math.inf
ABOUT_SHARE = 0.05
"""`khoảng`/`gần` allows at least this share of the value either side."""
OVER_SHARE = 0.10
"""`hơn 1.571` (a number that is not round) allows up to this share more."""


def roundness(value: float) -> float:
    """The step a number is rounded to: 17000 -> 1000, 1300 -> 100, 1571 -> 1, 73.2 -> 0.1.

    >>> roundness(17000), roundness(1300), roundness(1571), roundness(73.2), roundness(0)
    (1000, 100, 1, 0.1, 1)
    """
    if value == 0:
        return 1
    if value != int(value):
        decimals = len(repr(float(value)).split(".")[1].rstrip("0"))
        return 10 ** -decimals
    n, step = int(value), 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return step


def allowed(value: float, value_max: float | None = None, approx: str = "exact",
            unit: str | None = None, lower_bound_only: bool = False) -> tuple[float, float]:
    """The closed range of values a statement allows."""
    if approx == "exact" and unit != "%" and not lower_bound_only:     # most statements: no rounding to read
        return (value, value)
    step = roundness(value)
    if lower_bound_only:                         # a count for one organization: the place has at least it
        return (value, INF)
    if approx == "range" and value_max is not None:
        return (value, value_max)
    if approx == "at_least":
        return (value, INF)
    if approx == "at_most":
        return (0, value)
    if approx == "over":
        return (value, value + step if step > 1 else value * (1 + OVER_SHARE) + step)
    if approx == "under":
        return (max(0, value - step) if step > 1 else value * (1 - OVER_SHARE) - step, value)
    if approx == "about":
        tol = max(step / 2, value * ABOUT_SHARE)
        return (value - tol, value + tol)
    if unit == "%":
        half = max(0.5, step / 2) if value == int(value) else step / 2
        return (value - half, value + half)
    return (value, value)


def agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def is_exact(rng: tuple[float, float]) -> bool:
    return rng[0] == rng[1]


def fmt(value: float | None) -> str:
    """A number as the articles write it: `.` between thousands, `,` before decimals.

    >>> fmt(3317), fmt(73.2), fmt(17000.0), fmt(None)
    ('3.317', '73,2', '17.000', '?')
    """
    if value is None:
        return "?"
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:.2f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")


def fmt_claim(value: float, value_max: float | None, approx: str) -> str:
    """`hơn 17.000`, `105–110`, `ít nhất 36`: a claim's value with its qualifier, as a reader says it.

    >>> fmt_claim(17000, None, "over"), fmt_claim(105, 110, "range"), fmt_claim(6, None, "exact")
    ('hơn 17.000', '105–110', '6')
    """
    words = {"over": "hơn", "under": "dưới", "about": "khoảng", "at_least": "ít nhất", "at_most": "tối đa"}
    if approx == "range" and value_max is not None:
        return f"{fmt(value)}–{fmt(value_max)}"
    return f"{words[approx]} {fmt(value)}" if approx in words else fmt(value)
