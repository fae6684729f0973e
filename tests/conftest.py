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


@pytest.fixture(scope="module")
def cluster():
    """A real local Dask cluster (two worker processes), one a test module; skips when dask is missing."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as c:
        yield c
