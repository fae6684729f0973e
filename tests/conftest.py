"""Test-wide settings: the hypothesis profile (HYPOTHESIS_PROFILE=ci|deep, see hypothesis_profiles.py), and the
real browser the page tests drive (Debian's chromium through Playwright, one per test module)."""
import hypothesis_profiles
import pytest

hypothesis_profiles.load()


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api

    from extract.review.browser import launch_chromium
    with sync_api.sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()
