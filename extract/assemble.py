"""Assembly: matches -> records (placeholder)."""
from __future__ import annotations


def assemble(doc) -> list[dict]:
    return []
