"""Test-wide settings: the hypothesis profile (HYPOTHESIS_PROFILE=ci|deep, see hypothesis_profiles.py)."""
import hypothesis_profiles

hypothesis_profiles.load()
