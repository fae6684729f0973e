"""Hypothesis settings and hostile alphabets shared by the property tests.

Profiles (`HYPOTHESIS_PROFILE=ci|deep`, loaded by conftest.py): `ci` (the default, what `make test`
runs) keeps each property test to seconds; `deep` multiplies every example count by 100 and runs for
minutes, by hand: `HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/test_properties.py
tests/test_clean.py`. A test asks for `examples(n)`: n under `ci`, 100 n under `deep`.
"""
from __future__ import annotations

import os
import sys

import regex
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = {"ci": 1, "deep": 100}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in SCALE:
    raise SystemExit(f"HYPOTHESIS_PROFILE={PROFILE!r}: use one of {', '.join(SCALE)}")

for name, scale in SCALE.items():
    settings.register_profile(name, max_examples=100 * scale, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])


def load() -> None:
    settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """How many examples a test that wants `n` under `ci` runs under the loaded profile."""
    return n * SCALE[PROFILE]


ALL_DIGITS = [chr(c) for c in range(sys.maxunicode + 1) if regex.match(r"\d", chr(c))]
"""Every decimal digit the regex module knows (its Unicode tables are newer than Python's own, so this
includes digits `int()` cannot read, such as U+1E4F1)."""

lone_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
"""Half of a UTF-16 pair: JSON and Python strings can hold one, UTF-8 cannot."""

any_digits = st.lists(st.sampled_from(ALL_DIGITS), min_size=1, max_size=6).map("".join)
"""A run of digits from any Unicode block, mixed."""
