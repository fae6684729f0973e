"""Decisions in SQLite. (Being built.)"""
from __future__ import annotations

from pathlib import Path

from schemas import Decision


def load_decisions(path: str | Path) -> list[Decision]:
    """Every stored decision (the latest per finding), or [] when the database does not exist."""
    return []
